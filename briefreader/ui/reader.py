"""The reader: a document's blocks on screen, with highlights drawn from spans.

Highlights are ``ExtraSelection``s over ranges of the canonical text, so they never change the
text itself. Signals: ``hit_changed(index, count)`` when the current hit moves.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from briefreader.core.document import Document, Span
from briefreader.core.textpos import Utf16Map
from briefreader.ui.text_layout import build_text_document

HIT_COLOUR = QColor("#fde68a")
CURRENT_HIT_COLOUR = QColor("#f59e0b")
EXTERNAL_SCHEMES = {"http", "https", "mailto"}


class ReaderView(QTextBrowser):
    hit_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.document_model: Document | None = None
        self._map = Utf16Map("")
        self._hits: list[Span] = []
        self._current = -1
        self.setPlaceholderText("Select a briefing in the library or a search result to read it.")

    # Content ---------------------------------------------------------------------------
    def show_document(self, document: Document, hits: list[Span] | None = None) -> None:
        self.document_model = document
        self._map = Utf16Map(document.text)
        qdoc = build_text_document(document, self.font())
        qdoc.setParent(self)
        previous = self.document()
        # Documents this reader made are its children; Qt deletes only its own default one.
        made_here = previous.parent() is self
        self.setDocument(qdoc)
        if made_here:
            previous.deleteLater()
        self.set_hits(hits or [])

    def plain_text(self) -> str:
        """The displayed text, as Qt reports it (tests compare it with the canonical text)."""
        return self.document().toPlainText()

    def loadResource(self, type_: int, name: QUrl) -> object:
        """Never fetch anything a document refers to: no remote images, no local files."""
        return None

    def _open_link(self, url: QUrl) -> None:
        """External links open in the system browser only because the analyst clicked one."""
        if url.scheme().lower() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)

    # Highlights ------------------------------------------------------------------------
    def cursor_for(self, span: Span) -> QTextCursor:
        """A cursor selecting exactly ``span`` (code points converted to Qt's UTF-16 units)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(span.start))
        cursor.setPosition(self._map.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def set_hits(self, hits: list[Span]) -> None:
        self._hits = sorted(hits, key=lambda span: (span.start, span.end))
        self._current = 0 if self._hits else -1
        self._refresh()
        if self._hits:
            self._reveal(self._hits[0])

    @property
    def hits(self) -> list[Span]:
        return list(self._hits)

    @property
    def current_hit(self) -> int:
        return self._current

    def next_hit(self) -> None:
        self._step(1)

    def previous_hit(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + delta) % len(self._hits)
        self._refresh()
        self._reveal(self._hits[self._current])

    def _reveal(self, span: Span) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(span.start))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _refresh(self) -> None:
        selections = []
        for number, span in enumerate(self._hits):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.cursor_for(span)
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT_HIT_COLOUR if number == self._current else HIT_COLOUR)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)
        self.hit_changed.emit(self._current, len(self._hits))
