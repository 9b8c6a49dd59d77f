"""Searching the open library and reading its documents, off the GUI thread.

Signals:
- ``search_finished(SearchResults)``, ``search_failed(message)``.
- ``document_loaded(LoadedDocument)``: a document to read, finished off the GUI thread: its
  text, the active query's hits, its entities (corrected), its treaty facts (as extracted and
  corrected), its notes re-anchored and the watch-list. The window only paints it.
- ``document_failed(message)``.
- ``hits_changed(DocumentHits)``: the active query changed; these are its hits in a document
  that is already open (empty when the query was cleared or does not match it).

Answers that arrive after a newer request are dropped (``Op.latest``), so a slow old query
never overwrites a new one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefreader.core.annotations.model import Annotation
from briefreader.core.entities import Mention
from briefreader.core.entities.cache import FIRST_PART, first_part_mentions
from briefreader.core.errors import BriefReaderError
from briefreader.core.facts import DocumentFacts
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.loaders import load_document
from briefreader.core.search.fields import FilterSource
from briefreader.core.search.filtered_search import search_filtered
from briefreader.core.search.hits import HitPattern, pattern_spans
from briefreader.core.search.query import Query
from briefreader.core.search.query_hits import document_pattern
from briefreader.core.search.search import SearchResults
from briefreader.core.text.document import Document, Span
from briefreader.core.workspace import Workspace
from briefreader.ui.services.analysis import AnalysisService
from briefreader.ui.services.indexing import IndexingService
from briefreader.ui.services.op import Latest, Op
from briefreader.ui.services.tasks import TaskRunner

SEARCH_LIMIT = 50
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedDocument:
    """A document loaded off the GUI thread, with the hits of the query it was opened for."""

    document: Document
    hits: list[Span] = field(default_factory=list)
    query: Query | None = None
    mentions: list[Mention] = field(default_factory=list)  # named entities, corrected
    facts: DocumentFacts = field(default_factory=DocumentFacts)  # treaty facts, as extracted
    watched: list[str] = field(default_factory=list)  # the analyst's watch-list
    # False while only the first part's entities are found (a long document before its
    # turn); the rest follow in ``entities_refreshed``.
    entities_complete: bool = True
    # The document's notes, re-anchored against this text (None: not read, the notes panel
    # reads them itself).
    notes: list[Annotation] | None = None
    # ``facts`` with the analyst's corrections laid over them (None: not read).
    corrected_facts: DocumentFacts | None = None


@dataclass(frozen=True)
class DocumentHits:
    """The active query's hits in an open document, recomputed when the query changed."""

    path: str
    query: Query | None
    hits: list[Span]


def hits_in(
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


class ReadingSession(QObject):
    search_finished = Signal(object)
    search_failed = Signal(str)
    document_loaded = Signal(object)
    document_failed = Signal(str)
    hits_changed = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        indexer: IndexingService,
        analysis: AnalysisService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.runner = workspace, runner
        self.indexer, self.analysis = indexer, analysis
        # The query whose hits the reader shows; documents opened from the library carry it.
        self.active_query: Query | None = None
        self._open_request: tuple[str, Query | None] | None = None
        self._searches, self._opening, self._hits = Latest(), Latest(), Latest()

    def reset(self) -> None:
        """Another library opened: answers about the previous one are dropped."""
        self._searches.drop()
        self._opening.drop()
        self._open_request = None
        self.active_query = None

    def _sources(self, index: LibraryIndex | None, query: Query | None) -> dict[str, FilterSource]:
        return self.workspace.filter_sources(index) if index is not None and query else {}

    # Search -----------------------------------------------------------------------------
    def search(self, text: str, sort: str = "relevance") -> None:
        """Run ``text`` off the GUI thread (``search_finished`` or ``search_failed``); once it
        has run, its parsed ``Query`` is the active one that opened documents are marked by."""
        index = self.indexer.index
        if index is None:
            return
        query = Query.parse(text)
        problem = query.error
        if problem is None and not index.exists():
            problem = "the library is still being indexed; try again in a moment"
        if problem is not None:
            self._searches.drop()  # an older search still running must not answer
            self.search_failed.emit(problem)
            return
        sources = self.workspace.filter_sources(index)

        def work(_progress: object, _cancel: object) -> SearchResults:
            return search_filtered(
                index, sources, query, limit=SEARCH_LIMIT, all_spans=False, sort=sort,
                facets=True,
            )  # fmt: skip

        def found(results: SearchResults) -> None:
            self.active_query = query
            self.search_finished.emit(results)

        Op[SearchResults](self.runner, "search", work).latest(self._searches).success(
            found
        ).failure(self.search_failed.emit).run()

    def clear_query(self) -> None:
        """The search box was emptied: no query is active any more."""
        self._searches.drop()  # a search still running must not bring its hits back
        self.active_query = None

    # Reading ----------------------------------------------------------------------------
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
        index = self.indexer.index
        sources = self._sources(index, query)
        workspace = self.workspace

        def work(_progress: object, _cancel: object) -> LoadedDocument:
            document = load_document(Path(path))
            if pattern is not None:
                hits = pattern_spans(document.text, pattern)
            else:
                hits = hits_in(index, sources, query, document)
            entities, corrections = workspace.entity_cache, workspace.entity_corrections
            mentions = entities.cached(document)
            if mentions is None and len(document.text) > FIRST_PART:
                # A long document before its turn: the part in view first, the rest after.
                mentions = first_part_mentions(document, hits[0].start if hits else 0)
                complete = False
            else:
                mentions = entities.mentions(document) if mentions is None else mentions
                complete = True
            facts = workspace.facts_cache.facts(document)  # from the extraction, as cached
            return LoadedDocument(
                document,
                hits,
                query,
                corrections.corrected(document, mentions),
                facts,
                corrections.watched(),
                complete,
                notes=workspace.notes.for_document(document),
                corrected_facts=workspace.fact_corrections.corrected(document.metadata.path, facts),
            )

        opening = self._opening

        def loaded(result: LoadedDocument) -> None:
            self.document_loaded.emit(result)
            if not result.entities_complete:
                still_open = opening.begin()  # the next document opened makes it stale
                self.analysis.find_remaining_entities(result.document, still_open)

        def failed(message: str) -> None:
            self._open_request = None
            self.document_failed.emit(message)

        Op[LoadedDocument](self.runner, f"open {Path(path).name}", work).latest(
            self._opening
        ).success(loaded).failure(failed).run()

    def refresh_hits(self, document: Document, results: SearchResults | None = None) -> None:
        """Recompute the open ``document``'s hits for the active query (none if cleared)."""
        query, index, path = self.active_query, self.indexer.index, document.metadata.path
        self._open_request = (path, query)
        listed = next((hit for hit in results.hits if hit.path == path), None) if results else None
        sources = self._sources(index, query)

        def work(_progress: object, _cancel: object) -> DocumentHits:
            if listed is not None:
                return DocumentHits(path, query, pattern_spans(document.text, listed.pattern))
            return DocumentHits(path, query, hits_in(index, sources, query, document))

        def found(result: DocumentHits) -> None:
            if result.query == self.active_query:
                self.hits_changed.emit(result)

        Op[DocumentHits](self.runner, f"mark the hits in {Path(path).name}", work).latest(
            self._hits
        ).success(found).run()
