"""Word (.docx) briefings: ``wordml`` turns the document into plain semantic HTML, which the
HTML loader then lays out, so headings, lists, tables, bold and italic follow one set of rules.

Footnotes come out as a numbered list at the end, each cited in the text by its marker
("[1]"). Title, author and date come from the package's core properties (docProps/core.xml).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree

from briefreader.core.errors import LoadError
from briefreader.core.loaders.html import parse_html
from briefreader.core.loaders.wordml import wordml_to_html
from briefreader.core.loaders.wordml_parts import read_xml
from briefreader.core.text.document import BlockBuilder, BlockKind

_CORE = "docProps/core.xml"
_PROPERTIES = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}creator": "source",
    "{http://purl.org/dc/terms/}created": "date",
}
# What a truncated, corrupted or oddly compressed package raises while it is read: said in
# plain words (the library's own messages, "File is not a zip file", mean nothing to a reader).
_NOT_A_PACKAGE = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, NotImplementedError)
NOT_A_WORD_FILE = "not a valid Word file (damaged or not a .docx)"
BROKEN_XML = "damaged Word file (its text cannot be read)"
NO_TEXT = "no text in this Word file (pictures only?); nothing to index"
# Authors that are tools, not people or organisations.
_TOOL_AUTHORS = frozenset({"python-docx", "microsoft office user", "user", "author"})


def parse_docx(data: bytes) -> tuple[BlockBuilder, dict[str, str]]:
    """Blocks and metadata fields (title, source, date) of a .docx file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            fields = _core_properties(package)
            html, rest = wordml_to_html(package)
    except LoadError:
        raise
    except _NOT_A_PACKAGE as exc:
        raise LoadError(NOT_A_WORD_FILE) from exc
    except (ElementTree.ParseError, ValueError) as exc:
        raise LoadError(BROKEN_XML) from exc
    builder, html_fields = parse_html(html)
    if rest:  # past the block limit: one add, merged into the last block
        builder.add_text(rest)
        builder.end_block(BlockKind.PARAGRAPH)
    if not builder.blocks:  # as for a PDF without a text layer: skipped, with the reason
        raise LoadError(NO_TEXT)
    return builder, {**html_fields, **fields}


def _core_properties(package: zipfile.ZipFile) -> dict[str, str]:
    root = read_xml(package, _CORE)
    fields: dict[str, str] = {}
    for element in root if root is not None else ():
        name = _PROPERTIES.get(element.tag)
        value = " ".join((element.text or "").split())
        if name and value and not (name == "source" and value.lower() in _TOOL_AUTHORS):
            fields[name] = value
    return fields
