"""Which documents name which entities, across the library: the entity search fields
(``person:``, ``org:``, ``place:``, ``treaty:``), the entity page and entity facets.

A cache in one SQLite file below the app-data folder, keyed like the per-document cache by
the text's content hash and the extraction rules' digest: a document edited, or rules changed,
simply has no rows until it is analysed again. One row per document and entity holds its
label, canonical name, the ways the text wrote it, the mention count and the first mention's
range (for a snippet and to open the document there).
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from briefreader.core.entities.cache import EntityCache, extractor_format
from briefreader.core.entities.corrections import Correction, apply_corrections
from briefreader.core.entities.extract import Mention
from briefreader.core.errors import LoadError
from briefreader.core.loaders import TEXT_VERSION, load_document
from briefreader.core.storage.sqlite_file import SqliteFile
from briefreader.core.text.document import Document

ALIAS_SEPARATOR = "\x1f"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS analysed (sha256 TEXT PRIMARY KEY, rules TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS named (
    sha256 TEXT NOT NULL,
    label TEXT NOT NULL,
    entity TEXT NOT NULL,
    aliases TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    first_end INTEGER NOT NULL,
    PRIMARY KEY (sha256, label, entity)
);
CREATE INDEX IF NOT EXISTS named_entity ON named(label, entity);
CREATE TABLE IF NOT EXISTS treaties (
    sha256 TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    parties TEXT NOT NULL,
    signed_date TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (sha256, position)
);
"""
SCHEMA_VERSION = 2  # part of every row's rules: rows of an older layout are made again


@dataclass(frozen=True)
class TreatySummary:
    """An agreement a document reports on, as the Treaties view lists it."""

    name: str  # its title, or what the text calls it
    parties: tuple[str, ...] = ()
    signed_date: str = ""
    status: str = ""


@dataclass(frozen=True)
class DocumentAnalysis:
    """What the library index keeps of one document version."""

    sha256: str
    mentions: list[Mention]
    treaties: list[TreatySummary] = field(default_factory=list)


@dataclass(frozen=True)
class EntityInDocument:
    sha256: str
    label: str
    entity: str
    mentions: int
    first: tuple[int, int]


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


class EntityIndex(SqliteFile):
    """``rules`` names what the rows were made with: the extraction rules' digest, plus the
    analyst's corrections' version when they are laid over (see ``corrections``), and the
    loaders' ``TEXT_VERSION`` (rows are keyed by the file's hash, not its text's)."""

    what = "entity index"  # a cache: a fresh one fills again as documents are analysed

    def __init__(self, path: Path, rules: str | None = None) -> None:
        super().__init__(path, _SCHEMA)
        self.rules = f"{rules or extractor_format()}/{SCHEMA_VERSION}/{TEXT_VERSION}"
        with self._transaction() as connection:
            stale = connection.execute(
                "SELECT sha256 FROM analysed WHERE rules != ?", (self.rules,)
            ).fetchall()
            for (sha,) in stale:  # made by other rules: analysed again when their turn comes
                self._forget(connection, sha)

    @staticmethod
    def _forget(connection: sqlite3.Connection, sha256: str) -> None:
        connection.execute("DELETE FROM named WHERE sha256 = ?", (sha256,))
        connection.execute("DELETE FROM treaties WHERE sha256 = ?", (sha256,))
        connection.execute("DELETE FROM analysed WHERE sha256 = ?", (sha256,))

    # Writing ---------------------------------------------------------------------------
    def add(
        self,
        sha256: str,
        mentions: Sequence[Mention],
        treaties: Sequence[TreatySummary] = (),
    ) -> None:
        """Record one document version's entities and agreements (replacing what was there)."""
        grouped: dict[tuple[str, str], list[Mention]] = {}
        for mention in mentions:
            grouped.setdefault((mention.label, mention.entity), []).append(mention)
        rows = []
        for (label, entity), its in grouped.items():
            aliases = sorted({_folded(m.text) for m in its} | {_folded(entity)})
            first = min(its, key=lambda m: m.start)
            rows.append(
                (sha256, label, entity, ALIAS_SEPARATOR.join(aliases), len(its),
                 first.start, first.end)
            )  # fmt: skip
        with self._transaction() as connection:
            self._forget(connection, sha256)
            connection.executemany("INSERT INTO named VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            connection.executemany(
                "INSERT INTO treaties VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (sha256, n, t.name, ALIAS_SEPARATOR.join(t.parties), t.signed_date, t.status)
                    for n, t in enumerate(treaties)
                ],
            )
            connection.execute("INSERT INTO analysed VALUES (?, ?)", (sha256, self.rules))

    # Reading ---------------------------------------------------------------------------
    def analysed(self) -> set[str]:
        with self._connect() as connection:
            return {str(row[0]) for row in connection.execute("SELECT sha256 FROM analysed")}

    def documents_naming(self, labels: Iterable[str], words: str) -> dict[str, tuple[int, int]]:
        """Documents (by hash) with an entity of ``labels`` whose name or one of whose written
        forms holds every word of ``words``, each with that entity's first mention."""
        wanted = _folded(words).split()
        label_list = list(labels)
        if not wanted or not label_list:
            return {}
        marks = ", ".join("?" for _ in label_list)
        like = " AND ".join("aliases LIKE ? ESCAPE '\\'" for _ in wanted)
        args = [*label_list, *(f"%{_like_escape(word)}%" for word in wanted)]
        found: dict[str, tuple[int, int]] = {}
        with self._connect() as connection:
            rows = connection.execute(
                f"SELECT sha256, first_start, first_end, aliases FROM named "
                f"WHERE label IN ({marks}) AND {like} ORDER BY mentions DESC",
                args,
            ).fetchall()
        for sha, start, end, aliases in rows:
            if _one_alias_holds_all(str(aliases), wanted):
                found.setdefault(str(sha), (int(start), int(end)))
        return found

    def documents_of(self, label: str, entity: str) -> list[EntityInDocument]:
        """Every document version that names this entity, most mentions first."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT sha256, mentions, first_start, first_end FROM named "
                "WHERE label = ? AND entity = ? ORDER BY mentions DESC",
                (label, entity),
            ).fetchall()
        return [
            EntityInDocument(str(sha), label, entity, int(count), (int(start), int(end)))
            for sha, count, start, end in rows
        ]

    def treaties(self) -> list[tuple[str, TreatySummary]]:
        """``(document hash, agreement)`` for every agreement of every analysed document."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT sha256, name, parties, signed_date, status FROM treaties "
                "ORDER BY sha256, position"
            ).fetchall()
        return [
            (str(sha), TreatySummary(str(name), tuple(p for p in str(parties).split(
                ALIAS_SEPARATOR) if p), str(date), str(status)))
            for sha, name, parties, date, status in rows
        ]  # fmt: skip

    def most_named(
        self, hashes: Iterable[str], labels: Sequence[str], limit: int = 8
    ) -> list[tuple[str, str, int]]:
        """``(label, entity, documents)`` most often named among ``hashes``: entity facets."""
        with self._connect() as connection:
            connection.execute("CREATE TEMP TABLE wanted (sha256 TEXT PRIMARY KEY)")
            connection.executemany(
                "INSERT OR IGNORE INTO wanted VALUES (?)", ((sha,) for sha in hashes)
            )
            marks = ", ".join("?" for _ in labels)
            rows = connection.execute(
                f"SELECT label, entity, COUNT(*) AS documents FROM named "
                f"JOIN wanted USING (sha256) WHERE label IN ({marks}) "
                "GROUP BY label, entity ORDER BY documents DESC, entity LIMIT ?",
                (*labels, limit),
            ).fetchall()
        return [(str(label), str(entity), int(count)) for label, entity, count in rows]


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _one_alias_holds_all(aliases: str, words: list[str]) -> bool:
    """Every word must begin a word of one written form ("vlad put" finds "vladimir putin";
    "iran" does not find "tirana"), not be spread over two forms."""
    for alias in aliases.split(ALIAS_SEPARATOR):
        alias_words = [*alias.replace(".", " ").split(), alias]
        if all(any(a.startswith(w) for a in alias_words) for w in words):
            return True
    return False


# Below this many documents the analysis runs in the calling thread: starting processes and
# loading the model in each costs about two seconds.
PARALLEL_FROM = 40


def analyse_library(
    hashes: dict[str, str],
    index: EntityIndex,
    analyse: Callable[[Path], DocumentAnalysis | None],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int = 1,
) -> int:
    """Analyse every listed document (path → hash) the entity index lacks; how many were.

    ``analyse`` loads a file and returns what to keep of it (None when it can no longer be
    read); a file changed since it was indexed is recorded under its new hash. With
    ``workers`` above one and enough documents, ``analyse`` (which must then pickle) runs in
    that many processes, since the model's analysis holds the GIL; the index is written
    here, by this thread alone, in the order the documents were listed.
    """
    done = index.analysed()
    todo = sorted({sha: path for path, sha in hashes.items() if sha not in done}.items())
    paths = [Path(path) for _sha, path in todo]
    results: Iterator[DocumentAnalysis | None]
    pool: ProcessPoolExecutor | None = None
    if workers > 1 and len(paths) >= PARALLEL_FROM:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        results = pool.map(analyse, paths, chunksize=4)
    else:
        results = map(analyse, paths)
    try:
        for number, path in enumerate(paths):
            if cancelled():
                break
            if progress is not None:
                progress(number, len(paths), path.name)
            found = next(results)
            if found is not None:
                index.add(found.sha256, found.mentions, found.treaties)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    if progress is not None:
        progress(len(paths), len(paths), "")
    return len(paths)


Summarise = Callable[[Document, list[Mention]], list[TreatySummary]]


@dataclass(frozen=True)
class LibraryReader:
    """``analyse_library``'s reader: the file loaded, its mentions from (or into) ``cache``
    with the analyst's ``corrections`` laid over them, and its agreements from ``treaties``
    (given the extracted mentions). An object of plain parts, so it pickles into workers."""

    cache: EntityCache
    corrections: tuple[Correction, ...] = ()
    treaties: Summarise | None = None

    def __call__(self, path: Path) -> DocumentAnalysis | None:
        try:
            document = load_document(path)
        except LoadError:
            return None
        sha = document.metadata.sha256
        raw = self.cache.mentions(document)
        mentions = (
            apply_corrections(document.text, raw, self.corrections, sha)
            if self.corrections
            else raw
        )
        summaries = self.treaties(document, raw) if self.treaties is not None else []
        return DocumentAnalysis(sha, mentions, summaries)


def mentions_from(
    cache: EntityCache, corrections: Sequence[Correction] = (), treaties: Summarise | None = None
) -> Callable[[Path], DocumentAnalysis | None]:
    return LibraryReader(cache, tuple(corrections), treaties)
