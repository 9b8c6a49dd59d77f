"""Ties the Treaty facts panel to the open document and the analyst's corrections.

The panel shows the extracted facts with the corrections laid over them; a correction asked
for on a card (confirm, edit, delete, add from the selected text) is kept in the core's
``FactCorrections`` and the cards are redrawn. ``edit_value`` asks for the new value; tests
call ``correct`` with it directly.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from briefreader.core.facts.corrections import (
    ADD,
    EDIT,
    FactCorrectionError,
    FactCorrections,
    treaty_key,
)
from briefreader.core.facts.fields import FIELD_LABELS
from briefreader.core.facts.model import DocumentFacts
from briefreader.core.text.document import Document
from briefreader.ui.facts.panel import FactsPanel
from briefreader.ui.reader.view import ReaderView


class FactsPresenter(QObject):
    def __init__(
        self,
        corrections: FactCorrections,
        panel: FactsPanel,
        reader: ReaderView,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.corrections, self.panel, self.reader, self.window = (
            corrections, panel, reader, parent
        )  # fmt: skip
        self.document: Document | None = None
        self.extracted = DocumentFacts()
        panel.correction_requested.connect(self.request)

    def show(
        self, document: Document, facts: DocumentFacts, corrected: DocumentFacts | None = None
    ) -> None:
        """The document's facts as extracted, and with the analyst's corrections when they
        were laid over already (off the GUI thread, as the document loaded)."""
        self.document, self.extracted = document, facts
        self.redraw(corrected)

    def redraw(self, corrected: DocumentFacts | None = None) -> None:
        if self.document is None:
            return
        if corrected is None:
            corrected = self.corrections.corrected(self.document.metadata.path, self.extracted)
        cards = []
        for original, treaty in zip(self.extracted.treaties, corrected.treaties, strict=True):
            cards.append({**treaty.as_json(), "key": treaty_key(original)})
        self.panel.set_facts(cards, corrected.mentioned)

    def request(self, key: str, field: str, action: str, value: str) -> None:
        """A card asked for a correction; ask for what is missing, then make it."""
        new_value = ""
        if action == EDIT:
            label = FIELD_LABELS.get(field, field)
            new_value, ok = QInputDialog.getText(
                self.window, "Correct a Fact", f"{label}:", text=value
            )
            if not ok:
                return
        elif action == ADD:
            span = self.reader.selection_span()
            if span is None or self.document is None:
                QMessageBox.information(
                    self.window, "Add a Fact", "Select the words on the page first."
                )
                return
            new_value = self.document.text[span.start : span.end]
        self.correct(key, field, action, value, new_value)

    def correct(self, key: str, field: str, action: str, value: str, new_value: str = "") -> bool:
        if self.document is None:
            return False
        evidence = self.reader.selection_span() if action == ADD else None
        try:
            self.corrections.record(
                self.document.metadata.path, key, field, action, value, new_value, evidence
            )
        except FactCorrectionError as exc:
            QMessageBox.information(self.window, "Treaty facts", str(exc))
            return False
        self.redraw()
        return True
