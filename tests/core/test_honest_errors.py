"""Errors say what really went wrong: damage only for a damaged index, a folder is a folder,
and scripts get invalid-query errors as JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefreader.cli.main import main
from briefreader.core.errors import IndexUnavailableError
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search import search as search_module
from briefreader.core.search.search import search
from briefreader.core.workspace import Workspace


@pytest.fixture
def index(tmp_path: Path) -> LibraryIndex:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n\nThe pipeline accord.\n")
    built = LibraryIndex(Library.from_folders([folder]), tmp_path / "data" / "index")
    built.update()
    return built


def test_a_bug_in_result_code_is_not_reported_as_damage(
    index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("snippet bug")

    monkeypatch.setattr(search_module, "make_snippet", broken)
    with pytest.raises(ValueError, match="snippet bug"):
        search(index, "pipeline")


def test_a_missing_segment_is_damage_and_only_the_newest_copy_is_kept(index: LibraryIndex) -> None:
    for _round in range(2):
        for segment in index.directory.glob("*.seg"):
            segment.unlink()
        with pytest.raises(IndexUnavailableError, match="damaged"):
            search(index, "pipeline")
        report = index.update()
        assert report.recovered_from and Path(report.recovered_from).is_dir()
        assert search(index, "pipeline").total == 1
    copies = list(index.directory.parent.glob(f"{index.directory.name}.damaged-*"))
    assert [str(c) for c in copies] == [report.recovered_from]


def test_a_damaged_index_that_cannot_be_moved_says_so(
    index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    for segment in index.directory.glob("*.seg"):
        segment.write_bytes(b"junk")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(shutil, "move", refuse)
    with pytest.raises(IndexUnavailableError, match="cannot be moved aside"):
        index.update()


def test_show_on_a_folder_says_it_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["show", str(tmp_path), "--data-dir", str(tmp_path / "d")])
    _out, err = capsys.readouterr()
    assert code == 1 and "is a folder" in err and "unsupported" not in err


def test_an_invalid_query_in_json_mode_prints_json_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["search", '"open phrase', "--json", "--data-dir", str(tmp_path / "d")])
    out, err = capsys.readouterr()
    assert code == 2
    payload = json.loads(out)
    assert payload["query"] == '"open phrase' and "quotation mark" in payload["error"]
    assert "invalid query" in err


def test_text_output_escapes_terminal_controls_and_json_stays_exact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefreader.core.text.terminal import terminal_safe

    assert terminal_safe("a\x1b[31mred\x07\tb\nc\u202eevil\x9b") == (
        "a\\x1b[31mred\\x07\tb\nc\\u202eevil\\x9b"
    )
    folder = tmp_path / "lib"
    folder.mkdir()
    nasty = folder / "evil\x1b]0;owned\x07.md"
    nasty.write_text("---\ntitle: T\x1b[2J\u202eitle\nsource: S\x1b[31m\n---\nThe pact text.\n")
    data = ["--data-dir", str(tmp_path / "d")]
    assert main(["show", str(nasty), *data]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b[2J" in out
    assert main(["search", "pact", "--library", str(folder), *data]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "evil\\x1b]0;owned\\x07.md" in out
    assert main(["show", str(nasty), "--json", *data]) == 0
    assert "\x1b[2J" in json.loads(capsys.readouterr().out)["title"]


def test_the_log_records_skips_and_errors_but_never_document_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "secret.md").write_text("# Classified\n\nThe walrus codeword is BLUEFIN.\n")
    (folder / "blob.md").write_bytes(b"\x00\x01binary\x00" * 40)
    data = tmp_path / "d"
    assert main(["index", str(folder), "--data-dir", str(data)]) == 0
    assert main(["search", '"open', "--data-dir", str(data)]) == 2
    capsys.readouterr()
    for handler in logging.getLogger("briefreader").handlers:
        handler.flush()
    text = Workspace(data).log_file.read_text(encoding="utf-8")
    assert "blob.md: binary file" in text and "invalid query" in text
    assert "BLUEFIN" not in text and "walrus" not in text
