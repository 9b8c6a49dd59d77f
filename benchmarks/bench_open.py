"""Opening a briefing with all its highlights: load and parse, then the reader's layout with
every entity mention drawn (one pass of extra selections), for a 10 KB and a 1 MB document
made from the shipped samples. Entities come from the cache, as when a document is reopened
(extraction itself is timed by bench_entities.py).

Usage: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_open.py``
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QSplitter

from briefreader.core.entities import extract_entities
from briefreader.core.loaders import load_document
from briefreader.paths import bundled_dir
from briefreader.ui.entities.panel import EntitiesPanel
from briefreader.ui.entities.presenter import EntityPresenter
from briefreader.ui.reader.view import ReaderView


def sample_text(size: int) -> str:
    texts = [load_document(p).text for p in sorted(bundled_dir("seeds").iterdir())]
    paragraphs = [p for text in texts for p in text.split("\n") if len(p) > 40]
    out: list[str] = ["# Briefing"]
    while sum(len(p) + 2 for p in out) < size:
        out.extend(paragraphs)
    return "\n\n".join(out)[:size]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    splitter = QSplitter()
    reader, panel = ReaderView(), EntitiesPanel()
    splitter.addWidget(reader)
    splitter.addWidget(panel)
    splitter.resize(1280, 800)
    splitter.show()
    presenter = EntityPresenter(panel, reader)
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in (("10 KB", 10_000), ("1 MB", 1_000_000)):
            path = Path(tmp) / f"brief-{size}.md"
            path.write_text(sample_text(size), encoding="utf-8")
            mentions = extract_entities(load_document(path).text)  # as the cache would give
            times = []
            for _ in range(3):
                started = time.perf_counter()
                document = load_document(path)
                reader.show_document(document)
                presenter.show(mentions)
                app.processEvents()
                times.append(time.perf_counter() - started)
            print(f"open {label} with {len(mentions):>6} highlights: "
                  f"{min(times) * 1000:8.1f} ms (best of 3)")  # fmt: skip


if __name__ == "__main__":
    main()
