"""Finding an annotation's passage again after the document changed.

The method of the W3C Web Annotation model as Hypothesis applies it: keep the quote (``exact``
with about 32 characters of ``prefix`` and ``suffix``) and the position; to re-attach, try
(1) the stored position, if the text there is still the quote; (2) the quote with its whole
context, nearest the old position; (3) the exact occurrences of the quote nearest the old
position (64 at most), best by context agreement and nearness; (4) an approximate match of the quote
(diff-match-patch's bitap search), accepted above a minimum score; otherwise the annotation is
orphaned, never dropped. Positions are code points into the canonical text.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch

CONTEXT = 32
MIN_FUZZY_SCORE = 0.6
_BITAP_LIMIT = 32  # bitap matches patterns up to the machine word size


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact_match: bool  # False when found approximately (the quote changed)


def quote_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """``(exact, prefix, suffix)`` for ``text[start:end]``."""
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _similar(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _similar(before, prefix) + _similar(after, suffix)


def anchor(text: str, exact: str, prefix: str, suffix: str, start: int, end: int) -> Anchor | None:
    """Where the quote is in ``text`` now, or None (orphaned)."""
    if not exact:
        return None
    if text[start:end] == exact:
        return Anchor(start, end, True)
    whole = _nearest(text, prefix + exact + suffix, start - len(prefix), 1)
    if whole:  # the quote in its own context, nearest its old place: nothing to score
        at = whole[0] + len(prefix)
        return Anchor(at, at + len(exact), True)
    # A quote repeated thousands of times (boilerplate) is scored only where it is nearest
    # its old place: nearness breaks ties anyway, and the cost stays bounded.
    nearest = _nearest(text, exact, start, MAX_SCORED)
    if nearest:
        best = max(
            nearest,
            key=lambda at: (
                _context_score(text, at, at + len(exact), prefix, suffix),
                -abs(at - start),
            ),
        )
        return Anchor(best, best + len(exact), True)
    return _fuzzy(text, exact, prefix, suffix, start)


MAX_SCORED = 64  # occurrences of a repeated quote compared by context, nearest first


def _nearest(text: str, piece: str, around: int, limit: int) -> list[int]:
    """Up to ``limit`` places where ``piece`` starts, nearest ``around`` first, found by
    searching outwards from it (never enumerating every occurrence)."""
    around = max(0, min(around, len(text)))
    ahead = text.find(piece, around)
    behind = text.rfind(piece, 0, around + len(piece) - 1) if around else -1
    found: list[int] = []
    while len(found) < limit and (ahead != -1 or behind != -1):
        if behind == -1 or (ahead != -1 and ahead - around <= around - behind):
            found.append(ahead)
            ahead = text.find(piece, ahead + 1)
        else:
            found.append(behind)
            behind = text.rfind(piece, 0, behind + len(piece) - 1) if behind else -1
    return found


def _fuzzy(text: str, exact: str, prefix: str, suffix: str, start: int) -> Anchor | None:
    """Approximate match: bitap on the quote's head and tail, then score the span between."""
    matcher = diff_match_patch()
    matcher.Match_Threshold = 0.4
    matcher.Match_Distance = max(1000, len(text))
    head = exact[:_BITAP_LIMIT]
    tail = exact[-_BITAP_LIMIT:]
    begin = matcher.match_main(text, head, max(0, min(start, len(text))))
    if begin == -1:
        return None
    guess_end = begin + len(exact) - len(tail)
    finish = matcher.match_main(text, tail, max(0, min(guess_end, len(text))))
    end = finish + len(tail) if finish >= begin else begin + len(exact)
    end = min(end, len(text))
    if end - begin > 2 * len(exact) + 10:
        end = begin + len(exact)
    # The tail's match may be a little off: settle the end where the span reads most like
    # the quote.
    slack = max(4, len(exact) // 8)
    end = max(
        range(max(begin + 1, end - slack), min(len(text), end + slack) + 1),
        key=lambda candidate: _similar(text[begin:candidate], exact),
    )
    quote = _similar(text[begin:end], exact)
    context = _context_score(text, begin, end, prefix, suffix) / 2
    if quote < MIN_FUZZY_SCORE or 0.7 * quote + 0.3 * context < MIN_FUZZY_SCORE:
        return None
    return Anchor(begin, end, False)
