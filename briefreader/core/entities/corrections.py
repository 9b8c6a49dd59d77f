"""The analyst's corrections to entities, and the watch-list: user data, applied everywhere.

Extraction results stay a cache; corrections are rules kept apart in the app-data folder
(SQLite, one transaction per change) and laid over every document's mentions when it is read,
so they survive re-indexing, rule changes and new documents:

- *remove an entity*: (label, canonical name) is dropped in every document;
- *remove a mention*: one occurrence, by document version and position;
- *add*: a text the extractor missed becomes a mention of a type wherever it occurs as a
  whole word (case as written);
- *rename* and *merge*: one canonical name is shown as another (merging two entities is
  renaming one to the other's name; their written forms become aliases);
- the *watch-list*: names the analyst cares about, highlighted in every document whether or
  not they were extracted.

``version()`` changes with every edit, so caches built from corrected mentions (the
library's entity index) know to refresh.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from briefreader.core.entities.cache import extractor_format
from briefreader.core.entities.extract import Mention
from briefreader.core.entities.labels import LABELS, label_word
from briefreader.core.storage.sqlite_file import SqliteFile
from briefreader.core.text.document import Document, Span

REMOVE_ENTITY, REMOVE_MENTION, ADD, RENAME = "remove-entity", "remove-mention", "add", "rename"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL DEFAULT -1,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS watched (
    name TEXT PRIMARY KEY,
    created TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Correction:
    id: int
    kind: str
    label: str
    text: str  # the canonical name (remove/rename), the added text, or the mention's text
    target: str = ""  # the new canonical name of a rename or merge
    sha256: str = ""  # the document version of a removed mention
    start: int = -1  # the removed mention's position in that version

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "label": self.label, "text": self.text,
                "target": self.target, "sha256": self.sha256, "start": self.start}  # fmt: skip

    def describe(self) -> str:
        """One line for the corrections list and the notes exports."""
        kind = label_word(self.label)
        if self.kind == REMOVE_ENTITY:
            return f"Not an entity: {self.text} ({kind})"
        if self.kind == REMOVE_MENTION:
            return f"One mention removed: “{self.text}” at {self.start}"
        if self.kind == ADD:
            return f"Added as {kind}: {self.text}"
        return f"{self.text} → {self.target} ({kind})"


class CorrectionError(ValueError):
    """A correction that cannot be made (the message says why)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class EntityCorrections(SqliteFile):
    what = "entity corrections file"

    def __init__(self, path: Path) -> None:
        super().__init__(path, _SCHEMA)

    def _write(self, statement: str, args: Sequence[object]) -> int:
        with self._connect() as connection:
            cursor = connection.execute(statement, args)  # one statement: one transaction
            return int(cursor.lastrowid or 0)

    # Changing --------------------------------------------------------------------------
    def remove_entity(self, label: str, name: str) -> int:
        return self._add(REMOVE_ENTITY, label, name)

    def remove_mention(self, mention: Mention, sha256: str) -> int:
        return self._add(REMOVE_MENTION, mention.label, mention.text, "", sha256, mention.start)

    def add(self, label: str, text: str) -> int:
        text = " ".join(text.split())
        if label not in LABELS:
            raise CorrectionError(f"unknown entity type '{label}'")
        if not text or len(text) > 200:
            raise CorrectionError("select a name of 1 to 200 characters to add it as an entity")
        return self._add(ADD, label, text)

    def rename(self, label: str, name: str, new_name: str) -> int:
        """Show ``name`` as ``new_name``; to merge two entities, rename one to the other."""
        new_name = " ".join(new_name.split())
        if not new_name:
            raise CorrectionError("a new name cannot be empty")
        if new_name == name:
            raise CorrectionError("the new name is the same as the old one")
        return self._add(RENAME, label, name, new_name)

    def _add(
        self, kind: str, label: str, text: str, target: str = "", sha: str = "", start: int = -1
    ) -> int:
        return self._write(
            "INSERT INTO corrections (kind, label, text, target, sha256, start, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, label, text, target, sha, start, _now()),
        )

    def undo(self, correction_id: int) -> None:
        self._write("DELETE FROM corrections WHERE id = ?", (correction_id,))

    def watch(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise CorrectionError("a watched name cannot be empty")
        self._write("INSERT OR IGNORE INTO watched VALUES (?, ?)", (name, _now()))

    def unwatch(self, name: str) -> None:
        self._write("DELETE FROM watched WHERE name = ?", (name,))

    # Reading ---------------------------------------------------------------------------
    def all(self) -> list[Correction]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT id, kind, label, text, target, sha256, start FROM corrections ORDER BY id"
            ).fetchall()
        return [
            Correction(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), int(r[6]))
            for r in rows
        ]

    def watched(self) -> list[str]:
        with self._connect() as connection:
            rows = connection.execute("SELECT name FROM watched ORDER BY name").fetchall()
        return [str(row[0]) for row in rows]

    def version(self) -> str:
        """Changes whenever a correction is made or taken back (ids are never reused)."""
        with self._connect() as connection:
            latest = connection.execute(
                "SELECT COALESCE(MAX(id), 0), COUNT(*) FROM corrections"
            ).fetchone()
        return f"{latest[0]}.{latest[1]}"

    def rules(self) -> str:
        """What the library's entity index rows are made with: rules and corrections."""
        return f"{extractor_format()}:{self.version()}"

    def corrected(self, document: Document, mentions: Sequence[Mention]) -> list[Mention]:
        """``mentions`` of ``document`` with every correction laid over them."""
        corrections = self.all()
        if not corrections:
            return list(mentions)
        return apply_corrections(document.text, mentions, corrections, document.metadata.sha256)


def apply_corrections(
    text: str, mentions: Sequence[Mention], corrections: Sequence[Correction], sha256: str
) -> list[Mention]:
    """The mentions of one document version with the analyst's corrections laid over them.

    Added names claim their text: an extracted mention overlapping one is dropped. Renames
    apply to added names too, and follow one another ("A" → "B" → "C"), without looping.
    """
    removed_entities = {(c.label, c.text) for c in corrections if c.kind == REMOVE_ENTITY}
    removed_mentions = {
        (c.start, c.text) for c in corrections if c.kind == REMOVE_MENTION and c.sha256 == sha256
    }
    renames = {(c.label, c.text): c.target for c in corrections if c.kind == RENAME}
    added = _added_mentions(text, [c for c in corrections if c.kind == ADD])
    claimed = bytearray(len(text))
    for mention in added:
        claimed[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    kept = [
        m for m in mentions
        if not any(claimed[m.start : m.end]) or m.label == "TREATY"
    ]  # fmt: skip
    result = []
    for mention in sorted([*kept, *added], key=lambda m: (m.start, -m.end)):
        if (mention.start, mention.text) in removed_mentions:
            continue
        name = _renamed(mention.label, mention.entity, renames)
        if (mention.label, name) in removed_entities or (
            mention.label,
            mention.entity,
        ) in removed_entities:
            continue
        result.append(replace(mention, entity=name) if name != mention.entity else mention)
    return result


def _renamed(label: str, name: str, renames: dict[tuple[str, str], str]) -> str:
    seen = {name}
    while (label, name) in renames and renames[(label, name)] not in seen:
        name = renames[(label, name)]
        seen.add(name)
    return name


def _added_mentions(text: str, additions: Sequence[Correction]) -> list[Mention]:
    """Every whole-word occurrence of each added name; a longer name wins an overlap."""
    found: list[Mention] = []
    claimed = bytearray(len(text))
    for correction in sorted(additions, key=lambda c: -len(c.text)):
        pattern = re.compile(rf"(?<!\w){re.escape(correction.text)}(?!\w)")
        for match in pattern.finditer(text):
            if not any(claimed[match.start() : match.end()]):
                claimed[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
                found.append(
                    Mention(correction.label, match.start(), match.end(), match.group(),
                            correction.text)
                )  # fmt: skip
    return found


def watched_spans(text: str, names: Sequence[str]) -> list[Span]:
    """Where the watched names occur (whole words, any case): the reader marks them."""
    if not names:
        return []
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return [Span(m.start(), m.end(), "watched") for m in pattern.finditer(text)]
