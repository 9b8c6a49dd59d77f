"""Ties the Entities panel to the reader: one layer per entity type, the chosen entity's
mentions in a layer of their own, stepping through them, the mention under the mouse tinted,
clicks on the page choosing the entity in the panel, and reading mode (no entity marks)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject

from briefreader.core.entities.extract import Mention
from briefreader.core.text.document import Span
from briefreader.ui.entities.panel import EntitiesPanel, EntityGroup, group_mentions
from briefreader.ui.reader.entity_types import entity_type
from briefreader.ui.reader.layers import CHOSEN_ENTITY, ENTITIES, HOVERED_ENTITY, LayerStyle
from briefreader.ui.reader.stepped_layer import SteppedLayer
from briefreader.ui.reader.view import ReaderView, SpanEvent

LAYER_PREFIX = ENTITIES.name  # one layer per entity type: the prefix and its label
SELECTED_LAYER = CHOSEN_ENTITY.name


class EntityPresenter(QObject):
    def __init__(self, panel: EntitiesPanel, reader: ReaderView) -> None:
        super().__init__(panel)
        self.panel, self.reader = panel, reader
        self._owner: dict[Span, EntityGroup] = {}
        self._chosen: EntityGroup | None = None
        self._styles: dict[tuple[str, str, int], LayerStyle] = {}
        self.mentions = SteppedLayer(reader, CHOSEN_ENTITY, self._chosen_label)
        # Every type's marks off; an entity the analyst chooses in the panel still shows.
        self.reading_mode = False
        self._hovered: Span | None = None
        panel.visibility_changed.connect(self._draw)
        panel.entity_selected.connect(self._choose)
        panel.step.connect(self.step)
        reader.span_clicked.connect(self._clicked)
        reader.span_hovered.connect(self._hover)

    def set_reading_mode(self, on: bool) -> None:
        """Reading mode: the page without entity marks; the panel still lists them, and one
        chosen there is still marked (the analyst asked for it)."""
        self.reading_mode = on
        self._draw()

    def show(self, mentions: Iterable[Mention], message: str | None = None) -> None:
        """The open document's mentions (the reader has just shown that document)."""
        groups = group_mentions(mentions)
        self._styles = {}
        self._owner = {span: group for group in groups for span in group.mentions}
        self._chosen = None
        self.mentions.reset([])
        self.panel.set_entities(groups, message)
        self._draw()

    def _draw(self) -> None:
        with self.reader.batched():  # one redraw for all the entity types
            self._draw_layers()

    def _draw_layers(self) -> None:
        visible = set() if self.reading_mode else self.panel.visible_labels()
        self._set_hovered(None)
        by_label: dict[str, list[Span]] = {}
        for span, group in self._owner.items():
            by_label.setdefault(group.label, []).append(span)
        for name in self.reader.layer_names():
            if name.startswith(LAYER_PREFIX) and name[len(LAYER_PREFIX) :] not in by_label:
                self.reader.clear_layer(name)
        for label, spans in by_label.items():
            layer = LAYER_PREFIX + label
            if label in visible:
                self.reader.set_layer(layer, spans, self._style, priority=ENTITIES.priority)
            else:
                self.reader.clear_layer(layer)

    def _style(self, span: Span) -> LayerStyle:
        """One style object per entity (and theme), so the reader makes one format each."""
        group = self._owner.get(span)
        label, name = (span.kind, "") if group is None else (group.label, group.name)
        key = (label, name, id(self.reader.theme))
        style = self._styles.get(key)
        if style is None:
            tip = f"{entity_type(label).singular} · {name}" if group is not None else None
            style = self._styles[key] = ENTITIES.styled(self.reader.theme, label, tip)
        return style

    def _hover(self, event: SpanEvent) -> None:
        """Tint the mention under the mouse (the page shows only thin lines otherwise)."""
        found = next(
            (spans[0] for name, spans in event.spans.items() if name.startswith(LAYER_PREFIX)),
            None,
        )
        self._set_hovered(found)

    def _set_hovered(self, span: Span | None) -> None:
        if span == self._hovered:
            return
        self._hovered = span
        if span is None:
            self.reader.clear_layer(HOVERED_ENTITY.name)
            return
        group = self._owner.get(span)
        label = span.kind if group is None else group.label
        style = HOVERED_ENTITY.style(self.reader.theme, label)
        self.reader.set_layer(
            HOVERED_ENTITY.name, [span], lambda _span: style, priority=HOVERED_ENTITY.priority
        )

    def _choose(self, group: EntityGroup | None) -> None:
        self._chosen = group
        if group is None:
            self.mentions.show([])
            self.panel.set_position(None, 0)
            return
        self.mentions.show(group.mentions, near=self.reader.offset_at_top() or 0, reveal=False)
        self.step(0)

    def _chosen_label(self, _span: Span, _current: bool) -> str:
        """Every mention of the chosen entity in its type's strong tint, the current too."""
        return self._chosen.label if self._chosen is not None else ""

    def step(self, delta: int) -> None:
        """Reveal the chosen entity's next (+1), previous (-1) or current (0) mention."""
        if self.mentions.move(delta) is not None:
            self.panel.set_position(self.mentions.current, len(self.mentions.spans))

    def _clicked(self, event: SpanEvent) -> None:
        for name, spans in event.spans.items():
            if name.startswith(LAYER_PREFIX) or name == SELECTED_LAYER:
                group = self._owner.get(spans[0])
                if group is not None:
                    self.panel.select(group.label, group.name)
                    return
