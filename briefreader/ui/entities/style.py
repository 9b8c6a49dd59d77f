"""Entity types and their hues: one per type from a colour-blind-safe scheme.

Paul Tol's "bright" qualitative scheme keeps the seven types apart for the common forms of
colour blindness. On the page (``layers``) each mention gets a thin line in its hue (darkened
where a pale hue would vanish on the page), a tint only under the mouse or when chosen in the
panel; search hits keep their solid amber, so both stay visible where they overlap.
"""

from __future__ import annotations

from dataclasses import dataclass


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
