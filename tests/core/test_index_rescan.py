"""Updates limited to what a folder watcher reported: edited, added, deleted and moved files
and folders, and what the index remembers between updates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search.search import search


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {path.stem}\n\n{text}\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, LibraryIndex]:
    folder = tmp_path / "lib"
    for number in range(6):
        write(folder, f"brief{number}.md", f"Common words and treaty number{number}.")
    write(folder, "asia/cable.md", "Cable about the Mekong accord.")
    write(folder, "asia/deep/memo.md", "Memo about the river commission.")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    report = index.update()
    assert report.indexed == 8
    return folder, index


def total(index: LibraryIndex, query: str) -> int:
    return search(index, query, limit=20).total


def test_an_edited_file_is_updated_alone(library: tuple[Path, LibraryIndex]) -> None:
    folder, index = library
    path = write(folder, "brief2.md", "Now about the zanzibar protocol.")
    report = index.update(changed=[path])
    assert (report.updated, report.unchanged, report.removed) == (1, 7, 0)
    assert total(index, "zanzibar") == 1 and total(index, "number2") == 0
    path = write(folder, "brief2.md", "Edited twice: the kilimanjaro protocol.")
    index.update(changed=[path])  # the old version is found by path, not by a stale number
    assert total(index, "kilimanjaro") == 1 and total(index, "zanzibar") == 0
    assert total(index, "treaty") == 5  # no other document was touched


def test_added_deleted_and_moved_files_and_folders(library: tuple[Path, LibraryIndex]) -> None:
    folder, index = library
    added = write(folder, "asia/new.md", "A new note on the lancang dam.")
    report = index.update(changed=[str(folder / "asia")])
    assert (report.indexed, report.removed) == (1, 0) and total(index, "lancang") == 1

    os.remove(folder / "brief0.md")
    report = index.update(changed=[str(folder / "brief0.md")])
    assert report.removed == 1 and total(index, "number0") == 0

    shutil.rmtree(folder / "asia" / "deep")  # a sub-folder gone: seen as its parent's change
    report = index.update(changed=[str(folder / "asia")])
    assert report.removed == 1 and total(index, "commission") == 0

    moved_in = folder / "asia" / "archive"
    write(moved_in, "old.md", "An archived brief on the irrawaddy.")
    write(moved_in, "older/oldest.md", "The oldest brief on the salween.")
    report = index.update(changed=[str(folder / "asia")])
    assert report.indexed == 2 and total(index, "salween") == 1

    os.rename(added, folder / "asia" / "renamed.md")
    report = index.update(changed=[str(folder / "asia")])
    assert (report.indexed, report.removed) == (1, 1) and total(index, "lancang") == 1


def test_what_is_not_the_librarys_is_left_alone(
    library: tuple[Path, LibraryIndex], tmp_path: Path
) -> None:
    folder, index = library
    hidden = write(folder, ".drafts/secret.md", "A hidden draft on the orinoco.")
    outside = write(tmp_path / "elsewhere", "other.md", "Elsewhere, the amazon.")
    report = index.update(changed=[hidden, str(folder / ".drafts"), outside])
    assert report.indexed == 0 and total(index, "orinoco OR amazon") == 0


def test_a_change_of_the_library_folder_itself_scans_it_whole(
    library: tuple[Path, LibraryIndex],
) -> None:
    folder, index = library
    write(folder, "asia/deep/second.md", "A second memo on the yangtze.")  # not reported below
    write(folder, "brief9.md", "A ninth brief on the ganges.")
    report = index.update(changed=[str(folder)])
    assert report.indexed == 2 and total(index, "yangtze") == 1


def test_another_writer_in_between_is_noticed(library: tuple[Path, LibraryIndex]) -> None:
    folder, index = library
    other = LibraryIndex(index.library, index.directory)
    path = write(folder, "brief3.md", "Changed by another window: the volta basin.")
    other.update()  # a second window updates first; this object's memory is out of date
    path = write(folder, "brief3.md", "Changed again: the niger basin.")
    index.update(changed=[path])
    assert total(index, "niger") == 1 and total(index, "volta") == 0
    assert total(index, "basin") == 1  # one version of the file, not two


def test_segments_left_by_quick_updates_are_merged_by_tidy(
    library: tuple[Path, LibraryIndex],
) -> None:
    from briefreader.core.index.library_index import TIDY_ABOVE

    folder, index = library
    for round_ in range(TIDY_ABOVE + 1):
        path = write(folder, "brief1.md", f"Round {round_}: the danube {'x' * round_}.")
        index.update(changed=[path])  # each commits a small segment of its own
    assert index.fragmented()
    index.tidy()
    assert not index.fragmented()
    path = write(folder, "brief1.md", "After the merge: the rhine.")
    index.update(changed=[path])  # remembered entries still right after renumbering
    assert total(index, "rhine") == 1 and total(index, "danube") == 0
    assert total(index, "treaty") == 5


def test_a_phrase_is_found_in_a_segment_with_deleted_documents(
    library: tuple[Path, LibraryIndex],
) -> None:
    folder, index = library
    path = write(folder, "brief4.md", "The river commission met about the Mekong accord.")
    index.update(changed=[path])  # the old version stays, deleted, in the first segment
    assert total(index, '"mekong accord"') == 2  # the cable and the edited brief
    assert total(index, '"common words"') == 5
