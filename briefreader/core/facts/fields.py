"""The treaty facts a card shows, in one table: each field's key (as in ``facts --json``),
its label, and whether it holds several values. The Treaty facts panel, its Markdown copy,
the corrections menus and ``briefreader facts`` all read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FactField:
    key: str
    label: str
    many: bool  # a list of values (names, statements) rather than one


FACT_FIELDS: tuple[FactField, ...] = (
    FactField("parties", "Parties", True),
    FactField("signatories", "Signatories", True),
    FactField("signed_date", "Signed", False),
    FactField("signed_place", "Place", False),
    FactField("duration", "Duration", False),
    FactField("status", "Status", False),
    FactField("areas", "Areas", True),
    FactField("obligations", "Commits to", True),
    FactField("exclusions", "Does not", True),
)
# Every correctable field's label, the agreement's name included.
FIELD_LABELS = {"name": "Name", **{field.key: field.label for field in FACT_FIELDS}}
