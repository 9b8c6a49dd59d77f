"""Search with the registry's filter fields (``note:``, ``person:``…) answered by their
sources, then the rest of the query run on the documents they name (see ``fields``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from briefreader.core.errors import QueryError
from briefreader.core.index import LibraryIndex
from briefreader.core.search.fields import REGISTRY, Clause, FilterSource, split_filter_clauses
from briefreader.core.search.search import SearchResults, search

Passages = dict[str, tuple[int, int] | None]


def search_filtered(
    index: LibraryIndex, sources: Mapping[str, FilterSource], text: str, **options: object
) -> SearchResults:
    """``search`` that also answers the registry's filter fields from ``sources``."""
    results = _search_filtered(index, sources, text, **options)
    entities = sources.get("entities")
    facet = getattr(entities, "facets", None)
    if options.get("facets") and callable(facet) and results.facets.hashes:
        results.facets = replace(results.facets, entities=facet(results.facets.hashes))
    return results


def _search_filtered(
    index: LibraryIndex, sources: Mapping[str, FilterSource], text: str, **options: object
) -> SearchResults:
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


def library_sources(
    index: LibraryIndex, data_dir: Path, analyse_now: bool = True
) -> dict[str, FilterSource]:
    """Every filter source of a library: the annotation store and the entity index (brought
    up to date before an entity field is answered when ``analyse_now``)."""
    from briefreader.core.annotations import AnnotationStore
    from briefreader.core.entities.cache import ENTITY_CACHE, EntityCache
    from briefreader.core.entities.corrections import EntityCorrections
    from briefreader.core.entities.library_index import EntityIndex, mentions_from
    from briefreader.core.entities.search_fields import EntityFilter
    from briefreader.core.facts.cache import FACTS_CACHE, FactsCache
    from briefreader.core.facts.library import summaries_from
    from briefreader.core.search.note_search import NotesFilter

    corrections = EntityCorrections.in_data_dir(data_dir)
    treaties = summaries_from(FactsCache(data_dir / FACTS_CACHE))
    analyse = (
        mentions_from(EntityCache(data_dir / ENTITY_CACHE), corrections.all(), treaties)
        if analyse_now
        else None
    )
    entities = EntityIndex.in_data_dir(data_dir, corrections.rules())
    return {
        "notes": NotesFilter(AnnotationStore.in_data_dir(data_dir)),
        "entities": EntityFilter(entities, index, analyse),
    }
