"""The main window: library list and search results on the left, the reader on the right.

It only wires widgets to the ``LibraryController``; all work happens in the core, off the GUI
thread.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefreader import __version__
from briefreader.core.document import Document, Span
from briefreader.core.index import IndexReport
from briefreader.core.library import Library, Skip
from briefreader.core.search import SearchHit, SearchResults
from briefreader.core.settings import Settings
from briefreader.paths import AppPaths
from briefreader.ui.library_controller import LibraryController
from briefreader.ui.library_model import PATH_ROLE, LibraryModel
from briefreader.ui.reader import ReaderView
from briefreader.ui.search_panel import SearchResultsPanel
from briefreader.ui.tasks import TaskRunner
from briefreader.ui.window_state import load_state, save_state

SEARCH_DELAY_MS = 300


def _section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    return label


class MainWindow(QMainWindow):
    def __init__(self, paths: AppPaths, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.settings = Settings.load(paths.settings_file)
        self.runner = runner or TaskRunner(self)
        self.controller = LibraryController(paths, self.runner, self)
        self.setWindowTitle("BriefReader")
        self._build_widgets()
        self._build_actions()
        self._connect()
        self._restore_state()

    # Construction -----------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(
            'Search (Ctrl+K): words, "a phrase", AND / OR / NOT, title:, source:, word~, wild*'
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)  # Down moves into the results
        self.search_box.setMinimumWidth(360)
        toolbar = QToolBar("Search")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)

        self.library_model = LibraryModel()
        self.library_proxy = QSortFilterProxyModel(self)
        self.library_proxy.setSourceModel(self.library_model)
        self.library_proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.library_view = QTableView()
        self.library_view.setModel(self.library_proxy)
        self.library_view.setSortingEnabled(True)
        self.library_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.library_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.library_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.library_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.library_view.setAlternatingRowColors(True)
        self.library_view.setWordWrap(False)
        self.library_view.verticalHeader().hide()
        self.library_view.setShowGrid(False)
        header = self.library_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 110)
        self.library_label = _section_label("Library")

        self.results = SearchResultsPanel()
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("leftSplitter")
        left.addWidget(self._panel(self.library_label, self.library_view))
        left.addWidget(self._panel(_section_label("Search results"), self.results))
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 3)
        self.left_splitter = left

        self.reader = ReaderView()
        self.reader_title = QLabel("")
        self.reader_title.setObjectName("readerTitle")
        self.reader_title.setWordWrap(True)
        self.reader_meta = QLabel("")
        self.reader_meta.setObjectName("readerMeta")
        self.reader_meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.hit_label = QLabel("")
        self.prev_hit_button = QToolButton()
        self.prev_hit_button.setText("◀ Previous")
        self.next_hit_button = QToolButton()
        self.next_hit_button.setText("Next ▶")
        hit_bar = QHBoxLayout()
        hit_bar.addWidget(self.reader_meta, 1)
        hit_bar.addWidget(self.hit_label)
        hit_bar.addWidget(self.prev_hit_button)
        hit_bar.addWidget(self.next_hit_button)
        reader_panel = QWidget()
        reader_layout = QVBoxLayout(reader_panel)
        reader_layout.setContentsMargins(8, 6, 8, 6)
        reader_layout.addWidget(self.reader_title)
        reader_layout.addLayout(hit_bar)
        reader_layout.addWidget(self.reader, 1)
        self._show_hit_controls(False)

        main = QSplitter(Qt.Orientation.Horizontal)
        main.setObjectName("mainSplitter")
        main.addWidget(left)
        main.addWidget(reader_panel)
        main.setStretchFactor(0, 2)
        main.setStretchFactor(1, 3)
        main.setSizes([440, 760])
        self.main_splitter = main
        self.setCentralWidget(main)

        self.status_label = QLabel("No library open")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.skipped_button = QToolButton()
        self.skipped_button.setAutoRaise(True)
        self.skipped_button.setToolTip("Files that are not in the index, and why")
        self.statusBar().addPermanentWidget(self.skipped_button)
        self.progress.hide()
        self.cancel_button.hide()
        self.skipped_button.hide()
        self._skipped: list[Skip] = []
        # Titles, sources and queries come from untrusted text: never interpret them as HTML.
        for label in (self.reader_title, self.reader_meta, self.library_label, self.status_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)

    @staticmethod
    def _panel(label: QLabel, body: QWidget) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 6, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(label)
        layout.addWidget(body, 1)
        return panel

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open Folder…", self, shortcut=QKeySequence.StandardKey.Open)
        self.add_folder_action = QAction("&Add Folder to Library…", self)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.reindex_action = QAction("&Update Index", self, shortcut=QKeySequence("F5"))
        self.quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.add_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.reindex_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        find_menu = self.menuBar().addMenu("&Find")
        self.focus_search_action = QAction("&Search Library", self, shortcut=QKeySequence("Ctrl+K"))
        self.next_hit_action = QAction("&Next Hit", self, shortcut=QKeySequence("F3"))
        self.prev_hit_action = QAction("&Previous Hit", self, shortcut=QKeySequence("Shift+F3"))
        for action in (self.focus_search_action, self.next_hit_action, self.prev_hit_action):
            find_menu.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = QAction("&About BriefReader", self)
        help_menu.addAction(self.about_action)
        self._fill_recent_menu()

    def _connect(self) -> None:
        c = self.controller
        c.library_opened.connect(self._on_library_opened)
        c.documents_changed.connect(self._on_documents)
        c.index_started.connect(self._on_index_started)
        c.index_progress.connect(self._on_index_progress)
        c.index_finished.connect(self._on_index_finished)
        c.index_failed.connect(self._on_index_failed)
        c.search_finished.connect(self._on_search_results)
        c.search_failed.connect(self.results.show_error)
        c.document_loaded.connect(self._on_document_loaded)
        c.document_failed.connect(self._on_document_failed)

        self.search_box.textEdited.connect(lambda _text: self.search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        self.search_timer.timeout.connect(self.run_search)
        self.results.result_activated.connect(self.open_hit)
        # Moving through the list with the keyboard or the mouse opens each briefing.
        self.library_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._open_library_row(current)
        )
        self.library_view.clicked.connect(self._open_library_row)
        self.reader.hit_changed.connect(self._on_hit_changed)
        self.prev_hit_button.clicked.connect(self.reader.previous_hit)
        self.next_hit_button.clicked.connect(self.reader.next_hit)
        self.cancel_button.clicked.connect(self.controller.cancel_indexing)
        self.skipped_button.clicked.connect(self.show_skipped)

        self.open_action.triggered.connect(self.choose_folder)
        self.add_folder_action.triggered.connect(self.choose_folder_to_add)
        self.reindex_action.triggered.connect(self.controller.reindex)
        self.quit_action.triggered.connect(self.close)
        self.focus_search_action.triggered.connect(self._focus_search)
        self.next_hit_action.triggered.connect(self.reader.next_hit)
        self.prev_hit_action.triggered.connect(self.reader.previous_hit)
        self.about_action.triggered.connect(self._about)

    # Library ----------------------------------------------------------------------------
    def open_folders(self, folders: list[Path]) -> None:
        self.controller.open_library(folders)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of briefings")
        if folder:
            self.open_folders([Path(folder)])

    def choose_folder_to_add(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder to this library")
        if folder:
            self.controller.add_folder(Path(folder))

    def _on_library_opened(self, library: Library) -> None:
        self.library_label.setText(f"Library — {library.name}")
        self.setWindowTitle(f"BriefReader — {library.name}")
        self.settings.remember_library([str(folder) for folder in library.folders])
        self._save_settings()
        self._fill_recent_menu()
        self.results.clear()

    def _on_documents(self, rows: list) -> None:
        self.library_model.set_rows(rows)
        count = len(rows)
        self.library_label.setText(
            f"Library — {self.controller.library.name if self.controller.library else ''}"
            f" ({count} document{'s' if count != 1 else ''})"
        )

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for folder in self.settings.recent_folders:
            action = self.recent_menu.addAction(folder)
            action.triggered.connect(lambda _checked=False, f=folder: self.open_folders([Path(f)]))
        self.recent_menu.setEnabled(bool(self.settings.recent_folders))

    def _save_settings(self) -> None:
        try:
            self.settings.save(self.paths.settings_file)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not save settings: {exc.strerror or exc}", 8000)

    # Indexing ---------------------------------------------------------------------------
    def _on_index_started(self) -> None:
        self.status_label.setText("Updating the index…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()

    def _on_index_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total}")
        self.status_label.setText(f"Indexing {message}…")

    def _on_index_finished(self, report: IndexReport) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        when = datetime.now().strftime("%H:%M")
        state = "cancelled" if report.cancelled else "up to date"
        skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
        self.status_label.setText(
            f"Index {state} at {when}: {report.total} documents "
            f"({report.indexed} new, {report.updated} updated, {report.removed} removed{skipped})"
        )
        self._skipped = list(report.skipped)
        self.skipped_button.setText(f"{len(report.skipped)} skipped…")
        self.skipped_button.setVisible(bool(report.skipped))
        if self.search_box.text().strip():
            self.run_search()

    def show_skipped(self) -> QMessageBox:
        """List the files the last update left out, each with its reason."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Files not in the index")
        box.setTextFormat(Qt.TextFormat.PlainText)
        count = len(self._skipped)
        box.setText(
            f"{count} file{'s' if count != 1 else ''} could not be indexed. "
            "The rest of the library is searchable; open Details for each file and its reason."
        )
        box.setDetailedText("\n".join(f"{s.path}\n    {s.reason}" for s in self._skipped))
        box.setModal(False)
        box.show()
        return box

    def _on_index_failed(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.status_label.setText(f"Index problem: {message}")

    # Search and reading ----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """From the search box, Down goes to the first result; Enter there opens it."""
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.results.model.rowCount()
        ):
            view = self.results.view
            view.setFocus()
            view.setCurrentIndex(self.results.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def run_search(self) -> None:
        self.search_timer.stop()
        query = self.search_box.text().strip()
        if not query:
            self.results.clear()
            return
        self.controller.search(query)

    def _on_search_results(self, results: SearchResults) -> None:
        self.results.show_results(results)

    def open_hit(self, hit: SearchHit) -> None:
        self.controller.open_document(hit.path, hit.pattern)

    def _open_library_row(self, index) -> None:  # type: ignore[no-untyped-def]
        path = index.data(PATH_ROLE)
        if path:
            self.controller.open_document(path)

    def _on_document_loaded(self, document: Document, hits: list[Span]) -> None:
        meta = document.metadata
        self.reader_title.setText(meta.title)
        details = [part for part in (meta.source, meta.date) if part]
        details.append(Path(meta.path).name)
        self.reader_meta.setText(" · ".join(details))
        self.reader_meta.setToolTip(meta.path)
        self.reader.show_document(document, hits)
        self._show_hit_controls(bool(hits))

    def _on_document_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QMessageBox.warning(self, "Cannot open document", message)

    def _on_hit_changed(self, current: int, count: int) -> None:
        if count:
            self.hit_label.setText(f"Hit {current + 1} of {count}")
        self._show_hit_controls(count > 0)

    def _show_hit_controls(self, visible: bool) -> None:
        for widget in (self.hit_label, self.prev_hit_button, self.next_hit_button):
            widget.setVisible(visible)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.cancel_indexing()
        # Losing the window layout is not worth stopping a quit for.
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
        super().closeEvent(event)
