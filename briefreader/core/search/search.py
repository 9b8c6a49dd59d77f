"""Searching a library index: ranked hits, counts, facets, snippets and hit spans.

The query comes parsed (``core.search.query``); this module runs its index part, restricted
to the documents its filter clauses named when ``filtered_search`` answered them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import islice

from whoosh import collectors
from whoosh.query import MultiTerm
from whoosh.query import Query as WhooshQuery
from whoosh.searching import Hit, Searcher

from briefreader.core.errors import QueryError
from briefreader.core.index.library_index import LibraryIndex, column_rows
from briefreader.core.index.schema import column_text
from briefreader.core.index.texts import canonical_text, text_near_hits
from briefreader.core.search.expansion import expanded_words
from briefreader.core.search.hits import (
    HIGHLIGHTED_FIELDS,
    HitPattern,
    first_term_spans,
    pattern_for,
    pattern_spans,
    positive_terms,
)
from briefreader.core.search.query import Query
from briefreader.core.text.document import Span

SNIPPET_WIDTH = 240
MAX_EXPANSIONS = 5000  # words one wildcard or fuzzy term may stand for
MAX_QUERY_EXPANSIONS = 5000  # words all of a query's wildcards and fuzzy terms stand for
BLOCK_SEPARATOR = " ¶ "
RESULT_SPAN_LIMIT = 200_000  # characters of a body searched for a result's spans
FIRST_WINDOW = 1500  # characters first scanned for a result list's snippet


@dataclass(frozen=True)
class SearchHit:
    """One result. ``spans`` are hit ranges in the document's canonical text; ``pattern`` is
    what matched, so the reader can find the same hits in a freshly loaded copy."""

    path: str
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]
    spans: tuple[Span, ...]
    pattern: HitPattern
    note_span: tuple[int, int] | None = None  # the annotation a note:/tag: search matched

    def marked_snippet(self, before: str = "**", after: str = "**") -> str:
        """The snippet with each hit wrapped in markers (Markdown bold by default)."""
        out, last = [], 0
        for start, end in self.snippet_spans:
            out += [self.snippet[last:start], before, self.snippet[start:end], after]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)


@dataclass(frozen=True)
class Facets:
    """How the matching documents spread over sources and years, most frequent first."""

    sources: tuple[tuple[str, int], ...] = ()
    years: tuple[tuple[str, int], ...] = ()
    # (label, canonical name, documents) of the entities the matching documents name most.
    entities: tuple[tuple[str, str, int], ...] = ()
    hashes: frozenset[str] = field(default=frozenset(), repr=False)  # of the matching documents


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)
    incomplete: bool = False  # the library's first index did not run to its end
    indexing: bool = False  # ... because an update is writing it now (not cut short)
    facets: Facets = field(default_factory=Facets)
    suggestion: str | None = None  # "did you mean": a respelled query that finds something
    notes: list[str] = field(default_factory=list)  # what the query was changed to run
    # (offered by ``filtered_search``, which the window and the command line search through)


MAX_FACET_VALUES = 8


def search(
    index: LibraryIndex,
    query: Query | str,
    limit: int = 20,
    all_spans: bool = True,
    sort: str = "relevance",
    facets: bool = False,
    within: Collection[str] | None = None,
) -> SearchResults:
    """Run a query against the last committed state of ``index``.

    With ``all_spans`` each hit lists every hit span of its body (the command line's JSON);
    without, only those around its snippet: the reader finds all of them when the document is
    opened, and a result list should not scan whole bodies. ``within`` limits the search to
    those document paths: the documents the query's filter clauses named, answered outside the
    index (``filtered_search``); a query of filter clauses only then lists them all.
    """
    if isinstance(query, str):
        query = Query.parse(query)
    whoosh_query = query.restricted_to(within)
    marked = query.highlight
    with index.searcher() as searcher:
        _check_expansions(whoosh_query, searcher)
        collector = _collector(searcher, limit, sort)
        searcher.search_with_collector(whoosh_query, collector)
        results = collector.results()
        expanded: frozenset[str] = frozenset()
        terms: list[tuple[str, object]] = []
        if marked is not None:
            expanded = expanded_words(marked, searcher.reader(), HIGHLIGHTED_FIELDS)
            terms = positive_terms(marked)
        hits = [_make_hit(hit, marked, terms, expanded, all_spans) for hit in results]
        found = SearchResults(
            query=query.text,
            total=len(results),
            hits=hits,
            incomplete=not index.complete,
            indexing=not index.complete and index.updating,
            facets=_facets(searcher, sorted(collector.matched)) if facets else Facets(),
        )
    return found


class _Recording(collectors.WrappingCollector):  # type: ignore[misc]  # Whoosh is untyped
    """Keeps every matching document number as the inner collector ranks them, so facets
    need no second pass over the matches."""

    def prepare(self, top_searcher: Searcher, q: WhooshQuery, context: object) -> None:
        super().prepare(top_searcher, q, context)
        self.matched = array("I")

    def collect(self, sub_docnum: int) -> None:
        self.child.collect(sub_docnum)
        self.matched.append(self.child.offset + sub_docnum)


def _collector(searcher: Searcher, limit: int, sort: str) -> _Recording:
    """One pass that ranks the top ``limit`` and counts every match. Whoosh's default top
    collector either skips blocks (and needs a second pass over all matches to count them) or,
    without skipping, still swaps in pruned matchers once its heap is full, which drops
    matches from the count."""
    if sort == "date":
        inner = collectors.SortingCollector("date", limit=limit, reverse=True)
    elif limit >= searcher.doc_count():
        inner = collectors.UnlimitedCollector()
    else:
        inner = collectors.TopCollector(limit, usequality=False, replace=0)
    return _Recording(inner)


_FACET_COLUMNS = ("source", "date", "sha256")


def _facets(searcher: Searcher, matching: list[int]) -> Facets:
    """Source and year counts over every matching document, read from index columns (no
    stored field is read): segment by segment, as the columns are stored."""
    sources: Counter[str] = Counter()
    years: Counter[str] = Counter()
    hashes: set[str] = set()
    for _docnum, values in column_rows(searcher.reader(), _FACET_COLUMNS, matching):
        if values["source"]:
            sources[str(values["source"])] += 1
        if values["date"]:
            years[str(values["date"])[:4]] += 1
        if values["sha256"]:
            hashes.add(column_text(values["sha256"]))
    return Facets(
        sources=tuple(sources.most_common(MAX_FACET_VALUES)),
        years=tuple(sorted(years.items(), reverse=True)[:MAX_FACET_VALUES]),
        hashes=frozenset(hashes),
    )


def _check_expansions(query: WhooshQuery, searcher: Searcher) -> None:
    """Wildcards or fuzzy terms that stand for thousands of words would be slow and
    meaningless: say so instead. The words of all of them count together."""
    reader = searcher.reader()
    words: dict[str, int] = {}  # the same wildcard in several fields counts once
    for part in query.leaves():
        if isinstance(part, MultiTerm):
            count = sum(1 for _ in islice(part._btexts(reader), MAX_EXPANSIONS + 1))
            name = str(getattr(part, "text", part))  # a range has no text of its own
            if count > MAX_EXPANSIONS:
                raise QueryError(
                    f"'{name}' matches more than {MAX_EXPANSIONS:,} words; make it longer"
                )
            words[name] = max(count, words.get(name, 0))
    total = sum(words.values())
    if total > MAX_QUERY_EXPANSIONS:
        raise QueryError(
            f"the wildcards and fuzzy words stand for {total:,} words together; the limit is "
            f"{MAX_QUERY_EXPANSIONS:,}: make them longer or use fewer"
        )


def _make_hit(
    hit: Hit,
    marked: WhooshQuery | None,
    terms: list[tuple[str, object]],
    expanded: frozenset[str],
    all_spans: bool,
) -> SearchHit:
    fields = hit.fields()
    path = str(fields["path"])
    pattern = pattern_for(marked, terms, expanded) if marked is not None else HitPattern()
    if all_spans:  # every span, as offsets into the whole canonical text
        body = canonical_text(path, fields)
        spans = pattern_spans(body[:RESULT_SPAN_LIMIT], pattern)
        snippet, snippet_spans = make_snippet(body, spans)
    else:
        # A result list needs a snippet, not every hit of a 10 MB file: only the text around
        # the first hits is read, and the reader finds all of them when the document opens.
        piece = text_near_hits(
            path, fields, lambda text: _first_spans(text, pattern), _locator(pattern)
        )
        spans = []
        snippet, snippet_spans = make_snippet(
            piece.text, piece.spans, more_before=piece.clipped_before,
            more_after=piece.clipped_after,
        )  # fmt: skip
    return SearchHit(
        path=path,
        title=fields.get("title", ""),
        source=fields.get("source"),
        date=fields.get("date"),
        # Sorted by date, Whoosh puts the sort key where the score would be.
        score=round(float(hit.score), 4) if isinstance(hit.score, int | float) else 0.0,
        snippet=snippet,
        snippet_spans=snippet_spans,
        spans=tuple(spans),
        pattern=pattern,
    )


def _locator(pattern: HitPattern) -> Callable[[str], int | None]:
    """Where a text's first hit probably is, found cheaply: the first word that analyses to
    one of the terms or to a phrase's first word (the phrase itself is checked later)."""
    words = pattern.terms | {phrase.words[0] for phrase in pattern.phrases}
    first = HitPattern(frozenset(words))

    def locate(text: str) -> int | None:
        spans = first_term_spans(text, first, reach=0)
        if spans is None and words:  # no shortcut (accents, a wide wildcard): tokenise
            spans = pattern_spans(text[:RESULT_SPAN_LIMIT], first)
        return spans[0].start if spans else None

    return locate


def _first_spans(body: str, pattern: HitPattern) -> list[Span]:
    """The hits near the start of ``body``: the first term hits found by their words' first
    letters; else windows of growing size are scanned until one holds a hit, so a match early
    in a long body costs a few kilobytes, not the body."""
    quick = first_term_spans(body[:RESULT_SPAN_LIMIT], pattern)
    if quick is not None:
        return quick
    window = FIRST_WINDOW
    while True:
        spans = pattern_spans(body[:window], pattern)
        if spans or window >= min(len(body), RESULT_SPAN_LIMIT):
            return spans
        window *= 4


def make_snippet(
    text: str,
    spans: list[Span],
    width: int = SNIPPET_WIDTH,
    more_before: bool = False,
    more_after: bool = False,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around the densest cluster of hits, on word boundaries.

    Returns the snippet (block breaks shown as `` ¶ ``, ``…`` where cut, or where ``text`` is
    itself a piece of a longer text) and the hit ranges in it.
    """
    if not text:
        return "", ()
    if spans:
        # Sliding window over the (sorted) spans: the start whose window holds most hits.
        best_start, best_count, last = spans[0].start, 0, 0
        for first, span in enumerate(spans):
            last = max(last, first)
            while last < len(spans) and spans[last].end <= span.start + width:
                last += 1
            if last - first > best_count:
                best_start, best_count = span.start, last - first
        start = max(0, best_start - width // 4)
    else:
        start = 0
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    raw = text[start:end].replace("\t", " ")
    prefix = "…" if start > 0 or more_before else ""
    suffix = "…" if end < len(text) or more_after else ""
    # A block boundary shows as a pilcrow, so a heading never runs into its paragraph.
    breaks = [i for i, ch in enumerate(raw) if ch == "\n"]
    window = raw.replace("\n", BLOCK_SEPARATOR)
    grow = len(BLOCK_SEPARATOR) - 1

    def place(offset: int) -> int:
        local = offset - start
        return len(prefix) + local + grow * bisect_left(breaks, local)

    inside = tuple(
        (place(span.start), place(span.end))
        for span in spans
        if span.start >= start and span.end <= end
    )
    return prefix + window + suffix, inside
