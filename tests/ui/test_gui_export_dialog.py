"""Notes › Export Notes… as the analyst reaches it: the shortcut opens a save dialog that
proposes "<title> notes.md" in the last export's folder, the extension follows the format
chosen, and the file written is the one the dialog showed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, indexed_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from briefreader.core.storage.settings import Settings
from briefreader.ui.notes.export_dialog import ExportDialog, export_file_name
from briefreader.ui.notes.panel import SCOPE_ALL
from briefreader.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "Desk cables"
    folder.mkdir()
    (folder / "oslo.md").write_text("# Oslo fisheries accord\n\nThe accord was signed.\n")
    with indexed_window(qtbot, tmp_path / "data", folder, documents=1, active=True) as main:
        with qtbot.waitSignal(main.controller.reading.document_loaded, timeout=TIMEOUT):
            main.library_view.setCurrentIndex(main.library_panel.proxy.index(0, 0))
        document = main.reader.document_model
        start = document.text.index("accord was")
        main.notes.backend.create(document, start, start + 10, "key", "**Check**")
        main.notes.refresh()
        yield main


def _answer(qtbot: QtBot, act: Callable[[ExportDialog, QLineEdit], None]) -> list[str]:
    """Answer the next export dialog with ``act`` (it reads, types, then accepts); returns
    what its file name box showed on opening."""
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(50, look)
            return
        box = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(box, QLineEdit)
        seen.append(box.text())
        seen.append(str(dialog.directory().absolutePath()))
        act(dialog, box)

    QTimer.singleShot(50, look)
    return seen


def test_the_dialog_proposes_the_title_and_follows_the_format(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "outbox"
    out.mkdir()

    def as_html(dialog: ExportDialog, box: QLineEdit) -> None:
        dialog.selectNameFilter("HTML (*.html)")
        dialog.filterSelected.emit("HTML (*.html)")  # what choosing it in the list sends
        assert box.text() == "Oslo fisheries accord notes.html"
        box.setText(str(out / box.text()))
        dialog.accept()

    seen = _answer(qtbot, as_html)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    written = out / "Oslo fisheries accord notes.html"
    # Written off the GUI thread: the window is told (and keeps the folder) when it is done.
    qtbot.waitUntil(lambda: written.exists() and window.runner.idle, timeout=TIMEOUT)
    assert window.statusBar().currentMessage() == f"Exported 1 note(s) to {written}"
    assert seen[0] == "Oslo fisheries accord notes.md"
    page = written.read_text(encoding="utf-8")
    assert "<strong>Check</strong>" in page
    assert "<h2>Oslo fisheries accord</h2>" in page  # the document's title, not oslo.md
    assert Settings.load(window.paths.settings_file).export_folder == str(out)

    # The next export proposes that folder, and the library's name for all documents.
    window.notes_panel.scope.setCurrentIndex(window.notes_panel.scope.findData(SCOPE_ALL))

    def keep(dialog: ExportDialog, box: QLineEdit) -> None:
        dialog.accept()

    seen = _answer(qtbot, keep)
    window.export_notes_action.trigger()
    qtbot.waitUntil(lambda: (out / "Desk cables notes.md").exists(), timeout=TIMEOUT)
    assert seen == ["Desk cables notes.md", str(out)]


def test_names_are_safe_for_every_file_system() -> None:
    assert export_file_name('Talks: "Oslo"/Bergen?\n') == "Talks Oslo Bergen notes.md"
    assert export_file_name("", "pdf") == "BriefReader notes.pdf"
    assert export_file_name("...", "csv") == "BriefReader notes.csv"
    assert len(export_file_name("x" * 500)) == 80 + len(" notes.md")


def test_an_export_or_import_that_fails_says_why_in_a_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefreader.ui.window import main_window

    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        main_window.QMessageBox, "warning",
        lambda _parent, title, text: warnings.append((title, text)),
    )  # fmt: skip
    window.export_notes("markdown", tmp_path / "gone" / "notes.md")
    qtbot.waitUntil(lambda: bool(warnings) and window.runner.idle, timeout=TIMEOUT)
    title, text = warnings.pop()
    assert title == "Cannot export notes"
    assert text.startswith(f"Cannot export the notes to {tmp_path / 'gone' / 'notes.md'}: ")
    assert "does not exist" in text
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    before = window.notes_panel.list.count()
    window.import_notes(junk)
    qtbot.waitUntil(lambda: bool(warnings) and window.runner.idle, timeout=TIMEOUT)
    assert warnings[0][0] == "Cannot import notes" and str(junk) in warnings[0][1]
    assert window.notes_panel.list.count() == before
