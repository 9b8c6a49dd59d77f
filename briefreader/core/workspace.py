"""One data folder and the library open in it: where every file lives, and the stores in them.

The window and the command line each build one ``Workspace`` and hand it down, so the layout
of the data folder is spelled here alone (a test checks that no other module names its
folders) and every part of the program opens the same store for the same file:

```
<data>/indexes/<library key>/       the Whoosh index of one library, library.json beside it
<data>/annotations.sqlite3          the analyst's notes (user data, never rebuilt)
<data>/entity-corrections.sqlite3   entity corrections and the watch-list (user data)
<data>/fact-corrections.sqlite3     treaty fact corrections (user data)
<data>/analysis/entities/           entities per document version (a cache)
<data>/analysis/facts/              treaty facts per document version (a cache)
<data>/analysis/entity-index.sqlite3   which documents name which entities (a cache)
<data>/logs/briefreader.log         the rotating log
```

Stores are opened on first use, not when the workspace is made: opening checks each SQLite
file (a damaged one is set aside and reported), and whoever listens for those reports must
be listening first; a command that needs no notes never opens them. Opening is guarded by
a lock, since searches and analyses ask for stores from worker threads.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from pathlib import Path

from briefreader.core.annotations import AnnotationStore
from briefreader.core.annotations.search_fields import NotesFilter
from briefreader.core.entities.cache import EntityCache
from briefreader.core.entities.corrections import EntityCorrections
from briefreader.core.entities.library_index import EntityIndex, mentions_from
from briefreader.core.entities.search_fields import EntityFilter
from briefreader.core.facts.cache import FactsCache
from briefreader.core.facts.corrections import FactCorrections
from briefreader.core.facts.library import summaries_from
from briefreader.core.index.library_index import LIBRARY_FILE, LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search.fields import FilterSource

log = logging.getLogger(__name__)

INDEXES = "indexes"
ANALYSIS = "analysis"
LOGS = "logs"
NOTES_FILE = "annotations.sqlite3"
ENTITY_CORRECTIONS_FILE = "entity-corrections.sqlite3"
FACT_CORRECTIONS_FILE = "fact-corrections.sqlite3"
ENTITY_INDEX_FILE = "entity-index.sqlite3"
LOG_NAME = "briefreader.log"


class Workspace:
    """The files of one data folder, and the library currently open in it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.library: Library | None = None
        self.index: LibraryIndex | None = None
        self._lock = threading.RLock()
        self._notes: AnnotationStore | None = None
        self._entity_corrections: EntityCorrections | None = None
        self._fact_corrections: FactCorrections | None = None
        self._entity_cache: EntityCache | None = None
        self._facts_cache: FactsCache | None = None
        self._entity_index: EntityIndex | None = None
        self._entity_index_tried = False

    # Where things live -----------------------------------------------------------------
    @property
    def indexes_dir(self) -> Path:
        return self.data_dir / INDEXES

    def index_dir(self, library: Library) -> Path:
        """One folder per library, named by its key (derived from its folder list)."""
        return self.indexes_dir / library.key

    @property
    def notes_file(self) -> Path:
        return self.data_dir / NOTES_FILE

    @property
    def entity_corrections_file(self) -> Path:
        return self.data_dir / ENTITY_CORRECTIONS_FILE

    @property
    def fact_corrections_file(self) -> Path:
        return self.data_dir / FACT_CORRECTIONS_FILE

    @property
    def entity_cache_dir(self) -> Path:
        return self.data_dir / ANALYSIS / "entities"

    @property
    def facts_cache_dir(self) -> Path:
        return self.data_dir / ANALYSIS / "facts"

    @property
    def entity_index_file(self) -> Path:
        return self.data_dir / ANALYSIS / ENTITY_INDEX_FILE

    @property
    def log_file(self) -> Path:
        return self.data_dir / LOGS / LOG_NAME

    # The library -----------------------------------------------------------------------
    def open_library(self, library: Library, follow_links_outside: bool = False) -> LibraryIndex:
        """Make ``library`` the open one and return its index (the data folder itself is
        never scanned, even when it lies inside one of the library's folders);
        ``follow_links_outside`` is the setting that lets symbolic links lead out of them.

        The previous library's index is left open: an update or a search still running on
        it finishes there, and the caller drops its answers."""
        with self._lock:
            self.library = library
            self.index = self.index_for(library, follow_links_outside)
            if self._notes is not None:  # notes keep library-relative paths
                self._notes.add_library_folders(library.folders)
            return self.index

    def index_for(self, library: Library, follow_links_outside: bool = False) -> LibraryIndex:
        """The index of ``library`` in this data folder, without making it the open one."""
        return LibraryIndex(
            library,
            self.index_dir(library),
            exclude=(self.data_dir,),
            follow_links_outside=follow_links_outside,
        )

    def known_library_folders(self) -> list[str]:
        """The folders of every library indexed in this data folder (read from their records)."""
        folders: list[str] = []
        for record in sorted(self.indexes_dir.glob(f"*/{LIBRARY_FILE}")):
            try:
                data = json.loads(record.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            listed = data.get("folders", []) if isinstance(data, dict) else []
            folders += [str(folder) for folder in listed if isinstance(folder, str)]
        return folders

    # Stores, opened on first use ---------------------------------------------------------
    @property
    def notes(self) -> AnnotationStore:
        """The notes, knowing every library folder indexed here and the open library's."""
        with self._lock:
            if self._notes is None:
                folders = self.known_library_folders()
                if self.library is not None:
                    folders += [str(folder) for folder in self.library.folders]
                self._notes = AnnotationStore(self.notes_file, list(dict.fromkeys(folders)))
            return self._notes

    @property
    def entity_corrections(self) -> EntityCorrections:
        with self._lock:
            if self._entity_corrections is None:
                self._entity_corrections = EntityCorrections(self.entity_corrections_file)
            return self._entity_corrections

    @property
    def fact_corrections(self) -> FactCorrections:
        with self._lock:
            if self._fact_corrections is None:
                self._fact_corrections = FactCorrections(self.fact_corrections_file)
            return self._fact_corrections

    @property
    def entity_cache(self) -> EntityCache:
        with self._lock:
            if self._entity_cache is None:
                self._entity_cache = EntityCache(self.entity_cache_dir)
            return self._entity_cache

    @property
    def facts_cache(self) -> FactsCache:
        with self._lock:
            if self._facts_cache is None:
                self._facts_cache = FactsCache(self.facts_cache_dir)
            return self._facts_cache

    @property
    def entity_index(self) -> EntityIndex | None:
        """The entity index made with the current corrections, or None when its file cannot
        be opened (read-only or full disk): the entity fields then find nothing, and
        everything else works."""
        with self._lock:
            if not self._entity_index_tried:
                self._entity_index_tried = True
                try:
                    rules = self.entity_corrections.rules()
                    self._entity_index = EntityIndex(self.entity_index_file, rules)
                except (OSError, sqlite3.Error) as exc:
                    log.warning("entity index unavailable: %s", exc)
                    self._entity_index = None
            return self._entity_index

    def corrections_changed(self) -> EntityIndex | None:
        """The entity corrections changed: reopen the entity index under their new rules
        (rows made under the old ones are analysed again)."""
        with self._lock:
            self._entity_index_tried = False
            return self.entity_index

    # Filter fields -----------------------------------------------------------------------
    def filter_sources(
        self, index: LibraryIndex, analyse_now: bool = False
    ) -> dict[str, FilterSource]:
        """What answers the filter fields on ``index``: the notes (``note:``, ``tag:``) and the
        entity index (``person:``, ``org:``, ``place:``, ``treaty:``). With ``analyse_now``
        (the command line, which has no background analysis) the entity index is brought up
        to date before an entity field is answered."""
        sources: dict[str, FilterSource] = {"notes": NotesFilter(self.notes)}
        entities = self.entity_index
        if entities is not None:
            analyse = None
            if analyse_now:
                treaties = summaries_from(self.facts_cache)
                corrections = self.entity_corrections.all()
                analyse = mentions_from(self.entity_cache, corrections, treaties)
            sources["entities"] = EntityFilter(entities, index, analyse)
        return sources

    def close(self) -> None:
        """Release what stays open between uses: the open library's searcher."""
        with self._lock:
            if self.index is not None:
                self.index.close()
