"""The main window: library and search results on the left, the reader on the right.

It only composes widgets (library panel, results panel, reader panel, status bar), wires them to
the ``LibraryController`` and owns the menus and keyboard paths; all work happens in the core,
off the GUI thread.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from functools import partial
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefreader import __version__
from briefreader.core.annotations.export import parse_passage_link
from briefreader.core.entities.entity_page import EntityDocument
from briefreader.core.facts.library import LibraryTreaty
from briefreader.core.index.library_index import IndexReport
from briefreader.core.library import Library
from briefreader.core.search.query import Query
from briefreader.core.search.search import SearchHit, SearchResults
from briefreader.core.storage.settings import Settings
from briefreader.core.storage.sqlite_file import listen_for_damage
from briefreader.core.text.document import Span
from briefreader.core.workspace import Workspace
from briefreader.export.files import corrections_in
from briefreader.paths import AppPaths
from briefreader.ui.entities.corrections import EntityCorrectionsPresenter
from briefreader.ui.entities.page import EntityPage
from briefreader.ui.entities.panel import EntitiesPanel
from briefreader.ui.entities.presenter import EntityPresenter
from briefreader.ui.facts.panel import FactsPanel
from briefreader.ui.facts.presenter import FactsPresenter
from briefreader.ui.facts.treaties_view import TreatiesView
from briefreader.ui.library.model import LibraryModel
from briefreader.ui.library.panel import LibraryPanel
from briefreader.ui.notes.export_dialog import ExportDialog
from briefreader.ui.notes.panel import SCOPE_DOCUMENT, NotesPanel
from briefreader.ui.notes.presenter import NotesPresenter, read_import
from briefreader.ui.reader.panel import ReaderPanel
from briefreader.ui.search.panel import SearchResultsPanel
from briefreader.ui.search.query_help import QueryHelpButton
from briefreader.ui.search.searches_menu import SearchesMenu
from briefreader.ui.services.library_controller import LibraryController
from briefreader.ui.services.op import Op
from briefreader.ui.services.reading import DocumentHits, LoadedDocument
from briefreader.ui.services.tasks import TaskRunner
from briefreader.ui.style import apply_style
from briefreader.ui.theme import ThemeMode, resolve_theme
from briefreader.ui.window.palette_dialog import PaletteDialog
from briefreader.ui.window.session import Session
from briefreader.ui.window.settings_dialog import SettingsChoices, SettingsDialog, changed_meanings
from briefreader.ui.window.shortcuts_dialog import ShortcutsDialog
from briefreader.ui.window.status_bar import IndexStatusBar
from briefreader.ui.window.welcome import WelcomeCard
from briefreader.ui.window.window_state import load_state, save_state

SEARCH_DELAY_MS = 300
NO_ENTITIES = "No names, places or dates found in this briefing."
# An unfinished phrase ("nuclear) is not an error yet: wait for a longer pause in typing.
UNFINISHED_DELAY_MS = 1500
DEFAULT_POINT_SIZE = 12.5
RESULTS_SHARE = 0.78  # of the left column, for the results while a query is active
LIBRARY_ROWS_KEPT = 4  # ...but the library list keeps this many rows in sight


def _section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    return label


class MainWindow(QMainWindow):
    # A damaged store was set aside (reported from whichever thread opened it).
    store_damaged = Signal(str)
    DAMAGE_MESSAGE_MS = 30000

    def __init__(
        self,
        paths: AppPaths,
        runner: TaskRunner | None = None,
        workspace: Workspace | None = None,
    ) -> None:
        """``workspace`` is the data folder's, built by the application; a window made
        without one (a test, the screenshot script) works in ``paths``' data folder."""
        super().__init__()
        self.paths = paths
        # Listening before any store is opened; queued, so a report made while the window is
        # still being built (or on a worker thread) is shown once the status bar exists.
        self.damage_reports: list[str] = []
        self.store_damaged.connect(self._report_damage, Qt.ConnectionType.QueuedConnection)
        self._stop_damage_reports = listen_for_damage(self.store_damaged.emit)
        self.settings = Settings.load(paths.settings_file)
        self.runner = runner or TaskRunner(self)
        # Made after the damage listener: its stores open on first use, reports included.
        self.workspace = workspace or Workspace(paths.data_dir)
        self.controller = LibraryController(paths, self.workspace, self.runner, self)
        self.setWindowTitle("BriefReader")
        self._build_widgets()
        self._build_actions()
        self._connect()
        self._set_tab_order()
        self._restore_state()
        self._apply_theme()
        self.search_box.setFocus()  # an analyst opens the reader to search

    # Construction -----------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(
            'Search (Ctrl+K): words, "a phrase", AND / OR / NOT, title:, source:, date:2015, '
            "word~, wild*"
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)  # Down moves into the results
        self.search_box.setMinimumWidth(360)
        toolbar = QToolBar("Search")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_box)
        self.query_help = QueryHelpButton()
        toolbar.addWidget(self.query_help)
        self.addToolBar(toolbar)

        self.library_panel = LibraryPanel()
        self.library_panel.view.installEventFilter(self)  # Enter moves into the reader
        self.results = SearchResultsPanel()
        self.results.view.installEventFilter(self)  # Up from the first result, Enter
        results_box = QWidget()
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(8, 6, 4, 4)
        results_layout.setSpacing(4)
        results_layout.addWidget(_section_label("Search results"))
        results_layout.addWidget(self.results, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("leftSplitter")
        left.addWidget(self.library_panel)
        left.addWidget(results_box)
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 3)
        self.left_splitter = left

        self.reader_panel = ReaderPanel()
        self.reader = self.reader_panel.reader
        self.reader.set_point_size(self.settings.reader_point_size or self._default_point_size())

        self.notes_panel = NotesPanel()
        self.notes = NotesPresenter(self.workspace.notes, self.notes_panel, self.reader, self)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.entities_panel = EntitiesPanel()
        self.entities = EntityPresenter(self.entities_panel, self.reader)
        self.entities_panel.set_hidden_labels(self.settings.hidden_entity_types)
        self.entities.reading_mode = self.settings.reading_mode
        self.entities_panel.visibility_changed.connect(self._remember_entity_marks)
        self.entity_page: EntityPage | None = None  # made when first asked for
        self.treaties_view: TreatiesView | None = None
        self.entity_corrections = EntityCorrectionsPresenter(
            self.controller.corrections,
            self.entities_panel,
            self.reader,
            lambda: self.controller.analysis.corrections_changed(self.reader_panel.document),
            self,
        )
        self.facts_panel = FactsPanel()
        self.facts_panel.evidence_requested.connect(self._show_evidence)
        self.facts = FactsPresenter(
            self.workspace.fact_corrections, self.facts_panel, self.reader, self
        )
        # Short labels, so the three tabs fit the panel's narrowest width (at 1024 px the
        # third was cut to "No" behind scroll arrows); the tooltip says it in full.
        for panel, label, tip in (
            (self.entities_panel, "Entities", "People, organisations, places, dates, treaties"),
            (self.facts_panel, "Facts", "Treaty facts: parties, signatories, date, place…"),
            (self.notes_panel, "Notes", "Your highlights, comments and tags"),
        ):
            number = self.side_tabs.addTab(panel, label)
            self.side_tabs.setTabToolTip(number, tip)
        self.side_tabs.tabBar().setUsesScrollButtons(False)
        self.side_tabs.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        self.side_tabs.setMinimumWidth(220)

        main = QSplitter(Qt.Orientation.Horizontal)
        main.setObjectName("mainSplitter")
        main.addWidget(left)
        self.welcome: WelcomeCard | None = None
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        if not self.settings.welcome_shown:
            self.welcome = WelcomeCard()
            self.welcome.open_folder_requested.connect(self.choose_folder)
            self.welcome.search_requested.connect(self._try_search)
            self.welcome.dismissed.connect(self.search_box.setFocus)
            centre_layout.addWidget(self.welcome)
            self.settings.welcome_shown = True  # once, used or skipped
            self._save_settings_quietly()
        centre_layout.addWidget(self.reader_panel, 1)
        main.addWidget(centre)
        main.addWidget(self.side_tabs)
        main.setStretchFactor(0, 2)
        main.setStretchFactor(1, 4)
        main.setStretchFactor(2, 1)
        main.setSizes([380, 640, 260])
        self.main_splitter = main
        self.setCentralWidget(main)

        self.status = IndexStatusBar()
        self.setStatusBar(self.status)
        self._pending_reveal: tuple[str, Span] | None = None
        self._resuming: Session | None = None  # the session being brought back, once
        self._pending_top: tuple[str, int] | None = None  # a document's place to go back to
        self._titles: dict[str, str] = {}  # the library's titles by path
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)

    @staticmethod
    def _default_point_size() -> float:
        app_size = QApplication.font().pointSizeF()
        return max(DEFAULT_POINT_SIZE, app_size * 1.3 if app_size > 0 else 0)

    # Widgets other code and tests reach through the window.
    @property
    def library_model(self) -> LibraryModel:
        return self.library_panel.model

    @property
    def library_view(self) -> QTableView:
        return self.library_panel.view

    @property
    def status_label(self) -> QLabel:
        return self.status.status_label

    @property
    def reader_title(self) -> QLabel:
        return self.reader_panel.title_label

    def _action(self, menu_text: str, shortcuts: tuple[str, ...] = ()) -> QAction:
        action = QAction(menu_text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        self.addAction(action)  # shortcuts work wherever focus is, menu open or not
        return action

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action("&Open Folder…", ("Ctrl+O",))
        self.add_folder_action = self._action("&Add Folder to Library…")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.add_folder_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        self.reindex_action = self._action("&Update Index", ("F5",))
        file_menu.addAction(self.reindex_action)
        file_menu.addSeparator()
        self.settings_action = self._action("&Settings…", ("Ctrl+,",))
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", ("Ctrl+Q",))
        file_menu.addAction(self.quit_action)

        self.searches = SearchesMenu(
            self.menuBar().addMenu("&Searches"), self.search_box, self.paths.searches_file,
            self.runner,
        )  # fmt: skip
        self.searches.filter_sources = self.workspace.filter_sources
        find_menu = self.menuBar().addMenu("F&ind")
        self.focus_search_action = self._action("&Search Library", ("Ctrl+K",))
        self.filter_library_action = self._action("&Filter Library List", ("Ctrl+L",))
        self.find_action = self._action("&Find in Document…", ("Ctrl+F",))
        self.next_hit_action = self._action("&Next Hit or Match", ("F3",))
        self.prev_hit_action = self._action("&Previous Hit or Match", ("Shift+F3",))
        self.escape_action = self._action("&Back to Search", ("Escape",))
        for action in (
            self.focus_search_action,
            self.filter_library_action,
            self.find_action,
            self.next_hit_action,
            self.prev_hit_action,
            self.escape_action,
        ):
            find_menu.addAction(action)

        notes_menu = self.menuBar().addMenu("&Notes")
        for action in self.notes.selection_actions:
            self.addAction(action)
            notes_menu.addAction(action)
        notes_menu.addSeparator()
        self.export_notes_action = self._action("&Export Notes…", ("Ctrl+Shift+E",))
        self.export_notes_action.triggered.connect(self.choose_export)
        self.import_notes_action = QAction("&Import Notes…", self)
        self.import_notes_action.triggered.connect(self.choose_import)
        notes_menu.addAction(self.export_notes_action)
        notes_menu.addAction(self.import_notes_action)
        self.palette_action = QAction("&Name the Colours…", self)
        self.palette_action.triggered.connect(self.name_colours)
        notes_menu.addAction(self.palette_action)
        notes_menu.addSeparator()
        self.undo_action = self.notes.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.notes.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
            notes_menu.addAction(action)

        entities_menu = self.menuBar().addMenu("&Entities")
        for action in (*self.entity_corrections.selection_actions,
                       self.entity_corrections.list_action):  # fmt: skip
            self.addAction(action)
            entities_menu.addAction(action)
        entities_menu.addSeparator()
        self.treaties_action = self._action("&Treaties in the Library…", ("Ctrl+Shift+Y",))
        self.treaties_action.triggered.connect(self.controller.analysis.library_treaties)
        entities_menu.addAction(self.treaties_action)

        view_menu = self.menuBar().addMenu("&View")
        self.zoom_in_action = self._action("Zoom &In", ("Ctrl+=", "Ctrl++"))
        self.zoom_out_action = self._action("Zoom &Out", ("Ctrl+-",))
        self.zoom_reset_action = self._action("&Actual Size", ("Ctrl+0",))
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.side_panel_action = self._action("&Side Panel", ("Ctrl+Shift+N",))
        self.side_panel_action.setCheckable(True)
        self.side_panel_action.setChecked(True)
        view_menu.addAction(self.side_panel_action)
        self.caret_action = self._action("&Caret Browsing", ("F7",))
        self.caret_action.setCheckable(True)
        self.caret_action.toggled.connect(self._set_caret_browsing)
        view_menu.addAction(self.caret_action)
        self.reading_action = self._action("&Reading Mode (No Entity Marks)", ("Ctrl+Shift+R",))
        self.reading_action.setCheckable(True)
        self.reading_action.setChecked(self.settings.reading_mode)
        self.reading_action.toggled.connect(self._set_reading_mode)
        view_menu.addAction(self.reading_action)
        self.side_tab_actions: list[QAction] = []
        for number in range(self.side_tabs.count()):
            label = self.side_tabs.tabText(number)
            action = self._action(f"Show {label}", (f"Alt+{number + 1}",))
            action.triggered.connect(lambda _checked=False, n=number: self.show_side_tab(n))
            view_menu.addAction(action)
            self.side_tab_actions.append(action)
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[ThemeMode, QAction] = {}
        for mode, label in (
            (ThemeMode.SYSTEM, "Follow &System"),
            (ThemeMode.LIGHT, "&Light"),
            (ThemeMode.DARK, "&Dark"),
        ):
            action = QAction(label, self, checkable=True)
            action.setChecked(self.settings.theme == mode)
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_theme_mode(m))
            self.theme_actions[mode] = action

        help_menu = self.menuBar().addMenu("&Help")
        self.query_help_action = self._action("&Query Syntax", ("F1",))
        help_menu.addAction(self.query_help_action)
        self.shortcuts_action = self._action("&Keyboard Shortcuts", ("Ctrl+/",))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        self.log_action = QAction("Where Is the &Log?", self)
        help_menu.addAction(self.log_action)
        self.about_action = QAction("&About BriefReader", self)
        help_menu.addAction(self.about_action)
        self._fill_recent_menu()

    def _connect(self) -> None:
        c = self.controller
        c.library_opened.connect(self._on_library_opened)
        c.indexer.documents_changed.connect(self._on_documents)
        c.indexer.index_started.connect(self.status.index_started)
        c.indexer.index_progress.connect(self.status.index_progress)
        c.indexer.index_finished.connect(self._on_index_finished)
        c.indexer.index_failed.connect(self.status.index_failed)
        c.analysis.entity_page_ready.connect(self._show_entity_page)
        c.analysis.entities_refreshed.connect(self._on_entities_refreshed)
        c.analysis.treaties_ready.connect(self._show_treaties)
        c.analysis.analysis_failed.connect(self._on_analysis_failed)
        self.entities_panel.page_requested.connect(
            lambda group: self.controller.analysis.entity_page(group.label, group.name)
        )
        c.analysis.entities_progress.connect(self.status.entities_progress)
        c.analysis.entities_finished.connect(self.status.entities_finished)
        c.reading.search_finished.connect(self._on_search_results)
        c.reading.search_failed.connect(self.results.show_error)
        c.reading.document_loaded.connect(self._on_document_loaded)
        c.reading.document_failed.connect(self._on_document_failed)
        c.reading.hits_changed.connect(self._on_hits_changed)

        self.search_box.textEdited.connect(self._on_query_edited)
        self.search_box.returnPressed.connect(self._search_now)
        self.searches.run_requested.connect(self._run_query)
        self.search_timer.timeout.connect(self.run_search)
        self.results.result_activated.connect(self.open_hit)
        self.results.filter_chosen.connect(self._add_filter)
        self.results.suggestion_chosen.connect(self._run_query)
        self.results.query_edited.connect(self._run_query)
        self.results.sort_changed.connect(lambda _sort: self.run_search())
        self.library_panel.document_requested.connect(self.controller.reading.open_document)
        self.status.cancel_requested.connect(self.controller.cancel_indexing)

        self.open_action.triggered.connect(self.choose_folder)
        self.add_folder_action.triggered.connect(self.choose_folder_to_add)
        self.reindex_action.triggered.connect(self.controller.indexer.reindex)
        self.quit_action.triggered.connect(self.close)
        self.focus_search_action.triggered.connect(self._focus_search)
        self.filter_library_action.triggered.connect(self._focus_filter)
        self.find_action.triggered.connect(self.reader_panel.open_find)
        self.next_hit_action.triggered.connect(lambda: self._step(1))
        self.prev_hit_action.triggered.connect(lambda: self._step(-1))
        self.escape_action.triggered.connect(self._escape)
        self.reader_panel.find_bar.closed.connect(self._focus_search)
        self.zoom_in_action.triggered.connect(self.reader.zoom_in)
        self.zoom_out_action.triggered.connect(self.reader.zoom_out)
        self.zoom_reset_action.triggered.connect(
            lambda: self.reader.set_point_size(self._default_point_size())
        )
        self.reader.zoom_changed.connect(self._remember_zoom)
        self.reader.passage_link_clicked.connect(self._open_link)
        self.side_panel_action.toggled.connect(self.side_tabs.setVisible)
        self.about_action.triggered.connect(self._about)
        self.log_action.triggered.connect(self.show_log_location)
        self.query_help_action.triggered.connect(self.query_help.show_popup)
        self.query_help.popup.example_chosen.connect(self._try_example)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: self._apply_theme())

    def _set_tab_order(self) -> None:
        """Search box, library filter, library, results, find bar, then the page."""
        find = self.reader_panel.find_bar
        chain = [
            self.search_box,
            self.library_panel.filter_box,
            self.library_panel.view,
            self.results.view,
            find.field,
            find.case_box,
            find.word_box,
            self.reader,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # Library ----------------------------------------------------------------------------
    def open_folders(self, folders: list[Path]) -> None:
        self.controller.open_library(folders)

    def resume_session(self, asked: list[Path] | None, fallback: list[Path]) -> None:
        """Open the folders ``asked`` for, else the library the analyst left, else
        ``fallback``; when that is the session's library, bring back its document at the
        same place, the same query and the same side tab once it is open."""
        session = Session.load(self.paths.session_file)
        self._resuming = session
        self.open_folders(asked or session.folders() or fallback)

    def _resume(self, library: Library) -> None:
        session, self._resuming = self._resuming, None
        if session is None or [str(f) for f in library.folders] != session.library:
            return
        if 0 <= session.side_tab < self.side_tabs.count():
            self.side_tabs.setCurrentIndex(session.side_tab)
        if session.query:
            self.search_box.setText(session.query)
            self.run_search()
        if session.document and Path(session.document).is_file():
            self._pending_top = (session.document, session.position)
            self.controller.reading.open_document(session.document)

    def _session(self) -> Session:
        library = self.controller.library
        document = self.reader_panel.document
        return Session(
            library=[str(folder) for folder in library.folders] if library else [],
            document=document.metadata.path if document is not None else "",
            position=self.reader.offset_at_top() or 0,
            query=self.search_box.text(),
            side_tab=self.side_tabs.currentIndex(),
        )

    def _go_back_to_place(self) -> None:
        document = self.reader_panel.document
        if self._pending_top is None or document is None:
            return
        path, position = self._pending_top
        if document.metadata.path == path:
            self._pending_top = None
            if 0 < position <= len(document.text):
                self.reader.scroll_to_offset(position)

    def handle_request(self, request: dict[str, object]) -> None:
        """Another launch asked for this window: come to the front, open what it named."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        folder = request.get("folder")
        if isinstance(folder, str) and Path(folder).is_dir():
            current = self.controller.library
            if current is None or Path(folder) not in current.folders:
                self.open_folders([Path(folder)])
        document = request.get("document")
        if isinstance(document, str) and Path(document).is_file():
            self.controller.reading.open_document(document)
        target, start, end = request.get("open"), request.get("start"), request.get("end")
        if isinstance(target, str) and isinstance(start, int) and isinstance(end, int):
            self.open_passage(target, start, end)

    def _on_entities_refreshed(self, path: str, mentions: list, watched: list) -> None:  # type: ignore[type-arg]
        document = self.reader_panel.document
        if document is not None and document.metadata.path == path:
            self.entities.show(mentions, NO_ENTITIES)
            self.entity_corrections.show(document, mentions, watched)

    def _show_treaties(self, treaties: list[LibraryTreaty], pending: bool) -> None:
        if self.treaties_view is None:
            self.treaties_view = TreatiesView(self)
            self.treaties_view.open_requested.connect(self._open_treaty_document)
        self.treaties_view.show_treaties(treaties, pending)
        self.treaties_view.show()
        self.treaties_view.raise_()
        self.treaties_view.activateWindow()

    def _open_treaty_document(self, path: str) -> None:
        self.side_tabs.setCurrentWidget(self.facts_panel)
        self.controller.reading.open_document(path)

    def _show_entity_page(
        self, label: str, name: str, documents: list[EntityDocument], pending: bool
    ) -> None:
        if self.entity_page is None:
            self.entity_page = EntityPage(self)
            self.entity_page.open_requested.connect(self.open_passage)
        self.entity_page.show_entity(label, name, documents, pending)
        self.entity_page.show()
        self.entity_page.raise_()
        self.entity_page.activateWindow()

    def open_passage(self, path: str, start: int, end: int) -> None:
        """Show a passage (a ``briefreader://`` link from an export): open, scroll, flash."""
        self._pending_reveal = (path, Span(start, end, "link"))
        shown = self.reader_panel.document
        if shown is not None and shown.metadata.path == path:
            self._reveal_pending()
        else:
            self.controller.reading.open_document(path)

    def _open_link(self, url: str) -> None:
        link = parse_passage_link(url)
        if link is not None:
            self.open_passage(link.path, link.start, link.end)

    def _reveal_pending(self) -> None:
        document = self.reader_panel.document
        if self._pending_reveal is None or document is None:
            return
        path, span = self._pending_reveal
        if document.metadata.path == path and span.end <= len(document.text):
            self._pending_reveal = None
            self.reader.reveal(span)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of briefings")
        if folder:
            self.open_folders([Path(folder)])

    def choose_folder_to_add(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder to this library")
        if folder:
            self.controller.add_folder(Path(folder))

    def _on_library_opened(self, library: Library) -> None:
        self.searches.index = self.controller.index
        self.searches.new_counts = {}
        self.library_panel.set_library_name(library.name)
        self.setWindowTitle(f"BriefReader — {library.name}")
        self.settings.remember_library([str(folder) for folder in library.folders])
        self._save_settings()
        self._fill_recent_menu()
        self.results.clear()
        self.reader_panel.clear()
        self._resume(library)

    def _on_documents(self, rows: list) -> None:  # type: ignore[type-arg]
        self._titles = {row.path: row.title for row in rows}  # exports head notes by title
        library = self.controller.library
        self.library_panel.set_rows(rows, library.name if library else "")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for folder in self.settings.recent_folders:
            action = self.recent_menu.addAction(folder)
            action.triggered.connect(lambda _checked=False, f=folder: self.open_folders([Path(f)]))
        self.recent_menu.setEnabled(bool(self.settings.recent_folders))

    def _save_settings_quietly(self) -> None:
        """Save before the status bar exists (a failure is logged by the next save)."""
        with suppress(OSError):
            self.settings.save(self.paths.settings_file)

    def _try_search(self, query: str) -> None:
        """The welcome's sample search: typed into the box as if by the user."""
        self.search_box.setText(query)
        self.search_box.setFocus()
        self.search_box.returnPressed.emit()

    def _save_settings(self) -> None:
        try:
            self.settings.save(self.paths.settings_file)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not save settings: {exc.strerror or exc}", 8000)

    def _on_index_finished(self, report: IndexReport) -> None:
        self.status.index_finished(report)
        if self.search_box.text().strip():
            self.run_search()

    def show_skipped(self) -> QMessageBox:
        return self.status.show_skipped()

    # Search -----------------------------------------------------------------------------
    def _search_now(self) -> None:
        """Enter: search at once, and keep the query in the history."""
        self.searches.remember(self.search_box.text())
        self.run_search()

    def _run_query(self, query: str) -> None:
        self.search_box.setText(query)
        self.run_search()

    def _on_query_edited(self, text: str) -> None:
        unfinished = Query.parse(text).unfinished
        self.search_timer.start(UNFINISHED_DELAY_MS if unfinished else SEARCH_DELAY_MS)

    def run_search(self) -> None:
        self.search_timer.stop()
        query = self.search_box.text().strip()
        if not query:
            self.results.clear()
            self.controller.reading.clear_query()
            self.reader_panel.set_hits([])
            return
        self.controller.reading.search(query, self.results.sort)

    def _add_filter(self, clause: str) -> None:
        """A facet was clicked: narrow the query to it."""
        query = self.search_box.text().strip()
        if clause not in query:
            self._run_query(f"{query} {clause}".strip())

    def _on_search_results(self, results: SearchResults) -> None:
        self.results.show_results(results)
        self._give_results_room()
        document = self.reader_panel.document
        if document is not None:
            self.controller.reading.refresh_hits(document, results)

    def _give_results_room(self) -> None:
        """While a query is active the results matter more than the library list: give them
        most of the column, unless the analyst already gave them more, yet keep a few of the
        library's rows in sight (a short window otherwise leaves it three)."""
        library, results = self.left_splitter.sizes()
        total = library + results
        floor = self._library_floor()
        share = min(round(total * RESULTS_SHARE), total - floor)
        if total and results < share:
            self.left_splitter.setSizes([total - share, share])

    def _library_floor(self) -> int:
        """The library panel's height with ``LIBRARY_ROWS_KEPT`` rows (or all it has) in its
        list: its title, filter and column header as they are laid out now, plus the rows."""
        view = self.library_panel.view
        rows = min(LIBRARY_ROWS_KEPT, max(view.model().rowCount(), 1))
        row_height = view.verticalHeader().defaultSectionSize()
        chrome = self.library_panel.height() - view.viewport().height()
        return chrome + rows * row_height

    def _on_hits_changed(self, hits: DocumentHits) -> None:
        """The open document's hits again (a new query, or notes changed under a tag:
        query): the page moves to the first hit only when the hits are new and the analyst
        is not selecting text; a background refresh must not drop a selection or jump."""
        document = self.reader_panel.document
        if document is not None and document.metadata.path == hits.path:
            same = list(hits.hits) == list(self.reader_panel.hits.spans)
            selecting = self.reader.selection_span() is not None
            self.reader_panel.set_hits(hits.hits, reveal=not same and not selecting)

    def open_hit(self, hit: SearchHit) -> None:
        if self.controller.reading.active_query is not None:
            self.searches.remember(self.controller.reading.active_query.text)
        if hit.note_span is not None:  # found through note: or tag: — show that passage
            self.open_passage(hit.path, *hit.note_span)
            return
        self.controller.reading.open_document(hit.path, hit.pattern)

    # Reading ----------------------------------------------------------------------------
    def _on_document_loaded(self, loaded: LoadedDocument) -> None:
        self.reader_panel.show_document(loaded.document, loaded.hits)
        self.entities.show(loaded.mentions, NO_ENTITIES)
        self.entity_corrections.show(loaded.document, loaded.mentions, loaded.watched)
        self.facts.show(loaded.document, loaded.facts, loaded.corrected_facts)
        self.notes.refresh(loaded.notes)
        self._reveal_pending()
        self._go_back_to_place()

    def _show_evidence(self, spans: list[Span]) -> None:
        """A fact was clicked: scroll to the sentence it came from and flash it."""
        if spans:
            self.reader.reveal(spans[0])

    def _on_document_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QMessageBox.warning(self, "Cannot open document", message)

    def _warn(self, title: str, message: str) -> None:
        """A failure the analyst must see before going on (an export not written)."""
        self.statusBar().clearMessage()
        QMessageBox.warning(self, title, message[:1].upper() + message[1:])

    def _on_analysis_failed(self, message: str) -> None:
        """The entity page or the Treaties view could not be made: the message says which;
        the document stays open, so no dialog."""
        self.statusBar().showMessage(message[:1].upper() + message[1:], 10000)

    def _step(self, delta: int) -> None:
        """F3 steps through find matches while the find bar has some, else through hits."""
        if self.reader_panel.finding:
            self.reader_panel.step_find(delta)
        elif delta > 0:
            self.reader_panel.next_hit()
        else:
            self.reader_panel.previous_hit()

    # Keyboard ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the search box into the results; Up from the first result back; Enter on
        a result or library row opens it and moves into the reader."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        results = self.results
        if (
            watched is self.search_box
            and key == Qt.Key.Key_Down
            and results.model.rowCount()
            and not results.stale
        ):
            results.view.setFocus(Qt.FocusReason.TabFocusReason)
            results.view.setCurrentIndex(results.model.index(0, 0))
            return True
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is results.view:
            current = results.view.currentIndex()
            if key == Qt.Key.Key_Up and (not current.isValid() or current.row() == 0):
                self._focus_search()
                return True
            if enter and current.isValid():
                hit = results.hit_at(current.row())
                if hit is not None:
                    self.open_hit(hit)
                    self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        if watched is self.library_panel.view and enter:
            current = self.library_panel.view.currentIndex()
            if current.isValid():
                self.library_panel.request(current)
                self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _try_example(self, query: str) -> None:
        self._focus_search()
        self._run_query(query)

    def _focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _focus_filter(self) -> None:
        self.library_panel.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.library_panel.filter_box.selectAll()

    def _escape(self) -> None:
        """Escape closes the find bar if it is open, and returns to the search box."""
        if self.reader_panel.find_bar.isVisible():
            self.reader_panel.close_find()
        self._focus_search()

    # Appearance -------------------------------------------------------------------------
    def set_theme_mode(self, mode: ThemeMode) -> None:
        self.settings.theme = str(mode)
        self.theme_actions[mode].setChecked(True)
        self._save_settings()
        self._apply_theme()

    def _apply_theme(self) -> None:
        theme = resolve_theme(self.settings.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_style(app, theme)
        self.reader_panel.set_theme(theme)
        self.results.set_theme(theme)

    def _remember_zoom(self, size: float) -> None:
        self.settings.reader_point_size = size
        self._save_settings()

    def _remember_entity_marks(self) -> None:
        self.settings.hidden_entity_types = self.entities_panel.hidden_labels()
        self._save_settings_quietly()

    def _set_reading_mode(self, on: bool) -> None:
        self.entities.set_reading_mode(on)
        self.settings.reading_mode = on
        self._save_settings_quietly()
        self.statusBar().showMessage(
            "Reading mode: no entity marks on the page (Ctrl+Shift+R brings them back)"
            if on else "Entity marks shown", 5000,
        )  # fmt: skip

    def choose_export(self) -> None:
        """Export what the Notes panel lists (its scope and filters) in a chosen format, to
        "<document or library title> notes.<ext>" in the last export's folder."""
        dialog = ExportDialog(self, self._export_folder(), self._export_title())
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return
        path = dialog.chosen_path()
        if path is None:
            return
        self.export_notes(dialog.format(), path)

    def export_notes(self, fmt: str, path: Path) -> None:
        """Write what the Notes panel lists as ``fmt`` to ``path``, off the GUI thread (a
        thousand notes as HTML take most of a second); the status bar says when it is done,
        a dialog why it could not be."""
        listed = self.notes.listed_export(self._titles)
        workspace = self.workspace

        def work(_progress: object, _cancel: object) -> int:
            # The corrections an export carries are read from SQLite here too.
            return replace(listed, extra=corrections_in(workspace)).write(fmt, path)

        def written(count: int) -> None:
            self.settings.export_folder = str(path.parent)
            self._save_settings()
            self.statusBar().showMessage(f"Exported {count} note(s) to {path}", 8000)

        self.statusBar().showMessage(f"Exporting {len(listed.notes)} note(s) to {path}…")
        Op[int](self.runner, f"export the notes to {path}", work).success(written).failure(
            partial(self._warn, "Cannot export notes")
        ).run()

    def _export_folder(self) -> Path:
        """The folder the last export went to, while it exists; else the home folder."""
        last = Path(self.settings.export_folder) if self.settings.export_folder else None
        return last if last is not None and last.is_dir() else Path.home()

    def _export_title(self) -> str:
        """The open document's title when the Notes panel lists its notes, else the
        library's name."""
        document = self.reader_panel.document
        if document is not None and self.notes_panel.current_scope == SCOPE_DOCUMENT:
            return document.metadata.title
        library = self.controller.library
        return library.name if library is not None else ""

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import notes", "", "Web Annotation JSON-LD (*.json)"
        )
        if path:
            self.import_notes(Path(path))

    def import_notes(self, path: Path) -> None:
        """Merge the notes of a JSON export, off the GUI thread, then show them."""
        store = self.workspace.notes

        def imported(added: int) -> None:
            self.notes.refresh()
            self.statusBar().showMessage(f"Imported {added} note(s)", 8000)

        Op[int](
            self.runner, f"import notes from {path}", lambda _p, _c: read_import(store, path)
        ).success(imported).failure(partial(self._warn, "Cannot import notes")).run()

    def open_settings(self) -> SettingsDialog:
        """File › Settings…: applied on OK through the paths the menus use."""
        library = self.controller.library
        current = SettingsChoices(
            folders=[str(folder) for folder in library.folders] if library else [],
            theme=self.settings.theme,
            hidden_entity_types=self.entities_panel.hidden_labels(),
            reading_mode=self.reading_action.isChecked(),
            follow_links_outside=self.settings.follow_links_outside,
            colours=list(self.notes.colours),
        )
        dialog = SettingsDialog(current, self)
        dialog.accepted.connect(lambda: self._apply_settings(current, dialog.chosen()))
        dialog.open()
        return dialog

    def _apply_settings(self, before: SettingsChoices, after: SettingsChoices) -> None:
        if meanings := changed_meanings(before.colours, after.colours):
            self.notes.rename_colours(meanings)
        if after.theme != before.theme:
            self.set_theme_mode(ThemeMode(after.theme))
        self.entities_panel.set_hidden_labels(after.hidden_entity_types)
        self.reading_action.setChecked(after.reading_mode)
        reopen = after.follow_links_outside != before.follow_links_outside
        self.settings.follow_links_outside = after.follow_links_outside
        self._save_settings()
        if (reopen or after.folders != before.folders) and after.folders:
            self.open_folders([Path(folder) for folder in after.folders])

    def name_colours(self) -> PaletteDialog:
        dialog = PaletteDialog(self.notes.colours, self)
        dialog.accepted.connect(lambda: self.notes.rename_colours(dialog.meanings()))
        dialog.open()
        return dialog

    def show_log_location(self) -> QMessageBox:
        """Errors and skipped files are logged (never document text): say where."""
        box = QMessageBox(self)
        box.setWindowTitle("BriefReader log")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            "Errors and skipped files, with their reasons, are recorded in:\n\n"
            f"{self.workspace.log_file}\n\n(The log never contains document text.)"
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setModal(False)
        box.show()
        return box

    def _set_caret_browsing(self, on: bool) -> None:
        self.reader.set_caret_browsing(on)
        if on:
            self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.statusBar().showMessage(
            "Caret browsing: arrows move, Shift+arrows select, then Ctrl+1–4 highlight (F7 ends)"
            if on else "Caret browsing off", 5000,
        )  # fmt: skip

    def show_side_tab(self, number: int) -> None:
        """Bring the side panel (shown if hidden) to a tab and put the keyboard in it."""
        if not self.side_panel_action.isChecked():
            self.side_panel_action.setChecked(True)
        self.side_tabs.setCurrentIndex(number)
        page = self.side_tabs.currentWidget()
        focusable = [
            child
            for child in page.findChildren(QWidget)
            if child.isVisible()
            and child.isEnabled()
            and child.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        (focusable[0] if focusable else page).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.menuBar(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About BriefReader",
            f"BriefReader {__version__}\n\nAn offline reader for analysts' briefings. "
            "It never opens a network connection.",
        )

    # State --------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        state = load_state(self.paths.window_state_file)
        if "geometry" in state:
            self.restoreGeometry(state["geometry"])
        else:
            self.resize(1280, 800)
        for name, splitter in (("main", self.main_splitter), ("left", self.left_splitter)):
            if name in state:
                splitter.restoreState(state[name])

    def _report_damage(self, message: str) -> None:
        """One line in the status bar (the log has it too) for a store set aside."""
        text = message[:1].upper() + message[1:]
        self.damage_reports.append(text)
        self.statusBar().showMessage(text, self.DAMAGE_MESSAGE_MS)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_damage_reports()
        self.controller.shutdown()
        # Losing the window layout or the session is not worth stopping a quit for.
        with suppress(OSError):
            self._session().save(self.paths.session_file)
        with suppress(OSError):
            save_state(
                self.paths.window_state_file,
                {
                    "geometry": self.saveGeometry(),
                    "main": self.main_splitter.saveState(),
                    "left": self.left_splitter.saveState(),
                },
            )
        self.runner.wait_for_all(10000)
        self.workspace.close()
        super().closeEvent(event)
