"""Score entity extraction against a gold folder in the format of the project's development
set (``articles/NN.md`` and ``gold/NN.json``: per document, the distinct surface strings of
each label, body only: the headline and the ``Source:`` line are left out).

Prints per-label precision, recall and F1 and the micro average over PERSON, ORG, GPE (LOC
counted with GPE) and DATE, then TREATY on its own.

Usage: ``python scripts/eval_entities.py [EVAL_FOLDER]`` (default ``../shared/eval``).
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


def predicted(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for mention in extract_entities(text):
        label = "GPE" if mention.label == "LOC" else mention.label
        found.setdefault(label, set()).add(" ".join(mention.text.split()))
    return found


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared/eval"
    counts: dict[str, Counter[str]] = {}
    for gold_path in sorted((root / "gold").glob("*.json")):
        article = root / "articles" / f"{gold_path.stem}.md"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["entities"]
        guess = predicted(body_of(article.read_text(encoding="utf-8")))
        for label in (*MICRO, "TREATY"):
            want = {" ".join(s.split()) for s in gold.get(label, [])}
            got = guess.get(label, set())
            tally = counts.setdefault(label, Counter())
            tally["tp"] += len(want & got)
            tally["fp"] += len(got - want)
            tally["fn"] += len(want - got)
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
