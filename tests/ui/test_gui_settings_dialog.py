"""File › Settings… (Ctrl+,), answered as an analyst answers it: folders added and removed,
entity types and reading mode, theme, colour meanings; OK applies them through the menus'
own paths, Cancel changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, indexed_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from briefreader.core.storage.settings import Settings
from briefreader.ui.window.main_window import MainWindow
from briefreader.ui.window.settings_dialog import SettingsDialog


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "brief.md").write_text("# Ferry Brief\n\nPresident Joe Biden spoke in Oslo.\n")
    with indexed_window(qtbot, tmp_path / "data", folder, documents=1, active=True) as main:
        yield main


def _open_by_shortcut(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    window.activateWindow()  # back from the last dialog
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SettingsDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog)
    return dialog


def _show_tab(qtbot: QtBot, dialog: SettingsDialog, number: int) -> None:
    dialog.tabs.setCurrentIndex(number)
    qtbot.waitUntil(lambda: dialog.tabs.currentWidget().isVisible())
    qtbot.wait(20)  # laid out, so a click lands on the box


def _tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box's indicator (a wide row's centre lies beyond its label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _press(qtbot: QtBot, dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    button = dialog.buttons.button(which)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_settings_answered_and_applied(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "cables"
    second.mkdir()
    (second / "cable.md").write_text("# Cable\n\nThe envoy met officials in Riga.\n")
    monkeypatch.setattr(
        "briefreader.ui.window.settings_dialog.QFileDialog.getExistingDirectory",
        lambda *_args, **_kwargs: str(second),
    )
    dialog = _open_by_shortcut(qtbot, window)
    assert dialog.folders() == [str(tmp_path / "desk")]
    assert not dialog.remove_button.isEnabled()  # a library keeps one folder at least
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.folders() == [str(tmp_path / "desk"), str(second)]
    _show_tab(qtbot, dialog, 1)
    _tick(qtbot, dialog.type_boxes["DATE"])
    assert not dialog.type_boxes["DATE"].isChecked()
    _tick(qtbot, dialog.reading_box)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    _show_tab(qtbot, dialog, 2)
    key = next(iter(dialog.meaning_fields.fields))
    field = dialog.meaning_fields.fields[key]
    field.selectAll()
    qtbot.keyClicks(field, "Check with the desk")
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 2, timeout=TIMEOUT)
    assert not window.entities_panel.legend["DATE"].isChecked()
    assert window.reading_action.isChecked()
    assert window.theme_actions["dark"].isChecked()  # type: ignore[index]
    meanings = {k: meaning for k, meaning, _hue in window.notes.colours}
    assert meanings[key] == "Check with the desk"
    saved = Settings.load(window.paths.settings_file)
    assert saved.theme == "dark" and saved.reading_mode
    assert saved.hidden_entity_types == ["DATE"]
    both = sorted([str(tmp_path / "desk"), str(second)])  # a library keeps its folders sorted
    assert saved.last_library == both

    again = _open_by_shortcut(qtbot, window)
    assert again.folders() == both
    again.folder_list.setCurrentRow(again.folders().index(str(tmp_path / "desk")))
    assert again.remove_button.isEnabled()
    qtbot.mouseClick(again.remove_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        _press(qtbot, again, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1, timeout=TIMEOUT)
    assert Settings.load(window.paths.settings_file).last_library == [str(second)]


def test_cancel_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    before = window.paths.settings_file.read_text(encoding="utf-8")
    action = next(a for a in window.menuBar().actions() if a.text() == "&File")
    menu = action.menu()
    settings = next(a for a in menu.actions() if a.text() == "&Settings…")  # type: ignore[union-attr]
    settings.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SettingsDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog)
    _show_tab(qtbot, dialog, 1)
    _tick(qtbot, dialog.type_boxes["PERSON"])
    _tick(qtbot, dialog.reading_box)
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert window.entities_panel.legend["PERSON"].isChecked()
    assert not window.reading_action.isChecked()
    assert window.paths.settings_file.read_text(encoding="utf-8") == before
