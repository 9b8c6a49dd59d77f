"""The document model: blocks, inline styles and the one canonical plain text.

A loader turns a file into ``Block`` objects. The canonical text is the blocks' texts joined by
``"\\n"``; every span in the application (search hit, entity, fact evidence, annotation) is a
half-open ``(start, end)`` range of code points into it. The reader builds its display from the
same blocks, so its text equals the canonical text by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"
    TABLE_ROW = "table_row"
    RULE = "rule"
    META = "meta"


# How an ordered list counts, named as HTML's <ol type>: digits, letters, roman numerals.
NUMBER_STYLES = frozenset({"1", "a", "A", "i", "I"})


class InlineStyle(StrEnum):
    BOLD = "bold"
    ITALIC = "italic"
    CODE = "code"
    LINK = "link"
    STRIKE = "strike"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of code points in a document's canonical text."""

    start: int
    end: int
    kind: str = "hit"

    def text(self, canonical: str) -> str:
        return canonical[self.start : self.end]


@dataclass(frozen=True, slots=True)
class StyledRange:
    """An inline style over ``[start, end)`` of the canonical text (``href`` for links)."""

    start: int
    end: int
    style: InlineStyle
    href: str | None = None


@dataclass(slots=True)
class Block:
    """One displayed block. ``start`` is its offset in the canonical text.

    ``level`` is the heading level, or the nesting depth of a list item or quote. ``list_id``
    groups the items of one list and ``ordinal`` numbers the items of an ordered list, counted
    in ``number_style`` (HTML's ``<ol type>``: "1", "a", "A", "i" or "I"; a treaty's "(a)"
    and "(iv)" paragraphs keep their letters).
    ``page`` is the 1-based page a block starts on, for paged formats (PDF); else ``None``.
    """

    kind: BlockKind
    text: str
    start: int = 0
    level: int = 0
    list_id: int | None = None
    ordinal: int | None = None
    number_style: str = "1"
    header: bool = False
    styles: list[StyledRange] = field(default_factory=list)
    page: int | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Metadata:
    """What the library list and search results show about a document."""

    path: str
    title: str
    source: str | None = None
    date: str | None = None
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""
    format: str = ""
    encoding: str = ""
    # What the loader had to do to show the file (bad bytes replaced, nesting flattened...).
    notes: list[str] = field(default_factory=list)


@dataclass
class Document:
    metadata: Metadata
    blocks: list[Block]
    text: str


# Characters the reader (QTextDocument) would not display as themselves: controls, the object
# replacement character and byte-order marks are dropped; non-breaking spaces become spaces,
# because Qt's plain text turns them into spaces too.
_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff\ufffc\ufdd0\ufdd1]")
_TO_SPACE = re.compile("[\u00a0]")
_TO_NEWLINE = re.compile("\r\n|[\r\u2028\u2029]")


# Any character one of the three substitutions below changes (tab and line feed stay).
_ANY_TO_CLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff\ufffc\ufdd0\ufdd1\u00a0\u2028\u2029]")


def clean_text(text: str) -> str:
    """Normalise raw text so that what the reader displays is exactly what we store."""
    found = _ANY_TO_CLEAN.search(text)
    if found is None:
        return text  # most pieces: one scan instead of three substitutions
    text = _TO_NEWLINE.sub("\n", text)
    text = _DROPPED.sub("", text)
    return _TO_SPACE.sub(" ", text)


# Bounds that keep a pathological file's memory near its size: past them the text is kept
# whole, but styling is dropped and blocks are merged (the canonical text stays the same,
# since blocks are joined by "\n" either way). Real briefings stay far below both.
MAX_STYLES = 20_000  # inline styles per document
MAX_BLOCKS = 20_000  # blocks per document
_COMPACT_EVERY = 1024  # small text parts joined into one string at a time


class BlockBuilder:
    """Accumulates blocks and inline styles and lays out the canonical text.

    Loaders call ``open_inline``/``close_inline`` around styled runs, ``add_text`` for content and
    ``end_block`` at each block boundary. Offsets are assigned here, once, so no loader can get
    them wrong. Memory stays bounded by the input's size whatever its shape: text parts are
    compacted as they accumulate, and ``MAX_STYLES`` / ``MAX_BLOCKS`` cap the per-item objects
    (what was simplified is said in ``notes``).
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self._parts: list[str] = []
        self._length = 0  # code points in the current block so far
        self._open: list[tuple[InlineStyle, int, str | None]] = []
        self._styles: list[StyledRange] = []
        self._style_count = 0
        self._tail: list[str] = []  # text merged into the last block once MAX_BLOCKS is reached
        self._tail_length = 0  # length of the last block including what was merged

    def add_text(self, text: str) -> None:
        text = clean_text(text)
        if text:
            self._parts.append(text)
            self._length += len(text)
            if len(self._parts) > _COMPACT_EVERY:
                self._parts = ["".join(self._parts)]

    def last_char(self) -> str:
        """The current block's last character ("" if empty), without joining the block:
        loaders ask this for every text node, so it must not cost the block's length."""
        return self._parts[-1][-1] if self._parts else ""

    def open_inline(self, style: InlineStyle, href: str | None = None) -> None:
        self._open.append((style, self._length, href))

    def close_inline(self, style: InlineStyle) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == style:
                _, start, href = self._open.pop(i)
                if self._length > start:
                    self._add_style(StyledRange(start, self._length, style, href))
                return

    def _add_style(self, styled: StyledRange) -> None:
        if self._style_count >= MAX_STYLES:
            if self._style_count == MAX_STYLES:
                self.notes.append(f"more than {MAX_STYLES:,} styled runs: the rest shown plain")
                self._style_count += 1
            return
        self._style_count += 1
        self._styles.append(styled)

    def end_block(self, kind: BlockKind, *, keep_empty: bool = False, **attrs: object) -> None:
        """Close the current block; blocks with only white space are dropped unless asked."""
        text = "".join(self._parts)
        styles = self._styles
        # Styles still open continue into the next block (malformed input); restart them at 0.
        self._open = [(style, 0, href) for style, _, href in self._open]
        self._parts, self._length, self._styles = [], 0, []
        if not text.strip() and not keep_empty:
            return
        # Code keeps its indentation; other blocks lose surrounding white space.
        stripped = text.rstrip()
        kept = stripped.lstrip("\n") if kind is BlockKind.CODE else stripped.lstrip()
        lead = len(stripped) - len(kept)
        stripped = kept
        shifted = [
            StyledRange(max(s.start - lead, 0), min(s.end - lead, len(stripped)), s.style, s.href)
            for s in styles
            if min(s.end - lead, len(stripped)) > max(s.start - lead, 0)
        ]
        if len(self.blocks) >= MAX_BLOCKS:
            self._merge_into_last(stripped, shifted)
            return
        self.blocks.append(Block(kind=kind, text=stripped, styles=shifted, **attrs))  # type: ignore[arg-type]

    def _merge_into_last(self, text: str, styles: list[StyledRange]) -> None:
        """Past ``MAX_BLOCKS``, a block's text joins the last block after a line break."""
        last = self.blocks[-1]
        if not self._tail:
            self._tail_length = len(last.text)
            self.notes.append(f"more than {MAX_BLOCKS:,} blocks: the rest shown as one")
        base = self._tail_length + 1
        last.styles.extend(
            StyledRange(s.start + base, s.end + base, s.style, s.href) for s in styles
        )
        self._tail.append("\n" + text)
        self._tail_length += 1 + len(text)
        if len(self._tail) > _COMPACT_EVERY:
            self._tail = ["".join(self._tail)]

    def finish(self) -> tuple[list[Block], str]:
        """Assign each block its offset; return the blocks and the canonical text."""
        if self._parts:
            self.end_block(BlockKind.PARAGRAPH)
        if self._tail:
            self.blocks[-1].text += "".join(self._tail)
            self._tail = []
        offset = 0
        for block in self.blocks:
            block.start = offset
            if offset:
                block.styles = [
                    StyledRange(s.start + offset, s.end + offset, s.style, s.href)
                    for s in block.styles
                ]
            offset += len(block.text) + 1
        return self.blocks, "\n".join(block.text for block in self.blocks)


HEADLINE_WORDS = 20
_SENTENCE_END = re.compile(r"[.;:,]$")
_TWO_SENTENCES = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")


def reads_like_headline(line: str) -> bool:
    """A first line an editor wrote as a title: short (at most 20 words and 150 characters),
    one phrase not ending like a sentence (a headline may end in "?" or "!", not in a full
    stop), not two sentences. "Fifteen Economies Sign a Trade Pact" is one; "In a
    significant move to strengthen their alliance, …" is the story's first sentence."""
    line = " ".join(line.split())
    if not line or len(line) > 150 or len(line.split()) > HEADLINE_WORDS:
        return False
    return not _SENTENCE_END.search(line) and not _TWO_SENTENCES.search(line)


def untitled_title(first_line: str, source: str | None, date: str | None, file_title: str) -> str:
    """The title of a document that declares none: its first line when that reads like a
    headline; else its source and date ("LATIMES — 2025-01-17"); else its file's name."""
    line = " ".join(first_line.split())
    if reads_like_headline(line):
        return line
    known = [part.strip() for part in (source, date) if part and part.strip()]
    return " — ".join(known) if known else file_title


def path_title(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name
