"""The service between the widgets and the core for one open library.

Signals:
- ``library_opened(Library)``: a library became current.
- ``documents_changed(list)``: the library list (``DocumentSummary`` rows) changed.
- ``index_started()``, ``index_progress(done, total, message)``, ``index_finished(IndexReport)``,
  ``index_failed(message)``: one background index update.
- ``search_finished(SearchResults)``, ``search_failed(message)``.
- ``document_loaded(Document, list)``: a document to read, with its hit spans.
- ``document_failed(message)``.

Only one index update runs at a time (Whoosh allows one writer); a request during an update is
queued and runs after it. Search and document results that arrive after a newer request are
dropped, so a slow old query never overwrites a new one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefreader.core.document import Document, Span
from briefreader.core.hits import HitPattern, pattern_spans
from briefreader.core.index import IndexReport, LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import load_document
from briefreader.core.search import SearchResults, search
from briefreader.paths import AppPaths
from briefreader.ui.folder_watcher import FolderWatcher
from briefreader.ui.tasks import TaskHandle, TaskRunner

SEARCH_LIMIT = 50


class LibraryController(QObject):
    library_opened = Signal(object)
    documents_changed = Signal(list)
    index_started = Signal()
    index_progress = Signal(int, int, str)
    index_finished = Signal(object)
    index_failed = Signal(str)
    search_finished = Signal(object)
    search_failed = Signal(str)
    document_loaded = Signal(object, list)
    document_failed = Signal(str)

    def __init__(self, paths: AppPaths, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.paths = paths
        self.runner = runner
        self.library: Library | None = None
        self.index: LibraryIndex | None = None
        self._index_task: TaskHandle | None = None
        self._reindex_pending = False
        self._search_serial = 0
        self._open_serial = 0
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self.reindex)

    # Library and index ------------------------------------------------------------------
    def open_library(self, folders: list[Path]) -> None:
        if self._index_task is not None and self._index_task.running:
            self._index_task.cancel()
        self.library = Library.from_folders(folders)
        self.index = LibraryIndex.for_library(self.library, self.paths)
        self.library_opened.emit(self.library)
        self.refresh_documents()
        self.reindex()
        self.watcher.watch(list(self.library.folders))

    def add_folder(self, folder: Path) -> None:
        """Make ``folder`` part of the open library (a library is one or more folders)."""
        current = list(self.library.folders) if self.library else []
        self.open_library([*current, folder])

    def refresh_documents(self) -> None:
        index = self.index
        if index is None:
            return

        def deliver(rows: list) -> None:
            if index is self.index:  # drop the list of a library that is no longer open
                self.documents_changed.emit(rows)

        self.runner.run(lambda progress, cancel: index.summaries(), deliver, self.index_failed.emit)

    @property
    def indexing(self) -> bool:
        return self._index_task is not None and self._index_task.running

    def reindex(self) -> None:
        if self.index is None:
            return
        if self.indexing:
            self._reindex_pending = True
            return
        index = self.index
        self.index_started.emit()
        self._index_task = self.runner.run(
            lambda progress, cancel: index.update(progress=progress, cancel=cancel),
            self._on_index_done,
            self._on_index_failed,
            self.index_progress.emit,
        )

    def cancel_indexing(self) -> None:
        if self._index_task is not None:
            self._index_task.cancel()
        self._reindex_pending = False

    def _on_index_done(self, report: IndexReport) -> None:
        self._index_task = None
        self.index_finished.emit(report)
        self.refresh_documents()
        self._run_pending()

    def _on_index_failed(self, message: str) -> None:
        self._index_task = None
        self.index_failed.emit(message)
        self._run_pending()

    def _run_pending(self) -> None:
        if self._reindex_pending:
            self._reindex_pending = False
            self.reindex()

    # Search and reading -----------------------------------------------------------------
    def search(self, query: str) -> None:
        index = self.index
        if index is None:
            return
        self._search_serial += 1
        serial = self._search_serial

        def deliver(results: SearchResults) -> None:
            if serial == self._search_serial:
                self.search_finished.emit(results)

        def fail(message: str) -> None:
            if serial == self._search_serial:
                self.search_failed.emit(message)

        if not index.exists():
            fail("the library is still being indexed; try again in a moment")
            return
        self.runner.run(
            lambda progress, cancel: search(index, query, limit=SEARCH_LIMIT), deliver, fail
        )

    def open_document(self, path: str, pattern: HitPattern | None = None) -> None:
        """Load ``path`` off the GUI thread and find the hits of ``pattern`` in its text."""
        self._open_serial += 1
        serial = self._open_serial

        def work(progress: object, cancel: object) -> tuple[Document, list[Span]]:
            document = load_document(Path(path))
            return document, pattern_spans(document.text, pattern or HitPattern())

        def deliver(result: tuple[Document, list[Span]]) -> None:
            if serial == self._open_serial:
                self.document_loaded.emit(result[0], result[1])

        def fail(message: str) -> None:
            if serial == self._open_serial:
                self.document_failed.emit(f"cannot open {Path(path).name}: {message}")

        self.runner.run(work, deliver, fail)
