"""The search box's results: a list of hits drawn with highlighted snippets.

Signals: ``result_activated(SearchHit)`` when the analyst opens a result.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.entities.labels import field_for
from briefreader.core.index.editions import first_per_briefing
from briefreader.core.search.query_chips import narrowings, without
from briefreader.core.search.search import SearchHit, SearchResults
from briefreader.ui.theme import LIGHT, Theme

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


FACETS_SHOWN = 4  # values per facet: one short line each keeps six results in view
SNIPPET_CHARS = 130  # about two lines of the result list: six results fit at 1280x800
_OPEN, _CLOSE = "\x01", "\x02"


def compact_snippet(marked: str, width: int = SNIPPET_CHARS) -> str:
    """Cut a marked snippet to about ``width`` characters around its first hit, on word
    boundaries, never inside a marker pair."""
    if len(marked) <= width:
        return marked
    first = max(marked.find(_OPEN), 0)
    start = max(0, first - width // 4)
    if start:
        space = marked.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(marked), start + width)
    if end < len(marked):
        space = marked.rfind(" ", start + width // 2, end)
        end = space if space != -1 else end
    piece = marked[start:end]
    if piece.count(_OPEN) > piece.count(_CLOSE):
        piece += _CLOSE
    lead = "…" if start > 0 else ""
    trail = "…" if end < len(marked) else ""
    return lead + (piece.lstrip("…") if lead else piece) + trail


def hit_html(hit: SearchHit, theme: Theme = LIGHT) -> str:
    """A result as rich text: title with source and date on one line, then a short snippet."""
    details = " · ".join(html.escape(part) for part in (hit.source, hit.date) if part)
    snippet = html.escape(compact_snippet(hit.marked_snippet(_OPEN, _CLOSE)))
    snippet = snippet.replace(_OPEN, f'<span style="background:{theme.hit.name()}">').replace(
        _CLOSE, "</span>"
    )
    muted = theme.muted.name()
    meta = f' <span style="color:{muted}; font-size:small">{details}</span>' if details else ""
    return f"<div><b>{html.escape(hit.title)}</b>{meta}</div><div>{snippet}</div>"


SUMMARY_QUERY_CHARS = 24  # the query echoed in the results summary; the tooltip has it all


def quoted(query: str, limit: int | None = None) -> str:
    """The query as the analyst typed it, in quotes unless it brings its own; cut with "…"
    past ``limit`` characters (the box above shows it whole, the chips its filters)."""
    if limit is not None and len(query) > limit:
        query = query[: limit - 1].rstrip() + "…"
    return query if '"' in query else f"“{query}”"


class ResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []
        self._html: dict[int, str] = {}  # each row's rich text, made once per theme
        self.theme: Theme = LIGHT

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._html = {}
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        """Rows are made again in the theme's colours (the selection and scroll stay)."""
        self.theme = theme
        self._html = {}
        if self._hits:
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == HTML_ROLE:
            if index.row() not in self._html:
                self._html[index.row()] = hit_html(hit, self.theme)
            return self._html[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.path
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Paints each result's rich text, wrapped to the list's width."""

    PADDING = 6

    CACHED = 256  # laid-out rows kept: a screenful many times over

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Parsing a row's HTML and laying it out is most of a repaint; paint and sizeHint
        # ask for the same row again and again (every scroll step), so each layout is kept
        # by what decides it: the HTML, the width, the font and the text colour.
        self._layouts: OrderedDict[tuple[str, int, str, str], QTextDocument] = OrderedDict()

    def _layout(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        width = option.rect.width()
        widget = option.widget
        if width <= 0 and isinstance(widget, QListView):
            width = widget.viewport().width()
        html = index.data(HTML_ROLE) or ""
        colour = option.palette.text().color().name()
        key = (html, max(width - 2 * self.PADDING, 80), option.font.key(), colour)
        cached = self._layouts.get(key)
        if cached is not None:
            self._layouts.move_to_end(key)
            return cached
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDefaultStyleSheet(f"body {{ color: {colour}; }}")
        doc.setHtml(html)
        doc.setTextWidth(key[1])
        self._layouts[key] = doc
        if len(self._layouts) > self.CACHED:
            self._layouts.popitem(last=False)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._layout(option, index)
        painter.save()
        if option.widget is not None and not option.widget.isEnabled():
            painter.setOpacity(0.45)  # stale results under an error message
        painter.translate(option.rect.left() + self.PADDING, option.rect.top() + self.PADDING)
        doc.drawContents(painter, QRectF(0, 0, doc.textWidth(), doc.size().height()))
        painter.restore()
        painter.save()
        painter.setPen(option.palette.mid().color())
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        doc = self._layout(option, index)
        return QSize(int(doc.textWidth()), int(doc.size().height()) + 2 * self.PADDING)


NAMES_TOGGLE = "names:toggle"


def facet_html(results: SearchResults, names_open: bool = False) -> str:
    """Source, year and entity counts as links; the values are untrusted text, so they are escaped
    and the links carry only an index into the facet list."""
    rows = []
    for kind, label, values in (
        ("source", "Sources", results.facets.sources),
        ("year", "Years", results.facets.years),
    ):
        if values:
            links = " · ".join(
                f'<a href="{kind}:{number}">{html.escape(value)}</a> ({count})'
                for number, (value, count) in enumerate(values[:FACETS_SHOWN])
            )
            rows.append(f"{label}: {links}")
    if results.facets.entities:
        # The names the results mention most, behind a toggle: open, they take a line or two
        # that six visible results need at 1280x800.
        toggle = f'<a href="{NAMES_TOGGLE}">Names {"▾" if names_open else "▸"}</a>'
        if not rows:
            rows.append("")
        rows[-1] = f"{rows[-1]} &nbsp; {toggle}".strip()
        if names_open:
            links = " · ".join(
                f'<a href="entity:{number}">{html.escape(name)}</a> ({count})'
                for number, (_label, name, count) in enumerate(results.facets.entities)
            )
            rows.append(links)
    return f'<span style="font-size:small">{"<br>".join(rows)}</span>' if rows else ""


def facet_filter(results: SearchResults, link: str) -> str | None:
    """The query clause a facet link stands for: ``source:"…"``, ``date:YYYY`` or an entity
    field such as ``person:"…"``."""
    kind, _, number = link.partition(":")
    if kind == "entity":
        named = results.facets.entities
        if not number.isdigit() or int(number) >= len(named):
            return None
        label, name, _count = named[int(number)]
        field = field_for(label)
        return f'{field}:"{name.replace(chr(34), " ")}"' if field else None
    values = results.facets.sources if kind == "source" else results.facets.years
    if not number.isdigit() or int(number) >= len(values):
        return None
    value = values[int(number)][0]
    if kind == "year":
        return f"date:{value}"
    return 'source:"' + value.replace('"', " ") + '"'


SUGGESTION_LINK = "suggest:"
REMOVE_LINK = "remove:"


def chips_html(query: str, theme: Theme) -> str:
    """The query's narrowing clauses as chips, each with a link that takes it off; the values
    are the analyst's text (and a source's name, from a document), so they are escaped."""
    chips = [
        f'<span style="background-color:{theme.code_background.name()}; '
        f'color:{theme.text.name()}">&nbsp;{html.escape(narrowing.label)}&nbsp;'
        f'<a href="{REMOVE_LINK}{number}" title="Remove this filter">✕</a>&nbsp;</span>'
        for number, narrowing in enumerate(narrowings(query))
    ]
    return f'<span style="font-size:small">Filters: {" &nbsp;".join(chips)}</span>' if chips else ""


def suggestion_html(suggestion: str) -> str:
    """The "Did you mean …" line, the respelled query a link that runs it."""
    link = html.escape(SUGGESTION_LINK + suggestion, quote=True)
    return f"Did you mean <a href='{link}'><b>{html.escape(suggestion)}</b></a>?"


class SearchResultsPanel(QWidget):
    result_activated = Signal(object)
    filter_chosen = Signal(str)
    suggestion_chosen = Signal(str)
    sort_changed = Signal(str)
    query_edited = Signal(str)  # a filter chip taken off: the query without it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = LIGHT
        self._results: SearchResults | None = None
        self.summary = QLabel("Type a query above and press Enter.")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the analyst's query
        self.summary.setObjectName("searchSummary")
        self.model = ResultsModel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(SnippetDelegate(self.view))
        self.set_theme(LIGHT)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(self._activate)
        self.view.clicked.connect(self._activate)
        self.sort_box = QComboBox()
        self.sort_box.addItem("Best match", "relevance")
        self.sort_box.addItem("Newest first", "date")
        self.sort_box.setToolTip("Order of the results")
        self.sort_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes on to the results
        self.sort_box.currentIndexChanged.connect(
            lambda _i: self.sort_changed.emit(self.sort_box.currentData())
        )
        self.facets = QLabel("")
        self.facets.setObjectName("searchFacets")
        self.facets.setWordWrap(True)
        self.facets.setTextFormat(Qt.TextFormat.RichText)
        self.facets.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.facets.linkActivated.connect(self._facet_clicked)
        self.facets.hide()
        self.chips = QLabel("")
        self.chips.setObjectName("searchChips")
        self.chips.setWordWrap(True)
        self.chips.setTextFormat(Qt.TextFormat.RichText)
        self.chips.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.chips.linkActivated.connect(self._chip_removed)
        self.chips.hide()
        self.names_open = False  # the entity facets, opened with "Names ▸"
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.chips)
        layout.addWidget(self.facets)
        layout.addWidget(self.view, 1)

    def set_theme(self, theme: Theme) -> None:
        """A pale selection keeps the rich text readable, in light and dark mode."""
        self.model.set_theme(theme)
        self._theme = theme
        if self._results is not None:
            self._show_chips(self._results.query)
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Highlight, theme.selection)
        palette.setColor(QPalette.ColorRole.HighlightedText, theme.text)
        self.view.setPalette(palette)
        self.view.viewport().update()

    @property
    def sort(self) -> str:
        return str(self.sort_box.currentData())

    def _facet_clicked(self, link: str) -> None:
        if link == NAMES_TOGGLE:
            self.names_open = not self.names_open
            if self._results is not None:
                self.facets.setText(facet_html(self._results, self.names_open))
            return
        if link.startswith(SUGGESTION_LINK):
            self.suggestion_chosen.emit(link.removeprefix(SUGGESTION_LINK))
            return
        if self._results is not None:
            clause = facet_filter(self._results, link)
            if clause:
                self.filter_chosen.emit(clause)

    def _show_chips(self, query: str) -> None:
        chips = chips_html(query, self._theme)
        self.chips.setText(chips)
        self.chips.setVisible(bool(chips))

    def _chip_removed(self, link: str) -> None:
        if self._results is None or not link.startswith(REMOVE_LINK):
            return
        query = self._results.query
        found = narrowings(query)
        number = link.removeprefix(REMOVE_LINK)
        if number.isdigit() and int(number) < len(found):
            self.query_edited.emit(without(query, found[int(number)]))

    def show_results(self, results: SearchResults) -> None:
        self._results = results
        self._show_chips(results.query)
        facets = facet_html(results, self.names_open)
        if results.suggestion and not results.total:
            facets = suggestion_html(results.suggestion)
        self.facets.setText(facets)
        self.facets.setVisible(bool(facets) and (results.total > 1 or not results.total))
        hits = first_per_briefing(results.hits)  # a briefing in two formats is one result
        self.model.set_hits(hits)
        total = results.total - (len(results.hits) - len(hits))
        shown = len(hits)
        more = f" (showing {shown})" if shown < total else ""
        plural = "" if total == 1 else "s"
        notes = "".join(f" ({note})" for note in results.notes)
        short = quoted(results.query, SUMMARY_QUERY_CHARS)
        self._set_summary(f"{total} result{plural} for {short}{more}{notes}")
        self.summary.setToolTip(f"{total} result{plural} for {quoted(results.query)}")

    def show_error(self, message: str) -> None:
        """Say what is wrong and keep the last results on screen, greyed, until the query
        works again: half-typed queries should not blank the list."""
        self._set_summary(message, error=True)

    def clear(self) -> None:
        self._results = None
        self.facets.hide()
        self.chips.hide()
        self.model.set_hits([])
        self._set_summary("Type a query above and press Enter.")

    @property
    def stale(self) -> bool:
        return not self.view.isEnabled()

    def _set_summary(self, text: str, error: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setToolTip("")
        self.summary.setProperty("error", error)
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.view.setEnabled(not error)

    def hit_at(self, row: int) -> SearchHit | None:
        index = self.model.index(row, 0)
        return index.data(HIT_ROLE) if index.isValid() else None

    def _activate(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.result_activated.emit(hit)
