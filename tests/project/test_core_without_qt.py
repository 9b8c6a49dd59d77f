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
import briefreader.cli.main, briefreader.paths
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


def test_the_core_is_handed_folders_and_never_imports_the_app() -> None:
    """The core takes folders from its callers; it never reaches for the app's paths, the
    CLI or the GUI, so each can be used (and tested) on its own."""
    code = """
import pkgutil, importlib, sys, briefreader.core as core
for info in pkgutil.walk_packages(core.__path__, 'briefreader.core.'):
    importlib.import_module(info.name)
app = [m for m in sys.modules if m in ('briefreader.paths', 'briefreader.cli.main')
       or m.startswith('briefreader.ui')]
print(app)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_gui_entry_point_does_not_import_the_cli() -> None:
    code = (
        "import sys, briefreader.ui.app as app\n"
        "seen = []\n"
        "app.run_gui = lambda paths, workspace, folder: seen.append(\n"
        "    (paths.data_dir.name, workspace.data_dir == paths.data_dir, folder)) or 0\n"
        "app.main(['lib', '--data-dir', '/tmp/x-data'])\n"
        "print('briefreader.cli.main' in sys.modules, seen)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "False [('x-data', True, PosixPath('lib'))]", result.stderr
