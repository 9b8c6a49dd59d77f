"""The one way BriefReader opens its SQLite files (notes, corrections, the entity index).

WAL mode and a busy timeout let two windows or commands read and write at once; a change is
one transaction (``BEGIN IMMEDIATE``, so two writers queue rather than fail or lose one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 30.0


class SqliteFile:
    def __init__(self, path: Path, schema: str = "") -> None:
        """Open (create) the file; ``schema`` is idempotent DDL (``CREATE … IF NOT EXISTS``)."""
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if schema:
            with self._connect() as connection:
                connection.executescript(schema)  # commits on its own

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One change, all or nothing."""
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
