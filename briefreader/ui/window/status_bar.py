"""The status bar: index state, a progress bar with Cancel, and the skipped-files button.

Signals: ``cancel_requested()``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QStatusBar, QToolButton, QWidget

from briefreader.core.index.library_index import IndexReport
from briefreader.core.library import Skip


class IndexStatusBar(QStatusBar):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_label = QLabel("No library open")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # file names are untrusted
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop indexing; what is done so far is kept")
        # Background entity analysis after an update: quiet, beside the index state.
        self.entities_label = QLabel("")
        self.entities_label.setToolTip(
            "Finding people, organisations, places and treaties for person:, org:, place: "
            "and treaty: searches"
        )
        self.entities_label.hide()
        self.skipped_button = QToolButton()
        self.skipped_button.setAutoRaise(True)
        self.skipped_button.setToolTip("Files that are not in the index, and why")
        self.addWidget(self.status_label, 1)
        self.addPermanentWidget(self.entities_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.skipped_button)
        self.progress.hide()
        self.cancel_button.hide()
        self.skipped_button.hide()
        self.skipped: list[Skip] = []
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.skipped_button.clicked.connect(self.show_skipped)

    def index_started(self) -> None:
        self.status_label.setText("Updating the index…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()

    def index_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total}")
        self.status_label.setText(f"Indexing {message}…")

    def index_finished(self, report: IndexReport) -> None:
        self._stop_progress()
        when = datetime.now().strftime("%H:%M")
        state = "cancelled" if report.cancelled else "up to date"
        skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
        self.status_label.setText(
            f"Index {state} at {when}: {report.total} document{'' if report.total == 1 else 's'} "
            f"({report.indexed} new, {report.updated} updated, {report.removed} removed{skipped})"
        )
        self.skipped = list(report.skipped)
        self.skipped_button.setText(f"{len(report.skipped)} skipped…")
        self.skipped_button.setVisible(bool(report.skipped))

    def entities_progress(self, done: int, total: int) -> None:
        self.entities_label.setText(f"Finding entities {done}/{total}")
        self.entities_label.setVisible(done < total)

    def entities_finished(self, _count: int) -> None:
        self.entities_label.hide()

    def index_failed(self, message: str) -> None:
        self._stop_progress()
        self.status_label.setText(f"Index problem: {message}")

    def _stop_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def show_skipped(self) -> QMessageBox:
        """List the files the last update left out, each with its reason."""
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Files not in the index")
        box.setTextFormat(Qt.TextFormat.PlainText)
        count = len(self.skipped)
        box.setText(
            f"{count} file{'s' if count != 1 else ''} could not be indexed. "
            "The rest of the library is searchable; open Details for each file and its reason."
        )
        box.setDetailedText("\n".join(f"{s.path}\n    {s.reason}" for s in self.skipped))
        box.setModal(False)
        box.show()
        return box
