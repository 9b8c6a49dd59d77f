"""Where a query's hits are in a document's canonical text.

A ``HitPattern`` is what a matching document shows of a query: single terms (including the
expansions of wildcards and fuzzy terms) and phrases, all in the index's analysed form. A phrase
is one hit covering its words, and its words are not highlighted on their own elsewhere, so
``"Mutual Defense Treaty"`` marks that phrase and not every "treaty".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache

from whoosh.analysis.tokenizers import default_pattern
from whoosh.query import AndNot, MultiTerm, Not, Phrase, Prefix, Query, Term, Wildcard

from briefreader.core.index.schema import ANALYZER
from briefreader.core.text.document import Span

HIGHLIGHTED_FIELDS = ("title", "body")


@dataclass(frozen=True)
class PhrasePattern:
    """A phrase's analysed words; ``slop`` is the largest step between consecutive words
    (1: adjacent), counted in indexed words, as Whoosh counts them."""

    words: tuple[str, ...]
    slop: int = 1


@dataclass(frozen=True)
class HitPattern:
    terms: frozenset[str] = frozenset()
    phrases: tuple[PhrasePattern, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


def pattern_for(
    query: Query, matched_terms: Iterable[tuple[str, object]], expanded: Iterable[str] = ()
) -> HitPattern:
    """The pattern of one matching document: its matched terms, with phrase-only words removed.

    ``matched_terms`` are Whoosh's ``(field, term)`` pairs for the document (they include what
    wildcards and fuzzy terms expanded to). Nothing under a NOT (or the right side of ANDNOT)
    is highlighted; a word matched by a stand-alone term or a wildcard is highlighted even if a
    phrase also contains it. ``expanded`` are the words wildcard, prefix and fuzzy terms stand
    for (``core.expansion.expanded_words``): their matcher reports no terms of its own.
    """
    phrases: set[PhrasePattern] = set()
    standalone: list[Callable[[str], bool]] = []
    _collect(query, phrases, standalone)
    matched = {
        term.decode("utf-8") if isinstance(term, bytes) else str(term)
        for fieldname, term in matched_terms
        if fieldname in HIGHLIGHTED_FIELDS
    }
    phrase_words = {word for phrase in phrases for word in phrase.words}
    terms = {
        term
        for term in matched
        if term not in phrase_words or any(accepts(term) for accepts in standalone)
    }
    terms.update(expanded)
    return HitPattern(frozenset(terms), tuple(sorted(phrases, key=lambda p: (p.words, p.slop))))


def positive_terms(query: Query) -> list[tuple[str, object]]:
    """The ``(field, term)`` pairs of a query outside its NOT parts: what a matching document
    may hold. A result list builds each hit's pattern from these rather than having Whoosh
    record the terms of every match (a loop over the query's terms per matching document);
    a term the document lacks simply finds nothing in it."""
    if isinstance(query, Not):
        return []
    if isinstance(query, AndNot):
        return positive_terms(query.a)
    if isinstance(query, Term):
        return [(str(query.fieldname), query.text)]
    return [pair for child in query.children() for pair in positive_terms(child)]


def _collect(
    query: Query, phrases: set[PhrasePattern], standalone: list[Callable[[str], bool]]
) -> None:
    if isinstance(query, Not):
        return
    if isinstance(query, AndNot):
        _collect(query.a, phrases, standalone)
        return
    if isinstance(query, Phrase):
        if query.fieldname in HIGHLIGHTED_FIELDS and query.words:
            words = tuple(str(word) for word in query.words)
            phrases.add(PhrasePattern(words, max(int(query.slop or 1), 1)))
        return
    if isinstance(query, Term):
        text = str(query.text)
        standalone.append(lambda term: term == text)
        return
    if isinstance(query, Prefix):
        prefix = str(query.text)
        standalone.append(lambda term: term.startswith(prefix))
        return
    if isinstance(query, Wildcard):
        pattern = str(query.text)
        standalone.append(lambda term: fnmatchcase(term, pattern))
        return
    if isinstance(query, MultiTerm):  # fuzzy terms and the like: any expansion counts
        standalone.append(lambda term: True)
        return
    for child in query.children():
        _collect(child, phrases, standalone)


def pattern_spans(text: str, pattern: HitPattern) -> list[Span]:
    """Hit ranges of ``pattern`` in ``text``, in order; overlapping hits are merged.

    Words are found with the index tokenizer's own pattern and each distinct word is analysed
    once (cached): the same answer as the analyser chain, several times faster on long texts.
    Stop words produce no token, as in the index, so phrases match across them.
    """
    if not pattern:
        return []
    tokens = [
        (match.start(), match.end(), forms)
        for match in default_pattern.finditer(text)
        if (forms := _analysed(match.group()))
    ]
    spans = [
        Span(start, end) for start, end, forms in tokens if not pattern.terms.isdisjoint(forms)
    ]
    for phrase in pattern.phrases:
        spans.extend(_phrase_spans(tokens, phrase))
    spans.sort(key=lambda span: (span.start, -span.end))
    merged: list[Span] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.kind)
        else:
            merged.append(span)
    return merged


def _phrase_spans(
    tokens: list[tuple[int, int, frozenset[str]]], phrase: PhrasePattern
) -> Iterator[Span]:
    first, rest = phrase.words[0], phrase.words[1:]
    for i, (start, _end, forms) in enumerate(tokens):
        if first not in forms:
            continue
        position = i
        for word in rest:
            window = range(position + 1, min(position + phrase.slop, len(tokens) - 1) + 1)
            position = next((j for j in window if word in tokens[j][2]), -1)
            if position < 0:
                break
        if position >= 0:
            yield Span(start, tokens[position][1])


@lru_cache(maxsize=65536)
def _analysed(word: str) -> frozenset[str]:
    return frozenset(token.text for token in ANALYZER(word, mode="index"))


MAX_PREFILTER_TERMS = 200  # beyond this many words (a wide wildcard), tokenise instead


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern[str] | None:
    """Words that may analyse to one of ``terms``: each stem's first letters (Porter changes
    at most the last two, "treati" ← "treaty"), case-insensitive, as one pattern."""
    if not terms or len(terms) > MAX_PREFILTER_TERMS:
        return None
    prefixes = sorted({term[: max(2, len(term) - 2)] for term in terms}, key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(p) for p in prefixes) + r")\w*", re.IGNORECASE
    )


def first_term_spans(text: str, pattern: HitPattern, reach: int = 2000) -> list[Span] | None:
    """The term hits from the first one up to ``reach`` characters after it, found by the
    candidates pattern rather than by tokenising the text: a result list's snippet. None when
    this shortcut does not apply (phrases, very many words, or no candidate at all, which may
    be a word with accents) and the text must be tokenised."""
    candidates = _candidates(pattern.terms) if not pattern.phrases else None
    if candidates is None:
        return None
    spans: list[Span] = []
    for match in candidates.finditer(text):
        if spans and match.start() > spans[0].start + reach:
            break
        word = default_pattern.match(text, match.start())
        if word is not None and not pattern.terms.isdisjoint(_analysed(word.group())):
            spans.append(Span(word.start(), word.end()))
    return spans or None
