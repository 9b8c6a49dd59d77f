"""Search with the registry's filter fields (``note:``, ``person:``…) answered by their
sources, then the rest of the query run on the documents they name (see ``fields``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from briefreader.core.errors import QueryError
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.search.fields import REGISTRY, Clause, FilterSource
from briefreader.core.search.query import Query
from briefreader.core.search.search import SearchResults, search
from briefreader.core.search.suggest import suggest

Passages = dict[str, tuple[int, int] | None]


def search_filtered(
    index: LibraryIndex, sources: Mapping[str, FilterSource], query: Query | str, **options: object
) -> SearchResults:
    """``search`` that also answers the registry's filter fields from ``sources``, and offers
    a respelled query ("did you mean") when one without filter clauses finds nothing."""
    if isinstance(query, str):
        query = Query.parse(query)
    results = _search_filtered(index, sources, query.checked(), **options)
    results.notes = list(query.notes)
    entities = sources.get("entities")
    facet = getattr(entities, "facets", None)
    if options.get("facets") and callable(facet) and results.facets.hashes:
        results.facets = replace(results.facets, entities=facet(results.facets.hashes))
    return results


def _search_filtered(
    index: LibraryIndex, sources: Mapping[str, FilterSource], query: Query, **options: object
) -> SearchResults:
    if not query.clauses:
        results = search(index, query, **options)  # type: ignore[arg-type]
        if not results.total:
            results.suggestion = suggest(index, query)
        return results
    passages = answer_filters(sources, query.clauses)
    if not passages:
        return SearchResults(query=query.text, total=0)
    results = search(index, query, within=sorted(passages), **options)  # type: ignore[arg-type]
    hits = [replace(hit, note_span=passages.get(hit.path)) for hit in results.hits]
    return replace(results, hits=hits)


def answer_filters(sources: Mapping[str, FilterSource], clauses: Sequence[Clause]) -> Passages:
    """The documents every clause names, each with the passage to open (the first source's
    passage first); a field whose source is missing is refused, never silently ignored."""
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
    return passages or {}
