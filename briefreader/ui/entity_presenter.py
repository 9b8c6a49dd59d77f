"""Ties the Entities panel to the reader: one layer per entity type, the chosen entity's
mentions in a layer of their own, stepping through them, and clicks on the page choosing the
entity in the panel."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject

from briefreader.core.document import Span
from briefreader.ui.entities_panel import EntitiesPanel, EntityGroup, MentionLike, group_mentions
from briefreader.ui.entity_style import entity_type, mention_style, selected_style
from briefreader.ui.reader import LayerStyle, ReaderView, SpanEvent
from briefreader.ui.reader_panel import SpanStepper

LAYER_PREFIX = "entity:"
SELECTED_LAYER = "entity-selected"
ENTITY_PRIORITY, SELECTED_PRIORITY = 5, 15  # under the search hits (10), over for the chosen


class EntityPresenter(QObject):
    def __init__(self, panel: EntitiesPanel, reader: ReaderView) -> None:
        super().__init__(panel)
        self.panel, self.reader = panel, reader
        self._owner: dict[Span, EntityGroup] = {}
        self.mentions = SpanStepper()
        panel.visibility_changed.connect(self._draw)
        panel.entity_selected.connect(self._choose)
        panel.step.connect(self.step)
        reader.span_clicked.connect(self._clicked)

    def show(self, mentions: Iterable[MentionLike], message: str | None = None) -> None:
        """The open document's mentions (the reader has just shown that document)."""
        groups = group_mentions(mentions)
        self._owner = {span: group for group in groups for span in group.mentions}
        self.mentions.reset([])
        self.panel.set_entities(groups, message)
        self._draw()

    def _draw(self) -> None:
        visible = self.panel.visible_labels()
        by_label: dict[str, list[Span]] = {}
        for span, group in self._owner.items():
            by_label.setdefault(group.label, []).append(span)
        for name in self.reader.layer_names():
            if name.startswith(LAYER_PREFIX) and name[len(LAYER_PREFIX) :] not in by_label:
                self.reader.clear_layer(name)
        for label, spans in by_label.items():
            layer = LAYER_PREFIX + label
            if label in visible:
                self.reader.set_layer(layer, spans, self._style, priority=ENTITY_PRIORITY)
            else:
                self.reader.clear_layer(layer)

    def _style(self, span: Span) -> LayerStyle:
        group = self._owner.get(span)
        if group is None:
            return mention_style(span.kind, self.reader.theme)
        tip = f"{entity_type(group.label).singular} · {group.name}"
        return mention_style(group.label, self.reader.theme, tooltip=tip)

    def _choose(self, group: EntityGroup | None) -> None:
        if group is None:
            self.mentions.reset([])
            self.reader.clear_layer(SELECTED_LAYER)
            self.panel.set_position(None, 0)
            return
        top = self.reader.offset_at_top() or 0
        self.mentions.reset(group.mentions, near=top)
        self.reader.set_layer(
            SELECTED_LAYER,
            group.mentions,
            lambda _span: selected_style(group.label, self.reader.theme),
            priority=SELECTED_PRIORITY,
        )
        current = self.mentions.current_span
        if current is not None:
            self.reader.reveal(current)
        self.panel.set_position(self.mentions.current, len(self.mentions.spans))

    def step(self, delta: int) -> None:
        span = self.mentions.step(delta)
        if span is not None:
            self.reader.reveal(span)
            self.panel.set_position(self.mentions.current, len(self.mentions.spans))

    def _clicked(self, event: SpanEvent) -> None:
        for name, spans in event.spans.items():
            if name.startswith(LAYER_PREFIX) or name == SELECTED_LAYER:
                group = self._owner.get(spans[0])
                if group is not None:
                    self.panel.select(group.label, group.name)
                    return
