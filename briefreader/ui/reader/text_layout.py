"""Build the reader's ``QTextDocument`` from a document's blocks.

One Qt block per core block, inserted in order, so the document's plain text equals the
canonical text by construction: block separators are the canonical ``"\\n"``, and line breaks
inside a block are inserted as Qt line separators, which Qt's plain text also reports as
``"\\n"``. Styling lives only in formats, never in added characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextOption,
)

from briefreader.core.text.document import Block, BlockKind, Document, InlineStyle, StyledRange
from briefreader.ui.theme import LIGHT, Theme

LINE_SEPARATOR = "\u2028"
HEADING_SCALE = {1: 1.6, 2: 1.35, 3: 1.18, 4: 1.08, 5: 1.0, 6: 1.0}
TABLE_TAB_WIDTH = 16.0  # in multiples of the body font size
# Extra space between the lines of a paragraph, as a share of the font size: about 1.5 line
# spacing, comfortable for long reading.
_LEADING = 0.45


@dataclass(frozen=True)
class PageStyle:
    """How the page looks: the body font (its size is the zoom) and the theme's colours."""

    font: QFont
    theme: Theme = LIGHT

    @property
    def point_size(self) -> float:
        size = self.font.pointSizeF()
        return size if size > 0 else 12.0

    @property
    def leading_px(self) -> float:
        return self.point_size * 96 / 72 * _LEADING


def build_text_document(document: Document, style: PageStyle) -> QTextDocument:
    qdoc = QTextDocument()
    qdoc.setDefaultFont(style.font)
    qdoc.setDocumentMargin(style.point_size * 2)
    cursor = QTextCursor(qdoc)
    lists: dict[int, QTextList] = {}
    for number, block in enumerate(document.blocks):
        block_format = _block_format(block, style)
        char_format = _char_format(block, style)
        if number == 0:
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)
        else:
            cursor.insertBlock(block_format, char_format)
        if block.kind is BlockKind.LIST_ITEM and block.list_id is not None:
            _join_list(cursor, block, lists)
        _insert_inline(cursor, block, char_format, style.theme)
    return qdoc


def _join_list(cursor: QTextCursor, block: Block, lists: dict[int, QTextList]) -> None:
    existing = lists.get(block.list_id or 0)
    if existing is not None:
        existing.add(cursor.block())
        return
    list_format = QTextListFormat()
    ordered = block.ordinal is not None
    list_format.setStyle(
        _NUMBER_STYLES.get(block.number_style, _DECIMAL) if ordered else _bullet(block.level)
    )
    list_format.setIndent(max(block.level, 1))
    if ordered:
        list_format.setStart(block.ordinal or 1)
    lists[block.list_id or 0] = cursor.createList(list_format)


_DECIMAL = QTextListFormat.Style.ListDecimal
_NUMBER_STYLES = {
    "1": _DECIMAL,
    "a": QTextListFormat.Style.ListLowerAlpha,
    "A": QTextListFormat.Style.ListUpperAlpha,
    "i": QTextListFormat.Style.ListLowerRoman,
    "I": QTextListFormat.Style.ListUpperRoman,
}


def _bullet(level: int) -> QTextListFormat.Style:
    styles = (
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListCircle,
        QTextListFormat.Style.ListSquare,
    )
    return styles[(max(level, 1) - 1) % len(styles)]


def _block_format(block: Block, style: PageStyle) -> QTextBlockFormat:
    """Spacing scales with the font, so zooming keeps the page's proportions."""
    em = style.point_size * 96 / 72  # the font size in pixels
    distance = QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(em * 0.75)
    # Extra leading between lines, added as a distance: proportional line heights clip the
    # descenders of a block's last line in Qt.
    fmt.setLineHeight(style.leading_px, distance)
    kind = block.kind
    if kind is BlockKind.HEADING:
        fmt.setHeadingLevel(block.level)
        fmt.setTopMargin(em * 1.1 if block.start else 0)
        fmt.setBottomMargin(em * 0.55)
        fmt.setLineHeight(em * 0.15, distance)
    elif kind is BlockKind.QUOTE:
        fmt.setLeftMargin(em * 1.6 * block.level)
        fmt.setRightMargin(em)
    elif kind is BlockKind.CODE:
        fmt.setBackground(style.theme.code_background)
        fmt.setLeftMargin(em * 0.6)
        fmt.setLineHeight(0, distance)
    elif kind is BlockKind.TABLE_ROW:
        tabs = [
            QTextOption.Tab(em * TABLE_TAB_WIDTH * (i + 1), QTextOption.TabType.LeftTab)
            for i in range(block.text.count("\t"))
        ]
        fmt.setTabPositions(tabs)
        fmt.setBottomMargin(em * 0.2)
        fmt.setLineHeight(em * 0.15, distance)
    elif kind is BlockKind.RULE:
        fmt.setProperty(
            QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
            QTextLength(QTextLength.Type.PercentageLength, 100),
        )
    elif kind is BlockKind.META:
        fmt.setBottomMargin(em * 0.5)
        fmt.setLineHeight(em * 0.15, distance)
    elif kind is BlockKind.PARAGRAPH and block.level:
        fmt.setLeftMargin(em * 2 * block.level)
    return fmt


def _char_format(block: Block, style: PageStyle) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(style.theme.text)
    size = style.point_size
    kind = block.kind
    if kind is BlockKind.HEADING:
        fmt.setFontPointSize(size * HEADING_SCALE.get(block.level, 1.0))
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind is BlockKind.META:
        fmt.setForeground(style.theme.muted)
        fmt.setFontPointSize(size * 0.88)
    elif kind is BlockKind.QUOTE:
        fmt.setFontItalic(True)
        fmt.setForeground(style.theme.quote)
    elif kind is BlockKind.CODE:
        fmt.setFontFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
    elif kind is BlockKind.TABLE_ROW and block.header:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


def _insert_inline(cursor: QTextCursor, block: Block, base: QTextCharFormat, theme: Theme) -> None:
    """Insert a block's text in runs, each run carrying the styles that cover it."""
    text = block.text
    if not text:
        return
    cuts = {0, len(text)}
    for styled in block.styles:
        cuts.add(styled.start - block.start)
        cuts.add(styled.end - block.start)
    edges = sorted(c for c in cuts if 0 <= c <= len(text))
    for start, end in pairwise(edges):
        active = [
            s for s in block.styles if s.start - block.start <= start and s.end - block.start >= end
        ]
        fmt = QTextCharFormat(base)
        for styled in active:
            _apply_style(fmt, styled, theme)
        cursor.insertText(text[start:end].replace("\n", LINE_SEPARATOR), fmt)


def _apply_style(fmt: QTextCharFormat, styled: StyledRange, theme: Theme) -> None:
    style = styled.style
    if style is InlineStyle.BOLD:
        fmt.setFontWeight(QFont.Weight.Bold)
    elif style in (InlineStyle.ITALIC, InlineStyle.IMAGE):
        fmt.setFontItalic(True)
        if style is InlineStyle.IMAGE:
            fmt.setForeground(theme.muted)
    elif style is InlineStyle.CODE:
        fmt.setFontFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
        fmt.setBackground(theme.code_background)
    elif style is InlineStyle.STRIKE:
        fmt.setFontStrikeOut(True)
    elif style is InlineStyle.LINK and styled.href:
        fmt.setAnchor(True)
        fmt.setAnchorHref(styled.href)
        fmt.setForeground(theme.link)
        fmt.setFontUnderline(True)
        fmt.setToolTip(styled.href)
