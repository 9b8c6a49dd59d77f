"""Launching the reader on a folder or on one briefing, as a file manager or launcher does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths
from briefreader.ui.app import SMOKE_TEST_ENV, open_request, run_gui
from briefreader.ui.window.main_window import MainWindow

TIMEOUT = 30000


def launch(target: Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", SMOKE_TEST_ENV: "1"}
    return subprocess.run(
        [sys.executable, "-m", "briefreader", "gui", str(target), "--data-dir", str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
    )


def test_a_file_opens_its_folder_and_shows_it(seed_copy: Path, tmp_path: Path) -> None:
    briefing = sorted(seed_copy.glob("*.md"))[0]
    result = launch(briefing, tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "window shown after" in result.stdout
    assert f"showing {briefing.resolve()}" in result.stdout
    assert "indexed:" in result.stdout
    settings = (tmp_path / "data" / "config" / "settings.json").read_text(encoding="utf-8")
    assert str(seed_copy.resolve()) in settings  # the folder became the library


def test_a_missing_path_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    paths = AppPaths.resolve(tmp_path / "data")
    assert run_gui(paths, Workspace(paths.data_dir), tmp_path / "nowhere.md") == 2
    assert "not a folder or a file" in capsys.readouterr().err


def test_the_request_names_the_folder_and_the_document(tmp_path: Path) -> None:
    briefing = tmp_path / "a.md"
    assert open_request(tmp_path, briefing) == {
        "folder": str(tmp_path.resolve()),
        "document": str(briefing),
    }
    assert open_request(None) == {}


def test_a_running_window_opens_a_document_it_is_sent(
    qtbot: QtBot, tmp_path: Path, seed_copy: Path
) -> None:
    other = tmp_path / "other"
    shutil.copytree(seed_copy, other)
    briefing = sorted(other.glob("*.md"))[0].resolve()
    window = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=TIMEOUT):
        window.open_folders([seed_copy])
    with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
        window.handle_request(open_request(other, briefing))
    assert window.controller.library is not None
    assert [Path(folder) for folder in window.controller.library.folders] == [other.resolve()]
    document = window.reader_panel.document
    assert document is not None and document.metadata.path == str(briefing)
    window.controller.cancel_indexing()
    window.runner.wait_for_all(TIMEOUT)
