"""Queries with filter fields (``place:``, ``person:``, ``tag:``) in the window, the way an
analyst uses them: typed into the search box, a result opened by a click or Enter, and the
page shows the query's hits with "Hit 1 of N"; a saved search with ``person:`` counts its new
matches; a Names facet keeps the hits marked; an invalid clause says why."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import indexed_window
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from briefreader.core.search.query import Query
from briefreader.core.text.document import Span
from briefreader.paths import AppPaths
from briefreader.ui.window.main_window import MainWindow

TIMEOUT = 30000


@pytest.fixture
def seeds_window(qtbot: QtBot, tmp_path: Path, seed_copy: Path) -> Iterator[MainWindow]:
    """The sample library, indexed and its entities analysed (for person:, place:…)."""
    main = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    main.activateWindow()
    try:
        with qtbot.waitSignal(main.controller.analysis.entities_finished, timeout=TIMEOUT):
            main.open_folders([seed_copy])
        yield main
    finally:
        main.controller.cancel_indexing()
        main.runner.wait_for_all(TIMEOUT)


def type_and_search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    window.search_box.clear()
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, query)
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)


def click_result(qtbot: QtBot, window: MainWindow, row: int) -> None:
    view = window.results.view
    rect = view.visualRect(window.results.model.index(row, 0))
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def marked_words(window: MainWindow) -> list[str]:
    """The words the reader marks as hits, read back from the page itself."""
    text = window.reader.toPlainText()
    return [text[span.start : span.end].lower() for span in window.reader.layer("hits")]


def assert_hits_shown(window: MainWindow, stem: str) -> None:
    words = marked_words(window)
    assert words and all(word.startswith(stem) for word in words), words
    label = window.reader_panel.hit_label.text()
    assert re.fullmatch(rf"Hit 1 of {len(words)}( · page \d+)?", label), label


def test_a_place_clause_opens_its_result_with_the_words_marked(
    qtbot: QtBot, seeds_window: MainWindow
) -> None:
    type_and_search(qtbot, seeds_window, "sanctions place:iran")
    assert seeds_window.results.model.rowCount() >= 1
    click_result(qtbot, seeds_window, 0)
    assert_hits_shown(seeds_window, "sanction")


def test_a_person_clause_opens_its_result_from_the_keyboard_with_the_words_marked(
    qtbot: QtBot, seeds_window: MainWindow
) -> None:
    type_and_search(qtbot, seeds_window, "agreement person:obama")
    assert seeds_window.results.model.rowCount() >= 1
    qtbot.keyClick(seeds_window.search_box, Qt.Key.Key_Down)
    with qtbot.waitSignal(seeds_window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.keyClick(seeds_window.results.view, Qt.Key.Key_Return)
    assert_hits_shown(seeds_window, "agreement")


def test_the_names_facet_narrows_the_query_and_keeps_the_hits_marked(
    qtbot: QtBot, seeds_window: MainWindow
) -> None:
    type_and_search(qtbot, seeds_window, "sanctions")
    click_result(qtbot, seeds_window, 0)
    assert_hits_shown(seeds_window, "sanction")
    facets = seeds_window.results.facets
    facets.linkActivated.emit("names:toggle")
    names = re.findall(r'<a href="(entity:\d+)">Iran</a>', facets.text())
    assert names, facets.text()
    with qtbot.waitSignal(
        seeds_window.controller.reading.search_finished, timeout=TIMEOUT
    ) as narrowed:
        facets.linkActivated.emit(names[0])
    assert seeds_window.search_box.text() == 'sanctions place:"Iran"'
    assert narrowed.args[0].total >= 1
    qtbot.waitUntil(lambda: bool(seeds_window.reader.layer("hits")), timeout=TIMEOUT)
    assert_hits_shown(seeds_window, "sanction")  # the open document keeps its marks
    shown = seeds_window.reader.document_model.metadata.path
    others = [
        row
        for row in range(seeds_window.results.model.rowCount())
        if (hit := seeds_window.results.hit_at(row)) is not None and hit.path != shown
    ]
    assert others  # a second result, opened after the narrowing, is marked too
    click_result(qtbot, seeds_window, others[0])
    assert seeds_window.reader.document_model.metadata.path != shown
    assert_hits_shown(seeds_window, "sanction")


def test_a_saved_search_with_a_person_counts_its_new_matches(
    qtbot: QtBot, seeds_window: MainWindow, seed_copy: Path
) -> None:
    searches = seeds_window.searches
    searches.save("Obama deals", "agreement person:obama")
    changed = seed_copy / "jcpoa_vienna_2015.md"
    later = time.time_ns() + 5_000_000_000
    with qtbot.waitSignal(seeds_window.controller.analysis.entities_finished, timeout=TIMEOUT):
        changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more agreement.\n")
        os.utime(changed, ns=(later, later))
    searches.menu.popup(seeds_window.mapToGlobal(QPoint(10, 10)))  # opening counts
    try:
        qtbot.waitUntil(
            lambda: searches.saved_actions()[0].text() == "Obama deals  (1 new)", timeout=TIMEOUT
        )
    finally:
        searches.menu.close()


def test_an_invalid_saved_search_says_why_instead_of_counting_nothing(
    qtbot: QtBot, seeds_window: MainWindow
) -> None:
    searches = seeds_window.searches
    searches.save("Broken", "sanctions (place:iran)")
    searches.refresh_counts()
    qtbot.waitUntil(lambda: "invalid" in searches.saved_actions()[0].text(), timeout=TIMEOUT)
    error = Query.parse("sanctions (place:iran)").error
    assert error is not None and error in searches.saved_actions()[0].toolTip()


@pytest.fixture
def notes_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "library"
    folder.mkdir()
    body = "\n\n".join(f"Paragraph {n} on the customs annex." for n in range(30))
    (folder / "annex.md").write_text(f"# Annex\n\n{body}\n\nThe walrus clause matters.\n")
    (folder / "other.md").write_text("# Other\n\nA clause without any note on it.\n")
    with indexed_window(qtbot, tmp_path / "data", folder, documents=2, active=True) as main:
        yield main


def open_from_library(qtbot: QtBot, window: MainWindow, name: str) -> None:
    model = window.library_panel.proxy
    row = next(r for r in range(model.rowCount()) if name in str(model.index(r, 0).data()))
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        window.library_view.setCurrentIndex(model.index(row, 0))


def test_a_tag_clause_opens_the_noted_document_with_the_words_marked(
    qtbot: QtBot, notes_window: MainWindow
) -> None:
    window = notes_window
    open_from_library(qtbot, window, "Annex")
    text = window.reader.document_model.text
    start = text.index("walrus clause")
    window.reader.select_span(Span(start, start + len("walrus clause")))
    qtbot.keyClick(window.reader, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    [note] = window.notes.notes
    window.notes.edit(note.id, tags=["crux"])
    open_from_library(qtbot, window, "Other")  # the noted document is not the open one
    type_and_search(qtbot, window, "clause tag:crux")
    assert window.results.model.rowCount() == 1
    click_result(qtbot, window, 0)
    assert window.reader.document_model.metadata.title == "Annex"
    assert_hits_shown(window, "clause")
    assert window.reader.layer("flash") == [Span(start, start + 13, "link")]  # at the note


def test_an_empty_filter_clause_gets_the_same_message_as_everywhere(
    qtbot: QtBot, notes_window: MainWindow
) -> None:
    window = notes_window
    window.search_box.setText("clause tag:")
    with qtbot.waitSignal(window.controller.reading.search_failed, timeout=TIMEOUT) as failed:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    message = Query.parse("clause tag:").error
    assert failed.args[0] == message == "'tag:' needs a word right after it"
    assert window.results.summary.text() == failed.args[0]


def test_a_search_run_again_keeps_the_selection_and_the_place(
    qtbot: QtBot, notes_window: MainWindow
) -> None:
    """The active query runs again (Enter again, or after the index changed): the open
    document's hits are refreshed in the background, and the page must neither jump to the
    first hit nor drop the analyst's selection."""
    window = notes_window
    type_and_search(qtbot, window, "annex")
    click_result(qtbot, window, 0)
    reader = window.reader
    text = reader.document_model.text
    start = text.index("Paragraph 25")
    reader.scroll_to_offset(start)
    place = reader.verticalScrollBar().value()
    passage = Span(start, start + len("Paragraph 25"))
    reader.select_span(passage)
    window.search_box.setFocus()
    with qtbot.waitSignal(window.controller.reading.hits_changed, timeout=TIMEOUT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.wait(50)
    selected = reader.selection_span()
    assert selected is not None and (selected.start, selected.end) == (passage.start, passage.end)
    assert reader.verticalScrollBar().value() == place
