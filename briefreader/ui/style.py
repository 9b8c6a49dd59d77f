"""The application's look: Fusion, the theme's palette, and a style sheet from ``resources``.

The style sheet names colours as ``@name@`` placeholders, filled from the current ``Theme`` so
the same sheet serves light and dark mode.
"""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtWidgets import QApplication

from briefreader.paths import bundled_dir
from briefreader.ui.theme import LIGHT, Theme, window_palette

ERROR_COLOURS = {False: "#b91c1c", True: "#f87171"}


def style_sheet(theme: Theme) -> str:
    sheet = ""
    with suppress(OSError):  # The default look is fine if the sheet is missing.
        sheet = (bundled_dir("resources") / "styles" / "app.qss").read_text(encoding="utf-8")
    colours = {
        "text": theme.text.name(),
        "muted": theme.muted.name(),
        "border": theme.border.name(),
        "error": ERROR_COLOURS[theme.dark],
    }
    for name, value in colours.items():
        sheet = sheet.replace(f"@{name}@", value)
    return sheet


def apply_style(app: QApplication, theme: Theme = LIGHT) -> None:
    app.setStyle("Fusion")
    app.setPalette(window_palette(theme))
    app.setStyleSheet(style_sheet(theme))
