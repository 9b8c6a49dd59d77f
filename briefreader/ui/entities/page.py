"""The entity page: one entity across the library, a row per document that names it.

Each row shows the document's title, its mention count and the text around the first
mention. Enter or a double click opens the document there (the mention flashes). The page
stays open beside the window, so the analyst can walk the documents one by one.

Signals: ``open_requested(path, start, end)``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.entities.entity_page import EntityDocument
from briefreader.core.entities.labels import label_word
from briefreader.ui.widgets.tree_items import select_first

PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class EntityPage(QDialog):
    open_requested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Entity across the library")
        self.resize(760, 420)
        self.heading = QLabel("")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.rows = QTreeWidget()
        self.rows.setColumnCount(3)
        self.rows.setHeaderLabels(["Document", "Mentions", "First mention"])
        self.rows.setRootIsDecorated(False)
        self.rows.setUniformRowHeights(True)
        self.rows.setWordWrap(False)
        header = self.rows.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, 240)
        self.rows.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.rows, 1)

    def show_entity(
        self, label: str, name: str, documents: list[EntityDocument], pending: bool = False
    ) -> None:
        kind = label_word(label)
        count = len(documents)
        where = f"in {count} document{'s' if count != 1 else ''}"
        note = " (still finding entities in the library: more may follow)" if pending else ""
        self.heading.setText(
            f"<b>{html.escape(name)}</b> — {html.escape(kind)}, {where}{html.escape(note)}"
        )
        self.setWindowTitle(f"{name} across the library")
        self.rows.clear()
        for document in documents:
            item = QTreeWidgetItem([document.title, str(document.mentions), document.snippet])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            item.setToolTip(0, document.path)
            item.setToolTip(2, document.snippet)
            item.setData(0, PASSAGE_ROLE, (document.path, *document.first))
            self.rows.addTopLevelItem(item)
        select_first(self.rows)
        self.rows.setFocus()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        passage = item.data(0, PASSAGE_ROLE)
        if passage:
            self.open_requested.emit(*passage)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter never closes the page (QDialog's default): the list opens its current row."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
