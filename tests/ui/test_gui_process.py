"""The GUI as a process: a large library indexes without a crash, and Ctrl-C, SIGTERM or a
close end it cleanly, with the conventional status and no process left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from process_helpers import alive, children_of, wait_for

from briefreader.core.library import Library
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths


def start_gui(folder: Path, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "briefreader", "gui", str(folder), "--data-dir", str(data)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def forks_of(pid: int) -> set[int]:
    """Descendants that are copies of the window's process (forked), as opposed to fresh
    interpreters started for the entity analysis (spawned: their command line says so)."""
    forks = set()
    for child in children_of(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing" not in command:
            forks.add(child)
    return forks


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_closes_the_window_with_the_shells_status(
    tmp_path: Path, seed_copy: Path, signum: int, status: int
) -> None:
    data = tmp_path / "data"
    gui = start_gui(seed_copy, data)
    try:
        settings = AppPaths.resolve(data).settings_file
        wait_for(settings.exists)
        time.sleep(0.5)
        gui.send_signal(signum)
        _out, err = gui.communicate(timeout=60)
    finally:
        gui.kill()
    assert gui.returncode == status, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert AppPaths.resolve(data).window_state_file.exists()  # closed, not killed


def test_a_3000_file_library_indexes_in_the_gui_and_leaves_no_process(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for number in range(3000):
        (folder / f"cable-{number:04}.md").write_text(
            f"# Cable {number}\n\nTalks on the fisheries annex, round {number}.\n"
        )
    data = tmp_path / "data"
    gui = start_gui(folder, data)
    seen: set[int] = set()
    index = Workspace(AppPaths.resolve(data).data_dir).index_for(Library.from_folders([folder]))

    def indexed() -> bool:
        seen.update(forks_of(gui.pid))
        assert gui.poll() is None, gui.stderr.read() if gui.stderr else ""
        try:
            return len(index.summaries()) == 3000
        except Exception:
            return False

    try:
        wait_for(indexed, timeout=240)
        gui.send_signal(signal.SIGTERM)
        _out, err = gui.communicate(timeout=60)
    finally:
        gui.kill()
    assert gui.returncode == 143, err
    assert "Fatal Python error" not in err and "Traceback" not in err, err
    assert not seen, "the GUI never forks: it indexes with one writer"
    time.sleep(0.5)
    assert not children_of(gui.pid), "processes left behind"


def test_sigterm_during_a_first_index_cancels_it_and_leaves_no_process(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for number in range(3000):
        (folder / f"note-{number:04}.txt").write_text(f"Round {number} of the talks.\n" * 20)
    data = tmp_path / "data"
    gui = start_gui(folder, data)
    seen: set[int] = set()
    indexes = data / "indexes"

    def indexing() -> bool:
        seen.update(children_of(gui.pid))
        return indexes.is_dir() and any(indexes.iterdir())

    try:
        wait_for(indexing)
        time.sleep(0.3)
        seen.update(children_of(gui.pid))
        gui.send_signal(signal.SIGTERM)
        _out, err = gui.communicate(timeout=60)
    finally:
        gui.kill()
    assert gui.returncode == 143, err
    assert "Traceback" not in err, err
    time.sleep(0.5)
    assert not [pid for pid in seen if alive(pid)], "processes left behind"


def test_a_second_launch_hands_its_folder_to_the_running_window(
    tmp_path: Path, seed_copy: Path, qapp: object
) -> None:
    from briefreader.ui.app import open_request
    from briefreader.ui.single_instance import channel_name, send_to_running

    data = tmp_path / "data"
    other = tmp_path / "other"
    other.mkdir()
    (other / "only.md").write_text("# Only\n\nA note.\n")
    first = start_gui(seed_copy, data)
    try:
        settings = AppPaths.resolve(data).settings_file
        wait_for(settings.exists)
        second = subprocess.run(
            [sys.executable, "-m", "briefreader", "gui", str(other), "--data-dir", str(data)],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        wait_for(lambda: str(other) in settings.read_text(encoding="utf-8"))
        assert first.poll() is None
        first.send_signal(signal.SIGKILL)  # a crash leaves its socket behind
        first.communicate(timeout=60)
    finally:
        first.kill()
    third = start_gui(other, data)  # nothing answers the old socket: a window of its own
    try:
        # It answers a request from its event loop, so its SIGTERM handler is in place too (a
        # fixed wait was too short on a loaded machine).
        extra = tmp_path / "extra"
        extra.mkdir()
        name = channel_name(AppPaths.resolve(data))

        def answered() -> bool:
            assert third.poll() is None
            return send_to_running(name, open_request(extra))

        wait_for(answered)
        wait_for(lambda: str(extra) in settings.read_text(encoding="utf-8"))
        third.send_signal(signal.SIGTERM)
        third.communicate(timeout=60)
    finally:
        third.kill()
    assert third.returncode == 143
