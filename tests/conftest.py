"""Shared fixtures. GUI tests (those using ``qtbot``) are marked ``gui`` automatically, so
``pytest -m "not gui"`` runs the Qt-free core alone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Fuzz tests run a few examples in ``make test``; ``make fuzz`` sets BRIEFREADER_FUZZ=1 for ten
# thousand each.
settings.register_profile("quick", max_examples=60, deadline=None)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("fuzz" if os.environ.get("BRIEFREADER_FUZZ") else "quick")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated app-data folder, also exported for code that reads the environment."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("BRIEFREADER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped sample library that a test may change."""
    target = tmp_path / "library"
    shutil.copytree(SEEDS, target)
    return target


def sample_files() -> list[Path]:
    """Every shipped sample and test fixture document."""
    return sorted(SEEDS.iterdir()) + sorted(FIXTURES.iterdir())
