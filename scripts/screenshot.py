"""Regenerate docs/screenshot.png: the window at 1280x800, offscreen, on the samples, light
theme, with a search run and its first result open.

The README and the AppStream metadata show this picture; taking it by script (in a throwaway
data folder) keeps it in step with the interface instead of with someone's desktop.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERY = "treaty"
TIMEOUT_MS = 60_000


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(argv[0]) if argv else REPO / "docs" / "screenshot.png"
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from briefreader.core.settings import Settings
    from briefreader.paths import AppPaths
    from briefreader.ui.main_window import MainWindow
    from briefreader.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    with tempfile.TemporaryDirectory() as data:
        paths = AppPaths.resolve(data)
        settings = Settings(theme="light", welcome_shown=True)  # the everyday window
        settings.save(paths.settings_file)
        window = MainWindow(paths)
        window.resize(1280, 800)
        window.show()

        def wait_for(signal: object) -> None:
            loop = QEventLoop()
            signal.connect(loop.quit)  # type: ignore[attr-defined]
            QTimer.singleShot(TIMEOUT_MS, loop.quit)
            loop.exec()

        window.open_folders([REPO / "seeds"])
        wait_for(window.controller.index_finished)
        window.search_box.setText(QUERY)
        window.search_box.returnPressed.emit()
        wait_for(window.controller.search_finished)
        if window.results.model.rowCount():
            window.results.result_activated.emit(window.results.hit_at(0))
            wait_for(window.controller.document_loaded)
        for _ in range(20):
            app.processEvents()
        if not window.grab().save(str(out)):
            print(f"cannot write {out}", file=sys.stderr)
            return 1
        window.controller.cancel_indexing()
        window.runner.wait_for_all(TIMEOUT_MS)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
