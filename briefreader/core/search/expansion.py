"""Wildcard, prefix and fuzzy terms matched as one list of documents.

Whoosh matches ``*ment*`` as an OR of every word it expands to: thousands of term matchers
merged document by document in Python, about a second per wildcard at 3,000 documents. These
terms score every match alike anyway (constant score), so the documents of all expansions
are read once into one sorted list instead. What each expansion stands for in the text is
found by ``expanded_words`` for highlighting, since one list matcher reports no terms.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Collection, Iterator
from typing import Any

from whoosh import matching
from whoosh.query import FuzzyTerm, MultiTerm, Not, Prefix, Query, Wildcard
from whoosh.query.compound import AndNot


class _UnionMatcher(matching.ListMatcher):  # type: ignore[misc]  # Whoosh is untyped
    """A sorted document list whose ``skip_to`` bisects instead of stepping."""

    def skip_to(self, id: int) -> None:  # Whoosh's parameter name
        if not self.is_active():
            raise matching.ReadTooFar
        if id > self.id():
            position: int = self._i  # type: ignore[has-type]
            self._i = bisect_left(self._ids, id, position)


class _UnionOfExpansions:
    """Mixin for a ``MultiTerm``: a constant-score union of its expansions' documents.

    The expansions are looked up once per segment: a search asks for them to check their
    number, to order an OR, to match each segment and to highlight, and each look-up scans
    the field's vocabulary (Whoosh merges the segments' vocabularies word by word).
    """

    def _btexts(self, reader: Any) -> list[bytes]:
        cache: dict[int, tuple[Any, list[bytes]]] = self.__dict__.setdefault("_expansions", {})
        kept = cache.get(id(reader))
        if kept is None or kept[0] is not reader:
            segments = getattr(reader, "readers", None)
            if segments:  # a multi-segment reader merges vocabularies slowly, word by word
                words = sorted(set().union(*(self._btexts(segment) for segment in segments)))
            elif isinstance(self, Wildcard) and not self._find_prefix(self.text):
                pattern = re.compile(self._get_pattern())
                vocabulary = _vocabulary(reader, self.fieldname)
                words = [word for text, word in vocabulary if pattern.match(text)]
            else:
                words = list(super()._btexts(reader))  # type: ignore[misc]
            kept = (reader, words)
            cache[id(reader)] = kept
        return kept[1]

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if not self.constantscore:  # type: ignore[attr-defined]
            return super().matcher(searcher, context)  # type: ignore[misc]
        reader = searcher.reader()
        fieldname = self.field()  # type: ignore[attr-defined]
        documents: set[int] = set()
        for word in self._btexts(reader):
            if word:
                documents.update(reader.postings(fieldname, word).all_ids())
        if not documents:
            return matching.NullMatcher()
        return _UnionMatcher(sorted(documents), all_weights=self.boost)  # type: ignore[attr-defined]


_VOCABULARIES: OrderedDict[tuple[str, str], list[tuple[str, bytes]]] = OrderedDict()
_KEPT_VOCABULARIES = 8  # a few segments' fields, so memory stays bounded


def _vocabulary(reader: Any, fieldname: str) -> list[tuple[str, bytes]]:
    """A segment's words in ``fieldname``, kept between searches: a wildcard that starts with
    ``*`` must test every word, and a segment's vocabulary never changes."""
    segment = getattr(reader, "segment", None)
    key = (segment().segment_id(), fieldname) if segment is not None else None
    if key is not None and key in _VOCABULARIES:
        _VOCABULARIES.move_to_end(key)
        return _VOCABULARIES[key]
    words = [(word.decode("utf-8", "replace"), word) for word in reader.lexicon(fieldname)]
    if key is not None:
        _VOCABULARIES[key] = words
        while len(_VOCABULARIES) > _KEPT_VOCABULARIES:
            _VOCABULARIES.popitem(last=False)
    return words


class UnionWildcard(_UnionOfExpansions, Wildcard):  # type: ignore[misc]
    pass


class UnionPrefix(_UnionOfExpansions, Prefix):  # type: ignore[misc]
    pass


class UnionFuzzy(_UnionOfExpansions, FuzzyTerm):  # type: ignore[misc]
    pass


def with_union_matchers(query: Query) -> Query:
    """``query`` with its wildcard, prefix and fuzzy terms swapped for the union kind."""

    def swap(part: Query) -> Query:
        if isinstance(part, _UnionOfExpansions):
            return part
        if type(part) is Wildcard:
            return UnionWildcard(part.fieldname, part.text, part.boost, part.constantscore)
        if type(part) is Prefix:
            return UnionPrefix(part.fieldname, part.text, part.boost, part.constantscore)
        if type(part) is FuzzyTerm:
            return UnionFuzzy(
                part.fieldname, part.text, part.boost, part.maxdist, part.prefixlength,
                part.constantscore,
            )  # fmt: skip
        return part

    return query.accept(swap)


def expanded_words(query: Query, reader: Any, fields: Collection[str]) -> frozenset[str]:
    """Every word the query's wildcard, prefix and fuzzy terms in ``fields`` stand for,
    outside NOT: the words to highlight where they occur."""
    return frozenset(
        word.decode("utf-8") if isinstance(word, bytes) else str(word)
        for part in _highlighted_multiterms(query)
        if part.fieldname in fields
        for word in part._btexts(reader)
    )


def _highlighted_multiterms(query: Query) -> Iterator[MultiTerm]:
    if isinstance(query, Not):
        return
    if isinstance(query, AndNot):
        yield from _highlighted_multiterms(query.a)
        return
    if isinstance(query, MultiTerm):
        yield query
        return
    for child in query.children():
        yield from _highlighted_multiterms(child)
