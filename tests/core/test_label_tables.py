"""Entity labels and treaty-fact fields are each named in one table, which every other place
reads: the panel, the legend, the search fields, the corrections, the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from briefreader.core.entities.labels import FACET_LABELS, FIELD_LABELS, LABELS, label_word
from briefreader.core.facts.fields import FACT_FIELDS
from briefreader.core.facts.fields import FIELD_LABELS as FACT_LABELS
from briefreader.core.search.fields import REGISTRY

PACKAGE = Path(__file__).resolve().parents[2] / "briefreader"
TABLES = {"core/entities/labels.py", "core/facts/fields.py"}


def _spelled_outside_the_tables(pattern: re.Pattern[str]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE)}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() not in TABLES
        for line in path.read_text(encoding="utf-8").splitlines()
        if pattern.search(line)
    ]


def test_each_entity_search_field_finds_the_labels_the_table_gives_it() -> None:
    assert FIELD_LABELS == {
        "person": ("PERSON",), "org": ("ORG",), "place": ("GPE", "LOC"), "treaty": ("TREATY",),
    }  # fmt: skip
    assert set(FIELD_LABELS) <= set(REGISTRY.names())  # each a field of the query language
    assert set(FACET_LABELS) < set(LABELS) and "DATE" not in FACET_LABELS
    assert label_word("GPE") == "country or city" and label_word("EVENT") == "event"


def test_the_reader_colours_every_label_and_nothing_else() -> None:
    from briefreader.ui.reader.entity_types import ENTITY_TYPES, HUES

    assert set(HUES) == set(LABELS)
    assert [kind.label for kind in ENTITY_TYPES] == list(LABELS)


def test_no_other_module_names_the_labels_or_the_fact_fields() -> None:
    # The words a table gives a label or a field, as string literals.
    words = ("organisation", "Countries and cities", "Commits to", "Does not", "Signatories")
    pattern = re.compile("|".join(f'"{re.escape(word)}"' for word in words))
    assert _spelled_outside_the_tables(pattern) == []
    assert [field.key for field in FACT_FIELDS if field.many] == [
        "parties", "signatories", "areas", "obligations", "exclusions",
    ]  # fmt: skip
    assert FACT_LABELS["name"] == "Name" and len(FACT_LABELS) == len(FACT_FIELDS) + 1
