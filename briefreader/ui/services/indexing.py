"""Keeping the open library's index in line with its folders, off the GUI thread.

Signals:
- ``documents_changed(list)``: the library list (``DocumentSummary`` rows) changed.
- ``index_started()``, ``index_progress(done, total, message)``, ``index_finished(IndexReport)``,
  ``index_failed(message)``: one background update; ``index_batch_committed(done)`` after
  each batch of a large one (the library list is refreshed then).
- ``writing()``: an update is about to write: background readers of the index pause.
- ``settled()``: an update (and the merge that may follow it) has ended without being
  cancelled: background analysis may resume.

Only one update runs at a time (Whoosh allows one writer); what is asked during an update is
merged into one request that runs after it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from briefreader.core.index.library_index import DocumentSummary, IndexReport, LibraryIndex
from briefreader.ui.services.op import Op
from briefreader.ui.services.tasks import TaskHandle, TaskRunner

log = logging.getLogger(__name__)


class IndexingService(QObject):
    documents_changed = Signal(list)
    index_started = Signal()
    index_progress = Signal(int, int, str)
    index_finished = Signal(object)
    index_failed = Signal(str)
    index_batch_committed = Signal(int)  # files done so far in a large update
    writing = Signal()
    settled = Signal()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.index: LibraryIndex | None = None  # the open library's
        self.closed = False  # the window is closing: no new update starts
        self._task: TaskHandle | None = None
        self._index_of_task: LibraryIndex | None = None
        self._pending = False
        self._pending_paths: set[str] | None = None  # None: the next update scans everything
        # A large first index commits in batches: list (and search) what is there so far.
        self.index_batch_committed.connect(lambda _count: self.refresh_documents())

    def _is_open(self, index: LibraryIndex) -> Callable[[], bool]:
        return lambda: index is self.index

    @property
    def indexing(self) -> bool:
        """True from the start of an update until its result has been delivered here."""
        return self._task is not None

    def leave(self) -> None:
        """Another library is about to open: the update of this one is cancelled (the new
        library's update runs after it)."""
        if self._task is not None:
            self._task.cancel()

    def open(self, index: LibraryIndex) -> None:
        """Make ``index`` the open library's."""
        self.index = index

    def refresh_documents(self) -> None:
        index = self.index
        if index is None:
            return
        Op[list[DocumentSummary]](
            self.runner, "list the library", lambda _progress, _cancel: index.summaries()
        ).when(self._is_open(index)).success(self.documents_changed.emit).failure(
            self.index_failed.emit
        ).run()

    def reindex(self) -> None:
        """Update the index from a scan of every library folder."""
        self._update(None)

    def reindex_changed(self, paths: list[str]) -> None:
        """Update the index where the folder watcher saw changes (files and folders)."""
        self._update(set(paths))

    def _update(self, changed: set[str] | None) -> None:
        if self.index is None or self.closed:
            return
        if self.indexing:  # one update at a time: what is asked meanwhile is merged
            if not self._pending:
                self._pending_paths = changed
            elif changed is None or self._pending_paths is None:
                self._pending_paths = None
            else:
                self._pending_paths |= changed
            self._pending = True
            return
        index = self.index
        self.writing.emit()  # the index writer comes first; analysis resumes after
        self.index_started.emit()
        committed = self.index_batch_committed.emit  # from the worker thread: queued

        def work(
            report_progress: Callable[[int, int, str], None], cancel: threading.Event
        ) -> tuple[IndexReport, bool]:
            report = index.update(
                progress=report_progress,
                cancel=cancel,
                committed=committed,
                changed=sorted(changed) if changed is not None else None,
            )
            wrote = report.indexed or report.updated or report.removed
            # Whether to merge small segments is read here, off the GUI thread.
            return report, bool(wrote) and not report.cancelled and index.fragmented()

        def done(result: tuple[IndexReport, bool]) -> None:
            report, fragmented = result
            self._task = None
            if index is self.index:
                self.index_finished.emit(report)
                self.refresh_documents()
                if fragmented:
                    self._tidy(index)  # pending updates and analysis follow the merge
                    return
            self._run_pending()
            if not report.cancelled:
                self.settled.emit()

        def failed(message: str) -> None:
            self._task = None
            if index is self.index:
                self.index_failed.emit(message)
            self._run_pending()

        # Bookkeeping happens whatever library is open now; ``done`` and ``failed`` check
        # themselves which signals still concern the open one.
        task = (
            Op[tuple[IndexReport, bool]](self.runner, "update the index", work)
            .success(done)
            .failure(failed)
            .progress(self._progress_of(index))
            .run()
        )
        self._task, self._index_of_task = task, index

    def _progress_of(self, index: LibraryIndex) -> Callable[[int, int, str], None]:
        def progress(done: int, total: int, message: str) -> None:
            if index is self.index and index is self._index_of_task:
                self.index_progress.emit(done, total, message)

        return progress

    def _tidy(self, index: LibraryIndex) -> None:
        """Merge the index's small segments in the background once quick updates have
        left many (searches slow down with each); updates asked meanwhile wait for it."""
        if self.closed:
            return

        def finished(_result: object = None) -> None:
            self._task = None
            self._run_pending()
            self.settled.emit()

        def failed(message: str) -> None:
            log.warning("%s", message)  # searches still work, on more segments
            finished()

        self._task = (
            Op[None](self.runner, "merge the index's segments", lambda _p, _c: index.tidy())
            .success(finished)
            .failure(failed)
            .run()
        )
        self._index_of_task = index

    def cancel(self) -> None:
        """Cancel the open library's update. An update of a library that is no longer open
        is already cancelled, and the open library's own update still follows it."""
        if self._task is None:
            return
        self._task.cancel()
        if self._index_of_task is self.index:
            self._pending = False

    def _run_pending(self) -> None:
        if self._pending:
            self._pending = False
            self._update(self._pending_paths)
