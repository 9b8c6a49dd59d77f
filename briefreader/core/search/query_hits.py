"""The hits of a query inside one document that was not opened from the result list.

A result carries its own hit pattern, but a briefing opened from the library (or already open
when the query changes) needs the pattern Whoosh would have matched in it: the query is run
again, filtered to that one document.
"""

from __future__ import annotations

from whoosh.query import Term

from briefreader.core.index import LibraryIndex
from briefreader.core.search.expansion import expanded_words
from briefreader.core.search.hits import HIGHLIGHTED_FIELDS, HitPattern, pattern_for
from briefreader.core.search.search import parse_query


def document_pattern(index: LibraryIndex, query_text: str, path: str) -> HitPattern:
    """What ``query_text`` matches in the indexed document at ``path`` (empty if nothing)."""
    query = parse_query(query_text)
    with index.searcher() as searcher:
        results = searcher.search(query, filter=Term("path", path), limit=1, terms=True)
        if not results.scored_length():  # len() would count unfiltered matches
            return HitPattern()
        expanded = expanded_words(query, searcher.reader(), HIGHLIGHTED_FIELDS)
        return pattern_for(query, results[0].matched_terms() or [], expanded)
