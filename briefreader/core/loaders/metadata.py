"""Metadata that documents carry in their text: front matter and leading ``Source:`` lines."""

from __future__ import annotations

import re
from datetime import datetime

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
# A leading line such as "Source: Reuters" or "Credited from: LATIMES".
META_LINE = re.compile(
    r"^\s*(source|credited from|credit|date|published|dateline)\s*:\s*(\S.*?)\s*$", re.IGNORECASE
)
_SOURCE_KEYS = {"source", "credited from", "credit"}
_DATE_KEYS = {"date", "published", "dateline"}
_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---``-delimited ``key: value`` front matter from the body.

    Only flat scalar keys are read (title, source, date, ...); that is all BriefReader needs and it
    avoids a YAML dependency. Malformed front matter is left in the body untouched.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        kv = _KEY_VALUE.match(line)
        if kv:
            fields[kv.group(1).lower()] = kv.group(2).strip().strip("'\"")
    if not fields:
        return {}, text
    return fields, text[match.end() :]


def classify_meta_line(line: str) -> tuple[str, str] | None:
    """``("source"|"date", value)`` when ``line`` is a metadata line, else ``None``."""
    match = META_LINE.match(line)
    if not match:
        return None
    key = match.group(1).lower()
    if key in _SOURCE_KEYS:
        return "source", match.group(2)
    if key in _DATE_KEYS:
        return "date", match.group(2)
    return None


def normalise_date(value: str | None) -> str | None:
    """ISO ``YYYY-MM-DD`` when the value is a recognisable date; otherwise the value as given."""
    if not value:
        return None
    value = value.strip()
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})", value)
    if iso:
        return iso.group(1)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value
