"""Every action works the way an analyst reaches it: from its menu, its context menu or its
shortcut, in every state of the window, answering the dialogs it opens.

The tests themselves are in ``action_walk.py`` and run here in child processes: with
PySide 6.11 an exception escaping a Python override of a C++ method (``QUndoCommand.redo``,
an event handler) kills the process, and that must fail one test that names the action being
tried, not end the whole run. One child per state of the window for the walk through every
menu, one for the shortcuts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from action_walk import PROGRESS_ENV, STATES

WALK = Path(__file__).resolve().parents[1] / "action_walk.py"
CHILD_TIMEOUT = 600  # seconds, on a busy machine (a state takes about 15 s when idle)
RUNS = {f"walk, {state}": f"{WALK}::test_walk[{state}]" for state in STATES}


@pytest.mark.gui
@pytest.mark.parametrize("run", [*RUNS, "shortcuts"])
def test_every_action(run: str, tmp_path: Path) -> None:
    """A crash, an uncaught exception, a Qt warning or a wrong note fails, with the last
    action tried."""
    progress = tmp_path / "progress.txt"
    env = {**os.environ, PROGRESS_ENV: str(progress)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    selection = [RUNS[run]] if run in RUNS else [str(WALK), "-k", "not test_walk"]
    child = subprocess.run(
        [sys.executable, "-m", "pytest", *selection, "-q", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "child")],
        cwd=WALK.parent.parent, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT,
    )  # fmt: skip
    if child.returncode == 0:
        return
    lines = progress.read_text(encoding="utf-8").splitlines() if progress.exists() else []
    last = lines[-1] if lines else "before the first action"
    code = child.returncode
    how = f"crashed ({signal.Signals(-code).name})" if code < 0 else f"failed (status {code})"
    output = [
        line for line in (child.stdout + child.stderr).splitlines() if "(IGNORED)" not in line
    ]
    pytest.fail(f"{run}: {how} at {last}\n" + "\n".join(output[-80:]), pytrace=False)
