"""Which entities can be parties to an agreement: countries (not cities or regions), and the
country a nationality word stands for ("Russian President" speaks for Russia)."""

from __future__ import annotations

from briefreader.core.entities.gazetteer import country_names, load_gazetteer


def is_country(name: str) -> bool:
    return name in country_names()


def country_of_nationality(nationality: str) -> str | None:
    """The country the gazetteer's nationality list names for ``nationality``, if any
    ("Korean" and "European" speak for none)."""
    return load_gazetteer().nationality_countries.get(nationality)
