"""Run core work on a thread pool and deliver results on the GUI thread.

Workers never touch widgets: a task is a plain function ``fn(progress, cancel)``; its result,
error and progress come back through one ``_Hub`` object per runner that lives on the GUI
thread, so Qt queues the deliveries there, each tagged with its task's number.

One hub for every task, rather than a signals object per task: a per-task object, released
when its result arrives, could be deleted on the GUI thread while the worker was still
inside the ``emit`` that delivered it (or the pool still finishing the runnable), and that
crashed. The hub and the pool live as long as the runner; the pool, made first, is destroyed
first, and waits for its workers.

Progress is throttled to about ten reports a second: a signal per file would flood the GUI
thread's queue on a large library, and every emit costs a trip through the binding.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

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


class _Hub(QObject):
    """The runner's signals, each carrying the number of the task it reports on."""

    progress = Signal(int, int, int, str)  # task, done, total, message
    done = Signal(int, object)  # task, result
    failed = Signal(int, str)  # task, message


@dataclass(frozen=True)
class _Callbacks:
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None]
    on_progress: Callable[[int, int, str], None] | None


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


def _job(key: int, fn: TaskFunction, hub: _Hub, handle: TaskHandle) -> Callable[[], None]:
    """What the pool runs: ``fn``, its result or error sent through the hub."""

    def run() -> None:
        try:
            progress = ThrottledProgress(lambda d, t, m: hub.progress.emit(key, d, t, m))
            result = fn(progress, handle.cancel_event)
        except BriefReaderError as exc:
            handle.finished.set()
            hub.failed.emit(key, str(exc))
        except Exception as exc:
            log.error("background task failed:\n%s", traceback.format_exc())
            handle.finished.set()
            hub.failed.emit(key, f"unexpected error: {exc}")
        else:
            handle.finished.set()
            hub.done.emit(key, result)

    return run


class TaskRunner(QObject):
    """Starts tasks on its pool and calls each task's callbacks, once, on the GUI thread."""

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
        self._hub = _Hub(self)  # made after the pool: destroyed after it has waited
        self._hub.done.connect(self._deliver_done)
        self._hub.failed.connect(self._deliver_failure)
        self._hub.progress.connect(self._deliver_progress)
        self._numbers = itertools.count()
        self._live: dict[int, _Callbacks] = {}

    def run(
        self,
        fn: TaskFunction,
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskHandle:
        handle = TaskHandle()
        key = next(self._numbers)
        self._live[key] = _Callbacks(on_done, on_error, on_progress)
        # A plain callable: the pool wraps it in a runnable it owns and deletes itself.
        self._pool.start(_job(key, fn, self._hub, handle))
        return handle

    def _deliver_done(self, key: int, result: object) -> None:
        callbacks = self._live.pop(key, None)
        if callbacks is not None:
            callbacks.on_done(result)

    def _deliver_failure(self, key: int, message: str) -> None:
        callbacks = self._live.pop(key, None)
        if callbacks is not None:
            callbacks.on_error(message)

    def _deliver_progress(self, key: int, done: int, total: int, message: str) -> None:
        callbacks = self._live.get(key)
        if callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(done, total, message)

    @property
    def idle(self) -> bool:
        """No task is running or still has a result to deliver: everything asked has arrived
        (tests wait for this rather than for one signal when an action starts several)."""
        return not self._live

    def wait_for_all(self, msecs: int = 30000) -> bool:
        """Block until running tasks end (used at shutdown and in tests)."""
        return self._pool.waitForDone(msecs)
