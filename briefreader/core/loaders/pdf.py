"""PDF briefings: text lines from PDFium, rebuilt into paragraphs with their page numbers.

PDFium (through pypdfium2) gives each page's text in content order with its own line breaks,
and a box per character. Only the first and last character of each line are measured, which
keeps a page at a few milliseconds. From those boxes, lines become paragraphs (a gap, an
indentation change, a size change or a short last line ends one), larger type becomes headings,
words hyphenated across lines (or columns) are joined, words written downwards (one letter a
line) become one line again, and running headers, footers and page numbers that
repeat across pages are left out. Pages are opened and closed one at a time, so a long PDF
holds only its text in memory. The whole parse runs under PDFium's process-wide lock
(``pdfium_session``): PDFium allows no two calls at once from different threads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium

from briefreader.core.errors import LoadError
from briefreader.core.loaders.pdf_annotations import Box, annotation_texts
from briefreader.core.loaders.pdfium_session import pdfium_document
from briefreader.core.text.document import BlockBuilder, BlockKind

# The top and bottom share of a page where running headers and footers live.
_BAND = 0.06
# Only a page's first and last lines can be running headers or footers.
_EDGE_LINES = 2
_PAGE_NUMBER = re.compile(
    r"^(page\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(\s*(/|of)\s*\d{1,4})?$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = ".!?:;\"'”’)"
_HYPHENS = "-\u00ad\u2010\x02\ufffe"  # \ufffe: PDFium's line-end hyphen
# A line opening a list item starts a new block.
_ITEM = re.compile(r"^([•◦▪‣∙·*–-]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")
# Words hyphenated inside a line ("non-deployed") keep their hyphen when split at a line end.
_COMPOUND = re.compile(r"\w+(?:-\w+)+")
_LAST_WORD = re.compile(r"\w+$")
_MARKED_INSIDE = re.compile(r"([^\W\d_]+)[\x02\ufffe]([^\W\d_]+)")
_FIRST_WORD = re.compile(r"\w+")
# Prefixes that are written with a hyphen, never split inside a word by hyphenation.
_KEEP_PREFIXES = frozenset({"non", "self", "cross", "anti", "multi", "semi", "quasi", "well"})
_VERTICAL_RUN = 3  # one-letter lines stacked this many deep are a word written downwards
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")


@dataclass(slots=True)
class Line:
    """One line of a page, with the box of its text in PDF units (origin bottom left)."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    page: int

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.1)


def parse_pdf(data: bytes) -> tuple[BlockBuilder, dict[str, str]]:
    """Blocks (each with its page) and metadata fields (title, source, date) of a PDF."""
    try:
        with pdfium_document(data) as pdf:  # PDFium is not thread-safe: see pdfium_session
            pdf.init_forms()  # before the first page: form field values are read through it
            fields = _metadata(pdf)
            pages = [_page_lines(pdf, index) for index in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        raise LoadError(_open_error(str(exc))) from exc
    if not any(line.text.strip() for lines in pages for line in lines):
        raise LoadError("no text layer (a scanned PDF?); nothing to index")
    body = _drop_running_lines(pages)
    builder = BlockBuilder()
    _build_blocks(body, builder)
    return builder, fields


def _open_error(message: str) -> str:
    """PDFium's reason in plain words: "PDFium: Data format error" means nothing to a reader."""
    if "password" in message.lower():
        return "encrypted PDF that needs a password"
    if "file" in message.lower() and "format" not in message.lower():
        return "the PDF cannot be read (missing or not accessible)"
    return "damaged PDF (not a PDF, or cut short)"


def _metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    info = pdf.get_metadata_dict(skip_empty=True)
    fields: dict[str, str] = {}
    if info.get("Title", "").strip():
        fields["title"] = " ".join(info["Title"].split())
    if info.get("Author", "").strip():
        fields["source"] = " ".join(info["Author"].split())
    match = _PDF_DATE.match(info.get("CreationDate", "").strip())
    if match:
        year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
        fields["date"] = f"{year}-{month}-{day}"
    return fields


def _page_lines(pdf: pdfium.PdfDocument, index: int) -> list[Line]:
    """The page's lines with their boxes; the page is closed before returning."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            lines = _lines_of(textpage, index + 1)
        finally:
            textpage.close()
        return _with_annotations(lines, annotation_texts(pdf, page), index + 1)
    finally:
        page.close()


def _with_annotations(
    lines: list[Line], texts: Iterator[tuple[str, Box]], page_number: int
) -> list[Line]:
    """The page's lines with its form values and free-text notes, each put before the first
    line lying wholly below it (so a value follows its label), at the page's common type size
    (a field's box is taller than its text and would read as a heading)."""
    pieces = list(texts)
    if not pieces:
        return lines
    heights = sorted(line.height for line in lines) or [10.0]
    height = heights[len(heights) // 2]
    merged = list(lines)
    for text, (left, bottom, right, top) in pieces:
        middle = (bottom + top) / 2
        line = Line(text, left, right, middle - height / 2, middle + height / 2, page_number)
        at = next((n for n, other in enumerate(merged) if other.top < line.bottom), len(merged))
        merged.insert(at, line)
    return merged


def _lines_of(textpage: pdfium.PdfTextPage, page_number: int) -> list[Line]:
    text = textpage.get_text_range()
    if textpage.count_chars() != len(text):  # No geometry: each line its own paragraph.
        return [
            Line(raw.strip(), 0.0, 0.0, -1000.0 * number, 0.0, page_number)
            for number, raw in enumerate(text.splitlines())
            if raw.strip()
        ]
    lines: list[Line] = []
    position = 0
    for raw in re.split(r"(\r\n|\n|\r)", text):
        if raw.strip() and raw not in ("\r\n", "\n", "\r"):
            _measure(textpage, text, position, position + len(raw), page_number, lines)
        position += len(raw)
    return _join_vertical(lines)


def _stacked(above: Line, below: Line) -> bool:
    """Two one-letter lines, the second under the first at about the same place."""
    return (
        len(above.text) == 1
        and len(below.text) == 1
        and below.top <= above.bottom + above.height * 0.5
        and abs(below.left - above.left) <= max(above.height, below.height)
    )


def _join_vertical(lines: list[Line]) -> list[Line]:
    """Text that runs down the page (a sideways label, a vertical stamp) comes out one letter
    a line: a run of such lines becomes one line of the word, with the first letter's box."""
    joined: list[Line] = []
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and run and _stacked(run[-1], line):
            run.append(line)
            continue
        if len(run) >= _VERTICAL_RUN:
            first = run[0]
            word = "".join(letter.text for letter in run)
            right = max(letter.right for letter in run)
            joined.append(Line(word, first.left, right, first.bottom, first.top, first.page))
        else:
            joined.extend(run)
        run = [line] if line is not None else []
    return joined


def _measure(
    textpage: pdfium.PdfTextPage,
    text: str,
    start: int,
    end: int,
    page_number: int,
    lines: list[Line],
) -> None:
    """Add the line ``text[start:end]`` with its box, split where it wraps to a lower line
    (PDFium does not always break lines that one text object wraps)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    left, bottom, _, top = textpage.get_charbox(start, loose=True)
    _, last_bottom, right, _ = textpage.get_charbox(end - 1, loose=True)
    drop = max(top - bottom, 1.0) * 0.5
    if bottom - last_bottom > drop:
        low, high = start + 1, end - 1  # the first character on a lower line lies in here
        while low < high:
            middle = (low + high) // 2
            if bottom - textpage.get_charbox(middle, loose=True)[1] > drop:
                high = middle
            else:
                low = middle + 1
        if start < low < end:
            _measure(textpage, text, start, low, page_number, lines)
            _measure(textpage, text, low, end, page_number, lines)
            return
    lines.append(Line(text[start:end], left, right, bottom, top, page_number))


def _running_key(line: Line) -> tuple[str, int]:
    """Running headers repeat their text (page numbers aside) at the same height."""
    return _DIGITS.sub("#", " ".join(line.text.split())).lower(), round(line.top / 4)


def _drop_running_lines(pages: list[list[Line]]) -> list[Line]:
    """All pages' lines in order, without page numbers and headers/footers that repeat."""
    banded: list[list[tuple[Line, bool]]] = []
    counts: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        marks = [(line, False) for line in lines]
        if len(lines) > 3:  # a page of a few lines has no running header to tell apart
            top = max(line.top for line in lines)
            bottom = min(line.bottom for line in lines)
            band = max(top - bottom, 1.0) * _BAND
            edge = {id(line) for line in (*lines[:_EDGE_LINES], *lines[-_EDGE_LINES:])}
            marks = [
                (line, id(line) in edge and not bottom + band < line.bottom < top - band)
                for line in lines
            ]
        banded.append(marks)
        counts.update({_running_key(line) for line, band in marks if band})
    # On most pages (a title page or a chapter opening may lack it), and on two at least.
    enough = max(2, (len(pages) + 1) // 2)
    kept: list[Line] = []
    for marks in banded:
        for line, band in marks:
            if band and (_PAGE_NUMBER.match(line.text) or counts[_running_key(line)] >= enough):
                continue
            kept.append(line)
    return kept


def _build_blocks(lines: list[Line], builder: BlockBuilder) -> None:
    """Group lines into paragraphs and headings and hand them to the builder."""
    if not lines:
        return
    body = Counter(round(line.height) for line in lines).most_common(1)[0][0]
    hyphenated = {
        word.lower() for line in lines for word in _COMPOUND.findall(line.text.rstrip(_HYPHENS))
    }
    larger = {round(line.height) for line in lines if line.height > body * 1.15}
    sizes = sorted(larger, reverse=True)
    paragraph: list[Line] = []
    for line in lines:
        if paragraph and _starts_paragraph(paragraph, line, body):
            _emit(paragraph, builder, sizes, hyphenated)
            paragraph = []
        paragraph.append(line)
    if paragraph:
        _emit(paragraph, builder, sizes, hyphenated)


def _continues(previous: Line, line: Line) -> bool:
    """A paragraph running on into the next column or page."""
    return previous.text[-1] not in _SENTENCE_END and line.text[:1].islower()


def _starts_paragraph(paragraph: list[Line], line: Line, body: float) -> bool:
    previous = paragraph[-1]
    height = max(previous.height, line.height)
    if abs(previous.height - line.height) > 0.2 * height:
        return True
    if line.page != previous.page or line.top > previous.top + height * 0.5:
        return not _continues(previous, line)  # a new page or column
    if previous.bottom - line.top > 0.45 * height or _ITEM.match(line.text):
        return True  # a vertical gap or a list item
    indent = line.left - previous.left
    if abs(indent) > height * 0.9:
        # A first-line indent followed by the body at the margin is one paragraph, and so is
        # a list item whose text hangs to the right of its number.
        hanging = indent > 0 and _ITEM.match(previous.text) is not None
        return not (len(paragraph) == 1 and (indent < 0 or hanging))
    widest = max(item.right for item in paragraph)
    short = previous.right < widest - 0.12 * (widest - previous.left)
    return len(paragraph) > 1 and short and previous.text[-1] in _SENTENCE_END


def _hyphen(before: str, after: str, hyphenated: set[str]) -> str:
    """What joins two halves of a word split at a line end: "-" when the document writes
    that compound with a hyphen elsewhere, or its first part is a prefix that keeps one."""
    compound = f"{before}-{after}".lower()
    kept = compound in hyphenated or compound.split("-", 1)[0] in _KEEP_PREFIXES
    return "-" if kept else ""


def _join(lines: list[Line], hyphenated: set[str]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        if (
            len(text) > 1
            and text[-1] in _HYPHENS
            and text[-2].isalpha()
            and line.text[:1].islower()
        ):
            before = _LAST_WORD.search(text[:-1])
            after = _FIRST_WORD.match(line.text)
            joint = _hyphen(before[0] if before else "", after[0] if after else "", hyphenated)
            text = text[:-1] + joint + line.text
        else:
            text = f"{text} {line.text}"
    # A line-end hyphen PDFium marked, with the line break it did not report (the word went
    # on in the next column): inside a word, it joins the halves as at a line end.
    text = _MARKED_INSIDE.sub(lambda m: m[1] + _hyphen(m[1], m[2], hyphenated) + m[2], text)
    return text.replace("\x02", "-").replace("\ufffe", "-")


def _emit(lines: list[Line], builder: BlockBuilder, sizes: list[int], hyphenated: set[str]) -> None:
    text = _join(lines, hyphenated)
    size = round(lines[0].height)
    builder.add_text(text)
    if size in sizes and len(lines) <= 3 and len(text) <= 200:
        level = min(sizes.index(size) + 1, 6)
        builder.end_block(BlockKind.HEADING, level=level, page=lines[0].page)
    else:
        builder.end_block(BlockKind.PARAGRAPH, page=lines[0].page)
