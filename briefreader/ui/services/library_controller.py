"""The open library and the services that work on it, composed once for the window.

- ``indexer`` (``IndexingService``): the index in line with the folders, the library list;
- ``reading`` (``ReadingSession``): searches, and documents loaded ready to paint;
- ``analysis`` (``AnalysisService``): entities and treaty facts across the library.

Each runs its work off the GUI thread through ``Op``, and each says in its own signals what
it has; this object opens a library in all of them at once and closes them together.
``library_opened(Library)`` says a library became current.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefreader.core.entities.corrections import EntityCorrections
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.storage.settings import Settings
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths
from briefreader.ui.services.analysis import AnalysisService
from briefreader.ui.services.folder_watcher import FolderWatcher
from briefreader.ui.services.indexing import IndexingService
from briefreader.ui.services.reading import ReadingSession
from briefreader.ui.services.tasks import TaskRunner


class LibraryController(QObject):
    library_opened = Signal(object)

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
        self.indexer = IndexingService(runner, self)
        self.analysis = AnalysisService(workspace, runner, self.indexer, self)
        self.reading = ReadingSession(workspace, runner, self.indexer, self.analysis, self)
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self.indexer.reindex_changed)

    @property
    def index(self) -> LibraryIndex | None:
        return self.indexer.index

    @property
    def indexing(self) -> bool:
        """True from the start of an update until its result has been delivered here."""
        return self.indexer.indexing

    @property
    def corrections(self) -> EntityCorrections:
        return self.workspace.entity_corrections

    def open_library(self, folders: list[Path]) -> None:
        self.indexer.leave()
        library = Library.from_folders(folders)
        follow = Settings.load(self.paths.settings_file).follow_links_outside
        self.library = library
        self.indexer.open(self.workspace.open_library(library, follow))
        self.reading.reset()
        self.library_opened.emit(library)
        self.indexer.refresh_documents()
        self.analysis.warm_up_model()
        self.indexer.reindex()
        self.watcher.watch(list(library.folders))

    def add_folder(self, folder: Path) -> None:
        """Make ``folder`` part of the open library (a library is one or more folders)."""
        current = list(self.library.folders) if self.library else []
        self.open_library([*current, folder])

    def cancel_indexing(self) -> None:
        """Cancel the open library's update and its background analysis (which resumes after
        the next update)."""
        self.analysis.stop()
        self.indexer.cancel()

    def shutdown(self) -> None:
        """The window is closing: cancel what runs and start nothing more (a result that
        arrives afterwards would otherwise start a merge or an analysis nobody waits for)."""
        self.indexer.closed = True
        self.cancel_indexing()
