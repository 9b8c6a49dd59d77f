"""Where a query's hits are in a document's canonical text.

A ``HitPattern`` is what a matching document shows of a query: single terms (including the
expansions of wildcards and fuzzy terms) and phrases, all in the index's analysed form. A phrase
is one hit covering its words, and its words are not highlighted on their own elsewhere, so
``"Mutual Defense Treaty"`` marks that phrase and not every "treaty".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh.analysis.tokenizers import default_pattern
from whoosh.query import Not, Phrase, Query, Term

from briefreader.core.document import Span
from briefreader.core.index import ANALYZER

HIGHLIGHTED_FIELDS = ("title", "body")


@dataclass(frozen=True)
class HitPattern:
    terms: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


def pattern_for(query: Query, matched_terms: Iterable[tuple[str, object]]) -> HitPattern:
    """The pattern of one matching document: its matched terms, with phrase-only words removed.

    ``matched_terms`` are Whoosh's ``(field, term)`` pairs for the document (they include what
    wildcards and fuzzy terms expanded to); terms under a NOT are never highlighted.
    """
    phrases: set[tuple[str, ...]] = set()
    standalone: set[str] = set()
    _collect(query, phrases, standalone)
    matched = {
        term.decode("utf-8") if isinstance(term, bytes) else str(term)
        for fieldname, term in matched_terms
        if fieldname in HIGHLIGHTED_FIELDS
    }
    phrase_only = {word for phrase in phrases for word in phrase} - standalone
    return HitPattern(frozenset(matched - phrase_only), tuple(sorted(phrases)))


def _collect(query: Query, phrases: set[tuple[str, ...]], standalone: set[str]) -> None:
    if isinstance(query, Not):
        return
    if isinstance(query, Phrase):
        if query.fieldname in HIGHLIGHTED_FIELDS and query.words:
            phrases.add(tuple(str(word) for word in query.words))
        return
    if isinstance(query, Term):
        standalone.add(str(query.text))
        return
    for child in query.children():
        _collect(child, phrases, standalone)


def pattern_spans(text: str, pattern: HitPattern) -> list[Span]:
    """Hit ranges of ``pattern`` in ``text``, in order; a term inside a phrase hit is dropped.

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
        size = len(phrase)
        for i in range(len(tokens) - size + 1):
            if all(phrase[k] in tokens[i + k][2] for k in range(size)):
                spans.append(Span(tokens[i][0], tokens[i + size - 1][1]))
    spans.sort(key=lambda span: (span.start, -span.end))
    kept: list[Span] = []
    for span in spans:
        if kept and span.end <= kept[-1].end:
            continue  # inside the previous hit
        kept.append(span)
    return kept


def term_spans(text: str, terms: frozenset[str] | set[str]) -> list[Span]:
    """Hit ranges of single analysed ``terms`` in ``text``."""
    return pattern_spans(text, HitPattern(frozenset(terms)))


@lru_cache(maxsize=65536)
def _analysed(word: str) -> frozenset[str]:
    return frozenset(token.text for token in ANALYZER(word, mode="index"))
