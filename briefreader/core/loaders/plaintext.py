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
    reflow = _is_hard_wrapped(body)
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
