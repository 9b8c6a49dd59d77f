"""Plain text to blocks.

Two shapes are common: one paragraph per line (as exported by news tools), and hard-wrapped text
with blank lines between paragraphs (as in cables and e-mail). The second is re-flowed so a
paragraph reads as one block; list-like lines keep their own line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from itertools import islice

from briefreader.core.loaders.metadata import classify_meta_line
from briefreader.core.text.document import BlockBuilder, BlockKind

_LIST_LINE = re.compile(r"^\s*(?:[-*•‣◦]|\d{1,3}[.)])\s+")
_WRAP_WIDTH = 100
_TITLE_MAX = 120


def reads_as_title(line: str) -> bool:
    """A headline: short, several words, not ending like a sentence, mostly letters.

    Such a first line is shown as the document's heading (its text is unchanged), so a plain
    briefing gets its real title instead of a truncated first sentence.
    """
    line = line.strip()
    words = line.split()
    if not 2 <= len(words) <= 20 or len(line) > _TITLE_MAX:
        return False
    if line[-1] in ".,;:!" and not line.endswith("..."):
        return False
    letters = sum(ch.isalpha() for ch in line)
    return letters >= len(line.replace(" ", "")) * 0.6 and not _LIST_LINE.match(line)


def _lines(text: str, start: int = 0) -> Iterator[str]:
    """The lines of ``text`` from offset ``start``, one at a time: a 10 MB file of short lines
    must not become millions of strings at once."""
    for line in io.StringIO(text[start:] if start else text, newline="\n"):
        yield line[:-1] if line.endswith("\n") else line


def _is_hard_wrapped(lines: Iterable[str]) -> bool:
    """Short lines with blank lines between paragraphs: text wrapped by its sender."""
    seen_text = blank_pending = separated = False
    for line in lines:
        if not line.strip():
            blank_pending = seen_text
            continue
        if len(line) > _WRAP_WIDTH:
            return False
        separated = separated or blank_pending
        seen_text, blank_pending = True, False
    return seen_text and separated


def _body_start(text: str, builder: BlockBuilder) -> int:
    """Emit the leading metadata lines ("Source: X", "Date: ..."); return where the body's
    first non-blank line starts."""
    offset = 0
    for line in _lines(text):
        if line.strip() and not classify_meta_line(line):
            break
        if line.strip():
            builder.add_text(line)
            builder.end_block(BlockKind.META)
        offset += len(line) + 1
    return min(offset, len(text))


def parse_plain_text(text: str) -> BlockBuilder:
    """Lay out plain text as blocks; leading ``Source:``-style lines become metadata blocks."""
    builder = BlockBuilder()
    start = _body_start(text, builder)
    # In hard-wrapped text a title stands alone, or it is just a paragraph's first line.
    wrapped = _is_hard_wrapped(_lines(text, start))
    head = list(islice(_lines(text, start), 2))
    if (
        len(head) == 2
        and reads_as_title(head[0])
        and any(line.strip() for line in _lines(text, start + len(head[0]) + 1))
        and (not wrapped or not head[1].strip())
    ):
        builder.add_text(head[0].strip())
        builder.end_block(BlockKind.HEADING, level=1)
        start += len(head[0]) + 1
        wrapped = _is_hard_wrapped(_lines(text, start))
    reflow = wrapped
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            builder.add_text(" ".join(part.strip() for part in paragraph))
            builder.end_block(BlockKind.PARAGRAPH)
            paragraph.clear()

    for line in _lines(text, start):
        if not line.strip():
            flush()
        elif not reflow or _LIST_LINE.match(line):
            flush()
            if reflow:
                paragraph.append(line)
            else:
                builder.add_text(line)
                builder.end_block(BlockKind.PARAGRAPH)
        else:
            paragraph.append(line)
    flush()
    return builder
