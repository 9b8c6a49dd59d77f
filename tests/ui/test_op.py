"""``Op``: background work whose answer arrives on the GUI thread, says what failed, and is
dropped when a newer request of its kind, or a changed condition, has made it stale."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from briefreader.core.errors import BriefReaderError
from briefreader.ui.services.op import Latest, Op
from briefreader.ui.services.tasks import TaskRunner

TIMEOUT = 10_000


def test_the_answer_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: list[tuple[int, bool, bool]] = []

    def work(_progress: object, _cancel: object) -> tuple[int, bool]:
        return 42, QThread.currentThread() is qtbot_thread

    qtbot_thread = QThread.currentThread()
    Op[tuple[int, bool]](runner, "answer", work).success(
        lambda result: seen.append((*result, QThread.currentThread() is qtbot_thread))
    ).run()
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert seen == [(42, False, True)]  # worked off the GUI thread, answered on it
    assert runner.wait_for_all(TIMEOUT)


def test_a_failure_says_what_failed(qtbot: QtBot) -> None:
    runner = TaskRunner()
    messages: list[str] = []

    def work(_progress: object, _cancel: object) -> None:
        raise BriefReaderError("the disk is full")

    Op[None](runner, "open cable.md", work).failure(messages.append).run()
    qtbot.waitUntil(lambda: bool(messages), timeout=TIMEOUT)
    assert messages == ["cannot open cable.md: the disk is full"]
    assert runner.wait_for_all(TIMEOUT)


def test_many_short_tasks_each_answer_once_and_nothing_crashes(qtbot: QtBot) -> None:
    """Answers arriving while their workers are still returning: the runner once freed a
    task's signals object (or its runnable) there, and the process died."""
    runner = TaskRunner()
    answers: list[int] = []
    failures: list[str] = []
    for number in range(600):
        if number % 3 == 0:
            Op[int](runner, f"fail {number}", _failing).failure(failures.append).run()
        else:
            Op[int](runner, "echo", lambda _p, _c, n=number: n).success(answers.append).run()
    qtbot.waitUntil(lambda: runner.idle, timeout=TIMEOUT * 3)
    assert sorted(answers) == [n for n in range(600) if n % 3]
    assert len(failures) == 200 and failures[0].startswith("cannot fail ")
    assert runner.wait_for_all(TIMEOUT)


def _failing(_progress: object, _cancel: object) -> int:
    raise BriefReaderError("no")


def test_only_the_newest_of_a_kind_answers(qtbot: QtBot) -> None:
    """A slow first search that ends after a quick second one is dropped, result, failure and
    progress alike; nothing asked before ``drop()`` answers either."""
    runner = TaskRunner()
    kind = Latest()
    release = threading.Event()
    answers: list[str] = []
    progress: list[str] = []

    def slow(report: object, _cancel: object) -> str:
        release.wait(TIMEOUT / 1000)
        report(1, 1, "slow")  # type: ignore[operator]
        return "slow"

    def slow_failure(_report: object, _cancel: object) -> str:
        release.wait(TIMEOUT / 1000)
        raise BriefReaderError("too late")

    for work in (slow, slow_failure):
        Op[str](runner, "search", work).latest(kind).success(answers.append).failure(
            answers.append
        ).progress(lambda _d, _t, message: progress.append(message)).run()
    Op[str](runner, "search", lambda _p, _c: "quick").latest(kind).success(answers.append).run()
    qtbot.waitUntil(lambda: answers == ["quick"], timeout=TIMEOUT)
    release.set()
    assert runner.wait_for_all(TIMEOUT)
    qtbot.wait(100)  # the stale answers were queued to this thread by now
    assert answers == ["quick"] and progress == []

    Op[str](runner, "search", lambda _p, _c: "cleared").latest(kind).success(answers.append).run()
    kind.drop()  # the query was cleared before the answer came
    assert runner.wait_for_all(TIMEOUT)
    qtbot.wait(100)
    assert answers == ["quick"]


def test_an_answer_is_dropped_when_its_condition_no_longer_holds(qtbot: QtBot) -> None:
    runner = TaskRunner()
    open_library = {"name": "first"}
    answers: list[str] = []
    release = threading.Event()

    def work(_progress: object, _cancel: object) -> str:
        release.wait(TIMEOUT / 1000)
        return "list of first"

    Op[str](runner, "list the library", work).when(
        lambda: open_library["name"] == "first"
    ).success(answers.append).run()
    open_library["name"] = "second"  # another library opened meanwhile
    release.set()
    assert runner.wait_for_all(TIMEOUT)
    qtbot.wait(100)
    assert answers == []
    assert runner.wait_for_all(TIMEOUT)
