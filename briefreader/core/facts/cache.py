"""Treaty facts computed once per document version, with its entities (``core.analysis_cache``),
so the facts panel opens at once. ``facts_format()`` names the rules' version, the word
lists' digest and the model, so entries made by other rules or another model are recomputed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from briefreader.core.entities import extract_entities
from briefreader.core.entities.cache import RULES_VERSION as ENTITY_RULES
from briefreader.core.entities.cache import WORD_LISTS
from briefreader.core.entities.model import model_version
from briefreader.core.facts.extract import document_facts
from briefreader.core.facts.model import DocumentFacts
from briefreader.core.storage.analysis_cache import AnalysisCache, rules_version, text_key
from briefreader.core.text.document import Document

# Raise with every change to the fact rules or the entity rules they read.
RULES_VERSION = "facts-8"  # 8: signers, place from the parse of the signing sentences


@lru_cache(maxsize=1)
def facts_format() -> str:
    """The cache key: the fact and entity rules' versions (facts read the entities), the
    word lists' digest and the model whose parse the facts read (named from its metadata,
    without loading it); worked out when first needed (the digest reads every word list),
    never at import."""
    return rules_version(f"{RULES_VERSION}+{ENTITY_RULES}", WORD_LISTS, model_version())


class FactsCache:
    def __init__(self, folder: Path) -> None:
        self._cache = AnalysisCache(folder, facts_format(), "facts cache")

    def facts(self, document: Document) -> DocumentFacts:
        """The document's facts, read from the rules' entities: with the model's, the facts
        scored lower on both halves of the evaluation texts (0.854 and 0.510 against 0.884
        and 0.526), since the fact rules were built on the rules' mentions."""
        key = text_key(document.text)
        stored = self._cache.load(key)
        if stored is not None:
            try:
                return DocumentFacts.from_json(stored)
            except (TypeError, KeyError, ValueError):
                pass  # a damaged entry is recomputed
        facts = document_facts(document, extract_entities(document.text, model=False))
        self._cache.store(key, facts.as_json(""))
        return facts
