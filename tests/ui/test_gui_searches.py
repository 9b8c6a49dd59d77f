"""History and saved searches in the window: remembered on Enter, rerun from the menu, and
new matching documents counted when the menu opens."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import indexed_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefreader.core.search.searches import SearchBook
from briefreader.paths import AppPaths
from briefreader.ui.window.main_window import MainWindow

TIMEOUT = 30000


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n\nThe walrus accord.\n")
    (folder / "b.md").write_text("# B\n\nThe narwhal memorandum.\n")
    return folder


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, library: Path) -> Iterator[MainWindow]:
    with indexed_window(qtbot, tmp_path / "data", library) as main:
        yield main


def test_enter_keeps_the_query_and_the_box_completes_from_history(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    qtbot.keyClicks(window.search_box, "walrus")
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.searches.book.history == ["walrus"]
    assert window.search_box.completer().model().stringList() == ["walrus"]
    recent = [a.text() for a in window.searches.recent_menu.actions()]
    assert recent == ["walrus"]
    stored = SearchBook.load(AppPaths.resolve(tmp_path / "data").searches_file)
    assert stored.history == ["walrus"]


def test_a_saved_search_counts_new_documents_and_reruns(
    qtbot: QtBot, window: MainWindow, library: Path
) -> None:
    window.searches.save("Walrus watch", "walrus")
    names = [a.data() for a in window.searches.saved_actions()]
    assert names == ["Walrus watch"]
    later = time.time_ns() + 5_000_000_000
    fresh = library / "c.md"
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        fresh.write_text("# C\n\nA second walrus text.\n")
        os.utime(fresh, ns=(later, later))
    window.runner.wait_for_all(TIMEOUT)
    window.searches.refresh_counts()
    qtbot.waitUntil(
        lambda: window.searches.saved_actions()[0].text() == "Walrus watch  (1 new)",
        timeout=TIMEOUT,
    )
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        window.searches.saved_actions()[0].trigger()
    assert window.search_box.text() == "walrus"
    assert window.results.model.rowCount() == 2
    assert window.searches.saved_actions()[0].text() == "Walrus watch"


def test_a_query_that_finds_nothing_offers_a_spelling_that_does(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    qtbot.keyClicks(window.search_box, "narwal")
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT) as found:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert found.args[0].total == 0
    label = window.results.facets
    assert label.isVisible() and "Did you mean" in label.text() and "narwhal" in label.text()
    window.grab().save(str(tmp_path / "did-you-mean.png"))
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT) as rerun:
        label.linkActivated.emit("suggest:narwhal")
    assert rerun.args[0].total == 1 and window.search_box.text() == "narwhal"
    assert "Did you mean" not in label.text()


def test_entities_are_analysed_after_indexing_and_searchable(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "cables"
    folder.mkdir()
    for number in range(30):
        city = "Moscow" if number % 3 == 0 else "Brussels"
        (folder / f"cable-{number:02}.md").write_text(
            f"# Cable {number}\n\nMinisters met in {city} on Tuesday.\n", encoding="utf-8"
        )
    main = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    progress: list[tuple[int, int]] = []
    main.controller.analysis.entities_progress.connect(lambda d, t: progress.append((d, t)))
    try:
        with qtbot.waitSignal(
            main.controller.analysis.entities_finished, timeout=TIMEOUT
        ) as analysed:
            main.open_folders([folder])
        assert analysed.args[0] == 30 and progress and progress[-1] == (30, 30)
        assert not main.status.entities_label.isVisible()
        main.search_box.setText("place:moscow")
        with qtbot.waitSignal(main.controller.reading.search_finished, timeout=TIMEOUT) as found:
            main.run_search()
        assert found.args[0].total == 10

        main.search_box.setText("ministers")
        with qtbot.waitSignal(main.controller.reading.search_finished, timeout=TIMEOUT) as found:
            main.run_search()
        assert found.args[0].facets.entities == (("GPE", "Brussels", 20), ("GPE", "Moscow", 10))
        assert (
            "Names ▸" in main.results.facets.text() and "Moscow" not in main.results.facets.text()
        )
        main.results.facets.linkActivated.emit("names:toggle")
        assert "Moscow</a> (10)" in main.results.facets.text()
        with qtbot.waitSignal(main.controller.reading.search_finished, timeout=TIMEOUT) as narrowed:
            main.results.facets.linkActivated.emit("entity:1")
        assert main.search_box.text() == 'ministers place:"Moscow"'
        assert narrowed.args[0].total == 10
    finally:
        main.controller.cancel_indexing()
        main.runner.wait_for_all(TIMEOUT)
