"""Entities and treaty facts across the library, worked out off the GUI thread.

Signals:
- ``entities_progress(done, total)``, ``entities_finished(count)``: after each index update,
  the documents not yet in the entity index (for ``person:``… and the entity page) are
  analysed in the background; an index update pauses it and it resumes after.
- ``entities_refreshed(path, mentions, watched)``: a document's entities after a correction,
  or all of a long document's after its first part was shown.
- ``entity_page_ready(label, name, documents, pending)``: the documents naming an entity.
- ``treaties_ready(treaties, pending)``: every agreement in the library, merged.
- ``analysis_failed(message)``: the entity page or the Treaties view could not be made (the
  message says which, and why).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefreader.core.entities import Mention
from briefreader.core.entities.entity_page import EntityDocument, entity_documents
from briefreader.core.entities.library_index import analyse_library, mentions_from
from briefreader.core.entities.model import load_pipeline
from briefreader.core.facts.library import LibraryTreaty, library_treaties, summaries_from
from briefreader.core.facts.structure import syntax_pipeline
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.text.document import Document
from briefreader.core.workspace import Workspace
from briefreader.ui.services.indexing import IndexingService
from briefreader.ui.services.op import Op
from briefreader.ui.services.tasks import TaskHandle, TaskRunner

# Processes for the library's background analysis: the model holds the GIL, so threads would
# share one core; one process per core, at most two (each holds the model, about 100 MB).
ANALYSIS_WORKERS = max(1, min(2, os.cpu_count() or 1))
log = logging.getLogger(__name__)

DocumentEntities = tuple[str, list[Mention], list[str]]  # path, corrected mentions, watched


class AnalysisService(QObject):
    entities_progress = Signal(int, int)
    entities_finished = Signal(int)
    entities_refreshed = Signal(str, list, list)  # path, corrected mentions, watched names
    entity_page_ready = Signal(str, str, list, bool)  # label, name, documents, still analysing
    treaties_ready = Signal(list, bool)  # the library's agreements, still analysing
    analysis_failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        indexer: IndexingService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.runner, self.indexer = workspace, runner, indexer
        self._task: TaskHandle | None = None
        indexer.writing.connect(self.stop)
        indexer.settled.connect(self.analyse_entities)

    @property
    def busy(self) -> bool:
        """The library's background analysis is running."""
        return self._task is not None

    def _still_open(self, index: LibraryIndex) -> Callable[[], bool]:
        return lambda: index is self.indexer.index

    def warm_up_model(self) -> None:
        """Load the entity model and the parser the facts read in the background as soon as
        a library opens (about a second each), so the first document opened shows its
        highlights and facts without that wait."""
        Op[object](
            self.runner,
            "load the entity model",
            lambda _progress, _cancel: (load_pipeline(), syntax_pipeline()),
        ).run()

    def analyse_entities(self) -> None:
        """Bring the entity index up to date with the library, in the background."""
        index, entity_index = self.indexer.index, self.workspace.entity_index
        busy = self.indexer.indexing or self.busy or self.indexer.closed
        if index is None or entity_index is None or busy:
            return
        workspace = self.workspace
        read = mentions_from(
            workspace.entity_cache,
            workspace.entity_corrections.all(),
            summaries_from(workspace.facts_cache),
        )
        task: TaskHandle | None = None

        def work(progress: Callable[[int, int, str], None], cancel: threading.Event) -> int:
            return analyse_library(
                index.hashes(), entity_index, read, progress, cancel.is_set, ANALYSIS_WORKERS
            )

        def ended(count: int) -> None:
            if self._task is task:
                self._task = None
            if index is self.indexer.index:
                self.entities_finished.emit(count)

        def failed(message: str) -> None:
            log.warning("%s", message)
            ended(0)

        def progress(done: int, total: int, _message: str) -> None:
            if index is self.indexer.index and task is self._task and total:
                self.entities_progress.emit(done, total)

        task = (
            Op[int](self.runner, "analyse the library's entities", work)
            .success(ended)
            .failure(failed)
            .progress(progress)
            .run()
        )
        self._task = task

    def stop(self) -> None:
        """Stop the background analysis (it resumes after the next update)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _document_entities(self, document: Document) -> Callable[..., DocumentEntities]:
        entities, corrections = self.workspace.entity_cache, self.workspace.entity_corrections

        def work(_progress: object, _cancel: object) -> DocumentEntities:
            corrected = corrections.corrected(document, entities.mentions(document))
            return document.metadata.path, corrected, corrections.watched()

        return work

    def corrections_changed(self, document: Document | None) -> None:
        """An entity correction was made or taken back: show it in the open ``document``
        (``entities_refreshed``) and bring the library's entity index in line with it."""
        self.stop()
        self.workspace.corrections_changed()
        if document is not None:
            Op[DocumentEntities](
                self.runner,
                f"show the corrected entities of {Path(document.metadata.path).name}",
                self._document_entities(document),
            ).success(lambda result: self.entities_refreshed.emit(*result)).run()
        self.analyse_entities()

    def find_remaining_entities(self, document: Document, still_open: Callable[[], bool]) -> None:
        """Every entity of a long document opened before its turn, after its first part was
        shown (``entities_refreshed`` while ``still_open()``); the status bar says it is
        still looking meanwhile."""
        self.entities_progress.emit(0, 1)

        def found(result: DocumentEntities) -> None:
            self.entities_progress.emit(1, 1)
            if still_open():
                self.entities_refreshed.emit(*result)

        Op[DocumentEntities](
            self.runner,
            f"find every entity of {Path(document.metadata.path).name}",
            self._document_entities(document),
        ).success(found).run()

    def library_treaties(self) -> None:
        """Every agreement in the library, merged (``treaties_ready``), off the GUI thread."""
        index, entity_index = self.indexer.index, self.workspace.entity_index
        if index is None or entity_index is None:
            return
        pending = self.busy or self.indexer.indexing
        workspace = self.workspace

        def work(_progress: object, _cancel: object) -> list[LibraryTreaty]:
            corrections = workspace.fact_corrections.all()  # SQLite: off the GUI thread
            return library_treaties(entity_index, index, corrections)

        Op[list[LibraryTreaty]](self.runner, "list the library's agreements", work).when(
            self._still_open(index)
        ).success(lambda treaties: self.treaties_ready.emit(treaties, pending)).failure(
            self.analysis_failed.emit
        ).run()

    def entity_page(self, label: str, name: str) -> None:
        """Every document naming an entity (``entity_page_ready``), found off the GUI thread."""
        index, entity_index = self.indexer.index, self.workspace.entity_index
        if index is None or entity_index is None:
            return
        pending = self.busy or self.indexer.indexing

        def work(_progress: object, _cancel: object) -> list[EntityDocument]:
            return entity_documents(entity_index, index, label, name)

        Op[list[EntityDocument]](self.runner, f"find the documents naming {name}", work).when(
            self._still_open(index)
        ).success(
            lambda documents: self.entity_page_ready.emit(label, name, documents, pending)
        ).failure(self.analysis_failed.emit).run()
