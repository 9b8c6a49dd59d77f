"""Shared set-up for window tests: a main window on a library folder, fully indexed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pytestqt.qtbot import QtBot

from briefreader.paths import AppPaths
from briefreader.ui.window.main_window import MainWindow

TIMEOUT = 30000


def briefing_count(folder: Path) -> int:
    """Rows the library lists for ``folder``: one per briefing, its formats together (the
    samples' same-named .docx and .pdf carry the same title)."""
    return len({path.stem.casefold() for path in folder.iterdir() if path.is_file()})


@contextmanager
def indexed_window(
    qtbot: QtBot, data: Path, folder: Path, documents: int | None = None, active: bool = False
) -> Iterator[MainWindow]:
    """A 1280x800 window with ``folder`` indexed (and ``documents`` rows listed, if given)."""
    main = MainWindow(AppPaths.resolve(data))
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    if active:  # keyboard focus needs the active window
        main.activateWindow()
        qtbot.waitUntil(main.isActiveWindow, timeout=TIMEOUT)
    with qtbot.waitSignal(main.controller.indexer.index_finished, timeout=TIMEOUT):
        main.open_folders([folder])
    if documents is not None:
        qtbot.waitUntil(lambda: main.library_model.rowCount() == documents, timeout=TIMEOUT)
    try:
        yield main
    finally:
        main.controller.cancel_indexing()
        main.runner.wait_for_all(TIMEOUT)
