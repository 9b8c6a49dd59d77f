"""Find in the open document: every match of a typed string in the canonical text.

The reader's Ctrl+F searches what the analyst sees, not the index: plain substring matching
over ``Document.text`` (optionally case-sensitive and whole-word), returned as spans so the
reader draws them like any other layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefreader.core.text.document import Span

# A find layer beyond this many matches would only paint the page yellow and slow the reader.
MAX_MATCHES = 5000


@dataclass(frozen=True)
class FindResult:
    spans: list[Span]
    truncated: bool  # more matches exist than were returned


def find_in_text(
    text: str,
    needle: str,
    *,
    match_case: bool = False,
    whole_word: bool = False,
    limit: int = MAX_MATCHES,
) -> FindResult:
    """All non-overlapping matches of ``needle`` in ``text``, in order."""
    if not needle:
        return FindResult([], False)
    pattern = re.escape(needle)
    if whole_word:
        # Word edges are looked at only where the needle itself starts or ends with a word
        # character, so "U.S." as a whole word still matches before a space.
        if re.match(r"\w", needle):
            pattern = r"(?<!\w)" + pattern
        if re.search(r"\w$", needle):
            pattern += r"(?!\w)"
    flags = 0 if match_case else re.IGNORECASE
    spans: list[Span] = []
    for match in re.finditer(pattern, text, flags):
        if len(spans) == limit:
            return FindResult(spans, True)
        spans.append(Span(match.start(), match.end(), "find"))
    return FindResult(spans, False)
