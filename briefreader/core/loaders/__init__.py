"""Load a file from disk into a ``Document``: read, decode, parse by format, collect metadata.

Every failure becomes a ``LoadError`` whose message says why, so the library can report a skip
and carry on with the other files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from briefreader.core.errors import LoadError
from briefreader.core.loaders.decoding import decode_counting
from briefreader.core.loaders.docx import parse_docx
from briefreader.core.loaders.html import parse_html
from briefreader.core.loaders.markdown import parse_markdown
from briefreader.core.loaders.metadata import (
    classify_meta_line,
    normalise_date,
    split_front_matter,
)
from briefreader.core.loaders.pdf import parse_pdf
from briefreader.core.loaders.plaintext import parse_plain_text
from briefreader.core.text.document import (
    BlockBuilder,
    BlockKind,
    Document,
    Metadata,
    path_title,
    untitled_title,
)

FORMATS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
# Binary formats parsed from their bytes, not decoded as text.
BINARY_PARSERS: dict[str, Callable[[bytes], tuple[BlockBuilder, dict[str, str]]]] = {
    "pdf": parse_pdf,
    "docx": parse_docx,
}
SUPPORTED_EXTENSIONS = frozenset(FORMATS)
# Briefings are at most a few hundred kilobytes; anything this large is an export or a mistake
# and would stall the reader.
MAX_FILE_BYTES = 10 * 1024 * 1024
# PDFs and Word files carry fonts and images beside their text.
MAX_BINARY_BYTES = 100 * 1024 * 1024
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")
# Raised whenever a loader comes to read a file into other text: what was made from a file's
# old text by its bytes' hash (the entity index's rows) is made again.
# 2: PDF form values and free-text notes, Word pictures' descriptions.
TEXT_VERSION = "text-2"


def normalise_line_breaks(text: str) -> str:
    """Every line break as "\n" (CR LF, CR, and the Unicode line and paragraph separators);
    most texts have none of the others, which ``in`` tells far faster than a regex."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return _LINE_BREAKS.sub("\n", text)
    return text


# How many leading blocks may hold "Source:"-style metadata lines.
_META_WINDOW = 3


def read_file_bytes(path: Path) -> bytes:
    """Read a whole file (a seam tests use to simulate unreadable files)."""
    return path.read_bytes()


def describe_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def load_document(path: Path, reader: Callable[[Path], bytes] | None = None) -> Document:
    """Load one briefing. Raises ``LoadError`` with the reason when it cannot be shown."""
    path = Path(path).absolute()
    if path.is_dir():
        raise LoadError(f"{path} is a folder, not a briefing; give one of its files")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"unsupported file type '{path.suffix or path.name}'")
    try:
        stat = path.stat()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise LoadError("not a regular file")
    limit = MAX_BINARY_BYTES if fmt in BINARY_PARSERS else MAX_FILE_BYTES
    if stat.st_size > limit:
        raise LoadError(
            f"file too large ({describe_size(stat.st_size)}; the limit is {describe_size(limit)})"
        )
    try:
        data = (reader or read_file_bytes)(path)
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise LoadError("empty file")
    if fmt in BINARY_PARSERS:
        return _load_binary(data, fmt, path, stat.st_size, stat.st_mtime_ns)
    raw, encoding, bad = decode_counting(data)
    metadata = Metadata(
        path=str(path),
        title="",
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        encoding=encoding,
        notes=[f"{bad} invalid byte sequence(s) shown as \ufffd"] if bad else [],
    )
    try:
        return parse_text(raw, fmt, metadata, fallback_title=path_title(path))
    except RecursionError as exc:
        raise LoadError(f"the {fmt} is nested too deeply to display") from exc
    except Exception as exc:  # A parser bug must cost one file, never the whole library.
        raise LoadError(f"could not lay out this {fmt} file ({type(exc).__name__}: {exc})") from exc


def _load_binary(data: bytes, fmt: str, path: Path, size: int, mtime_ns: int) -> Document:
    """A PDF or Word file: its parser builds the blocks; the rest is as for text formats."""
    metadata = Metadata(
        path=str(path),
        title="",
        size=size,
        mtime_ns=mtime_ns,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
    )
    try:
        builder, fields = BINARY_PARSERS[fmt](data)
        return complete_document(builder, fields, fmt, metadata, path_title(path))
    except LoadError:
        raise
    except RecursionError as exc:
        raise LoadError(f"the {fmt} is nested too deeply to display") from exc
    except Exception as exc:  # A parser bug must cost one file, never the whole library.
        raise LoadError(f"could not read this {fmt} file ({type(exc).__name__}: {exc})") from exc


def parse_text(raw: str, fmt: str, metadata: Metadata, fallback_title: str) -> Document:
    """Parse decoded text of format ``fmt`` and complete ``metadata`` from its content."""
    fields: dict[str, str] = {}
    raw = normalise_line_breaks(raw)  # before any line-based parsing (front matter, text)
    if fmt == "markdown":
        fields, raw = split_front_matter(raw)
        builder = parse_markdown(raw)
    elif fmt == "html":
        builder, fields = parse_html(raw)
    else:
        builder = parse_plain_text(raw)
    return complete_document(builder, fields, fmt, metadata, fallback_title)


def complete_document(
    builder: BlockBuilder,
    fields: dict[str, str],
    fmt: str,
    metadata: Metadata,
    fallback_title: str,
) -> Document:
    """Lay out the builder's blocks and fill title, source and date (declared fields first)."""
    line_fields = _mark_meta_lines(builder)
    blocks, text = builder.finish()
    metadata.notes.extend(builder.notes)
    metadata.source = fields.get("source") or line_fields.get("source")
    metadata.date = normalise_date(fields.get("date") or line_fields.get("date"))
    heading = next((b.text for b in blocks if b.kind is BlockKind.HEADING), None)
    first_body = next((b.text for b in blocks if b.kind is not BlockKind.META), "")
    # Front matter names the title deliberately; an HTML <title> often carries site chrome
    # ("Headline | Site"), so a page's own heading wins over it.
    declared = fields.get("title")
    title = (heading or declared) if fmt == "html" else (declared or heading)
    first_line = first_body.strip().split("\n", 1)[0]
    metadata.title = title or untitled_title(
        first_line, metadata.source, metadata.date, fallback_title
    )
    return Document(metadata=metadata, blocks=blocks, text=text)


def _mark_meta_lines(builder: BlockBuilder) -> dict[str, str]:
    """Turn leading ``Source: X`` paragraphs into META blocks and return what they say."""
    found: dict[str, str] = {}
    for block in builder.blocks[:_META_WINDOW]:
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.META):
            continue
        meta = classify_meta_line(block.text) if "\n" not in block.text else None
        if meta is None:
            continue
        block.kind = BlockKind.META
        found.setdefault(meta[0], meta[1])
    return found
