"""The Whoosh index on disk: incremental updates, bad input, damage and locking."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from briefreader.core.errors import IndexUnavailableError
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import MAX_FILE_BYTES
from briefreader.core.search.search import search
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    return folder


def indexed(library: Path, data_dir: Path, *names: str) -> LibraryIndex:
    """An index of ``library`` after one update, with a one-line document per name."""
    for name in names:
        write(library, name, f"# {Path(name).stem.title()}\n\nThe {name} treaty.\n")
    index = make_index(library, data_dir)
    index.update()
    return index


def make_index(folder: Path, data_dir: Path) -> LibraryIndex:
    return Workspace(AppPaths.resolve(data_dir).data_dir).index_for(Library.from_folders([folder]))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def titles(index: LibraryIndex) -> list[str]:
    return [row.title for row in index.summaries()]


def test_incremental_add_change_delete_unchanged(library: Path, data_dir: Path) -> None:
    write(library, "a.md", "# Alpha accord\n\nThe alpha treaty on fisheries.\n")
    write(library, "b.md", "# Bravo pact\n\nThe bravo pact on shipping.\n")
    stale = write(library, "c.txt", "Charlie note\n\nA note about grain exports.\n")
    index = make_index(library, data_dir)

    first = index.update()
    assert (first.indexed, first.updated, first.removed, first.unchanged) == (3, 0, 0, 0)
    assert first.total == 3
    assert index.directory.is_relative_to(data_dir)

    second = index.update()
    assert (second.indexed, second.updated, second.removed, second.unchanged) == (0, 0, 0, 3)

    changed = write(library, "b.md", "# Bravo pact revised\n\nNow about submarine cables.\n")
    bump_mtime(changed)
    stale.unlink()
    write(library, "d.html", "<h1>Delta deal</h1><p>On satellite launches.</p>")
    third = index.update()
    assert (third.indexed, third.updated, third.removed, third.unchanged) == (1, 1, 1, 1)
    assert third.total == 3
    assert sorted(titles(index)) == ["Alpha accord", "Bravo pact revised", "Delta deal"]
    assert search(index, "submarine").total == 1
    assert search(index, "shipping").total == 0  # the old version is gone
    assert search(index, "grain").total == 0  # the deleted file is gone


def test_touched_file_with_same_content_counts_as_unchanged(library: Path, data_dir: Path) -> None:
    path = write(library, "a.md", "# Alpha\n\nText.\n")
    index = make_index(library, data_dir)
    index.update()
    bump_mtime(path)
    report = index.update()
    assert (report.updated, report.unchanged, report.total) == (0, 1, 1)
    assert index.update().unchanged == 1  # the new mtime was recorded


def test_bad_files_are_skipped_with_reasons_and_the_rest_indexed(
    library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(library, "good.md", "# Good briefing\n\nThe treaty was signed.\n")
    (library / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)
    (library / "latin1.txt").write_bytes("Traité signé à Genève. ".encode("latin-1") * 10)
    (library / "empty.txt").write_bytes(b"")
    with (library / "huge.txt").open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    write(library, "locked.md", "# Locked\n")
    (library / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (library / "broken-link.md").symlink_to(library / "missing-target.md")

    import briefreader.core.loaders as loaders

    real_read = loaders.read_file_bytes

    def read(path: Path) -> bytes:
        if path.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(loaders, "read_file_bytes", read)
    report = make_index(library, data_dir).update()
    reasons = {Path(skip.path).name: skip.reason for skip in report.skipped}
    assert report.indexed == 2  # good.md and the Latin-1 file
    assert "binary" in reasons["binary.md"]
    assert "empty" in reasons["empty.txt"]
    assert "too large" in reasons["huge.txt"] and "20.0 MB" in reasons["huge.txt"]
    assert "Permission denied" in reasons["locked.md"]
    assert "unsupported" in reasons["photo.jpg"]
    assert "broken symbolic link" in reasons["broken-link.md"]
    assert MAX_FILE_BYTES < 20 * 1024 * 1024


def test_cancelled_update_keeps_what_it_finished(library: Path, data_dir: Path) -> None:
    for number in range(10):
        write(library, f"doc{number}.md", f"# Document {number}\n\nBody {number}.\n")
    index = make_index(library, data_dir)
    cancel = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        if done == 4:
            cancel.set()

    report = index.update(progress=progress, cancel=cancel)
    assert report.cancelled
    assert report.total == report.indexed == 5
    follow_up = index.update()
    assert (follow_up.indexed, follow_up.unchanged, follow_up.total) == (5, 5, 10)


def test_progress_reports_every_file(library: Path, data_dir: Path) -> None:
    for number in range(3):
        write(library, f"doc{number}.md", f"# Document {number}\n")
    calls: list[tuple[int, int]] = []
    make_index(library, data_dir).update(progress=lambda d, t, m: calls.append((d, t)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)


def test_damaged_index_is_moved_aside_and_rebuilt(library: Path, data_dir: Path) -> None:
    index = indexed(library, data_dir, "alpha.md")
    for toc in index.directory.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(IndexUnavailableError, match="damaged"):
        search(index, "alpha")
    report = index.update()
    assert report.recovered_from and Path(report.recovered_from).is_dir()
    assert search(index, "alpha").total == 1


def test_second_writer_gets_a_clear_message(library: Path, data_dir: Path) -> None:
    index = indexed(library, data_dir, "alpha.md")
    from whoosh import index as whoosh_index

    holder = whoosh_index.open_dir(str(index.directory), indexname="MAIN").writer()
    try:
        write(library, "b.md", "# Bravo\n")
        with pytest.raises(IndexUnavailableError, match="another BriefReader"):
            index.update()
    finally:
        holder.cancel()
    assert index.update().indexed == 1


def test_full_disk_leaves_the_index_as_it_was(
    library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = indexed(library, data_dir, "alpha.md")
    write(library, "b.md", "# Bravo\n")
    from whoosh.writing import SegmentWriter

    def no_space(self: SegmentWriter, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "commit", no_space)
    with pytest.raises(IndexUnavailableError, match="full"):
        index.update()
    monkeypatch.undo()
    assert [row.title for row in index.summaries()] == ["Alpha"]


def test_libraries_get_separate_indexes(tmp_path: Path, data_dir: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    assert make_index(one, data_dir).directory != make_index(two, data_dir).directory
    both = Library.from_folders([two, one])
    assert both == Library.from_folders([one, two, one])


def test_small_updates_commit_without_merging_until_segments_pile_up(
    library: Path, data_dir: Path
) -> None:
    from briefreader.core.index.library_index import MAX_SEGMENTS

    index = make_index(library, data_dir)
    for number in range(30):
        write(library, f"base{number}.md", f"# Base {number}\n\nCommon text.\n")
    index.update()
    counts = []
    for number in range(MAX_SEGMENTS + 3):
        write(library, f"new{number}.md", f"# New {number}\n\nFresh text kiwi{number}.\n")
        index.update()
        counts.append(len(index._open()._segments()))
        assert search(index, f"kiwi{number}").total == 1  # searchable at once
    assert counts[1] == counts[0] + 1  # a small update adds a segment of its own
    assert max(counts) <= MAX_SEGMENTS + 1  # and they are merged once they pile up
    assert len(titles(index)) == 30 + MAX_SEGMENTS + 3


def test_a_large_update_commits_in_batches_without_losing_or_doubling(
    library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefreader.core.index.library_index as index_module

    monkeypatch.setattr(index_module, "FIRST_BATCH", 20)
    monkeypatch.setattr(index_module, "BATCH", 50)
    for number in range(120):
        write(library, f"doc{number:03}.md", f"# Doc {number}\n\nFirst version plum.\n")
    index = make_index(library, data_dir)
    listed: list[int] = []
    report = index.update(committed=lambda done: listed.append(len(titles(index))))
    assert listed == [20, 70] and report.indexed == 120 and len(titles(index)) == 120
    for number in range(120):  # every file changes: later batches replace, never double
        path = write(library, f"doc{number:03}.md", f"# Doc {number}\n\nSecond version fig.\n")
        bump_mtime(path)
    report = index.update(committed=lambda done: None)
    assert (report.updated, report.indexed) == (120, 0)
    assert search(index, "fig").total == 120 and search(index, "plum").total == 0
    assert len(titles(index)) == 120
