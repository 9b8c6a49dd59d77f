"""Full disks, read-only storage and damaged files: one clear line, nothing half-written kept."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter

from briefreader.core.errors import IndexUnavailableError
from briefreader.core.index.library_index import PARALLEL_THRESHOLD, LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search.search import search
from briefreader.core.workspace import Workspace


def _library(folder: Path, count: int, words: int = 5) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(count):
        body = " ".join(f"w{number}x{i}" for i in range(words))
        (folder / f"d{number}.txt").write_text(f"alpha note {number}\n{body}\n", encoding="utf-8")


def _index(tmp_path: Path, data: Path) -> LibraryIndex:
    return Workspace(data).index_for(Library.from_folders([tmp_path / "lib"]))


def _files(index: LibraryIndex) -> set[str]:
    return {p.name for p in index.directory.iterdir()}


def test_full_disk_during_commit_gives_one_line_and_removes_partial_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _library(tmp_path / "lib", 3)
    index = _index(tmp_path, tmp_path / "data")
    index.update()
    committed = _files(index)
    _library(tmp_path / "lib", 6)
    original = SegmentWriter.commit

    def full_disk(self: SegmentWriter, *args: object, **kwargs: object) -> None:
        self._finalize_segment()  # the new segment's files are written, the TOC is not
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "commit", full_disk)
    with pytest.raises(IndexUnavailableError, match=r"disk holding .* is full"):
        index.update()
    assert _files(index) == committed
    assert search(index, "alpha").total == 3
    monkeypatch.setattr(SegmentWriter, "commit", original)
    assert index.update().total == 6


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_keeps_the_committed_index(tmp_path: Path, tiny_disk: Path) -> None:
    _library(tmp_path / "lib", 3)
    index = _index(tmp_path, tiny_disk)
    index.update()
    committed = _files(index)
    big = tmp_path / "lib" / "big"
    _library(big, 60, words=2000)  # about 1.5 MB of distinct words: more than the disk
    with pytest.raises(IndexUnavailableError, match="is full"):
        index.update()
    assert _files(index) == committed
    assert search(index, "alpha").total == 3
    shutil.rmtree(big)
    (tmp_path / "lib" / "late.txt").write_text("alpha late arrival\n", encoding="utf-8")
    assert index.update().total == 4


def test_a_no_op_update_on_read_only_storage_succeeds(tmp_path: Path, tiny_disk: Path) -> None:
    _library(tmp_path / "lib", 3)
    index = _index(tmp_path, tiny_disk)
    index.update()
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    report = index.update()
    assert (report.unchanged, report.total) == (3, 3)
    (tmp_path / "lib" / "new.txt").write_text("alpha new\n", encoding="utf-8")
    with pytest.raises(IndexUnavailableError, match="read-only storage"):
        index.update()
    assert search(index, "alpha").total == 3


@pytest.mark.parametrize("damage", ["delete-seg", "truncate", "junk-toc", "junk-all"])
def test_any_damage_gives_one_message_and_a_rebuild(tmp_path: Path, damage: str) -> None:
    _library(tmp_path / "lib", 3)
    index = _index(tmp_path, tmp_path / "data")
    index.update()
    for path in index.directory.iterdir():
        if damage == "delete-seg" and path.suffix == ".seg":
            path.unlink()
        elif damage == "truncate" and path.suffix in (".seg", ".trm", ".pst"):
            path.write_bytes(path.read_bytes()[:7])
        elif damage == "junk-toc" and path.suffix == ".toc":
            path.write_bytes(b"\x00junk" * 9)
        elif damage == "junk-all" and path.name != "library.json":
            path.write_bytes(b"junk")
    with pytest.raises(IndexUnavailableError, match="damaged"):
        search(index, "alpha")
    report = index.update()
    assert report.recovered_from is not None
    assert search(index, "alpha").total == 3


def test_only_the_newest_damaged_copy_is_kept(tmp_path: Path) -> None:
    _library(tmp_path / "lib", 2)
    index = _index(tmp_path, tmp_path / "data")
    index.update()
    for round_ in range(3):
        for segment in index.directory.glob("*.seg"):
            segment.write_bytes(b"junk")
        (index.directory.parent / f"{index.directory.name}.damaged-{round_}").mkdir(exist_ok=True)
        report = index.update()
        assert report.recovered_from is not None
    copies = list(index.directory.parent.glob(f"{index.directory.name}.damaged-*"))
    assert [str(p) for p in copies] == [report.recovered_from]


def test_writer_processes_on_a_full_disk_print_nothing_and_the_commit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path / "lib", 3)
    index = _index(tmp_path, tmp_path / "data")
    index.update()
    committed = _files(index)
    _library(tmp_path / "lib", PARALLEL_THRESHOLD + 20)

    def full_disk(self: SegmentWriter) -> None:  # only the writer processes finish segments
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "_finalize_segment", full_disk)
    capfd.readouterr()
    with pytest.raises(IndexUnavailableError, match=r"disk holding .* is full"):
        index.update(processes=2)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "SubWriterTask" not in err, err
    assert _files(index) == committed
    assert search(index, "alpha").total == 3


def test_the_command_line_on_a_really_full_disk_prints_one_line(
    tmp_path: Path, tiny_disk: Path
) -> None:
    _library(tmp_path / "lib", PARALLEL_THRESHOLD + 200, words=300)
    done = subprocess.run(
        [sys.executable, "-m", "briefreader", "index", str(tmp_path / "lib"),
         "--data-dir", str(tiny_disk / "data")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "is full" in done.stderr, done.stderr
