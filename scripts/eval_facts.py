"""Score treaty-fact extraction against a gold folder in the format of the project's
development set (``articles/NN.md`` and ``gold/NN.json`` with a ``treaty`` block, ``null`` for
a text about no agreement), plus the sample briefing (``scripts/gold/``) or the given
``TEXT_FILE GOLD_JSON`` pairs.

Single values (parties and signatories as sets, date, place, duration, status) are right or
wrong per text; areas are scored as sets; obligations and exclusions by word overlap (each
gold statement matched to the best extracted one). Prints per-field scores and the texts
where a treaty was found though the gold has none.

Usage: ``python scripts/eval_facts.py [EVAL_FOLDER] [--case TEXT GOLD ...]``
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from briefreader.core.entities import extract_entities
from briefreader.core.entities.gazetteer import load_gazetteer
from briefreader.core.facts import document_facts
from briefreader.core.loaders import load_document

ROOT = Path(__file__).resolve().parents[1]
# The sample briefing, with gold made by hand for it: one more case beside the folder's.
DEFAULT_CASES = [
    (str(ROOT / "seeds" / "000_cf5c2beeea8848e9.txt"),
     str(ROOT / "scripts" / "gold" / "000_cf5c2beeea8848e9.json")),
]  # fmt: skip
SINGLE = ("signed_date", "signed_place", "duration", "status")
SETS = ("parties", "signatories")
OVERLAP = ("areas", "obligations", "exclusions")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "in",
        "on",
        "for",
        "with",
        "by",
        "as",
        "at",
        "its",
        "their",
        "be",
        "will",
    ]
)
_NUMBERS = {"five": "5", "ten": "10", "twenty": "20", "fifteen": "15", "three": "3"}


def canonical(name: str) -> str:
    """A place or organisation as the gazetteer names it, so "U.S." equals "United States"."""
    known = load_gazetteer().surfaces.get(name.strip())
    return (known.canonical if known else name).strip().lower()


def same_person(a: str, b: str) -> bool:
    def surname(name: str) -> str:
        words = [w for w in re.split(r"[\s,]+", name) if w and w.rstrip(".") not in ("Jr", "Sr")]
        return words[-1].lower() if words else ""

    return surname(a) == surname(b)


def words(text: str) -> set[str]:
    tokens = re.findall(r"[\w-]+", text.lower())
    return {_NUMBERS.get(t, t) for t in tokens if t not in _STOP}


def overlap_f1(gold: list[str], found: list[str]) -> float | None:
    """Word-overlap F1 of the two lists as bags of statements: precision over the found
    statements, recall over the gold ones, each statement matched to its best partner."""
    if not gold and not found:
        return None
    if not gold or not found:
        return 0.0

    def best(statement: str, others: list[str]) -> float:
        mine = words(statement)
        scores = []
        for other in others:
            theirs = words(other)
            common = len(mine & theirs)
            if common:
                p, r = common / len(theirs), common / len(mine)
                scores.append(2 * p * r / (p + r))
        return max(scores, default=0.0)

    recall = sum(best(g, found) for g in gold) / len(gold)
    precision = sum(best(f, gold) for f in found) / len(found)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def set_f1(gold: set[str], found: set[str]) -> float | None:
    if not gold and not found:
        return None
    common = len(gold & found)
    if not common:
        return 0.0
    p, r = common / len(found), common / len(gold)
    return 2 * p * r / (p + r)


def duration_key(value: str | None) -> str | None:
    if not value:
        return None
    found = re.search(r"(\d+|five|ten|twenty|fifteen|three)\s+(year|month|decade)", value.lower())
    if found:
        return f"{_NUMBERS.get(found.group(1), found.group(1))} {found.group(2)}"
    return value.strip().lower()


def score_case(
    gold: dict | None, text_path: Path, model: bool = False
) -> tuple[dict[str, float], bool]:
    document = load_document(text_path)
    facts = document_facts(document, extract_entities(document.text, model=model))
    found = facts.treaties[0].as_json() if facts.treaties else None
    if gold is None:
        return {}, found is not None
    if found is None:
        found = {key: [] for key in (*SETS, *OVERLAP)} | {key: None for key in SINGLE}
    scores: dict[str, float] = {}
    scores["signed_date"] = float(gold["signed_date"] == found["signed_date"])
    gold_place, found_place = gold["signed_place"] or "", found["signed_place"] or ""
    scores["signed_place"] = float(
        gold_place.lower() == found_place.lower()
        or (bool(gold_place) and canonical(gold_place) == canonical(found_place))
    )
    scores["duration"] = float(duration_key(gold["duration"]) == duration_key(found["duration"]))
    scores["status"] = float(gold["status"] == found["status"])
    scores["parties"] = float(
        {canonical(p) for p in gold["parties"]} == {canonical(p) for p in found["parties"]}
    )
    signers_found = list(found["signatories"])
    scores["signatories"] = float(
        len(gold["signatories"]) == len(signers_found)
        and all(any(same_person(g, f) for f in signers_found) for g in gold["signatories"])
    )
    for key in OVERLAP:
        value = (
            set_f1(set(gold[key]), set(found[key]))
            if key == "areas"
            else overlap_f1(gold[key], list(found[key]))
        )
        if value is not None:
            scores[key] = value
    return scores, True


def _half(text_path: Path) -> str:
    """01-12 and the sample are the texts to tune on; 13-24 the check, scored unread."""
    stem = text_path.name[:2]
    return "13-24 (check)" if stem.isdigit() and int(stem) >= 13 else "01-12 (tuning)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path(__file__).parents[2] / "shared" / "eval")  # fmt: skip
    parser.add_argument("--case", nargs=2, action="append", default=[], metavar=("TEXT", "GOLD"))
    parser.add_argument("--verbose", action="store_true", help="what 01-12 got wrong, per text")
    parser.add_argument("--model", action="store_true",
                        help="facts from the model's entities (the app: the rules')")  # fmt: skip
    args = parser.parse_args()
    cases = [
        (args.folder / "articles" / f"{gold.stem}.md", gold)
        for gold in sorted((args.folder / "gold").glob("*.json"))
    ] + [(Path(text), Path(gold)) for text, gold in args.case or DEFAULT_CASES]
    halves: dict[str, list[tuple[Path, dict[str, float] | None, bool]]] = defaultdict(list)
    for text_path, gold_path in cases:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["treaty"]
        scores, found_any = score_case(gold, text_path, model=args.model)
        halves[_half(text_path)].append((text_path, scores if gold else None, found_any))
        if args.verbose and scores and _half(text_path).startswith("01"):
            wrong = [k for k, v in scores.items() if v < 1]
            print(f"{text_path.name}: " + ", ".join(f"{k} {scores[k]:.2f}" for k in wrong))
    for name in sorted(halves):
        print(f"== {name}")
        _report(halves[name], show_names=name.startswith("01"))
    print("== all")
    _report([case for half in halves.values() for case in half], show_names=False)


def _report(cases: list[tuple[Path, dict[str, float] | None, bool]], show_names: bool) -> None:
    totals: dict[str, list[float]] = defaultdict(list)
    negatives = [path for path, scores, _ in cases if scores is None]
    invented = [path.name for path, scores, found in cases if scores is None and found]
    missed = sum(1 for _path, scores, found in cases if scores is not None and not found)
    for _path, scores, _found in cases:
        for key, value in (scores or {}).items():
            totals[key].append(value)
    print(f"{len(cases)} texts ({len(negatives)} about no agreement)")
    for key in (*SETS, *SINGLE):
        values = totals[key]
        print(f"{key:13} {sum(values) / max(1, len(values)):6.0%} right "
              f"({int(sum(values))}/{len(values)})")  # fmt: skip
    for key in OVERLAP:
        values = totals[key]
        mean = sum(values) / len(values) if values else float("nan")
        print(f"{key:13} F1 {mean:5.2f} (over {len(values)} texts where gold or output has any)")
    fields = [sum(v) / len(v) for v in totals.values() if v]
    print(f"facts-score   {sum(fields) / max(1, len(fields)):.3f} (mean of the fields above)")
    print(f"agreement missed: {missed}; invented for a text about none: {len(invented)}"
          + (f" {invented}" if show_names else ""))  # fmt: skip


if __name__ == "__main__":
    main()
