"""Background work in one sentence: ``Op(runner, "open cable.md", work).success(show).run()``.

An ``Op`` says what it does, so its failure says what failed (``"cannot open cable.md: …"``),
and it says when its answer is still wanted, so no caller keeps a serial counter:

- ``.latest(kind)``: only the newest operation of a kind (the newest search, the document
  opened last) delivers; starting another, or ``kind.drop()``, makes the older one's result
  and failure stale, and stale answers are dropped here;
- ``.when(condition)``: delivered only while ``condition()`` holds when the answer arrives
  (the library it was asked about is still the open one).

The work runs on the task runner's pool with ``(progress, cancel)`` and never touches a
widget; success, failure and progress are called on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

from briefreader.ui.services.tasks import TaskFunction, TaskHandle, TaskRunner

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int, int, str], None]


class Latest:
    """A kind of request of which only the newest counts."""

    def __init__(self) -> None:
        self._serial = 0

    def begin(self) -> Callable[[], bool]:
        """A new request of this kind: whatever was asked before is stale from now on; the
        function returned says whether this one is still the newest."""
        self._serial += 1
        mine = self._serial
        return lambda: mine == self._serial

    def drop(self) -> None:
        """Nothing asked so far is wanted any more (the library closed, the query cleared)."""
        self._serial += 1


class Op(Generic[T]):
    """One piece of background work, its handlers, and when its answer counts."""

    def __init__(self, runner: TaskRunner, what: str, work: TaskFunction) -> None:
        self._runner, self.what, self._work = runner, what, work
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[str], None] = lambda message: log.warning("%s", message)
        self._on_progress: Progress | None = None
        self._latest: Latest | None = None
        self._conditions: list[Callable[[], bool]] = []

    def success(self, handler: Callable[[T], None]) -> Op[T]:
        self._on_success = handler
        return self

    def failure(self, handler: Callable[[str], None]) -> Op[T]:
        """``handler`` gets one line for the analyst: ``"cannot <what>: <reason>"``. Without
        one, a failure is logged."""
        self._on_failure = handler
        return self

    def progress(self, handler: Progress) -> Op[T]:
        """Throttled reports ``(done, total, message)``, dropped once the answer is stale."""
        self._on_progress = handler
        return self

    def latest(self, kind: Latest) -> Op[T]:
        self._latest = kind
        return self

    def when(self, condition: Callable[[], bool]) -> Op[T]:
        self._conditions.append(condition)
        return self

    def run(self) -> TaskHandle:
        newest = self._latest.begin() if self._latest is not None else None
        conditions = [*self._conditions, *([newest] if newest is not None else [])]
        on_success, on_failure, on_progress = self._on_success, self._on_failure, self._on_progress
        what = self.what

        def wanted() -> bool:
            return all(condition() for condition in conditions)

        def succeeded(result: T) -> None:
            if wanted():
                on_success(result)

        def failed(message: str) -> None:
            if wanted():
                on_failure(f"cannot {what}: {message}")
            else:
                log.info("cannot %s (no longer wanted): %s", what, message)

        def progressed(done: int, total: int, message: str) -> None:
            if on_progress is not None and wanted():
                on_progress(done, total, message)

        return self._runner.run(
            self._work, succeeded, failed, progressed if on_progress is not None else None
        )
