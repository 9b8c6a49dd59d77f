"""A query as the analyst typed it, parsed once: what every part of the application runs.

The query language is Whoosh's: words (all required), "phrases", AND/OR/NOT, parentheses,
index fields (``title:``, ``source:``, ``date:``…), wildcards (``sanc*``) and fuzzy terms
(``sanctoins~``), plus the registry's *filter fields* (``tag:``, ``note:``, ``person:``…), which
narrow the whole query to the documents their source names (see ``fields``).

Search, a document's hits in the reader, saved searches' counts, facets, suggestions and the
command line all start from one ``Query.parse(text)``. Before it existed each of them split off
the filter clauses and parsed the rest itself, and the ones that forgot a step refused every
filtered query. Whoosh quietly repairs broken queries; an analyst is better served by being
told, so the text is checked first and every problem becomes the query's one-line ``error``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection
from dataclasses import dataclass, field

from whoosh import qparser
from whoosh.query import And, NullQuery, Or, Prefix, Term, TermRange
from whoosh.query import Query as WhooshQuery

from briefreader.core.errors import QueryError
from briefreader.core.index.schema import build_schema
from briefreader.core.search.expansion import with_union_matchers
from briefreader.core.search.fields import REGISTRY, Clause, split_filter_clauses
from briefreader.core.search.phrase import AdjacentPhrase

DEFAULT_FIELDS = ("title", "body")
_BINARY_OPERATORS = {"AND", "OR", "ANDNOT", "ANDMAYBE"}
_PHRASE = re.compile(r'"[^"]*"')
_FIELD_PREFIX = re.compile(r"(?:^|(?<=[\s(]))([A-Za-z_][\w-]*):(?=(\S)?)")
_TOKENS = re.compile(r"[()]|[^\s()]+")
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 48
MAX_PHRASE_WORDS = 12
DEFAULT_FUZZY_EDITS = 2
# Lucene's limit too: at three edits most short words match most others, and the search spends
# seconds expanding them (``sanctions~9`` took 3 to 6 s) to find noise.
MAX_FUZZY_EDITS = 2
_FUZZY_EDITS = re.compile(r"(?<=\S)~([0-9])")
DEFAULT_FUZZY_PREFIX = 1


@dataclass(frozen=True)
class Query:
    """One query, parsed: its text, the part Whoosh searches, its filter clauses, and whether
    it can run (``error``) or is still being typed (``unfinished``).

    ``Query.parse`` never raises: a window checks every keystroke and must not need a
    ``try`` for it. What runs the query calls ``checked()``, which raises the one-line
    ``QueryError`` every caller shows the same way.
    """

    text: str  # as typed; results report it back unchanged
    index_text: str  # the text without its filter clauses: what the index answers
    clauses: tuple[Clause, ...] = ()  # filter clauses, in the order typed
    error: str | None = None  # why it cannot run, in one line; None when it can
    unfinished: bool = False  # an open quotation mark or parenthesis: the analyst is typing
    notes: tuple[str, ...] = ()  # what was changed to run it (a fuzzy distance capped)
    # The index part as Whoosh runs it; None when the query is invalid or only filter clauses.
    parsed: WhooshQuery | None = field(default=None, compare=False, repr=False)

    @classmethod
    def parse(cls, text: str) -> Query:
        unfinished = _open_at_end(text)
        try:
            index_text, clauses = split_filter_clauses(text)
        except QueryError as exc:
            return cls(text, text, (), str(exc), unfinished)
        parsed, error = None, None
        if index_text or not clauses:  # only filter clauses: nothing for the index to parse
            try:
                parsed = parse_query(index_text)
            except QueryError as exc:
                error = str(exc)
        notes = fuzzy_notes(index_text) if error is None else ()
        return cls(text, index_text, tuple(clauses), error, unfinished, notes, parsed)

    @property
    def valid(self) -> bool:
        return self.error is None

    def checked(self) -> Query:
        """This query, or the ``QueryError`` that says what to change."""
        if self.error is not None:
            raise QueryError(self.error)
        return self

    @property
    def highlight(self) -> WhooshQuery | None:
        """What a matching document marks: the index part's words and phrases. Filter clauses
        choose documents (and the passage a result opens at), not words to mark."""
        return self.parsed

    def restricted_to(self, paths: Collection[str] | None) -> WhooshQuery:
        """The Whoosh query to run: the index part, limited to ``paths`` (the documents the
        filter clauses named) when given; only filter clauses list those documents."""
        self.checked()
        if paths is None:
            if self.clauses or self.parsed is None:  # nothing answered the filter clauses
                raise QueryError(f"'{self.clauses[0].field}:' is not available here")
            return self.parsed
        only = Or([Term("path", path) for path in paths]) if paths else NullQuery
        return only if self.parsed is None else And([self.parsed, only])


def _open_at_end(text: str) -> bool:
    """An open quotation mark, or a parenthesis not yet closed (outside phrases): more typing
    will finish it, so a window waits longer before it shows the error."""
    if text.count('"') % 2:
        return True
    depth = 0
    for token in _TOKENS.findall(_PHRASE.sub("x", text)):
        depth += (token == "(") - (token == ")")
    return depth > 0


class _FuzzyTerms(qparser.FuzzyTermPlugin):  # type: ignore[misc]  # Whoosh is untyped
    """``word~`` allows two edits (as in Lucene), so a swapped pair of letters is forgiven;
    ``word~1`` still asks for one. The first letter must match (``word~2/3`` asks for three):
    typos rarely hit it, and it makes fuzzy search several times faster."""

    def create(self, parser: qparser.QueryParser, match: re.Match[str]) -> object:
        node = super().create(parser, match)
        if not match.group("maxdist"):
            node.maxdist = DEFAULT_FUZZY_EDITS
        if not match.group("prefix"):
            node.prefixlength = DEFAULT_FUZZY_PREFIX
        node.maxdist = min(node.maxdist, MAX_FUZZY_EDITS)  # said to the analyst: fuzzy_notes
        return node


def fuzzy_notes(text: str) -> tuple[str, ...]:
    """The note to show when a fuzzy word asks for more edits than are allowed (phrases are
    left out: ``"a b"~9`` is a phrase's slop, not an edit distance)."""
    asked = [int(d) for d in _FUZZY_EDITS.findall(_PHRASE.sub(" ", text))]
    if not asked or max(asked) <= MAX_FUZZY_EDITS:
        return ()
    return (
        f"fuzzy words allow at most {MAX_FUZZY_EDITS} edits; ~{max(asked)} was searched "
        f"as ~{MAX_FUZZY_EDITS}",
    )


_PARSERS = threading.local()


def _parser() -> qparser.QueryParser:
    """The query parser, made once per thread (building its schema and plugins cost about
    as much as parsing a query; a parser keeps no state between queries, but a thread of its
    own keeps it safe from concurrent searches)."""
    parser: qparser.QueryParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = qparser.MultifieldParser(
            list(DEFAULT_FIELDS), build_schema(), group=qparser.AndGroup,
            phraseclass=AdjacentPhrase,
        )  # fmt: skip
        parser.add_plugin(_FuzzyTerms())
        parser.add_plugin(qparser.FieldAliasPlugin(REGISTRY.aliases()))
        _PARSERS.parser = parser
    return parser


def check_query_size(text: str) -> None:
    """Refuse queries too big to answer quickly: each term and phrase word costs a pass over
    postings, and a wildcard with almost no letters expands to most of the vocabulary."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}"
        )
    outside = _PHRASE.sub(" ", text)
    terms = [t for t in _TOKENS.findall(outside) if t not in ("(", ")", "NOT", *_BINARY_OPERATORS)]
    phrases = _PHRASE.findall(text)
    count = len(terms) + sum(len(p.split()) for p in phrases)
    if count > MAX_QUERY_TERMS:
        raise QueryError(f"the query has {count} words; the limit is {MAX_QUERY_TERMS}")
    for phrase in phrases:
        if len(phrase.split()) > MAX_PHRASE_WORDS:
            raise QueryError(
                f"a phrase may have at most {MAX_PHRASE_WORDS} words; split it into shorter ones"
            )
    for term in terms:
        value = term.split(":", 1)[-1]
        if ("*" in value or "?" in value) and len(re.sub(r"[*?\[\]]", "", value)) < 2:
            raise QueryError(f"'{value}' needs at least two letters besides * and ?")


def check_query_syntax(text: str) -> None:
    """Raise ``QueryError`` for the mistakes Whoosh would silently repair or drop."""
    if not text.strip():
        raise QueryError("the query is empty")
    check_query_size(text)
    if text.count('"') % 2:
        raise QueryError('a quotation mark is not closed: phrases need "opening and closing" marks')
    outside_phrases = _PHRASE.sub("x", text)
    for match in _FIELD_PREFIX.finditer(outside_phrases):
        name = match.group(1)
        if name not in REGISTRY:
            hint = (
                f"write '{name.lower()}:'"
                if name.lower() in REGISTRY
                else (f"use one of {', '.join(f + ':' for f in REGISTRY.names())}")
            )
            raise QueryError(f"unknown field '{name}:'; {hint} or put the words in quotes")
        if name in REGISTRY.filter_names():
            raise QueryError(
                f"'{name}:' narrows the whole query: put it outside parentheses, after a space"
            )
        if match.group(2) in (None, ")"):
            raise QueryError(f"'{name}:' needs a search term right after it")
    for opening, closing in ("[]", "{}"):
        if outside_phrases.count(opening) != outside_phrases.count(closing):
            raise QueryError(f"a range needs both '{opening}' and '{closing}'")
    tokens = _TOKENS.findall(outside_phrases)
    depth = 0
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token == "(":
            depth += 1
            if after == ")":
                raise QueryError("empty parentheses")
        elif token == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("a closing parenthesis has no opening one")
        elif token in _BINARY_OPERATORS:
            if before in (None, "(") or before in _BINARY_OPERATORS or before == "NOT":
                raise QueryError(f"'{token}' needs a search term before it")
            if after in (None, ")") or after in _BINARY_OPERATORS:
                raise QueryError(f"'{token}' needs a search term after it")
        elif token == "NOT" and (after in (None, ")", "NOT") or after in _BINARY_OPERATORS):
            raise QueryError("'NOT' needs a search term after it")
    if depth > 0:
        raise QueryError("a parenthesis is not closed")


def parse_query(text: str) -> WhooshQuery:
    """Check and parse the index part of a query (its text without filter clauses, which
    are refused here); raise ``QueryError`` with a plain explanation if it is invalid.
    ``Query.parse`` is what the application calls; this is its Whoosh half."""
    check_query_syntax(text)
    try:
        query = _parser().parse(text)
    except Exception as exc:  # Whoosh's parser has no single error type.
        raise QueryError(f"cannot understand the query ({exc})") from exc
    query = with_union_matchers(query.accept(_widen_dates))
    if query is NullQuery or isinstance(query, type(NullQuery)):
        raise QueryError(
            "the query has no searchable words (one-letter and very common words such as "
            "'the' are not indexed)"
        )
    return query


_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2})?")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _widen_dates(query: WhooshQuery) -> WhooshQuery:
    """Dates are stored as ``YYYY-MM-DD`` (or shorter): ``date:2015`` means the whole year,
    ``date:2015-07`` the month, and a range ``[2010 TO 2020]`` includes all of 2020."""
    if isinstance(query, Term) and query.fieldname == "date":
        value = str(query.text)
        if _PARTIAL_DATE.fullmatch(value):
            return Prefix("date", value, boost=query.boost)
    if isinstance(query, TermRange) and query.fieldname == "date":
        _check_date_bounds(query.start, query.end)
        end = query.end
        if end is not None and _PARTIAL_DATE.fullmatch(str(end)):
            end = f"{end}-\uffff"  # sorts after every day of that year or month
        return TermRange("date", query.start, end, query.startexcl, False, boost=query.boost)
    return query


def _check_date_bounds(start: object, end: object) -> None:
    """A date range takes dates at both ends (or none, for an open end). Any other text
    sorts somewhere among the dates and silently finds nothing, or everything."""
    for bound in (start, end):
        if bound is not None and not _DATE.fullmatch(str(bound)):
            raise QueryError(
                f"'{bound}' is not a date; a date range takes dates such as 2020, 2020-07 "
                "or 2020-07-14, as in date:[2019 TO 2020]"
            )
    if start is not None and end is not None and str(start)[: len(str(end))] > str(end):
        raise QueryError(f"the date range starts ({start}) after it ends ({end})")
