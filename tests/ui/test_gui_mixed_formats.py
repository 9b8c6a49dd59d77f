"""A folder of 500 PDF and Word briefings, as analysts receive them, indexes in the window
without stalling it: the event loop keeps turning, progress is shown, every readable file is
listed and searchable with its page, and the two damaged files are listed with their reasons."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import docx
from pdf_maker import Page, column, make_pdf
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from briefreader.paths import AppPaths
from briefreader.ui.window.main_window import MainWindow

COUNT = 250  # of each format
STALL_LIMIT = 1.5  # seconds the event loop may go unserved; a stall is far longer


def make_folder(folder: Path) -> None:
    folder.mkdir()
    for number in range(COUNT):
        pages = [
            Page(runs=column(72, 720, [f"Cable {number} on the fisheries annex, page one,",
                                       "reviewed by the joint commission."])),
            Page(runs=column(72, 720, [f"The quota talks (round {number}) resume in",
                                       "the spring, said the delegation."])),
        ]  # fmt: skip
        (folder / f"cable-{number:03}.pdf").write_bytes(make_pdf(pages, title=f"Cable {number}"))
        document = docx.Document()
        document.core_properties.title = f"Memo {number}"
        document.add_heading(f"Memo {number}", 1)
        document.add_paragraph(f"The customs protocol, draft {number}, awaits the ministers.")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Phase", f"{2000 + number % 25}"
        document.save(folder / f"memo-{number:03}.docx")
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (folder / "damaged.docx").write_bytes(b"PK\x03\x04 not really a zip file")


def test_500_pdf_and_word_files_index_without_stalling_the_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    make_folder(folder)
    window = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()

    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    progress: list[int] = []
    window.controller.indexer.index_progress.connect(lambda done, _total, _m: progress.append(done))
    try:
        heartbeat.start()
        with qtbot.waitSignal(
            window.controller.indexer.index_finished, timeout=300_000
        ) as finished:
            window.open_folders([folder])
        heartbeat.stop()
        report = finished.args[0]
        assert not report.cancelled
        qtbot.waitUntil(lambda: window.library_model.rowCount() == 2 * COUNT, timeout=30_000)
        gaps = [later - earlier for earlier, later in itertools.pairwise(beats)]
        assert len(beats) > 50 and max(gaps) < STALL_LIMIT, f"longest stall {max(gaps):.2f} s"
        assert len(progress) >= 3 and progress == sorted(progress)
        skipped = {Path(skip.path).name: skip.reason for skip in report.skipped}
        assert set(skipped) == {"damaged.pdf", "damaged.docx"}, skipped
        assert all(reason for reason in skipped.values())

        window.search_box.setText('"quota talks"')
        with qtbot.waitSignal(
            window.controller.reading.search_finished, timeout=30_000
        ) as searched:
            window.search_box.returnPressed.emit()
        assert searched.args[0].total == COUNT
        view = window.results.view
        first = window.results.model.index(0, 0)
        with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=30_000):
            qtbot.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center()
            )
        assert window.reader_panel.hit_label.text() == "Hit 1 of 1 · page 2"
    finally:
        window.controller.cancel_indexing()
        window.runner.wait_for_all(30_000)
