"""Entities computed once per document version (see ``core.analysis_cache``); thrown away when
the extraction rules, word lists or model change (``extractor_format()`` names all three),
since they change what would be found."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from briefreader.core.analysis_cache import AnalysisCache, rules_version
from briefreader.core.document import Document
from briefreader.core.entities.extract import Mention, extract_entities
from briefreader.core.entities.gazetteer import RESOURCES
from briefreader.core.entities.model import model_version

# Raise with every change to the extraction rules or the way they are combined.
RULES_VERSION = "entities-7"
WORD_LISTS = (RESOURCES,)


@lru_cache(maxsize=1)
def extractor_format() -> str:
    """Rules, word lists and model, named; asked for when first needed (naming the model
    loads it), never at import."""
    return rules_version(RULES_VERSION, WORD_LISTS, model_version())
ENTITY_CACHE = Path("analysis") / "entities"  # below the app-data folder


class EntityCache:
    def __init__(self, folder: Path) -> None:
        self._cache = AnalysisCache(folder, extractor_format(), "entity cache")

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
