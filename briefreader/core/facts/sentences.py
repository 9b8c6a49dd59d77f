"""Sentences of the canonical text as offset ranges: the unit of evidence for treaty facts.

A sentence ends at ``.``, ``!`` or ``?`` followed by space and a capital, digit or quote, or at
a line break (a heading, a list item or a table row is its own sentence). Abbreviations and
initials ("Mr.", "U.S.", "Philip S. Goldberg", "Jr.") do not end one.
"""

from __future__ import annotations

import re

from briefreader.core.text.document import Span

_BOUNDARY = re.compile(
    r"[.!?][\"'’”)\]]*(?:\[\w{1,3}\])*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|\n+"
)  # a sentence may end in citation marks: "missiles.[4][5] By May"
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "hon",
        "rev",
        "amb",
    ]
)


def split_sentences(text: str) -> list[Span]:
    """Sentence ranges in order, stripped of surrounding white space; none is empty."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith((".", "!", "?")) and _is_abbreviation(text, match.start()):
            continue
        end = match.start() + (1 if not match.group().startswith("\n") else 0)
        _add(text, start, end, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"[\w.]*$", text[max(0, dot - 12) : dot])
    token = word.group() if word else ""
    if not token:
        return False
    if len(token) == 1 and token.isupper():  # an initial: "Philip S. Goldberg"
        return True
    if "." in token:  # "U.S", "e.g"
        return True
    return token.lower() in _ABBREVIATIONS


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
