"""The query language over a real index, hit spans, snippets and query errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.core.errors import QueryError
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import load_document
from briefreader.core.search.fields import Clause
from briefreader.core.search.hits import HitPattern, pattern_spans
from briefreader.core.search.query import parse_query
from briefreader.core.search.search import make_snippet, search
from briefreader.core.text.document import Span
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths

DOCS = {
    "lisbon.md": "---\nsource: Brussels Desk\ndate: 2007-12-13\n---\n# Treaty of Lisbon signed\n\n"
    "Leaders signed the treaty at the Jerónimos Monastery. The treaties were amended.\n",
    "inf.txt": "Source: Washington Desk\nReagan and Gorbachev sign missile accord\n\n"
    "The Intermediate-Range Nuclear Forces agreement bans ground-launched missiles.\n",
    "rcep.html": "<h1>Trade pact</h1><p>Fifteen economies signed a trade agreement on sanctions "
    "relief and tariffs. No treaty text was published that day.</p>",
}


@pytest.fixture
def index(tmp_path: Path, data_dir: Path) -> LibraryIndex:
    folder = tmp_path / "lib"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    index = Workspace(AppPaths.resolve(data_dir).data_dir).index_for(Library.from_folders([folder]))
    index.update()
    return index


def names(index: LibraryIndex, query: str) -> set[str]:
    return {Path(hit.path).name for hit in search(index, query).hits}


def test_words_are_anded_and_stemmed(index: LibraryIndex) -> None:
    assert names(index, "treaty") == {"lisbon.md", "rcep.html"}
    assert names(index, "treaties signed") == {"lisbon.md", "rcep.html"}
    assert names(index, "treaty missile") == set()


def test_phrase(index: LibraryIndex) -> None:
    assert names(index, '"nuclear forces"') == {"inf.txt"}
    assert names(index, '"forces nuclear"') == set()


def test_boolean_operators_and_grouping(index: LibraryIndex) -> None:
    assert names(index, "missile OR tariffs") == {"inf.txt", "rcep.html"}
    assert names(index, "treaty NOT tariffs") == {"lisbon.md"}
    assert names(index, "(missile OR tariffs) AND economies") == {"rcep.html"}


def test_fields(index: LibraryIndex) -> None:
    assert names(index, "title:treaty") == {"lisbon.md"}
    assert names(index, "source:washington") == {"inf.txt"}
    assert names(index, 'source:"brussels desk"') == {"lisbon.md"}


def test_wildcard_fuzzy_and_accents(index: LibraryIndex) -> None:
    assert names(index, "gorba*") == {"inf.txt"}
    assert names(index, "sanctons~") == {"rcep.html"}
    assert names(index, "Jeronimos") == {"lisbon.md"}


def test_hit_fields_snippet_and_spans(index: LibraryIndex) -> None:
    results = search(index, "treaty")
    assert results.total == 2
    hit = next(h for h in results.hits if h.path.endswith("lisbon.md"))
    assert hit.title == "Treaty of Lisbon signed"
    assert (hit.source, hit.date) == ("Brussels Desk", "2007-12-13")
    assert hit.score > 0
    text = load_document(Path(hit.path)).text
    assert [text[s.start : s.end] for s in hit.spans] == ["Treaty", "treaty", "treaties"]
    marked = [hit.snippet[a:b] for a, b in hit.snippet_spans]
    assert marked == ["Treaty", "treaty", "treaties"]
    assert "**Treaty**" in hit.marked_snippet()


def test_limit_keeps_the_total(index: LibraryIndex) -> None:
    results = search(index, "signed", limit=1)  # "sign" in inf.txt's title matches too
    assert len(results.hits) == 1
    assert results.total == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ('"nuclear forces', "quotation mark"),
        ("(treaty OR accord", "parenthesis is not closed"),
        ("treaty)", "closing parenthesis"),
        ("treaty AND", "after it"),
        ("OR treaty", "before it"),
        ("treaty AND OR accord", "after it"),
        ("treaty NOT", "NOT"),
        ("()", "empty parentheses"),
        ("author:smith", "unknown field 'author:'"),
        ("the", "no searchable words"),
    ],
)
def test_invalid_queries_get_plain_messages(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_colon_inside_a_phrase_is_not_a_field() -> None:
    parse_query('"note: signed"')


def test_term_hits_follow_the_analyser() -> None:
    text = "Treaties, treaty; TREATY."
    spans = pattern_spans(text, HitPattern(frozenset({"treati"})))
    assert [(s.start, s.end) for s in spans] == [(0, 8), (10, 16), (18, 24)]
    assert pattern_spans(text, HitPattern(frozenset())) == []


def test_snippet_is_cut_on_word_boundaries() -> None:
    text = ("word " * 100) + "target " + ("word " * 100)
    start = text.index("target")
    snippet, spans = make_snippet(text, [Span(start, start + 6)], width=80)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= 82
    assert [snippet[a:b] for a, b in spans] == ["target"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Title:treaty", "write 'title:'"),
        ("title:", "needs a search term"),
        ("title: treaty", "needs a search term"),
        ("date:[2020 TO", "range"),
        ("NOT NOT treaty", "NOT"),
    ],
)
def test_queries_whoosh_would_mangle_are_refused(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_wildcards_are_not_stemmed() -> None:
    assert "sign*ing" in str(parse_query("sign*ing"))
    assert "*ies" in str(parse_query("*ies"))


def test_fuzzy_forgives_swapped_letters(index: LibraryIndex) -> None:
    assert names(index, "sanctoins~") == {"rcep.html"}
    assert names(index, "sanctoins~1") == set()


def test_snippet_window_holds_the_densest_cluster() -> None:
    text = "treaty " + "filler " * 100 + "treaty treaty treaty " + "filler " * 100
    spans = pattern_spans(text, HitPattern(frozenset({"treati"})))
    _, inside = make_snippet(text, spans, width=80)
    assert len(inside) == 3
    many = "treaty " * 20000
    _, inside = make_snippet(many, pattern_spans(many, HitPattern(frozenset({"treati"}))), width=80)
    assert 10 <= len(inside) <= 12


def hit_texts(index: LibraryIndex, query: str, name: str) -> list[str]:
    hit = next(h for h in search(index, query).hits if h.path.endswith(name))
    text = load_document(Path(hit.path)).text
    return [text[s.start : s.end] for s in hit.spans]


def test_a_phrase_is_one_hit_and_its_words_are_not_hits_alone(index: LibraryIndex) -> None:
    assert hit_texts(index, '"nuclear forces"', "inf.txt") == ["Nuclear Forces"]
    assert hit_texts(index, '"treaty at the Jerónimos"', "lisbon.md") == [
        "treaty at the Jerónimos"  # stop words inside a phrase, as the index skips them
    ]


def test_mixed_query_highlights_phrase_terms_and_expansions(index: LibraryIndex) -> None:
    assert hit_texts(index, '"nuclear forces" OR missil*', "inf.txt") == [
        "missile",
        "Nuclear Forces",
        "missiles",
    ]
    assert hit_texts(index, "treaty NOT tariffs", "lisbon.md") == ["Treaty", "treaty", "treaties"]
    assert hit_texts(index, "sanctoins~", "rcep.html") == ["sanctions"]


def test_phrase_slop_andnot_and_overlaps(index: LibraryIndex) -> None:
    # "bans ground-launched missiles": with slop 3, "bans … missiles" is one hit.
    assert hit_texts(index, '"bans missiles"~3', "inf.txt") == ["bans ground-launched missiles"]
    # The negated side of ANDNOT is never highlighted.
    assert hit_texts(index, "missil* ANDNOT tariffs", "inf.txt") == ["missile", "missiles"]
    # A wildcard that matches a phrase word highlights it on its own too.
    assert "missile" in hit_texts(index, 'missil* "ground launched missiles"', "inf.txt")
    # Overlapping phrases become one hit.
    assert hit_texts(index, '"nuclear forces" "forces agreement"', "inf.txt") == [
        "Nuclear Forces agreement"
    ]


@pytest.fixture
def big_index(tmp_path: Path, data_dir: Path) -> LibraryIndex:
    """Enough matching documents (in two segments) for the ranking heap to fill up."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(120):
        words = " ".join(f"word{number}x{k}" for k in range(number % 7 + 1))
        (folder / f"d{number}.txt").write_text(
            f"Note {number}\n\nThe negotiators met {number % 5 + 1} times. {words}\n", "utf-8"
        )
    index = Workspace(data_dir).index_for(Library.from_folders([folder]))
    index.update()
    (folder / "late.txt").write_text("Late\n\nThe negotiators met again.\n", "utf-8")
    index.update()
    return index


@pytest.mark.parametrize("query", ["negoti*", "*goti", "negotii~", "met OR word1x0"])
def test_the_total_counts_every_match_whatever_the_limit(
    big_index: LibraryIndex, query: str
) -> None:
    with big_index.searcher() as searcher:
        truth = len(set(searcher.docs_for_query(parse_query(query))))
    assert truth >= 100
    for limit in (1, 5, 20, 1000):
        assert search(big_index, query, limit=limit).total == truth
    assert search(big_index, query, limit=5, sort="date").total == truth


def test_wildcard_expansions_are_highlighted_only_where_they_occur(index: LibraryIndex) -> None:
    hit = search(index, "*eati OR sanct*").hits  # wildcards match indexed (stemmed) words
    by_name = {Path(h.path).name: h for h in hit}
    lisbon = load_document(Path(by_name["lisbon.md"].path)).text
    spans = by_name["lisbon.md"].spans
    assert [lisbon[s.start : s.end] for s in spans] == ["Treaty", "treaty", "treaties"]
    rcep = load_document(Path(by_name["rcep.html"].path)).text
    assert [rcep[s.start : s.end] for s in by_name["rcep.html"].spans] == ["sanctions", "treaty"]


def test_wildcards_standing_for_too_many_words_together_are_refused(
    big_index: LibraryIndex,
) -> None:
    """Each wildcard alone is within the limit; together they are not."""
    import briefreader.core.search.search as search_module

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_module, "MAX_QUERY_EXPANSIONS", 150)
        assert search(big_index, "word1*").total
        with pytest.raises(QueryError, match=r"stand for .* words together"):
            search(big_index, "word1* OR word2* OR word3* OR word4*")


def test_path_finds_words_of_folders_and_file_names(index: LibraryIndex) -> None:
    assert names(index, "path:lisbon") == {"lisbon.md"}
    assert names(index, "path:txt OR path:html") == {"inf.txt", "rcep.html"}
    assert names(index, "path:lib treaty") == {"lisbon.md", "rcep.html"}
    assert names(index, "treaty NOT path:rcep") == {"lisbon.md"}


def test_proximity_and_open_ended_date_ranges(index: LibraryIndex) -> None:
    assert names(index, '"leaders monastery"~5') == {"lisbon.md"}
    assert names(index, '"leaders monastery"') == set()
    assert names(index, "date:[2007 TO]") == {"lisbon.md"}
    assert names(index, "date:[TO 2006]") == set()


def test_did_you_mean_respells_unknown_words_as_documents_spell_them(
    index: LibraryIndex,
) -> None:
    from briefreader.core.search.filtered_search import search_filtered

    def suggestion(text: str) -> str | None:
        return search_filtered(index, {}, text).suggestion

    missed = search_filtered(index, {}, "tarifs relief")
    assert missed.total == 0 and missed.suggestion == "tariffs relief"
    assert search(index, missed.suggestion).total == 1
    assert search(index, "tarifs relief").suggestion is None  # the plain search only searches
    assert suggestion("sanctions missile") is None  # known words: no respelling
    assert suggestion("path:lisbn") is None  # a path is not respelled from text
    assert suggestion("treaty") is None  # found: nothing to suggest


def test_filter_fields_stand_outside_parentheses() -> None:
    from briefreader.core.search.fields import split_filter_clauses

    with pytest.raises(QueryError, match="outside parentheses"):
        parse_query("(treaty OR note:check)")
    # After a space but inside parentheses: left in the query, and refused for what it is
    # rather than taken out with the closing parenthesis as part of its value.
    assert split_filter_clauses("(sanctions place:iran)") == ("(sanctions place:iran)", [])
    with pytest.raises(QueryError, match="outside parentheses"):
        parse_query("(sanctions place:iran)")
    assert split_filter_clauses('"a (b" place:iran')[1] == [Clause("place", "iran")]


def test_a_field_registered_in_one_line_joins_the_language() -> None:
    from briefreader.core.search.fields import (
        REGISTRY,
        FieldRegistry,
        QueryField,
        split_filter_clauses,
    )

    registry = FieldRegistry()
    for known in REGISTRY:
        registry.add(known)
    registry.add(QueryField("person", "Person", "person:putin", "people named", None, "people"))
    rest, clauses = split_filter_clauses('treaty person:"Vladimir Putin" date:2024', registry)
    assert rest == "treaty date:2024"
    assert [(c.field, c.value) for c in clauses] == [("person", "Vladimir Putin")]
    with pytest.raises(ValueError, match="index field or a source"):
        registry.add(QueryField("both", "Both", "both:x", "", "body", "people"))


def test_every_operator_in_the_help_parses_and_is_in_the_readme() -> None:
    from briefreader.core.search.fields import split_filter_clauses
    from briefreader.ui.search.query_help import OPERATORS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for _name, example, _meaning in OPERATORS:
        assert f"`{example}`" in readme, example
        rest, _clauses = split_filter_clauses(example)
        if rest:
            parse_query(rest)
