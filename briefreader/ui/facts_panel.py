"""The Treaty facts panel: a card per agreement the document reports on.

Each card lists the fields of ``briefreader facts PATH --json`` (name, parties, signatories,
date and place of signing, duration, status, areas, obligations, exclusions). A value with
evidence is a link: clicking it asks the reader to reveal and flash the sentence it came from.
Cards copy as Markdown or JSON. The panel only shows and reports.

Signals: ``evidence_requested(list)`` with the evidence spans of the clicked value.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.document import Span

# (field, label, is a list)
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("parties", "Parties", True),
    ("signatories", "Signatories", True),
    ("signed_date", "Signed", False),
    ("signed_place", "Place", False),
    ("duration", "Duration", False),
    ("status", "Status", False),
    ("areas", "Areas", True),
    ("obligations", "Commits to", True),
    ("exclusions", "Does not", True),
)

Treaty = Mapping[str, Any]
STATEMENT_FIELDS = ("obligations", "exclusions")


def treaty_title(treaty: Treaty) -> str:
    """Its name; else what the text calls it ("Comprehensive strategic partnership")."""
    if treaty.get("name"):
        return str(treaty["name"])
    description = str(treaty.get("description") or "")
    return description[:1].upper() + description[1:] if description else "Unnamed agreement"


def treaty_markdown(treaty: Treaty) -> str:
    """A card as Markdown, for notes and reports."""
    lines = [f"### {treaty_title(treaty)}", ""]
    for field, label, many in FIELDS:
        value = treaty.get(field)
        if not value:
            continue
        if many:
            lines.append(f"- **{label}:**")
            lines.extend(f"  - {item}" for item in value)
        else:
            lines.append(f"- **{label}:** {value}")
    return "\n".join(lines) + "\n"


def treaty_json(treaty: Treaty) -> str:
    return json.dumps(dict(treaty), ensure_ascii=False, indent=2)


class TreatyCard(QFrame):
    evidence_requested = Signal(list)

    def __init__(self, treaty: Treaty, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.treaty = treaty
        self.setObjectName("treatyCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        evidence: Mapping[str, Sequence[Mapping[str, int]]] = treaty.get("evidence") or {}
        title = QLabel(f"<b>{self._link('name', treaty_title(treaty), evidence)}</b>")
        title.setObjectName("treatyName")
        title.setWordWrap(True)
        self.labels: dict[str, QLabel] = {"name": title}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(title)
        for field, label, many in FIELDS:
            value = treaty.get(field)
            if not value:
                continue
            items = list(value) if many else [value]
            statements = field in STATEMENT_FIELDS  # sentences go one per line, names in a row
            body = ("<br>" if statements else ", ").join(
                self._link(field, str(item), evidence) for item in items
            )
            row = QLabel(f"<b>{html.escape(label)}</b>: {body}" if not statements or len(items) < 2
                         else f"<b>{html.escape(label)}</b>:<br>{body}")  # fmt: skip
            row.setWordWrap(True)
            self.labels[field] = row
            layout.addWidget(row)
        for widget in self.labels.values():
            widget.setTextFormat(Qt.TextFormat.RichText)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            widget.linkActivated.connect(self._activated)
        copy_md = QPushButton("Copy Markdown")
        copy_json = QPushButton("Copy JSON")
        copy_md.clicked.connect(lambda: self._copy(treaty_markdown(treaty)))
        copy_json.clicked.connect(lambda: self._copy(treaty_json(treaty)))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(copy_md)
        buttons.addWidget(copy_json)
        layout.addLayout(buttons)
        self._evidence = evidence

    @staticmethod
    def _link(field: str, text: str, evidence: Mapping[str, Sequence[Mapping[str, int]]]) -> str:
        """Values with evidence are links (untrusted text is escaped either way)."""
        escaped = html.escape(text)
        return f'<a href="{field}">{escaped}</a>' if evidence.get(field) else escaped

    def _activated(self, field: str) -> None:
        self.request_evidence(field)

    def request_evidence(self, field: str) -> None:
        spans = [
            Span(int(item["start"]), int(item["end"]), "evidence")
            for item in self._evidence.get(field, ())
        ]
        if spans:
            self.evidence_requested.emit(spans)

    @staticmethod
    def _copy(text: str) -> None:
        QGuiApplication.clipboard().setText(text)


class FactsPanel(QWidget):
    evidence_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel("Open a briefing to see the agreements it reports on.")
        self.placeholder.setObjectName("panelPlaceholder")
        self.placeholder.setWordWrap(True)
        self.mentioned = QLabel("")
        self.mentioned.setWordWrap(True)
        self.mentioned.setTextFormat(Qt.TextFormat.PlainText)
        self.cards_box = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.placeholder)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.mentioned)
        self.cards: list[TreatyCard] = []

    def set_facts(self, treaties: Sequence[Treaty], mentioned: Sequence[str] = ()) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        while self.cards_layout.count():
            self.cards_layout.takeAt(0)
        for treaty in treaties:
            card = TreatyCard(treaty)
            card.evidence_requested.connect(self.evidence_requested.emit)
            self.cards.append(card)
            self.cards_layout.addWidget(card)
        self.cards_layout.addStretch(1)
        self.placeholder.setVisible(not treaties)
        if not treaties:
            self.placeholder.setText("No agreement is reported in this briefing.")
        self.mentioned.setText(
            "Also mentioned: " + "; ".join(mentioned) if mentioned else ""
        )
        self.mentioned.setVisible(bool(mentioned))
