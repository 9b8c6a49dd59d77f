"""``Query``: one parse of what the analyst typed, shared by search, the reader's hits, saved
searches, suggestions and the command line; and those uses with filter clauses."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefreader.core.errors import QueryError
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import load_document
from briefreader.core.search.fields import Clause
from briefreader.core.search.filtered_search import search_filtered
from briefreader.core.search.query import Query, parse_query
from briefreader.core.search.query_hits import document_pattern
from briefreader.core.search.search import search
from briefreader.core.search.searches import SavedSearch, count_new
from briefreader.core.workspace import Workspace

BRIEFS = {
    "moscow.md": "# Talks in Moscow\n\nPresident Vladimir Putin met ministers in Moscow on "
    "Tuesday to discuss sanctions.\n",
    "brussels.md": "# NATO ministers meet\n\nNATO ministers met in Brussels to discuss "
    "sanctions on Russia.\n",
}


def test_a_query_keeps_its_text_its_index_part_and_its_filter_clauses() -> None:
    query = Query.parse('sanctions place:"north korea" title:accord')
    assert query.text == 'sanctions place:"north korea" title:accord'
    assert query.index_text == "sanctions title:accord"
    assert query.clauses == (Clause("place", "north korea"),)
    assert query.valid and query.error is None and not query.unfinished
    assert query.highlight is not None and "sanction" in str(query.highlight)
    with pytest.raises(dataclasses.FrozenInstanceError):
        query.text = "other"  # type: ignore[misc]


def test_filter_clauses_alone_are_valid_and_mark_no_words() -> None:
    query = Query.parse("tag:crux person:putin")
    assert query.valid and query.index_text == "" and query.highlight is None
    assert [c.field for c in query.clauses] == ["tag", "person"]
    with pytest.raises(QueryError, match="'tag:' is not available here"):
        query.restricted_to(None)  # only a filter source can answer it


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the query is empty"),
        ("sanctions place:", "'place:' needs a word right after it"),
        ("(place:iran OR sanctions)", "'place:' narrows the whole query"),
        ("(sanctions place:iran)", "'place:' narrows the whole query"),
        ('sanctions "iran', "a quotation mark is not closed"),
        ("Title:accord", "write 'title:'"),
    ],
)
def test_an_invalid_query_carries_its_one_line_message(text: str, message: str) -> None:
    query = Query.parse(text)  # never raises: the window parses every keystroke
    assert not query.valid and query.error is not None and message in query.error
    assert "\n" not in query.error
    with pytest.raises(QueryError) as raised:
        query.checked()
    assert str(raised.value) == query.error


@pytest.mark.parametrize(
    ("text", "unfinished"),
    [
        ('"nuclear', True),
        ("(iran OR iraq", True),
        ("(iran title:", True),  # the error names the field; the parenthesis is still open
        ('sanctions place:"north', True),
        ('"a (b"', False),  # a parenthesis inside a phrase is a character, not a group
        ("iran)", False),
        ("sanctions AND", False),
    ],
)
def test_a_query_knows_whether_it_is_still_being_typed(text: str, unfinished: bool) -> None:
    assert Query.parse(text).unfinished is unfinished


@given(st.lists(st.sampled_from([*'ab :"()*~[]{}', "AND", "tag", "place"])).map("".join))
def test_parsing_never_raises_and_agrees_with_the_checks(text: str) -> None:
    query = Query.parse(text)
    if not query.clauses:
        try:
            parse_query(text)
        except QueryError as exc:
            assert query.error == str(exc)
        else:
            assert query.valid


@pytest.fixture
def library(tmp_path: Path) -> tuple[LibraryIndex, Path]:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name, text in BRIEFS.items():
        (folder / name).write_text(text, encoding="utf-8")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    return index, folder


def test_a_documents_hits_answer_the_filter_clauses_and_mark_the_words(
    tmp_path: Path, library: tuple[LibraryIndex, Path]
) -> None:
    index, folder = library
    sources = Workspace(tmp_path / "data").filter_sources(index, analyse_now=True)
    moscow, brussels = str(folder / "moscow.md"), str(folder / "brussels.md")
    query = Query.parse("sanctions person:putin")
    assert document_pattern(index, query, moscow, sources).terms == {"sanction"}
    assert not document_pattern(index, query, brussels, sources)  # names no Putin
    assert not document_pattern(index, Query.parse("person:putin"), moscow, sources)
    with pytest.raises(QueryError, match="not available here"):
        document_pattern(index, query, moscow, {})


def test_a_saved_search_with_a_person_counts_new_matches(
    tmp_path: Path, library: tuple[LibraryIndex, Path]
) -> None:
    index, folder = library
    sources = Workspace(tmp_path / "data").filter_sources(index, analyse_now=True)
    saved = SavedSearch("Putin", "ministers person:putin", time.time_ns())
    assert count_new(index, saved, sources) == 0
    later = time.time_ns() + 5_000_000_000
    for name in BRIEFS:  # both change; only Moscow names Putin
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8") + "\nMore ministers.\n")
        os.utime(path, ns=(later, later))
    index.update()
    assert count_new(index, saved, sources) == 1
    with pytest.raises(QueryError, match="narrows the whole query"):
        count_new(index, SavedSearch("Broken", "(person:putin)"), sources)


def test_a_filter_query_has_no_suggestion_and_search_refuses_unanswered_clauses(
    tmp_path: Path, library: tuple[LibraryIndex, Path]
) -> None:
    index, _folder = library
    sources = Workspace(tmp_path / "data").filter_sources(index, analyse_now=True)
    with pytest.raises(QueryError, match="'person:' is not available here"):
        search(index, "sanctions person:putin")
    found = search_filtered(index, {}, Query.parse("sanctoins"))
    assert found.total == 0 and found.suggestion == "sanctions"
    missed = search_filtered(index, sources, "sanctoins person:putin")
    assert missed.total == 0 and missed.suggestion is None


def test_the_command_line_gives_spans_for_a_filtered_query(
    tmp_path: Path, library: tuple[LibraryIndex, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from briefreader.cli.main import main

    _index, folder = library
    args = ["search", "sanctions person:putin", "--library", str(folder), "--json"]
    assert main([*args, "--data-dir", str(tmp_path / "data")]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    text = load_document(folder / "moscow.md").text  # spans index the canonical text
    assert Path(hit["path"]).name == "moscow.md" and hit["spans"]
    assert [text[start:end].lower() for start, end in hit["spans"]] == ["sanctions"]


def test_the_command_line_reports_an_invalid_clause_as_the_window_does(
    tmp_path: Path, library: tuple[LibraryIndex, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from briefreader.cli.main import main

    _index, folder = library
    args = ["search", "sanctions person:", "--library", str(folder), "--json"]
    assert main([*args, "--data-dir", str(tmp_path / "data")]) == 2
    captured = capsys.readouterr()
    error = Query.parse("sanctions person:").error
    assert json.loads(captured.out) == {"query": "sanctions person:", "error": error}
    assert captured.err.strip() == f"briefreader: invalid query: {error}"


def test_a_huge_fuzzy_distance_is_capped_at_two_with_a_note() -> None:
    from whoosh.query import FuzzyTerm

    from briefreader.core.search.query import MAX_FUZZY_EDITS, Query

    query = Query.parse("sanctions~9 regime")
    fuzzy = [leaf for leaf in query.parsed.leaves() if isinstance(leaf, FuzzyTerm)]  # type: ignore[union-attr]
    assert fuzzy and all(leaf.maxdist == MAX_FUZZY_EDITS == 2 for leaf in fuzzy)
    assert query.notes and "at most 2 edits" in query.notes[0] and "~9" in query.notes[0]
    assert Query.parse("sanctions~1").notes == () and Query.parse('"a pact"~9').notes == ()
    assert [leaf.maxdist for leaf in Query.parse("sanctions~1").parsed.leaves()] == [1, 1]  # type: ignore[union-attr]
