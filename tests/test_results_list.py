"""The result list: short snippets around the first hit, six results visible at 1280x800."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import indexed_window
from pytestqt.qtbot import QtBot

from briefreader.ui.main_window import MainWindow
from briefreader.ui.search_panel import compact_snippet

TIMEOUT = 30000


def test_result_list_snippets_are_cut_around_the_first_hit() -> None:
    marked = "…" + "word " * 60 + "\x01treaty\x02 " + "tail " * 60 + "…"
    short = compact_snippet(marked, 150)
    assert len(short) <= 152 and "\x01treaty\x02" in short
    assert short.startswith("…") and short.endswith("…")
    assert compact_snippet("short \x01one\x02", 150) == "short \x01one\x02"
    cut = compact_snippet("a " * 20 + "\x01" + "long " * 80 + "\x02", 60)
    assert cut.count("\x01") == cut.count("\x02") == 1


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "library"
    folder.mkdir()
    for number in range(10):
        (folder / f"cable{number}.md").write_text(
            f"# Cable {number} on the Border Commission\n\nSource: Desk {number}\n\n"
            + "The commission met again to discuss the crossing points and tariffs. " * 8
            + "The walrus protocol was raised. "
            + "Delegates then turned to customs schedules and inspections. " * 8
        )
    with indexed_window(qtbot, tmp_path / "data", folder) as main:
        yield main


def test_six_results_are_visible_at_1280_by_800(qtbot: QtBot, window: MainWindow) -> None:
    window.search_box.setText("walrus")
    with qtbot.waitSignal(window.controller.search_finished, timeout=TIMEOUT):
        window.run_search()
    view = window.results.view
    qtbot.wait(50)
    viewport = view.viewport().rect()
    visible = [
        row
        for row in range(window.results.model.rowCount())
        if viewport.contains(view.visualRect(window.results.model.index(row, 0)))
    ]
    assert len(visible) >= 6, len(visible)
