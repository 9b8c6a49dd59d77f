"""The service between the widgets and the core for one open library.

Signals:
- ``library_opened(Library)``: a library became current.
- ``documents_changed(list)``: the library list (``DocumentSummary`` rows) changed.
- ``index_started()``, ``index_progress(done, total, message)``, ``index_finished(IndexReport)``,
  ``index_failed(message)``: one background index update; ``index_batch_committed(done)``
  after each batch of a large one (the library list is refreshed then).
- ``search_finished(SearchResults)``, ``search_failed(message)``.
- ``document_loaded(LoadedDocument)``: a document to read, with the active query's hits.
- ``document_failed(message)``.
- ``hits_changed(DocumentHits)``: the active query changed; these are its hits in a document
  that is already open (empty when the query was cleared or does not match it).
- ``entity_page_ready(label, name, documents, pending)``: the documents naming an entity.
- ``treaties_ready(treaties, pending)``: every agreement in the library, merged.
- ``entities_refreshed(path, mentions, watched)``: the open document's entities after a
  correction.
- ``entities_progress(done, total)``, ``entities_finished(count)``: after each index update,
  the documents not yet in the entity index (for ``person:``… and the entity page) are
  analysed in the background; an index update pauses it and it resumes after.

Only one index update runs at a time (Whoosh allows one writer); a request during an update is
queued and runs after it. Search and document results that arrive after a newer request are
dropped, so a slow old query never overwrites a new one.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefreader.core.entities import Mention
from briefreader.core.entities.cache import FIRST_PART, first_part_mentions
from briefreader.core.entities.entity_page import EntityDocument, entity_documents
from briefreader.core.entities.library_index import analyse_library, mentions_from
from briefreader.core.entities.model import load_pipeline
from briefreader.core.errors import BriefReaderError
from briefreader.core.facts import DocumentFacts
from briefreader.core.facts.library import LibraryTreaty, library_treaties, summaries_from
from briefreader.core.facts.structure import syntax_pipeline
from briefreader.core.index.library_index import DocumentSummary, IndexReport, LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import load_document
from briefreader.core.search.fields import FilterSource
from briefreader.core.search.filtered_search import search_filtered
from briefreader.core.search.hits import HitPattern, pattern_spans
from briefreader.core.search.query import Query
from briefreader.core.search.query_hits import document_pattern
from briefreader.core.search.search import SearchResults
from briefreader.core.storage.settings import Settings
from briefreader.core.text.document import Document, Span
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths
from briefreader.ui.library.folder_watcher import FolderWatcher
from briefreader.ui.services.tasks import TaskHandle, TaskRunner

SEARCH_LIMIT = 50
# Processes for the library's background analysis: the model holds the GIL, so threads would
# share one core; one process per core, at most two (each holds the model, about 100 MB).
ANALYSIS_WORKERS = max(1, min(2, os.cpu_count() or 1))
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedDocument:
    """A document loaded off the GUI thread, with the hits of the query it was opened for."""

    document: Document
    hits: list[Span] = field(default_factory=list)
    query: Query | None = None
    mentions: list[Mention] = field(default_factory=list)  # named entities, from the cache
    facts: DocumentFacts = field(default_factory=DocumentFacts)  # treaty facts, from the cache
    watched: list[str] = field(default_factory=list)  # the analyst's watch-list
    # False while only the first part's entities are found (a long document before its
    # turn); the rest follow in ``entities_refreshed``.
    entities_complete: bool = True


@dataclass(frozen=True)
class DocumentHits:
    """The active query's hits in an open document, recomputed when the query changed."""

    path: str
    query: Query | None
    hits: list[Span]


def _hits_in(
    index: LibraryIndex | None,
    sources: dict[str, FilterSource],
    query: Query | None,
    document: Document,
) -> list[Span]:
    """The hits of ``query`` in ``document``, as Whoosh matched it in the indexed copy, its
    filter clauses answered by the same ``sources`` as the search. The query already ran, so
    it is valid; what can still fail is the index (being rebuilt, locked): the document then
    opens without hits, and the reason is logged."""
    if query is None or index is None or not index.exists():
        return []
    try:
        pattern = document_pattern(index, query, document.metadata.path, sources)
    except BriefReaderError as exc:
        log.warning("no hits for %s: %s", document.metadata.path, exc)
        return []
    return pattern_spans(document.text, pattern)


class LibraryController(QObject):
    library_opened = Signal(object)
    documents_changed = Signal(list)
    index_started = Signal()
    index_progress = Signal(int, int, str)
    index_finished = Signal(object)
    index_failed = Signal(str)
    search_finished = Signal(object)
    search_failed = Signal(str)
    document_loaded = Signal(object)
    document_failed = Signal(str)
    hits_changed = Signal(object)
    index_batch_committed = Signal(int)  # files done so far in a large update
    entities_progress = Signal(int, int)
    entities_finished = Signal(int)
    entity_page_ready = Signal(str, str, list, bool)  # label, name, documents, still analysing
    entities_refreshed = Signal(str, list, list)  # path, corrected mentions, watched names
    treaties_ready = Signal(list, bool)  # the library's agreements, still analysing

    def __init__(
        self,
        paths: AppPaths,
        workspace: Workspace,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        # The data folder's stores and the open library's index (the window's, shared).
        self.workspace = workspace
        self.runner = runner
        self.library: Library | None = None
        self.index: LibraryIndex | None = None
        self._index_task: TaskHandle | None = None
        self._index_of_task: LibraryIndex | None = None
        self._reindex_pending = False
        self._closed = False  # the window is closing: no new background work starts
        self._pending_paths: set[str] | None = None  # None: the next update scans everything
        self._search_serial = 0
        self._open_serial = 0
        self._hits_serial = 0
        # The query whose hits the reader shows; documents opened from the library carry it.
        self.active_query: Query | None = None
        # Entities of each document version, computed once (a document opened before its
        # turn is analysed on the spot, off the GUI thread).
        self.entities = workspace.entity_cache
        self.facts = workspace.facts_cache
        self.corrections = workspace.entity_corrections
        self._entity_task: TaskHandle | None = None
        self._open_request: tuple[str, Query | None] | None = None
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self.reindex_changed)
        # A large first index commits in batches: list (and search) what is there so far.
        self.index_batch_committed.connect(lambda _count: self.refresh_documents())

    # Library and index ------------------------------------------------------------------
    def open_library(self, folders: list[Path]) -> None:
        if self._index_task is not None:
            self._index_task.cancel()  # the old library's update; this one's runs after it
        self.library = Library.from_folders(folders)
        follow = Settings.load(self.paths.settings_file).follow_links_outside
        self.index = self.workspace.open_library(self.library, follow)
        self._search_serial += 1  # answers about the previous library are dropped
        self._open_serial += 1
        self._open_request = None
        self.active_query = None
        self.library_opened.emit(self.library)
        self.refresh_documents()
        self._warm_up_model()
        self.reindex()
        self.watcher.watch(list(self.library.folders))

    def _warm_up_model(self) -> None:
        """Load the entity model and the parser the facts read in the background as soon as
        a library opens (about a second each), so the first document opened shows its
        highlights and facts without that wait."""
        self.runner.run(lambda _progress, _cancel: (load_pipeline(), syntax_pipeline()),
                        lambda _r: None,
                        lambda message: log.warning("entity model: %s", message))  # fmt: skip

    def add_folder(self, folder: Path) -> None:
        """Make ``folder`` part of the open library (a library is one or more folders)."""
        current = list(self.library.folders) if self.library else []
        self.open_library([*current, folder])

    def refresh_documents(self) -> None:
        index = self.index
        if index is None:
            return

        def deliver(rows: list[DocumentSummary]) -> None:
            if index is self.index:  # drop the list of a library that is no longer open
                self.documents_changed.emit(rows)

        self.runner.run(lambda progress, cancel: index.summaries(), deliver, self.index_failed.emit)

    @property
    def indexing(self) -> bool:
        """True from the start of an update until its result has been delivered here."""
        return self._index_task is not None

    def reindex(self) -> None:
        """Update the index from a scan of every library folder."""
        self._update_index(None)

    def reindex_changed(self, paths: list[str]) -> None:
        """Update the index where the folder watcher saw changes (files and folders)."""
        self._update_index(set(paths))

    def _update_index(self, changed: set[str] | None) -> None:
        if self.index is None or self._closed:
            return
        if self.indexing:  # one update at a time: what is asked meanwhile is merged
            if not self._reindex_pending:
                self._pending_paths = changed
            elif changed is None or self._pending_paths is None:
                self._pending_paths = None
            else:
                self._pending_paths |= changed
            self._reindex_pending = True
            return
        index = self.index
        self._stop_entity_analysis()  # the index writer comes first; analysis resumes after
        self.index_started.emit()
        task: TaskHandle | None = None

        def work(
            report_progress: Callable[[int, int, str], None], cancel: threading.Event
        ) -> tuple[IndexReport, bool]:
            report = index.update(
                progress=report_progress,
                cancel=cancel,
                committed=committed,
                changed=sorted(changed) if changed is not None else None,
            )
            wrote = report.indexed or report.updated or report.removed
            # Whether to merge small segments is read here, off the GUI thread.
            return report, bool(wrote) and not report.cancelled and index.fragmented()

        def done(result: tuple[IndexReport, bool]) -> None:
            report, fragmented = result
            self._index_task = None
            if index is self.index:
                self.index_finished.emit(report)
                self.refresh_documents()
            if fragmented and index is self.index:
                self._tidy(index)  # pending updates and analysis follow the merge
                return
            self._run_pending()
            if not report.cancelled:
                self.analyse_entities()

        def failed(message: str) -> None:
            self._index_task = None
            if index is self.index:
                self.index_failed.emit(message)
            self._run_pending()

        def progress(done_count: int, total: int, message: str) -> None:
            if index is self.index and task is self._index_task:
                self.index_progress.emit(done_count, total, message)

        def committed(count: int) -> None:  # on the worker thread: the signal is queued
            self.index_batch_committed.emit(count)

        task = self.runner.run(work, done, failed, progress)
        self._index_task = task
        self._index_of_task = index

    def _tidy(self, index: LibraryIndex) -> None:
        """Merge the index's small segments in the background once quick updates have
        left many (searches slow down with each); updates asked meanwhile wait for it."""
        if self._closed:
            return

        def finished(_result: object = None) -> None:
            self._index_task = None
            self._run_pending()
            self.analyse_entities()

        def failed(message: str) -> None:
            log.warning("merging the index's segments failed: %s", message)
            finished()

        self._index_task = self.runner.run(lambda progress, cancel: index.tidy(), finished, failed)
        self._index_of_task = index

    def analyse_entities(self) -> None:
        """Bring the entity index up to date with the library, in the background."""
        index, entity_index = self.index, self.workspace.entity_index
        busy = self.indexing or self._entity_task is not None or self._closed
        if index is None or entity_index is None or busy:
            return
        read = mentions_from(self.entities, self.corrections.all(), summaries_from(self.facts))
        task: TaskHandle | None = None

        def work(progress: Callable[[int, int, str], None], cancel: threading.Event) -> int:
            return analyse_library(
                index.hashes(), entity_index, read, progress, cancel.is_set, ANALYSIS_WORKERS
            )

        def finished(count: int) -> None:
            if self._entity_task is task:
                self._entity_task = None
            if index is self.index:
                self.entities_finished.emit(count)

        def failed(message: str) -> None:
            if self._entity_task is task:
                self._entity_task = None
            log.warning("entity analysis stopped: %s", message)
            if index is self.index:
                self.entities_finished.emit(0)

        def progress(done_count: int, total: int, _message: str) -> None:
            if index is self.index and task is self._entity_task and total:
                self.entities_progress.emit(done_count, total)

        task = self.runner.run(work, finished, failed, progress)
        self._entity_task = task

    def corrections_changed(self, document: Document | None) -> None:
        """An entity correction was made or taken back: show it in the open ``document``
        (``entities_refreshed``) and bring the library's entity index in line with it."""
        self._stop_entity_analysis()
        self.workspace.corrections_changed()
        if document is not None:
            entities, corrections = self.entities, self.corrections

            def work(progress: object, cancel: object) -> tuple[str, list[Mention], list[str]]:
                raw = entities.mentions(document)
                corrected = corrections.corrected(document, raw)
                return document.metadata.path, corrected, corrections.watched()

            self.runner.run(work, lambda result: self.entities_refreshed.emit(*result), log.warning)
        self.analyse_entities()

    def library_treaties(self) -> None:
        """Every agreement in the library, merged (``treaties_ready``), off the GUI thread."""
        index, entity_index = self.index, self.workspace.entity_index
        if index is None or entity_index is None:
            return
        pending = self._entity_task is not None or self.indexing
        workspace = self.workspace

        def work(progress: object, cancel: object) -> list[LibraryTreaty]:
            corrections = workspace.fact_corrections.all()  # SQLite: off the GUI thread
            return library_treaties(entity_index, index, corrections)

        def deliver(treaties: list[LibraryTreaty]) -> None:
            if index is self.index:
                self.treaties_ready.emit(treaties, pending)

        self.runner.run(work, deliver, self.document_failed.emit)

    def entity_page(self, label: str, name: str) -> None:
        """Every document naming an entity (``entity_page_ready``), found off the GUI thread."""
        index, entity_index = self.index, self.workspace.entity_index
        if index is None or entity_index is None:
            return
        pending = self._entity_task is not None or self.indexing

        def work(progress: object, cancel: object) -> list[EntityDocument]:
            return entity_documents(entity_index, index, label, name)

        def deliver(documents: list[EntityDocument]) -> None:
            if index is self.index:
                self.entity_page_ready.emit(label, name, documents, pending)

        self.runner.run(work, deliver, self.document_failed.emit)

    def _stop_entity_analysis(self) -> None:
        if self._entity_task is not None:
            self._entity_task.cancel()
            self._entity_task = None

    def shutdown(self) -> None:
        """The window is closing: cancel what runs and start nothing more (a result that
        arrives afterwards would otherwise start a merge or an analysis nobody waits for)."""
        self._closed = True
        self.cancel_indexing()

    def cancel_indexing(self) -> None:
        """Cancel the current library's update. An update of a library that is no longer open
        is already cancelled, and the current library's own update still follows it.
        Background entity analysis stops too (it resumes after the next update)."""
        self._stop_entity_analysis()
        if self._index_task is None:
            return
        self._index_task.cancel()
        if self._index_of_task is self.index:
            self._reindex_pending = False

    def _run_pending(self) -> None:
        if self._reindex_pending:
            self._reindex_pending = False
            self._update_index(self._pending_paths)

    # Search and reading -----------------------------------------------------------------
    def search(self, text: str, sort: str = "relevance") -> None:
        """Run ``text`` off the GUI thread (``search_finished`` or ``search_failed``); once it
        has run, its parsed ``Query`` is the active one that opened documents are marked by."""
        index = self.index
        if index is None:
            return
        self._search_serial += 1
        serial = self._search_serial
        query = Query.parse(text)

        def deliver(results: SearchResults) -> None:
            if serial == self._search_serial:
                self.active_query = query
                self.search_finished.emit(results)

        def fail(message: str) -> None:
            if serial == self._search_serial:
                self.search_failed.emit(message)

        if query.error is not None:
            fail(query.error)
            return
        if not index.exists():
            fail("the library is still being indexed; try again in a moment")
            return
        sources = self.workspace.filter_sources(index)

        def work(progress: object, cancel: object) -> SearchResults:
            return search_filtered(
                index,
                sources,
                query,
                limit=SEARCH_LIMIT,
                all_spans=False,
                sort=sort,
                facets=True,
            )

        self.runner.run(work, deliver, fail)

    def clear_query(self) -> None:
        """The search box was emptied: no query is active any more."""
        self._search_serial += 1  # a search still running must not bring its hits back
        self.active_query = None

    def open_document(self, path: str, pattern: HitPattern | None = None) -> None:
        """Load ``path`` off the GUI thread with the hits of ``pattern``, or of the active query.

        Asking again for the document that is loading or shown, for the same query, does
        nothing: one click is one load, however many signals it fires.
        """
        query = self.active_query
        request = (path, query)
        if request == self._open_request:
            return
        self._open_request = request
        self._open_serial += 1
        serial = self._open_serial
        index = self.index
        sources = self.workspace.filter_sources(index) if index is not None and query else {}

        entities, facts, corrections = self.entities, self.facts, self.corrections

        def work(progress: object, cancel: object) -> LoadedDocument:
            document = load_document(Path(path))
            if pattern is not None:
                hits = pattern_spans(document.text, pattern)
            else:
                hits = _hits_in(index, sources, query, document)
            mentions = entities.cached(document)
            if mentions is None and len(document.text) > FIRST_PART:
                # A long document before its turn: the part in view first, the rest after.
                mentions = first_part_mentions(document, hits[0].start if hits else 0)
                complete = False
            else:
                mentions = entities.mentions(document) if mentions is None else mentions
                complete = True
            return LoadedDocument(
                document,
                hits,
                query,
                corrections.corrected(document, mentions),
                facts.facts(document),  # from the extraction, as cached
                corrections.watched(),
                complete,
            )

        def deliver(result: LoadedDocument) -> None:
            if serial == self._open_serial:
                self.document_loaded.emit(result)
                if not result.entities_complete:
                    self._find_remaining_entities(result.document, serial)

        def fail(message: str) -> None:
            if serial == self._open_serial:
                self._open_request = None
                self.document_failed.emit(f"cannot open {Path(path).name}: {message}")

        self.runner.run(work, deliver, fail)

    def _find_remaining_entities(self, document: Document, serial: int) -> None:
        """Every entity of a long document opened before its turn, after its first part was
        shown (``entities_refreshed``); the status bar says it is still looking."""
        entities, corrections = self.entities, self.corrections
        self.entities_progress.emit(0, 1)

        def work(progress: object, cancel: object) -> tuple[str, list[Mention], list[str]]:
            corrected = corrections.corrected(document, entities.mentions(document))
            return document.metadata.path, corrected, corrections.watched()

        def deliver(result: tuple[str, list[Mention], list[str]]) -> None:
            self.entities_progress.emit(1, 1)
            if serial == self._open_serial:
                self.entities_refreshed.emit(*result)

        self.runner.run(work, deliver, log.warning)

    def refresh_hits(self, document: Document, results: SearchResults | None = None) -> None:
        """Recompute the open ``document``'s hits for the active query (none if cleared)."""
        self._hits_serial += 1
        serial = self._hits_serial
        query, index, path = self.active_query, self.index, document.metadata.path
        self._open_request = (path, query)
        listed = next((hit for hit in results.hits if hit.path == path), None) if results else None
        sources = self.workspace.filter_sources(index) if index is not None and query else {}

        def work(progress: object, cancel: object) -> DocumentHits:
            if listed is not None:
                return DocumentHits(path, query, pattern_spans(document.text, listed.pattern))
            return DocumentHits(path, query, _hits_in(index, sources, query, document))

        def deliver(result: DocumentHits) -> None:
            if serial == self._hits_serial and result.query == self.active_query:
                self.hits_changed.emit(result)

        self.runner.run(work, deliver, lambda _message: None)
