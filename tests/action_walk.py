"""Every action the window offers, reached as an analyst reaches it.

``test_gui_every_action.py`` runs these tests in child pytest processes, because with
PySide 6.11 an exception escaping a Python override of a C++ method kills the process: a
crash must fail that test with the action's name, not end the whole run. The module is not
collected on its own (its name does not start with ``test_``); run it directly to debug.

``test_walk`` opens each menu of the menu bar (sub-menus too) and each context menu the
window builds (reader page, Entities tree, treaty card and its Copy and Correct buttons) the
way the app does, moves to each action with the keyboard and presses Return, in three states:
no document open, a document open, a passage selected. The shortcut tests press the keys on
the focused widget. Every modal dialog that appears is answered: text typed into input
dialogs, a file or folder path typed into file dialogs, message boxes acknowledged. After
each action the notes store is checked; pytest-qt fails a test on an exception in a slot and
on any Qt warning.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, briefing_count, indexed_window
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from briefreader.core.text.document import Span
from briefreader.ui.window.main_window import MainWindow

PROGRESS_ENV = "BRIEFREADER_WALK_PROGRESS"  # the parent reads the last action from this file
STATES = ("no-document", "document", "selection")
SAMPLE = "000_cf5c2beeea8848e9.txt"  # names people and places and reports a treaty
PASSAGE = "remain in force for twenty years"
QUIT = ("&File", "&Quit")
# What the walk types into the dialogs that ask for text, by dialog title.
TYPED = {
    "Comment": "Walk comment: check with the desk",
    "Tags": "walk-tag",
    "Save search": "Walk search",
    "Rename Entity": "Walk Renamed",
    "Correct a Fact": "walk value",
}
MAX_STEPS_PER_MENU = 400  # a menu that keeps growing (a bug) must not walk forever


@dataclass
class Answered:
    """A modal dialog the walk answered, and what it gave it."""

    kind: str
    title: str
    given: str = ""


@dataclass
class Walk:
    qtbot: QtBot
    main: MainWindow
    state: str
    folder: Path
    out: Path
    answered: list[Answered] = field(default_factory=list)
    walked: list[str] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)
    menus: set[str] = field(default_factory=set)  # the menus that opened
    _answering: bool = False
    _seen: QDialog | None = None

    # Answering dialogs ---------------------------------------------------------------------
    def start_answering(self) -> None:
        self._answering = True
        QTimer.singleShot(30, self._answer)

    def stop_answering(self) -> None:
        self._answering = False

    def _answer(self) -> None:
        """Answer the modal dialog on top, if any. The next look is scheduled first, so a
        dialog that opens another (nested event loop) is answered too."""
        if not self._answering:
            return
        QTimer.singleShot(30, self._answer)
        widget = QApplication.activeModalWidget()
        if not (isinstance(widget, QDialog) and widget.isVisible()):
            self._seen = None
        elif widget is not self._seen:
            self._seen = widget  # answer on the next look, once it has settled on screen
        else:
            self._seen = None
            self.answer(widget)

    def answer(self, dialog: QDialog) -> None:
        title = dialog.windowTitle()
        if isinstance(dialog, QInputDialog):
            if dialog.inputMode() == QInputDialog.InputMode.TextInput:
                text = TYPED.get(title, "walk text")
                dialog.setTextValue(text)
            else:
                text = dialog.textValue()  # a choice: keep the offered one
            self.answered.append(Answered("input", title, text))
            dialog.accept()
        elif isinstance(dialog, QFileDialog):
            chosen = self._choose_file(dialog)
            if chosen is None:
                self._seen = dialog  # look again on the next turn
            else:
                self.answered.append(Answered("file", title, chosen))
        elif isinstance(dialog, QMessageBox):
            button = dialog.defaultButton() or dialog.escapeButton() or dialog.buttons()[0]
            self.answered.append(Answered("message", title, dialog.text()))
            button.click()
        else:
            self.answered.append(Answered("dialog", title))
            dialog.accept()

    def _choose_file(self, dialog: QFileDialog) -> str | None:
        """Choose a folder, a new export file or the last export by typing its path, as
        ``selectFile`` does not take an absolute path; None to look again."""
        if dialog.fileMode() == QFileDialog.FileMode.Directory:
            if "Add" in dialog.windowTitle():
                chosen = self.out / "added"
                chosen.mkdir(exist_ok=True)
                (chosen / "added.md").write_text("# Added\n\nA cable added to the library.\n")
            else:
                chosen = self.folder
        elif dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
            chosen = self.out / f"export-{len(self.exports)}.json"
            dialog.selectNameFilter("Web Annotation JSON-LD (*.json)")
        elif self.exports:
            chosen = self.exports[-1]
        else:
            dialog.reject()
            return ""
        name_box = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name_box, QLineEdit), "Qt's file dialog has a file name box"
        name_box.setText(str(chosen))  # the analyst types the path
        if [Path(f) for f in dialog.selectedFiles()] != [chosen]:
            return None
        if dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
            self.exports.append(chosen)
        dialog.accept()
        return str(chosen)

    # The state each action is tried in -----------------------------------------------------
    def prepare(self) -> None:
        """Put the window back in the walk's state: an action may have opened another
        library, hidden the side panel or moved the selection."""
        main = self.main
        self.settle()
        if not main.isVisible():
            return
        if not main.side_panel_action.isChecked():
            main.side_panel_action.trigger()
        shown = main.reader_panel.document
        if self.state == "no-document":
            if shown is not None:
                main.reader_panel.clear()
            return
        sample = str(self.folder / SAMPLE)
        if shown is None or shown.metadata.path != sample:
            with self.qtbot.waitSignal(main.controller.reading.document_loaded, timeout=TIMEOUT):
                main.controller.reading.open_document(sample)
            self.settle()
        if self.state == "selection":
            wanted = self.selection()
            if main.reader.selection_span() != wanted:
                main.reader.select_span(wanted)
        else:
            cursor = main.reader.textCursor()
            cursor.clearSelection()
            main.reader.setTextCursor(cursor)

    def selection(self) -> Span:
        document = self.main.reader_panel.document
        assert document is not None
        start = document.text.index(PASSAGE)
        return Span(start, start + len(PASSAGE), "selection")

    def settle(self) -> None:
        """Wait until every background task an action started has delivered."""
        self.qtbot.waitUntil(lambda: self.main.runner.idle, timeout=TIMEOUT)
        self.qtbot.wait(10)

    # Menus -------------------------------------------------------------------------------
    def with_popup(self, opener: Callable[[], None], use: Callable[[QMenu], None]) -> bool:
        """Open a menu with ``opener`` (the app's own way: a context-menu event, a button,
        the menu bar) and hand it to ``use`` once it is on screen; False if none opened."""
        done: list[bool] = []
        tries = [0]

        def look() -> None:
            popup = QApplication.activePopupWidget()
            if isinstance(popup, QMenu) and popup.isVisible():
                done.append(True)
                use(popup)
            elif tries[0] < 40 and not done:
                tries[0] += 1
                QTimer.singleShot(25, look)
            else:
                done.append(False)

        QTimer.singleShot(0, look)
        opener()
        self.qtbot.waitUntil(lambda: bool(done), timeout=TIMEOUT)
        return done[0]

    def paths(self, opener: Callable[[], None]) -> list[tuple[str, ...]] | None:
        """Every enabled action under the menu, as the texts leading to it (None if no menu
        opened)."""
        found: list[tuple[str, ...]] = []

        def collect(menu: QMenu) -> None:
            found.extend(_leaves(menu, ()))
            _close_popups()

        return found if self.with_popup(opener, collect) else None

    def trigger(self, opener: Callable[[], None], path: tuple[str, ...]) -> bool:
        """Open the menu and choose ``path`` with the keyboard: Right into a sub-menu,
        Return on the action. False if the action is not there (any more) or disabled."""
        chosen: list[bool] = []

        def choose(menu: QMenu) -> None:
            for depth, text in enumerate(path):
                action = _find(menu, text)
                if action is None or not action.isEnabled():
                    _close_popups()
                    chosen.append(False)
                    return
                menu.setActiveAction(action)
                if depth < len(path) - 1:
                    sub = action.menu()
                    assert isinstance(sub, QMenu)
                    self.qtbot.keyClick(menu, Qt.Key.Key_Right)
                    self.qtbot.waitUntil(sub.isVisible, timeout=TIMEOUT)
                    menu = sub
            chosen.append(True)
            self.qtbot.keyClick(menu, Qt.Key.Key_Return)

        opened = self.with_popup(opener, choose)
        return opened and bool(chosen) and chosen[0]

    def walk_menu(self, name: str, opener: Callable[[], None], skip: set[tuple[str, ...]]) -> None:
        """Trigger every action of one menu once, looking again after each: actions change
        the menu (a saved search appears, a fact is deleted)."""
        done: set[tuple[str, ...]] = set(skip)
        for _step in range(MAX_STEPS_PER_MENU):
            self.prepare()
            if not self.main.isVisible():
                return
            paths = self.paths(opener)
            if paths is None:
                return
            self.menus.add(name)
            todo = [p for p in paths if p not in done]
            if not todo:
                return
            path = todo[0]
            done.add(path)
            label = f"{name}: {' › '.join(path)}"
            self.run(label, path[-1], lambda p=path: self.trigger(opener, p))
        pytest.fail(f"{name}: still new actions after {MAX_STEPS_PER_MENU} steps")

    def run(self, label: str, text: str, act: Callable[[], bool]) -> None:
        """Trigger one action (``text`` is its menu text) and check what it left behind."""
        progress(f"{self.state}: {label}")
        self.prepare()
        before = {note.id: note for note in self.main.workspace.notes.everything()}
        stack = self.main.notes.undo_stack
        could_undo, could_redo = stack.canUndo(), stack.canRedo()
        selected = self.main.reader.selection_span() if self.main.isVisible() else None
        answered = len(self.answered)
        windows = set(_windows())
        with self.qtbot.capture_exceptions() as errors:
            triggered = act()
            self.settle()
        assert not errors, f"{label}: {errors}"
        if not triggered:
            return
        self.walked.append(label)
        no_dialog = lambda: QApplication.activeModalWidget() is None  # noqa: E731
        self.qtbot.waitUntil(no_dialog, timeout=TIMEOUT)  # one opened with open() is answered
        for window in set(_windows()) - windows:  # a non-modal window it opened: close it
            window.close()
        _close_popups()
        after = {note.id: note for note in self.main.workspace.notes.everything()}
        added = [after[i] for i in after.keys() - before.keys()]
        removed = before.keys() - after.keys()
        asked = [a for a in self.answered[answered:] if a.kind == "input"]
        document = self.main.reader_panel.document
        if text.startswith(("Highlight:", "Comment on Selection", "Tag Selection")):
            if selected is None or document is None:
                assert not added and not asked, f"{label}: acted without a selection"
                return
            assert len(added) == 1 and not removed, f"{label}: {len(added)} notes added"
            [note] = added
            assert note.exact == document.text[selected.start : selected.end], label
            assert (note.start, note.end) == (selected.start, selected.end), label
            if text.startswith("Comment"):
                assert [a.title for a in asked] == ["Comment"], f"{label}: asked {asked}"
                assert note.comment == TYPED["Comment"] and list(note.tags) == [], label
            elif text.startswith("Tag"):
                assert [a.title for a in asked] == ["Tags"], f"{label}: asked {asked}"
                assert list(note.tags) == [TYPED["Tags"]] and note.comment == "", label
            else:
                meaning = text.removeprefix("Highlight:").strip()
                colour = next(k for k, m, _hex in self.main.notes.colours if m == meaning)
                assert (note.color, note.comment, list(note.tags)) == (colour, "", []), label
        elif text.startswith("&Undo"):
            assert could_undo and not added and len(removed) <= 1, label
        elif text.startswith("&Redo"):
            assert could_redo and not removed and len(added) <= 1, label
        else:
            assert not added and not removed, f"{label} changed the notes"


def progress(line: str) -> None:
    target = os.environ.get(PROGRESS_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as log:
            log.write(line + "\n")


def _leaves(menu: QMenu, prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible() or not action.isEnabled():
            continue
        path = (*prefix, action.text())
        sub = action.menu()
        if isinstance(sub, QMenu):
            sub.aboutToShow.emit()  # what opening it would do: the Searches menu recounts
            yield from _leaves(sub, path)
        else:
            yield path


def _find(menu: QMenu, text: str) -> QAction | None:
    return next((a for a in menu.actions() if a.text() == text and not a.isSeparator()), None)


def _close_popups() -> None:
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()


def _windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]


# Openers: how the app shows each menu -------------------------------------------------------
def menu_bar_opener(main: MainWindow, title: str) -> Callable[[], None]:
    def open_menu() -> None:
        bar = main.menuBar()
        action = next(a for a in bar.actions() if a.text() == title)
        bar.setActiveAction(action)  # as a click on the title (or Alt+letter) does

    return open_menu


def context_opener(
    widget: Callable[[], QWidget], point: Callable[[], QPoint]
) -> Callable[[], None]:
    """A right click: the context-menu event Qt sends, at ``point`` of the widget."""

    def open_menu() -> None:
        target, at = widget(), point()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, target.mapToGlobal(at))
        QApplication.sendEvent(target, event)

    return open_menu


@pytest.fixture
def walk_window(
    qtbot: QtBot, data_dir: Path, seed_copy: Path, tmp_path: Path
) -> Iterator[tuple[MainWindow, Path]]:
    """The window on a copy of the samples; file dialogs are Qt's own, which the walk can
    answer (a desktop's native dialog is another process)."""
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    documents = briefing_count(seed_copy)
    with indexed_window(qtbot, data_dir, seed_copy, documents, active=True) as main:
        main.search_box.setText("treaty")  # so Save Current Search has a query to save
        yield main, seed_copy


@pytest.mark.parametrize("state", STATES)
def test_walk(
    qtbot: QtBot, walk_window: tuple[MainWindow, Path], state: str, tmp_path: Path
) -> None:
    main, folder = walk_window
    out = tmp_path / "out"
    out.mkdir()
    walk = Walk(qtbot, main, state, folder, out)
    walk.start_answering()
    try:
        bar_titles = [a.text() for a in main.menuBar().actions() if a.menu() is not None]
        for title in bar_titles:
            skip = {QUIT[1:]} if title == QUIT[0] else set()
            walk.walk_menu(title, menu_bar_opener(main, title), skip)

        reader = main.reader
        page_point = lambda: reader.cursorRect().center()  # noqa: E731 - where the caret is
        walk.walk_menu("Reader page", context_opener(reader.viewport, page_point), set())

        tree = main.entities_panel.tree

        def entity_point() -> QPoint:
            main.side_tabs.setCurrentWidget(main.entities_panel)
            top = tree.topLevelItem(0)
            if top is None or top.childCount() == 0:
                return QPoint(4, 4)
            rect = tree.visualItemRect(top.child(0))
            qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return rect.center()

        walk.walk_menu("Entities", context_opener(tree.viewport, entity_point), set())

        def card() -> QWidget:
            main.side_tabs.setCurrentWidget(main.facts_panel)
            cards = main.facts_panel.cards
            return cards[0] if cards else main.facts_panel

        def card_button(name: str) -> Callable[[], None]:
            def open_menu() -> None:
                widget = card()
                button = getattr(widget, name, None)
                if button is not None:
                    button.showMenu()  # what a click on the InstantPopup button does

            return open_menu

        walk.walk_menu("Treaty card", context_opener(card, lambda: QPoint(3, 3)), set())
        walk.walk_menu("Treaty card Copy", card_button("copy_button"), set())
        walk.walk_menu("Treaty card Correct", card_button("correct_button"), set())

        quit_menu = menu_bar_opener(main, QUIT[0])
        walk.run(" › ".join(QUIT), QUIT[1], lambda: walk.trigger(quit_menu, QUIT[1:]))
        assert not main.isVisible(), "File › Quit left the window open"
    finally:
        walk.stop_answering()
        _close_popups()
        progress(f"{state}: walked {len(walk.walked)} actions")

    walked = " ".join(walk.walked)
    for must in ("&Export Notes…", "&About BriefReader", "&Quit"):
        assert must in walked, f"never reached {must}"
    assert "Reader page" in walk.menus
    if state != "no-document":
        for must in ("Reader page: Select All", "Entities: Rename…", "Treaty card Copy: As JSON"):
            assert must in walked, f"never reached {must}"
        assert {"Entities", "Treaty card", "Treaty card Correct"} <= walk.menus
    if state == "selection":
        for must in ("Reader page: Tag Selection…", "Reader page: Comment on Selection…"):
            assert must in walked, f"never reached {must}"


# Shortcuts, pressed on the focused widget ------------------------------------------------------
@pytest.fixture
def walk(qtbot: QtBot, walk_window: tuple[MainWindow, Path], tmp_path: Path) -> Iterator[Walk]:
    """The sample briefing open with a passage selected and the page focused; modal dialogs
    are answered as in the walk."""
    main, folder = walk_window
    out = tmp_path / "out"
    out.mkdir()
    walk = Walk(qtbot, main, "selection", folder, out)
    walk.prepare()
    main.reader.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is main.reader, timeout=TIMEOUT)
    walk.start_answering()
    try:
        yield walk
    finally:
        walk.stop_answering()


def press(walk: Walk, keys: str | QKeySequence) -> QWidget:
    """Press ``keys`` on the widget that has the keyboard focus, as the analyst would, and
    wait for what it started in the background; returns the widget pressed on."""
    combo = QKeySequence(keys)[0]
    if QApplication.focusWidget() is None:  # a dialog just closed: the window gets it back
        walk.main.activateWindow()  # (a window manager does this; offscreen has none)
        walk.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=TIMEOUT)
    target = QApplication.focusWidget()
    assert target is not None, f"nothing has the focus for {keys}"
    progress(f"shortcut {QKeySequence(keys).toString()} on {type(target).__name__}")
    walk.qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
    walk.settle()
    return target


def test_note_shortcuts_store_what_the_analyst_chose(walk: Walk) -> None:
    main, store = walk.main, walk.main.workspace.notes
    selected = walk.selection()
    exact = main.reader_panel.document.text[selected.start : selected.end]  # type: ignore[union-attr]
    colours = [key for key, _meaning, _hex in main.notes.colours]
    for number, colour in enumerate(colours[:9], start=1):
        press(walk, f"Ctrl+{number}")
        [note] = [n for n in store.everything() if n.color == colour]
        assert (note.exact, note.comment, list(note.tags)) == (exact, "", [])
    assert len(store.everything()) == len(colours[:9])

    # Highlighting redraws the page in the background: the passage is put back under the
    # selection, as between any two actions of the walk (under load it was once lost).
    walk.prepare()
    press(walk, "Ctrl+M")
    assert [a.title for a in walk.answered] == ["Comment"]
    [commented] = [n for n in store.everything() if n.comment]
    assert (commented.exact, commented.comment) == (exact, TYPED["Comment"])

    walk.prepare()
    press(walk, "Ctrl+T")
    assert [a.title for a in walk.answered] == ["Comment", "Tags"]
    [tagged] = [n for n in store.everything() if n.tags]
    assert (tagged.exact, list(tagged.tags), tagged.comment) == (exact, [TYPED["Tags"]], "")
    assert len(store.everything()) == len(colours[:9]) + 2  # one note a press, no copies

    press(walk, QKeySequence(QKeySequence.StandardKey.Undo))
    assert tagged.id not in {n.id for n in store.everything()}
    press(walk, QKeySequence(QKeySequence.StandardKey.Redo))
    assert tagged.id in {n.id for n in store.everything()}

    press(walk, "Ctrl+Shift+E")
    [export] = walk.exports
    exported = json.loads(export.read_text(encoding="utf-8"))
    assert TYPED["Tags"] in export.read_text(encoding="utf-8") and exported


def test_shortcuts_without_a_selection_ask_nothing(walk: Walk) -> None:
    cursor = walk.main.reader.textCursor()
    cursor.clearSelection()
    walk.main.reader.setTextCursor(cursor)
    for keys in ("Ctrl+1", "Ctrl+M", "Ctrl+T", "Ctrl+Shift+M", "Ctrl+Shift+W"):
        press(walk, keys)
    walk.qtbot.wait(100)  # a dialog would have been answered by now
    assert walk.answered == [] and walk.main.workspace.notes.everything() == []
    assert walk.main.controller.corrections.watched() == []


def test_entity_shortcuts_mark_watch_and_list_treaties(walk: Walk) -> None:
    main = walk.main
    corrections = main.controller.corrections
    press(walk, "Ctrl+Shift+M")
    [asked] = walk.answered
    assert asked.title == "Mark as Entity"
    assert [c.describe() for c in corrections.all()] and PASSAGE in corrections.all()[0].describe()

    # Marking refreshes the entities and the index in the background: the passage is put
    # back under the selection and the page focused, as between any two actions of the walk.
    walk.prepare()
    main.reader.setFocus(Qt.FocusReason.MouseFocusReason)
    press(walk, "Ctrl+Shift+W")
    assert corrections.watched() == [PASSAGE]

    press(walk, "Ctrl+Shift+Y")
    walk.qtbot.waitUntil(
        lambda: main.treaties_view is not None and main.treaties_view.isVisible(), timeout=TIMEOUT
    )
    assert main.treaties_view is not None
    main.treaties_view.close()


def test_search_and_find_shortcuts(walk: Walk) -> None:
    main, qtbot = walk.main, walk.qtbot
    press(walk, "Ctrl+F")  # finds the selected passage
    find = main.reader_panel.find_bar
    assert find.isVisible() and QApplication.focusWidget() is find.field
    assert find.text == PASSAGE
    find.field.clear()
    qtbot.keyClicks(find.field, "the")
    qtbot.waitUntil(lambda: len(main.reader_panel.matches.spans) > 2, timeout=TIMEOUT)
    first = main.reader_panel.matches.current
    press(walk, "F3")
    assert main.reader_panel.matches.current == first + 1
    press(walk, "Shift+F3")
    assert main.reader_panel.matches.current == first
    press(walk, "Escape")
    assert not find.isVisible() and QApplication.focusWidget() is main.search_box

    main.reader.setFocus(Qt.FocusReason.MouseFocusReason)
    press(walk, "Ctrl+K")
    assert QApplication.focusWidget() is main.search_box
    assert main.search_box.selectedText() == main.search_box.text() == "treaty"
    with qtbot.waitSignal(main.controller.reading.search_finished, timeout=TIMEOUT):
        press(walk, "Return")
    assert main.results.model.rowCount() > 0
    press(walk, "Ctrl+S")
    assert [a.title for a in walk.answered] == ["Save search"]
    assert [s.name for s in main.searches.book.saved] == [TYPED["Save search"]]

    press(walk, "Ctrl+L")
    assert QApplication.focusWidget() is main.library_panel.filter_box
    press(walk, "F1")
    assert main.query_help.popup.isVisible()
    main.query_help.popup.close()


def test_a_note_the_store_refuses_is_reported_not_fatal(
    walk: Walk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt runs undo and redo from C++, where an escaping exception ends the process: a store
    that cannot write must show up as an error, with nothing half-done on the undo stack."""
    main, store = walk.main, walk.main.workspace.notes
    stack = main.notes.undo_stack

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch, walk.qtbot.capture_exceptions() as errors:
        patch.setattr(store, "create", refuse)
        press(walk, "Ctrl+1")
    assert [type(e[1]) for e in errors] == [OSError]
    assert store.everything() == [] and stack.count() == 0

    press(walk, "Ctrl+1")
    [note] = store.everything()
    with monkeypatch.context() as patch, walk.qtbot.capture_exceptions() as errors:
        patch.setattr(store, "delete", refuse)
        press(walk, QKeySequence(QKeySequence.StandardKey.Undo))
    assert [type(e[1]) for e in errors] == [OSError]
    assert [n.id for n in store.everything()] == [note.id]  # still there, the app still up
    press(walk, QKeySequence(QKeySequence.StandardKey.Redo))
    press(walk, QKeySequence(QKeySequence.StandardKey.Undo))
    assert store.everything() == []
