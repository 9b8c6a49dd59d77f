"""Colours of entity types on the page: one hue per type from a colour-blind-safe scheme.

Paul Tol's "bright" qualitative scheme keeps the seven types apart for the common forms of
colour blindness. On the page each mention gets a pale tint of its hue (blended with the page
colour, so it reads in light and dark mode) and an underline in the full hue; search hits keep
their solid amber, so both stay visible where they overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from briefreader.ui.reader import LayerStyle
from briefreader.ui.theme import Theme


@dataclass(frozen=True)
class EntityType:
    label: str
    name: str  # plural, for the panel
    singular: str  # for a tooltip on one mention
    hue: str
    short: str = ""  # for the legend, which is narrow

    @property
    def legend(self) -> str:
        return self.short or self.name


ENTITY_TYPES: tuple[EntityType, ...] = (
    EntityType("PERSON", "People", "Person", "#4477AA"),
    EntityType("ORG", "Organisations", "Organisation", "#EE6677"),
    EntityType("GPE", "Countries and cities", "Country or city", "#228833", "Places"),
    EntityType("LOC", "Other places", "Place", "#66CCEE"),
    EntityType("NORP", "Nationalities and groups", "Nationality or group", "#CCBB44", "Groups"),
    EntityType("DATE", "Dates", "Date", "#BBBBBB"),
    EntityType("TREATY", "Treaties and agreements", "Treaty or agreement", "#AA3377", "Treaties"),
)
TYPES_BY_LABEL = {kind.label: kind for kind in ENTITY_TYPES}
_FALLBACK = EntityType("OTHER", "Other", "Other", "#999999")


def entity_type(label: str) -> EntityType:
    return TYPES_BY_LABEL.get(label, _FALLBACK)


def blend(page: QColor, hue: QColor, share: float) -> QColor:
    """``share`` of ``hue`` over ``page``: an opaque tint that works on any page colour."""
    return QColor(
        round(page.red() + (hue.red() - page.red()) * share),
        round(page.green() + (hue.green() - page.green()) * share),
        round(page.blue() + (hue.blue() - page.blue()) * share),
    )


def mention_style(label: str, theme: Theme, tooltip: str | None = None) -> LayerStyle:
    hue = QColor(entity_type(label).hue)
    share = 0.34 if theme.dark else 0.2
    return LayerStyle(background=blend(theme.page, hue, share), underline=hue, tooltip=tooltip)


def selected_style(label: str, theme: Theme) -> LayerStyle:
    """The mentions of the entity chosen in the panel: a strong tint of its hue."""
    hue = QColor(entity_type(label).hue)
    return LayerStyle(
        background=blend(theme.page, hue, 0.6 if theme.dark else 0.45),
        foreground=theme.text,
        underline=hue,
    )
