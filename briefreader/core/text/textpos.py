"""Conversion between Unicode code-point offsets and UTF-16 code-unit offsets.

Every span in BriefReader is a code-point offset into a document's canonical text (what Python's
``str`` indexes). Qt counts UTF-16 units, so a character outside the Basic Multilingual Plane
(most emoji) takes two positions there. This module is the one place that converts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Maps offsets of one text between code points and UTF-16 units in O(log n)."""

    def __init__(self, text: str) -> None:
        # Code-point offsets of the characters that need a surrogate pair in UTF-16, found
        # by a regular expression (a Python loop over a 1 MB text took 0.3 s).
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        # The same characters' positions counted in UTF-16 units.
        self._astral_utf16 = [i + n for n, i in enumerate(self._astral)]
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of code-point ``offset`` (``0 <= offset <= len(text)``)."""
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, position: int) -> int:
        """Code-point offset of UTF-16 ``position``; a position inside a pair maps to its start."""
        if not self._astral:
            return position
        before = bisect_right(self._astral_utf16, position - 1)
        return position - before
