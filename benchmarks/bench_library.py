"""Measure indexing, re-indexing, searching and opening documents; print the numbers.

Builds a synthetic library from the shipped samples (words reshuffled per document, so every
document is distinct) in a temporary folder, then times the core operations the analyst waits
for. Usage: ``python benchmarks/bench_library.py [--docs N]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from briefreader.core.library import Library
from briefreader.core.loaders import load_document
from briefreader.core.search.search import search
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths, bundled_dir

QUERIES = [
    "treaty",
    '"nuclear forces"',
    "sanctions OR tariffs",
    "title:agreement",
    "defen*",
    "sanctons~",
    "treaty NOT iran",
]


def build_corpus(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    words: list[str] = []
    for path in sorted(bundled_dir("seeds").iterdir()):
        words.extend(load_document(path).text.split())
    for number in range(count):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(250, 900)))
        title = " ".join(rng.choice(words) for _ in range(6))
        text = f"---\nsource: Bench {number % 13}\ndate: 2024-01-{number % 28 + 1:02}\n---\n"
        (folder / f"doc{number:06}.md").write_text(f"{text}# {title}\n\n{body}\n", "utf-8")


def timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        build_corpus(corpus, args.docs)
        index = Workspace(AppPaths.resolve(root).data_dir).index_for(Library.from_folders([corpus]))
        report, full = timed(lambda: index.update(processes=2))
        print(f"documents: {args.docs}")
        print(f"full index:        {full:8.2f} s  ({args.docs / full:7.0f} docs/s)")
        _, unchanged = timed(index.update)
        print(f"re-index, no change: {unchanged:6.3f} s")
        changed = sorted(corpus.iterdir())[: max(args.docs // 100, 1)]
        for path in changed:
            path.write_text(path.read_text("utf-8") + "\nAmended treaty clause.\n", "utf-8")
        report, partial = timed(index.update)
        print(f"re-index, {report.updated} changed: {partial:6.3f} s")
        for query in QUERIES:
            samples = [timed(lambda q=query: search(index, q, limit=20))[1] for _ in range(5)]
            hits = search(index, query, limit=20).total
            print(f"search {query!r:28} {statistics.median(samples) * 1000:7.1f} ms  ({hits} hits)")
        paths = sorted(corpus.iterdir())[:50]
        documents, loading = timed(lambda: [load_document(p) for p in paths])
        print(f"open: load + parse   {loading / len(paths) * 1000:6.2f} ms per document")
        layout = _qt_layout_seconds(documents)
        if layout is not None:
            print(f"open: reader layout  {layout / len(paths) * 1000:6.2f} ms per document")


def _qt_layout_seconds(documents: list) -> float | None:  # type: ignore[type-arg]
    """Time building the reader's QTextDocument (offscreen), if Qt is available."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtGui import QFont, QGuiApplication

        from briefreader.ui.reader.text_layout import PageStyle, build_text_document
    except ImportError:
        return None
    app = QGuiApplication.instance() or QGuiApplication([])
    style = PageStyle(QFont())
    started = time.perf_counter()
    for document in documents:
        qdoc = build_text_document(document, style)
        qdoc.setTextWidth(760)
        qdoc.size()  # force the layout, as showing it would
    del app
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
