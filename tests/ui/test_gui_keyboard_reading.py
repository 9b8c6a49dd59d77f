"""Reading with the keyboard only: F7 gives a caret that Shift+arrows extend into a
selection Ctrl+1 highlights; Tab into the page keeps the place; Down and Enter in the
library filter reach the list and open the first match."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, indexed_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefreader.ui.window.main_window import MainWindow

BODY = "\n\n".join(
    f"Paragraph {n} on the customs annex, see [the annex](https://example.org/{n})."
    for n in range(200)
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "annex.md").write_text(f"# Customs Annex\n\n{BODY}\n", encoding="utf-8")
    (folder / "ferry.md").write_text("# Ferry Brief\n\nThe ferry sails.\n", encoding="utf-8")
    with indexed_window(qtbot, tmp_path / "data", folder, documents=2, active=True) as main:
        yield main


def _open_annex(qtbot: QtBot, window: MainWindow) -> None:
    window.library_panel.filter_box.setFocus()
    qtbot.keyClicks(window.library_panel.filter_box, "customs")
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.keyClick(window.library_panel.filter_box, Qt.Key.Key_Return)


def test_enter_in_the_filter_opens_the_first_match_and_down_reaches_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    _open_annex(qtbot, window)
    assert window.reader_panel.document.metadata.title == "Customs Annex"
    box = window.library_panel.filter_box
    box.clear()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.library_view
    assert window.library_view.currentIndex().isValid()


def test_f7_caret_and_shift_arrows_select_a_passage_ctrl_1_highlights(
    qtbot: QtBot, window: MainWindow
) -> None:
    _open_annex(qtbot, window)
    reader = window.reader
    text = window.reader_panel.document.text
    place = text.index("Paragraph 120")
    reader.scroll_to_offset(place)
    bar = reader.verticalScrollBar().value()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.caret_action.isChecked() and reader.caret_browsing
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reader, timeout=TIMEOUT)
    assert abs(reader.verticalScrollBar().value() - bar) < 40  # the caret starts in view
    start = reader.selection_span() or None
    for _ in range(9):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    span = reader.selection_span()
    assert span is not None and span.end - span.start == 9, (start, span)
    selected = text[span.start : span.end]
    qtbot.keyClick(reader, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    notes = window.notes.backend.everything()
    assert [note.exact for note in notes] == [selected]
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert not reader.caret_browsing


def test_tab_into_the_page_keeps_the_reading_position(qtbot: QtBot, window: MainWindow) -> None:
    _open_annex(qtbot, window)
    reader = window.reader
    reader.scroll_to_offset(window.reader_panel.document.text.index("Paragraph 100"))
    bar = reader.verticalScrollBar().value()
    assert bar > 0
    window.search_box.setFocus()
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        for _ in range(40):
            if QApplication.focusWidget() is reader:
                break
            qtbot.keyClick(QApplication.focusWidget(), key)
        assert QApplication.focusWidget() is reader
        assert reader.verticalScrollBar().value() == bar
        window.search_box.setFocus()
