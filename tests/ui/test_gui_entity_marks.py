"""Which entity marks the page shows, as the analyst sets it in the window: the legend's type
boxes and reading mode (Ctrl+Shift+R), both kept for the next start."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import TIMEOUT, indexed_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefreader.core.storage.settings import Settings
from briefreader.ui.window.main_window import MainWindow

BRIEF = "# Talks in Moscow\n\nPresident Vladimir Putin met envoys in Moscow on 17 January 2025.\n"


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir(exist_ok=True)
    (folder / "talks.md").write_text(BRIEF, encoding="utf-8")
    return folder


def _entity_layers(window: MainWindow) -> list[str]:
    return [name for name in window.reader.layer_names() if name.startswith("entity:")]


def _open_first(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        window.library_view.setCurrentIndex(window.library_panel.proxy.index(0, 0))
    qtbot.waitUntil(lambda: bool(window.entities_panel.groups), timeout=TIMEOUT)


def test_reading_mode_by_its_shortcut_clears_the_page_and_is_kept(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder, data = _library(tmp_path), tmp_path / "data"
    with indexed_window(qtbot, data, folder, documents=1, active=True) as window:
        _open_first(qtbot, window)
        assert _entity_layers(window)
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window, Qt.Key.Key_R, modifiers)
        assert window.reading_action.isChecked()
        assert _entity_layers(window) == []
        assert window.entities_panel.groups  # the panel still lists them
        assert Settings.load(window.paths.settings_file).reading_mode
        window.close()
    with indexed_window(qtbot, data, folder, documents=1) as again:
        assert again.reading_action.isChecked()
        _open_first(qtbot, again)
        assert _entity_layers(again) == []
        again.reading_action.trigger()  # the menu item brings the marks back
        assert _entity_layers(again)
        assert not Settings.load(again.paths.settings_file).reading_mode


def test_an_unticked_type_stays_unticked_at_the_next_start(qtbot: QtBot, tmp_path: Path) -> None:
    folder, data = _library(tmp_path), tmp_path / "data"
    with indexed_window(qtbot, data, folder, documents=1) as window:
        _open_first(qtbot, window)
        dates = window.entities_panel.legend["DATE"]
        window.show_side_tab(0)
        qtbot.mouseClick(dates, Qt.MouseButton.LeftButton)
        assert not dates.isChecked()
        assert "entity:DATE" not in _entity_layers(window)
        assert Settings.load(window.paths.settings_file).hidden_entity_types == ["DATE"]
        window.close()
    with indexed_window(qtbot, data, folder, documents=1) as again:
        assert not again.entities_panel.legend["DATE"].isChecked()
        assert again.entities_panel.legend["PERSON"].isChecked()
        _open_first(qtbot, again)
        assert "entity:DATE" not in _entity_layers(again)
        assert "entity:PERSON" in _entity_layers(again)
