"""PDFium is not thread-safe: no two of its calls may run at once, even on different documents.

The window loads documents, updates the index and analyses entities on a thread pool, so PDFs
are parsed from several threads at a time. Without the process-wide lock around PDFium this
aborts the process (SIGTRAP or SIGSEGV) within seconds. The stress runs in a subprocess so an
abort fails the test with its signal instead of killing pytest.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from pdf_maker import Page, column, make_pdf

from briefreader.core.loaders import load_document
from briefreader.core.loaders.pdfium_session import PDFIUM_LOCK, pdfium_document

REPO = Path(__file__).resolve().parents[2]

STRESS = """
import sys, threading, time
from pathlib import Path
from briefreader.core.loaders import load_document

paths = [Path(p) for p in sys.argv[2:]]
deadline = time.monotonic() + float(sys.argv[1])
counts = []
errors = []

def work(offset):
    done = 0
    while time.monotonic() < deadline:
        for path in paths[offset:] + paths[:offset]:
            try:
                load_document(path)
            except Exception as exc:  # a Python error is a failure too, not a crash
                errors.append(repr(exc))
                return
            done += 1
    counts.append(done)

threads = [threading.Thread(target=work, args=(n % len(paths),)) for n in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sum(counts), len(errors), errors[:1])
"""


def _pdfs(folder: Path, count: int = 4) -> list[Path]:
    paths = []
    for number in range(count):
        pages = [
            Page(column(72, 740, [f"Briefing {number} page {page} line {line} on the talks."
                                  for line in range(40)]))
            for page in range(6)
        ]
        path = folder / f"briefing-{number}.pdf"
        path.write_bytes(make_pdf(pages, title=f"Briefing {number}"))
        paths.append(path)
    return paths


def test_four_threads_loading_pdfs_for_seconds_do_not_crash(tmp_path: Path) -> None:
    paths = _pdfs(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", STRESS, "4", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    loaded, errors, first = result.stdout.split(maxsplit=2)
    assert errors == "0", first
    assert int(loaded) > 20  # the threads really ran


def test_the_lock_is_held_for_the_whole_session_and_every_object_is_closed(
    tmp_path: Path,
) -> None:
    path = _pdfs(tmp_path, 1)[0]
    with pdfium_document(path.read_bytes()) as pdf:
        # Another thread may not start a PDFium call while the session is open.
        got: list[bool] = []
        other = threading.Thread(target=lambda: got.append(PDFIUM_LOCK.acquire(timeout=0.2)))
        other.start()
        other.join()
        assert got == [False]
        page = pdf[0]
    assert PDFIUM_LOCK.acquire(timeout=1)
    PDFIUM_LOCK.release()
    # Closed inside the lock, so no finalizer is left for the garbage collector to run on
    # some other thread later.
    assert not pdf._finalizer and not page._finalizer
    assert "Briefing 0" in load_document(path).text
