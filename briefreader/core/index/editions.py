"""One briefing, several files: the same cable saved as .docx and .pdf is one row of the
library with its formats, not two identical rows.

Files are editions of one briefing when they sit in the same folder, share a name apart
from the extension, and carry the same title. The edition opened is the one whose text
keeps most of the author's structure: Markdown, HTML and Word before plain text, and PDF
(text recovered from a page layout) last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol, TypeVar

from briefreader.core.index.library_index import DocumentSummary

# Best first; an extension not listed comes after these and before PDF.
PREFERRED = (".md", ".markdown", ".html", ".htm", ".docx", ".txt", ".text")
_LAST = ".pdf"


@dataclass(frozen=True)
class Briefing:
    """A briefing's files: ``main`` is the one opened, ``others`` the other formats."""

    main: DocumentSummary
    others: tuple[DocumentSummary, ...] = ()

    @property
    def paths(self) -> list[str]:
        return [self.main.path, *(other.path for other in self.others)]

    @property
    def formats(self) -> list[str]:
        """The files' extensions in upper case, the opened one first ("DOCX", "PDF")."""
        return [PurePath(path).suffix.lstrip(".").upper() or "TEXT" for path in self.paths]


def _rank(path: str) -> int:
    suffix = PurePath(path).suffix.lower()
    if suffix in PREFERRED:
        return PREFERRED.index(suffix)
    return len(PREFERRED) + (1 if suffix == _LAST else 0)


class Titled(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def title(self) -> str: ...


T = TypeVar("T", bound=Titled)


def _key(row: Titled) -> tuple[str, str, str]:
    path = PurePath(row.path)
    return str(path.parent), path.stem.casefold(), " ".join(row.title.split()).casefold()


def group_editions(rows: Iterable[DocumentSummary]) -> list[Briefing]:
    """The rows as briefings, in the order of each briefing's first row (one pass)."""
    groups: dict[tuple[str, str, str], list[DocumentSummary]] = {}
    for row in rows:
        groups.setdefault(_key(row), []).append(row)
    briefings = []
    for members in groups.values():
        ordered = sorted(members, key=lambda row: (_rank(row.path), row.path))
        briefings.append(Briefing(ordered[0], tuple(ordered[1:])))
    return briefings


def first_per_briefing(items: Iterable[T]) -> list[T]:
    """The items in order, keeping only the first of each briefing: search results ranked
    best first show a briefing once, at its best-ranked file."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for item in items:
        key = _key(item)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
