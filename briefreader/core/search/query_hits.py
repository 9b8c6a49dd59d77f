"""The hits of a query inside one document that was not opened from the result list.

A result carries its own hit pattern, but a briefing opened from the library (or already open
when the query changes, or opened at the passage a ``tag:`` or ``person:`` clause named) needs
the pattern Whoosh would have matched in it: the query is run again, filtered to that one
document, with its filter clauses answered by the same sources as the search.
"""

from __future__ import annotations

from collections.abc import Mapping

from whoosh.query import Term

from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.search.expansion import expanded_words
from briefreader.core.search.fields import FilterSource
from briefreader.core.search.filtered_search import answer_filters
from briefreader.core.search.hits import HIGHLIGHTED_FIELDS, HitPattern, pattern_for
from briefreader.core.search.query import Query


def document_pattern(
    index: LibraryIndex, query: Query, path: str, sources: Mapping[str, FilterSource]
) -> HitPattern:
    """What ``query`` matches in the indexed document at ``path``: empty if the document does
    not match (its filter clauses included) or the query marks no words (filter clauses only).
    Raises ``QueryError`` for an invalid query, as the search does."""
    query.checked()
    if query.clauses and path not in answer_filters(sources, query.clauses):
        return HitPattern()
    marked = query.highlight
    if marked is None:
        return HitPattern()
    with index.searcher() as searcher:
        results = searcher.search(marked, filter=Term("path", path), limit=1, terms=True)
        if not results.scored_length():  # len() would count unfiltered matches
            return HitPattern()
        expanded = expanded_words(marked, searcher.reader(), HIGHLIGHTED_FIELDS)
        return pattern_for(marked, results[0].matched_terms() or [], expanded)
