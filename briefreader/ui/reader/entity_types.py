"""Entity types and their hues: one per type from a colour-blind-safe scheme.

Paul Tol's "bright" qualitative scheme keeps the seven types apart for the common forms of
colour blindness. On the page (``layers``) each mention gets a thin line in its hue (darkened
where a pale hue would vanish on the page), a tint only under the mouse or when chosen in the
panel; search hits keep their solid amber, so both stay visible where they overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefreader.core.entities.labels import ENTITY_LABELS


@dataclass(frozen=True)
class EntityType:
    """An entity label of the core's table (``core.entities.labels``) with its hue."""

    label: str
    name: str  # plural, for the panel
    singular: str  # for a tooltip on one mention
    hue: str
    short: str = ""  # for the legend, which is narrow

    @property
    def legend(self) -> str:
        return self.short or self.name


HUES = {"PERSON": "#4477AA", "ORG": "#EE6677", "GPE": "#228833", "LOC": "#66CCEE",
        "NORP": "#CCBB44", "DATE": "#BBBBBB", "TREATY": "#AA3377"}  # fmt: skip
ENTITY_TYPES: tuple[EntityType, ...] = tuple(
    EntityType(entry.label, entry.plural, entry.singular, HUES[entry.label], entry.short)
    for entry in ENTITY_LABELS
)
TYPES_BY_LABEL = {kind.label: kind for kind in ENTITY_TYPES}
_FALLBACK = EntityType("OTHER", "Other", "Other", "#999999")


def entity_type(label: str) -> EntityType:
    return TYPES_BY_LABEL.get(label, _FALLBACK)
