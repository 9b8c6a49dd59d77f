"""Every highlight layer of the reader in one table: its name, its place in the stack and its
style in the light and the dark theme.

The reader draws its layers lowest priority first, so a later one sits on top where spans
overlap. Declared together, the order is a decision rather than an accident: layers of equal
priority were drawn in whichever order they were first set (find matches and watched names
both had 20), and a style worked out once from the theme of the moment kept the light page's
colours after a switch to dark. Here each style is a function of the theme it is drawn in,
asked again whenever the reader redraws (a theme change included).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtGui import QColor

from briefreader.core.annotations.model import DEFAULT_PALETTE
from briefreader.ui.reader.contrast import NON_TEXT_CONTRAST, TEXT_CONTRAST, contrast
from briefreader.ui.reader.entity_types import ENTITY_TYPES, entity_type
from briefreader.ui.theme import Theme

CURRENT = "current"  # the variant of a stepped layer's current span
# Watched names: a hue outside the entity palette, so a watched name never looks like a type.
WATCHED_HUE = "#EE7733"


@dataclass(frozen=True)
class LayerStyle:
    """How one span is drawn. ``None`` leaves that property as the page has it."""

    background: QColor | None = None
    foreground: QColor | None = None
    underline: QColor | None = None
    bold: bool = False
    tooltip: str | None = None


def blend(page: QColor, hue: QColor, share: float) -> QColor:
    """``share`` of ``hue`` over ``page``: an opaque tint that works on any page colour."""
    return QColor(
        round(page.red() + (hue.red() - page.red()) * share),
        round(page.green() + (hue.green() - page.green()) * share),
        round(page.blue() + (hue.blue() - page.blue()) * share),
    )


def tint(theme: Theme, hue: QColor, share: float) -> QColor:
    """``hue`` blended into the page by ``share``, or by less where the theme's text would
    lose AA contrast on it: a strong tint on a dark page turns mid-grey, on which neither
    light nor dark text reads."""
    colour = blend(theme.page, hue, share)
    while share > 0 and contrast(theme.text, colour) < TEXT_CONTRAST:
        share = round(share - 0.01, 2)
        colour = blend(theme.page, hue, share)
    return colour


def line_colour(theme: Theme, hue: QColor) -> QColor:
    """``hue`` moved towards the theme's text until it stands out from the page by the WCAG
    ratio for graphics (3:1): the pale hues of the scheme (dates, groups, other places) vanish
    as a thin line on a white page otherwise."""
    share = 0.0
    colour = QColor(hue)
    while share < 1 and contrast(colour, theme.page) < NON_TEXT_CONTRAST:
        share = round(share + 0.05, 2)
        colour = blend(hue, theme.text, share)
    return colour


Paint = Callable[[Theme, str], LayerStyle]
# One style object per layer, variant and theme: the reader makes one text format per style
# object, and a theme is kept with its styles so that its id is never reused.
_STYLES: dict[tuple[str, str, int], tuple[Theme, LayerStyle]] = {}


@dataclass(frozen=True)
class HighlightLayer:
    """One layer: ``name`` in the reader (entity types add their label to it), ``priority``
    (higher draws on top), ``paint`` (its style in a theme, for one of its ``variants``: a
    stepped layer's current span, an entity type, a note's colour)."""

    name: str
    priority: int
    paint: Paint
    variants: tuple[str, ...] = ("",)

    def style(self, theme: Theme, variant: str = "") -> LayerStyle:
        key = (self.name, variant, id(theme))
        kept = _STYLES.get(key)
        if kept is None or kept[0] is not theme:
            kept = _STYLES[key] = (theme, self.paint(theme, variant))
        return kept[1]

    def styled(self, theme: Theme, variant: str, tooltip: str | None) -> LayerStyle:
        """The style with a tooltip of its own (one object per call: keep it if reused)."""
        return replace(self.style(theme, variant), tooltip=tooltip)


def _mention(theme: Theme, label: str) -> LayerStyle:
    """A thin line in the type's hue and no tint: a page of briefing prose names someone or
    somewhere in most lines, and a tint on each of them made the page loud. The tint comes
    with the mouse (``HOVERED_ENTITY``) and with the entity chosen in the panel."""
    return LayerStyle(underline=line_colour(theme, QColor(entity_type(label).hue)))


def _hovered(theme: Theme, label: str) -> LayerStyle:
    hue = QColor(entity_type(label).hue)
    return LayerStyle(
        background=tint(theme, hue, 0.34 if theme.dark else 0.2),
        underline=line_colour(theme, hue),
    )


def _note(theme: Theme, hue: str) -> LayerStyle:
    return LayerStyle(background=tint(theme, QColor(hue), 0.55 if theme.dark else 0.45))


def _hit(theme: Theme, variant: str) -> LayerStyle:
    return LayerStyle(background=theme.current_hit if variant == CURRENT else theme.hit)


def _chosen_entity(theme: Theme, label: str) -> LayerStyle:
    hue = QColor(entity_type(label).hue)
    return LayerStyle(
        background=tint(theme, hue, 0.6 if theme.dark else 0.45),
        foreground=theme.text,
        underline=line_colour(theme, hue),
    )


def _watched(theme: Theme, _variant: str) -> LayerStyle:
    hue = QColor(WATCHED_HUE)  # a solid tint: extra selections cannot embolden text
    return LayerStyle(
        background=tint(theme, hue, 0.55 if theme.dark else 0.4),
        foreground=theme.text,
        underline=line_colour(theme, hue),
        tooltip="On your watch-list",
    )


def _find(theme: Theme, variant: str) -> LayerStyle:
    return LayerStyle(background=theme.current_find if variant == CURRENT else theme.find)


def _flash(theme: Theme, _variant: str) -> LayerStyle:
    return LayerStyle(background=theme.flash, foreground=theme.text)


_LABELS = tuple(kind.label for kind in ENTITY_TYPES)
_STEPPED = ("", CURRENT)

# The stack, bottom to top. Entity lines lie under everything the analyst made or asked for,
# the mention under the mouse tinted just over them; notes under the query's hits, which the
# entity chosen in the panel covers; watched names over those (a standing request); find
# matches over them all (typed just now); the flash of a revealed span on top, for a moment.
ENTITIES = HighlightLayer("entity:", 5, _mention, _LABELS)
HOVERED_ENTITY = HighlightLayer("entity-hovered", 6, _hovered, _LABELS)
NOTES = HighlightLayer("notes", 8, _note, tuple(hue for _key, _m, hue in DEFAULT_PALETTE))
HITS = HighlightLayer("hits", 10, _hit, _STEPPED)
CHOSEN_ENTITY = HighlightLayer("entity-selected", 15, _chosen_entity, _LABELS)
WATCHED = HighlightLayer("watched", 18, _watched)
FIND = HighlightLayer("find", 20, _find, _STEPPED)
FLASH = HighlightLayer("flash", 1000, _flash)
LAYERS: tuple[HighlightLayer, ...] = (
    ENTITIES,
    HOVERED_ENTITY,
    NOTES,
    HITS,
    CHOSEN_ENTITY,
    WATCHED,
    FIND,
    FLASH,
)
