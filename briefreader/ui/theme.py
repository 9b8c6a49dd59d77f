"""Light and dark colours for the window and the page, chosen to follow the system.

The reader's page, its text styles and every highlight colour come from one ``Theme``, so a
dark page never shows light-mode yellow blocks. The analyst can pin light or dark in the View
menu; "system" follows the desktop's colour scheme as it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette


class ThemeMode(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Theme:
    dark: bool
    page: QColor
    text: QColor
    muted: QColor
    quote: QColor
    link: QColor
    code_background: QColor
    border: QColor
    hit: QColor
    current_hit: QColor
    find: QColor
    current_find: QColor
    flash: QColor
    selection: QColor


LIGHT = Theme(
    dark=False,
    page=QColor("#fdfdfb"),
    text=QColor("#1f2328"),
    muted=QColor("#6b7280"),
    quote=QColor("#374151"),
    link=QColor("#1d4ed8"),
    code_background=QColor("#f1f3f5"),
    border=QColor("#d1d5db"),
    hit=QColor("#fde68a"),
    current_hit=QColor("#f59e0b"),
    find=QColor("#bfdbfe"),
    current_find=QColor("#60a5fa"),
    flash=QColor("#fb923c"),
    selection=QColor("#dbeafe"),
)

DARK = Theme(
    dark=True,
    page=QColor("#1e1f22"),
    text=QColor("#e6e6e3"),
    muted=QColor("#9ca3af"),
    quote=QColor("#c9ccd1"),
    link=QColor("#8ab4f8"),
    code_background=QColor("#2b2d31"),
    border=QColor("#3f4248"),
    hit=QColor("#6b5510"),
    current_hit=QColor("#8c5c12"),
    find=QColor("#1e3a5f"),
    current_find=QColor("#2a62a3"),
    flash=QColor("#b03a0a"),
    selection=QColor("#2c3e57"),
)


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return bool(app.styleHints().colorScheme() == Qt.ColorScheme.Dark)


def resolve_theme(mode: ThemeMode | str) -> Theme:
    if mode == ThemeMode.DARK:
        return DARK
    if mode == ThemeMode.LIGHT:
        return LIGHT
    return DARK if system_prefers_dark() else LIGHT


# The chrome around the page (lists, menus, status bar), by palette role name.
_LIGHT_CHROME = {
    "Window": "#f3f4f6", "WindowText": "#1f2328", "Base": "#ffffff",
    "AlternateBase": "#f7f8fa", "ToolTipBase": "#ffffff", "ToolTipText": "#1f2328",
    "PlaceholderText": "#7b818a", "Text": "#1f2328", "Button": "#eceef1",
    "ButtonText": "#1f2328", "BrightText": "#ffffff", "Highlight": "#2563eb",
    "HighlightedText": "#ffffff", "Link": "#1d4ed8", "Mid": "#c4c8ce", "Dark": "#9aa0a8",
    "Light": "#ffffff",
}  # fmt: skip
_DARK_CHROME = {
    "Window": "#26282c", "WindowText": "#e6e6e3", "Base": "#1e1f22",
    "AlternateBase": "#24262a", "ToolTipBase": "#2b2d31", "ToolTipText": "#e6e6e3",
    "PlaceholderText": "#8b9099", "Text": "#e6e6e3", "Button": "#2f3136",
    "ButtonText": "#e6e6e3", "BrightText": "#ffffff", "Highlight": "#2f6db5",
    "HighlightedText": "#ffffff", "Link": "#8ab4f8", "Mid": "#4a4d54", "Dark": "#18191b",
    "Light": "#3a3d43",
}  # fmt: skip
_DISABLED_TEXT = {False: "#9aa0a8", True: "#7c818a"}


def window_palette(theme: Theme) -> QPalette:
    """A Fusion palette for the chrome, matching the page's light or dark theme."""
    palette = QPalette()
    for name, value in (_DARK_CHROME if theme.dark else _LIGHT_CHROME).items():
        palette.setColor(getattr(QPalette.ColorRole, name), QColor(value))
    role = QPalette.ColorRole
    for text_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(
            QPalette.ColorGroup.Disabled, text_role, QColor(_DISABLED_TEXT[theme.dark])
        )
    return palette
