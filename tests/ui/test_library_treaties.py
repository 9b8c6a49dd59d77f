"""The Treaties view's data: agreements of every briefing in the library, merged by title and
parties, each with the documents that report on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from briefreader.core.entities.library_index import EntityIndex, analyse_library, mentions_from
from briefreader.core.facts.library import library_treaties, summaries_from
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.workspace import Workspace

if TYPE_CHECKING:
    from briefreader.ui.window.main_window import MainWindow

BRIEFS = {
    "edca-a.md": "# Defence deal\n\nThe Philippines and the United States signed the Enhanced "
    "Defense Cooperation Agreement in Manila on 28 April 2014.\n",
    "edca-b.md": "# Ten-year pact\n\nOfficials of the Philippines and the United States said "
    "the Agreement on Enhanced Defense Cooperation was signed in Manila on 28 April 2014.\n",
    "fish.md": "# Fisheries\n\nChile and Peru signed the Pacific Fisheries Agreement in Lima on "
    "3 May 2024.\n",
    "none.md": "# Weather\n\nRain is expected in Lima tomorrow.\n",
}


def analysed_library(tmp_path: Path) -> tuple[EntityIndex, LibraryIndex]:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name, text in BRIEFS.items():
        (folder / name).write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    library = Workspace(data).index_for(Library.from_folders([folder]))
    library.update()
    entities = EntityIndex(Workspace(data).entity_index_file)
    read = mentions_from(
        Workspace(data).entity_cache, (), summaries_from(Workspace(data).facts_cache)
    )
    analyse_library(library.hashes(), entities, read)
    return entities, library


def test_agreements_are_merged_across_documents(tmp_path: Path) -> None:
    entities, library = analysed_library(tmp_path)
    treaties = library_treaties(entities, library)
    assert [len(t.documents) for t in treaties] == [2, 1]
    edca, fish = treaties
    assert "Enhanced Defense Cooperation" in edca.name
    assert set(edca.parties) == {"Philippines", "United States"}
    assert edca.signed_date == "2014-04-28" and edca.status == "signed"
    assert sorted(Path(p).name for p, _title in edca.documents) == ["edca-a.md", "edca-b.md"]
    assert (fish.name, fish.documents[0][1]) == ("Pacific Fisheries Agreement", "Fisheries")


def test_the_view_says_what_the_corrected_cards_say(tmp_path: Path) -> None:
    from briefreader.core.facts.corrections import ADD, DELETE, EDIT, FactCorrections

    entities, library = analysed_library(tmp_path)
    paths = {Path(p).name: p for p in library.hashes()}
    corrections = FactCorrections(tmp_path / "data" / "fact-corrections.sqlite3")
    fish = "Pacific Fisheries Agreement"
    corrections.record(paths["fish.md"], fish, "parties", DELETE, value="Peru")
    corrections.record(paths["fish.md"], fish, "parties", ADD, new_value="Ecuador")
    corrections.record(paths["fish.md"], fish, "signed_date", EDIT, "2024-05-03", "2024-05-04")
    corrections.record(paths["fish.md"], fish, "name", EDIT, fish, "South Pacific Fisheries Pact")
    corrections.record(paths["edca-b.md"], "Other title", "parties", DELETE, value="Philippines")
    treaties = library_treaties(entities, library, corrections.all())
    edca, renamed = treaties
    assert set(edca.parties) == {"Philippines", "United States"}  # the other card's title
    assert renamed.name == "South Pacific Fisheries Pact"
    assert (renamed.parties, renamed.signed_date) == (["Chile", "Ecuador"], "2024-05-04")
    assert library_treaties(entities, library)[1].parties == ["Chile", "Peru"]


def test_the_treaties_view_opens_a_reporting_document(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from briefreader.ui.facts.treaties_view import TreatiesView

    entities, library = analysed_library(tmp_path)
    view = TreatiesView()
    qtbot.addWidget(view)
    view.show()
    view.show_treaties(library_treaties(entities, library), pending=False)
    assert view.tree.topLevelItemCount() == 2 and "2 agreements" in view.summary.text()
    view.filter.setText("lima")  # not a name or party: nothing left
    assert all(view.tree.topLevelItem(i).isHidden() for i in range(2))
    view.filter.setText("chile")
    assert [view.tree.topLevelItem(i).isHidden() for i in range(2)] == [True, False]
    view.filter.clear()
    top = view.tree.topLevelItem(0)
    view.tree.setCurrentItem(top)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)  # Enter unfolds an agreement
    assert top.isExpanded()
    view.tree.setCurrentItem(top.child(0))
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert opened.args[0].endswith(".md")
    view.grab().save(str(tmp_path / "treaties.png"))
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.filter.setFocus()
    qtbot.keyClick(view.filter, Qt.Key.Key_Return)  # from the filter into the list
    assert view.isVisible() and view.tree.hasFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Escape)
    assert not view.isVisible()


@contextmanager
def analysed_window(qtbot: QtBot, tmp_path: Path, briefs: dict[str, str]) -> Iterator[MainWindow]:
    """A window on a library of ``briefs`` whose entity analysis has finished."""
    from briefreader.paths import AppPaths
    from briefreader.ui.window.main_window import MainWindow

    folder = tmp_path / "briefs"
    folder.mkdir()
    for name, text in briefs.items():
        (folder / name).write_text(text, encoding="utf-8")
    main = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(main)
    main.show()
    try:
        with qtbot.waitSignal(main.controller.analysis.entities_finished, timeout=30_000):
            main.open_folders([folder])
        yield main
    finally:
        main.controller.cancel_indexing()
        main.runner.wait_for_all(30_000)


def test_the_window_fills_the_treaties_view_after_analysis(qtbot: QtBot, tmp_path: Path) -> None:
    with analysed_window(qtbot, tmp_path, BRIEFS) as main:
        with qtbot.waitSignal(main.controller.analysis.treaties_ready, timeout=30_000):
            main.treaties_action.trigger()
        view = main.treaties_view
        assert view is not None and view.isVisible() and view.tree.topLevelItemCount() == 2
        child = view.tree.topLevelItem(1).child(0)
        with qtbot.waitSignal(main.controller.reading.document_loaded, timeout=30_000):
            view.tree.itemActivated.emit(child, 0)
        assert main.side_tabs.currentWidget() is main.facts_panel
        assert main.facts_panel.cards[0].key == "Pacific Fisheries Agreement"


def test_a_failed_treaties_job_says_what_failed_and_opens_no_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefreader.core.errors import BriefReaderError
    from briefreader.ui.services import analysis
    from briefreader.ui.window import main_window

    def broken(*_args: object) -> list[object]:
        raise BriefReaderError("the entity index is locked")

    dialogs: list[str] = []
    monkeypatch.setattr(analysis, "library_treaties", broken)
    monkeypatch.setattr(
        main_window.QMessageBox, "warning", lambda _parent, title, _text: dialogs.append(title)
    )
    with analysed_window(qtbot, tmp_path, {"fish.md": BRIEFS["fish.md"]}) as main:
        with qtbot.waitSignal(main.controller.analysis.analysis_failed, timeout=30_000) as failed:
            main.treaties_action.trigger()
        assert failed.args == ["cannot list the library's agreements: the entity index is locked"]
        assert main.statusBar().currentMessage() == (
            "Cannot list the library's agreements: the entity index is locked"
        )
        assert dialogs == []  # before, "Cannot open document" over a document that was open
