"""Which page an offset of the canonical text lies on, for paged formats (PDF).

Blocks record the page they start on; an offset belongs to the last block starting at or
before it. Hits, entities, facts and annotations cite their page through this one function.
"""

from __future__ import annotations

from bisect import bisect_right

from briefreader.core.text.document import Document


def page_at(document: Document, offset: int) -> int | None:
    """The 1-based page holding ``offset``, or ``None`` for documents without pages."""
    blocks = document.blocks
    index = bisect_right([block.start for block in blocks], offset) - 1
    while index >= 0 and blocks[index].page is None:
        index -= 1  # a block without a page of its own continues the previous one's
    return blocks[index].page if index >= 0 else None
