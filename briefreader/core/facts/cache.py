"""Treaty facts computed once per document version, with its entities (``core.analysis_cache``),
so the facts panel opens at once. ``FACTS_FORMAT`` is a digest of the rules and word lists,
so entries made by other rules are recomputed."""

from __future__ import annotations

from pathlib import Path

from briefreader.core.analysis_cache import AnalysisCache, rules_version
from briefreader.core.document import Document
from briefreader.core.entities import Mention
from briefreader.core.entities.cache import RULES as ENTITY_RULES
from briefreader.core.facts.extract import document_facts
from briefreader.core.facts.model import DocumentFacts

FACTS_FORMAT = rules_version((Path(__file__).parent, *ENTITY_RULES))
FACTS_CACHE = Path("analysis") / "facts"  # below the app-data folder


class FactsCache:
    def __init__(self, folder: Path) -> None:
        self._cache = AnalysisCache(folder, FACTS_FORMAT, "facts cache")

    def facts(self, document: Document, mentions: list[Mention]) -> DocumentFacts:
        sha = document.metadata.sha256
        stored = self._cache.load(sha)
        if stored is not None:
            try:
                return DocumentFacts.from_json(stored)
            except (TypeError, KeyError, ValueError):
                pass  # a damaged entry is recomputed
        facts = document_facts(document, mentions)
        self._cache.store(sha, facts.as_json(""))
        return facts
