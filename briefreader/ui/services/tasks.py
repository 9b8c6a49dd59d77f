"""Run core work on a thread pool and deliver results on the GUI thread.

Workers never touch widgets: a task is a plain function ``fn(progress, cancel)``; its result,
error and progress come back through a ``TaskSignals`` object that lives on the GUI thread, so
Qt queues the deliveries there.

Progress is throttled to about ten reports a second: a signal per file would flood the GUI
thread's queue on a large library, and every emit costs a trip through the binding.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from briefreader.core.errors import BriefReaderError

log = logging.getLogger(__name__)

TaskFunction = Callable[[Callable[[int, int, str], None], threading.Event], Any]
PROGRESS_INTERVAL = 0.1  # seconds between two progress reports


class ThrottledProgress:
    """Passes on one report per ``interval`` at most, plus the first and the last."""

    def __init__(
        self,
        emit: Callable[[int, int, str], None],
        interval: float = PROGRESS_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._emit, self._interval, self._clock = emit, interval, clock
        self._last: float | None = None

    def __call__(self, done: int, total: int, message: str) -> None:
        now = self._clock()
        if self._last is None or now - self._last >= self._interval or done >= total:
            self._last = now
            self._emit(done, total, message)


class TaskSignals(QObject):
    """Signals: ``progress(done, total, message)``, ``done(result)``, ``failed(message)``."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)


class TaskHandle:
    """What the caller keeps: a way to cancel and to ask whether the task still runs."""

    def __init__(self) -> None:
        self.cancel_event = threading.Event()
        self.finished = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def running(self) -> bool:
        return not self.finished.is_set()


class _Runnable(QRunnable):
    def __init__(self, fn: TaskFunction, signals: TaskSignals, handle: TaskHandle) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._fn, self._signals, self._handle = fn, signals, handle

    def run(self) -> None:
        try:
            progress = ThrottledProgress(self._signals.progress.emit)
            result = self._fn(progress, self._handle.cancel_event)
        except BriefReaderError as exc:
            self._handle.finished.set()
            self._signals.failed.emit(str(exc))
        except Exception as exc:
            log.error("background task failed:\n%s", traceback.format_exc())
            self._handle.finished.set()
            self._signals.failed.emit(f"unexpected error: {exc}")
        else:
            self._handle.finished.set()
            self._signals.done.emit(result)


class TaskRunner(QObject):
    """Starts tasks and keeps their signal objects alive until they have reported."""

    # A long index update must not make searches and document loads wait for a free thread,
    # whatever the number of cores.
    MIN_THREADS = 4

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(
                max(QThreadPool.globalInstance().maxThreadCount(), self.MIN_THREADS)
            )
        self._pool = pool
        self._live: dict[int, tuple[TaskSignals, _Runnable]] = {}

    def run(
        self,
        fn: TaskFunction,
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskHandle:
        handle = TaskHandle()
        signals = TaskSignals(self)
        runnable = _Runnable(fn, signals, handle)
        key = id(signals)
        self._live[key] = (signals, runnable)

        def release() -> None:
            self._live.pop(key, None)
            signals.deleteLater()

        signals.done.connect(on_done)
        signals.failed.connect(on_error)
        signals.done.connect(release)
        signals.failed.connect(release)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        self._pool.start(runnable)
        return handle

    @property
    def idle(self) -> bool:
        """No task is running or still has a result to deliver: everything asked has arrived
        (tests wait for this rather than for one signal when an action starts several)."""
        return not self._live

    def wait_for_all(self, msecs: int = 30000) -> bool:
        """Block until running tasks end (used at shutdown and in tests)."""
        return self._pool.waitForDone(msecs)
