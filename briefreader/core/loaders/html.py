"""HTML to blocks: structure and text only.

Documents are untrusted. Nothing here executes or fetches anything: scripts, styles, frames and
embedded objects are dropped with their content, images become their alt text, and links keep
their target only so the reader can open it after the analyst clicks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from briefreader.core.text.document import NUMBER_STYLES, BlockBuilder, BlockKind, InlineStyle

_SKIPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "math",
    "select",
    "button",
    "head",
}
_HEAD_TAGS = {
    "head",
    "html",
    "meta",
    "title",
    "link",
    "style",
    "script",
    "base",
    "noscript",
    "template",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "caption",
    "address",
    "dl",
    "dt",
    "dd",
    "form",
    "fieldset",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "ul",
    "ol",
    "table",
    "thead",
    "tbody",
    "tfoot",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE = {
    "b": InlineStyle.BOLD,
    "strong": InlineStyle.BOLD,
    "i": InlineStyle.ITALIC,
    "em": InlineStyle.ITALIC,
    "cite": InlineStyle.ITALIC,
    "code": InlineStyle.CODE,
    "kbd": InlineStyle.CODE,
    "tt": InlineStyle.CODE,
    "s": InlineStyle.STRIKE,
    "del": InlineStyle.STRIKE,
    "strike": InlineStyle.STRIKE,
}
_SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_DATE_META = {
    "date",
    "dc.date",
    "dcterms.date",
    "article:published_time",
    "pubdate",
    "publish-date",
}
_SOURCE_META = {"source", "dc.source", "og:site_name", "publisher", "dc.publisher"}


class _HtmlWalker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = BlockBuilder()
        self.meta: dict[str, str] = {}
        self.head_title: list[str] = []
        self._skip_depth = 0
        self._skip_stack: list[str] = []
        self._in_title = False
        self._pre = 0
        # (list id, ordered, next number, number style)
        self._lists: list[tuple[int, bool, int, str]] = []
        self._list_counter = 0
        self._heading = 0
        self._quote = 0
        self._in_item = False
        self._cells = -1
        self._header_row = False

    # Tags ------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._read_meta(attr)
            return
        if tag == "title":
            self._in_title = True
            return
        if tag not in _HEAD_TAGS:
            # Browsers end the head (and an unclosed title) at the first body tag.
            self._in_title = False
            if self._skip_stack[:1] == ["head"]:
                self._skip_stack.clear()
        if self._skip_stack:
            if tag not in _VOID:
                self._skip_stack.append(tag)
            return
        if tag in _SKIPPED:
            self._skip_stack.append(tag)
            return
        self._start(tag, attr)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def _start(self, tag: str, attr: dict[str, str]) -> None:
        b = self.builder
        if tag in _HEADINGS:
            self._flush()
            self._heading = _HEADINGS[tag]
        elif tag in ("ul", "ol"):
            self._flush()
            self._list_counter += 1
            start = attr.get("start", "1")
            number = int(start) if re.fullmatch(r"[0-9]{1,9}", start) else 1
            style = attr.get("type", "1")
            style = style if style in NUMBER_STYLES else "1"
            self._lists.append((self._list_counter, tag == "ol", number, style))
        elif tag == "li":
            self._flush()
            self._in_item = True
        elif tag == "blockquote":
            self._flush()
            self._quote += 1
        elif tag == "pre":
            self._flush()
            self._pre += 1
        elif tag == "tr":
            self._flush()
            self._cells = 0
        elif tag in ("td", "th"):
            if self._cells > 0:
                b.add_text("\t")
            self._cells = max(self._cells, 0) + 1
            self._header_row = self._header_row or tag == "th"
        elif tag == "br":
            b.add_text("\n")
        elif tag == "hr":
            self._flush()
            b.end_block(BlockKind.RULE, keep_empty=True)
        elif tag == "img":
            alt = _SPACES.sub(" ", attr.get("alt", "")).strip()
            if alt:
                self._space_if_needed()
                b.open_inline(InlineStyle.IMAGE)
                b.add_text(alt)
                b.close_inline(InlineStyle.IMAGE)
        elif tag == "a":
            href = attr.get("href", "").strip()
            b.open_inline(InlineStyle.LINK, href=href if _SAFE_LINK.match(href) else None)
        elif tag in _INLINE:
            b.open_inline(_INLINE[tag])
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._skip_stack:
            if tag in self._skip_stack:
                while self._skip_stack and self._skip_stack.pop() != tag:
                    pass
            return
        b = self.builder
        if tag in _HEADINGS:
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag == "li":
            self._flush()
            self._in_item = False
            if self._lists:
                list_id, ordered, number, style = self._lists[-1]
                self._lists[-1] = (list_id, ordered, number + 1, style)
        elif tag == "blockquote":
            self._flush()
            self._quote = max(self._quote - 1, 0)
        elif tag == "pre":
            self._flush()
            self._pre = max(self._pre - 1, 0)
        elif tag == "tr":
            self._flush()
        elif tag == "a":
            b.close_inline(InlineStyle.LINK)
        elif tag in _INLINE:
            b.close_inline(_INLINE[tag])
        elif tag in _BLOCKS:
            self._flush()

    # Text ------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.head_title.append(data)
            return
        if self._skip_stack:
            return
        if self._pre:
            self.builder.add_text(data)
            return
        collapsed = _SPACES.sub(" ", data)
        if self.builder.last_char() in ("", " ", "\n", "\t"):
            collapsed = collapsed.lstrip(" ")
        self.builder.add_text(collapsed)

    def _space_if_needed(self) -> None:
        if self.builder.last_char() not in ("", " ", "\n", "\t"):
            self.builder.add_text(" ")

    def _read_meta(self, attr: dict[str, str]) -> None:
        name = (attr.get("name") or attr.get("property") or "").lower()
        content = attr.get("content", "").strip()
        if not content:
            return
        if name in _DATE_META:
            self.meta.setdefault("date", content)
        elif name in _SOURCE_META:
            self.meta.setdefault("source", content)
        elif name in ("title", "og:title", "dc.title"):
            self.meta.setdefault("title", content)

    def _flush(self) -> None:
        """End the block being collected, with the kind its context gives it."""
        b = self.builder
        if self._heading:
            b.end_block(BlockKind.HEADING, level=self._heading)
            self._heading = 0
        elif self._pre:
            b.end_block(BlockKind.CODE)
        elif self._cells >= 0:
            b.end_block(BlockKind.TABLE_ROW, header=self._header_row)
            self._cells, self._header_row = -1, False
        elif self._in_item and self._lists:
            list_id, ordered, number, style = self._lists[-1]
            b.end_block(
                BlockKind.LIST_ITEM,
                level=len(self._lists),
                list_id=list_id,
                ordinal=number if ordered else None,
                number_style=style,
            )
            self._in_item = False
        elif self._quote:
            b.end_block(BlockKind.QUOTE, level=self._quote)
        else:
            b.end_block(BlockKind.PARAGRAPH)


def parse_html(text: str) -> tuple[BlockBuilder, dict[str, str]]:
    """Lay out an HTML page as blocks; return them with ``<title>``/``<meta>`` metadata."""
    walker = _HtmlWalker()
    walker.feed(text)
    walker.close()
    walker._flush()
    meta = dict(walker.meta)
    head_title = _SPACES.sub(" ", "".join(walker.head_title)).strip()
    if head_title:
        meta.setdefault("title", head_title)
    return walker.builder, meta
