"""The application's look: Fusion plus a small style sheet from ``resources/styles``."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtWidgets import QApplication

from briefreader.paths import bundled_dir


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    sheet = bundled_dir("resources") / "styles" / "app.qss"
    with suppress(OSError):  # The default look is fine if the sheet is missing.
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
