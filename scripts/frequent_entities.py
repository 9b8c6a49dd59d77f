"""The most frequent PERSON and ORG strings the extractor finds in real news it was never
tuned on (the benchmarks' corpus: about 6,000 articles), to read for classes of error.

Every wrong string in the list is a kind of mistake to fix by a general rule or a better
source of evidence, never by a word-list entry for that string.

Usage: ``python scripts/frequent_entities.py [--articles N] [--top 200] [--labels PERSON,ORG]``
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_search import DEFAULT_CACHE, install_corpus, real_articles

from briefreader.core.entities import extract_entities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--labels", default="PERSON,ORG")
    parser.add_argument("--rules", action="store_true", help="the rules alone, no model")
    args = parser.parse_args()
    articles = real_articles(install_corpus(DEFAULT_CACHE))[: args.articles]
    counts: dict[str, Counter[str]] = {label: Counter() for label in args.labels.split(",")}
    for title, body in articles:
        for mention in extract_entities(f"{title}\n{body}", model=not args.rules):
            if mention.label in counts:
                counts[mention.label][" ".join(mention.text.split())] += 1
    for label, counter in counts.items():
        print(f"== {label}: {sum(counter.values())} mentions, {len(counter)} strings")
        for text, count in counter.most_common(args.top):
            print(f"{count:6} {text}")


if __name__ == "__main__":
    main()
