"""Help › Keyboard Shortcuts: every action of the menu bar with its keys, read from the
actions themselves, so the list can never disagree with what the keys do."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ShortcutRow:
    menu: str  # "Notes › Highlight"
    action: str  # the action's text without its mnemonic
    keys: str  # in the platform's own notation; "" for an action without a shortcut


def _plain(text: str) -> str:
    """Menu text as read: without the "&" of its mnemonic ("&&" is a literal "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(menu_bar: QMenuBar) -> list[ShortcutRow]:
    """Every action reachable from the menu bar, menu by menu, with its shortcuts."""
    rows: list[ShortcutRow] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {_plain(action.text())}")
                continue
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            rows.append(ShortcutRow(path, _plain(action.text()), keys))

    for top in menu_bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()))
    return rows


class ShortcutsDialog(QDialog):
    """The rows in a table an analyst can filter by typing ("note", "F3")."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.rows = [row for row in shortcut_rows(menu_bar) if row.keys]
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter: an action or a key")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setHorizontalHeaderLabels(["Action", "Keys", "Menu"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for number, row in enumerate(self.rows):
            for column, value in enumerate((row.action, row.keys, row.menu)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(number, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._narrow)
        self.resize(620, 520)

    def visible_actions(self) -> list[str]:
        return [self.rows[n].action for n in range(len(self.rows)) if not self.table.isRowHidden(n)]

    def _narrow(self, text: str) -> None:
        needle = text.casefold().strip()
        for number, row in enumerate(self.rows):
            haystack = f"{row.action} {row.keys} {row.menu}".casefold()
            self.table.setRowHidden(number, bool(needle) and needle not in haystack)
