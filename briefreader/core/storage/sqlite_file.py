"""The one way BriefReader opens its SQLite files (notes, corrections, the entity index).

WAL mode and a busy timeout let two windows or commands read and write at once; a change is
one transaction (``BEGIN IMMEDIATE``, so two writers queue rather than fail or lose one).

First use is a race too: several commands starting on a new data folder all find an empty
file. The schema is therefore made inside one ``BEGIN IMMEDIATE`` transaction whose first step
reads what is there (``CREATE … IF NOT EXISTS``, ``PRAGMA user_version`` read in the same
transaction), so the second process waits for the first and then finds the tables made.

A damaged file (truncated, overwritten, "not a database", "malformed") is never written into:
it is found when the file is opened (``PRAGMA quick_check``, a fraction of a second even for a
hundred megabytes) or by the first statement it breaks, moved aside as
``<name>.damaged-<timestamp>`` (its ``-wal`` and ``-shm`` with it, under names SQLite pairs with
the copy), reported in one line in the log and to whoever listens (the CLI prints it on
stderr, the window in its status bar), and a fresh file is started.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from briefreader.core.errors import BriefReaderError

BUSY_TIMEOUT_SECONDS = 30.0
# SQLite's codes for a file that is not (or no longer) a sound database.
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
log = logging.getLogger(__name__)

DamageListener = Callable[[str], None]
_listeners: list[DamageListener] = []
_listeners_lock = threading.Lock()


class StoreDamagedError(BriefReaderError):
    """A file was found damaged while in use; it was set aside and a fresh one started, and
    the change asked for was not made (the message says so)."""


def listen_for_damage(listener: DamageListener) -> Callable[[], None]:
    """Call ``listener`` with the one-line report whenever a damaged file is set aside (from
    any thread); returns the function that stops it."""
    with _listeners_lock:
        _listeners.append(listener)

    def stop() -> None:
        with _listeners_lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return stop


def is_damage(exc: BaseException) -> bool:
    """Whether an SQLite error means the file itself is broken (not busy, not read-only)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # raised by Python's module itself, not by SQLite
        return False
    return (int(code) & 0xFF) in _DAMAGE_CODES


def _busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (int(code) & 0xFF) in _BUSY_CODES


class SqliteFile:
    # What the file is, for the one-line report about damage ("the notes file … was damaged").
    what = "database"

    def __init__(self, path: Path, schema: str = "") -> None:
        """Open (create) the file; ``schema`` is idempotent DDL (``CREATE … IF NOT EXISTS``)."""
        self.path = path
        self._schema = schema
        self.recovered_from: Path | None = None  # the damaged copy set aside, if one was
        path.parent.mkdir(parents=True, exist_ok=True)
        self._open()

    # Opening -----------------------------------------------------------------------------
    def _open(self) -> None:
        """Check the file and make its schema, starting afresh once if it is damaged."""
        for attempt in range(2):
            inode = self._inode()
            try:
                with self._raw_connection() as connection:
                    inode = self._inode()
                    reason = self._damage_found(connection)
                    if reason is None:
                        connection.execute("BEGIN IMMEDIATE")
                        try:
                            self._prepare(connection)
                        except BaseException:
                            with contextlib.suppress(sqlite3.Error):
                                connection.execute("ROLLBACK")
                            raise
                        connection.execute("COMMIT")
                        return
            except sqlite3.DatabaseError as exc:
                if attempt or not is_damage(exc):
                    raise
                reason = str(exc)
            if attempt:
                raise StoreDamagedError(f"the {self.what} {self.path} is damaged ({reason})")
            self._set_aside(reason, inode)

    def _damage_found(self, connection: sqlite3.Connection) -> str | None:
        """What is wrong with the file, or None; damage SQLite reports by raising is raised."""
        rows = connection.execute("PRAGMA quick_check(1)").fetchall()
        if rows == [("ok",)]:
            return None
        return str(rows[0][0]) if rows else "no answer to an integrity check"

    @staticmethod
    def _one_line(reason: str) -> str:
        """SQLite's report as one short line (quick_check's spans several)."""
        words = " ".join(reason.replace("*** in database main ***", " ").split())
        return words if len(words) <= 160 else words[:159] + "…"

    def _prepare(self, connection: sqlite3.Connection) -> None:
        """Make the schema, inside the opening transaction (subclasses migrate here)."""
        for statement in self._schema.split(";"):
            if statement.strip():
                connection.execute(statement)

    def _inode(self) -> int | None:
        try:
            return os.stat(self.path).st_ino
        except OSError:
            return None

    def _set_aside(self, reason: str, inode: int | None) -> None:
        """Move the damaged file out of the way (unless another process already did and
        started the file there now) and report it in one line."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while backup.exists():
            number += 1
            backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        if inode is not None and self._inode() != inode:
            return  # replaced meanwhile: another process set it aside and started afresh
        try:
            os.rename(self.path, backup)
        except FileNotFoundError:
            return
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.rename(f"{self.path}{suffix}", f"{backup}{suffix}")
        self.recovered_from = backup
        message = (
            f"the {self.what} {self.path} was damaged ({self._one_line(reason)}); it was kept as "
            f"{backup.name} and a new one started"
        )
        log.warning("%s", message)
        with _listeners_lock:
            listeners = list(_listeners)
        for listener in listeners:
            listener(message)

    @contextmanager
    def _raw_connection(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
            self._use_wal(connection)
            yield connection
        finally:
            connection.close()

    @staticmethod
    def _use_wal(connection: sqlite3.Connection) -> None:
        """WAL mode, waiting out the moment another process converts a new file to it (the
        switch can report "database is locked" without waiting on the busy timeout)."""
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        while True:
            try:
                if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    connection.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    # Using -------------------------------------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for reading or one statement; damage found on the way sets the file
        aside, starts a fresh one and raises ``StoreDamagedError`` (nothing was changed)."""
        inode = self._inode()
        try:
            with self._raw_connection() as connection:
                yield connection
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            self._set_aside(str(exc), inode)
            self._open()
            raise StoreDamagedError(
                f"the {self.what} {self.path} was damaged ({self._one_line(str(exc))}); it was set "
                "aside and a new one started: nothing was changed, try again"
            ) from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One change, all or nothing."""
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # closing rolls back anyway
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
