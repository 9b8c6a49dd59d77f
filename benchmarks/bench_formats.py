"""Time and memory of loading PDF and Word briefings; prints a table.

Writes a briefing-like PDF with Qt (QTextDocument printed by QPdfWriter: embedded fonts, page
numbers) of about 50 and 500 pages, and a Word file with python-docx, then times
``load_document`` (median of 3) and the peak memory of the 500-page load in a fresh process.
When pdfminer.six is installed, its ``extract_text`` is timed on the same PDF for comparison.
Last, a hostile Word file: ``--flood N`` tiny paragraphs (default 1,000,000, a 34 MB
``document.xml`` in a 100 KB file; 5,500,000 makes the 187 MB case), loaded in a fresh process.
Usage: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_formats.py [--flood N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

PARAGRAPH = (
    "The parties to the treaty agreed that verification of the reduction commitments would "
    "proceed in stages, with on-site inspections at declared facilities and notifications "
    "exchanged through the joint commission before each phase began. "
)
# Sections per page of A4 in Qt's default layout (measured: 160 sections give 50 pages).
SECTIONS_PER_PAGE = 3.2

# VmHWM (peak resident set) is reset by exec, unlike ru_maxrss, which a child inherits.
PROBE = """
import json, sys, time
from pathlib import Path
from briefreader.core.loaders import load_document
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1])
before = status("VmRSS:")
started = time.perf_counter()
document = load_document(Path(sys.argv[1]))
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "kb": status("VmHWM:") - before,
                  "text_kb": len(document.text) // 1024}))
"""


def write_pdf(path: Path, pages: int) -> int:
    from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sections = "".join(
        f"<h2>Section {i}</h2><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH * 2}</p>"
        f"<ul><li>first point {i}</li><li>second point</li></ul>"
        for i in range(int(pages * SECTIONS_PER_PAGE))
    )
    document = QTextDocument()
    document.setHtml(f"<h1>Verification briefing</h1>{sections}")
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("Verification briefing")
    document.print_(writer)
    from briefreader.core.loaders.pdfium_session import pdfium_document

    with pdfium_document(path) as with_pages:  # PDFium only ever under its lock
        return len(with_pages)


def write_docx(path: Path, sections: int) -> None:
    import docx

    word = docx.Document()
    word.core_properties.title = "Verification briefing"
    for i in range(sections):
        word.add_heading(f"Section {i}", 1)
        paragraph = word.add_paragraph("The parties agreed that ")
        paragraph.add_run("verification").bold = True
        paragraph.add_run(" " + PARAGRAPH * 2)
        word.add_paragraph(f"first point {i}", style="List Bullet")
    word.save(str(path))


def write_flood(path: Path, paragraphs: int) -> int:
    """A .docx of ``paragraphs`` one-letter paragraphs; returns its document part's size."""
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    relations = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    unit = "<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{relations}"><Relationship Id="r1" '
            f'Type="{office}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        with package.open("word/document.xml", "w") as part:
            part.write(f'<w:document xmlns:w="{word}"><w:body>'.encode())
            for _ in range(0, paragraphs, 10_000):
                part.write(unit.encode() * min(10_000, paragraphs - _))
            part.write(b"</w:body></w:document>")
    return len(unit) * paragraphs


def median_time(action: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    from briefreader.core.loaders import load_document

    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--flood", type=int, default=1_000_000, metavar="N")
    flood = options.parse_args().flood

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        rows: list[tuple[str, str]] = []
        for target in (50, 500):  # Qt's pages hold ~3,300 characters of this text each
            path = root / f"brief{target}.pdf"
            pages = write_pdf(path, target)
            size = path.stat().st_size // 1024
            seconds = median_time(lambda path=path: load_document(path), 3 if target == 50 else 1)
            rows.append((f"PDF {pages} pages ({size} KB), load_document", f"{seconds:.3f} s"))
            probe = subprocess.run(
                [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True
            )
            measured = json.loads(probe.stdout)
            rows.append(
                (
                    f"PDF {pages} pages, peak memory of the load",
                    f"{measured['kb'] / 1024:.0f} MB (text {measured['text_kb']} KB)",
                )
            )
            if target == 50:
                try:
                    from pdfminer.high_level import extract_text
                except ImportError:
                    rows.append(("pdfminer.six", "not installed"))
                else:
                    seconds = median_time(lambda path=path: extract_text(str(path)), 1)
                    name = f"PDF {pages} pages, pdfminer.six extract_text"
                    rows.append((name, f"{seconds:.3f} s"))
        for sections in (10, 150):
            path = root / f"brief{sections}.docx"
            write_docx(path, sections)
            seconds = median_time(lambda path=path: load_document(path))
            rows.append((f"DOCX {sections} sections, load_document", f"{seconds:.3f} s"))
        path = root / "flood.docx"
        part = write_flood(path, flood)
        probe = subprocess.run(
            [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True
        )
        measured = json.loads(probe.stdout)
        size = path.stat().st_size // 1024
        name = f"DOCX {flood:,} tiny paragraphs ({part / 1e6:.0f} MB part, {size} KB)"
        rows.append((name, f"{measured['seconds']:.1f} s, peak {measured['kb'] / 1024:.0f} MB"))
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
