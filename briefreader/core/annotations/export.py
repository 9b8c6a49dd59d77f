"""Annotations out and back in: Markdown, W3C Web Annotation JSON-LD, CSV and HTML.

Every export links back to the exact passage with a ``briefreader://open`` link (path, offsets
and annotation id), which the application opens when clicked or passed on its command line.
The JSON-LD carries both selectors and the document's hash, so an import re-attaches notes as
the store would, and merges by id without duplicates.

Quotes, comments, tags and file names are untrusted (a document's text, an imported file), and
an export is opened by someone else in a spreadsheet, a Markdown viewer or a browser, so each
format neutralises what would act on its reader: CSV cells that a spreadsheet would run as a
formula get a leading quote (OWASP's advice); Markdown escapes every construct and HTML, and
keeps as links only http, https and mailto ones besides its own; HTML escapes every value; the
PDF bounds what it lays out (a 50 MB comment is cut with a marker, never 4 GB of layout).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from briefreader.core.annotations.html_style import STYLE, render_comment, safe_colour, tint
from briefreader.core.annotations.model import Annotation
from briefreader.core.annotations.tags import neutral_tag
from briefreader.core.entities.corrections import Correction
from briefreader.core.facts.corrections import FactCorrection

FORMATS = ("markdown", "json", "csv", "html", "pdf")
CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def passage_link(note: Annotation) -> str:
    query = urlencode({"path": note.path, "start": note.start, "end": note.end, "id": note.id})
    return f"briefreader://open?{query}"


@dataclass(frozen=True)
class PassageLink:
    path: str
    start: int
    end: int
    note_id: str | None = None


def parse_passage_link(url: str) -> PassageLink | None:
    """The passage a ``briefreader://open?path=…&start=…&end=…`` link names, or None."""
    parts = urlsplit(url)
    if parts.scheme != "briefreader" or parts.netloc != "open":
        return None
    query = parse_qs(parts.query)
    try:
        start, end = int(query["start"][0]), int(query["end"][0])
        path = query["path"][0]
    except (KeyError, IndexError, ValueError):
        return None
    if not 0 <= start <= end:
        return None
    return PassageLink(path, start, end, query.get("id", [None])[0])


def _by_document(notes: Iterable[Annotation]) -> list[tuple[str, list[Annotation]]]:
    ordered = sorted(notes, key=lambda n: (n.path, n.start))
    return [(path, list(group)) for path, group in groupby(ordered, key=lambda n: n.path)]


@dataclass(frozen=True)
class Corrections:
    """The analyst's entity and treaty-fact corrections and watch-list, which exports carry
    beside the notes."""

    entities: Sequence[Correction] = ()
    watched: Sequence[str] = ()
    facts: Sequence[FactCorrection] = ()  # treaty facts confirmed, edited, deleted, added

    def lines(self) -> list[str]:
        return (
            [c.describe() for c in self.entities]
            + [f"Watched: {w}" for w in self.watched]
            + [c.describe() for c in self.facts]
        )


NO_CORRECTIONS = Corrections()


# Characters that start Markdown inline constructs (emphasis, code, links and images, tables,
# strike-through, autolinks and raw HTML, entities): escaped wherever they occur. Parentheses
# and "!" need no escape once no "[" can open a link.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~<>&])")
# What makes a line a block construct (heading, quote, list, rule, setext underline, table).
_MD_LINE_START = re.compile(r"^(\s*)([#>+=\-]|\d+[.)])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
# A link a comment may keep: [text](url) with a scheme safe to follow from an export.
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\(\s*<?([^\s()<>]{1,2000})>?\s*\)")
SAFE_SCHEMES = ("http", "https", "mailto")


def _md_text(text: str, line_start: bool = True) -> str:
    """``text`` as literal Markdown on one line: nothing in it becomes markup, a link or HTML
    (CommonMark lets any ASCII punctuation be backslash-escaped; ``<``, ``>`` and ``&`` become
    entities, so a renderer that ignores the backslash still shows them as text)."""
    text = _CONTROLS.sub(" ", text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    escaped = _MD_INLINE.sub(
        lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(m[1], "\\" + m[1]), text
    )
    if not line_start:
        return escaped
    # Leading spaces would make an indented code block; a leading # > - + = or "1." a block.
    return _MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2], escaped.lstrip())


def _safe_url(url: str) -> str | None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def _md_comment_line(line: str) -> str:
    """One line of a comment: literal text, but ``[text](https://…)`` links stay links."""
    parts, position = [], 0
    for match in _MD_LINK.finditer(line):
        url = _safe_url(match[2])
        if url is None:
            continue  # javascript:, data:, file: and the rest stay visible text
        parts.append(_md_text(line[position : match.start()], line_start=position == 0))
        parts.append(f"[{_md_text(match[1], line_start=False)}](<{url}>)")
        position = match.end()
    parts.append(_md_text(line[position:], line_start=position == 0))
    return "".join(parts)


def _md_comment(comment: str) -> list[str]:
    """A comment's lines, each neutralised; blank lines kept as paragraph breaks."""
    return [_md_comment_line(line) if line.strip() else "" for line in comment.splitlines()]


def _md_code(text: str) -> str:
    """``text`` as a code span that no backtick inside can end early (CommonMark: a fence
    longer than any run of backticks inside, padded with spaces)."""
    text = _CONTROLS.sub(" ", text.replace("\n", " ").replace("\r", " "))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def document_heading(path: str, titles: Mapping[str, str] | None) -> str:
    """A document's heading in an export: its title where the caller knows it (the one the
    library and the reader show), else its file name."""
    title = (titles or {}).get(path, "").strip()
    return title or Path(path).name


def to_markdown(
    notes: Iterable[Annotation],
    meanings: dict[str, str],
    extra: Corrections = NO_CORRECTIONS,
    titles: Mapping[str, str] | None = None,
) -> str:
    lines = ["# Notes", ""]
    for path, group in _by_document(notes):
        lines += [f"## {_md_text(document_heading(path, titles))}", "", _md_code(path), ""]
        for note in group:
            lines.append(f"> {_md_text(' '.join(note.exact.split()))}")
            lines.append("")
            colour = _md_text(meanings.get(note.color, note.color))
            state = "" if note.state == "anchored" else f" · {_md_text(note.state)}"
            lines.append(f"*{colour}*{state} · [open the passage](<{passage_link(note)}>)")
            if note.comment.strip():
                lines += ["", *_md_comment(note.comment.strip())]
            if note.tags:
                tags = (f"\\#{_md_text(tag, line_start=False)}" for tag in note.tags)
                lines += ["", " ".join(tags)]
            lines.append("")
    if extra.lines():
        lines += ["## Corrections", ""] + [f"- {_md_text(line)}" for line in extra.lines()]
    return "\n".join(lines).rstrip() + "\n"


def to_json_ld(notes: Iterable[Annotation], extra: Corrections = NO_CORRECTIONS) -> str:
    items = []
    for note in notes:
        body: list[dict[str, Any]] = [
            {"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in note.tags
        ]
        if note.comment:
            body.insert(
                0,
                {"type": "TextualBody", "purpose": "commenting", "value": note.comment,
                 "format": "text/markdown"},
            )  # fmt: skip
        items.append(
            {
                "@context": CONTEXT,
                "id": f"urn:uuid:{note.id}",
                "type": "Annotation",
                "motivation": "commenting" if note.comment else "highlighting",
                "created": note.created,
                "modified": note.modified,
                "body": body,
                "target": {
                    "source": "file://" + quote(note.path),
                    "briefreader:sha256": note.sha256,
                    "briefreader:library": note.library,
                    "briefreader:relativePath": note.relative_path,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": note.exact,
                            "prefix": note.prefix,
                            "suffix": note.suffix,
                        },
                        {"type": "TextPositionSelector", "start": note.start, "end": note.end},
                    ],
                },
                "briefreader:color": note.color,
                "briefreader:state": note.state,
            }
        )
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "total": len(items),
        "items": items,
    }
    if extra.entities or extra.watched or extra.facts:
        collection["briefreader:entityCorrections"] = [c.as_json() for c in extra.entities]
        collection["briefreader:watched"] = list(extra.watched)
        collection["briefreader:factCorrections"] = [
            {"path": c.path, "treaty": c.treaty, "field": c.field, "action": c.action,
             "value": c.value, "new_value": c.new_value}
            for c in extra.facts
        ]  # fmt: skip
    return json.dumps(collection, ensure_ascii=False, indent=2)


# Bounds on what an import takes from a file it cannot trust.
MAX_ID = 200
MAX_OFFSET = 2**31 - 1
_HUGE = float("inf")  # what a number too long to be an offset reads as (then refused)


@dataclass
class ParsedImport:
    """The well-formed annotations of a JSON export, and why the others were refused."""

    notes: list[Annotation]
    invalid: Counter[str]


class _Invalid(ValueError):
    """One item cannot be an annotation (the message is the reason, counted in the report)."""


def _text(value: object, what: str, default: str = "") -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise _Invalid(f"{what} is not text")
    return value


def _offset(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid("offsets are not whole numbers")
    if not 0 <= value <= MAX_OFFSET:
        raise _Invalid("offsets out of range")
    return value


def _item(item: object) -> Annotation:
    """One ``to_json_ld`` item as an annotation, or ``_Invalid`` with the reason."""
    if not isinstance(item, dict):
        raise _Invalid("an item is not an object")
    note_id = _text(item.get("id"), "id").removeprefix("urn:uuid:").strip()
    if not note_id or len(note_id) > MAX_ID:
        raise _Invalid("no usable id")
    target = item.get("target")
    if not isinstance(target, dict) or not isinstance(target.get("selector"), list):
        raise _Invalid("no target with selectors")
    selectors = {s.get("type"): s for s in target["selector"] if isinstance(s, dict)}
    words, where = selectors.get("TextQuoteSelector"), selectors.get("TextPositionSelector")
    if words is None or where is None:
        raise _Invalid("no quote or no position")
    exact = _text(words.get("exact"), "the quote")
    if not exact:
        raise _Invalid("an empty quote")
    start, end = _offset(where.get("start")), _offset(where.get("end"))
    if start >= end:
        raise _Invalid("offsets out of order")
    bodies = item.get("body")
    bodies = [] if bodies is None else bodies
    if not isinstance(bodies, list) or not all(isinstance(b, dict) for b in bodies):
        raise _Invalid("a body that is not a list of objects")
    comments = [b.get("value") for b in bodies if b.get("purpose") == "commenting"]
    tags = [b.get("value") for b in bodies if b.get("purpose") == "tagging"]
    source = _text(target.get("source"), "the source")
    return Annotation(
        id=note_id,
        path=_unquote_file(source),
        sha256=_text(target.get("briefreader:sha256"), "the hash"),
        exact=exact,
        prefix=_text(words.get("prefix"), "the prefix"),
        suffix=_text(words.get("suffix"), "the suffix"),
        start=start,
        end=end,
        color=_text(item.get("briefreader:color"), "the colour", "key"),
        comment=_text(comments[0], "the comment") if comments else "",
        tags=[t for t in (neutral_tag(_text(tag, "a tag")) for tag in tags if tag) if t],
        state=_text(item.get("briefreader:state"), "the state", "anchored"),
        created=_text(item.get("created"), "the creation time"),
        modified=_text(item.get("modified"), "the change time"),
        library=_text(target.get("briefreader:library"), "the library"),
        relative_path=_text(target.get("briefreader:relativePath"), "the relative path"),
    )


def _number(text: str) -> int | float:
    return int(text) if len(text) <= 20 else _HUGE


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json_ld(text: str) -> ParsedImport:
    """The annotations of a ``to_json_ld`` file, each item checked for shape (an item that is
    not an annotation is counted with its reason, never stored half-read).

    Raises ``ValueError`` with a one-line message for a file that is not such an export: not
    JSON, nested too deeply for the parser, ``NaN``/``Infinity``, or no ``items`` list. Numbers
    too long to be offsets (``1e400``, a thousand digits) make their item invalid instead.
    """
    return _parsed(lambda: json.loads(text, **_DECODING))


def read_json_ld(path: Path) -> ParsedImport:
    """``parse_json_ld`` of a file, without keeping its text while the items are read (an
    export of 100,000 notes is over 100 MB). Raises ``OSError`` if it cannot be read."""
    with path.open(encoding="utf-8") as stream:
        return _parsed(lambda: json.load(stream, **_DECODING))


@dataclass(frozen=True)
class _Refused:
    reason: str


def _annotation_as_parsed(obj: dict[str, Any]) -> object:
    """Turn each annotation into its ``Annotation`` the moment the parser completes it, so
    the dictionaries of 100,000 items are never all held at once."""
    if obj.get("type") != "Annotation" or "target" not in obj:
        return obj
    try:
        return _item(obj)
    except _Invalid as exc:
        return _Refused(str(exc))


_DECODING: dict[str, Any] = {
    "parse_int": _number,
    "parse_constant": _no_constant,
    "object_hook": _annotation_as_parsed,
}


def _parsed(load: Callable[[], object]) -> ParsedImport:
    try:
        data = load()
    except RecursionError:
        raise ValueError("the JSON is nested too deeply to be a notes export") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError("not a notes export: no list of items")
    notes, invalid = [], Counter[str]()
    for position, item in enumerate(items):
        items[position] = None  # each item's dictionaries go as soon as it is read
        if isinstance(item, Annotation):
            notes.append(item)
        elif isinstance(item, _Refused):
            invalid[item.reason] += 1
        else:
            try:
                notes.append(_item(item))
            except _Invalid as exc:
                invalid[str(exc)] += 1
    return ParsedImport(notes, invalid)


def from_json_ld(text: str) -> list[Annotation]:
    """Annotations from ``to_json_ld`` output (items that are not annotations are passed
    over; ``parse_json_ld`` says why)."""
    return parse_json_ld(text).notes


def _unquote_file(source: str) -> str:
    from urllib.parse import unquote

    return unquote(source.removeprefix("file://"))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet will show, never run: text starting like a formula (``= + - @``,
    tab, carriage return) gets a leading single quote, as OWASP advises. Numbers pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(notes: Iterable[Annotation], meanings: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["path", "start", "end", "quote", "colour", "meaning", "comment", "tags",
                     "state", "created", "modified", "link", "id"])  # fmt: skip
    for note in sorted(notes, key=lambda n: (n.path, n.start)):
        row = [note.path, note.start, note.end, note.exact, note.color,
               meanings.get(note.color, note.color), note.comment, " ".join(note.tags),
               note.state, note.created, note.modified, passage_link(note), note.id]  # fmt: skip
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


@dataclass(frozen=True)
class Bounds:
    """How much of each value, and of all of them, a laid-out export (the PDF) takes: Qt lays
    a page out in memory, and a 50 MB comment needs gigabytes. The full text stays in the
    other formats."""

    field: int = 20_000  # characters of one quote or comment
    total: int = 2_000_000  # characters of all notes together


PDF_BOUNDS = Bounds()


def _bounded(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return (
        f"{text[:limit]} […cut here: {len(text):,} characters in all; the Markdown, HTML, "
        "JSON and CSV exports carry the full text]"
    )


def to_html(
    notes: Iterable[Annotation],
    meanings: dict[str, str],
    extra: Corrections = NO_CORRECTIONS,
    bounds: Bounds | None = None,
    colours: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> str:
    """A standalone page styled like the reader, each note in its colour (``colours``: key
    to ``#rrggbb``) with its comment rendered from Markdown; every value is escaped (quotes
    and comments are untrusted). With ``bounds`` (the PDF), long values are cut with a marker
    and notes past the total are counted instead of laid out."""
    limit = bounds.field if bounds else None
    budget = bounds.total if bounds else None
    colours = colours or {}
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Notes</title>"
             f"<style>{STYLE}</style></head><body><h1>Notes</h1>"]  # fmt: skip
    ordered = _by_document(notes)
    left_out = 0
    for path, group in ordered:
        if budget is not None and budget <= 0:
            left_out += len(group)
            continue
        heading = html.escape(document_heading(path, titles))
        parts.append(f"<h2>{heading}</h2><p class='source'><code>{html.escape(path)}</code></p>")
        for note in group:
            if budget is not None and budget <= 0:
                left_out += 1
                continue
            quote_text = _bounded(note.exact, limit)
            comment = _bounded(note.comment.strip(), limit)
            if budget is not None:
                budget -= len(quote_text) + len(comment) + 200
            parts.append(_html_note(note, quote_text, comment, meanings, colours, limit))
    if left_out:
        parts.append(
            f"<p><em>{left_out:,} more note(s) left out of this PDF to keep it to a size that "
            "can be laid out; the other export formats carry every note.</em></p>"
        )
    if extra.lines():
        items = "".join(f"<li>{html.escape(_bounded(line, limit))}</li>" for line in extra.lines())
        parts.append(f"<h2>Corrections</h2><ul>{items}</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_note(
    note: Annotation,
    quote_text: str,
    comment: str,
    meanings: dict[str, str],
    colours: Mapping[str, str],
    limit: int | None,
) -> str:
    """One note: the passage on its colour's tint, a swatch and the colour's meaning, the
    link back, the rendered comment and the tags."""
    colour = safe_colour(colours.get(note.color, ""))
    link = html.escape(passage_link(note), quote=True)
    parts = [
        "<div class='note'>"
        f"<blockquote style='background-color: {tint(colour)}; border-left-color: {colour}'>"
        f"{html.escape(quote_text)}</blockquote>"
        f"<p class='meta'><span class='swatch' style='color: {colour}'>&#9632;</span> "
        f"<em>{html.escape(meanings.get(note.color, note.color))}</em> · "
        f'<a href="{link}">open the passage</a></p>'
    ]
    if comment:
        parts.append(f"<div class='comment'>{render_comment(comment)}</div>")
    if note.tags:
        tags = " ".join(f"#{html.escape(_bounded(tag, limit))}" for tag in note.tags)
        parts.append(f"<p class='tags'>{tags}</p>")
    parts.append("</div>")
    return "".join(parts)


def export_text(
    notes: list[Annotation],
    meanings: dict[str, str],
    fmt: str,
    extra: Corrections = NO_CORRECTIONS,
    colours: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> str:
    """The notes in a text format: markdown, json, csv or html (all but CSV, one row per
    note, also carry the entity corrections and watch-list); ``titles`` (by path) head each
    document's notes in Markdown and HTML."""
    writers = {
        "markdown": lambda: to_markdown(notes, meanings, extra, titles),
        "json": lambda: to_json_ld(notes, extra),
        "csv": lambda: to_csv(notes, meanings),
        "html": lambda: to_html(notes, meanings, extra, colours=colours, titles=titles),
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format '{fmt}'")
    return writers[fmt]()
