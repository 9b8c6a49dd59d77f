"""Entities computed once per document version (see ``core.analysis_cache``); thrown away when
the extraction rules or word lists change (``EXTRACTOR_FORMAT`` is their digest), since they
change what would be found."""

from __future__ import annotations

from pathlib import Path

from briefreader.core.analysis_cache import AnalysisCache, rules_version
from briefreader.core.document import Document
from briefreader.core.entities.extract import Mention, extract_entities
from briefreader.core.entities.gazetteer import RESOURCES

RULES = (Path(__file__).parent, RESOURCES)
EXTRACTOR_FORMAT = rules_version(RULES)
ENTITY_CACHE = Path("analysis") / "entities"  # below the app-data folder


class EntityCache:
    def __init__(self, folder: Path) -> None:
        self._cache = AnalysisCache(folder, EXTRACTOR_FORMAT, "entity cache")

    def mentions(self, document: Document) -> list[Mention]:
        sha = document.metadata.sha256
        stored = self._cache.load(sha)
        if stored is not None and isinstance(stored.get("mentions"), list):
            try:
                return [Mention(**item) for item in stored["mentions"]]
            except TypeError:
                pass  # a damaged entry is recomputed
        mentions = extract_entities(document.text)
        self._cache.store(sha, {"mentions": [m.as_json() for m in mentions]})
        return mentions
