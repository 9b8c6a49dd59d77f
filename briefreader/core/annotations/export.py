"""Annotations out and back in: Markdown, W3C Web Annotation JSON-LD, CSV and HTML.

Every export links back to the exact passage with a ``briefreader://open`` link (path, offsets
and annotation id), which the application opens when clicked or passed on its command line.
The JSON-LD carries both selectors and the document's hash, so an import re-attaches notes as
the store would, and merges by id without duplicates.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from briefreader.core.annotations.model import Annotation
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


def to_markdown(
    notes: Iterable[Annotation], meanings: dict[str, str], extra: Corrections = NO_CORRECTIONS
) -> str:
    lines = ["# Notes", ""]
    for path, group in _by_document(notes):
        lines += [f"## {Path(path).name}", "", f"`{path}`", ""]
        for note in group:
            quoted = " ".join(note.exact.split())
            lines.append(f"> {quoted}")
            lines.append("")
            colour = meanings.get(note.color, note.color)
            state = "" if note.state == "anchored" else f" · {note.state}"
            lines.append(f"*{colour}*{state} · [open the passage]({passage_link(note)})")
            if note.comment.strip():
                lines += ["", note.comment.strip()]
            if note.tags:
                lines += ["", " ".join(f"#{tag}" for tag in note.tags)]
            lines.append("")
    if extra.lines():
        lines += ["## Corrections", ""] + [f"- {line}" for line in extra.lines()]
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


def from_json_ld(text: str) -> list[Annotation]:
    """Annotations from ``to_json_ld`` output (unknown items are passed over)."""
    data = json.loads(text)
    found = []
    for item in data.get("items", []) if isinstance(data, dict) else []:
        try:
            target = item["target"]
            selectors = {s["type"]: s for s in target["selector"]}
            words = selectors["TextQuoteSelector"]
            where = selectors["TextPositionSelector"]
            bodies = item.get("body", [])
            source = str(target["source"])
            found.append(
                Annotation(
                    id=str(item["id"]).removeprefix("urn:uuid:"),
                    path=_unquote_file(source),
                    sha256=str(target.get("briefreader:sha256", "")),
                    exact=str(words["exact"]),
                    prefix=str(words.get("prefix", "")),
                    suffix=str(words.get("suffix", "")),
                    start=int(where["start"]),
                    end=int(where["end"]),
                    color=str(item.get("briefreader:color", "key")),
                    comment=next(
                        (str(b["value"]) for b in bodies if b.get("purpose") == "commenting"), ""
                    ),
                    tags=[str(b["value"]) for b in bodies if b.get("purpose") == "tagging"],
                    state=str(item.get("briefreader:state", "anchored")),
                    created=str(item.get("created", "")),
                    modified=str(item.get("modified", "")),
                    library=str(target.get("briefreader:library", "")),
                    relative_path=str(target.get("briefreader:relativePath", "")),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return found


def _unquote_file(source: str) -> str:
    from urllib.parse import unquote

    return unquote(source.removeprefix("file://"))


def to_csv(notes: Iterable[Annotation], meanings: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["path", "start", "end", "quote", "colour", "meaning", "comment", "tags",
                     "state", "created", "modified", "link", "id"])  # fmt: skip
    for note in sorted(notes, key=lambda n: (n.path, n.start)):
        writer.writerow([note.path, note.start, note.end, note.exact, note.color,
                         meanings.get(note.color, note.color), note.comment,
                         " ".join(note.tags), note.state, note.created, note.modified,
                         passage_link(note), note.id])  # fmt: skip
    return out.getvalue()


def to_html(
    notes: Iterable[Annotation], meanings: dict[str, str], extra: Corrections = NO_CORRECTIONS
) -> str:
    """A standalone page; every value is escaped (quotes and comments are untrusted)."""
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Notes</title></head>"
             "<body><h1>Notes</h1>"]  # fmt: skip
    for path, group in _by_document(notes):
        parts.append(f"<h2>{html.escape(Path(path).name)}</h2><p><code>{html.escape(path)}"
                     "</code></p>")  # fmt: skip
        for note in group:
            link = html.escape(passage_link(note), quote=True)
            parts.append(
                f"<blockquote>{html.escape(note.exact)}</blockquote>"
                f"<p><em>{html.escape(meanings.get(note.color, note.color))}</em> · "
                f'<a href="{link}">open the passage</a></p>'
            )
            if note.comment.strip():
                parts.append(f"<p>{html.escape(note.comment)}</p>")
            if note.tags:
                tags = " ".join(f"#{html.escape(tag)}" for tag in note.tags)
                parts.append(f"<p>{tags}</p>")
    if extra.lines():
        items = "".join(f"<li>{html.escape(line)}</li>" for line in extra.lines())
        parts.append(f"<h2>Corrections</h2><ul>{items}</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def export_text(
    notes: list[Annotation],
    meanings: dict[str, str],
    fmt: str,
    extra: Corrections = NO_CORRECTIONS,
) -> str:
    """The notes in a text format: markdown, json, csv or html (all but CSV, one row per
    note, also carry the entity corrections and watch-list)."""
    writers = {
        "markdown": lambda: to_markdown(notes, meanings, extra),
        "json": lambda: to_json_ld(notes, extra),
        "csv": lambda: to_csv(notes, meanings),
        "html": lambda: to_html(notes, meanings, extra),
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format '{fmt}'")
    return writers[fmt]()
