"""A query's narrowing clauses as chips: which can be taken off on their own, and the query
left when one is; the chip row in the window, taken off from the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, indexed_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefreader.core.search.query import Query
from briefreader.core.search.query_chips import narrowings, without
from briefreader.ui.search.panel import chips_html
from briefreader.ui.theme import LIGHT
from briefreader.ui.window.main_window import MainWindow


def test_each_standing_clause_is_a_chip_and_comes_off_cleanly() -> None:
    query = 'sanctions source:"Desk Notes" date:2021 person:"Joe Biden"'
    found = narrowings(query)
    assert [(n.field, n.value) for n in found] == [
        ("source", "Desk Notes"), ("date", "2021"), ("person", "Joe Biden"),
    ]  # fmt: skip
    assert without(query, found[0]) == 'sanctions date:2021 person:"Joe Biden"'
    assert without(query, found[2]) == 'sanctions source:"Desk Notes" date:2021'
    for narrowing in found:
        assert Query.parse(without(query, narrowing)).valid


@pytest.mark.parametrize(
    "query",
    ["a OR source:x", "source:x OR a", "(a source:x)", '"the source:x line"', "a NOT date:2020",
     "source:", 'source:""', "unknown:x"],
)  # fmt: skip
def test_a_clause_tied_to_the_rest_is_left_in_the_text(query: str) -> None:
    assert narrowings(query) == []


def test_a_long_value_is_cut_in_the_label_and_escaped_in_the_chip() -> None:
    query = 'source:"<b>' + "x" * 80 + '</b>"'
    (narrowing,) = narrowings(query)
    assert len(narrowing.label) < 45 and narrowing.label.endswith("…")
    html = chips_html(query, LIGHT)
    assert "<b>" not in html and "&lt;b&gt;" in html


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "desk"
    folder.mkdir()
    for year in (2020, 2021):
        (folder / f"brief-{year}.md").write_text(
            f"# Ferry Brief {year}\n\nDate: {year}-03-01\n\nThe ferry treaty was signed.\n"
        )
    with indexed_window(qtbot, tmp_path / "data", folder, documents=2, active=True) as main:
        yield main


def test_a_chip_taken_off_from_the_keyboard_widens_the_search(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "ferry date:2021")
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT) as narrowed:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert narrowed.args[0].total == 1
    chips = window.results.chips
    assert chips.isVisible() and "date: 2021" in chips.text()
    chips.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(chips, Qt.Key.Key_Tab)  # to the chip's ✕
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT) as widened:
        qtbot.keyClick(chips, Qt.Key.Key_Return)
    assert window.search_box.text() == "ferry"
    assert widened.args[0].total == 2
    assert not window.results.chips.isVisible()
