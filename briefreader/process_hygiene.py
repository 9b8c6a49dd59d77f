"""Ending the command line cleanly: its worker processes die with it, Ctrl-C and SIGTERM
cancel the work in progress, and a closed pipe ends output quietly.

Whoosh forks writer processes for large batches. If the parent is killed those workers would
live on holding the index's locks, so on Linux each forked child asks the kernel for SIGKILL
when its parent dies (``PR_SET_PDEATHSIG``); children also ignore Ctrl-C, which the parent
handles for the whole group by cancelling and committing what it finished.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

PR_SET_PDEATHSIG = 1
_installed = False


def _child_after_fork() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            return
        if os.getppid() == 1:  # the parent died before the request took effect
            os._exit(1)


def children_die_with_parent() -> None:
    """Make every process forked from here on end when this process ends."""
    global _installed
    if not _installed and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_child_after_fork)
        _installed = True


class Interrupted:
    """Set by SIGINT or SIGTERM; the work polls it like a cancel token."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.signum: int | None = None

    def is_set(self) -> bool:
        return self._event.is_set()

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        self.signum = signum
        self._event.set()

    @property
    def exit_code(self) -> int:
        return 128 + (self.signum or signal.SIGINT)


@contextmanager
def cancel_on_signals() -> Iterator[Interrupted]:
    """While inside, SIGINT and SIGTERM set the returned token instead of killing."""
    token = Interrupted()
    previous = {sig: signal.signal(sig, token._handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield token
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def silence_broken_pipe() -> None:
    """After the reader of our output went away (``| head``): drop further output."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
