"""Filter fields in the main search: ``note:``, ``tag:`` and any other field answered outside
the text index (see ``fields``).

Annotations live in SQLite, not in the text index (they change far more often than the
documents), so a query's ``note:word`` and ``tag:name`` clauses are taken out of it, matched
against the annotation store, and the rest of the query is run on the documents those notes
are on. Each result opens the matching annotation's passage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from briefreader.core.annotations import AnnotationStore
from briefreader.core.errors import QueryError
from briefreader.core.fields import REGISTRY, Clause, FilterSource, split_filter_clauses
from briefreader.core.index import LibraryIndex
from briefreader.core.search import SearchResults, search

Passages = dict[str, tuple[int, int] | None]


class NotesFilter:
    """``note:`` (words of a comment or quote) and ``tag:`` over the annotation store."""

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store

    def matching_paths(self, clauses: Sequence[Clause]) -> Passages:
        words = [word for c in clauses if c.field == "note" for word in c.value.split()]
        tags = [c.value for c in clauses if c.field == "tag"]
        found: Passages = {}
        for note in self.store.search(words, tags):
            if note.state != "orphaned":
                found.setdefault(note.path, (note.start, note.end))
        return found


def split_note_clauses(text: str) -> tuple[str, list[str], list[str]]:
    """``(rest of the query, note words, tags)``."""
    rest, clauses = split_filter_clauses(text)
    words = [word for c in clauses if c.field == "note" for word in c.value.split()]
    return rest, words, [c.value for c in clauses if c.field == "tag"]


def search_filtered(
    index: LibraryIndex, sources: Mapping[str, FilterSource], text: str, **options: object
) -> SearchResults:
    """``search`` that also answers the registry's filter fields from ``sources``."""
    rest, clauses = split_filter_clauses(text)
    if not clauses:
        return search(index, text, **options)  # type: ignore[arg-type]
    by_source: dict[str, list[Clause]] = {}
    for clause in clauses:
        field = REGISTRY.get(clause.field)
        by_source.setdefault(field.source if field and field.source else "", []).append(clause)
    passages: Passages | None = None
    for name, its_clauses in by_source.items():
        source = sources.get(name)
        if source is None:
            raise QueryError(f"'{its_clauses[0].field}:' is not available here")
        found = source.matching_paths(its_clauses)
        passages = (
            found
            if passages is None
            else {path: passages[path] or found[path] for path in passages if path in found}
        )
    if not passages:
        return SearchResults(query=text, total=0)
    results = search(index, rest, within=sorted(passages), **options)  # type: ignore[arg-type]
    hits = [replace(hit, note_span=passages.get(hit.path)) for hit in results.hits]
    return replace(results, query=text, hits=hits)


def search_with_notes(
    index: LibraryIndex, store: AnnotationStore | None, text: str, **options: object
) -> SearchResults:
    """``search`` that also understands ``note:`` and ``tag:``."""
    sources: dict[str, FilterSource] = {"notes": NotesFilter(store)} if store else {}
    if store is None and split_filter_clauses(text)[1]:
        return SearchResults(query=text, total=0)
    return search_filtered(index, sources, text, **options)
