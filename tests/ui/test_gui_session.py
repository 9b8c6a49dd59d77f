"""Session restore: quit with a document open at a place, a query and a side tab; start
again and all of it comes back. A damaged or outdated session restores what it can."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import TIMEOUT
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefreader.paths import AppPaths
from briefreader.ui.window.main_window import MainWindow
from briefreader.ui.window.session import Session


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    body = "\n\n".join(f"Paragraph {n} on the customs annex and the ferry." for n in range(300))
    (folder / "annex.md").write_text(f"# Customs Annex\n\n{body}\n", encoding="utf-8")
    (folder / "brief.md").write_text("# Ferry Brief\n\nThe ferry sails.\n", encoding="utf-8")
    return folder


def _window(qtbot: QtBot, data: Path) -> MainWindow:
    main = MainWindow(AppPaths.resolve(data))
    qtbot.addWidget(main)
    main.resize(1024, 640)
    main.show()
    return main


def test_the_last_document_place_query_and_tab_come_back(qtbot: QtBot, tmp_path: Path) -> None:
    folder, data = _library(tmp_path), tmp_path / "data"
    first = _window(qtbot, data)
    with qtbot.waitSignal(first.controller.indexer.index_finished, timeout=TIMEOUT):
        first.resume_session([folder], [])
    qtbot.waitUntil(lambda: first.library_model.rowCount() == 2, timeout=TIMEOUT)
    proxy = first.library_panel.proxy
    row = next(r for r in range(2) if proxy.index(r, 0).data() == "Customs Annex")
    with qtbot.waitSignal(first.controller.reading.document_loaded, timeout=TIMEOUT):
        first.library_view.setCurrentIndex(proxy.index(row, 0))
    text = first.reader_panel.document.text
    place = text.index("Paragraph 150")
    first.reader.scroll_to_offset(place)
    top = first.reader.offset_at_top()
    assert top is not None and abs(top - place) < 80
    first.search_box.setFocus()
    qtbot.keyClicks(first.search_box, "ferry")
    qtbot.keyClick(first.search_box, Qt.Key.Key_Return)
    first.side_tabs.setCurrentIndex(first.side_tabs.count() - 1)
    tab = first.side_tabs.currentIndex()
    first.close()  # the analyst quits
    assert Session.load(first.paths.session_file).document.endswith("annex.md")

    second = _window(qtbot, data)
    with qtbot.waitSignal(second.controller.reading.document_loaded, timeout=TIMEOUT):
        second.resume_session(None, [])  # started with no folder named
    qtbot.waitUntil(lambda: second.library_model.rowCount() == 2, timeout=TIMEOUT)
    assert second.reader_panel.document.metadata.path == str(folder / "annex.md")
    qtbot.waitUntil(lambda: abs((second.reader.offset_at_top() or 0) - top) < 80, timeout=TIMEOUT)
    assert second.search_box.text() == "ferry"
    assert second.side_tabs.currentIndex() == tab
    qtbot.waitUntil(lambda: second.results.model.rowCount() == 2, timeout=TIMEOUT)
    second.controller.cancel_indexing()
    second.runner.wait_for_all(TIMEOUT)


def test_a_damaged_or_outdated_session_restores_what_it_can(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder, data = _library(tmp_path), tmp_path / "data"
    paths = AppPaths.resolve(data)
    paths.session_file.parent.mkdir(parents=True, exist_ok=True)
    paths.session_file.write_text("{not json", encoding="utf-8")
    assert Session.load(paths.session_file) == Session()
    Session(
        library=[str(folder.resolve())],
        document=str(folder / "gone.md"),
        position=10**9,
        query="ferry",
        side_tab=99,
    ).save(paths.session_file)
    window = _window(qtbot, data)
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.resume_session(None, [])
    assert window.search_box.text() == "ferry"  # what still applies comes back
    assert window.reader_panel.document is None  # the document is gone: nothing opened
    assert window.side_tabs.currentIndex() < window.side_tabs.count()
    window.controller.cancel_indexing()
    window.runner.wait_for_all(TIMEOUT)
