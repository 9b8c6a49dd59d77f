"""Write the PDF and Word samples in seeds/ from one team-written briefing.

The PDF is printed by Qt (embedded fonts, page numbers in the footer, two pages), the Word file
by python-docx (headings, a numbered list, a table with a header row, bold and italic). Run
from the repository root with the project's environment:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_sample_formats.py
"""

from __future__ import annotations

import html
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TITLE = "New START Extended for Five Years Without Changes"
SOURCE = "BriefReader sample (team-written)"
DATE = datetime(2021, 2, 3, 12, 0, tzinfo=UTC)

PARAGRAPHS = [
    "On 3 February 2021 the United States and the Russian Federation exchanged diplomatic notes "
    "extending the Treaty on Measures for the Further Reduction and Limitation of Strategic "
    "Offensive Arms, known as New START, until 5 February 2026. The extension came two days "
    "before the treaty would have expired and was agreed without any change to its text.",
    "The treaty, signed in Prague on 8 April 2010, limits each side to 1,550 deployed strategic "
    "warheads, 700 deployed intercontinental ballistic missiles, submarine-launched ballistic "
    "missiles and heavy bombers, and 800 deployed and non-deployed launchers. Its verification "
    "regime allows eighteen on-site inspections a year and a continuing exchange of data and "
    "notifications.",
    "Officials in both capitals described the extension as a floor rather than a ceiling: "
    "talks on a follow-on framework, possibly covering non-strategic weapons and new delivery "
    "systems, were expected to begin within the year. Analysts noted that without the "
    "extension the two largest nuclear arsenals would have been unconstrained by any treaty for "
    "the first time since 1972.",
]
STEPS = [
    "Diplomatic notes exchanged on 26 January 2021 set out the intent to extend.",
    "Russia completed its domestic procedures on 29 January 2021.",
    "The extension entered into force on 3 February 2021.",
]
LIMITS = [("Category", "Limit"), ("Deployed warheads", "1,550"), ("Deployed launchers", "700")]


def write_pdf(path: Path) -> None:
    from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    body = "".join(f"<p>{html.escape(text)}</p>" for text in PARAGRAPHS)
    steps = "".join(f"<li>{html.escape(step)}</li>" for step in STEPS)
    document = QTextDocument()
    document.setHtml(
        f"<h1>{html.escape(TITLE)}</h1>{body}<h2>Steps to the extension</h2><ol>{steps}</ol>"
        f"{body}"
    )
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setTitle(TITLE)
    writer.setAuthor(SOURCE)
    document.print_(writer)
    del writer  # flushes the file
    _date_pdf(path)


def _date_pdf(path: Path) -> None:
    """Qt stamps the time of writing as the creation date; the briefing's own date belongs
    there. Same-length replacement, so the file's cross-reference offsets stay right."""
    data = path.read_bytes()
    stamp = DATE.strftime("D:%Y%m%d%H%M%S").encode()
    data = re.sub(rb"/CreationDate \(D:\d{14}", b"/CreationDate (" + stamp, data)
    path.write_bytes(data)


def write_docx(path: Path) -> None:
    import docx

    word = docx.Document()
    word.core_properties.title = TITLE
    word.core_properties.author = SOURCE
    word.core_properties.created = DATE
    word.core_properties.modified = DATE
    word.add_heading(TITLE, 1)
    first = word.add_paragraph()
    first.add_run("New START").bold = True
    first.add_run(" was extended on 3 February 2021 ")
    first.add_run("without changes").italic = True
    first.add_run(". " + PARAGRAPHS[0])
    word.add_heading("Limits", 2)
    table = word.add_table(rows=len(LIMITS), cols=2)
    for row, cells in enumerate(LIMITS):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(docx.oxml.ns.qn("w:tblHeader"), {}))
    for text in PARAGRAPHS[1:]:
        word.add_paragraph(text)
    word.add_heading("Steps to the extension", 2)
    for step in STEPS:
        word.add_paragraph(step, style="List Number")
    word.save(str(path))


def main() -> int:
    write_pdf(SEEDS / "new_start_extension_2021.pdf")
    write_docx(SEEDS / "new_start_extension_2021.docx")
    for name in ("new_start_extension_2021.pdf", "new_start_extension_2021.docx"):
        print(f"{name}: {(SEEDS / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
