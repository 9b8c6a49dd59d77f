"""The analyst's corrections to treaty facts: confirm, edit, delete or add a value.

User data in the app-data folder (SQLite, one transaction per change), kept apart from the
facts cache so they survive re-indexing and rule changes. A correction names the document by
path and the agreement by the title extraction gave it, so it finds its card again however
often the facts are recomputed. Laid over the extracted facts, corrected fields are listed in
``edited`` and confirmed values in ``confirmed``; an added value carries the evidence span the
analyst selected.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefreader.core.facts.model import FIELDS, LIST_FIELDS, DocumentFacts, TreatyFacts
from briefreader.core.storage.sqlite_file import SqliteFile
from briefreader.core.text.document import Span

CONFIRM, EDIT, DELETE, ADD = "confirm", "edit", "delete", "add"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    treaty TEXT NOT NULL,
    field TEXT NOT NULL,
    action TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL DEFAULT -1,
    end INTEGER NOT NULL DEFAULT -1,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_path ON corrections(path);
"""


class FactCorrectionError(ValueError):
    """A correction that cannot be made (the message says why)."""


@dataclass(frozen=True)
class FactCorrection:
    id: int
    path: str
    treaty: str  # the agreement's title as extracted (its card's key)
    field: str
    action: str
    value: str = ""
    new_value: str = ""
    evidence: Span | None = None

    def describe(self) -> str:
        where = f"{Path(self.path).name}, {self.treaty}"
        if self.action == CONFIRM:
            return f"Confirmed {self.field} “{self.value}” ({where})"
        if self.action == EDIT:
            return f"{self.field}: “{self.value}” → “{self.new_value}” ({where})"
        if self.action == DELETE:
            return f"Deleted {self.field} “{self.value}” ({where})"
        return f"Added {self.field} “{self.new_value}” ({where})"


def treaty_key(treaty: TreatyFacts) -> str:
    """The title a card is known by: its name, else the text's description of it."""
    return treaty.name or treaty.description or "Unnamed agreement"


class FactCorrections(SqliteFile):
    what = "fact corrections file"

    def __init__(self, path: Path) -> None:
        super().__init__(path, _SCHEMA)

    def record(
        self,
        path: str,
        treaty: str,
        field: str,
        action: str,
        value: str = "",
        new_value: str = "",
        evidence: Span | None = None,
    ) -> int:
        """Keep one correction; returns its id (for taking it back)."""
        if field not in FIELDS:
            raise FactCorrectionError(f"unknown field '{field}'")
        if action not in (CONFIRM, EDIT, DELETE, ADD):
            raise FactCorrectionError(f"unknown correction '{action}'")
        new_value = " ".join(new_value.split())
        if action in (EDIT, ADD) and not new_value:
            raise FactCorrectionError("a corrected value cannot be empty")
        start, end = (evidence.start, evidence.end) if evidence is not None else (-1, -1)
        with self._connect() as connection:
            cursor = connection.execute(
                "INSERT INTO corrections (path, treaty, field, action, value, new_value, start, "
                "end, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, treaty, field, action, value, new_value, start, end,
                 datetime.now(UTC).isoformat(timespec="seconds")),
            )  # fmt: skip
            return int(cursor.lastrowid or 0)

    def undo(self, correction_id: int) -> None:
        with self._connect() as connection:
            connection.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))

    def _rows(self, where: str = "", args: Sequence[object] = ()) -> list[FactCorrection]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT id, path, treaty, field, action, value, new_value, start, end "
                f"FROM corrections {where} ORDER BY id",
                args,
            ).fetchall()
        return [
            FactCorrection(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                           str(r[6]), Span(int(r[7]), int(r[8])) if int(r[7]) >= 0 else None)
            for r in rows
        ]  # fmt: skip

    def all(self) -> list[FactCorrection]:
        return self._rows()

    def for_document(self, path: str) -> list[FactCorrection]:
        return self._rows("WHERE path = ?", (path,))

    def corrected(self, path: str, facts: DocumentFacts) -> DocumentFacts:
        return apply_fact_corrections(facts, self.for_document(path))


def apply_fact_corrections(
    facts: DocumentFacts, corrections: Sequence[FactCorrection]
) -> DocumentFacts:
    """``facts`` with the corrections laid over them, in the order they were made."""
    if not corrections:
        return facts
    result = copy.deepcopy(facts)
    cards = {treaty_key(treaty): treaty for treaty in result.treaties}
    for correction in corrections:
        treaty = cards.get(correction.treaty)
        if treaty is not None:
            _apply(treaty, correction)
    return result


def _apply(treaty: TreatyFacts, correction: FactCorrection) -> None:
    field, action = correction.field, correction.action
    many = field in LIST_FIELDS
    if action == CONFIRM:
        treaty.confirmed.append(f"{field}:{correction.value}")
        return
    current = getattr(treaty, field)
    if many:
        values: list[str] = list(current)
        if action == DELETE:
            values = [v for v in values if v != correction.value]
        elif action == EDIT:
            values = [correction.new_value if v == correction.value else v for v in values]
        elif correction.new_value not in values:
            values.append(correction.new_value)
        setattr(treaty, field, values)
    elif action == DELETE:
        setattr(treaty, field, None)
    else:
        setattr(treaty, field, correction.new_value)
    if action == DELETE and not getattr(treaty, field):
        treaty.evidence.pop(field, None)
    if correction.evidence is not None:
        treaty.evidence.setdefault(field, []).append(correction.evidence)
    if field not in treaty.edited:
        treaty.edited.append(field)
