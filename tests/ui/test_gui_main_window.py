"""The main window end to end: open the samples, search, open a hit, see it highlighted."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import briefing_count
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from briefreader.core.loaders import load_document
from briefreader.paths import AppPaths
from briefreader.ui.library.model import PATH_ROLE
from briefreader.ui.window.main_window import MainWindow

TIMEOUT = 30000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    main = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(main)
    main.resize(1200, 780)
    main.show()
    yield main
    main.controller.cancel_indexing()
    main.runner.wait_for_all(TIMEOUT)


def open_library(qtbot: QtBot, window: MainWindow, folder: Path) -> None:
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.open_folders([folder])
    expected = briefing_count(folder)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == expected, timeout=TIMEOUT)


def search_for(qtbot: QtBot, window: MainWindow, query: str) -> None:
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, query)
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)


def test_open_samples_search_open_first_hit_highlighted(
    qtbot: QtBot, window: MainWindow, seed_copy: Path
) -> None:
    open_library(qtbot, window, seed_copy)
    assert "up to date" in window.status_label.text()
    search_for(qtbot, window, "treaty")
    view = window.results.view
    assert window.results.model.rowCount() >= 3
    first = window.results.model.index(0, 0)
    hit = window.results.hit_at(0)
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center()
        )
    reader = window.reader
    assert window.reader_title.text() == hit.title
    assert reader.plain_text() == load_document(Path(hit.path)).text
    assert window.reader_panel.hits.spans, "the opened result shows its hits"
    text = reader.plain_text()
    for span in reader.layer("hits"):  # other layers (entities) are drawn too
        assert text[span.start : span.end].lower().startswith("treat")
    assert window.reader_panel.hit_label.isVisible()
    count = len(window.reader_panel.hits.spans)
    assert window.reader_panel.hit_label.text() == f"Hit 1 of {count}"
    window.next_hit_action.trigger()
    assert window.reader_panel.hits.current == 1
    assert window.reader_panel.hit_label.text() == f"Hit 2 of {count}"
    window.prev_hit_action.trigger()
    assert window.reader_panel.hits.current == 0
    assert window.next_hit_action.shortcut() == QKeySequence("F3")
    assert window.prev_hit_action.shortcut() == QKeySequence("Shift+F3")
    assert window.focus_search_action.shortcut() == QKeySequence("Ctrl+K")


def test_invalid_query_shows_a_message(qtbot: QtBot, window: MainWindow, seed_copy: Path) -> None:
    open_library(qtbot, window, seed_copy)
    window.search_box.setText('"unclosed phrase')
    with qtbot.waitSignal(window.controller.reading.search_failed, timeout=TIMEOUT):
        window.run_search()
    assert "quotation mark" in window.results.summary.text()
    assert window.results.model.rowCount() == 0


def test_library_list_opens_a_document(qtbot: QtBot, window: MainWindow, seed_copy: Path) -> None:
    open_library(qtbot, window, seed_copy)
    view = window.library_view
    view.setFocus()
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        view.setCurrentIndex(window.library_panel.proxy.index(0, 0))
    assert window.reader_title.text() == window.library_panel.proxy.index(0, 0).data()
    assert not window.reader_panel.hit_label.isVisible()
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.reader_title.text() == window.library_panel.proxy.index(1, 0).data()


def test_library_sorts_by_date(qtbot: QtBot, window: MainWindow, seed_copy: Path) -> None:
    open_library(qtbot, window, seed_copy)
    window.library_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    proxy = window.library_panel.proxy
    dates = [proxy.index(r, 2).data() for r in range(proxy.rowCount())]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)


def test_indexing_can_be_cancelled_and_window_stays_usable(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(300):
        (folder / f"doc{number:03}.md").write_text(
            f"# Briefing {number}\n\n" + "The treaty text was published. " * 200, encoding="utf-8"
        )
    with qtbot.waitSignal(window.controller.indexer.index_progress, timeout=TIMEOUT):
        window.open_folders([folder])
    assert window.status.progress.isVisible() and window.status.cancel_button.isVisible()
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT) as finished:
        qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)
    report = finished.args[0]
    assert report.cancelled and report.total < 300
    assert not window.status.progress.isVisible()
    assert "cancelled" in window.status_label.text()


def test_window_geometry_and_recent_folders_are_remembered(
    qtbot: QtBot, tmp_path: Path, seed_copy: Path
) -> None:
    paths = AppPaths.resolve(tmp_path / "data")
    first = MainWindow(paths)
    qtbot.addWidget(first)
    first.resize(640, 480)  # inside the offscreen 800x600 screen
    first.show()
    with qtbot.waitSignal(first.controller.indexer.index_finished, timeout=TIMEOUT):
        first.open_folders([seed_copy])
    first.close()
    second = MainWindow(paths)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (640, 480)
    assert second.settings.recent_folders[0] == str(seed_copy)
    assert [a.text() for a in second.recent_menu.actions()] == [str(seed_copy)]


def test_document_titles_are_shown_as_plain_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "html-titles"
    folder.mkdir()
    (folder / "x.md").write_text("# <b>Bold</b> <img src='/etc/x.png'> title\n\nBody.\n", "utf-8")
    open_library(qtbot, window, folder)
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        window.library_view.setCurrentIndex(window.library_panel.proxy.index(0, 0))
    assert window.reader_title.textFormat() == Qt.TextFormat.PlainText
    assert window.reader_title.text() == "<b>Bold</b> <img src='/etc/x.png'> title"


def test_switching_libraries_quickly_shows_the_last_one(
    qtbot: QtBot, window: MainWindow, seed_copy: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "only.md").write_text("# Only document\n", "utf-8")
    window.open_folders([seed_copy])
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.open_folders([other])
    window.runner.wait_for_all(TIMEOUT)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1, timeout=TIMEOUT)
    qtbot.wait(100)  # any late list from the first library would arrive by now
    assert window.library_model.rowCount() == 1
    assert window.library_panel.proxy.index(0, 0).data() == "Only document"


def test_skipped_files_are_listed_with_reasons(
    qtbot: QtBot, window: MainWindow, seed_copy: Path
) -> None:
    (seed_copy / "blob.md").write_bytes(b"\x00\x01binary\x00" * 40)
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.open_folders([seed_copy])
    assert window.status.skipped_button.isVisible()
    assert window.status.skipped_button.text() == "1 skipped…"
    box = window.show_skipped()
    qtbot.addWidget(box)
    assert "blob.md" in box.detailedText() and "binary" in box.detailedText()


def test_new_briefings_in_the_folder_are_indexed_automatically(
    qtbot: QtBot, window: MainWindow, seed_copy: Path
) -> None:
    open_library(qtbot, window, seed_copy)
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT) as finished:
        (seed_copy / "fresh.md").write_text("# Fresh cable\n\nA new accord.\n", "utf-8")
    assert finished.args[0].indexed == 1
    model, fresh = window.library_model, str(seed_copy / "fresh.md")

    def listed() -> bool:
        rows = range(model.rowCount())
        return any(model.index(row, 0).data(PATH_ROLE) == fresh for row in rows)

    qtbot.waitUntil(listed)


def test_a_library_can_span_several_folders(
    qtbot: QtBot, window: MainWindow, seed_copy: Path, tmp_path: Path
) -> None:
    open_library(qtbot, window, seed_copy)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "other.md").write_text("# Other desk\n\nMore.\n", "utf-8")
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.controller.add_folder(extra)
    expected = briefing_count(seed_copy) + 1
    qtbot.waitUntil(lambda: window.library_model.rowCount() == expected, timeout=TIMEOUT)
    assert len(window.controller.library.folders) == 2


def test_keyboard_from_search_box_to_an_open_result(
    qtbot: QtBot, window: MainWindow, seed_copy: Path
) -> None:
    open_library(qtbot, window, seed_copy)
    search_for(qtbot, window, "Khalilzad")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.results.view.currentIndex().row() == 0
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        qtbot.keyClick(window.results.view, Qt.Key.Key_Return)
    assert "Taliban" in window.reader_title.text()
    assert window.reader_panel.hits.spans


def test_edits_in_place_and_a_renamed_folder_are_handled(
    qtbot: QtBot, window: MainWindow, seed_copy: Path, tmp_path: Path
) -> None:
    open_library(qtbot, window, seed_copy)
    count = window.library_model.rowCount()
    target = seed_copy / "rcep_2020.txt"
    with (
        qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT) as finished,
        target.open("a", encoding="utf-8") as handle,  # edited in place, not replaced
    ):
        handle.write("\nAddendum on sanctions.\n")
    assert finished.args[0].updated == 1
    moved = tmp_path / "moved"
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT) as finished:
        seed_copy.rename(moved)
    assert finished.args[0].removed == 0  # a vanished folder keeps its documents
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        moved.rename(seed_copy)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == count, timeout=TIMEOUT)


def test_a_large_first_index_lists_documents_before_it_ends(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefreader.core.index.library_index as index_module

    monkeypatch.setattr(index_module, "FIRST_BATCH", 30)
    monkeypatch.setattr(index_module, "BATCH", 100)
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number in range(260):
        (folder / f"cable{number:03}.md").write_text(
            f"# Cable {number}\n\nTalks on quotas resumed, round {number}.\n", encoding="utf-8"
        )
    sizes: list[int] = []
    window.controller.indexer.documents_changed.connect(lambda rows: sizes.append(len(rows)))
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.open_folders([folder])
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 260, timeout=TIMEOUT)
    assert 30 in sizes and 130 in sizes  # listed batch by batch, before the last commit


def test_an_edit_seen_by_the_watcher_updates_only_that_file(
    qtbot: QtBot, window: MainWindow, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefreader.core.library import Library

    open_library(qtbot, window, seed_copy)
    full_scans: list[Library] = []
    real_scan = Library.scan
    monkeypatch.setattr(Library, "scan", lambda self, *a, **k: full_scans.append(self)
                        or real_scan(self, *a, **k))  # fmt: skip
    edited = sorted(seed_copy.iterdir())[0]
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nA late addendum on the quokka accord.\n")
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT) as finished:
        pass  # the watcher notices within its debounce
    report = finished.args[0]
    assert (report.updated, report.indexed, report.removed) == (1, 0, 0)
    assert full_scans == []  # only the reported file was looked at
    search_for(qtbot, window, "quokka")
    assert window.results.model.rowCount() == 1


def test_quick_updates_are_followed_by_a_merge_of_their_segments(
    qtbot: QtBot, window: MainWindow, seed_copy: Path
) -> None:
    from briefreader.core.index.library_index import TIDY_ABOVE

    open_library(qtbot, window, seed_copy)
    index = window.controller.index
    assert index is not None
    edited = sorted(seed_copy.iterdir())[1]
    for round_ in range(TIDY_ABOVE + 1):  # each update commits a small segment of its own
        with edited.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAddendum {round_}.\n")
        with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
            window.controller.indexer.reindex_changed([str(edited)])
    qtbot.waitUntil(lambda: not window.controller.indexing, timeout=TIMEOUT)
    assert not index.fragmented()  # merged in the background after the last update
    search_for(qtbot, window, f"addendum {TIDY_ABOVE}")
    assert window.results.model.rowCount() == 1


def test_a_closing_window_starts_no_more_background_work(
    qtbot: QtBot, window: MainWindow, seed_copy: Path
) -> None:
    open_library(qtbot, window, seed_copy)
    window.close()
    controller = window.controller
    controller.indexer.reindex_changed([str(sorted(seed_copy.iterdir())[0])])
    controller.indexer.reindex()
    controller.analysis.analyse_entities()
    assert not controller.indexing and not controller.analysis.busy


def test_a_briefing_in_two_formats_is_one_row_that_opens_the_richer_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "talks.md").write_text("# Talks Resume in Doha\n\nThe talks resumed.\n", "utf-8")
    (folder / "talks.txt").write_text("Talks Resume in Doha\n\nThe talks resumed.\n", "utf-8")
    (folder / "other.txt").write_text("Ministers Meet in Oslo\n\nThey met.\n", "utf-8")
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.open_folders([folder])
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 2, timeout=TIMEOUT)
    proxy = window.library_panel.proxy
    titles = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    assert "Talks Resume in Doha  ·  MD + TXT" in titles
    row = titles.index("Talks Resume in Doha  ·  MD + TXT")
    tooltip = proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert str(folder / "talks.md") in tooltip and str(folder / "talks.txt") in tooltip
    window.library_view.setFocus()
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        window.library_view.setCurrentIndex(proxy.index(row, 0))  # as a click or arrow key
    assert window.reader_panel.document.metadata.path == str(folder / "talks.md")
    assert window.library_panel.label.text() == "Library — desk (2 briefings, 3 files)"
    window.search_box.setText("talks")
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.results.model.rowCount() == 1  # the briefing once, not once per format
    assert window.results.summary.text().startswith("1 result for")


