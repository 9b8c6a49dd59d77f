"""Entities computed once per document version (see ``core.analysis_cache``); thrown away when
the extraction rules, word lists or model change (``extractor_format()`` names all three),
since they change what would be found."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from briefreader.core.entities.extract import Mention, extract_entities
from briefreader.core.entities.gazetteer import RESOURCES
from briefreader.core.entities.model import model_version
from briefreader.core.storage.analysis_cache import AnalysisCache, rules_version, text_key
from briefreader.core.text.document import Document

# Raise with every change to the extraction rules or the way they are combined.
RULES_VERSION = "entities-10"  # 10: hyphenated given names; no function word in a name
WORD_LISTS = (RESOURCES,)


@lru_cache(maxsize=1)
def extractor_format() -> str:
    """Rules, word lists and model, named; asked for when first needed (naming the model
    loads it), never at import."""
    return rules_version(RULES_VERSION, WORD_LISTS, model_version())


# A document longer than this, opened before its turn, first shows the entities of the part
# the reader opens at (a model reads about 50 KB a second), then all of them.
FIRST_PART = 30_000


def first_part_mentions(document: Document, around: int = 0) -> list[Mention]:
    """The mentions of about ``FIRST_PART`` characters of the text from a line break
    before ``around`` (where the reader opens): what the analyst sees first. Each is a
    range of the whole text; a name cut by the edges is not among them."""
    text = document.text
    start = text.rfind("\n", 0, max(0, around - FIRST_PART // 4)) + 1
    end = text.find("\n", min(len(text), start + FIRST_PART))
    end = len(text) if end < 0 else end
    return [
        replace(m, start=m.start + start, end=m.end + start)
        for m in extract_entities(text[start:end])
    ]


class EntityCache:
    def __init__(self, folder: Path) -> None:
        self._cache = AnalysisCache(folder, extractor_format(), "entity cache")

    def cached(self, document: Document) -> list[Mention] | None:
        """The stored mentions of this version, or ``None`` when they are still to find."""
        stored = self._cache.load(text_key(document.text))
        if stored is not None and isinstance(stored.get("mentions"), list):
            try:
                return [Mention(**item) for item in stored["mentions"]]
            except TypeError:
                pass  # a damaged entry is recomputed
        return None

    def mentions(self, document: Document) -> list[Mention]:
        stored = self.cached(document)
        if stored is not None:
            return stored
        mentions = extract_entities(document.text)
        self._cache.store(text_key(document.text), {"mentions": [m.as_json() for m in mentions]})
        return mentions
