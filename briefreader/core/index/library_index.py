"""The Whoosh index of one library: schema, incremental updates, and the document list.

An update compares the folders with what the index holds (size and mtime, read from columns,
and remembered after each update until another writer commits), deletes removed and changed
files, adds the new versions and commits once. Given the paths a folder watcher reported, it
looks only there. A cancelled update still commits what it finished: files it did not reach
are simply picked up by the next update.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.filelock import try_for
from whoosh.writing import IndexWriter

from briefreader.core.errors import BriefReaderError, IndexUnavailableError, LoadError
from briefreader.core.index.schema import INDEX_FORMAT, build_schema, column_text
from briefreader.core.index.texts import STORED_TEXT_FIELD, stored_text
from briefreader.core.library import FileEntry, Library, Skip
from briefreader.core.loaders import load_document
from briefreader.core.storage.atomic import write_atomically
from briefreader.core.text.document import Document
from briefreader.core.whoosh_ext.buffers import install as _view_segments
from briefreader.core.whoosh_ext.parallel_writer import ParallelWriter
from briefreader.core.whoosh_ext.scoring import FastBM25F

log = logging.getLogger(__name__)
INDEX_NAME = "MAIN"
_THREAD_LOCKS: dict[str, threading.Lock] = {}
LIBRARY_FILE = "library.json"
_READ_ONLY_ERRORS = (errno.EROFS, errno.EACCES, errno.EPERM)
# Above this many documents to add, two writer processes index in parallel (measured twice as
# fast as one writer on this project's benchmark).
PARALLEL_THRESHOLD = 500
SMALL_UPDATE = 50  # documents or fewer: committed without merging segments
MAX_SEGMENTS = 12  # more segments than this: the next commit merges
# More segments than this slow every search (Whoosh visits each): ``tidy`` merges the small
# ones, off the path of an update so that changed files are searchable first.
TIDY_ABOVE = 4


# (done, total, message): how far a long update has come.
ProgressCallback = Callable[[int, int, str], None]


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


@dataclass
class IndexReport:
    """What one update did; the CLI prints it and the status bar summarises it."""

    indexed: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    cancelled: bool = False
    recovered_from: str | None = None  # where a damaged index was moved aside
    total: int = 0  # documents in the index afterwards
    seconds: float = 0.0

    def summary(self) -> str:
        text = (
            f"indexed {self.indexed}, updated {self.updated}, removed {self.removed}, "
            f"skipped {len(self.skipped)}, unchanged {self.unchanged}"
        )
        return text + (" (cancelled)" if self.cancelled else "")


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the library list, read from index columns."""

    path: str
    title: str
    source: str | None
    date: str | None
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class _Indexed:
    docnum: int | None  # None once a commit may have renumbered: delete by path instead
    size: int
    mtime_ns: int
    sha256: str


# What an index folder holds (file names, sizes, times): changed by every commit.
_Generation = tuple[tuple[str, int, int], ...]


class LibraryIndex:
    """The on-disk index of one library, below the application's data folder."""

    def __init__(
        self,
        library: Library,
        directory: Path,
        exclude: tuple[Path, ...] = (),
        follow_links_outside: bool = False,
    ) -> None:
        _view_segments()  # segments are opened without copying them (see whoosh_buffers)
        self.library = library
        self.directory = directory
        # Folders never scanned, such as the app-data folder when it sits inside a library.
        self.exclude = exclude
        # Whether symbolic links may lead out of the library's folders (a setting, off).
        self.follow_links_outside = follow_links_outside
        self._searcher_lock = threading.RLock()
        self._cached_searcher: tuple[_Generation, Searcher] | None = None
        # What the index holds after this object's last update, for the folder state it
        # wrote: the next update reads nothing from disk unless another writer came between.
        self._entries_cache: tuple[_Generation, dict[str, _Indexed]] | None = None

    def exists(self) -> bool:
        """Whether an index was ever committed here (it may still be damaged; ``_open`` says)."""
        return self.directory.is_dir() and any(self.directory.glob(f"_{INDEX_NAME}_*.toc"))

    # Opening ----------------------------------------------------------------------------
    def _open(self) -> whoosh_index.Index:
        with self._damage_guard():
            ix = whoosh_index.open_dir(str(self.directory), indexname=INDEX_NAME)
            with ix.reader() as reader:
                reader.doc_count()  # opens every segment: a damaged one fails here
            return ix

    @contextmanager
    def _damage_guard(self) -> Iterator[None]:
        """Turn Whoosh's many low-level errors on damaged files into one clear message.

        It wraps opening the index only: an error in code that merely uses an open searcher
        (snippets, hit spans) is a bug to report as itself, not a damaged index. A file the
        table of contents names but the disk lacks is damage too.
        """
        try:
            yield
        except BriefReaderError:
            raise
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise
            raise self._damaged(exc) from exc
        except Exception as exc:
            raise self._damaged(exc) from exc

    def _damaged(self, exc: BaseException) -> IndexUnavailableError:
        return IndexUnavailableError(
            f"the index in {self.directory} is damaged ({type(exc).__name__}); "
            "index the library again to rebuild it"
        )

    def _open_or_create(
        self,
    ) -> tuple[whoosh_index.Index, dict[str, _Indexed], str | None]:
        """Open the index for writing with what it holds; create it, or rebuild it if damaged."""
        moved: str | None = None
        if self.exists() and self._format() != INDEX_FORMAT:
            self.close()
            shutil.rmtree(self.directory, ignore_errors=True)  # a cache: rebuild, never migrate
        if self.exists():
            try:
                ix = self._open()
                with self._damage_guard():
                    return ix, self._indexed_entries(ix), None
            except IndexUnavailableError:
                moved = self._move_aside()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # "complete" turns true when an update runs to its end: a first index cut short
            # (cancelled, killed) is then reported as incomplete by searches.
            record = {
                "format": INDEX_FORMAT,
                "folders": [str(f) for f in self.library.folders],
                "complete": False,
            }
            write_atomically(self.directory / LIBRARY_FILE, json.dumps(record, indent=2))
            ix = whoosh_index.create_in(str(self.directory), build_schema(), INDEX_NAME)
            return ix, {}, moved
        except OSError as exc:
            raise _storage_error(exc, self.directory) from exc

    def _record(self) -> dict[str, Any]:
        try:
            data = json.loads((self.directory / LIBRARY_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _format(self) -> int | None:
        try:
            return int(self._record().get("format", 1))
        except (TypeError, ValueError):
            return None

    @property
    def complete(self) -> bool:
        """False while the first index has not run to its end (cancelled, killed, running)."""
        return self._record().get("complete", True) is not False

    @property
    def updating(self) -> bool:
        """Whether an update holds this index's lock now (this process's or another's): an
        incomplete first index is then still being written, not cut short."""
        guard = _THREAD_LOCKS.setdefault(str(self.directory), threading.Lock())
        if not guard.acquire(blocking=False):
            return True
        try:
            lock = FileStorage(str(self.directory.parent)).lock(f"{self.directory.name}.update")
            try:
                if not lock.acquire():
                    return True
            except OSError:
                return False  # read-only storage: nobody can be writing here
            lock.release()
            return False
        finally:
            guard.release()

    def _mark_complete(self) -> None:
        record = self._record()
        if record and record.get("complete") is False:
            record["complete"] = True
            try:
                write_atomically(self.directory / LIBRARY_FILE, json.dumps(record, indent=2))
            except OSError:
                return  # a read-only data folder: the flag only serves a hint

    def _move_aside(self) -> str:
        """Keep the damaged index beside the new one for diagnosis: the newest copy only."""
        self.close()  # a rebuilt index restarts its generations: never reuse the old searcher
        target = self.directory.with_name(f"{self.directory.name}.damaged-{time.time_ns()}")
        try:
            shutil.move(str(self.directory), str(target))
        except OSError as exc:
            raise IndexUnavailableError(
                f"the index in {self.directory} is damaged and cannot be moved aside "
                f"({exc.strerror or exc}); delete that folder and index again"
            ) from exc
        for older in self.directory.parent.glob(f"{self.directory.name}.damaged-*"):
            if older != target:
                shutil.rmtree(older, ignore_errors=True)
        return str(target)

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher on the last committed state; raises a clear error if there is no index.

        Opening an index reads every segment's term file (most of a search's time on a large
        library), so one searcher is kept open and reopened only when a commit has made a new
        generation. Whoosh searchers share file handles, so users take turns (searches are
        short); each gets a consistent view of one commit.
        """
        if not self.exists():
            raise IndexUnavailableError(
                f"no index for {self.library.name} yet; index the library first"
            )
        with self._searcher_lock:
            generation = self._generation()
            cached = self._cached_searcher
            if cached is None or cached[0] != generation:
                ix = self._open()
                with self._damage_guard():
                    fresh = ix.searcher(weighting=FastBM25F())
                if cached is not None:
                    cached[1].close()
                cached = self._cached_searcher = (generation, fresh)
            yield cached[1]

    def _generation(self) -> _Generation:
        """What the index folder holds now (names, sizes, times): a commit, a rebuild or any
        damage to the files changes it, and the kept searcher is then opened again."""
        with os.scandir(self.directory) as entries:
            return tuple(
                sorted(
                    (entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                    for entry in entries
                    if entry.is_file()
                )
            )

    def close(self) -> None:
        """Release the kept searcher (its files stay open until then)."""
        with self._searcher_lock:
            if self._cached_searcher is not None:
                self._cached_searcher[1].close()
                self._cached_searcher = None

    # Reading ----------------------------------------------------------------------------
    def summaries(self) -> list[DocumentSummary]:
        """Every indexed document's list row, read from columns (no stored bodies)."""
        if not self.exists():
            return []
        with self.searcher() as searcher:
            rows = [
                DocumentSummary(
                    path=values["path"],
                    title=values["title"],
                    source=values["source"] or None,
                    date=values["date"] or None,
                    size=int(values["size"] or 0),
                    mtime_ns=int(values["mtime"] or 0),
                )
                for _, values in column_rows(searcher.reader(), _SUMMARY_COLUMNS)
            ]
        return sorted(rows, key=lambda row: row.title.lower())

    def hashes(self) -> dict[str, str]:
        """Every indexed document's path and content hash, read from columns."""
        if not self.exists():
            return {}
        with self.searcher() as searcher:
            return {
                str(values["path"]): column_text(values["sha256"])
                for _, values in column_rows(searcher.reader(), ("path", "sha256"))
            }

    def stored(self, paths: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored fields (title, source, the text of PDF, Word and HTML files…) of these
        indexed documents, by path."""
        if not self.exists():
            return {}
        with self.searcher() as searcher:
            found = {path: searcher.document(path=path) for path in paths}
        return {path: fields for path, fields in found.items() if fields is not None}

    def _indexed_entries(self, ix: whoosh_index.Index) -> dict[str, _Indexed]:
        cached = self._entries_cache
        if cached is not None and cached[0] == self._generation():
            return cached[1]  # read only: an update works on a copy of its own
        with ix.reader() as reader:
            return {
                values["path"]: _Indexed(
                    docnum,
                    int(values["size"] or 0),
                    int(values["mtime"] or 0),
                    column_text(values["sha256"]),
                )
                for docnum, values in column_rows(reader, ("path", "size", "mtime", "sha256"))
            }

    def _remember(self, entries: dict[str, _Indexed], renumbered: bool = True) -> None:
        """Keep what the index holds after an update, keyed by the folder state written.
        After a commit, document numbers may have changed (a merge renumbers): they are
        forgotten, and the next update deletes by path."""
        if renumbered:
            entries = {
                path: _Indexed(None, old.size, old.mtime_ns, old.sha256)
                for path, old in entries.items()
            }
        self._entries_cache = (self._generation(), entries)

    # Updating ---------------------------------------------------------------------------
    def update(
        self,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        loader: Callable[[Path], Document] = load_document,
        processes: int = 1,
        committed: Callable[[int], None] | None = None,
        changed: Collection[str] | None = None,
    ) -> IndexReport:
        """Bring the index in line with the folders; see the module docstring.

        ``changed`` (paths a folder watcher reported) limits the scan to those files and
        folders; without it, or when a library folder itself changed, the folders are
        scanned whole.

        ``processes > 1`` lets Whoosh fork writer processes for large batches. Only a plain
        process may ask for that (the command line): forking a process that runs Qt's threads
        copies locks held by other threads, and the GUI updates with one writer.
        With ``committed``, a large update commits in batches and calls it with the number of
        files done after each but the last, so the documents so far can be listed.
        """
        started = time.perf_counter()
        with self._update_lock():
            try:
                report = self._update_locked(
                    progress, cancel, loader, processes, committed, changed
                )
            except BaseException:
                self._entries_cache = None
                raise
        for skip in report.skipped:
            log.info("skipped %s: %s", skip.path, skip.reason)
        log.info("index %s: %s", self.directory.name, report.summary())
        report.seconds = time.perf_counter() - started
        return report

    @contextmanager
    def _update_lock(self) -> Iterator[None]:
        """One update per index at a time, across threads and processes.

        What the index holds must be read under the same lock as the writing, or two updates
        that start together would both add the same new files.
        """
        busy = IndexUnavailableError(
            "the index is being updated by another BriefReader window or command; "
            "try again when it has finished"
        )
        guard = _THREAD_LOCKS.setdefault(str(self.directory), threading.Lock())
        if not guard.acquire(timeout=2.0):
            raise busy
        try:
            try:
                self.directory.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _storage_error(exc, self.directory) from exc
            lock = FileStorage(str(self.directory.parent)).lock(f"{self.directory.name}.update")
            try:
                acquired = try_for(lock.acquire, timeout=2.0)
            except OSError as exc:
                if exc.errno not in _READ_ONLY_ERRORS:
                    raise _storage_error(exc, self.directory) from exc
                # Read-only storage: nobody can write this index, so nobody needs the lock. An
                # update with nothing to do succeeds; one that must write says why it cannot.
                yield
                return
            if not acquired:
                raise busy
            try:
                yield
            finally:
                lock.release()
        finally:
            guard.release()

    def _update_locked(
        self,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
        loader: Callable[[Path], Document],
        processes: int,
        committed: Callable[[int], None] | None = None,
        changed: Collection[str] | None = None,
    ) -> IndexReport:
        report = IndexReport()
        ix, indexed, report.recovered_from = self._open_or_create()
        rescan = None
        if changed is not None and indexed:
            rescan = self.library.rescan(
                changed, indexed, self.exclude, follow_outside=self.follow_links_outside
            )
        if rescan is not None:  # only where the watcher saw changes
            scan = rescan.result
            removed = [path for path in dict.fromkeys(rescan.vanished) if path in indexed]
        else:
            scan = self.library.scan(exclude=self.exclude, follow_outside=self.follow_links_outside)
            current = {entry.path for entry in scan.files}
            missing = tuple(str(folder) + os.sep for folder in scan.missing_folders)
            removed = [p for p in indexed if p not in current and not p.startswith(missing)]
        report.skipped.extend(scan.skipped)
        work: list[FileEntry] = []
        for entry in scan.files:
            old = indexed.get(entry.path)
            if old and old.size == entry.size and old.mtime_ns == entry.mtime_ns:
                report.unchanged += 1
            else:
                work.append(entry)
        if rescan is not None:  # the files not looked at are unchanged too
            report.unchanged = len(indexed) - len(removed) - sum(e.path in indexed for e in work)
        final = dict(indexed)  # what the index will hold, as far as this update gets
        if not removed and not work:
            report.total = ix.doc_count()
            self._mark_complete()
            self._remember(final, renumbered=False)
            return report  # nothing else to write: leave the index (and its folder) untouched
        # Removed files go first; the old version of a changed file is deleted just before
        # its new version is added, so a cancelled update never loses a document. One writer
        # process commits in batches (the window's), so the first documents are listed and
        # searchable within seconds of a large first index.
        batches = _batches(work) if processes == 1 and committed is not None else [work]
        done = 0
        for number, batch in enumerate(batches):
            writer = self._writer(ix, len(batch), processes)
            with self._writing(writer):
                if number == 0:
                    for path in removed:
                        _delete(writer, path, indexed[path])
                        final.pop(path, None)
                    report.removed = len(removed)
                if number:  # a commit may have renumbered the documents: read them again
                    indexed = self._indexed_entries(ix)
                written = self._add_documents(
                    writer, batch, indexed, report, progress, cancel, loader, done, len(work)
                )
                writer.commit(merge=self._merge_on_commit(ix, len(batch)))
            for path, now in written.items():
                if now is None:
                    final.pop(path, None)
                else:
                    final[path] = now
            done += len(batch)
            if report.cancelled:
                break
            if committed is not None and number < len(batches) - 1:
                committed(done)
        report.total = ix.doc_count()
        if not report.cancelled:
            self._mark_complete()
        self._remember(final)
        return report

    def fragmented(self) -> bool:
        """Whether small commits have left enough segments to slow searches down."""
        if not self.exists():
            return False
        try:
            return len(self._open()._segments()) > TIDY_ABOVE
        except IndexUnavailableError:
            return False

    def tidy(self) -> None:
        """Merge the small segments that quick updates leave behind (Whoosh's own policy
        for small segments), keeping what this object remembers of the index."""
        with self._update_lock():
            ix = self._open()
            if len(ix._segments()) <= TIDY_ABOVE:
                return
            cached = self._entries_cache
            current = cached is not None and cached[0] == self._generation()
            writer = self._writer(ix, 0, 1)
            with self._writing(writer):
                writer.commit(merge=True)
            if cached is not None and current:
                self._remember(cached[1])

    @contextmanager
    def _writing(self, writer: IndexWriter) -> Iterator[None]:
        """Any failure abandons the writer (the committed index stays as it was); a failed
        write also removes what it left, so a full disk does not stay full."""
        try:
            yield
        except OSError as exc:
            _abandon(writer)
            self._remove_partial_files()
            raise _storage_error(exc, self.directory) from exc
        except BaseException:
            _abandon(writer)
            raise

    @staticmethod
    def _merge_on_commit(ix: whoosh_index.Index, additions: int) -> bool:
        """A few changed files are committed as a small segment of their own: merging it
        into the others would triple the time until they are searchable. Once small
        segments pile up, or for larger updates, Whoosh merges as usual."""
        return additions > SMALL_UPDATE or len(ix._segments()) >= MAX_SEGMENTS

    def _remove_partial_files(self) -> None:
        """Delete what a failed write left (new segments, temporary runs), keeping the last
        committed state: on a full disk they would otherwise keep the disk full for good.
        Runs under the update lock, so no other writer owns any of these files."""
        with contextlib.suppress(Exception):
            committed = whoosh_index.open_dir(str(self.directory), indexname=INDEX_NAME)
            whoosh_index.clean_files(
                committed.storage,
                INDEX_NAME,
                committed.latest_generation(),
                committed._segments(),
            )
        for leftover in self.directory.iterdir():
            if leftover.suffix in (".tmp", ".doclist"):
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)

    def _writer(self, ix: whoosh_index.Index, additions: int, processes: int) -> IndexWriter:
        parallel = (
            processes > 1
            and additions >= PARALLEL_THRESHOLD
            and multiprocessing.get_start_method() == "fork"
        )
        try:
            if parallel:  # writer processes that fail quietly, checked before the commit
                return ParallelWriter(ix, procs=processes, multisegment=True, timeout=2.0)
            return ix.writer(timeout=2.0)
        except whoosh_index.LockError as exc:
            raise IndexUnavailableError(
                "the index is being updated by another BriefReader window or command; "
                "try again when it has finished"
            ) from exc
        except OSError as exc:
            raise _storage_error(exc, self.directory) from exc

    @staticmethod
    def _add_documents(
        writer: IndexWriter,
        work: list[FileEntry],
        indexed: dict[str, _Indexed],
        report: IndexReport,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
        loader: Callable[[Path], Document],
        before: int = 0,
        total: int | None = None,
    ) -> dict[str, _Indexed | None]:
        """Add ``work`` (the files after the first ``before`` of ``total``); returns what was
        written for each path (None: its old version deleted, no new one)."""
        total = len(work) if total is None else total
        written: dict[str, _Indexed | None] = {}
        for number, entry in enumerate(work):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            if progress is not None:
                progress(before + number, total, Path(entry.path).name)
            old = indexed.get(entry.path)
            if old is not None:
                _delete(writer, entry.path, old)
                written[entry.path] = None
            try:
                document = loader(Path(entry.path))
            except LoadError as exc:
                report.skipped.append(Skip(entry.path, str(exc)))
                if old:
                    report.removed += 1
                continue
            writer.add_document(**document_fields(document))
            meta = document.metadata
            written[entry.path] = _Indexed(None, meta.size, meta.mtime_ns, meta.sha256)
            if old is None:
                report.indexed += 1
            elif old.sha256 == document.metadata.sha256:
                report.unchanged += 1  # touched, same content
            else:
                report.updated += 1
        if progress is not None and not report.cancelled:
            progress(before + len(work), total, "committing")
        return written


FIRST_BATCH = 200  # files in the first commit of a batched update: listed within seconds
BATCH = 2000  # files in each later commit


def _batches(work: list[FileEntry]) -> list[list[FileEntry]]:
    if len(work) <= FIRST_BATCH:
        return [work]
    rest = work[FIRST_BATCH:]
    return [work[:FIRST_BATCH], *(rest[i : i + BATCH] for i in range(0, len(rest), BATCH))]


_SUMMARY_COLUMNS = ("path", "title", "source", "date", "size", "mtime")


def column_rows(
    reader: IndexReader, names: tuple[str, ...], docnums: Sequence[int] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(docnum, {column: value})`` for every live document, or for ``docnums`` (sorted
    document numbers, such as a search's matches), segment by segment.

    Whoosh's multi-segment column reader misplaces documents when a segment lacks a column
    (no document in it had a source, say), so each segment is read on its own.
    """
    position = 0
    for leaf, offset in reader.leaf_readers():
        columns = {
            name: leaf.column_reader(name) if leaf.has_column(name) else None for name in names
        }
        if docnums is None:
            numbers: Iterable[int] = leaf.all_doc_ids()
        else:
            end = offset + leaf.doc_count_all()
            start = position
            while position < len(docnums) and docnums[position] < end:
                position += 1
            numbers = (docnum - offset for docnum in docnums[start:position])
        for local in numbers:
            yield (
                offset + local,
                {
                    name: column[local] if column is not None else None
                    for name, column in columns.items()
                },
            )


def document_fields(document: Document) -> dict[str, object]:
    """The Whoosh fields of one document; empty metadata is left out, as Whoosh requires."""
    meta = document.metadata
    fields: dict[str, object] = {
        "path": meta.path,
        "pathwords": meta.path,
        "title": meta.title,
        "body": document.text,
        "size": meta.size,
        "mtime": meta.mtime_ns,
        "sha256": meta.sha256.encode("ascii"),
        "format": meta.format,
    }
    kept = stored_text(document)
    if kept is not None:
        fields[STORED_TEXT_FIELD] = kept
    if meta.source:
        fields["source"] = meta.source
    if meta.date:
        fields["date"] = meta.date
    return fields


def _delete(writer: IndexWriter, path: str, old: _Indexed) -> None:
    """Delete a document by number when the number is known to be current, else by path."""
    if old.docnum is not None:
        writer.delete_document(old.docnum)
    else:
        writer.delete_by_term("path", path)


def _abandon(writer: IndexWriter) -> None:
    """Cancel a writer whatever state it is in; the committed index stays as it was."""
    with contextlib.suppress(Exception):  # a full disk can fail the cancel too
        writer.cancel()


def _storage_error(exc: OSError, directory: Path) -> IndexUnavailableError:
    if exc.errno == errno.ENOSPC:
        return IndexUnavailableError(
            f"the disk holding {directory} is full; the index was left as it was. "
            "Free some space and index again"
        )
    if exc.errno in _READ_ONLY_ERRORS:
        return IndexUnavailableError(
            f"the index in {directory} is on read-only storage; it can be searched but not updated"
        )
    return IndexUnavailableError(f"cannot write the index in {directory}: {exc.strerror or exc}")
