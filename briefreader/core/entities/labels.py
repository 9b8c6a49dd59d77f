"""The entity types, in one table: every label the extractor gives, with the words the
reader, the corrections and the exports use for it, and the search field that finds it.

Everything else derives from this table (``LABELS``, ``FIELD_LABELS``, ``FACET_LABELS``,
``label_word``, ``field_for``); the reader adds only a colour per label.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntityLabel:
    label: str  # as the model and the rules label a mention (OntoNotes, plus TREATY)
    plural: str  # the Entities panel's group
    singular: str  # a tooltip on one mention
    word: str  # inside a sentence: "Added as organisation: …"
    field: str | None = None  # the search field that finds it (``person:``…)
    short: str = ""  # the legend, which is narrow


ENTITY_LABELS: tuple[EntityLabel, ...] = (
    EntityLabel("PERSON", "People", "Person", "person", "person"),
    EntityLabel("ORG", "Organisations", "Organisation", "organisation", "org"),
    EntityLabel("GPE", "Countries and cities", "Country or city", "country or city", "place",
                "Places"),
    EntityLabel("LOC", "Other places", "Place", "place", "place"),
    EntityLabel("NORP", "Nationalities and groups", "Nationality or group",
                "nationality or group", None, "Groups"),
    EntityLabel("DATE", "Dates", "Date", "date"),
    EntityLabel("TREATY", "Treaties and agreements", "Treaty or agreement", "treaty", "treaty",
                "Treaties"),
)  # fmt: skip
BY_LABEL = {entry.label: entry for entry in ENTITY_LABELS}
LABELS = tuple(entry.label for entry in ENTITY_LABELS)
# Search field -> the labels it finds, in table order (``place:`` finds GPE and LOC).
FIELD_LABELS: dict[str, tuple[str, ...]] = {}
for _entry in ENTITY_LABELS:
    if _entry.field is not None:
        FIELD_LABELS[_entry.field] = (*FIELD_LABELS.get(_entry.field, ()), _entry.label)
# The labels a search result's entity facets list: those a search field can find.
FACET_LABELS = tuple(entry.label for entry in ENTITY_LABELS if entry.field is not None)


def label_word(label: str) -> str:
    """The label as a word inside a sentence; an unknown label as itself, lower-cased."""
    entry = BY_LABEL.get(label)
    return entry.word if entry is not None else label.lower()


def field_for(label: str) -> str | None:
    """The search field that finds entities of ``label``, if any."""
    entry = BY_LABEL.get(label)
    return entry.field if entry is not None else None
