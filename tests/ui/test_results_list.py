"""The result list: short snippets around the first hit, six results visible at 1280x800, and
four library rows kept beside the results at 1024x640."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import indexed_window
from pytestqt.qtbot import QtBot

from briefreader.ui.search.panel import compact_snippet
from briefreader.ui.window.main_window import MainWindow

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
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
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


def visible_rows(view) -> int:  # type: ignore[no-untyped-def]
    viewport = view.viewport().rect()
    model = view.model()
    return sum(
        viewport.contains(view.visualRect(model.index(row, 0))) for row in range(model.rowCount())
    )


def test_at_1024_by_640_results_leave_the_library_four_rows(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1024, 640)
    qtbot.wait(50)
    long_query = "walrus OR crossing OR tariffs OR inspections OR schedules source:\"Desk 3\""
    window.search_box.setText(long_query)
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        window.run_search()
    qtbot.wait(50)
    assert visible_rows(window.library_panel.view) >= 4
    assert visible_rows(window.results.view) >= 1
    summary = window.results.summary
    assert summary.height() <= 2 * summary.fontMetrics().lineSpacing() + 4  # the echo is cut
    assert long_query in summary.toolTip()


def test_facets_count_sources_and_a_click_narrows_the_query(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search_box.setText("walrus")
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        window.run_search()
    panel = window.results
    assert panel.facets.isVisible()
    assert "Desk 3</a> (1)" in panel.facets.text()
    link = next(
        f"source:{n}" for n, (value, _c) in enumerate(panel._results.facets.sources)
        if value == "Desk 3"
    )  # fmt: skip
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        panel.facets.linkActivated.emit(link)
    assert window.search_box.text() == 'walrus source:"Desk 3"'
    assert panel.model.rowCount() == 1


def test_newest_first_orders_by_date(tmp_path: Path) -> None:
    from briefreader.core.index.library_index import LibraryIndex
    from briefreader.core.library import Library
    from briefreader.core.search.search import search

    folder = tmp_path / "lib"
    folder.mkdir()
    for name, date in (("a", "2019-05-01"), ("b", "2021-01-09"), ("c", "2020-03-03")):
        (folder / f"{name}.md").write_text(
            f"---\ndate: {date}\nsource: Desk {name}\n---\n# {name}\n\nPact.\n"
        )
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    results = search(index, "pact", sort="date", facets=True)
    assert [hit.date for hit in results.hits] == ["2021-01-09", "2020-03-03", "2019-05-01"]
    assert results.facets.years == (("2021", 1), ("2020", 1), ("2019", 1))
    assert dict(results.facets.sources) == {"Desk a": 1, "Desk b": 1, "Desk c": 1}
