"""The library list: a filter box over a sortable table, or a word on what to do when empty.

Signals: ``document_requested(path)`` when the analyst moves to a row or clicks one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.index.library_index import DocumentSummary
from briefreader.ui.library.model import PATH_ROLE, LibraryModel

EMPTY_LIBRARY = (
    "No briefings here yet.\n\n"
    "BriefReader reads Markdown (.md, .markdown), plain text (.txt, .text), HTML "
    "(.html, .htm), PDF (.pdf) and Word (.docx) files in this folder and its sub-folders.\n\n"
    "Copy briefings into the folder (they are picked up on their own), or choose "
    "File › Open Folder… (Ctrl+O) or File › Add Folder to Library…"
)
NO_MATCH = "No briefing in this library matches the filter."
SOURCE_WIDTH, DATE_WIDTH = 96, 84
NARROW_WIDTH = 420  # pixels: below this, the title column alone would be a few letters wide


ROW_PADDING = 8  # px above and below a row's line of text, together


class LibraryPanel(QWidget):
    document_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Library")
        self.label.setObjectName("sectionLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter by title or source")
        self.filter_box.setClearButtonEnabled(True)
        self.model = LibraryModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # title, source and date
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table instead of walking cells
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        # One line of text with a little air: Qt's default (30 px here) shows a row fewer.
        rows = self.view.verticalHeader()
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + ROW_PADDING)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setShowGrid(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, SOURCE_WIDTH)
        header.resizeSection(2, DATE_WIDTH)
        header.setMinimumSectionSize(40)
        self.empty_label = QLabel(EMPTY_LIBRARY)
        self.empty_label.setObjectName("emptyLibrary")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.stack, 1)
        self._ready = False  # the list has been read from the index at least once
        self.filter_box.textChanged.connect(self._filter)
        self.filter_box.returnPressed.connect(self._open_first)
        self.filter_box.installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.request(current)
        )
        self.view.clicked.connect(self.request)
        self.view.activated.connect(self.request)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Titles get the room: below a comfortable width the Source column steps aside (the
        source stays in each row's tooltip and the reader's header)."""
        super().resizeEvent(event)
        self.view.setColumnHidden(1, self.width() < NARROW_WIDTH)

    def set_rows(self, rows: list[DocumentSummary], library_name: str) -> None:
        self.model.set_rows(rows)
        count = self.model.rowCount()
        files = "" if count == len(rows) else f", {len(rows)} files"
        self.label.setText(
            f"Library — {library_name} ({count} briefing{'s' * (count != 1)}{files})"
        )
        self._ready = True
        self._update_empty_state()

    def set_library_name(self, name: str) -> None:
        self.label.setText(f"Library — {name}")
        self._ready = False
        self.model.set_rows([])
        self._update_empty_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the filter box moves into the list (its first row chosen)."""
        if (
            watched is self.filter_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.proxy.rowCount()
        ):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.proxy.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _open_first(self) -> None:
        """Enter in the filter box opens the first briefing that matches it."""
        if self.proxy.rowCount():
            first = self.proxy.index(0, 0)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.view.setCurrentIndex(first)
            self.request(first)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        if self.proxy.rowCount():
            self.stack.setCurrentWidget(self.view)
            return
        if self.model.rowCount():
            self.empty_label.setText(NO_MATCH)
        elif self._ready:
            self.empty_label.setText(EMPTY_LIBRARY)
        else:
            self.stack.setCurrentWidget(self.view)  # still reading the index: no verdict yet
            return
        self.stack.setCurrentWidget(self.empty_label)

    @property
    def showing_empty_message(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def request(self, index: QModelIndex) -> None:
        """Ask for the briefing of a row (the controller ignores a repeated request)."""
        path = index.data(PATH_ROLE)
        if path:
            self.document_requested.emit(path)
