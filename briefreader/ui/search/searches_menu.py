"""The Searches menu: save the current query by name, rerun saved and recent ones.

Each saved search shows how many documents it matches that changed since it was last run,
counted in the background when the menu opens, with its filter clauses (``person:``,
``tag:``…) answered by the same sources as the search; one whose query is invalid says so,
with the search's own message in its tooltip. The search box completes from the history, so
a past query is a few keystrokes away. Signals: ``run_requested(str)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCompleter, QInputDialog, QLineEdit, QMenu, QWidget

from briefreader.core.errors import BriefReaderError, QueryError
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.search.fields import FilterSource
from briefreader.core.search.searches import SearchBook, count_new
from briefreader.ui.services.op import Op
from briefreader.ui.services.tasks import TaskRunner

RECENT_IN_MENU = 15
FilterSources = Callable[[LibraryIndex], Mapping[str, FilterSource]]
log = logging.getLogger(__name__)


class SearchesMenu(QObject):
    run_requested = Signal(str)

    def __init__(
        self, menu: QMenu, search_box: QLineEdit, book_file: Path, runner: TaskRunner
    ) -> None:
        super().__init__(menu)
        self.menu, self.search_box = menu, search_box
        self.book_file, self.runner = book_file, runner
        self.book = SearchBook.load(book_file)
        self.index: LibraryIndex | None = None
        # What answers the filter fields of a saved search (the window's controller gives it).
        self.filter_sources: FilterSources = no_filter_sources
        self.new_counts: dict[str, int] = {}
        self.query_errors: dict[str, str] = {}  # saved searches whose query cannot run
        # Owned here, not by the menu: clearing the menu deletes the actions it owns.
        self.save_action = QAction("&Save Current Search…", self)
        self.save_action.setShortcut("Ctrl+S")
        self.save_action.triggered.connect(self.ask_and_save)
        self.recent_menu = QMenu("&Recent")
        self.clear_action = QAction("&Clear History", self)
        self.clear_action.triggered.connect(self.clear_history)
        self.history_model = QStringListModel(self.book.history, self)
        completer = QCompleter(self.history_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        search_box.setCompleter(completer)
        menu.aboutToShow.connect(self.refresh_counts)
        self.rebuild()

    # Menu ------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self.menu.clear()
        self.menu.addAction(self.save_action)
        self.menu.addSeparator()
        for saved in self.book.saved:
            action = self.menu.addAction(self._label(saved.name))
            action.setToolTip(self._tooltip(saved.name, saved.query))
            action.setData(saved.name)
            action.triggered.connect(lambda _checked=False, n=saved.name: self.run_saved(n))
        if not self.book.saved:
            placeholder = self.menu.addAction("No saved searches yet")
            placeholder.setEnabled(False)
        self.menu.addSeparator()
        self.recent_menu.clear()
        for query in self.book.history[:RECENT_IN_MENU]:
            action = self.recent_menu.addAction(query)
            action.triggered.connect(lambda _checked=False, q=query: self.rerun(q))
        self.recent_menu.setEnabled(bool(self.book.history))
        self.menu.addMenu(self.recent_menu)
        self.menu.addAction(self.clear_action)
        self.history_model.setStringList(self.book.history)

    def _label(self, name: str) -> str:
        if name in self.query_errors:
            return f"{name}  (invalid query)"
        new = self.new_counts.get(name)
        return f"{name}  ({new} new)" if new else name

    def _tooltip(self, name: str, query: str) -> str:
        error = self.query_errors.get(name)
        return f"{query}\ninvalid query: {error}" if error else query

    def saved_actions(self) -> list[QAction]:
        return [a for a in self.menu.actions() if isinstance(a.data(), str)]

    # Commands --------------------------------------------------------------------------
    def remember(self, query: str) -> None:
        """The analyst acted on ``query`` (Enter, opened a result): keep it in the history."""
        self.book.remember(query)
        self._store()
        self.rebuild()

    def rerun(self, query: str) -> None:
        self.remember(query)
        self.run_requested.emit(query)

    def run_saved(self, name: str) -> None:
        saved = self.book.find(name)
        if saved is None:
            return
        self.book.opened(name)
        self.new_counts.pop(name, None)
        self.rerun(saved.query)

    def ask_and_save(self) -> None:
        query = self.search_box.text().strip()
        if not query:
            return
        parent = self.menu.parentWidget()
        name, ok = QInputDialog.getText(
            parent if isinstance(parent, QWidget) else None,
            "Save search",
            f"Name for the search {query!r}:",
            text=query,
        )
        if ok and name.strip():
            self.save(name, query)

    def save(self, name: str, query: str) -> None:
        self.book.save_search(name, query)
        self._store()
        self.rebuild()

    def clear_history(self) -> None:
        self.book.history.clear()
        self._store()
        self.rebuild()

    def _store(self) -> None:
        try:
            self.book.save(self.book_file)
        except OSError as exc:
            self.search_box.setToolTip(f"Could not save the search history: {exc}")

    # Counting new documents ------------------------------------------------------------
    def refresh_counts(self) -> None:
        """Count, off the GUI thread, what each saved search matches that is new."""
        index, saved = self.index, list(self.book.saved)
        if index is None or not saved or not index.exists():
            return
        sources = self.filter_sources(index)

        def work(progress: object, cancel: object) -> tuple[dict[str, int], dict[str, str]]:
            counts, errors = {}, {}
            for search in saved:
                try:
                    counts[search.name] = count_new(index, search, sources)
                except QueryError as exc:
                    errors[search.name] = str(exc)
                except BriefReaderError as exc:  # an index being rebuilt: counted next time
                    log.warning("cannot count new matches of %r: %s", search.name, exc)
            return counts, errors

        def deliver(result: tuple[dict[str, int], dict[str, str]]) -> None:
            # The menu may be open: relabel, don't rebuild.
            self.new_counts, self.query_errors = result
            for action in self.saved_actions():
                name = action.data()
                action.setText(self._label(name))
                found = self.book.find(name)
                if found is not None:
                    action.setToolTip(self._tooltip(name, found.query))

        Op[tuple[dict[str, int], dict[str, str]]](
            self.runner, "count the saved searches' new matches", work
        ).when(lambda: index is self.index).success(deliver).run()


def no_filter_sources(_index: LibraryIndex) -> Mapping[str, FilterSource]:
    """No filter sources: filter fields are refused as not available."""
    return {}
