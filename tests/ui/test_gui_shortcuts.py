"""Keyboard paths: Alt+1..3 bring each side tab (and the panel, if hidden) with the keyboard
in it; Help › Keyboard Shortcuts lists every action's keys from the actions themselves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, indexed_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from briefreader.ui.window.main_window import MainWindow
from briefreader.ui.window.shortcuts_dialog import ShortcutsDialog, shortcut_rows


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "brief.md").write_text("# Ferry Brief\n\nPresident Joe Biden spoke.\n")
    with indexed_window(qtbot, tmp_path / "data", folder, documents=1, active=True) as main:
        yield main


def _within(widget: object, ancestor: object) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parentWidget()  # type: ignore[attr-defined]
    return False


def test_alt_digits_bring_each_side_tab_with_the_keyboard_in_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search_box.setFocus()
    for number in range(window.side_tabs.count()):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + number), Qt.KeyboardModifier.AltModifier)
        assert window.side_tabs.currentIndex() == number
        qtbot.waitUntil(
            lambda n=number: _within(QApplication.focusWidget(), window.side_tabs.widget(n)),
            timeout=TIMEOUT,
        )
    window.side_panel_action.trigger()  # hidden
    assert not window.side_tabs.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.side_tabs.isVisible() and window.side_tabs.currentIndex() == 0


def test_the_shortcuts_list_comes_from_the_actions(qtbot: QtBot, window: MainWindow) -> None:
    rows = shortcut_rows(window.menuBar())
    by_action = {row.action: row for row in rows}
    assert by_action["Export Notes"].keys == "Ctrl+Shift+E"
    assert by_action["Export Notes"].menu == "Notes"
    in_menus = {a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()}
    with_keys = {
        a.text().replace("&", "").rstrip("…") for a in window.actions() if a.shortcuts()
    }
    listed = {row.action for row in rows if row.keys}
    assert {t for t in with_keys if any(a.text().replace("&", "").rstrip("…") == t
                                        for a in in_menus)} <= listed  # fmt: skip
    assert len(listed) >= 25
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget() or QApplication.activeWindow(),
                           ShortcutsDialog) or bool(window.findChildren(ShortcutsDialog)),
        timeout=TIMEOUT,
    )  # fmt: skip
    [dialog] = window.findChildren(ShortcutsDialog)
    assert "Export Notes" in dialog.visible_actions()
    qtbot.keyClicks(dialog.filter, "F3")
    assert set(dialog.visible_actions()) == {"Next Hit or Match", "Previous Hit or Match"}
    dialog.reject()
