"""The Treaties view: every agreement the library's briefings report on, merged by name and
parties, each with the documents that report on it.

A row per agreement (parties, date of signing, status, number of documents); its children are
the documents. Enter or a double click on a document opens it with its Treaty facts. A filter
box narrows the list by name or party.

Signals: ``open_requested(path)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.facts.library import LibraryTreaty
from briefreader.ui.widgets.tree_items import select_first, top_level_items

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class TreatiesView(QDialog):
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Treaties in the Library")
        self.resize(860, 480)
        self.summary = QLabel("")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by agreement or party")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["Agreement", "Parties", "Signed", "Status", "Documents"])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 220)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)
        self.filter.returnPressed.connect(self.tree.setFocus)  # Enter: from the filter to the list
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.summary)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)

    def show_treaties(self, treaties: list[LibraryTreaty], pending: bool = False) -> None:
        self.tree.clear()
        for treaty in treaties:
            count = len(treaty.documents)
            top = QTreeWidgetItem(
                [treaty.name, ", ".join(treaty.parties), treaty.signed_date, treaty.status,
                 str(count)]
            )  # fmt: skip
            top.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
            top.setToolTip(1, ", ".join(treaty.parties))
            for path, title in treaty.documents:
                child = QTreeWidgetItem([title])
                child.setToolTip(0, path)
                child.setData(0, PATH_ROLE, path)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        plural = "" if len(treaties) == 1 else "s"
        still = " — still analysing the library; more may follow" if pending else ""
        self.summary.setText(f"{len(treaties)} agreement{plural} reported on{still}.")
        select_first(self.tree)
        self._filter(self.filter.text())
        self.tree.setFocus()

    def _filter(self, text: str) -> None:
        wanted = text.casefold().strip()
        for item in top_level_items(self.tree):
            shown = f"{item.text(0)} {item.text(1)}".casefold()
            item.setHidden(bool(wanted) and wanted not in shown)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.open_requested.emit(str(path))
        else:
            item.setExpanded(not item.isExpanded())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter never closes the view: the list acts on it (opens or folds the current row)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
