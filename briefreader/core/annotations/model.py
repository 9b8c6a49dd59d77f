"""One annotation as stored: both W3C selectors, the document version, colour, comment, tags."""

from __future__ import annotations

from dataclasses import dataclass, field

ANCHORED, MOVED, ORPHANED = "anchored", "moved", "orphaned"

# (key, meaning, colour): the meanings are the analyst's to rename.
DEFAULT_PALETTE: tuple[tuple[str, str, str], ...] = (
    ("key", "Key fact", "#DDCC77"),
    ("concern", "Concern", "#CC6677"),
    ("confirmed", "Confirmed", "#44AA99"),
    ("question", "Question", "#88CCEE"),
)


@dataclass
class Annotation:
    id: str
    path: str  # absolute path of the document when last anchored
    sha256: str  # the document version the position refers to
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    color: str
    comment: str = ""
    tags: list[str] = field(default_factory=list)
    state: str = ANCHORED
    created: str = ""
    modified: str = ""
    library: str = ""  # the library folder the document was in when last anchored
    relative_path: str = ""  # the document's POSIX path inside that folder

    def as_json(self) -> dict[str, object]:
        """The fields of ``briefreader notes list --json``, in contract order."""
        return {
            "id": self.id,
            "path": self.path,
            "sha256": self.sha256,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "color": self.color,
            "comment": self.comment,
            "tags": list(self.tags),
            "state": self.state,
            "created": self.created,
            "modified": self.modified,
            "library": self.library,
            "relative_path": self.relative_path,
        }


@dataclass(frozen=True)
class Palette:
    colours: tuple[tuple[str, str, str], ...] = DEFAULT_PALETTE

    def keys(self) -> list[str]:
        return [key for key, _meaning, _hex in self.colours]
