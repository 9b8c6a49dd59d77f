"""The clauses of a query that narrow it (``source:"…"``, ``date:2015``, ``person:"…"``…), found
in the text as typed, so the window can show each as a chip the analyst takes off with one click.

Only a clause standing on its own is offered: not inside parentheses, not inside a phrase, not
joined to its neighbours by an operator. Taking ``source:x`` out of ``(a OR source:x)`` or
``a OR source:x`` would change what the rest means, so those stay in the text, to be edited there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefreader.core.search.fields import REGISTRY, FieldRegistry, parentheses_open_at

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
MAX_CHIP_LABEL = 32


@dataclass(frozen=True)
class Narrowing:
    """One narrowing clause: its field, its value and where it stands in the query text."""

    field: str
    value: str
    start: int
    end: int

    @property
    def label(self) -> str:
        """``field: value``, the value cut with an ellipsis when long (the tooltip has it all)."""
        value = (
            self.value
            if len(self.value) <= MAX_CHIP_LABEL
            else self.value[: MAX_CHIP_LABEL - 1] + "…"
        )
        return f"{self.field}: {value}"


def _pattern(registry: FieldRegistry) -> re.Pattern[str]:
    names = sorted(registry.names(), key=len, reverse=True)
    return re.compile(
        r"(?:^|(?<=\s))(" + "|".join(map(re.escape, names)) + r'):(?:"([^"]*)"|([^\s()"]+))'
    )


def _word_before(text: str, offset: int) -> str:
    words = text[:offset].split()
    return words[-1] if words else ""


def _word_after(text: str, offset: int) -> str:
    words = text[offset:].split()
    return words[0] if words else ""


def narrowings(text: str, registry: FieldRegistry = REGISTRY) -> list[Narrowing]:
    """The clauses of ``text`` that can be taken off on their own, in the order typed."""
    found = []
    for match in _pattern(registry).finditer(text):
        start, end = match.span()
        if text[:start].count('"') % 2 or parentheses_open_at(text, start):
            continue  # inside a phrase or a group
        if _word_before(text, start) in _OPERATORS or _word_after(text, end) in _OPERATORS:
            continue
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if value.strip():
            found.append(Narrowing(match.group(1), value, start, end))
    return found


def without(text: str, narrowing: Narrowing) -> str:
    """The query with ``narrowing`` taken out, its spacing tidied."""
    return " ".join((text[: narrowing.start] + " " + text[narrowing.end :]).split())
