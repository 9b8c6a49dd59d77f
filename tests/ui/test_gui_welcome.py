"""The first-run welcome: shown on the first launch only, and each of its buttons works."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefreader.core.storage.settings import Settings
from briefreader.paths import AppPaths
from briefreader.ui.window.main_window import MainWindow
from briefreader.ui.window.welcome import SAMPLE_QUERY

TIMEOUT = 30000


def make_window(qtbot: QtBot, data: Path) -> MainWindow:
    window = MainWindow(AppPaths.resolve(data))
    qtbot.addWidget(window)
    window.show()
    return window


def test_shown_on_the_first_launch_and_not_the_second(qtbot: QtBot, tmp_path: Path) -> None:
    first = make_window(qtbot, tmp_path / "data")
    assert first.welcome is not None and first.welcome.isVisible()
    assert Settings.load(AppPaths.resolve(tmp_path / "data").settings_file).welcome_shown
    first.close()
    second = make_window(qtbot, tmp_path / "data")
    assert second.welcome is None


def test_skip_closes_it(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "data")
    assert window.welcome is not None
    qtbot.mouseClick(window.welcome.skip_button, Qt.MouseButton.LeftButton)
    assert not window.welcome.isVisible()


def test_open_a_folder_asks_for_one_and_opens_it(
    qtbot: QtBot, tmp_path: Path, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefreader.ui.window import main_window

    monkeypatch.setattr(
        main_window.QFileDialog, "getExistingDirectory", lambda *args: str(seed_copy)
    )
    window = make_window(qtbot, tmp_path / "data")
    assert window.welcome is not None
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        qtbot.mouseClick(window.welcome.open_button, Qt.MouseButton.LeftButton)
    assert window.controller.library is not None
    assert [Path(f) for f in window.controller.library.folders] == [seed_copy.resolve()]
    assert not window.welcome.isVisible()
    window.controller.cancel_indexing()
    window.runner.wait_for_all(TIMEOUT)


def test_try_a_search_runs_the_sample_query(qtbot: QtBot, tmp_path: Path, seed_copy: Path) -> None:
    window = make_window(qtbot, tmp_path / "data")
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.open_folders([seed_copy])
    assert window.welcome is not None
    with qtbot.waitSignal(window.controller.reading.search_finished, timeout=TIMEOUT) as finished:
        qtbot.mouseClick(window.welcome.search_button, Qt.MouseButton.LeftButton)
    assert window.search_box.text() == SAMPLE_QUERY
    assert finished.args[0].hits  # the samples are about treaties
    assert not window.welcome.isVisible()
    window.controller.cancel_indexing()
    window.runner.wait_for_all(TIMEOUT)
