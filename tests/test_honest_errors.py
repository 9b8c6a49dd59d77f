"""Errors say what really went wrong: damage only for a damaged index, a folder is a folder,
and scripts get invalid-query errors as JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.core import search as search_module
from briefreader.core.errors import IndexUnavailableError
from briefreader.core.index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search import search


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
