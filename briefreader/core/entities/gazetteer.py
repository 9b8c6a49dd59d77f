"""Names the extractor knows before reading: countries (pycountry, with the short and old
forms analysts read), cities and regions, seas, organisations, nationalities and titles.

The lists are data in ``resources/entities/`` (one ``label  canonical  aliases`` line each), so
they are extended without touching code. Every surface form maps to its entity's canonical
name: "US", "U.S." and "America" are all "United States".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry


def _resources() -> Path:
    """``resources/entities``: inside the package in a wheel (``_data``), at the repository
    root in a checkout. Found here, so the core never reaches for the app's paths module."""
    package = Path(__file__).resolve().parents[2]
    for root in (package / "_data" / "resources", package.parent / "resources"):
        if (root / "entities").is_dir():
            return root / "entities"
    return package.parent / "resources" / "entities"


RESOURCES = _resources()


@dataclass(frozen=True)
class Known:
    label: str
    canonical: str


def _rows(name: str, folder: Path) -> list[list[str]]:
    rows = []
    for line in (folder / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([part.strip() for part in line.split("\t")])
    return rows


def _country_names() -> dict[str, str]:
    """Surface -> canonical for every country: its common or plain name, and the official
    name; names written "Korea, Republic of" are left to the curated list."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        if "," in canonical:
            continue
        for form in (canonical, country.name, getattr(country, "official_name", None)):
            if form and "," not in form and "(" not in form:
                names.setdefault(form, canonical)
    return names


def _official_forms() -> set[str]:
    """Every name of a current or former country in ISO 3166, with "Korea, Republic of" and
    "Holy See (Vatican City State)" also split into their parts."""
    forms: set[str] = set()
    records = [*pycountry.countries, *pycountry.historic_countries]
    for country in records:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if not value:
                continue
            forms.add(value)
            forms.update(part.strip() for part in re.split(r"[,()]", value) if part.strip())
    return forms


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Canonical names of the places that are countries (present or former), as the
    gazetteer names them: a treaty's parties are countries and organisations, not cities."""
    known = load_gazetteer()
    forms = _official_forms()
    return frozenset(
        entry.canonical
        for form, entry in known.surfaces.items()
        if entry.label == "GPE" and (form in forms or form in _country_names())
    )


@dataclass(frozen=True)
class Gazetteer:
    surfaces: dict[str, Known]
    titles: tuple[str, ...]
    pattern: re.Pattern[str]
    not_names: frozenset[str]  # capitalised words that make a phrase a thing, not a person
    # Nationality → the country it speaks for ("Iranian" → "Iran"), where there is one.
    nationality_countries: dict[str, str] = field(default_factory=dict)
    # Large cities and capitals (cities.tsv, from GeoNames): too many for one pattern, so
    # looked up in runs of capitalised words instead; form → canonical name.
    cities: dict[str, str] = field(default_factory=dict)
    city_starts: frozenset[str] = frozenset()  # the first word of every city form


def trie_pattern(words: list[str]) -> str:
    """One regular expression for many literal words, shaped as their letter tree.

    An alternation of hundreds of forms makes the engine try each at every position; the
    tree tries one letter at a time (six times faster on the gazetteer). Where a word ends
    inside a longer one, the longer is tried first (a greedy optional group), so the longest
    form wins, as it did in the alternation sorted longest first.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return str(branches[0])
        group = "(?:" + "|".join(branches) + ")"
        return str(group + "?" if ends else group)

    return build(trie)


@lru_cache(maxsize=2)
def load_gazetteer(folder: Path = RESOURCES) -> Gazetteer:
    surfaces: dict[str, Known] = {}
    for form, canonical in _country_names().items():
        surfaces[form] = Known("GPE", canonical)
    for name in ("places.tsv", "organisations.tsv"):
        for row in _rows(name, folder):
            label, canonical = row[0], row[1]
            aliases = row[2].split("|") if len(row) > 2 and row[2] else []
            for form in (canonical, *aliases):
                surfaces[form] = Known(label, canonical)
    nationality_countries: dict[str, str] = {}
    for row in _rows("nationalities.tsv", folder):
        canonical = row[0]
        aliases = row[1].split("|") if len(row) > 1 and row[1] else []
        for form in (canonical, *aliases):
            surfaces[form] = Known("NORP", canonical)
        if len(row) > 2 and row[2]:
            nationality_countries[canonical] = row[2]
    titles = tuple(
        sorted(
            (line.strip() for line in (folder / "titles.txt").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")),
            key=len,
            reverse=True,
        )
    )  # fmt: skip
    forms = sorted(surfaces, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:" + trie_pattern(forms) + r")(?![\w])")
    not_names = frozenset(
        word
        for line in (folder / "not_names.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
        for word in line.split()
    )
    cities = {
        form: row[0]
        for row in _rows("cities.tsv", folder)
        for form in (row[2].split("|") if len(row) > 2 and row[2] else [row[0]])
        if form not in surfaces and form not in not_names
    }
    starts = frozenset(form.split()[0] for form in cities)
    return Gazetteer(surfaces, titles, pattern, not_names, nationality_countries, cities, starts)
