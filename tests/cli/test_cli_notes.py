"""The notes commands (a contract): add by quote, list with re-anchoring, every export
format, import without duplicates, and nothing lost when a writer is killed."""

from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefreader.cli.main import main

FIELDS = {"id", "path", "sha256", "exact", "prefix", "suffix", "start", "end", "color",
          "comment", "tags", "state", "created", "modified", "library",
          "relative_path"}  # fmt: skip
TEXT = "# Cable\n\nThe pact was signed. The pact covers <fisheries> & ports 😀.\n"


@pytest.fixture
def cable(tmp_path: Path) -> Path:
    path = tmp_path / "cable.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(tmp_path / "data")])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_by_quote_with_the_contracts_errors(capsys, tmp_path, cable) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, tmp_path, "notes", "add", str(cable), "--quote", "treaty")
    assert code == 2 and "does not occur" in err
    code, _, err = run(capsys, tmp_path, "notes", "add", str(cable), "--quote", "The pact")
    assert code == 2 and "2 times" in err and "--occurrence" in err
    code, out, _ = run(
        capsys, tmp_path, "notes", "add", str(cable), "--quote", "The pact", "--occurrence",
        "2", "--comment", "Check <this>", "--tag", "ports", "--tag", "fish", "--color",
        "concern", "--json",
    )  # fmt: skip
    assert code == 0
    note = json.loads(out)
    assert set(note) == FIELDS
    assert (note["exact"], note["color"]) == ("The pact", "concern")
    assert note["tags"] == ["ports", "fish"]
    text = json.loads(subprocess.run(
        [sys.executable, "-m", "briefreader", "show", str(cable), "--json"],
        capture_output=True, text=True, check=True).stdout)["text"]  # fmt: skip
    assert text[note["start"] : note["end"]] == "The pact"
    assert note["start"] == text.index("The pact", text.index("The pact") + 1)


def test_list_reanchors_and_filters_by_tag(capsys, tmp_path, cable) -> None:  # type: ignore[no-untyped-def]
    run(capsys, tmp_path, "notes", "add", str(cable), "--quote", "covers", "--tag", "a")
    run(capsys, tmp_path, "notes", "add", str(cable), "--quote", "signed", "--tag", "b")
    cable.write_text("Preface added.\n\n" + TEXT, encoding="utf-8")
    _code, out, _ = run(capsys, tmp_path, "notes", "list", "--tag", "a", "--json")
    [note] = json.loads(out)["annotations"]
    assert note["exact"] == "covers" and note["state"] == "moved"
    assert cable.read_text()[: note["start"]].count("\n") >= 2


def test_every_export_format_and_import_without_duplicates(capsys, tmp_path, cable) -> None:  # type: ignore[no-untyped-def]
    run(capsys, tmp_path, "notes", "add", str(cable), "--quote", "<fisheries> & ports",
        "--comment", "**why** <script>", "--tag", "fish")  # fmt: skip
    code, markdown, _ = run(capsys, tmp_path, "notes", "export", "--format", "markdown")
    assert code == 0 and "> &lt;fisheries&gt; &amp; ports" in markdown  # shown, not HTML
    code, none, _ = run(
        capsys, tmp_path, "notes", "export", "--format", "csv", "--color", "question"
    )
    assert code == 0 and len(list(csv.DictReader(io.StringIO(none)))) == 0
    assert "briefreader://open?path=" in markdown and "#fish" in markdown
    code, out, _ = run(capsys, tmp_path, "notes", "export", "--format", "json")
    collection = json.loads(out)
    [item] = collection["items"]
    types = {s["type"] for s in item["target"]["selector"]}
    assert types == {"TextQuoteSelector", "TextPositionSelector"}
    assert {"type": "TextualBody", "purpose": "tagging", "value": "fish"} in item["body"]
    assert item["target"]["briefreader:sha256"]
    code, out, _ = run(capsys, tmp_path, "notes", "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["quote"] == "<fisheries> & ports" and rows[0]["tags"] == "fish"
    code, page, _ = run(capsys, tmp_path, "notes", "export", "--format", "html")
    assert "<script>" not in page and "&lt;fisheries&gt; &amp; ports" in page
    pdf = tmp_path / "notes.pdf"
    code, _, _ = run(capsys, tmp_path, "notes", "export", "--format", "pdf", "--out", str(pdf))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    exported = tmp_path / "notes.json"
    exported.write_text(json.dumps(collection), encoding="utf-8")
    code, out, _ = run(capsys, tmp_path, "notes", "import", str(exported))
    assert "imported 0" in out
    other = tmp_path / "other"
    code = main(["notes", "import", str(exported), "--data-dir", str(other)])
    assert code == 0 and "imported 1" in capsys.readouterr().out
    code = main(["notes", "list", "--json", "--data-dir", str(other)])
    assert len(json.loads(capsys.readouterr().out)["annotations"]) == 1


WRITER = """
import sys
from pathlib import Path
from briefreader.core.annotations import AnnotationStore
from briefreader.core.loaders import load_document
store = AnnotationStore(Path(sys.argv[1]))
document = load_document(Path(sys.argv[2]))
while True:
    note = store.create(document, 2, 7, "key", "x")
    print(note.id, flush=True)
"""


def test_killing_a_writer_loses_no_committed_annotation(tmp_path, cable) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "notes.sqlite3"
    committed: list[str] = []
    for _round in range(4):
        writers = [
            subprocess.Popen([sys.executable, "-c", WRITER, str(database), str(cable)],
                             stdout=subprocess.PIPE, text=True)
            for _ in range(2)  # two processes writing at once
        ]
        time.sleep(0.8)
        for writer in writers:
            writer.send_signal(signal.SIGKILL)
        for writer in writers:
            out, _ = writer.communicate()
            committed += out.split()
    assert committed
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in connection.execute("SELECT id FROM annotations")}
    assert set(committed) <= stored


def test_a_moved_and_edited_library_keeps_its_notes(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "briefings"
    (library / "asia").mkdir(parents=True)
    cable = library / "asia" / "cable.md"
    cable.write_text(TEXT, encoding="utf-8")
    assert run(capsys, tmp_path, "index", str(library))[0] == 0
    _code, out, _ = run(
        capsys, tmp_path, "notes", "add", str(cable), "--quote", "covers", "--json"
    )
    note = json.loads(out)
    assert (note["library"], note["relative_path"]) == (str(library), "asia/cable.md")

    moved = tmp_path / "briefings-2026"
    library.rename(moved)
    edited = moved / "asia" / "cable.md"
    edited.write_text("Update: talks resumed.\n\n" + TEXT, encoding="utf-8")
    assert run(capsys, tmp_path, "index", str(moved))[0] == 0
    code, out, _ = run(capsys, tmp_path, "notes", "list", "--json")
    assert code == 0
    [found] = json.loads(out)["annotations"]
    assert found["id"] == note["id"] and found["path"] == str(edited)
    assert (found["library"], found["relative_path"]) == (str(moved), "asia/cable.md")
    assert found["state"] == "moved" and found["exact"] == "covers"


def test_exports_carry_the_entity_corrections(capsys, tmp_path, cable) -> None:  # type: ignore[no-untyped-def]
    from briefreader.core.workspace import Workspace

    store = Workspace(tmp_path / "data").entity_corrections
    store.add("TREATY", "The pact")
    store.watch("fisheries")
    Workspace(tmp_path / "data").fact_corrections.record(
        str(cable), "The pact", "status", "edit", "signed", "ratified"
    )
    run(capsys, tmp_path, "notes", "add", str(cable), "--quote", "covers")
    _code, out, _ = run(capsys, tmp_path, "notes", "export", "--format", "markdown")
    assert "## Corrections" in out
    assert "- Added as treaty: The pact" in out and "- Watched: fisheries" in out
    assert "- status: “signed” → “ratified” (cable.md, The pact)" in out
    _code, out, _ = run(capsys, tmp_path, "notes", "export", "--format", "json")
    data = json.loads(out)
    assert data["briefreader:entityCorrections"][0]["text"] == "The pact"
    assert data["briefreader:watched"] == ["fisheries"]
    assert data["briefreader:factCorrections"][0]["new_value"] == "ratified"
    _code, out, _ = run(capsys, tmp_path, "notes", "export", "--format", "html")
    assert "<h2>Corrections</h2>" in out


def test_an_export_heads_each_documents_notes_by_its_title(capsys, tmp_path, cable) -> None:  # type: ignore[no-untyped-def]
    """The title the library and the reader show ("Cable", from the heading), not the file
    name, as the window's export does."""
    run(capsys, tmp_path, "notes", "add", str(cable), "--quote", "covers")
    code, out, _ = run(capsys, tmp_path, "notes", "export", "--format", "markdown")
    assert code == 0
    assert "## Cable\n" in out and "## cable.md" not in out
    page = tmp_path / "notes.html"
    code, _, _ = run(capsys, tmp_path, "notes", "export", "--format", "html", "--out", str(page))
    assert code == 0 and "<h2>Cable</h2>" in page.read_text(encoding="utf-8")
