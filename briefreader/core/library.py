"""A library: one or more folders of briefings, and what is in them right now."""

from __future__ import annotations

import bisect
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefreader.core.loaders import SUPPORTED_EXTENSIONS


@dataclass(frozen=True)
class FileEntry:
    """A candidate document as seen by ``stat``: enough to tell whether it changed."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Skip:
    """A file that is not in the index, and why (shown to the analyst)."""

    path: str
    reason: str


@dataclass
class ScanResult:
    files: list[FileEntry] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    # Library folders that are gone (unmounted, renamed): their documents are kept, not removed.
    missing_folders: list[Path] = field(default_factory=list)


def stable_key(*parts: str) -> str:
    """A short, filesystem-safe key derived from strings (library folder lists)."""
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Library:
    """A set of folders indexed together. Its ``key`` names its index folder."""

    folders: tuple[Path, ...]

    @classmethod
    def from_folders(cls, folders: Iterable[str | Path]) -> Library:
        resolved = sorted({Path(folder).expanduser().resolve() for folder in folders})
        if not resolved:
            raise ValueError("a library needs at least one folder")
        return cls(tuple(resolved))

    @property
    def key(self) -> str:
        return stable_key(*(str(folder) for folder in self.folders))

    @property
    def name(self) -> str:
        return ", ".join(folder.name or str(folder) for folder in self.folders)

    def contains(self, path: str | Path) -> bool:
        resolved = Path(path).resolve()
        return any(resolved.is_relative_to(folder) for folder in self.folders)

    def scan(self, exclude: Iterable[Path] = (), follow_outside: bool = False) -> ScanResult:
        """List supported files below the folders; hidden files and folders, and the folders
        in ``exclude`` (the application's own data), are ignored.

        Symbolic links are followed only while they stay inside the library's folders (a link
        to /etc must not put system files in the index), unless ``follow_outside``; a link back
        up the tree is walked once. A sub-folder that cannot be read is reported as skipped
        and counted as missing, so its documents stay in the index until it is readable again.
        """
        walker = _Walker(self.folders, exclude, follow_outside)
        for folder in self.folders:
            if not folder.is_dir():
                walker.result.skipped.append(Skip(str(folder), "folder not found"))
                walker.result.missing_folders.append(folder)
                continue
            walker.walk(str(folder))
        return walker.result

    def rescan(
        self,
        changed: Iterable[str],
        indexed: Iterable[str],
        exclude: Iterable[Path] = (),
        follow_outside: bool = False,
    ) -> Rescan | None:
        """What changed where a folder watcher saw changes, without walking the library.

        A changed file is looked at alone; a changed folder lists its own entries (a file
        gone from it, or a sub-folder gone with its files, has ``vanished``) and walks only
        the sub-folders the index knows nothing of (moved in whole). None when a library
        folder itself changed or went missing: only a full scan can tell what happened there.
        """
        walker = _Walker(self.folders, exclude, follow_outside)
        roots = {str(folder) for folder in self.folders}
        known = sorted(indexed)
        rescan = Rescan(walker.result)
        for path in sorted(set(changed)):
            if path in roots or not walker.within(path):
                if path in roots:
                    return None
                continue
            if os.path.isdir(path):
                rescan.vanished += walker.list_folder(path, known)
            elif os.path.lexists(path):
                walker.add_path(path)
            else:
                rescan.vanished += [p for p in _under(known, path) if p == path]
                rescan.vanished += _under(known, path + os.sep)  # a folder gone whole
        return rescan


@dataclass
class Rescan:
    """A targeted scan: the files found where changes were seen, and indexed paths gone."""

    result: ScanResult
    vanished: list[str] = field(default_factory=list)


def _under(known: list[str], prefix: str) -> list[str]:
    """The sorted ``known`` paths starting with ``prefix`` (a binary search, then a run)."""
    start = bisect.bisect_left(known, prefix)
    found = []
    for path in known[start:]:
        if not path.startswith(prefix):
            break
        found.append(path)
    return found


class _Walker:
    """Scanning rules shared by a full scan and a rescan: hidden entries, excluded folders,
    links leading outside the library, unsupported or unreadable files."""

    def __init__(
        self, folders: Iterable[Path], exclude: Iterable[Path], follow_outside: bool
    ) -> None:
        self.result = ScanResult()
        self.seen: set[str] = set()
        self.excluded = {os.path.realpath(path) for path in exclude}
        self.roots = [os.path.realpath(folder) for folder in folders]
        self.folders = [str(folder) for folder in folders]
        self.follow_outside = follow_outside

    def inside(self, path: str) -> bool:
        real = os.path.realpath(path)
        return self.follow_outside or any(
            real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots
        )

    def within(self, path: str) -> bool:
        """Below a library folder as written, not hidden, not in an excluded folder."""
        for folder in self.folders:
            if path.startswith(folder.rstrip(os.sep) + os.sep):
                parts = path[len(folder.rstrip(os.sep)) + 1 :].split(os.sep)
                real = os.path.realpath(path)
                hidden = any(part.startswith(".") for part in parts)
                return not hidden and not any(
                    real == gone or real.startswith(gone + os.sep) for gone in self.excluded
                )
        return path in self.folders

    def walk(self, top: str) -> None:
        visited = set(self.excluded)
        for root, dirs, files in _walk(top, self.unreadable):
            real = os.path.realpath(root)
            if real in visited:
                dirs[:] = []
                continue
            visited.add(real)
            dirs[:] = [entry for entry in dirs if self.keep_folder(entry)]
            for entry in files:
                self.add_entry(entry)

    def list_folder(self, folder: str, known: list[str]) -> list[str]:
        """Add a changed folder's files; walk its sub-folders new to the index; return the
        indexed paths below it that are gone."""
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self.unreadable(exc)
            return []
        present: set[str] = set()
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            present.add(entry.path)
            if is_dir:
                if self.keep_folder(entry) and not _under(known, entry.path + os.sep):
                    self.walk(entry.path)
            else:
                self.add_entry(entry)
        gone = []
        for path in _under(known, folder.rstrip(os.sep) + os.sep):
            rest = path[len(folder.rstrip(os.sep)) + 1 :]
            top = os.path.join(folder, rest.split(os.sep, 1)[0])
            if top not in present:
                gone.append(path)
        return gone

    def keep_folder(self, entry: os.DirEntry[str]) -> bool:
        if entry.name.startswith("."):
            return False
        if entry.is_symlink() and not self.inside(entry.path):
            self.result.skipped.append(Skip(entry.path, OUTSIDE))
            return False
        return True

    def add_entry(self, entry: os.DirEntry[str]) -> None:
        if entry.name.startswith(".") or entry.path in self.seen:
            return
        self.seen.add(entry.path)
        link = entry.is_symlink()
        if link and os.path.exists(entry.path) and not self.inside(entry.path):
            self.result.skipped.append(Skip(entry.path, OUTSIDE))
            return
        _classify(entry.path, entry.name, self.result, entry if not link else None)

    def add_path(self, path: str) -> None:
        if path in self.seen:
            return
        self.seen.add(path)
        if os.path.islink(path) and os.path.exists(path) and not self.inside(path):
            self.result.skipped.append(Skip(path, OUTSIDE))
            return
        _classify(path, os.path.basename(path), self.result)

    def unreadable(self, error: OSError) -> None:
        where = error.filename or ""
        self.result.skipped.append(Skip(str(where), f"cannot read folder: {error.strerror}"))
        self.result.missing_folders.append(Path(where))


def _walk(
    top: str, onerror: Callable[[OSError], None]
) -> Iterator[tuple[str, list[os.DirEntry[str]], list[os.DirEntry[str]]]]:
    """``os.walk`` top-down, following links to folders, but yielding the directory entries
    themselves: they know whether they are links without another system call, and cache
    their ``stat``, which halves the calls of a scan of 10,000 files."""
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            onerror(exc)
            continue
        dirs: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # follows links, as os.walk(followlinks=True) does
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry)
        yield root, dirs, files
        stack.extend(entry.path for entry in reversed(dirs))


OUTSIDE = "link to a place outside the library; not followed"


def _classify(
    path: str, name: str, result: ScanResult, entry: os.DirEntry[str] | None = None
) -> None:
    """Add the file or the reason it is skipped; ``entry`` (not a link) spares two calls."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        result.skipped.append(Skip(shown, "file name is not valid UTF-8; rename the file"))
        return
    if entry is None and os.path.islink(path) and not os.path.exists(path):
        result.skipped.append(Skip(path, "broken symbolic link"))
        return
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        result.skipped.append(Skip(path, f"unsupported file type '{suffix or name}'"))
        return
    try:
        stat = entry.stat() if entry is not None else os.stat(path)
    except OSError as exc:
        result.skipped.append(Skip(path, f"cannot read file: {exc.strerror or exc}"))
        return
    result.files.append(FileEntry(path, stat.st_size, stat.st_mtime_ns))
