"""The reader's highlight layers, declared in one table: a place each in the stack, styles
that follow the theme and keep the text readable on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefreader.core.loaders import parse_text
from briefreader.core.text.document import Metadata, Span
from briefreader.core.workspace import Workspace
from briefreader.ui.entities.corrections import EntityCorrectionsPresenter
from briefreader.ui.entities.panel import EntitiesPanel
from briefreader.ui.reader.contrast import NON_TEXT_CONTRAST, TEXT_CONTRAST, contrast
from briefreader.ui.reader.entity_types import ENTITY_TYPES
from briefreader.ui.reader.layers import ENTITIES, FIND, HITS, LAYERS, WATCHED, HighlightLayer
from briefreader.ui.reader.panel import ReaderPanel
from briefreader.ui.reader.view import ReaderView
from briefreader.ui.theme import DARK, LIGHT, Theme

UI = Path(__file__).resolve().parents[2] / "briefreader" / "ui"
VARIANTS = [(layer, variant) for layer in LAYERS for variant in layer.variants]
IDS = [f"{layer.name}{variant}" for layer, variant in VARIANTS]
TEXT = "# Cable\n\nOslo and Oslo again: the Oslo talks.\n"


def test_every_layer_has_a_place_of_its_own_in_the_stack() -> None:
    priorities = [layer.priority for layer in LAYERS]
    assert len(set(priorities)) == len(LAYERS)
    assert priorities == sorted(priorities)  # the table lists them bottom to top
    assert len({layer.name for layer in LAYERS}) == len(LAYERS)
    assert FIND.priority > WATCHED.priority  # these two used to tie


def test_no_reader_layer_is_given_a_priority_outside_the_table() -> None:
    literal = re.compile(r"priority\s*=\s*\d|_PRIORITY\s*=")
    found = [
        f"{path.name}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "layers.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if literal.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(("layer", "variant"), VARIANTS, ids=IDS)
def test_each_style_follows_the_theme(layer: HighlightLayer, variant: str) -> None:
    light, dark = layer.style(LIGHT, variant), layer.style(DARK, variant)
    if light.background is None:  # a line alone may keep its hue where both pages show it
        assert light.underline is not None and dark.underline is not None
        return
    assert dark.background is not None and light.background != dark.background


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(("layer", "variant"), VARIANTS, ids=IDS)
def test_each_style_shows_on_the_page_and_keeps_its_text_readable(
    layer: HighlightLayer, variant: str, theme: Theme
) -> None:
    style = layer.style(theme, variant)
    if style.background is None:  # a line alone: it must stand out as a graphic does
        assert style.underline is not None
        assert contrast(style.underline, theme.page) >= NON_TEXT_CONTRAST
        return
    assert contrast(style.background, theme.page) >= 1.1  # a tint the eye tells apart
    text = style.foreground or theme.text
    assert contrast(text, style.background) >= TEXT_CONTRAST


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_entity_mentions_are_thin_lines_of_distinct_colours(theme: Theme) -> None:
    """A calm page: no tint under every name, and each type's line its own colour."""
    styles = [ENTITIES.style(theme, kind.label) for kind in ENTITY_TYPES]
    assert all(style.background is None for style in styles)
    lines = [style.underline for style in styles]
    assert all(line is not None for line in lines)
    assert len({line.name() for line in lines if line is not None}) == len(ENTITY_TYPES)


@pytest.mark.parametrize("layer", [HITS, FIND], ids=["hits", "find"])
@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_current_span_stands_apart(layer: HighlightLayer, theme: Theme) -> None:
    current, other = layer.style(theme, "current"), layer.style(theme, "")
    assert current.background is not None and other.background is not None
    assert contrast(current.background, other.background) >= 1.2


def _backgrounds(reader: ReaderView) -> set[str]:
    return {selection.format.background().color().name() for selection in reader.extraSelections()}


def test_hits_and_find_matches_take_the_new_theme(qtbot: QtBot) -> None:
    panel = ReaderPanel()
    qtbot.addWidget(panel)
    document = parse_text(TEXT, "markdown", Metadata(path="cable.md", title=""), "x")
    spans = [Span(m.start(), m.end()) for m in re.finditer("Oslo", document.text)]
    panel.show_document(document, spans[:2])
    panel.matches.show(spans[2:])
    panel.set_theme(DARK)
    drawn = [HITS.style(DARK, ""), HITS.style(DARK, "current"), FIND.style(DARK, "current")]
    assert _backgrounds(panel.reader) == {s.background.name() for s in drawn if s.background}


def test_watched_names_take_the_new_theme(qtbot: QtBot, tmp_path: Path) -> None:
    """A watched name's style used to be worked out once, in the theme it was drawn in."""
    reader = ReaderView()
    qtbot.addWidget(reader)
    panel = EntitiesPanel()
    qtbot.addWidget(panel)
    corrections = Workspace(tmp_path / "data").entity_corrections
    presenter = EntityCorrectionsPresenter(corrections, panel, reader, lambda: None, panel)
    document = parse_text(TEXT, "markdown", Metadata(path="cable.md", title=""), "x")
    reader.show_document(document)
    presenter.show(document, [], ["Oslo"])
    light = WATCHED.style(LIGHT).background
    assert light is not None and _backgrounds(reader) == {light.name()}
    reader.set_theme(DARK)
    dark = WATCHED.style(DARK).background
    assert dark is not None and _backgrounds(reader) == {dark.name()}
