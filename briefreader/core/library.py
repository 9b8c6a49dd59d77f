"""A library: one or more folders of briefings, and what is in them right now."""

from __future__ import annotations

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
        result = ScanResult()
        seen: set[str] = set()
        excluded = {os.path.realpath(path) for path in exclude}
        roots = [os.path.realpath(folder) for folder in self.folders]

        def inside(path: str) -> bool:
            real = os.path.realpath(path)
            return follow_outside or any(
                real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots
            )

        def unreadable(error: OSError) -> None:
            where = error.filename or ""
            result.skipped.append(Skip(str(where), f"cannot read folder: {error.strerror}"))
            result.missing_folders.append(Path(where))

        for folder in self.folders:
            if not folder.is_dir():
                result.skipped.append(Skip(str(folder), "folder not found"))
                result.missing_folders.append(folder)
                continue
            visited = set(excluded)
            for root, dirs, files in _walk(str(folder), unreadable):
                real = os.path.realpath(root)
                if real in visited:
                    dirs[:] = []
                    continue
                visited.add(real)
                kept = []
                for entry in dirs:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_symlink() and not inside(entry.path):
                        result.skipped.append(Skip(entry.path, OUTSIDE))
                    else:
                        kept.append(entry)
                dirs[:] = kept
                for entry in files:
                    if entry.name.startswith(".") or entry.path in seen:
                        continue
                    seen.add(entry.path)
                    link = entry.is_symlink()
                    if link and os.path.exists(entry.path) and not inside(entry.path):
                        result.skipped.append(Skip(entry.path, OUTSIDE))
                        continue
                    _classify(entry.path, entry.name, result, entry if not link else None)
        return result


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
