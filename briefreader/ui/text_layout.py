"""Build the reader's ``QTextDocument`` from a document's blocks.

One Qt block per core block, inserted in order, so the document's plain text equals the
canonical text by construction: block separators are the canonical ``"\\n"``, and line breaks
inside a block are inserted as Qt line separators, which Qt's plain text also reports as
``"\\n"``. Styling lives only in formats, never in added characters.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtGui import (
    QColor,
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

from briefreader.core.document import Block, BlockKind, Document, InlineStyle, StyledRange

LINE_SEPARATOR = "\u2028"
HEADING_SCALE = {1: 1.7, 2: 1.4, 3: 1.2, 4: 1.1, 5: 1.0, 6: 1.0}
TABLE_TAB_WIDTH = 220.0
MUTED = QColor("#6b7280")
CODE_BACKGROUND = QColor("#f3f4f6")
LINK_COLOUR = QColor("#1d4ed8")
_LEADING = 5  # pixels between the lines of a paragraph


def build_text_document(document: Document, base_font: QFont) -> QTextDocument:
    qdoc = QTextDocument()
    qdoc.setDefaultFont(base_font)
    qdoc.setDocumentMargin(24)
    cursor = QTextCursor(qdoc)
    lists: dict[int, QTextList] = {}
    for number, block in enumerate(document.blocks):
        block_format = _block_format(block)
        char_format = _char_format(block, base_font)
        if number == 0:
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)
        else:
            cursor.insertBlock(block_format, char_format)
        if block.kind is BlockKind.LIST_ITEM and block.list_id is not None:
            _join_list(cursor, block, lists)
        _insert_inline(cursor, block, char_format)
    return qdoc


def _join_list(cursor: QTextCursor, block: Block, lists: dict[int, QTextList]) -> None:
    existing = lists.get(block.list_id or 0)
    if existing is not None:
        existing.add(cursor.block())
        return
    list_format = QTextListFormat()
    ordered = block.ordinal is not None
    list_format.setStyle(QTextListFormat.Style.ListDecimal if ordered else _bullet(block.level))
    list_format.setIndent(max(block.level, 1))
    if ordered:
        list_format.setStart(block.ordinal or 1)
    lists[block.list_id or 0] = cursor.createList(list_format)


def _bullet(level: int) -> QTextListFormat.Style:
    styles = (
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListCircle,
        QTextListFormat.Style.ListSquare,
    )
    return styles[(max(level, 1) - 1) % len(styles)]


def _block_format(block: Block) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(8)
    # Extra leading between lines, added as a distance: proportional line heights clip the
    # descenders of a block's last line in Qt.
    fmt.setLineHeight(_LEADING, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
    kind = block.kind
    if kind is BlockKind.HEADING:
        fmt.setHeadingLevel(block.level)
        fmt.setTopMargin(14 if block.start else 0)
        fmt.setBottomMargin(8)
        fmt.setLineHeight(2, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
    elif kind is BlockKind.QUOTE:
        fmt.setLeftMargin(22 * block.level)
        fmt.setRightMargin(12)
    elif kind is BlockKind.CODE:
        fmt.setBackground(CODE_BACKGROUND)
        fmt.setLeftMargin(8)
        fmt.setLineHeight(0, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
    elif kind is BlockKind.TABLE_ROW:
        tabs = [
            QTextOption.Tab(TABLE_TAB_WIDTH * (i + 1), QTextOption.TabType.LeftTab)
            for i in range(block.text.count("\t"))
        ]
        fmt.setTabPositions(tabs)
        fmt.setBottomMargin(2)
        fmt.setLineHeight(2, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
    elif kind is BlockKind.RULE:
        fmt.setProperty(
            QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
            QTextLength(QTextLength.Type.PercentageLength, 100),
        )
    elif kind is BlockKind.META:
        fmt.setBottomMargin(12)
    elif kind is BlockKind.PARAGRAPH and block.level:
        fmt.setLeftMargin(28 * block.level)
    return fmt


def _char_format(block: Block, base_font: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    size = base_font.pointSizeF() if base_font.pointSizeF() > 0 else 11.0
    kind = block.kind
    if kind is BlockKind.HEADING:
        fmt.setFontPointSize(size * HEADING_SCALE.get(block.level, 1.0))
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind is BlockKind.META:
        fmt.setForeground(MUTED)
        fmt.setFontPointSize(size * 0.9)
    elif kind is BlockKind.QUOTE:
        fmt.setFontItalic(True)
        fmt.setForeground(QColor("#374151"))
    elif kind is BlockKind.CODE:
        fmt.setFontFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
    elif kind is BlockKind.TABLE_ROW and block.header:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


def _insert_inline(cursor: QTextCursor, block: Block, base: QTextCharFormat) -> None:
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
            _apply_style(fmt, styled)
        cursor.insertText(text[start:end].replace("\n", LINE_SEPARATOR), fmt)


def _apply_style(fmt: QTextCharFormat, styled: StyledRange) -> None:
    style = styled.style
    if style is InlineStyle.BOLD:
        fmt.setFontWeight(QFont.Weight.Bold)
    elif style in (InlineStyle.ITALIC, InlineStyle.IMAGE):
        fmt.setFontItalic(True)
        if style is InlineStyle.IMAGE:
            fmt.setForeground(MUTED)
    elif style is InlineStyle.CODE:
        fmt.setFontFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
        fmt.setBackground(CODE_BACKGROUND)
    elif style is InlineStyle.STRIKE:
        fmt.setFontStrikeOut(True)
    elif style is InlineStyle.LINK and styled.href:
        fmt.setAnchor(True)
        fmt.setAnchorHref(styled.href)
        fmt.setForeground(LINK_COLOUR)
        fmt.setFontUnderline(True)
        fmt.setToolTip(styled.href)
