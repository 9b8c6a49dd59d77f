"""Word (.docx) briefings: mammoth turns the document into plain semantic HTML, which the HTML
loader then lays out, so headings, lists, tables, bold and italic follow one set of rules.

Mammoth keeps what a reader needs (Heading N styles, list numbering, table header rows,
footnotes) and drops page styling. Footnotes come out as a numbered list at the end, each
cited in the text by its marker ("[1]"); the "back to text" arrows are removed. Title, author
and date come from the package's core properties (docProps/core.xml).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import mammoth

from briefreader.core.document import BlockBuilder
from briefreader.core.errors import LoadError
from briefreader.core.loaders.html import parse_html

_CORE = "docProps/core.xml"
_PROPERTIES = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}creator": "source",
    "{http://purl.org/dc/terms/}created": "date",
}
# Mammoth's link from a footnote back to its marker.
_BACK_LINK = re.compile(r'\s*<a href="#(?:footnote|endnote)-ref-[^"]*">↑</a>')
# A table cell with its content: mammoth wraps cell text in paragraphs, which would end the row.
_CELL = re.compile(r"<(t[dh])\b([^>]*)>(.*?)</\1>", re.DOTALL)
_CELL_PARAGRAPH = re.compile(r"</p>\s*<p>|</?p>")
# Authors that are tools, not people or organisations.
_TOOL_AUTHORS = frozenset({"python-docx", "microsoft office user", "user", "author"})


def parse_docx(data: bytes) -> tuple[BlockBuilder, dict[str, str]]:
    """Blocks and metadata fields (title, source, date) of a .docx file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if "word/document.xml" not in package.namelist():
                raise LoadError("damaged Word file (no word/document.xml)")
            fields = _core_properties(package)
        result = mammoth.convert_to_html(io.BytesIO(data))
    except LoadError:
        raise
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError) as exc:
        raise LoadError(f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    html = _CELL.sub(_flatten_cell, _BACK_LINK.sub("", result.value))
    builder, html_fields = parse_html(html)
    return builder, {**html_fields, **fields}


def _flatten_cell(match: re.Match[str]) -> str:
    """A cell's paragraphs joined by spaces, so each table row stays one readable line."""
    inner = _CELL_PARAGRAPH.sub(lambda tag: " " if tag.group().startswith("</p>") else "", match[3])
    return f"<{match[1]}{match[2]}>{inner.strip()}</{match[1]}>"


def _core_properties(package: zipfile.ZipFile) -> dict[str, str]:
    if _CORE not in package.namelist():
        return {}
    root = ElementTree.fromstring(package.read(_CORE))
    fields: dict[str, str] = {}
    for element in root:
        name = _PROPERTIES.get(element.tag)
        value = " ".join((element.text or "").split())
        if name and value and not (name == "source" and value.lower() in _TOOL_AUTHORS):
            fields[name] = value
    return fields
