"""Spans stepped through one at a time: search hits (F3), find matches, an entity's mentions.

``SteppedLayer`` keeps the spans of one reader layer with a current one, draws the current one
apart, and reveals it as the analyst steps forwards or backwards (wrapping at either end).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import pairwise

from briefreader.core.text.document import Span
from briefreader.ui.reader.layers import CURRENT, HighlightLayer, LayerStyle
from briefreader.ui.reader.view import ReaderView


class SpanStepper:
    """A sorted list of spans with a current one, stepped forwards and backwards in a ring."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.current = -1

    def reset(self, spans: list[Span], near: int = 0) -> None:
        """New spans; the current one is the first at or after offset ``near``. Spans come
        sorted from the core as a rule, so a long list (22,000 hits) is checked, not sorted."""
        ordered = all(a.start < b.start or (a.start == b.start and a.end <= b.end)
                      for a, b in pairwise(spans))  # fmt: skip
        self.spans = list(spans) if ordered else sorted(spans, key=lambda s: (s.start, s.end))
        if not self.spans:
            self.current = -1
            return
        found = bisect_left(self.spans, near, key=lambda span: span.start)
        self.current = found if found < len(self.spans) else 0

    def step(self, delta: int) -> Span | None:
        if not self.spans:
            return None
        self.current = (self.current + delta) % len(self.spans)
        return self.spans[self.current]

    @property
    def current_span(self) -> Span | None:
        return self.spans[self.current] if 0 <= self.current < len(self.spans) else None


def current_apart(_span: Span, current: bool) -> str:
    """The layer's variant for a span: the current one, or any other."""
    return CURRENT if current else ""


class SteppedLayer(SpanStepper):
    """A reader layer whose spans are stepped through, the current one drawn apart: search
    hits (F3), find matches, one entity's mentions. ``variant`` names the layer's style for a
    span (and whether it is the current one), drawn in the reader's theme of the moment."""

    def __init__(
        self,
        reader: ReaderView,
        layer: HighlightLayer,
        variant: Callable[[Span, bool], str] = current_apart,
    ) -> None:
        super().__init__()
        self.reader, self.layer, self._variant = reader, layer, variant
        self.name, self.priority = layer.name, layer.priority

    def show(self, spans: list[Span], near: int = 0, reveal: bool = True) -> None:
        """Replace the spans (none clears the layer); reveal the current one, unflashed."""
        self.reset(spans, near)
        if not self.spans:
            self.reader.clear_layer(self.name)
            return
        self.reader.set_layer(self.name, self.spans, self.style_for, priority=self.priority)
        current = self.current_span
        if reveal and current is not None:
            self.reader.reveal(current, flash=False)

    def move(self, delta: int) -> Span | None:
        """Step to the next (+1) or previous (-1) span, redraw and reveal it."""
        span = self.step(delta)
        if span is not None:
            self.reader.set_layer_style(self.name, self.style_for)
            self.reader.reveal(span)
        return span

    def style_for(self, span: Span) -> LayerStyle:
        variant = self._variant(span, span == self.current_span)
        return self.layer.style(self.reader.theme, variant)
