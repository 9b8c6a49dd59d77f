"""Driving the window with the keyboard only: Tab order, Enter, Escape, Ctrl+F, F3, Space."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import indexed_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from briefreader.ui.window.main_window import MainWindow

TIMEOUT = 30000
PARAGRAPH = "Negotiators met again on the fisheries annex and the customs schedule. " * 5


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "library"
    folder.mkdir()
    body = "\n\n".join(f"Paragraph {n}. {PARAGRAPH}" for n in range(60))
    (folder / "annex.md").write_text(f"# Fisheries Annex\n\n{body}\n\nThe walrus clause.\n")
    (folder / "other.md").write_text("# Other Cable\n\nThe walrus clause again, and a lone fact.\n")
    with indexed_window(qtbot, tmp_path / "data", folder, documents=2, active=True) as main:
        yield main


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def type_query(qtbot: QtBot, window: MainWindow, query: str) -> None:
    window.focus_search_action.trigger()
    qtbot.keyClicks(window.search_box, query)
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)


def test_tab_walks_search_filter_library_results_reader_and_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    type_query(qtbot, window, "walrus")
    expected = [
        window.library_panel.filter_box,
        window.library_view,
        window.results.view,
        window.reader,
    ]
    for widget in expected:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is widget, (focused(), widget)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is window.results.view
    # The library table lets Tab go on instead of trapping it between its cells.
    window.library_view.setFocus()
    qtbot.keyClick(window.library_view, Qt.Key.Key_Tab)
    assert focused() is window.results.view


def test_down_up_enter_between_search_results_and_reader(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "walrus")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert focused() is window.results.view
    assert window.results.view.currentIndex().row() == 0
    qtbot.keyClick(window.results.view, Qt.Key.Key_Up)
    assert focused() is window.search_box
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    annex = next(
        r for r in range(2) if window.results.hit_at(r).path.endswith("annex.md")
    )
    window.results.view.setCurrentIndex(window.results.model.index(annex, 0))
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.keyClick(window.results.view, Qt.Key.Key_Return)
    assert focused() is window.reader
    bar = window.reader.verticalScrollBar()
    bar.setValue(0)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown)
    after_page = bar.value()
    assert after_page > 0
    qtbot.keyClick(window.reader, Qt.Key.Key_Space)
    assert bar.value() > after_page
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() == pytest.approx(after_page, abs=2)
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert focused() is window.search_box


def test_enter_on_a_library_row_opens_it_and_moves_to_the_reader(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.library_view.setFocus()
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.keyClick(window.library_view, Qt.Key.Key_Down)
    with qtbot.assertNotEmitted(window.controller.reading.document_loaded, wait=200):
        qtbot.keyClick(window.library_view, Qt.Key.Key_Return)  # already open: not reloaded
    assert focused() is window.reader


def test_ctrl_f_finds_in_the_document_and_escape_returns_to_search(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.library_view.setFocus()
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        window.library_view.setCurrentIndex(window.library_panel.proxy.index(0, 0))
    panel = window.reader_panel
    assert panel.document.metadata.title == "Fisheries Annex"
    text = panel.document.text
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = panel.find_bar
    assert bar.isVisible() and focused() is bar.field
    qtbot.keyClicks(bar.field, "fisheries")
    qtbot.waitUntil(lambda: bool(panel.matches.spans), timeout=TIMEOUT)
    total = text.lower().count("fisheries")
    assert bar.count_label.text().endswith(f"of {total}")
    first = panel.matches.current
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert panel.matches.current == (first + 1) % total
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.matches.current == first
    window.next_hit_action.trigger()  # F3 steps find matches while the bar has some
    assert panel.matches.current == (first + 1) % total
    qtbot.mouseClick(bar.case_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.count_label.text().endswith(f"of {text.count('fisheries')}"))
    bar.field.setText("Fisheries")
    qtbot.waitUntil(lambda: bar.count_label.text().endswith(f"of {text.count('Fisheries')}"))
    bar.field.setText("zzz-not-there")
    qtbot.waitUntil(lambda: bar.count_label.text() == "No matches")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert "find" not in window.reader.layer_names()
    assert focused() is window.search_box


def test_every_action_is_in_a_menu_with_its_shortcut(window: MainWindow) -> None:
    in_menus = {
        action.text(): action.shortcut().toString()
        for menu in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
        for action in menu.actions()
    }
    for name, keys in {
        "&Search Library": "Ctrl+K",
        "&Find in Document…": "Ctrl+F",
        "&Next Hit or Match": "F3",
        "&Previous Hit or Match": "Shift+F3",
        "&Back to Search": "Esc",
        "Zoom &In": "Ctrl+=",
        "Zoom &Out": "Ctrl+-",
        "&Actual Size": "Ctrl+0",
        "&Update Index": "F5",
        "&Open Folder…": "Ctrl+O",
    }.items():
        assert in_menus.get(name) == QKeySequence(keys).toString(), name


def test_f1_shows_the_query_syntax_and_an_example_runs(qtbot: QtBot, window: MainWindow) -> None:
    window.query_help_action.trigger()
    popup = window.query_help.popup
    assert popup.isVisible()
    text = popup.label.text()
    for operator in ('"mutual defence"', "OR", "NOT", "title:", "source:", "date:[", "sanc*", "~"):
        assert operator.replace('"', "&quot;") in text or operator in text, operator
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        popup.label.linkActivated.emit("walrus")
    assert window.search_box.text() == "walrus" and not popup.isVisible()


def test_help_says_where_the_log_is(qtbot: QtBot, window: MainWindow) -> None:
    box = window.show_log_location()
    qtbot.addWidget(box)
    assert str(window.paths.data_dir / "logs" / "briefreader.log") in box.text()
