"""Reading in the main window: where documents and hits land, zoom, measure, theme, layers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import indexed_window
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefreader.core.text.document import Span
from briefreader.paths import AppPaths
from briefreader.ui.reader.layers import LayerStyle
from briefreader.ui.services import reading as library_controller
from briefreader.ui.theme import DARK, LIGHT, ThemeMode
from briefreader.ui.window.main_window import MainWindow

TIMEOUT = 30000
FILLER = "An ordinary paragraph about fisheries, tariffs and shipping lanes. " * 6


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    clause = "The quokka clause was agreed in Vienna."
    middle = "\n\n".join([FILLER] * 30 + [clause] + [FILLER] * 30)
    (folder / "long.md").write_text(f"# Long Briefing\n\n{middle}\n", "utf-8")
    (folder / "short.md").write_text(
        "# Short Note\n\nThe zebra accord and the quokka clause.\n", "utf-8"
    )
    (folder / "plain.txt").write_text("Source: Desk\nA single line with no headline shape.\n")
    (folder / "front.md").write_text("---\ntitle: Named in Front Matter\n---\nBody text.\n")
    return folder


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, library: Path) -> Iterator[MainWindow]:
    with indexed_window(qtbot, tmp_path / "data", library, documents=4) as main:
        yield main


def search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    window.search_box.setText(query)
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        window.run_search()


def open_path(qtbot: QtBot, window: MainWindow, name: str) -> None:
    row = next(
        r
        for r in range(window.library_panel.proxy.rowCount())
        if window.library_panel.proxy.index(r, 0).data(Qt.ItemDataRole.ToolTipRole).endswith(name)
    )
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        window.library_view.setCurrentIndex(window.library_panel.proxy.index(row, 0))


def hit_row(window: MainWindow, name: str) -> int:
    rows = range(window.results.model.rowCount())
    return next(r for r in rows if window.results.hit_at(r).path.endswith(name))


def test_the_current_hit_sits_in_the_middle_and_a_new_document_opens_at_its_top(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "quokka")
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        window.open_hit(window.results.hit_at(hit_row(window, "long.md")))
    reader = window.reader
    hit = window.reader_panel.hits.current_span
    assert hit is not None and reader.verticalScrollBar().value() > 0
    middle = reader.viewport().height() / 2
    top = reader.cursorRect(reader.cursor_for(Span(hit.start, hit.start))).top()
    assert abs(top - middle) < reader.viewport().height() * 0.15, (top, middle)
    window.search_box.clear()
    window.run_search()
    open_path(qtbot, window, "plain.txt")
    assert reader.verticalScrollBar().value() == 0
    assert reader.textCursor().position() == 0


def test_hits_follow_the_query_and_library_documents_carry_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "zebra")
    open_path(qtbot, window, "short.md")
    panel = window.reader_panel
    text = panel.document.text
    assert [text[s.start : s.end] for s in panel.hits.spans] == ["zebra"]
    with qtbot.waitSignal(window.controller.reading.hits_changed, timeout=TIMEOUT):
        search(qtbot, window, "quokka")
    assert [text[s.start : s.end] for s in panel.hits.spans] == ["quokka"]
    assert panel.hit_label.text() == "Hit 1 of 1"
    window.search_box.clear()
    window.run_search()
    assert panel.hits.spans == [] and "hits" not in window.reader.layer_names()
    assert not panel.hit_label.isVisible()


def test_one_click_on_a_row_loads_the_document_once(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[Path] = []
    real = library_controller.load_document

    def counting(path: Path):  # type: ignore[no-untyped-def]
        loads.append(path)
        return real(path)

    monkeypatch.setattr(library_controller, "load_document", counting)
    view = window.library_view
    rect = view.visualRect(window.library_panel.proxy.index(1, 0))
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window.runner.wait_for_all(TIMEOUT)
    qtbot.wait(50)
    assert len(loads) == 1
    search(qtbot, window, "quokka")
    loads.clear()
    view = window.results.view  # long.md is open: a double click opens short.md once
    rect = view.visualRect(window.results.model.index(hit_row(window, "short.md"), 0))
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        # A real double click: press and release (clicked), then the double-click event
        # (activated): both ask for the document.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window.runner.wait_for_all(TIMEOUT)
    qtbot.wait(50)
    assert len(loads) == 1


def test_zoom_scales_headings_and_is_remembered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    open_path(qtbot, window, "short.md")
    reader = window.reader

    def heading_size() -> float:
        cursor = QTextCursor(reader.document())
        cursor.setPosition(1)
        return cursor.charFormat().fontPointSize()

    before, body = heading_size(), reader.point_size
    window.zoom_in_action.trigger()
    assert reader.point_size > body
    assert heading_size() / before == pytest.approx(reader.point_size / body, rel=0.02)
    event = QWheelEvent(
        QPointF(20, 20), QPointF(20, 20), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(reader.viewport(), event)
    assert reader.point_size == pytest.approx(body, abs=0.15)
    window.zoom_in_action.trigger()
    zoomed = reader.point_size
    assert window.zoom_in_action.shortcuts()[0].toString() == "Ctrl+="
    window.close()
    again = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(again)
    assert again.reader.point_size == pytest.approx(zoomed)
    again.zoom_reset_action.trigger()
    assert again.reader.point_size == pytest.approx(again._default_point_size())


def test_lines_keep_a_readable_measure_in_a_wide_window(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1900, 900)
    window.main_splitter.setSizes([300, 1600])
    open_path(qtbot, window, "long.md")
    reader = window.reader
    frame = reader.document().rootFrame().frameFormat()
    text_width = reader.viewport().width() - frame.leftMargin() - frame.rightMargin()
    layout = reader.document().firstBlock().next().layout()
    line = layout.lineAt(0)
    characters = line.textLength()
    assert 60 <= characters <= 95, characters
    assert frame.leftMargin() > 100 and text_width < reader.viewport().width() * 0.7


def test_dark_theme_covers_the_page_and_the_highlights(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "zebra")
    open_path(qtbot, window, "short.md")
    window.set_theme_mode(ThemeMode.DARK)
    reader = window.reader
    assert reader.palette().color(QPalette.ColorRole.Base) == DARK.page
    backgrounds = {s.format.background().color().name() for s in reader.extraSelections()}
    assert DARK.current_hit.name() in backgrounds  # the hit, in the dark palette
    assert not backgrounds & {LIGHT.hit.name(), LIGHT.current_hit.name()}
    assert window.settings.theme == "dark"
    corner = reader.viewport().grab().toImage().pixelColor(3, 3)
    assert corner.lightness() < 60, corner.name()  # the page itself is painted dark
    window.set_theme_mode(ThemeMode.LIGHT)
    assert reader.palette().color(QPalette.ColorRole.Base).lightness() > 200


def test_the_title_is_shown_once(qtbot: QtBot, window: MainWindow) -> None:
    open_path(qtbot, window, "short.md")
    assert not window.reader_title.isVisible()  # the page's own heading is the title
    open_path(qtbot, window, "plain.txt")
    assert window.reader_title.isVisible()  # a first sentence is no title: source and date are
    assert window.reader_title.text() == "Desk"
    open_path(qtbot, window, "front.md")
    assert window.reader_title.isVisible()  # the page does not show it: the header does
    assert window.reader_title.text() == "Named in Front Matter"


def test_an_empty_library_says_what_to_do_and_the_filter_narrows_the_list(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = window.library_panel
    qtbot.keyClicks(panel.filter_box, "zebra")
    assert panel.proxy.rowCount() == 0 and panel.showing_empty_message
    panel.filter_box.setText("short")
    assert panel.proxy.rowCount() == 1 and not panel.showing_empty_message
    empty = tmp_path / "empty"
    empty.mkdir()
    panel.filter_box.clear()
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.open_folders([empty])
    qtbot.waitUntil(lambda: panel.showing_empty_message, timeout=TIMEOUT)
    message = panel.empty_label.text()
    assert ".md" in message and ".html" in message and "Open Folder" in message


def test_a_broken_query_keeps_the_last_results_greyed(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "quokka")
    count = window.results.model.rowCount()
    assert count == 2 and not window.results.stale
    assert "“quokka”" in window.results.summary.text()
    window.search_box.setText("quokka AND")
    with qtbot.waitSignal(window.controller.reading.search_failed, timeout=TIMEOUT):
        window.run_search()
    assert window.results.model.rowCount() == count and window.results.stale
    assert "needs a search term" in window.results.summary.text()
    search(qtbot, window, '"quokka clause"')
    assert not window.results.stale
    assert window.results.summary.text().endswith('for "quokka clause"')


def test_an_unfinished_phrase_waits_for_a_longer_pause(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_box, '"quokka')
    assert window.search_timer.interval() > 1000
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "quokka")
    assert window.search_timer.interval() < 500


def test_layers_draw_in_priority_order_report_clicks_and_reveal(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_path(qtbot, window, "long.md")
    window.entities.show([])  # only the layers this test draws
    reader = window.reader
    text = reader.document_model.text
    start = text.index("quokka")
    word = Span(start, start + len("quokka"), "PERSON")
    sentence = Span(text.rfind("\n", 0, start) + 1, text.index("Vienna.") + 7, "evidence")
    low, high = LayerStyle(background=DARK.find), LayerStyle(background=DARK.hit, tooltip="tip")
    reader.set_layer("evidence", [sentence], low, priority=1)
    reader.set_layer("entity:PERSON", [word], high, priority=5)
    colours = [s.format.background().color() for s in reader.extraSelections()]
    assert colours == [DARK.find, DARK.hit]  # the higher layer is drawn last, on top
    assert set(reader.spans_at(start + 2)) == {"evidence", "entity:PERSON"}
    assert reader.spans_at(0) == {}
    reader.reveal(word)
    assert "flash" in reader.layer_names()
    qtbot.waitUntil(lambda: "flash" not in reader.layer_names(), timeout=3000)
    rect = reader.cursorRect(reader.cursor_for(Span(start + 2, start + 2)))
    with qtbot.waitSignal(reader.span_clicked) as clicked:
        qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clicked.args[0].spans["entity:PERSON"] == [word]
    reader.clear_layer("evidence")
    assert reader.layer_names() == ["entity:PERSON"]


def test_a_narrow_library_gives_the_titles_the_room(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.library_panel
    window.main_splitter.setSizes([360, 920])
    qtbot.waitUntil(lambda: panel.width() < 420)
    assert panel.view.isColumnHidden(1)
    assert panel.view.columnWidth(0) > panel.view.viewport().width() * 0.6
    window.main_splitter.setSizes([560, 720])
    qtbot.waitUntil(lambda: not panel.view.isColumnHidden(1))
