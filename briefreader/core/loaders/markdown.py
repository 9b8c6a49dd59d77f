"""Markdown to blocks with markdown-it-py.

Raw HTML is disabled, so tags in a briefing are shown as text and never interpreted. Images are
never fetched: only their alt text is shown.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefreader.core.text.document import BlockBuilder, BlockKind, InlineStyle

_INLINE_STYLES = {
    "strong": InlineStyle.BOLD,
    "em": InlineStyle.ITALIC,
    "s": InlineStyle.STRIKE,
}


# Deeper nesting than the parser allows would silently drop the rest of the file, so the
# source is flattened first (extra quote markers, list markers and indentation removed; every
# word stays) and the parser's limit is set above what the flattened source can reach.
MAX_NESTING = 120
_DEEP_QUOTES = re.compile(r"^((?:[ \t]*>){20})(?:[ \t]*>)+", re.M)
_LIST_MARKER = r"(?:[-*+]|\d{1,9}[.)])[ \t]+"
_DEEP_MARKERS = re.compile(rf"^([ \t]*(?:{_LIST_MARKER}){{20}})(?:{_LIST_MARKER})+", re.M)
_DEEP_INDENT = re.compile(r"^[ \t]{81,}", re.M)
# Long files are parsed a piece at a time (cut at blank lines outside code fences), so the
# parser's tokens never hold more than one piece: memory follows the file, not its markup.
CHUNK_CHARS = 16_000
# A piece that long without a blank line (one giant paragraph) is shown without inline
# formatting rather than tokenised character by character.
INLINE_LIMIT = 256_000
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


_PARSERS = threading.local()


def _parser(inline: bool = True) -> MarkdownIt:
    """The configured parser, made once per thread: building one (its rule chains) cost
    more than parsing a short briefing. Parsing keeps its state per call, but a thread of
    its own keeps the parser safe from anything a plugin might cache."""
    cache: dict[bool, MarkdownIt] = _PARSERS.__dict__.setdefault("parsers", {})
    if inline not in cache:
        parser = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable(
            ["table", "strikethrough"]
        )
        if not inline:
            parser.disable("inline")
        cache[inline] = parser
    return cache[inline]


# A line that any of the three could change: most texts have none, and one scan tells.
_ANY_DEEP = re.compile(rf"^(?:[ \t]{{81}}|(?:[ \t]*(?:>|{_LIST_MARKER})){{20}})", re.M)


def flatten_nesting(text: str) -> str:
    """Cap block-quote depth, list markers per line and indentation (see MAX_NESTING)."""
    if _ANY_DEEP.search(text) is None:
        return text
    text = _DEEP_QUOTES.sub(r"\1", text)
    text = _DEEP_MARKERS.sub(r"\1", text)
    return _DEEP_INDENT.sub(" " * 80, text)


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """``text`` cut into pieces of about ``size`` characters at blank lines outside fences,
    produced one at a time (the lines are read lazily, never listed)."""
    if len(text) <= size:
        yield text
        return
    current: list[str] = []
    length, fence = 0, ""
    for line in io.StringIO(text, newline="\n"):
        current.append(line)
        length += len(line)
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if not fence:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = ""
        if length >= size and not fence and not line.strip():
            yield "".join(current)
            current, length = [], 0
    if current:
        yield "".join(current)


@dataclass
class _ListState:
    list_id: int
    ordered: bool
    next_number: int
    item_blocks: int = 0  # blocks emitted in the current item


@dataclass
class _Walker:
    builder: BlockBuilder = field(default_factory=BlockBuilder)
    lists: list[_ListState] = field(default_factory=list)
    quote_depth: int = 0
    heading_level: int = 0
    cells_in_row: int = -1  # -1 outside a table row
    header_row: bool = False
    list_counter: int = 0
    raw_inline: bool = False

    def walk(self, tokens: list[Token]) -> None:
        for token in tokens:
            handler = getattr(self, "_on_" + token.type, None)
            if handler is not None:
                handler(token)

    # Containers -------------------------------------------------------------------------
    def _on_bullet_list_open(self, token: Token) -> None:
        self._open_list(ordered=False, start=1)

    def _on_ordered_list_open(self, token: Token) -> None:
        start = token.attrGet("start")
        self._open_list(ordered=True, start=int(start) if start else 1)

    def _open_list(self, *, ordered: bool, start: int) -> None:
        self.list_counter += 1
        self.lists.append(_ListState(self.list_counter, ordered, start))

    def _on_bullet_list_close(self, token: Token) -> None:
        self.lists.pop()

    _on_ordered_list_close = _on_bullet_list_close

    def _on_list_item_open(self, token: Token) -> None:
        self.lists[-1].item_blocks = 0

    def _on_list_item_close(self, token: Token) -> None:
        self.lists[-1].next_number += 1

    def _on_blockquote_open(self, token: Token) -> None:
        self.quote_depth += 1

    def _on_blockquote_close(self, token: Token) -> None:
        self.quote_depth -= 1

    def _on_heading_open(self, token: Token) -> None:
        self.heading_level = int(token.tag[1:])

    # Tables: one block per row, cells separated by tabs -----------------------------------
    def _on_tr_open(self, token: Token) -> None:
        self.cells_in_row = 0

    def _on_thead_open(self, token: Token) -> None:
        self.header_row = True

    def _on_thead_close(self, token: Token) -> None:
        self.header_row = False

    def _on_td_open(self, token: Token) -> None:
        if self.cells_in_row:
            self.builder.add_text("\t")
        self.cells_in_row += 1

    _on_th_open = _on_td_open

    def _on_tr_close(self, token: Token) -> None:
        self.builder.end_block(BlockKind.TABLE_ROW, header=self.header_row)
        self.cells_in_row = -1

    # Leaf blocks -----------------------------------------------------------------------
    def _on_inline(self, token: Token) -> None:
        if self.raw_inline:  # parsed without inline rules: the raw text, unstyled
            self.builder.add_text(token.content)
        else:
            self._inline(token.children or [])
        if self.cells_in_row >= 0:
            return
        self._end_text_block()

    def _end_text_block(self) -> None:
        if self.heading_level:
            self.builder.end_block(BlockKind.HEADING, level=self.heading_level)
            self.heading_level = 0
        elif self.lists:
            current = self.lists[-1]
            first = current.item_blocks == 0
            current.item_blocks += 1
            self.builder.end_block(
                BlockKind.LIST_ITEM if first else BlockKind.PARAGRAPH,
                level=len(self.lists),
                list_id=current.list_id if first else None,
                ordinal=current.next_number if (first and current.ordered) else None,
            )
        elif self.quote_depth:
            self.builder.end_block(BlockKind.QUOTE, level=self.quote_depth)
        else:
            self.builder.end_block(BlockKind.PARAGRAPH)

    def _on_fence(self, token: Token) -> None:
        self.builder.add_text(token.content.rstrip("\n"))
        self.builder.end_block(BlockKind.CODE, level=self.quote_depth)

    _on_code_block = _on_fence

    def _on_hr(self, token: Token) -> None:
        self.builder.end_block(BlockKind.RULE, keep_empty=True)

    # Inline content --------------------------------------------------------------------
    def _inline(self, children: list[Token]) -> None:
        b = self.builder
        for child in children:
            kind = child.type
            if kind == "text":
                b.add_text(child.content)
            elif kind == "softbreak":
                b.add_text(" ")
            elif kind == "hardbreak":
                b.add_text("\n")
            elif kind == "code_inline":
                b.open_inline(InlineStyle.CODE)
                b.add_text(child.content)
                b.close_inline(InlineStyle.CODE)
            elif kind == "image":
                b.open_inline(InlineStyle.IMAGE, href=None)
                b.add_text(child.content or "image")
                b.close_inline(InlineStyle.IMAGE)
            elif kind == "link_open":
                href = child.attrGet("href")
                b.open_inline(InlineStyle.LINK, href=str(href) if href else None)
            elif kind == "link_close":
                b.close_inline(InlineStyle.LINK)
            elif kind.endswith("_open") and kind[:-5] in _INLINE_STYLES:
                b.open_inline(_INLINE_STYLES[kind[:-5]])
            elif kind.endswith("_close") and kind[:-6] in _INLINE_STYLES:
                b.close_inline(_INLINE_STYLES[kind[:-6]])
            elif child.content:
                b.add_text(child.content)


def parse_markdown(text: str) -> BlockBuilder:
    """Lay out Markdown source as blocks (call ``finish()`` on the result)."""
    walker = _Walker()
    flattened = flatten_nesting(text)
    if flattened != text:
        walker.builder.notes.append("very deep nesting flattened")
    parser, plain = _parser(), None
    for piece in chunks(flattened):
        if len(piece) > INLINE_LIMIT:
            plain = plain or _parser(inline=False)
            walker.builder.notes.append("a very long paragraph shown without formatting")
            walker.raw_inline = True
            walker.walk(plain.parse(piece))
            walker.raw_inline = False
        else:
            walker.walk(parser.parse(piece))
    return walker.builder
