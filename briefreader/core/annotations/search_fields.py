"""The ``note:`` and ``tag:`` fields of the main search: the analyst's own notes as a filter.

Annotations live in SQLite, not in the text index (they change far more often than the
documents), so a query's ``note:word`` and ``tag:name`` clauses are taken out of it, matched
against the annotation store, and the rest of the query is run on the documents those notes
are on. Each result opens the matching annotation's passage.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefreader.core.annotations.store import AnnotationStore
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.search.fields import Clause, FilterSource, split_filter_clauses
from briefreader.core.search.filtered_search import Passages, search_filtered
from briefreader.core.search.query import Query
from briefreader.core.search.search import SearchResults


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


def search_with_notes(
    index: LibraryIndex, store: AnnotationStore | None, text: str, **options: object
) -> SearchResults:
    """``search`` that also understands ``note:`` and ``tag:``."""
    query = Query.parse(text).checked()
    sources: dict[str, FilterSource] = {"notes": NotesFilter(store)} if store else {}
    if store is None and query.clauses:
        return SearchResults(query=text, total=0)
    return search_filtered(index, sources, query, **options)
