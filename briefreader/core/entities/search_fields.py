"""``person:``, ``org:``, ``place:`` and ``treaty:`` in the main search, answered from the
library's entity index: documents that name such an entity, by its canonical name or any way
the text wrote it. A result opens at the entity's first mention."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from briefreader.core.entities.labels import FACET_LABELS, FIELD_LABELS
from briefreader.core.entities.library_index import DocumentAnalysis, EntityIndex, analyse_library
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.search.fields import Clause

MAX_ENTITY_FACETS = 8


class EntityFilter:
    """``analyse`` (the command line) analyses the documents not yet in the entity index
    before answering; the window leaves that to its background job and answers at once."""

    def __init__(
        self,
        entities: EntityIndex,
        library: LibraryIndex,
        analyse: Callable[[Path], DocumentAnalysis | None] | None = None,
    ) -> None:
        self.entities = entities
        self.library = library
        self.analyse = analyse

    def matching_paths(self, clauses: Sequence[Clause]) -> dict[str, tuple[int, int] | None]:
        hashes = self.library.hashes()
        if self.analyse is not None:
            analyse_library(hashes, self.entities, self.analyse)
        by_hash: dict[str, tuple[int, int]] | None = None
        for clause in clauses:
            found = self.entities.documents_naming(FIELD_LABELS[clause.field], clause.value)
            by_hash = (
                found if by_hash is None else {sha: by_hash[sha] for sha in by_hash if sha in found}
            )
        if not by_hash:
            return {}
        return {path: by_hash[sha] for path, sha in hashes.items() if sha in by_hash}

    def facets(self, hashes: Iterable[str]) -> tuple[tuple[str, str, int], ...]:
        """The people, organisations, places and treaties these documents name most."""
        return tuple(self.entities.most_named(hashes, FACET_LABELS, limit=MAX_ENTITY_FACETS))
