"""The command line under kill, SIGTERM, Ctrl-C and closed pipes: clean exits, no process left
behind, no lock left held, and a first index cut short is reported as incomplete."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from process_helpers import alive, children_of, wait_for

FILES = 1500


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    for number in range(FILES):
        (folder / f"cable-{number:04}.txt").write_text(
            f"Cable {number} on the fisheries annex and the customs union.\n" * 30
        )
    return folder


def start_index(folder: Path, data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "briefreader", "index", str(folder), "--data-dir", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefreader", *args], capture_output=True, text=True, timeout=300
    )


def interrupt_while_writing(folder: Path, data: Path, signum: int, group: bool) -> tuple:  # type: ignore[type-arg]
    job = start_index(folder, data)
    seen: set[int] = set()

    def writers_started() -> bool:
        seen.update(children_of(job.pid))
        return bool(seen) or job.poll() is not None

    wait_for(writers_started, timeout=120)
    if group:
        os.killpg(job.pid, signum)
    else:
        job.send_signal(signum)
    _out, err = job.communicate(timeout=120)
    time.sleep(0.5)
    return job.returncode, err, seen


@pytest.mark.parametrize(
    ("signum", "group", "status"),
    [(signal.SIGTERM, False, 143), (signal.SIGINT, True, 130)],
)
def test_sigterm_and_ctrl_c_cancel_cleanly(
    big_library: Path, tmp_path: Path, signum: int, group: bool, status: int
) -> None:
    data = tmp_path / "data"
    code, err, seen = interrupt_while_writing(big_library, data, signum, group)
    assert code == status, err
    assert "Traceback" not in err and "interrupted" in err
    assert seen and not [pid for pid in seen if alive(pid)], "writer processes left behind"
    again = cli("index", str(big_library), "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    assert f"{FILES} documents in the index" in again.stdout


def test_a_killed_index_leaves_no_orphan_or_lock_and_is_reported_incomplete(
    big_library: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    code, _err, seen = interrupt_while_writing(big_library, data, signal.SIGKILL, False)
    assert code == -signal.SIGKILL
    wait_for(lambda: not [pid for pid in seen if alive(pid)], timeout=10)
    found = cli("search", "fisheries", "--library", str(big_library), "--data-dir", str(data))
    assert found.returncode == 0, found.stderr
    assert "cut short" in found.stderr
    again = cli("index", str(big_library), "--data-dir", str(data))
    assert again.returncode == 0 and "another BriefReader" not in again.stderr, again.stderr
    found = cli("search", "fisheries", "--library", str(big_library), "--data-dir", str(data))
    assert "cut short" not in found.stderr


def test_a_closed_pipe_ends_output_quietly(seed_copy: Path, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    assert cli("index", str(seed_copy), "--data-dir", data).returncode == 0
    pipeline = subprocess.run(
        f"{sys.executable} -m briefreader search treaty --library {seed_copy} "
        f"--data-dir {data} --limit 50 | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert pipeline.stdout.strip() and "Error" not in pipeline.stderr, pipeline.stderr


def test_a_search_during_another_process_first_index_says_it_is_still_indexing(
    big_library: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    job = start_index(big_library, data)
    try:
        wait_for(lambda: bool(children_of(job.pid)) or job.poll() is not None, timeout=120)
        assert job.poll() is None, "the index finished before the search could run"
        args = ("search", "fisheries", "--library", str(big_library), "--data-dir", str(data))
        found = cli(*args, "--json")
        still_running = job.poll() is None
    finally:
        job.communicate(timeout=300)
    assert found.returncode == 0, found.stderr
    assert still_running, "the index finished while the search ran"
    payload = json.loads(found.stdout)
    assert payload["incomplete"] and payload["indexing"]
    assert "still being built" in found.stderr and "cut short" not in found.stderr
    done = cli(*args)
    assert "still being built" not in done.stderr and "cut short" not in done.stderr
