"""The Entities panel: the open document's people, organisations, places, dates and treaties.

Entities are grouped by type with their mention counts; a legend above the list switches each
type's highlights on the page on or off. Choosing an entity highlights all its mentions and
steps through them. The panel only shows and reports; ``EntityPresenter`` ties it to the reader.

Signals: ``entity_selected(object)`` (an ``EntityGroup`` or None), ``visibility_changed()``,
``step(int)`` for the next (+1) or previous (-1) mention, ``page_requested(object)`` for the
chosen entity's page across the library.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.entities.combine import UNSURE
from briefreader.core.entities.extract import Mention
from briefreader.core.text.document import Span
from briefreader.ui.reader.entity_types import ENTITY_TYPES, entity_type
from briefreader.ui.widgets.tree_items import child_items, top_level_items

GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class EntityGroup:
    """One entity of the open document: its type, canonical name and every mention."""

    label: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # The surest of its mentions: one sure mention is enough to trust the name.
    confidence: float = 0.0

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE


def group_mentions(mentions: Iterable[Mention]) -> list[EntityGroup]:
    """Mentions grouped by (type, canonical name), most mentioned first within a type."""
    groups: dict[tuple[str, str], EntityGroup] = {}
    for mention in mentions:
        key = (mention.label, mention.entity)
        group = groups.setdefault(key, EntityGroup(mention.label, mention.entity))
        group.mentions.append(Span(mention.start, mention.end, mention.label))
        # Mentions without a confidence (an analyst's addition) are sure.
        group.confidence = max(group.confidence, mention.confidence)
        if mention.text != mention.entity and mention.text not in group.aliases:
            group.aliases.append(mention.text)
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.label, -len(g.mentions), g.name.casefold()),
    )
    for group in ordered:
        group.mentions.sort(key=lambda span: (span.start, span.end))
    return ordered


def swatch(hue: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(hue))
    return QIcon(pixmap)


class EntitiesPanel(QWidget):
    entity_selected = Signal(object)
    visibility_changed = Signal()
    step = Signal(int)
    page_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend: dict[str, QCheckBox] = {}
        legend = QGridLayout()
        legend.setContentsMargins(0, 0, 0, 0)
        legend.setHorizontalSpacing(10)
        legend.setVerticalSpacing(2)
        for number, kind in enumerate(ENTITY_TYPES):
            box = QCheckBox(kind.legend)
            box.setIcon(swatch(kind.hue))
            box.setChecked(True)
            box.setToolTip(f"Highlight {kind.name.lower()} ({kind.label}) on the page")
            box.toggled.connect(lambda _on: self.visibility_changed.emit())
            legend.addWidget(box, number // 2, number % 2)
            self.legend[kind.label] = box
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Entity", "Mentions"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.placeholder = QLabel("Open a briefing to see who, where and when.")
        self.placeholder.setObjectName("panelPlaceholder")
        self.placeholder.setWordWrap(True)
        self.mention_label = QLabel("")
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.previous_button.setToolTip("Previous mention")
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip("Next mention")
        self.page_button = QToolButton()
        self.page_button.setText("In all documents…")
        self.page_button.setToolTip("Every briefing in the library that names this entity")
        self.page_button.clicked.connect(self._page)
        steps = QHBoxLayout()
        steps.addWidget(self.mention_label, 1)
        steps.addWidget(self.previous_button)
        steps.addWidget(self.next_button)
        page = QHBoxLayout()  # a row of its own: beside the steps the side panel clipped it
        page.addWidget(self.page_button)
        page.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(legend)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.tree, 1)
        layout.addLayout(steps)
        layout.addLayout(page)
        self._groups: list[EntityGroup] = []
        self._position: int | None = None
        self.tree.currentItemChanged.connect(lambda current, _old: self._selected(current))
        self.previous_button.clicked.connect(lambda: self.step.emit(-1))
        self.next_button.clicked.connect(lambda: self.step.emit(1))
        self.set_entities([])

    # Content ---------------------------------------------------------------------------
    def set_entities(self, groups: list[EntityGroup], message: str | None = None) -> None:
        self._groups = groups
        self.tree.blockSignals(True)
        self.tree.clear()
        by_label: dict[str, list[EntityGroup]] = {}
        for group in groups:
            by_label.setdefault(group.label, []).append(group)
        for kind in ENTITY_TYPES:
            members = by_label.pop(kind.label, [])
            if members:
                self._add_type(kind.label, kind.name, kind.hue, members)
        for label, members in by_label.items():  # labels the palette does not know
            self._add_type(label, label.title(), entity_type(label).hue, members)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.placeholder.setVisible(not groups)
        if message is not None:
            self.placeholder.setText(message)
        self.set_position(None, 0)

    def _add_type(self, label: str, name: str, hue: str, members: list[EntityGroup]) -> None:
        top = QTreeWidgetItem([name, str(sum(len(g.mentions) for g in members))])
        top.setIcon(0, swatch(hue))
        top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        top.setData(0, Qt.ItemDataRole.AccessibleTextRole, label)
        self.tree.addTopLevelItem(top)
        for group in members:
            # An unsure entity carries the facts card's quiet "?" and says why in its tooltip.
            shown = f"{group.name}  ?" if group.unsure else group.name
            item = QTreeWidgetItem([shown, str(len(group.mentions))])
            item.setData(0, GROUP_ROLE, group)
            tips = ["Unsure: check the sentence it came from"] if group.unsure else []
            if group.aliases:
                tips.append("Also written: " + ", ".join(group.aliases))
            if tips:
                item.setToolTip(0, "\n".join(tips))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            top.addChild(item)

    @property
    def groups(self) -> list[EntityGroup]:
        return list(self._groups)

    def hidden_labels(self) -> list[str]:
        """The entity types whose legend box is unticked (kept in the settings)."""
        return [label for label, box in self.legend.items() if not box.isChecked()]

    def set_hidden_labels(self, labels: list[str]) -> None:
        """Untick the legend boxes of ``labels``, tick the others; one redraw at most."""
        hidden = set(labels)
        changed = False
        for label, box in self.legend.items():
            if box.isChecked() == (label in hidden):
                box.blockSignals(True)
                box.setChecked(label not in hidden)
                box.blockSignals(False)
                changed = True
        if changed:
            self.visibility_changed.emit()

    def visible_labels(self) -> set[str]:
        return {label for label, box in self.legend.items() if box.isChecked()} | {
            g.label for g in self._groups if g.label not in self.legend
        }

    # Selection -------------------------------------------------------------------------
    def select(self, label: str, name: str) -> None:
        """Make the entity current (the reader's click lands here)."""
        for top in top_level_items(self.tree):
            for item in child_items(top):
                group = item.data(0, GROUP_ROLE)
                if group is not None and (group.label, group.name) == (label, name):
                    self.tree.setCurrentItem(item)
                    self.tree.scrollToItem(item)
                    return

    def group_of(self, item: QTreeWidgetItem) -> EntityGroup | None:
        group = item.data(0, GROUP_ROLE)
        return group if isinstance(group, EntityGroup) else None

    def mention_index(self) -> int | None:
        """Which mention of the chosen entity is current (shown as "Mention i of n")."""
        return self._position

    def current_group(self) -> EntityGroup | None:
        item = self.tree.currentItem()
        return item.data(0, GROUP_ROLE) if item is not None else None

    def _page(self) -> None:
        group = self.current_group()
        if group is not None:
            self.page_requested.emit(group)

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        group = item.data(0, GROUP_ROLE) if item is not None else None
        self.entity_selected.emit(group)

    def set_position(self, index: int | None, count: int) -> None:
        """Show "Mention i of n" for the selected entity (or hide the stepping controls)."""
        self._position = index if count > 0 else None
        visible = index is not None and count > 0
        for widget in (
            self.mention_label,
            self.page_button,
            self.previous_button,
            self.next_button,
        ):
            widget.setVisible(visible)
        if visible and index is not None:
            self.mention_label.setText(f"Mention {index + 1} of {count}")
