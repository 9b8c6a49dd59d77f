"""Names a headline alone vouches for are not names.

A headline capitalises every word ("World Powers Seal Nuclear Deal", "Fifteen Economies Sign
the World's Largest Trade Pact"), so a run of capitals there says nothing of a name: an
organisation or agreement found only inside a headline, and never named in the body, is a
fragment of the headline. One the body names too ("Treaty of Lisbon", "EU") stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

from briefreader.core.entities.gazetteer import Gazetteer


class _Named(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def entity(self) -> str: ...


M = TypeVar("M", bound=_Named)

HEADLINE_LABELS = frozenset({"ORG", "TREATY"})
MAX_HEADLINE = 200  # characters: a longer line is a paragraph
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SMALL = frozenset(
    str.split("a an the and or of in on at to for with by from as vs via into over after amid")
)


def is_headline(line: str) -> bool:
    """A line whose every content word (three at least) is capitalised, not ending in a full
    stop: a title or headline rather than a sentence."""
    line = line.strip()
    if not line or len(line) > MAX_HEADLINE or line.endswith("."):
        return False
    content = [w for w in _WORD.findall(line) if w.lower() not in _SMALL]
    return len(content) >= 3 and all(w[0].isupper() for w in content)


def headline_ranges(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` ranges of the text's headline lines, in order."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if end - start <= MAX_HEADLINE and is_headline(line):
            yield start, end
        start = end + 1


def without_headline_fragments(text: str, mentions: Sequence[M], known: Gazetteer) -> list[M]:
    """``mentions`` less the organisations and agreements named only inside headlines (a
    gazetteer name is a name wherever it stands)."""
    ranges = list(headline_ranges(text))
    if not ranges:
        return list(mentions)
    position = 0
    ordered = sorted(range(len(mentions)), key=lambda n: mentions[n].start)
    flags = [False] * len(mentions)
    for number in ordered:
        mention = mentions[number]
        while position < len(ranges) and ranges[position][1] < mention.start:
            position += 1
        if position < len(ranges):
            start, end = ranges[position]
            flags[number] = start <= mention.start and mention.end <= end
    body = {
        form.casefold()
        for mention, in_headline in zip(mentions, flags, strict=True)
        if not in_headline
        for form in (mention.entity, mention.text)
    }
    return [
        mention
        for mention, in_headline in zip(mentions, flags, strict=True)
        if not in_headline
        or mention.label not in HEADLINE_LABELS
        or mention.text in known.surfaces
        or mention.entity.casefold() in body
        or mention.text.casefold() in body
    ]
