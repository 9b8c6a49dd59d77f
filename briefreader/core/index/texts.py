"""The canonical text of an indexed document, for snippets, spans and spellings.

The index keeps the canonical text only where reading it again is costly: PDF, Word and
HTML files (the ``text`` stored field). A Markdown or plain-text file is its own best copy:
storing its text made the index half again as large, and reading the file back is as fast as
decompressing the stored copy was. A result list needs only the part around a document's
first hits, so ``text_near_hits`` parses just that part of the file; the command line's
spans, the entity page and spelling suggestions read the whole canonical text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from briefreader.core.errors import LoadError
from briefreader.core.loaders import FORMATS, load_document, normalise_line_breaks
from briefreader.core.loaders.metadata import split_front_matter
from briefreader.core.text.document import Document, Span

REREAD_FORMATS = frozenset({"markdown", "text"})
STORED_TEXT_FIELD = "text"
_READ_LIMIT = 1024 * 1024  # a result's first hits lie in its first megabyte, or it is loaded
# The piece previewed: from a little before the first hit to past a snippet's width (240)
# after it, cut at line breaks or spaces within reach.
_BEFORE = 150
_AFTER = 400
_REACH = 80


def stored_text(document: Document) -> str | None:
    """What the index stores of ``document``'s text: nothing for formats read again."""
    return None if document.metadata.format in REREAD_FORMATS else document.text


def canonical_text(path: str, stored: Mapping[str, object]) -> str:
    """The whole canonical text: the stored copy, else the file read again ("" if gone)."""
    kept = stored.get(STORED_TEXT_FIELD)
    if isinstance(kept, str):
        return kept
    try:
        return load_document(Path(path)).text
    except (LoadError, OSError):
        return ""


@dataclass(frozen=True)
class TextPiece:
    """Canonical text around a document's first hits, and whether text was left out before
    or after it (a snippet shows "…" there)."""

    text: str
    spans: list[Span]
    clipped_before: bool = False
    clipped_after: bool = False


def text_near_hits(
    path: str,
    stored: Mapping[str, object],
    find: Callable[[str], list[Span]],
    locate: Callable[[str], int | None],
) -> TextPiece:
    """The canonical text around the first hits ``find`` finds: a stored copy searched as it
    is; a UTF-8 Markdown or text file cut around its first hit (``locate`` gives where that
    is, cheaply) and only that part previewed; anything else loaded whole."""
    kept = stored.get(STORED_TEXT_FIELD)
    if isinstance(kept, str):
        return TextPiece(kept, find(kept))
    fmt = FORMATS.get(Path(path).suffix.lower())
    source = _source(path) if fmt in REREAD_FORMATS else None
    if source is None:
        text = canonical_text(path, stored)
        return TextPiece(text, find(text))
    if fmt == "markdown":
        source = split_front_matter(source)[1]
    anchor = locate(source)
    anchor = 0 if anchor is None else anchor
    start = _boundary(source, max(0, anchor - _BEFORE), backwards=True)
    end = _boundary(source, min(len(source), anchor + _AFTER), backwards=False)
    text = preview(source[start:end], markdown=fmt == "markdown")
    return TextPiece(text, find(text), start > 0, end < len(source))


def _boundary(source: str, position: int, backwards: bool) -> int:
    """The nearest line break, else space, to ``position`` within a short reach: a piece cut
    there starts and ends with whole words (and, most often, whole lines)."""
    if backwards:
        low = max(0, position - _REACH)
        for mark in ("\n", " "):
            found = source.rfind(mark, low, position + 1)
            if found >= 0 or position == 0:
                return 0 if position == 0 else found + 1
        return position
    high = min(len(source), position + _REACH)
    for mark in ("\n", " "):
        found = source.find(mark, position, high)
        if found >= 0:
            return found
    return position if position < len(source) else len(source)


# Block starts, and the inline syntax a preview drops or keeps the text of (images and links
# keep their text, emphasis and code lose their marks, escapes their backslash).
_BLOCK_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|(?:>[ \t]?)+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")
_INLINE = (
    (re.compile(r"!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)"), r"\2"),
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),
)
_MARKUP = re.compile(r"[\[<*_~`\\]")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}")


def preview(piece: str, markdown: bool) -> str:
    """A piece of a Markdown or text file as the reader would show it, closely enough for a
    snippet: blocks on lines of their own, a paragraph's lines joined, and (for Markdown)
    block marks, link targets and emphasis marks dropped. The reader lays out the whole
    file with the real parser when it is opened; laying out each result's piece with it
    took longer than the search itself."""
    blocks: list[str] = []
    current: list[str] = []
    for line in piece.strip().split("\n"):
        if not line.strip():
            blocks.append(" ".join(current))
            current = []
            continue
        if markdown:
            if _TABLE_RULE.match(line):
                continue
            marked = _BLOCK_MARK.match(line)
            if marked or line.lstrip().startswith("|"):
                blocks.append(" ".join(current))
                current = []
                line = (
                    line[marked.end() :]
                    if marked
                    else " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
                )
        current.append(line.strip())
    blocks.append(" ".join(current))
    text = "\n".join(block for block in blocks if block)
    if markdown and _MARKUP.search(text):
        for pattern, replacement in _INLINE:
            text = pattern.sub(replacement, text)
        if "&" in text:
            text = html.unescape(text)
    return text


def _source(path: str) -> str | None:
    """The file's text if it is UTF-8 (the usual case), normalised as the loaders do; None
    sends it through the full loader (other encodings, unreadable, too large)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(_READ_LIMIT + 1)
    except OSError:
        return None
    if len(data) > _READ_LIMIT:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return normalise_line_breaks(text.removeprefix("\ufeff"))
