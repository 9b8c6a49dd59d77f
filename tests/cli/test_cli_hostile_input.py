"""Hostile input at the command line: invalid ranges answer scripts in JSON, file names with
line breaks cannot fake result lines, and a tag cannot smuggle in the tag separator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefreader.cli.main import main
from briefreader.core.annotations.store import AnnotationError
from briefreader.core.loaders import load_document
from briefreader.core.search import search as search_module
from briefreader.core.text.terminal import one_line
from briefreader.core.workspace import Workspace
from briefreader.ui.notes.presenter import split_tags


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(tmp_path / "data")])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "pact.md").write_text("---\ndate: 2020-05-01\n---\n# Pact\n\nThe fisheries pact.\n")
    return folder


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("date:[2020 to", "needs both"),
        ("date:[zzz TO 2020]", "'zzz' is not a date"),
        ("date:[2020 TO soon]", "'soon' is not a date"),
        ("date:[2021 TO 2019]", "starts (2021) after it ends (2019)"),
    ],
)
def test_an_invalid_date_range_is_a_json_error_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: Path, query: str, reason: str
) -> None:
    code, out, err = run(capsys, tmp_path, "search", query, "--library", str(library), "--json")
    assert code == 2 and "invalid query" in err
    assert json.loads(out) == {"query": query, "error": json.loads(out)["error"]}
    assert reason in json.loads(out)["error"]


def test_valid_and_open_date_ranges_still_search(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: Path
) -> None:
    for query in ("date:[2020 TO 2020]", "date:[2019 TO]", "date:[TO 2020-06]"):
        code, out, err = run(capsys, tmp_path, "search", query, "--library", str(library), "--json")
        assert code == 0 and json.loads(out)["total"] == 1, (query, err)


def test_a_query_the_index_refuses_is_a_json_error_too(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (library / "words.md").write_text(" ".join(f"word{n:03}" for n in range(60)) + "\n")
    monkeypatch.setattr(search_module, "MAX_EXPANSIONS", 30)
    code, out, err = run(capsys, tmp_path, "search", "word*", "--library", str(library), "--json")
    assert code == 2 and "matches more than 30 words" in err
    assert "matches more than 30 words" in json.loads(out)["error"]


def test_line_breaks_and_tabs_in_file_names_and_titles_are_escaped_in_text_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: Path
) -> None:
    fake = "x.md\n\n2. Forged result\n   etc-passwd\t"
    (library / f"evil{fake}.md").write_text("# Evil\n\nThe fisheries pact.\n")
    (library / "tab\there.md").write_text("# Tab\there\n\nThe fisheries pact again.\n")
    code, out, _ = run(capsys, tmp_path, "search", "fisheries", "--library", str(library))
    assert code == 0
    assert "Forged result" in out and "\n2. Forged result" not in out
    assert "evilx.md\\n\\n2. Forged result\\n   etc-passwd\\t.md" in out
    assert "tab\\there.md" in out and "\t" not in out
    code, out, _ = run(capsys, tmp_path, "search", "fisheries", "--library", str(library), "--json")
    paths = {Path(hit["path"]).name for hit in json.loads(out)["hits"]}
    assert f"evil{fake}.md" in paths and "tab\there.md" in paths
    assert one_line("a\nb\tc\x1b") == "a\\nb\\tc\\x1b"


def test_a_tag_with_the_separator_or_a_control_is_refused_with_a_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: Path
) -> None:
    pact = str(library / "pact.md")
    add = ("notes", "add", pact, "--quote", "fisheries")
    code, out, err = run(capsys, tmp_path, *add, "--tag", "a\x1fb")
    assert code == 2 and out == "" and "a tag cannot hold control characters" in err
    assert "\x1f" not in err and "\\x1f" in err
    code, out, _ = run(capsys, tmp_path, "notes", "list", "--json")
    assert json.loads(out)["annotations"] == []
    code, out, _ = run(capsys, tmp_path, *add, "--tag", "a b", "--json")
    assert code == 0 and json.loads(out)["tags"] == ["a b"]


def test_the_store_refuses_control_characters_in_tags(tmp_path: Path, library: Path) -> None:
    store = Workspace(tmp_path / "data").notes
    document = load_document(library / "pact.md")
    start = document.text.index("fisheries")
    with pytest.raises(AnnotationError, match="control characters"):
        store.create(document, start, start + 9, "key", tags=["one\x1ftwo"])
    note = store.create(document, start, start + 9, "key", tags=["one"])
    with pytest.raises(AnnotationError, match="control characters"):
        store.edit(note.id, tags=["line\nbreak"])
    assert store.get(note.id).tags == ["one"]
    assert split_tags("a\x1fb, c\td") == ["a b", "c d"]


def test_a_huge_fuzzy_distance_is_searched_as_two_and_said(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: Path
) -> None:
    code, out, err = run(
        capsys, tmp_path, "search", "fisherise~9", "--library", str(library), "--json"
    )
    payload = json.loads(out)
    assert code == 0 and payload["total"] == 1
    assert "at most 2 edits" in payload["notes"][0] and "at most 2 edits" in err


def test_an_error_naming_a_path_stays_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run(capsys, tmp_path, "index", str(tmp_path / "no\nsuch: folder"))
    assert code == 2 and err.count("\n") == 1 and "no\\nsuch: folder" in err
