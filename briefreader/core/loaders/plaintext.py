"""Plain text to blocks.

Two shapes are common: one paragraph per line (as exported by news tools), and hard-wrapped text
with blank lines between paragraphs (as in cables and e-mail). The second is re-flowed so a
paragraph reads as one block; list-like lines keep their own line.
"""

from __future__ import annotations

import re

from briefreader.core.document import BlockBuilder, BlockKind
from briefreader.core.loaders.metadata import classify_meta_line

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


def _is_hard_wrapped(lines: list[str]) -> bool:
    non_empty = [line for line in lines if line.strip()]
    inner = "\n".join(line.strip() for line in lines).strip("\n")
    has_blank_separators = "\n\n" in inner
    return bool(non_empty) and has_blank_separators and max(map(len, non_empty)) <= _WRAP_WIDTH


def parse_plain_text(text: str) -> BlockBuilder:
    """Lay out plain text as blocks; leading ``Source:``-style lines become metadata blocks."""
    builder = BlockBuilder()
    lines = text.split("\n")
    # Leading metadata lines ("Source: X", "Credited from: X", "Date: ...").
    index = 0
    while index < len(lines) and (not lines[index].strip() or classify_meta_line(lines[index])):
        if lines[index].strip():
            builder.add_text(lines[index])
            builder.end_block(BlockKind.META)
        index += 1
    body = lines[index:]
    while body and not body[0].strip():
        body = body[1:]
    # In hard-wrapped text a title stands alone, or it is just a paragraph's first line.
    wrapped = _is_hard_wrapped(body)
    if (
        len(body) > 1
        and reads_as_title(body[0])
        and any(line.strip() for line in body[1:])
        and (not wrapped or not body[1].strip())
    ):
        builder.add_text(body[0].strip())
        builder.end_block(BlockKind.HEADING, level=1)
        body = body[1:]
        wrapped = _is_hard_wrapped(body)
    reflow = wrapped
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            builder.add_text(" ".join(part.strip() for part in paragraph))
            builder.end_block(BlockKind.PARAGRAPH)
            paragraph.clear()

    for line in body:
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
