"""Phrase queries whose cost is linear in the positions of their words.

Whoosh matches a phrase with a span matcher that builds a ``Span`` object per position of each
word and compares neighbours in Python; on a document made of the phrase's words repeated
hundreds of thousands of times that takes seconds per query. An exact phrase (no slop) is an
intersection of shifted position sets, which is what this matcher computes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

from whoosh import matching
from whoosh.query import Phrase, SpanNear2, Term
from whoosh.query.spans import Span


class AdjacentPhrase(Phrase):  # type: ignore[misc]  # Whoosh is untyped
    """``Phrase`` with a set-intersection matcher when its words must be adjacent."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)  # Whoosh's own error message
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                word_bytes = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, word_bytes) not in reader:
                return matching.NullMatcher()
            terms.append(Term(fieldname, word_bytes))
        near = SpanNear2(terms, slop=1, ordered=True, mindist=1)
        matchers = [term.matcher(searcher, context) for term in near.qs]
        found = _AdjacentMatcher(
            [term.text for term in terms], matchers, slop=1, ordered=True, mindist=1
        )
        if self.boost != 1.0:
            return matching.WrappingMatcher(found, boost=self.boost)
        return found


class _AdjacentMatcher(SpanNear2.SpanNear2Matcher):  # type: ignore[misc]
    """Spans where word ``i`` sits at position ``start + i`` for every word of the phrase.

    The words are given, not asked of the matchers: in a segment with deleted documents
    Whoosh wraps each word's matcher in a filter that does not say its term."""

    def __init__(self, words: list[bytes], matchers: list[Any], **options: Any) -> None:
        self._words = words  # before the parent's constructor looks for the first match
        super().__init__(matchers, **options)

    def copy(self) -> _AdjacentMatcher:
        return _AdjacentMatcher(
            self._words, [m.copy() for m in self.ms], slop=self.slop, ordered=self.ordered,
            mindist=self.mindist,
        )  # fmt: skip

    def _get_spans(self) -> Sequence[Span]:
        starts: set[int] | None = None
        positions: dict[bytes, list[int]] = {}  # a repeated word is decoded once
        for offset, word_matcher in enumerate(self.ms):
            word = self._words[offset]
            if word not in positions:
                positions[word] = word_matcher.value_as("positions")
            shifted = {position - offset for position in positions[word]}
            starts = shifted if starts is None else starts & shifted
            if not starts:
                return ()
        return _LazySpans(starts or set(), len(self.ms) - 1)


class _LazySpans(Sequence[Span]):
    """The phrase's spans in one document, made only if asked for: matching needs to know
    that there is one, and highlighting is done by the reader from the canonical text."""

    def __init__(self, starts: set[int], length: int) -> None:
        self._starts = starts
        self._length = length
        self._spans: list[Span] | None = None

    def _made(self) -> list[Span]:
        if self._spans is None:
            self._spans = [Span(s, s + self._length) for s in sorted(self._starts)]
        return self._spans

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Span: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Span]: ...
    def __getitem__(self, index: int | slice) -> Span | Sequence[Span]:
        return self._made()[index]
