"""Score entity extraction against a gold folder in the format of the project's development
set (``articles/NN.md`` and ``gold/NN.json``: per document, the distinct surface strings of
each label, body only: the headline and the ``Source:`` line are left out).

Prints per-label precision, recall and F1 and the micro average over PERSON, ORG, GPE (LOC
counted with GPE) and DATE, then TREATY on its own.

Files are scored in two halves: 01-12, the texts rules may be tuned on, and 13-24, the
check that is scored but never read (only its totals are printed); then all together.
``--rules`` scores the rules alone, without the trained model; ``--errors`` lists what
each text of 01-12 got wrong (never of 13-24).

Usage: ``python scripts/eval_entities.py [EVAL_FOLDER] [--rules] [--errors]`` (default
``../shared/eval``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from briefreader.core.entities import extract_entities

MICRO = ("PERSON", "ORG", "GPE", "DATE")


def body_of(markdown: str) -> str:
    lines = markdown.splitlines()
    return "\n".join(lines[3:]) if len(lines) > 3 else ""


HALVES = (("01-12 (tuning)", range(1, 13)), ("13-24 (check)", range(13, 25)))


def predicted(text: str, model: bool = True) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for mention in extract_entities(text, model=model):
        label = "GPE" if mention.label == "LOC" else mention.label
        found.setdefault(label, set()).add(" ".join(mention.text.split()))
    return found


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    model = "--rules" not in sys.argv
    root = Path(args[0]) if args else Path(__file__).parents[2] / "shared/eval"
    every: dict[str, Counter[str]] = {}
    halves: dict[str, dict[str, Counter[str]]] = {name: {} for name, _ in HALVES}
    for gold_path in sorted((root / "gold").glob("*.json")):
        article = root / "articles" / f"{gold_path.stem}.md"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["entities"]
        guess = predicted(body_of(article.read_text(encoding="utf-8")), model)
        number = int(gold_path.stem[:2]) if gold_path.stem[:2].isdigit() else 0
        half = next((halves[name] for name, files in HALVES if number in files), {})
        for label in (*MICRO, "TREATY"):
            want = {" ".join(s.split()) for s in gold.get(label, [])}
            got = guess.get(label, set())
            if "--errors" in sys.argv and number in HALVES[0][1] and want != got:
                print(f"{gold_path.stem[:2]} {label}: extra {sorted(got - want)}", end="")
                print(f" missed {sorted(want - got)}")
            for counts in (every, half):
                tally = counts.setdefault(label, Counter())
                tally["tp"] += len(want & got)
                tally["fp"] += len(got - want)
                tally["fn"] += len(want - got)
    for name, counts in halves.items():
        if counts:
            print(f"== {name}")
            _report(counts)
    print("== all")
    _report(every)


def _report(counts: dict[str, Counter[str]]) -> None:
    total: Counter[str] = Counter()
    print(f"{'label':8} {'P':>6} {'R':>6} {'F1':>6}")
    for label in (*MICRO, "TREATY"):
        tally = counts[label]
        if label in MICRO:
            total.update(tally)
        print(f"{label:8} " + " ".join(f"{v:6.3f}" for v in _prf(tally)))
    print(f"{'micro':8} " + " ".join(f"{v:6.3f}" for v in _prf(total)) + "  (PERSON ORG GPE DATE)")


def _prf(tally: Counter[str]) -> tuple[float, float, float]:
    p = tally["tp"] / max(1, tally["tp"] + tally["fp"])
    r = tally["tp"] / max(1, tally["tp"] + tally["fn"])
    return p, r, 2 * p * r / max(1e-9, p + r)


if __name__ == "__main__":
    main()
