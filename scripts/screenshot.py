"""Regenerate the window's pictures in docs/: offscreen, on the samples, in a throwaway data
folder, with a search run and its first result open.

- ``docs/screenshot.png``: 1280x800, light, Entities tab (the README and AppStream show it);
- ``docs/screens/{light,dark}-{1024x640,1920x1080}.png``: the sizes the window must fit,
  in both themes, Treaty facts tab;
- ``docs/facts-{light,dark}.png``: the side panel's Treaty facts card alone.

Taking them by script keeps them in step with the interface instead of with someone's
desktop. ``QT_QPA_PLATFORM=offscreen python scripts/screenshot.py [--only-main]``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
QUERY = 'treaty source:"BriefReader sample (team-written)"'  # a filter shows as a chip
TIMEOUT_MS = 60_000
SIZES = ((1024, 640), (1920, 1080))
ENTITIES_TAB, FACTS_TAB = 0, 1


def capture(theme: str, size: tuple[int, int], tab: int, outs: dict[str, Path]) -> None:
    """One window in ``theme`` at ``size`` with ``tab`` in front; ``outs`` names what to save:
    "window" the whole window, "side" the side panel alone."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from briefreader.core.storage.settings import Settings
    from briefreader.paths import AppPaths
    from briefreader.ui.window.main_window import MainWindow

    app = QApplication.instance()
    assert app is not None
    with tempfile.TemporaryDirectory() as data:
        paths = AppPaths.resolve(data)
        Settings(theme=theme, welcome_shown=True).save(paths.settings_file)
        window = MainWindow(paths)
        window.resize(*size)
        window.show()

        def wait_for(signal: object) -> None:
            loop = QEventLoop()
            signal.connect(loop.quit)  # type: ignore[attr-defined]
            QTimer.singleShot(TIMEOUT_MS, loop.quit)
            loop.exec()

        window.open_folders([REPO / "seeds"])
        wait_for(window.controller.indexer.index_finished)
        window.search_box.setText(QUERY)
        window.search_box.returnPressed.emit()
        wait_for(window.controller.reading.search_finished)
        if window.results.model.rowCount():
            window.results.result_activated.emit(window.results.hit_at(0))
            wait_for(window.controller.reading.document_loaded)
        window.side_tabs.setCurrentIndex(tab)
        for _ in range(30):
            app.processEvents()
        for kind, out in outs.items():
            widget = window if kind == "window" else window.side_tabs
            out.parent.mkdir(parents=True, exist_ok=True)
            if not widget.grab().save(str(out)):
                raise OSError(f"cannot write {out}")
            print(out)
        window.controller.cancel_indexing()
        window.runner.wait_for_all(TIMEOUT_MS)
        window.close()


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from briefreader.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    capture("light", (1280, 800), ENTITIES_TAB, {"window": DOCS / "screenshot.png"})
    if "--only-main" in argv:
        return 0
    for theme in ("light", "dark"):
        for width, height in SIZES:
            outs = {"window": DOCS / "screens" / f"{theme}-{width}x{height}.png"}
            if (width, height) == SIZES[1]:
                outs["side"] = DOCS / f"facts-{theme}.png"
            capture(theme, (width, height), FACTS_TAB, outs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
