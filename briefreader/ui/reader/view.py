"""The reader: a document's blocks on screen, with named layers of highlighted spans.

Every feature that marks text (search hits, find, entity types, annotations, fact evidence)
owns a named layer of ``Span``s over the canonical text and sets, replaces or clears it here.
The reader merges all layers into ``ExtraSelection``s in one pass, so highlights never change
the text itself and any number of spans costs one redraw. It also reveals a span (scrolled to
the middle of the view and briefly flashed) and reports the spans under a click or the mouse.

Signals: ``span_clicked(SpanEvent)``, ``span_hovered(SpanEvent)``, ``zoom_changed(float)``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from briefreader.core.text.document import Document, Span
from briefreader.core.text.textpos import Utf16Map
from briefreader.ui.reader.layers import FLASH, LayerStyle
from briefreader.ui.reader.text_layout import PageStyle, build_text_document
from briefreader.ui.theme import LIGHT, Theme

EXTERNAL_SCHEMES = {"http", "https", "mailto"}
# The longest comfortable line, in average characters: beyond about 80 the eye loses its place
# on the way back to the next line.
MEASURE_CHARS = 80
MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 40.0
ZOOM_STEP = 1.1
FLASH_MS = 650
FLASH_LAYER = FLASH.name
# Up to this many highlights are all drawn; beyond, those in a window around the view.
ALL_SELECTIONS_LIMIT = 3000
# Past this many code points every highlight is drawn from a window around the view: placing
# one lays out its paragraph, about 2 ms each far into a 2.6 MB text (200 notes spread over
# it cost 0.8 s at once).
ALL_SELECTIONS_TEXT_LIMIT = 200_000
WINDOW_MARGIN = 20_000  # code points drawn beyond a screenful on each side


StyleFor = Callable[[Span], LayerStyle]


@dataclass
class _Layer:
    spans: list[Span]
    style_for: StyleFor
    priority: int
    starts: list[int] = field(default_factory=list)
    longest: int = 0
    # Its drawn selections, kept until the layer, its style or the layout changes: stepping
    # the current hit redraws the hits, not fifteen thousand entity mentions.
    selections: list[QTextEdit.ExtraSelection] | None = None
    # A long document's: the window they were drawn for, so that a small layer changing (the
    # mention under the mouse) does not redraw every other layer's window.
    window: tuple[int, int] | None = None
    window_selections: list[QTextEdit.ExtraSelection] = field(default_factory=list)

    def forget_drawing(self) -> None:
        self.selections = None
        self.window = None
        self.window_selections = []

    def __post_init__(self) -> None:
        self.spans.sort(key=lambda span: (span.start, span.end))
        self.starts = [span.start for span in self.spans]
        self.longest = max((span.end - span.start for span in self.spans), default=0)

    def within(self, start: int, end: int) -> list[Span]:
        """The spans that overlap ``[start, end)``."""
        first = max(0, bisect_right(self.starts, start - self.longest) - 1)
        last = bisect_right(self.starts, end)
        return [span for span in self.spans[first:last] if span.end > start]

    def at(self, offset: int) -> list[Span]:
        """The spans covering code point ``offset`` (spans may overlap)."""
        found = []
        index = bisect_right(self.starts, offset) - 1
        # Only spans starting within the longest span's length before ``offset`` can reach it.
        while index >= 0 and self.spans[index].start > offset - self.longest:
            span = self.spans[index]
            if offset < span.end:
                found.append(span)
            index -= 1
        return found


@dataclass(frozen=True)
class SpanEvent:
    """The spans under a point of the page, by layer name; ``offset`` is a code point."""

    offset: int
    spans: dict[str, list[Span]]


def _constant(style: LayerStyle) -> StyleFor:
    return lambda _span: style


class ReaderView(QTextBrowser):
    span_clicked = Signal(object)
    span_hovered = Signal(object)
    zoom_changed = Signal(float)
    passage_link_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTabChangesFocus(True)  # Tab leaves the page instead of walking its links
        self.anchorClicked.connect(self._open_link)
        self.viewport().setMouseTracking(True)
        self.document_model: Document | None = None
        self._map = Utf16Map("")
        self._layers: dict[str, _Layer] = {}
        self._deferred = 0  # inside batched(): draw once at its end
        self._window: tuple[int, int] | None = None  # the drawn range, for long documents
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._follow_scroll())
        self._pending_refresh = False
        self._hovered: tuple[int, ...] = ()
        self._selection_actions: list[QAction] = []
        self._theme: Theme = LIGHT
        self._point_size = 12.0
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.clear_layer(FLASH_LAYER))
        self.setPlaceholderText("Select a briefing in the library or a search result to read it.")
        self._apply_palette()

    # Content ---------------------------------------------------------------------------
    def show_document(self, document: Document) -> None:
        """Show ``document`` from its top; every layer belongs to the old one and is dropped."""
        self.setExtraSelections([])  # while they still belong to a laid-out document
        self.document_model = document
        self._map = Utf16Map(document.text)
        self._layers.clear()
        self._flash_timer.stop()
        self._rebuild()
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)

    def clear_document(self) -> None:
        self.document_model = None
        self._map = Utf16Map("")
        self._layers.clear()
        self._replace_qdocument(None)

    def plain_text(self) -> str:
        """The displayed text, as Qt reports it (tests compare it with the canonical text)."""
        return self.document().toPlainText()

    def _rebuild(self) -> None:
        """Lay the document out again (new document, zoom or theme) and redraw the layers."""
        if self.document_model is None:
            return
        self._replace_qdocument(self.document_model)
        self._apply_measure(force=True)
        for layer in self._layers.values():
            layer.forget_drawing()  # their cursors belong to the old layout
        self._refresh()

    def _replace_qdocument(self, document: Document | None) -> None:
        """Swap in a new layout and release the old one, so documents never pile up."""
        if document is None:
            self.clear()
            return
        previous = self.document()
        # Layouts this reader made are its children; Qt deletes only its own default one.
        made_here = previous.parent() is self
        qdoc = build_text_document(document, PageStyle(self.page_font(), self._theme))
        qdoc.setParent(self)
        self.setDocument(qdoc)
        if made_here:
            previous.deleteLater()

    def loadResource(self, type_: int, name: QUrl | str) -> object:
        """Never fetch anything a document refers to: no remote images, no local files."""
        return None

    def _open_link(self, url: QUrl) -> None:
        """External links open in the system browser only because the analyst clicked one;
        a ``briefreader://`` link (in exported notes) is handled by the application."""
        scheme = url.scheme().lower()
        if scheme == "briefreader":
            self.passage_link_clicked.emit(url.toString())
        elif scheme in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)

    # Reading comfort -------------------------------------------------------------------
    def page_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self._point_size)
        return font

    @property
    def point_size(self) -> float:
        return self._point_size

    def set_point_size(self, size: float) -> None:
        """Zoom: the whole page (headings, spacing, margins) is laid out again at ``size``."""
        size = min(max(size, MIN_POINT_SIZE), MAX_POINT_SIZE)
        if abs(size - self._point_size) < 0.01:
            return
        anchor = self.offset_at_top()
        self._point_size = size
        self._rebuild()
        if anchor is not None:
            self.scroll_to_offset(anchor)
        self.zoom_changed.emit(size)

    def zoom_in(self) -> None:
        self.set_point_size(round(self._point_size * ZOOM_STEP, 1))

    def zoom_out(self) -> None:
        self.set_point_size(round(self._point_size / ZOOM_STEP, 1))

    def set_theme(self, theme: Theme) -> None:
        if theme == self._theme:
            return
        self._theme = theme
        self._apply_palette()
        anchor = self.offset_at_top()
        self._rebuild()
        if anchor is not None:
            self.scroll_to_offset(anchor)

    @property
    def theme(self) -> Theme:
        return self._theme

    def _apply_palette(self) -> None:
        """Page colours go through a style sheet: under the application's style sheet a
        widget's own palette is overridden when it is polished."""
        theme = self._theme
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, theme.page)
        palette.setColor(QPalette.ColorRole.Text, theme.text)
        palette.setColor(QPalette.ColorRole.PlaceholderText, theme.muted)
        self.setPalette(palette)
        self.setStyleSheet(
            f"QTextBrowser {{ background: {theme.page.name()}; color: {theme.text.name()};"
            f" selection-background-color: {theme.selection.name()};"
            f" selection-color: {theme.text.name()}; border: 1px solid {theme.border.name()}; }}"
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_measure()
        self._follow_scroll()

    def _apply_measure(self, force: bool = False) -> None:
        """Centre a column of about ``MEASURE_CHARS`` characters, however wide the window."""
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        base = self._point_size * 2
        measure = QFontMetricsF(self.page_font()).averageCharWidth() * MEASURE_CHARS
        side = max(base, (self.viewport().width() - measure) / 2)
        if not force and abs(fmt.leftMargin() - side) < 1:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(base)
        fmt.setBottomMargin(base * 2)
        frame.setFrameFormat(fmt)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms the whole page, like Ctrl+= and Ctrl+-."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps > 0:
                self.zoom_in()
            elif steps < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    # Keyboard --------------------------------------------------------------------------
    @property
    def caret_browsing(self) -> bool:
        return bool(self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard)

    def set_caret_browsing(self, on: bool) -> None:
        """Caret browsing (F7, as in a browser): a caret the arrow keys move and Shift+arrows
        extend into a selection, so a passage can be highlighted without a mouse. It starts
        at the top of the page in view, so the reading position stays."""
        flags = self.textInteractionFlags()
        keyboard = Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.setTextInteractionFlags(flags | keyboard if on else flags & ~keyboard)
        if on and self.document_model is not None:
            top = self.offset_at_top() or 0
            bar = self.verticalScrollBar().value()
            caret = self.cursor_for(Span(top, top))
            self.setTextCursor(caret)
            self.verticalScrollBar().setValue(bar)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space and Shift+Space page through the document, as in a browser."""
        if event.key() == Qt.Key.Key_Space and not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        ):
            bar = self.verticalScrollBar()
            step = bar.pageStep() if not event.modifiers() else -bar.pageStep()
            bar.setValue(bar.value() + step)
            event.accept()
            return
        super().keyPressEvent(event)

    # Positions -------------------------------------------------------------------------
    def cursor_for(self, span: Span) -> QTextCursor:
        """A cursor selecting exactly ``span`` (code points converted to Qt's UTF-16 units)."""
        cursor = QTextCursor(self.document())
        limit = self.document().characterCount() - 1
        cursor.setPosition(min(self._map.to_utf16(span.start), limit))
        end = min(self._map.to_utf16(span.end), limit)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def selection_span(self) -> Span | None:
        """The selected text as a span of the canonical text, or None."""
        cursor = self.textCursor()
        if self.document_model is None or not cursor.hasSelection():
            return None
        start = self._map.from_utf16(cursor.selectionStart())
        end = self._map.from_utf16(cursor.selectionEnd())
        return Span(start, end, "selection") if end > start else None

    def select_span(self, span: Span) -> None:
        """Select ``span`` on the page, as the analyst would with the mouse."""
        self.setTextCursor(self.cursor_for(span))

    def add_selection_actions(self, actions: list[QAction]) -> None:
        """Offer ``actions`` in the context menu whenever text is selected."""
        self._selection_actions.extend(actions)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.selection_span() is not None and self._selection_actions:
            menu.addSeparator()
            for action in self._selection_actions:
                menu.addAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def offset_at(self, point: QPoint) -> int:
        """The code-point offset under a viewport point."""
        return self._map.from_utf16(self.cursorForPosition(point).position())

    def offset_at_top(self) -> int | None:
        if self.document_model is None:
            return None
        return self.offset_at(QPoint(int(self.viewport().width() / 2), 4))

    def scroll_to_offset(self, offset: int) -> None:
        """Put code point ``offset`` at the top of the view (keeps the place after a zoom)."""
        cursor = self.cursor_for(Span(offset, offset))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 4)

    def reveal(self, span: Span, flash: bool = True) -> None:
        """Scroll so ``span`` sits in the middle of the view, and flash it briefly."""
        cursor = self.cursor_for(span)
        rect = self.cursorRect(self.cursor_for(Span(span.start, span.start)))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)
        caret = QTextCursor(self.document())
        caret.setPosition(cursor.selectionStart())
        # Move the caret without ensureCursorVisible() pulling the view back to an edge.
        value = bar.value()
        self.setTextCursor(caret)
        bar.setValue(value)
        if flash:
            self.set_layer(FLASH_LAYER, [span], self._flash_style, priority=FLASH.priority)
            self._flash_timer.start(FLASH_MS)

    def _flash_style(self, _span: Span) -> LayerStyle:
        return FLASH.style(self._theme)  # asked at each redraw, in the theme of the moment

    # Layers ----------------------------------------------------------------------------
    def set_layer(
        self,
        name: str,
        spans: Iterable[Span],
        style: LayerStyle | StyleFor,
        priority: int = 0,
    ) -> None:
        """Replace layer ``name``. Higher ``priority`` layers draw over lower ones."""
        style_for = style if callable(style) else _constant(style)
        length = len(self.document_model.text) if self.document_model is not None else 0
        valid = [span for span in spans if 0 <= span.start < span.end <= length]
        self._layers[name] = _Layer(valid, style_for, priority)
        self._refresh()

    def set_layer_style(self, name: str, style: LayerStyle | StyleFor) -> None:
        """Restyle a layer's spans (the current hit moved, a colour was renamed)."""
        layer = self._layers.get(name)
        if layer is None:
            return
        layer.style_for = style if callable(style) else _constant(style)
        layer.forget_drawing()
        self._refresh()

    def clear_layer(self, name: str) -> None:
        if self._layers.pop(name, None) is not None:
            self._refresh()

    def layer(self, name: str) -> list[Span]:
        layer = self._layers.get(name)
        return list(layer.spans) if layer else []

    def layer_names(self) -> list[str]:
        return list(self._layers)

    def spans_at(self, offset: int) -> dict[str, list[Span]]:
        found = {}
        for name, layer in self._layers.items():
            if name == FLASH_LAYER:
                continue
            spans = layer.at(offset)
            if spans:
                found[name] = spans
        return found

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Change several layers, then draw once (entity types are a layer each)."""
        self._deferred += 1
        try:
            yield
        finally:
            self._deferred -= 1
            if not self._deferred and self._pending_refresh:
                self._refresh()

    def _refresh(self) -> None:
        """Merge every layer into the view's selections in one pass, lowest priority first;
        a layer's selections are made once and kept until it changes.

        Placing a selection lays out its paragraph, so a long document (or one with
        thousands of highlights: a 1 MB briefing has about 15,000 entity mentions) draws only
        those within a window around what is on screen, and draws again when scrolling
        leaves it.
        """
        if self._deferred:
            self._pending_refresh = True
            return
        self._pending_refresh = False
        ordered = sorted(self._layers.values(), key=lambda layer: layer.priority)
        total = sum(len(layer.spans) for layer in ordered)
        selections: list[QTextEdit.ExtraSelection] = []
        short = self.document_model is None or (
            len(self.document_model.text) <= ALL_SELECTIONS_TEXT_LIMIT
        )
        if total <= ALL_SELECTIONS_LIMIT and short:
            self._window = None
            for layer in ordered:
                if layer.selections is None:
                    layer.selections = self._selections(layer, layer.spans)
                selections.extend(layer.selections)
        else:
            window = self._window = self._visible_window()
            for layer in ordered:
                if layer.window != window:
                    layer.window = window
                    layer.window_selections = self._selections(layer, layer.within(*window))
                selections.extend(layer.window_selections)
        self.setExtraSelections(selections)

    def _visible_window(self) -> tuple[int, int]:
        """Code points from a screenful above the view to a screenful below it, widened. At
        the top (a document just opened, not laid out yet) that is its beginning."""
        if self.verticalScrollBar().value() == 0:
            return 0, 2 * WINDOW_MARGIN
        viewport = self.viewport().rect()
        top = self.offset_at(QPoint(0, -viewport.height()))
        bottom = self.offset_at(QPoint(viewport.width(), 2 * viewport.height()))
        return max(0, top - WINDOW_MARGIN), bottom + WINDOW_MARGIN

    def _follow_scroll(self) -> None:
        """Draw the window's highlights again once the view nears its edge."""
        if self._window is None or self.document_model is None:
            return
        viewport = self.viewport().rect()
        top = self.offset_at(QPoint(0, 0))
        bottom = self.offset_at(QPoint(viewport.width(), viewport.height()))
        start, end = self._window
        if (start > 0 and top < start + WINDOW_MARGIN // 4) or bottom > end - WINDOW_MARGIN // 4:
            self._refresh()

    def _selections(self, layer: _Layer, spans: Iterable[Span]) -> list[QTextEdit.ExtraSelection]:
        made = []
        # One format per style object; the style is kept with it, so its id is not reused.
        formats: dict[int, tuple[LayerStyle, QTextCharFormat]] = {}
        for span in spans:
            style = layer.style_for(span)
            known = formats.get(id(style))
            if known is None:
                known = formats[id(style)] = (style, _char_format(style))
            fmt = known[1]
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.cursor_for(span)
            selection.format = fmt
            made.append(selection)
        return made

    # Mouse -----------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.document_model is None or not self._layers:
            return
        point = event.position().toPoint()
        offset = self.offset_at(point)
        found = self.spans_at(offset)
        key = tuple(sorted(id(span) for spans in found.values() for span in spans))
        if key != self._hovered:
            self._hovered = key
            self.span_hovered.emit(SpanEvent(offset, found))
        tips = [
            tip
            for name, spans in found.items()
            for span in spans
            if (tip := self._layers[name].style_for(span).tooltip)
        ]
        if tips:
            QToolTip.showText(event.globalPosition().toPoint(), "\n".join(tips), self.viewport())
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if (
            event.button() != Qt.MouseButton.LeftButton
            or self.document_model is None
            or self.textCursor().hasSelection()
        ):
            return
        offset = self.offset_at(event.position().toPoint())
        found = self.spans_at(offset)
        if found:
            self.span_clicked.emit(SpanEvent(offset, found))


def _char_format(style: LayerStyle) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if style.background is not None:
        fmt.setBackground(style.background)
    if style.foreground is not None:
        fmt.setForeground(style.foreground)
    if style.underline is not None:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(style.underline)
    if style.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt
