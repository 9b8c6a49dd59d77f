"""Annotating in the window: select text with the mouse, highlight it from the keyboard, find
it in the Notes panel, jump to it, undo it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import indexed_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefreader.core.text.document import Span
from briefreader.ui.notes.presenter import split_tags
from briefreader.ui.reader.layers import NOTES
from briefreader.ui.window.main_window import MainWindow

TIMEOUT = 30000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "library"
    folder.mkdir()
    body = "\n\n".join(f"Paragraph {n} on the customs annex." for n in range(40))
    (folder / "annex.md").write_text(f"# Annex\n\n{body}\n\nThe walrus clause matters.\n")
    with indexed_window(qtbot, tmp_path / "data", folder, documents=1, active=True) as main:
        with qtbot.waitSignal(main.controller.reading.document_loaded, timeout=TIMEOUT):
            main.library_view.setCurrentIndex(main.library_panel.proxy.index(0, 0))
        yield main


def drag_select(qtbot: QtBot, window: MainWindow, start: int, end: int) -> None:
    reader = window.reader
    reader.reveal(Span(start, end), flash=False)
    first = reader.cursorRect(reader.cursor_for(Span(start, start))).center()
    last = reader.cursorRect(reader.cursor_for(Span(end, end))).center()
    viewport = reader.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseMove(viewport, last)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=last)


def test_select_highlight_find_in_panel_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    text = window.reader.document_model.text
    start = text.index("walrus clause")
    drag_select(qtbot, window, start, start + len("walrus clause"))
    assert window.reader.selection_span() == Span(start, start + 13, "selection")
    qtbot.keyClick(window.reader, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    panel = window.notes_panel
    assert panel.list.count() == 1
    [note] = window.notes.notes
    assert (note.exact, note.color) == ("walrus clause", "concern")
    assert window.reader.layer(NOTES.name) == [Span(start, start + 13, "note")]
    window.reader.verticalScrollBar().setValue(0)
    qtbot.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualItemRect(panel.list.item(0)).center(),
    )
    assert window.reader.verticalScrollBar().value() > 0  # jumped to the passage
    window.notes.edit(note.id, comment="Verify with the desk", tags=split_tags("#a, b ,a"))
    shown = panel.list.item(0).text()
    assert "Verify with the desk" in shown and "#a  #b" in shown
    window.undo_action.trigger()
    assert window.notes.notes[0].comment == ""
    window.undo_action.trigger()
    assert panel.list.count() == 0 and NOTES.name not in window.reader.layer_names()
    window.redo_action.trigger()
    assert panel.list.count() == 1
    panel.colour_filter.setCurrentIndex(panel.colour_filter.findData("key"))
    assert panel.list.count() == 0
    panel.colour_filter.setCurrentIndex(0)
    panel.text_filter.setText("walrus")
    assert panel.list.count() == 1


def test_a_passage_link_opens_scrolls_and_flashes(qtbot: QtBot, window: MainWindow) -> None:
    from briefreader.core.annotations.export import parse_passage_link, passage_link

    text = window.reader.document_model.text
    start = text.index("walrus clause")
    path = window.reader.document_model.metadata.path
    note = window.notes.backend.create(window.reader.document_model, start, start + 13, "key")
    link = parse_passage_link(passage_link(note))
    assert link is not None and (link.path, link.start, link.end) == (path, start, start + 13)
    assert parse_passage_link("https://example.org/?start=1&end=2") is None
    window.reader.verticalScrollBar().setValue(0)
    window.handle_request({"open": path, "start": start, "end": start + 13})
    assert window.reader.layer("flash") == [Span(start, start + 13, "link")]
    assert window.reader.verticalScrollBar().value() > 0


def test_searching_tag_opens_the_noted_passage(qtbot: QtBot, window: MainWindow) -> None:
    document = window.reader.document_model
    start = document.text.index("walrus clause")
    window.notes.backend.create(document, start, start + 13, "key", "the crux", ["crux"])
    window.search_box.setText("tag:crux")
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        window.run_search()
    hit = window.results.hit_at(0)
    assert hit is not None and hit.note_span == (start, start + 13)
    window.reader.verticalScrollBar().setValue(0)
    window.open_hit(hit)
    assert window.reader.layer("flash") == [Span(start, start + 13, "link")]


def test_colours_get_the_analysts_names(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.name_colours()
    qtbot.addWidget(dialog)
    dialog.fields["concern"].setText("Red flag")
    dialog.accept()
    assert window.notes_panel.colour_filter.findText("Red flag") >= 0
    assert window.notes.highlight_actions[1].text() == "Highlight: Red flag"
    assert ("concern", "Red flag") in [(k, m) for k, m, _c in window.notes.backend.colours()]


def test_export_what_the_panel_lists_and_import_it_back(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    document = window.reader.document_model
    for phrase, colour in (("walrus clause", "key"), ("Paragraph 3", "concern")):
        start = document.text.index(phrase)
        window.notes.backend.create(document, start, start + len(phrase), colour)
    window.notes.refresh()
    panel = window.notes_panel
    panel.colour_filter.setCurrentIndex(panel.colour_filter.findData("concern"))
    out = tmp_path / "concern.md"
    assert window.notes.export_listed("markdown", out) == 1
    text = out.read_text(encoding="utf-8")
    assert "> Paragraph 3" in text and "walrus" not in text
    panel.colour_filter.setCurrentIndex(0)
    exported = tmp_path / "all.json"
    assert window.notes.export_listed("json", exported) == 2
    pdf = tmp_path / "all.pdf"
    window.notes.export_listed("pdf", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert window.notes.import_file(exported) == 0  # already here: no duplicates
    for note in list(window.notes.backend.everything()):
        window.notes.backend.delete(note.id)
    assert window.notes.import_file(exported) == 2 and panel.list.count() == 2


def test_a_comment_goes_to_the_passage_selected_when_its_dialog_opened(
    qtbot: QtBot, window: MainWindow
) -> None:
    """While the analyst types, a background redraw may drop the selection: the comment
    must still be saved, on the passage it was written for."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    document = window.reader.document_model
    start = document.text.index("walrus clause")
    drag_select(qtbot, window, start, start + len("walrus clause"))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        cursor = window.reader.textCursor()
        cursor.clearSelection()  # the page redrawn under the dialog
        window.reader.setTextCursor(cursor)
        dialog.setTextValue("Check the *walrus* clause")
        dialog.accept()

    QTimer.singleShot(20, answer)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    [note] = [n for n in window.notes.backend.everything() if n.comment]
    assert (note.exact, note.comment) == ("walrus clause", "Check the *walrus* clause")
