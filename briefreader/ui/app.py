"""Start the GUI: check for a display, create the application, open the first library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from briefreader.core.settings import Settings
from briefreader.paths import AppPaths, bundled_dir

NO_DISPLAY_MESSAGE = (
    "briefreader: no display available; use the command line (briefreader --help) "
    "or set QT_QPA_PLATFORM=offscreen"
)


def display_available() -> bool:
    """Whether Qt can open a window here; on Linux Qt would abort without a display server."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def initial_folders(paths: AppPaths, folder: Path | None) -> list[Path]:
    """The folder asked for, else the last library that still exists, else the samples."""
    if folder is not None:
        return [folder]
    last = [Path(p) for p in Settings.load(paths.settings_file).last_library]
    existing = [p for p in last if p.is_dir()]
    return existing or [bundled_dir("seeds")]


def run_gui(paths: AppPaths, folder: Path | None = None) -> int:
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    if folder is not None and not folder.is_dir():
        print(f"briefreader: not a folder: {folder}", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from briefreader.ui.main_window import MainWindow
    from briefreader.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("BriefReader")
    app.setOrganizationName("BriefReader")
    apply_style(app)
    window = MainWindow(paths)
    window.show()
    window.open_folders(initial_folders(paths, folder))
    return app.exec()


def main() -> int:
    """Entry point of the ``briefreader-gui`` script."""
    from briefreader.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])
