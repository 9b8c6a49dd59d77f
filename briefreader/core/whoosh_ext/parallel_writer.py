"""Whoosh's parallel writer, with writer processes that fail quietly and are never ignored.

Whoosh's writer processes (``SubWriterTask``) let any exception escape ``run``, so on a full
disk each printed a traceback before the command line's one clear line. Worse, the parent
then waited a second for each missing result and committed without that process's
documents. Here a writer process that hits a storage error (full disk, read-only storage)
exits with the error number as its status, printing nothing; the parent checks every
writer's status before it commits and raises the same ``OSError``, which the index turns into
its usual message with the committed index left as it was. Any other failure is a bug: it
keeps its traceback, and the commit is refused too. Handing a batch to the writers waits only
while none of them has failed, or a full job queue would wait for the dead forever.
"""

from __future__ import annotations

import errno
import os
import queue
import sys
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from briefreader.core.errors import IndexUnavailableError

_MAX_STATUS = 255  # an exit status holds one byte
_POLL_SECONDS = 0.5


class _QuietTask(SubWriterTask):  # type: ignore[misc]  # Whoosh is untyped
    def run(self) -> None:
        try:
            super().run()
        except OSError as exc:
            code = exc.errno if exc.errno and 0 < exc.errno < _MAX_STATUS else errno.EIO
            sys.exit(code)  # multiprocessing prints nothing for SystemExit with a status


def _check(tasks: list[SubWriterTask]) -> None:
    """Raise what a failed writer process reported by its exit status."""
    for task in tasks:
        status = task.exitcode
        if status is None or status == 0:
            continue
        if status > 0 and status in errno.errorcode:
            raise OSError(status, os.strerror(status))
        raise IndexUnavailableError(
            f"an index writer process ended unexpectedly (status {status}); "
            "the index was left as it was"
        )


class _WatchedQueue:
    """The job queue, whose ``put`` gives up when a writer process has failed."""

    def __init__(self, inner: Any, tasks: list[SubWriterTask]) -> None:
        self.inner, self.tasks = inner, tasks

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self.inner.get(*args, **kwargs)

    def put(self, item: Any) -> None:
        while True:
            try:
                self.inner.put(item, timeout=_POLL_SECONDS)
                return
            except queue.Full:
                _check(self.tasks)


class ParallelWriter(MpWriter):  # type: ignore[misc]  # Whoosh is untyped
    """``MpWriter`` whose writer processes are ``_QuietTask``s, checked before the commit."""

    jobqueue: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jobqueue = _WatchedQueue(self.jobqueue, self.tasks)

    def _new_task(self) -> SubWriterTask:
        task = _QuietTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task

    def _commit_toc(self, segments: Any) -> None:
        _check(self.tasks)  # every writer process has ended by now (joined)
        super()._commit_toc(segments)
