"""Search history and saved searches: an analyst's standing queries, kept between sessions.

History is the last ``MAX_HISTORY`` distinct queries, newest first. A saved search is a named
query with the time it was last opened; "new since then" counts the documents it matches that
changed on disk after that time (the index keeps each file's modification time), so a standing
query shows at a glance whether anything arrived. Both live in one small JSON file in the
configuration folder; a damaged file is set aside rather than stopping the application.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefreader.core.index.library_index import LibraryIndex, column_rows
from briefreader.core.search.fields import FilterSource
from briefreader.core.search.filtered_search import answer_filters
from briefreader.core.search.query import Query
from briefreader.core.storage.atomic import read_json_object, write_atomically

MAX_HISTORY = 100
log = logging.getLogger(__name__)


@dataclass
class SavedSearch:
    name: str
    query: str
    last_opened_ns: int = 0  # when the analyst last ran it (0: never)


@dataclass
class SearchBook:
    """The history and the saved searches, as stored."""

    history: list[str] = field(default_factory=list)
    saved: list[SavedSearch] = field(default_factory=list)

    # History ---------------------------------------------------------------------------
    def remember(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.insert(0, query)
        del self.history[MAX_HISTORY:]

    # Saved searches --------------------------------------------------------------------
    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save (or re-point) the search called ``name``; names are unique."""
        name, query = name.strip(), query.strip()
        if not name or not query:
            raise ValueError("a saved search needs a name and a query")
        existing = self.find(name)
        if existing is not None:
            existing.query = query
            return existing
        saved = SavedSearch(name, query, time.time_ns())
        self.saved.append(saved)
        return saved

    def find(self, name: str) -> SavedSearch | None:
        return next((s for s in self.saved if s.name == name), None)

    def delete(self, name: str) -> None:
        self.saved = [s for s in self.saved if s.name != name]

    def opened(self, name: str) -> None:
        saved = self.find(name)
        if saved is not None:
            saved.last_opened_ns = time.time_ns()

    # Storage ---------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> SearchBook:
        data = read_json_object(path, "search history")
        history = [q for q in _list(data.get("history")) if isinstance(q, str)][:MAX_HISTORY]
        saved = [
            SavedSearch(item["name"], item["query"], int(item.get("last_opened_ns") or 0))
            for item in _list(data.get("saved"))
            if isinstance(item, dict)
            and isinstance(item.get("name"), str)
            and isinstance(item.get("query"), str)
            and isinstance(item.get("last_opened_ns", 0), int)
        ]
        return cls(history=history, saved=saved)

    def save(self, path: Path) -> None:
        write_atomically(path, json.dumps(asdict(self), indent=2))


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def count_new(index: LibraryIndex, saved: SavedSearch, sources: Mapping[str, FilterSource]) -> int:
    """How many documents match ``saved`` that changed after it was last opened: the
    matches' modification times are read from the index's ``mtime`` column. Its filter
    clauses (``person:``, ``tag:``…) are answered by ``sources``, as in a search; an invalid
    query raises its ``QueryError``."""
    query = Query.parse(saved.query).checked()
    within = sorted(answer_filters(sources, query.clauses)) if query.clauses else None
    if within == []:
        return 0
    with index.searcher() as searcher:
        matched = sorted(searcher.docs_for_query(query.restricted_to(within)))
        rows = column_rows(searcher.reader(), ("mtime",), matched)
        return sum(1 for _docnum, values in rows if (values["mtime"] or 0) > saved.last_opened_ns)
