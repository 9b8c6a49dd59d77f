"""The Treaty facts panel: a card per agreement the document reports on.

Each card lists the fields of ``briefreader facts PATH --json`` (name, parties, signatories,
date and place of signing, duration, status, areas, obligations, exclusions). Values are
plain text in the window's text colour (a page of underlined links is hard to read); a value
with evidence is followed by a small "§" link that asks the reader to reveal and flash the
sentence it came from. A value whose confidence is below ``combine.UNSURE`` carries a quiet
"?" (tooltip: check the sentence). Areas and commitments are bulleted, one per line.
Cards copy as Markdown or JSON. The panel only shows and reports.

Each value can be corrected: right-click it (or use the card's *Correct* menu, reachable by
keyboard) to confirm, edit or delete it, or add a value from the text selected on the page.
Corrected fields say "edited", confirmed values carry a check mark.

Signals: ``evidence_requested(list)`` with the evidence spans of the clicked value;
``correction_requested(str, str, str, str)``: card key, field, action, value.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QCursor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.entities.combine import UNSURE
from briefreader.core.facts.fields import FACT_FIELDS, FIELD_LABELS
from briefreader.core.text.document import Span

# Qt keeps a rich-text label's link colour from when its text was set, so a theme change
# left light-theme dark blue links on the dark card (about 2:1): the colour is written into
# each link from the current palette, and the texts are set again when the palette changes.
LINK_COLOUR = "@link@"
UNSURE_TIP = "Unsure: check the sentence it came from"
EVIDENCE_TIP = "Show the sentence it came from"
# List fields whose values read as a list (one bullet each) rather than names in a row.
BULLETED = ("areas", "obligations", "exclusions")

# (field, label, is a list)
Treaty = Mapping[str, Any]


def treaty_title(treaty: Treaty) -> str:
    """Its name; else what the text calls it ("Comprehensive strategic partnership")."""
    if treaty.get("name"):
        return str(treaty["name"])
    description = str(treaty.get("description") or "")
    return description[:1].upper() + description[1:] if description else "Unnamed agreement"


def treaty_markdown(treaty: Treaty) -> str:
    """A card as Markdown, for notes and reports."""
    lines = [f"### {treaty_title(treaty)}", ""]
    for entry in FACT_FIELDS:
        field, label, many = entry.key, entry.label, entry.many
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
    correction_requested = Signal(str, str, str, str)  # card key, field, action, value

    def __init__(self, treaty: Treaty, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.treaty = treaty
        self.key = str(treaty.get("key") or treaty_title(treaty))
        self.setObjectName("treatyCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        evidence: Mapping[str, Sequence[Mapping[str, int]]] = treaty.get("evidence") or {}
        edited = set(treaty.get("edited") or ())
        self.confirmed = set(treaty.get("confirmed") or ())
        self.confidence: Mapping[str, Any] = treaty.get("confidence") or {}
        self.values: dict[str, list[str]] = {}
        name = self._link("name", 0, treaty_title(treaty), evidence)
        title = QLabel(f"<b>{name}</b>{self._edited('name', edited)}")
        title.setObjectName("treatyName")
        title.setWordWrap(True)
        self.values["name"] = [str(treaty.get("name") or "")] if treaty.get("name") else []
        self.labels: dict[str, QLabel] = {"name": title}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(title)
        for entry in FACT_FIELDS:
            field, label, many = entry.key, entry.label, entry.many
            value = treaty.get(field)
            if not value:
                continue
            items = [str(item) for item in value] if many else [str(value)]
            self.values[field] = items
            bulleted = field in BULLETED  # statements one per line, names in a row
            links = [self._link(field, n, item, evidence) for n, item in enumerate(items)]
            head = f"<b>{html.escape(label)}</b>{self._edited(field, edited)}"
            if bulleted:
                body = "".join(f"<li>{link}</li>" for link in links)
                text = f"{head}:<ul style='margin-left:-24px; margin-top:0'>{body}</ul>"
            else:
                text = f"{head}: {', '.join(links)}"
            row = QLabel(text)
            row.setWordWrap(True)
            if any(self.unsure(field, n) for n in range(len(items))):
                row.setToolTip("Values marked ? are unsure: check the sentence they came from")
            self.labels[field] = row
            layout.addWidget(row)
        self._hovered: tuple[str, int] | None = None
        self._templates = {field: label.text() for field, label in self.labels.items()}
        self._render()
        for widget in self.labels.values():
            widget.setTextFormat(Qt.TextFormat.RichText)
            # Tab walks the values with evidence, Enter shows one (as a click does).
            widget.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            widget.linkActivated.connect(self._activated)
            widget.linkHovered.connect(self._hover)
        # Two menu buttons fit the narrow side panel where four push buttons were clipped.
        self.copy_button = QToolButton()
        self.copy_button.setText("Copy")
        self.copy_button.setToolTip("Copy this card as Markdown or JSON")
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        copy_menu = QMenu(self.copy_button)
        copy_menu.addAction("As Markdown", lambda: self._copy(treaty_markdown(treaty)))
        copy_menu.addAction("As JSON", lambda: self._copy(treaty_json(treaty)))
        self.copy_button.setMenu(copy_menu)
        self.correct_button = QToolButton()
        self.correct_button.setText("Correct")
        self.correct_button.setToolTip("Confirm, edit, delete or add a value")
        self.correct_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.correct_button.setMenu(self.correction_menu())
        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._evidence = evidence

    def _render(self) -> None:
        """Set each label's text with the links in the palette's current link colour."""
        colour = self.palette().color(QPalette.ColorRole.Link).name()
        for field, template in self._templates.items():
            self.labels[field].setText(template.replace(LINK_COLOUR, colour))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_templates"):
            self._render()

    def _edited(self, field: str, edited: set[str]) -> str:
        return " <i>(edited)</i>" if field in edited else ""

    def _link(
        self,
        field: str,
        number: int,
        text: str,
        evidence: Mapping[str, Sequence[Mapping[str, int]]],
    ) -> str:
        """A value as text (untrusted text is escaped), then "?" if it is unsure and "§" to
        its evidence; a confirmed value carries a check mark."""
        mark = " ✓" if f"{field}:{text}" in self.confirmed else ""
        unsure = ""
        if self.unsure(field, number):
            unsure = (
                f' <a href="unsure:{field}|{number}" style="text-decoration:none; '
                f'color:{LINK_COLOUR}">?</a>'
            )
        if not evidence.get(field):
            return html.escape(text) + unsure + mark
        section = (
            f'<a href="{field}|{number}" style="text-decoration:none; color:{LINK_COLOUR}">§</a>'
        )
        return f"{html.escape(text)}{unsure}&nbsp;{section}{mark}"

    def unsure(self, field: str, number: int) -> bool:
        """The value's confidence (from ``facts --json``) is below the reader's threshold."""
        value = self.confidence.get(field)
        values = value if isinstance(value, list) else [value]
        if not 0 <= number < len(values):
            return False
        score = values[number]
        return score is not None and float(score) < UNSURE

    def _hover(self, link: str) -> None:
        unsure = link.startswith("unsure:")
        field, _, number = link.removeprefix("unsure:").partition("|")
        self._hovered = (field, int(number)) if number.isdigit() else None
        if link:
            QToolTip.showText(QCursor.pos(), UNSURE_TIP if unsure else EVIDENCE_TIP)

    def _activated(self, link: str) -> None:
        self.request_evidence(link.removeprefix("unsure:").partition("|")[0])

    def request_evidence(self, field: str) -> None:
        spans = [
            Span(int(item["start"]), int(item["end"]), "evidence")
            for item in self._evidence.get(field, ())
        ]
        if spans:
            self.evidence_requested.emit(spans)

    def _request(self, field: str, action: str, value: str = "") -> None:
        self.correction_requested.emit(self.key, field, action, value)

    def _request_add(self, field: str, _checked: bool = False) -> None:
        """An "Add from Selected Text" action: ``triggered`` passes its checked flag last."""
        self._request(field, "add")

    def value_actions(self, menu: QMenu, field: str, value: str) -> None:
        menu.addAction("Confirm", lambda: self._request(field, "confirm", value))
        menu.addAction("Edit…", lambda: self._request(field, "edit", value))
        menu.addAction("Delete", lambda: self._request(field, "delete", value))

    def correction_menu(self) -> QMenu:
        """Every value's corrections by field, and adding a value from the selected text."""
        menu = QMenu(self)
        for field, values in self.values.items():
            for value in values:
                sub = menu.addMenu(f"{FIELD_LABELS[field]}: {_short(value)}")
                self.value_actions(sub, field, value)
        menu.addSeparator()
        add = menu.addMenu("Add from Selected Text")
        for field, label in FIELD_LABELS.items():
            # _checked: were this ever connected to triggered, its flag must not become f
            add.addAction(label, partial(self._request_add, field))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-click on a value: its corrections; elsewhere: the whole Correct menu."""
        if self._hovered is not None:
            field, number = self._hovered
            values = self.values.get(field, [])
            if 0 <= number < len(values):
                menu = QMenu(self)
                self.value_actions(menu, field, values[number])
                menu.exec(event.globalPos())
                menu.deleteLater()
                return
        self.correction_menu().exec(event.globalPos())

    @staticmethod
    def _copy(text: str) -> None:
        QGuiApplication.clipboard().setText(text)


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class FactsPanel(QWidget):
    evidence_requested = Signal(list)
    correction_requested = Signal(str, str, str, str)

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
            card.correction_requested.connect(self.correction_requested.emit)
            self.cards.append(card)
            self.cards_layout.addWidget(card)
        self.cards_layout.addStretch(1)
        self.placeholder.setVisible(not treaties)
        if not treaties:
            self.placeholder.setText("No agreement is reported in this briefing.")
        self.mentioned.setText("Also mentioned: " + "; ".join(mentioned) if mentioned else "")
        self.mentioned.setVisible(bool(mentioned))
