"""Entities computed once per document version: cached as JSON by the text's content hash.

A cache, not user data: rebuildable at any time, and thrown away when ``EXTRACTOR_FORMAT``
changes (a new gazetteer or rule changes what would be found). Opening a document reads the
cached mentions instead of extracting again.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from briefreader.core.atomic import read_json_object, write_atomically
from briefreader.core.document import Document
from briefreader.core.entities.extract import Mention, extract_entities

EXTRACTOR_FORMAT = 1
ENTITY_CACHE = Path("analysis") / "entities"  # below the app-data folder


class EntityCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.json"

    def mentions(self, document: Document) -> list[Mention]:
        sha = document.metadata.sha256
        if not sha:
            return extract_entities(document.text)
        stored = read_json_object(self._file(sha), "entity cache")
        if stored.get("format") == EXTRACTOR_FORMAT and isinstance(stored.get("mentions"), list):
            try:
                return [Mention(**item) for item in stored["mentions"]]
            except TypeError:
                pass  # a damaged entry is recomputed
        mentions = extract_entities(document.text)
        payload = {"format": EXTRACTOR_FORMAT, "mentions": [m.as_json() for m in mentions]}
        # A read-only or full disk costs the cache entry only: the mentions are still returned.
        with contextlib.suppress(OSError):
            write_atomically(self._file(sha), json.dumps(payload, ensure_ascii=False))
        return mentions
