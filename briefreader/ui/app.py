"""Start the GUI: check for a display, create the application, open the first library."""

from __future__ import annotations

import argparse
import os
import re
import socket
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from briefreader.core.annotations.export import parse_passage_link
from briefreader.core.storage.settings import Settings
from briefreader.logs import start_logging
from briefreader.paths import AppPaths, bundled_dir

if TYPE_CHECKING:  # Qt is imported only when a window is opened, not by the command line
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from briefreader.core.workspace import Workspace
    from briefreader.ui.window.main_window import MainWindow

NO_DISPLAY_MESSAGE = (
    "briefreader: no display available; use the command line (briefreader --help) "
    "or set QT_QPA_PLATFORM=offscreen"
)


def display_available(env: Mapping[str, str] | None = None) -> bool:
    """Whether Qt can open a window here. On Linux Qt aborts the process when the display
    server it is told to use is not there, so the server is looked for first."""
    env = os.environ if env is None else env
    platform = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if platform and platform not in ("xcb", "wayland", "wayland-egl"):
        return True  # offscreen, vnc, eglfs...: no display server needed
    if not (sys.platform.startswith("linux") or "bsd" in sys.platform):
        return True
    if platform != "xcb" and _wayland_reachable(env):
        return True
    return platform != "wayland" and _x11_reachable(env.get("DISPLAY", ""))


def _wayland_reachable(env: Mapping[str, str]) -> bool:
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "")) / name
    return path.exists()


def _x11_reachable(display: str) -> bool:
    """Whether an X server answers at ``display`` ("[host]:N[.screen]")."""
    match = re.fullmatch(r"(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?", display)
    if not match:
        return False
    host, number = match.group("host"), int(match.group("number"))
    if host in ("", "unix"):
        return Path(f"/tmp/.X11-unix/X{number}").exists()
    try:  # a forwarded display (ssh -X), e.g. localhost:10.0
        with socket.create_connection((host, 6000 + number), timeout=1.0):
            return True
    except OSError:
        return False


def initial_folders(paths: AppPaths, folder: Path | None) -> list[Path]:
    """The folder asked for, else the last library that still exists, else the samples."""
    if folder is not None:
        return [folder]
    return Settings.load(paths.settings_file).existing_library() or [bundled_dir("seeds")]


ICON_ID = "io.github.briefreader.BriefReader"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_files() -> list[Path]:
    """The application icon's files that exist: the SVG, then the PNGs rendered from it.

    Both are given to Qt so a platform without the SVG image plugin (or a panel asking for
    16 px, where the hand-tuned PNG is crisper) still gets a picture.
    """
    icons = bundled_dir("resources") / "icons"
    candidates = [icons / f"{ICON_ID}.svg"] + [
        icons / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_ID}.png" for size in ICON_SIZES
    ]
    return [path for path in candidates if path.is_file()]


def app_icon() -> QIcon:
    """BriefReader's icon for windows, the task bar and dialogs."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon


SMOKE_TEST_ENV = "BRIEFREADER_SMOKE_TEST"
SMOKE_TEST_LIMIT_MS = 120_000


def _quit_when_ready(window: MainWindow, app: QApplication, document: Path | None) -> None:
    """With ``BRIEFREADER_SMOKE_TEST=1``: say when the window is shown, then quit once the
    first index update is done (and the document asked for is shown), with status 0.

    An installed wheel or a bundle is checked by starting it like a user would; this lets a
    script see that the window really came up and worked, with a status to test, instead of
    killing it after a guessed delay. Two minutes without that is a failure (status 1).
    """
    from PySide6.QtCore import QTimer

    waiting = {"index"} | ({"document"} if document is not None else set())

    def done(what: str, message: str) -> None:
        print(f"briefreader: {message}", flush=True)
        waiting.discard(what)
        if not waiting:
            QTimer.singleShot(0, app.quit)

    QTimer.singleShot(
        0, lambda: print(f"briefreader: window shown after {_uptime():.2f} s", flush=True)
    )
    window.controller.indexer.index_finished.connect(
        lambda report: done("index", f"indexed: {report.summary()}")
    )
    window.controller.indexer.index_failed.connect(
        lambda message: done("index", f"index failed: {message}")
    )
    window.controller.reading.document_loaded.connect(
        lambda loaded: done("document", f"showing {loaded.document.metadata.path}")
    )
    window.controller.reading.document_failed.connect(
        lambda message: done("document", f"document failed: {message}")
    )
    QTimer.singleShot(SMOKE_TEST_LIMIT_MS, lambda: app.exit(1))


def _uptime() -> float:
    """Seconds since this process started (what a user waits from the click), read from
    /proc on Linux; elsewhere, since the interpreter imported this module."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = float(Path("/proc/uptime").read_text().split()[0])
        return boot - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED


_IMPORTED = time.monotonic()


def open_request(folder: Path | None, document: Path | None = None) -> dict[str, object]:
    """What a launch asks the window for (its own, or the one already running): a library
    folder and, when a file was named, that document in it."""
    request: dict[str, object] = {}
    if folder is not None:
        request["folder"] = str(folder.resolve())
    if document is not None:
        request["document"] = str(document)
    return request


def run_gui(paths: AppPaths, workspace: Workspace, folder: Path | None = None) -> int:
    """Open the window on ``folder`` (a library folder, or a briefing: its folder then opens
    with that document shown), or on a ``briefreader://`` passage link; the window works in
    ``workspace`` (the data folder's, built once by the caller)."""
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    link = parse_passage_link(str(folder)) if folder is not None else None
    if link is not None:
        folder = None  # a passage to show, in whatever library is open
    document: Path | None = None
    if folder is not None and folder.is_file():
        # A briefing (double-clicked in a file manager): its folder is the library.
        document = folder.resolve()
        folder = document.parent
    if folder is not None and not folder.is_dir():
        print(f"briefreader: not a folder or a file: {folder}", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from briefreader.ui.signal_quit import SignalQuit
    from briefreader.ui.single_instance import InstanceServer, channel_name, send_to_running
    from briefreader.ui.style import apply_style
    from briefreader.ui.window.main_window import MainWindow

    start_logging(workspace.log_file)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("BriefReader")
    app.setOrganizationName("BriefReader")
    app.setDesktopFileName(ICON_ID)  # Wayland matches the window to the .desktop file by this
    app.setWindowIcon(app_icon())
    # Before the window opens a library: a SIGTERM while it starts indexing (on a loaded
    # machine that can take a second) must close it cleanly, not kill it outright.
    stop = SignalQuit(app)
    name = channel_name(paths)
    request = open_request(folder, document)
    if link is not None:
        request = {"open": link.path, "start": link.start, "end": link.end}
    if send_to_running(name, request):
        print("briefreader: already running; the open window was asked to show it")
        return 0
    server = InstanceServer(name, app)
    server.listen()
    apply_style(app)
    window = MainWindow(paths, workspace=workspace)
    server.request_received.connect(window.handle_request)
    window.show()
    if document is None and link is None:  # where the analyst left off, in that library
        window.resume_session([folder] if folder else None, initial_folders(paths, None))
    else:
        window.open_folders(initial_folders(paths, folder))
    if link is not None or document is not None:
        window.handle_request(request)
    if os.environ.get(SMOKE_TEST_ENV) == "1":
        _quit_when_ready(window, app, document)
    if stop.exit_code is not None:  # the signal came before the event loop ran
        if window.isVisible():
            window.close()
        return stop.exit_code
    code = app.exec()
    return stop.exit_code if stop.exit_code is not None else code


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``briefreader-gui`` script: ``[FOLDER|FILE] [--data-dir DIR]``.

    It parses its own two arguments rather than going through the CLI, so the GUI and the
    command line do not import each other.
    """
    parser = argparse.ArgumentParser(prog="briefreader-gui", description="Open the reader.")
    parser.add_argument("folder", nargs="?", help="library folder, or a briefing, to open")
    parser.add_argument("--data-dir", metavar="DIR", help="keep indexes and settings in DIR")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    target = args.folder
    if target and target.startswith("file://"):  # some launchers pass URLs (%u)
        target = unquote(urlsplit(target).path)
    folder = Path(target) if target else None
    from briefreader.core.workspace import Workspace

    paths = AppPaths.resolve(args.data_dir)
    return run_gui(paths, Workspace(paths.data_dir), folder)
