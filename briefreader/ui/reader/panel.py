"""The reading side of the window: title, details, hit navigation, find bar and the page.

It owns two of the reader's layers: ``hits`` (the active query's hits, stepped with F3) and
``find`` (Ctrl+F matches). Other features add their own layers to ``panel.reader`` directly.
Signals: ``hit_changed(index, count)`` when the current hit moves or the hits change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from briefreader.core.text.document import BlockKind, Document, Span
from briefreader.core.text.find import find_in_text
from briefreader.core.text.pages import page_at
from briefreader.ui.reader.find_bar import FindBar
from briefreader.ui.reader.layers import FIND, HITS
from briefreader.ui.reader.stepped_layer import SteppedLayer
from briefreader.ui.reader.view import ReaderView
from briefreader.ui.theme import Theme
from briefreader.ui.widgets.elided_label import ElidedLabel

FIND_DELAY_MS = 120  # a pause in typing before a long document is searched again


def title_opens_text(document: Document) -> bool:
    """Whether the page itself starts with the title (or the title is the first sentence cut
    short), so the header need not repeat it."""
    first = next((b for b in document.blocks if b.kind is not BlockKind.META), None)
    title = " ".join(document.metadata.title.split()).casefold().rstrip("…")
    if first is None or not title:
        return False
    return " ".join(first.text.split()).casefold().startswith(title)


class ReaderPanel(QWidget):
    hit_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = ReaderView()
        self.title_label = QLabel("")
        self.title_label.setObjectName("readerTitle")
        self.title_label.setWordWrap(True)
        self.meta_label = ElidedLabel()
        self.meta_label.setObjectName("readerMeta")
        self.meta_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Titles and sources come from untrusted text: never interpret them as HTML.
        for label in (self.title_label, self.meta_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.hit_label = QLabel("")
        self.prev_hit_button = QToolButton()
        self.prev_hit_button.setText("◀ Previous")
        self.prev_hit_button.setToolTip("Previous hit (Shift+F3)")
        self.next_hit_button = QToolButton()
        self.next_hit_button.setText("Next ▶")
        self.next_hit_button.setToolTip("Next hit (F3)")
        for button in (self.prev_hit_button, self.next_hit_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.find_bar = FindBar()
        self.find_bar.hide()

        details = QHBoxLayout()
        details.setSpacing(6)
        details.addWidget(self.meta_label, 1)
        details.addWidget(self.hit_label)
        details.addWidget(self.prev_hit_button)
        details.addWidget(self.next_hit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addLayout(details)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.reader, 1)

        self.hits = SteppedLayer(self.reader, HITS)
        self.matches = SteppedLayer(self.reader, FIND)
        self._matches_truncated = False
        self._find_timer = QTimer(self)
        self._find_timer.setSingleShot(True)
        self._find_timer.setInterval(FIND_DELAY_MS)
        self._find_timer.timeout.connect(self._run_find)
        self.prev_hit_button.clicked.connect(self.previous_hit)
        self.next_hit_button.clicked.connect(self.next_hit)
        self.find_bar.changed.connect(self._find_timer.start)
        self.find_bar.step.connect(self.step_find)
        self.find_bar.closed.connect(self.close_find)
        self._show_hit_controls(False)

    @property
    def document(self) -> Document | None:
        return self.reader.document_model

    # Documents -------------------------------------------------------------------------
    def show_document(self, document: Document, hits: list[Span]) -> None:
        """Show a document from its top, or at its first hit when the query found some."""
        meta = document.metadata
        self.title_label.setText(meta.title)
        self.title_label.setVisible(not title_opens_text(document))
        details = [part for part in (meta.source, meta.date) if part]
        details.append(Path(meta.path).name)
        self.meta_label.setText(" · ".join(details))
        self.meta_label.setToolTip(f"{' · '.join(details[:-1])}\n{meta.path}".strip())
        self.reader.show_document(document)
        self.set_hits(hits)
        if self.find_bar.isVisible() and self.find_bar.text:
            self._run_find(reveal=False)

    def clear(self) -> None:
        self.reader.clear_document()
        self.title_label.clear()
        self.meta_label.clear()
        self.hits.reset([])
        self.matches.reset([])
        self._show_hit_controls(False)

    # Hits ------------------------------------------------------------------------------
    def set_hits(self, hits: list[Span], reveal: bool = True) -> None:
        """Replace the hit layer (a new document or a new query); an empty list clears it."""
        self.hits.show(hits, reveal=reveal)
        self._announce_hits()

    def next_hit(self) -> None:
        self._step_hit(1)

    def previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, delta: int) -> None:
        if self.hits.move(delta) is not None:
            self._announce_hits()

    def _announce_hits(self) -> None:
        count = len(self.hits.spans)
        if count:
            self.hit_label.setText(f"Hit {self.hits.current + 1} of {count}{self._page_of_hit()}")
        self._show_hit_controls(count > 0)
        self.hit_changed.emit(self.hits.current, count)

    def _page_of_hit(self) -> str:
        """· page N for paged documents (PDF), so the analyst can cite the hit."""
        span, document = self.hits.current_span, self.document
        if span is None or document is None:
            return ""
        page = page_at(document, span.start)
        return f" · page {page}" if page is not None else ""

    def _show_hit_controls(self, visible: bool) -> None:
        for widget in (self.hit_label, self.prev_hit_button, self.next_hit_button):
            widget.setVisible(visible)

    # Find ------------------------------------------------------------------------------
    def open_find(self) -> None:
        selected = self.reader.textCursor().selectedText()
        self.find_bar.open(selected if selected and "\u2029" not in selected else "")
        if self.find_bar.text:
            self._run_find()

    def close_find(self) -> None:
        self._find_timer.stop()
        self.find_bar.hide()
        self.matches.show([])

    @property
    def finding(self) -> bool:
        """Whether F3 should step through find matches rather than search hits."""
        return self.find_bar.isVisible() and bool(self.matches.spans)

    def _run_find(self, reveal: bool = True) -> None:
        self._find_timer.stop()
        document = self.document
        if document is None:
            return
        result = find_in_text(
            document.text,
            self.find_bar.text,
            match_case=self.find_bar.match_case,
            whole_word=self.find_bar.whole_word,
        )
        self._matches_truncated = result.truncated
        self.matches.show(result.spans, near=self.reader.offset_at_top() or 0, reveal=reveal)
        self._announce_matches()

    def step_find(self, delta: int) -> None:
        if self._find_timer.isActive():
            self._run_find()
            return
        if self.matches.move(delta) is not None:
            self._announce_matches()

    def _announce_matches(self) -> None:
        self.find_bar.set_count(
            self.matches.current, len(self.matches.spans), self._matches_truncated
        )

    # Appearance ------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.reader.set_theme(theme)
