"""The fields of the query language, in one registry: what ``name:`` means and how it is found.

Two kinds of field exist. An *index field* is searched by Whoosh in the library index
(``title:``, ``path:``…), so it combines freely with AND/OR/NOT. A *filter field* is answered
outside the index by a ``FilterSource`` (the analyst's notes in SQLite, the entities extracted
per document): its clauses are taken out of the query and narrow the rest of it to the
documents they name. A later feature adds its field with one ``REGISTRY.add(...)`` line, and
the query checks, the search and the Help popup follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from briefreader.core.errors import QueryError


@dataclass(frozen=True)
class QueryField:
    name: str  # what the analyst types before the colon
    label: str  # its row in the query help
    example: str
    meaning: str
    index_field: str | None = None  # the Whoosh field it searches; None for a filter field
    source: str | None = None  # the FilterSource that answers a filter field


class FieldRegistry:
    def __init__(self) -> None:
        self._fields: dict[str, QueryField] = {}

    def add(self, field: QueryField) -> None:
        if (field.index_field is None) == (field.source is None):
            raise ValueError(f"field '{field.name}' needs an index field or a source, not both")
        self._fields[field.name] = field

    def __iter__(self) -> Iterator[QueryField]:
        return iter(self._fields.values())

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def get(self, name: str) -> QueryField | None:
        return self._fields.get(name)

    def names(self) -> list[str]:
        return list(self._fields)

    def aliases(self) -> dict[str, list[str]]:
        """Index fields typed under another name than Whoosh's (``path:`` → pathwords)."""
        return {
            f.index_field: [f.name]
            for f in self
            if f.index_field is not None and f.index_field != f.name
        }

    def filter_names(self) -> list[str]:
        return [f.name for f in self if f.source is not None]


REGISTRY = FieldRegistry()
REGISTRY.add(QueryField("title", "Title", "title:accord", "words in the title", "title"))
REGISTRY.add(QueryField("body", "Text", "body:annex", "words in the text only", "body"))
REGISTRY.add(QueryField("source", "Source", "source:reuters", "documents from a source", "source"))
REGISTRY.add(
    QueryField("date", "Date", "date:2015", "a year, a month (date:2015-07) or a day", "date")
)
REGISTRY.add(
    QueryField("path", "Path", "path:asia", "a word of the file's folders or name", "pathwords")
)
REGISTRY.add(QueryField("note", "Note", "note:verify", "your comments on passages", None, "notes"))
REGISTRY.add(QueryField("tag", "Tag", "tag:sanctions", "passages you tagged", None, "notes"))
REGISTRY.add(
    QueryField("person", "Person", "person:putin", "documents naming a person", None, "entities")
)
REGISTRY.add(
    QueryField(
        "org", "Organisation", "org:nato", "documents naming an organisation", None, "entities"
    )
)
REGISTRY.add(
    QueryField(
        "place", "Place", 'place:"north korea"', "documents naming a place", None, "entities"
    )
)
REGISTRY.add(
    QueryField("treaty", "Treaty", "treaty:jcpoa", "documents naming a treaty", None, "entities")
)


@dataclass(frozen=True)
class Clause:
    field: str
    value: str


class FilterSource(Protocol):
    def matching_paths(self, clauses: Sequence[Clause]) -> dict[str, tuple[int, int] | None]:
        """The documents that satisfy every clause, each with the passage to open (or None)."""
        ...


def split_filter_clauses(text: str, registry: FieldRegistry = REGISTRY) -> tuple[str, list[Clause]]:
    """``(the query without its filter clauses, those clauses)``; a quoted value is one value.

    A clause narrows the whole query, so only one standing on its own (after a space, not
    inside parentheses) is taken out; one left inside is refused by the query checks.
    """
    names = registry.filter_names()
    if not names:
        return text, []
    pattern = re.compile(
        r"(?:^|(?<=\s))(" + "|".join(map(re.escape, names)) + r'):(?:"([^"]*)"|(\S*))'
    )
    clauses: list[Clause] = []
    kept: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        if parentheses_open_at(text, match.start()):
            continue  # inside parentheses: left for the query checks to refuse
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if not value.strip():
            raise QueryError(f"'{match.group(1)}:' needs a word right after it")
        clauses.append(Clause(match.group(1), value))
        kept.append(text[last : match.start()])
        last = match.end()
    kept.append(text[last:])
    return " ".join(" ".join(kept).split()), clauses


_QUOTED = re.compile(r'"[^"]*"')


def parentheses_open_at(text: str, offset: int) -> int:
    """How many parentheses are open at ``offset`` (those inside phrases do not count)."""
    outside = _QUOTED.sub("", text[:offset])
    return outside.count("(") - outside.count(")")
