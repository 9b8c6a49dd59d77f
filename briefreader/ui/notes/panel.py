"""The Notes panel: the analyst's highlights and comments, filtered and one click away.

It lists the open document's annotations (or every document's, or the orphans that lost their
passage), filtered by colour, tag and text. Clicking one reveals its passage; the buttons edit,
tag, delete and re-attach. The panel only shows and reports; ``NotesPresenter`` does the work.

Signals: ``note_activated(str)``, ``comment_requested(str)``, ``tags_requested(str)``,
``delete_requested(str)``, ``reattach_requested(str)``, ``scope_changed()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.annotations.model import Annotation

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SCOPE_DOCUMENT, SCOPE_ALL, SCOPE_ORPHANS = "document", "all", "orphans"
QUOTE_CHARS = 140


@lru_cache(maxsize=64)
def _swatch(hex_colour: str) -> QIcon:
    """The colour's square, made once (a list of a thousand notes has a few colours)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(hex_colour))
    return QIcon(pixmap)


def note_summary(note: Annotation) -> str:
    quote = " ".join(note.exact.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
    lines = [f"“{quote}”"]
    if note.comment.strip():
        lines.append(note.comment.strip().splitlines()[0])
    extras = [f"#{tag}" for tag in note.tags]
    if note.state != "anchored":
        extras.append(note.state)
    if extras:
        lines.append("  ".join(extras))
    return "\n".join(lines)


class NotesPanel(QWidget):
    note_activated = Signal(str)
    comment_requested = Signal(str)
    tags_requested = Signal(str)
    delete_requested = Signal(str)
    reattach_requested = Signal(str)
    scope_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = QComboBox()
        self.scope.addItem("This document", SCOPE_DOCUMENT)
        self.scope.addItem("All documents", SCOPE_ALL)
        self.scope.addItem("Orphans", SCOPE_ORPHANS)
        self.colour_filter = QComboBox()
        self.tag_filter = QComboBox()
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter notes by text")
        self.text_filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.placeholder = QLabel(
            "Select text in the document, then choose a colour (Ctrl+1 to Ctrl+4), "
            "Comment (Ctrl+M) or Tag (Ctrl+T). Right-click offers the same."
        )
        self.placeholder.setObjectName("panelPlaceholder")
        self.placeholder.setWordWrap(True)
        self.comment_button = QPushButton("Comment…")
        self.tags_button = QPushButton("Tags…")
        self.delete_button = QPushButton("Delete")
        self.reattach_button = QPushButton("Re-attach")
        self.reattach_button.setToolTip("Anchor the chosen note to the text selected on the page")
        filters = QHBoxLayout()
        filters.addWidget(self.colour_filter, 1)
        filters.addWidget(self.tag_filter, 1)
        buttons = QGridLayout()  # two by two: the panel is narrow
        for number, button in enumerate(
            (self.comment_button, self.tags_button, self.delete_button, self.reattach_button)
        ):
            buttons.addWidget(button, number // 2, number % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.scope)
        layout.addLayout(filters)
        layout.addWidget(self.text_filter)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._notes: list[Annotation] = []
        self._colours: dict[str, tuple[str, str]] = {}
        self.scope.currentIndexChanged.connect(lambda _i: self.scope_changed.emit())
        for combo in (self.colour_filter, self.tag_filter):
            combo.currentIndexChanged.connect(lambda _i: self._fill())
        self.text_filter.textChanged.connect(lambda _t: self._fill())
        self.list.itemActivated.connect(lambda item: self.note_activated.emit(item.data(ID_ROLE)))
        self.list.itemClicked.connect(lambda item: self.note_activated.emit(item.data(ID_ROLE)))
        self.list.currentItemChanged.connect(lambda _c, _p: self._enable())
        self.comment_button.clicked.connect(lambda: self._request(self.comment_requested))
        self.tags_button.clicked.connect(lambda: self._request(self.tags_requested))
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        self.reattach_button.clicked.connect(lambda: self._request(self.reattach_requested))
        self._enable()

    # Content ---------------------------------------------------------------------------
    def set_colours(self, colours: Sequence[tuple[str, str, str]]) -> None:
        self._colours = {key: (meaning, hex_colour) for key, meaning, hex_colour in colours}
        self.colour_filter.blockSignals(True)
        self.colour_filter.clear()
        self.colour_filter.addItem("All colours", None)
        for key, meaning, hex_colour in colours:
            self.colour_filter.addItem(_swatch(hex_colour), meaning, key)
        self.colour_filter.blockSignals(False)

    def set_notes(self, notes: list[Annotation]) -> None:
        self._notes = notes
        tags = sorted({tag for note in notes for tag in note.tags}, key=str.casefold)
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tags:
            self.tag_filter.addItem(f"#{tag}", tag)
        index = self.tag_filter.findData(chosen)
        self.tag_filter.setCurrentIndex(max(index, 0))
        self.tag_filter.blockSignals(False)
        self._fill()

    @property
    def current_scope(self) -> str:
        return str(self.scope.currentData())

    def shown_ids(self) -> list[str]:
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def select(self, note_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == note_id:
                self.list.setCurrentRow(row)
                return

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        if item is None:
            return None
        note_id: str = item.data(ID_ROLE)
        return note_id

    def _visible(self, note: Annotation) -> bool:
        colour, tag = self.colour_filter.currentData(), self.tag_filter.currentData()
        needle = self.text_filter.text().strip().casefold()
        if colour is not None and note.color != colour:
            return False
        if tag is not None and tag not in note.tags:
            return False
        haystack = " ".join([note.exact, note.comment, *note.tags]).casefold()
        return not needle or needle in haystack

    def _fill(self) -> None:
        current = self.current_id()
        self.list.clear()
        for note in self._notes:
            if not self._visible(note):
                continue
            item = QListWidgetItem(note_summary(note))
            item.setData(ID_ROLE, note.id)
            meaning, hex_colour = self._colours.get(note.color, (note.color, "#999999"))
            item.setIcon(_swatch(hex_colour))
            item.setToolTip(f"{meaning}\n{note.path}")
            self.list.addItem(item)
        if current is not None:
            self.select(current)
        self.placeholder.setVisible(not self._notes)
        self._enable()

    def _enable(self) -> None:
        chosen = self.current_id() is not None
        for button in (self.comment_button, self.tags_button, self.delete_button):
            button.setEnabled(chosen)
        self.reattach_button.setEnabled(chosen)

    def _request(self, signal: SignalInstance) -> None:
        note_id = self.current_id()
        if note_id is not None:
            signal.emit(note_id)
