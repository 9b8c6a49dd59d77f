"""The Qt binding survives a long day of signals.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``True`` on every emit, and the process
died with "Fatal Python error: bool_dealloc" after a few thousand. That release is excluded in
pyproject.toml; this test emits thousands of signals of every shape the application uses, in a
fresh process (a crash must not take pytest with it), and checks the refcounts of the
singletons and a clean exit.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

STORM = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
    from briefreader.ui.services.tasks import TaskRunner

    class Signals(QObject):
        progress = Signal(int, int, str)
        item = Signal(object)
        text = Signal(str)
        rows = Signal(list)
        bare = Signal()
        pair = Signal(int, int)

    app = QCoreApplication([])
    signals = Signals()
    received = []
    for signal in (signals.progress, signals.item, signals.text, signals.rows, signals.bare,
                   signals.pair):
        signal.connect(lambda *args: received.append(len(args)))
    before = sys.getrefcount(True), sys.getrefcount(None), sys.getrefcount(False)
    COUNT = 3000
    for n in range(COUNT):
        signals.progress.emit(n, COUNT, "file.md")
        signals.item.emit({"n": n})
        signals.text.emit("message")
        signals.rows.emit([n])
        signals.bare.emit()
        signals.pair.emit(n, COUNT)
    # Queued deliveries from worker threads, as the task runner makes them.
    runner = TaskRunner()
    done = []
    for n in range(600):
        runner.run(lambda progress, cancel, n=n: (progress(1, 2, "x"), n)[1],
                   done.append, done.append, lambda *a: None)
    runner.wait_for_all(60000)
    for _ in range(50):
        app.processEvents()
    after = sys.getrefcount(True), sys.getrefcount(None), sys.getrefcount(False)
    assert len(received) == 6 * COUNT, len(received)
    assert len(done) == 600, len(done)
    drift = [b - a for b, a in zip(before, after)]
    assert max(drift) < 50, f"singleton references lost: {drift}"
    print("ok", drift)
    """
)


def test_thousands_of_signals_leave_the_singletons_alone() -> None:
    result = subprocess.run(
        [sys.executable, "-c", STORM],
        capture_output=True,
        text=True,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok"), result.stdout
