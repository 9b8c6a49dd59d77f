"""Every filter source of a library, for the command line: the annotation store (``note:``,
``tag:``) and the entity index (``person:``, ``org:``, ``place:``, ``treaty:``).

Kept apart from ``filtered_search``, which only needs the ``FilterSource`` protocol: the
sources themselves depend on the search (``note_search`` offers a notes-only search), and
importing them from there made the two modules import each other.
"""

from __future__ import annotations

from pathlib import Path

from briefreader.core.index import LibraryIndex
from briefreader.core.search.fields import FilterSource


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
