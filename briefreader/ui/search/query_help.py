"""The "?" beside the search box: every query operator with an example, one click away.

Clicking an example puts it in the search box, so the analyst learns by trying.
Signals: ``example_chosen(str)``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from briefreader.core.search.fields import REGISTRY

OPERATORS: tuple[tuple[str, str, str], ...] = (
    ("Words", "sanctions embargo", "both words, anywhere (treaties finds treaty)"),
    ("Phrase", '"mutual defence"', "the words together, in this order"),
    ("Near", '"defence pact"~5', "the words within five words of each other"),
    ("Either", "Iran OR Tehran", "one or the other"),
    ("Exclude", "treaty NOT Lisbon", "leave out documents with a word"),
    ("Group", "(Iran OR Iraq) AND sanctions", "combine with parentheses"),
    *((f.label, f.example, f.meaning) for f in REGISTRY),
    ("Date range", "date:[2010 TO 2020]", "years, months or days, ends included; open: [2020 TO]"),
    ("Wildcard", "sanc*", "any ending (? for one letter)"),
    ("Fuzzy", "sanctoins~", "up to two typos (~1 for one)"),
)


class QueryHelpPopup(QFrame):
    example_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        rows = "".join(
            f"<tr><td style='padding:2px 10px 2px 0'><b>{html.escape(name)}</b></td>"
            f"<td style='padding:2px 10px 2px 0'><a href='{html.escape(example, quote=True)}'>"
            f"<code>{html.escape(example)}</code></a></td>"
            f"<td style='padding:2px 0'>{html.escape(meaning)}</td></tr>"
            for name, example, meaning in OPERATORS
        )
        self.label = QLabel(
            "<p><b>Search the library</b> — click an example to try it.</p>"
            f"<table>{rows}</table>"
            "<p>Enter searches now; Down moves into the results; Ctrl+F finds in the open "
            "document.</p>"
        )
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.label.linkActivated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.label)

    def _chosen(self, example: str) -> None:
        self.hide()
        self.example_chosen.emit(example)


class QueryHelpButton(QToolButton):
    """Shows the popup under itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText("?")
        self.setToolTip("Query syntax (F1)")
        self.setAutoRaise(True)
        self.popup = QueryHelpPopup(self)
        self.clicked.connect(self.show_popup)

    def show_popup(self) -> None:
        self.popup.adjustSize()
        anchor = self.mapToGlobal(self.rect().bottomRight())
        self.popup.move(anchor.x() - self.popup.width(), anchor.y() + 2)
        self.popup.show()
