"""The benchmark scripts still run against the current code (no timing is checked: the
numbers are for reading, and ``make bench`` must not break when an interface changes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_library_benchmark_runs_on_a_small_library(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_library.py"), "--docs", "30"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "full index:" in done.stdout and "open: reader layout" in done.stdout
