"""The annotation store: one SQLite file in the app-data folder, never rebuilt, never lost.

WAL mode and a busy timeout let two windows or commands write at once; every change is one
transaction. The schema is versioned (``PRAGMA user_version``, read and migrated in one
transaction, so commands starting together on a new folder do not both create it) and a copy of
the file is kept before each migration. A damaged file is set aside, never written into (see
``sqlite_file``). Annotations are found by the document's path, or by its content hash
when the file was renamed or moved, and are re-anchored against the document's current text
whenever they are read for it (see ``anchoring``).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from briefreader.core.annotations.anchoring import anchor, quote_selector
from briefreader.core.annotations.location import Location, locate
from briefreader.core.annotations.model import (
    ANCHORED,
    DEFAULT_PALETTE,
    MOVED,
    ORPHANED,
    Annotation,
)
from briefreader.core.annotations.tags import TAG_SEPARATOR, tag_problem
from briefreader.core.errors import BriefReaderError, LoadError
from briefreader.core.loaders import load_document
from briefreader.core.storage.sqlite_file import SqliteFile
from briefreader.core.text.document import Document

SCHEMA_VERSION = 2
_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        color TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'anchored',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE INDEX annotations_path ON annotations(path);
    CREATE INDEX annotations_sha ON annotations(sha256);
    CREATE TABLE palette (
        position INTEGER PRIMARY KEY,
        key TEXT UNIQUE NOT NULL,
        meaning TEXT NOT NULL,
        colour TEXT NOT NULL
    );
    """,
    # The document's library folder and its path inside it; older rows start from the file's
    # own folder and are corrected the next time their document is read.
    2: """
    ALTER TABLE annotations ADD COLUMN library TEXT NOT NULL DEFAULT '';
    ALTER TABLE annotations ADD COLUMN relative_path TEXT NOT NULL DEFAULT '';
    CREATE INDEX annotations_relative ON annotations(relative_path);
    """,
}
_COLUMNS = (
    "id, path, sha256, exact, prefix, suffix, start, end, color, comment, tags, state, "
    "created, modified, library, relative_path"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class AnnotationError(BriefReaderError):
    """An annotation could not be made or found (the message says why)."""


@dataclass
class ImportReport:
    """What an import did, every item counted once."""

    imported: int = 0
    duplicates: int = 0  # already here, or repeated in the file
    invalid: Counter[str] = field(default_factory=Counter)  # reason -> how many
    moved: int = 0  # of the imported: re-anchored elsewhere in their document
    orphaned: int = 0  # of the imported: quote not found, or document not here

    def summary(self) -> str:
        """One line: "imported 3 annotation(s) (1 re-anchored); skipped 2 duplicate(s);
        1 invalid: 1 unknown colour"."""
        text = f"imported {self.imported} annotation(s)"
        details = [f"{n} {what}" for n, what in ((self.moved, "re-anchored"),
                   (self.orphaned, "orphaned: quote or document not found here")) if n]  # fmt: skip
        if details:
            text += f" ({', '.join(details)})"
        text += f"; skipped {self.duplicates} duplicate(s)"
        bad = sum(self.invalid.values())
        text += f"; {bad} invalid"
        if bad:
            text += ": " + ", ".join(f"{n} {why}" for why, n in self.invalid.most_common())
        return text


class AnnotationStore(SqliteFile):
    what = "notes file"

    def __init__(self, path: Path, library_folders: Iterable[str | Path] = ()) -> None:
        # The library folders documents are placed in (see ``location``); more can be added.
        self.library_folders: list[str] = [str(folder) for folder in library_folders]
        super().__init__(path)  # checks the file and migrates it (``_prepare``)

    def add_library_folders(self, folders: Iterable[str | Path]) -> None:
        for folder in folders:
            if str(folder) not in self.library_folders:
                self.library_folders.append(str(folder))

    def locate(self, path: str) -> Location:
        return locate(path, self.library_folders)

    def current_path(self, note: Annotation) -> str:
        """Where the note's document is now: its last path, or, when that file and its library
        folder are both gone, the same place inside a known library folder that holds it."""
        if os.path.exists(note.path) or not note.relative_path or os.path.isdir(note.library):
            return note.path
        for folder in self.library_folders:
            candidate = os.path.join(folder, *note.relative_path.split("/"))
            if os.path.isfile(candidate):
                return candidate
        return note.path

    def _prepare(self, connection: sqlite3.Connection) -> None:
        """Migrate to the current schema inside the opening ``BEGIN IMMEDIATE`` transaction:
        the version is read in it, so of several processes opening a new data folder at once
        one creates the tables and the others, waiting on its lock, find them made."""
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version >= SCHEMA_VERSION:
            return
        if version:  # user data: keep a copy before changing it (read as of now, in WAL mode)
            backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
            with (
                closing(sqlite3.connect(self.path)) as source,
                closing(sqlite3.connect(backup)) as target,
            ):
                source.backup(target)
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[step].split(";"):
                if statement.strip():
                    connection.execute(statement)
        if version < 2:
            _fill_locations(connection, self.library_folders)
        if version == 0:
            connection.executemany(
                "INSERT OR IGNORE INTO palette VALUES (?, ?, ?, ?)",
                [(n, *entry) for n, entry in enumerate(DEFAULT_PALETTE)],
            )
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # Palette ---------------------------------------------------------------------------
    def colours(self) -> list[tuple[str, str, str]]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT key, meaning, colour FROM palette ORDER BY position"
            ).fetchall()
        return [(str(k), str(m), str(c)) for k, m, c in rows]

    def rename_colour(self, key: str, meaning: str) -> None:
        with self._transaction() as connection:
            connection.execute("UPDATE palette SET meaning = ? WHERE key = ?", (meaning, key))

    # Reading ---------------------------------------------------------------------------
    def _rows(self, where: str = "", args: Sequence[object] = ()) -> list[Annotation]:
        with self._connect() as connection:
            rows = connection.execute(
                f"SELECT {_COLUMNS} FROM annotations {where} ORDER BY path, start", args
            ).fetchall()
        return [_annotation(row) for row in rows]

    def everything(self) -> list[Annotation]:
        return self._rows()

    def search(self, words: Sequence[str] = (), tags: Sequence[str] = ()) -> list[Annotation]:
        """Annotations whose comment (or quote) holds every word and that carry every tag
        (case-insensitive): the ``note:`` and ``tag:`` fields of the main search."""
        wanted_tags = {tag.casefold() for tag in tags}
        found = []
        for note in self.everything():
            haystack = f"{note.comment} {note.exact}".casefold()
            if not all(word.casefold() in haystack for word in words):
                continue
            if not wanted_tags <= {tag.casefold() for tag in note.tags}:
                continue
            found.append(note)
        return found

    def get(self, note_id: str) -> Annotation:
        found = self._rows("WHERE id = ?", (note_id,))
        if not found:
            raise AnnotationError(f"no annotation with id {note_id}")
        return found[0]

    def for_document(self, document: Document) -> list[Annotation]:
        """The document's annotations, re-anchored against its current text and saved so.

        They are found by path; by content hash when the file was renamed or moved; or by
        their path inside the library when the library folder itself was moved or renamed
        (its old folder is gone), even if the file was edited since. Notes follow the file to
        its new place.
        """
        meta = document.metadata
        here = self.locate(meta.path)
        candidates = self._rows(
            "WHERE path = ? OR sha256 = ? OR relative_path = ?",
            (meta.path, meta.sha256, here.relative),
        )
        notes = [note for note in candidates if _belongs(note, meta.path, meta.sha256)]
        changed = []
        for note in notes:
            placed = (note.library, note.relative_path) == (here.library, here.relative)
            if not placed:
                note.library, note.relative_path = here.library, here.relative
            if note.sha256 == meta.sha256 and note.path == meta.path and note.state != ORPHANED:
                if not placed:
                    changed.append(note)
                continue
            found = anchor(
                document.text, note.exact, note.prefix, note.suffix, note.start, note.end
            )
            note.path = meta.path
            if found is None:
                note.state = ORPHANED
            else:
                moved = (found.start, found.end) != (note.start, note.end) or not found.exact_match
                note.start, note.end = found.start, found.end
                note.exact, note.prefix, note.suffix = quote_selector(
                    document.text, found.start, found.end
                )
                note.sha256 = meta.sha256
                note.state = MOVED if moved or note.state == MOVED else ANCHORED
            changed.append(note)
        if changed:
            with self._transaction() as connection:
                for note in changed:
                    connection.execute(
                        "UPDATE annotations SET path=?, sha256=?, exact=?, prefix=?, suffix=?, "
                        "start=?, end=?, state=?, library=?, relative_path=? WHERE id=?",
                        (note.path, note.sha256, note.exact, note.prefix, note.suffix,
                         note.start, note.end, note.state, note.library, note.relative_path,
                         note.id),
                    )  # fmt: skip
        return notes

    # Changing --------------------------------------------------------------------------
    def create(
        self,
        document: Document,
        start: int,
        end: int,
        color: str,
        comment: str = "",
        tags: Sequence[str] = (),
    ) -> Annotation:
        text = document.text
        if not 0 <= start < end <= len(text):
            raise AnnotationError("an annotation needs a non-empty passage of the document")
        if color not in {key for key, _m, _c in self.colours()}:
            raise AnnotationError(f"unknown colour '{color}'")
        _check_tags(tags)
        exact, prefix, suffix = quote_selector(text, start, end)
        now = _now()
        here = self.locate(document.metadata.path)
        note = Annotation(
            id=str(uuid.uuid4()),
            path=document.metadata.path,
            sha256=document.metadata.sha256,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            start=start,
            end=end,
            color=color,
            comment=comment,
            tags=list(tags),
            created=now,
            modified=now,
            library=here.library,
            relative_path=here.relative,
        )
        self.restore(note)
        return note

    def restore(self, note: Annotation) -> None:
        """Insert ``note`` as it is (an undone deletion, an import); an existing id is kept."""
        if not note.relative_path:  # an import from an export that did not carry it
            here = self.locate(note.path)
            note.library, note.relative_path = here.library, here.relative
        with self._transaction() as connection:
            connection.execute(
                f"INSERT OR IGNORE INTO annotations ({_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _row(note),
            )

    def merge(self, notes: Sequence[Annotation]) -> int:
        """Import annotations (checked as ``import_notes`` does); how many were added."""
        return self.import_notes(notes).imported

    def import_notes(
        self, notes: Sequence[Annotation], invalid: Counter[str] | None = None
    ) -> ImportReport:
        """Add the annotations of an import that are new (by id) and valid, in one transaction.

        An import is a file from elsewhere, so nothing in it is taken on trust: the colour must
        be one of the palette's, the state one of the three; each note is checked against its
        document as it is here (its quote at its offsets: anchored; found elsewhere: moved, at
        the new place; not found: orphaned, its offsets kept inside the text), whatever hash
        the file claims. A note whose document cannot be read here is orphaned until that
        document is opened, when it is re-anchored like any other. ``invalid`` carries the
        reasons for items the parser refused, so the report counts everything once.
        """
        report = ImportReport(invalid=Counter(invalid or {}))
        palette = {key for key, _m, _c in self.colours()}
        with self._connect() as connection:
            known = {str(row[0]) for row in connection.execute("SELECT id FROM annotations")}
        documents: dict[str, Document | None] = {}
        places: dict[tuple[str, str, str], str] = {}
        locations: dict[str, Location] = {}
        rows = []
        for note in notes:
            if note.id in known:
                report.duplicates += 1
                continue
            if note.color not in palette:
                report.invalid["unknown colour"] += 1
                continue
            if note.state not in (ANCHORED, MOVED, ORPHANED):
                report.invalid["unknown state"] += 1
                continue
            known.add(note.id)
            place = (note.path, note.relative_path, note.library)
            if place not in places:
                places[place] = self.current_path(note)
            self._check_imported(note, places[place], documents)
            if not note.relative_path or note.state != ORPHANED:
                if note.path not in locations:
                    locations[note.path] = self.locate(note.path)
                note.library = locations[note.path].library
                note.relative_path = locations[note.path].relative
            report.moved += note.state == MOVED
            report.orphaned += note.state == ORPHANED
            rows.append(_row(note))
        if rows:
            with self._transaction() as connection:
                connection.executemany(
                    f"INSERT OR IGNORE INTO annotations ({_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        report.imported = len(rows)
        return report

    @staticmethod
    def _check_imported(note: Annotation, path: str, documents: dict[str, Document | None]) -> None:
        """Anchor an imported note against its document here (loaded once per import)."""
        if path not in documents:
            try:
                documents[path] = load_document(Path(path))
            except (LoadError, OSError):
                documents[path] = None
        document = documents[path]
        if document is None:
            note.state = ORPHANED  # not checked here: re-anchored when its document is read
            return
        text, meta = document.text, document.metadata
        found = anchor(text, note.exact, note.prefix, note.suffix, note.start, note.end)
        note.path = meta.path
        if found is None:
            note.state = ORPHANED
            note.start = min(note.start, len(text))
            note.end = min(max(note.end, note.start), len(text))
            return
        here = found.exact_match and (found.start, found.end) == (note.start, note.end)
        note.start, note.end = found.start, found.end
        note.exact, note.prefix, note.suffix = quote_selector(text, found.start, found.end)
        note.sha256 = meta.sha256
        note.state = ANCHORED if here else MOVED

    def edit(
        self,
        note_id: str,
        *,
        comment: str | None = None,
        tags: Sequence[str] | None = None,
        color: str | None = None,
    ) -> Annotation:
        _check_tags(tags or ())
        note = self.get(note_id)
        note.comment = note.comment if comment is None else comment
        note.tags = list(note.tags if tags is None else tags)
        note.color = note.color if color is None else color
        note.modified = _now()
        with self._transaction() as connection:
            connection.execute(
                "UPDATE annotations SET comment=?, tags=?, color=?, modified=? WHERE id=?",
                (note.comment, TAG_SEPARATOR.join(note.tags), note.color, note.modified, note_id),
            )
        return note

    def delete(self, note_id: str) -> Annotation:
        note = self.get(note_id)
        with self._transaction() as connection:
            connection.execute("DELETE FROM annotations WHERE id = ?", (note_id,))
        return note

    def reattach(self, note_id: str, document: Document, start: int, end: int) -> Annotation:
        """Anchor a note (an orphan, usually) to a passage the analyst selected."""
        self.get(note_id)  # a clear error for an unknown id
        exact, prefix, suffix = quote_selector(document.text, start, end)
        here = self.locate(document.metadata.path)
        with self._transaction() as connection:
            connection.execute(
                "UPDATE annotations SET path=?, sha256=?, exact=?, prefix=?, suffix=?, start=?, "
                "end=?, state=?, modified=?, library=?, relative_path=? WHERE id=?",
                (document.metadata.path, document.metadata.sha256, exact, prefix, suffix,
                 start, end, ANCHORED, _now(), here.library, here.relative, note_id),
            )  # fmt: skip
        return self.get(note_id)


def _check_tags(tags: Sequence[str]) -> None:
    problem = tag_problem(tags)
    if problem is not None:
        raise AnnotationError(problem)


def _belongs(note: Annotation, path: str, sha256: str) -> bool:
    """Whether a note found by path, hash or relative path is this document's.

    A path inside the library alone is not enough: two libraries may both hold a
    ``notes.md``. It counts only when the note's own library folder no longer exists, which is
    what a moved or renamed library looks like.
    """
    if note.path == path or note.sha256 == sha256:
        return True
    return bool(note.library) and not os.path.isdir(note.library)


def _fill_locations(connection: sqlite3.Connection, library_folders: Sequence[str]) -> None:
    """Place rows made before locations were stored in the library folders known now."""
    rows = connection.execute("SELECT id, path FROM annotations").fetchall()
    for note_id, path in rows:
        here = locate(str(path), library_folders)
        connection.execute(
            "UPDATE annotations SET library = ?, relative_path = ? WHERE id = ?",
            (here.library, here.relative, note_id),
        )


def _row(note: Annotation) -> tuple[object, ...]:
    return (note.id, note.path, note.sha256, note.exact, note.prefix, note.suffix, note.start,
            note.end, note.color, note.comment, TAG_SEPARATOR.join(note.tags), note.state,
            note.created, note.modified, note.library, note.relative_path)  # fmt: skip


def _annotation(row: Sequence[object]) -> Annotation:
    (note_id, path, sha, exact, prefix, suffix, start, end, color, comment, tags, state,
     created, modified, library, relative_path) = row  # fmt: skip
    return Annotation(
        id=str(note_id),
        path=str(path),
        sha256=str(sha),
        exact=str(exact),
        prefix=str(prefix),
        suffix=str(suffix),
        start=int(str(start)),
        end=int(str(end)),
        color=str(color),
        comment=str(comment),
        tags=[t for t in str(tags).split(TAG_SEPARATOR) if t],
        state=str(state),
        created=str(created),
        modified=str(modified),
        library=str(library),
        relative_path=str(relative_path),
    )
