"""Entity extraction speed: MB/s on the shipped samples, repeated to about 1 MB, and on each
sample alone; then what treaty facts add per sample, on top of its entities.
Usage: ``python benchmarks/bench_entities.py``."""

from __future__ import annotations

import time

from briefreader.core.entities import extract_entities
from briefreader.core.entities.gazetteer import load_gazetteer
from briefreader.core.facts import document_facts
from briefreader.core.loaders import load_document
from briefreader.core.text.document import Document
from briefreader.paths import bundled_dir


def main() -> None:
    started = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer loaded once in {time.perf_counter() - started:.2f} s")
    documents = [load_document(p) for p in sorted(bundled_dir("seeds").iterdir())]
    texts = [document.text for document in documents]
    corpus = "\n".join(texts)
    big = "\n".join([corpus] * max(1, 1_000_000 // len(corpus)))
    runs = []
    for _ in range(5):  # the best of five: a virtual machine's timing jitters
        started = time.perf_counter()
        mentions = extract_entities(big)
        runs.append(time.perf_counter() - started)
    seconds, median = min(runs), sorted(runs)[2]
    size = len(big.encode("utf-8")) / 1e6
    print(
        f"{size:.2f} MB in {seconds:.2f} s (best of 5; median {median:.2f} s): "
        f"{size / seconds:.2f} MB/s ({size / median:.2f} median), {len(mentions)} mentions"
    )
    started = time.perf_counter()
    for text in texts:
        extract_entities(text)
    print(f"{len(texts)} samples one by one: {(time.perf_counter() - started) * 1000:.0f} ms")
    facts_per_document(documents)



def facts_per_document(documents: list[Document]) -> None:
    analysed = [(document, extract_entities(document.text)) for document in documents]
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for document, mentions in analysed:
            document_facts(document, mentions)
        runs.append((time.perf_counter() - started) / len(analysed))
    print(f"treaty facts: {min(runs) * 1000:.1f} ms per sample (best of 5; median "
          f"{sorted(runs)[2] * 1000:.1f} ms), on top of its entities")  # fmt: skip


if __name__ == "__main__":
    main()
