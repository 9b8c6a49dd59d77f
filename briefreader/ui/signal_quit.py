"""Quit the GUI cleanly on Ctrl-C and SIGTERM."""

from __future__ import annotations

import signal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


class SignalQuit:
    """Ctrl-C and SIGTERM close the windows (cancelling indexing, saving the layout) and end
    the event loop with the shell's conventional status, 128 + the signal number.

    Python runs signal handlers only between bytecodes, never while Qt's event loop waits in
    C++, so a short timer lets the interpreter look in regularly; without a handler, Ctrl-C
    would raise KeyboardInterrupt inside some Qt callback and be printed and ignored.
    """

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.exit_code: int | None = None
        self.timer = QTimer(app)
        self.timer.timeout.connect(lambda: None)
        self.timer.start(200)
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._handle)

    def _handle(self, signum: int, _frame: object) -> None:
        if self.exit_code is not None:
            return  # already closing
        self.exit_code = 128 + signum
        for widget in self.app.topLevelWidgets():
            widget.close()
        self.app.exit(self.exit_code)
