"""The ``note:`` and ``tag:`` fields of the main search: the analyst's own notes as a filter.

Annotations live in SQLite, not in the text index (they change far more often than the
documents), so a query's ``note:word`` and ``tag:name`` clauses are taken out of it, matched
against the annotation store, and the rest of the query is run on the documents those notes
are on. Each result opens the matching annotation's passage.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefreader.core.annotations import AnnotationStore
from briefreader.core.errors import QueryError
from briefreader.core.index import LibraryIndex
from briefreader.core.search import SearchResults, search

_CLAUSE = re.compile(r'(?:^|(?<=\s))(note|tag):(?:"([^"]*)"|(\S+))')


def split_note_clauses(text: str) -> tuple[str, list[str], list[str]]:
    """``(rest of the query, note words, tags)``."""
    words: list[str] = []
    tags: list[str] = []
    for match in _CLAUSE.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if not value.strip():
            raise QueryError(f"'{match.group(1)}:' needs a word right after it")
        if match.group(1) == "note":
            words.extend(value.split())
        else:
            tags.append(value)
    return _CLAUSE.sub(" ", text).strip(), words, tags


def search_with_notes(
    index: LibraryIndex, store: AnnotationStore | None, text: str, **options: object
) -> SearchResults:
    """``search`` that also understands ``note:`` and ``tag:``."""
    rest, words, tags = split_note_clauses(text)
    if not words and not tags:
        return search(index, text, **options)  # type: ignore[arg-type]
    notes = store.search(words, tags) if store is not None else []
    by_path: dict[str, tuple[int, int]] = {}
    for note in notes:
        if note.state != "orphaned":
            by_path.setdefault(note.path, (note.start, note.end))
    if not by_path:
        return SearchResults(query=text, total=0)
    results = search(index, rest, within=sorted(by_path), **options)  # type: ignore[arg-type]
    hits = [replace(hit, note_span=by_path.get(hit.path)) for hit in results.hits]
    return replace(results, query=text, hits=hits)
