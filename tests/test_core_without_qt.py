"""The core (and the CLI's non-GUI commands) must work where Qt cannot even be imported."""

import subprocess
import sys

from conftest import REPO

BLOCK_QT = """
import importlib.abc, sys
class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is blocked in this test: ' + name)
        return None
sys.meta_path.insert(0, BlockQt())
import pkgutil, importlib, briefreader.core as core
for info in pkgutil.walk_packages(core.__path__, 'briefreader.core.'):
    importlib.import_module(info.name)
import briefreader.cli, briefreader.paths
print('ok')
"""


def test_core_imports_with_qt_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_blocker_really_blocks_qt() -> None:
    """Guard against a blocker that blocks nothing (the test above would then prove nothing)."""
    code = BLOCK_QT.replace("print('ok')", "import PySide6.QtCore")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "Qt is blocked" in result.stderr
