"""Search history and saved searches, with "new since last opened" counted on a real index."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search.searches import MAX_HISTORY, SearchBook, count_new


def test_history_is_newest_first_without_duplicates_and_bounded() -> None:
    book = SearchBook()
    for number in range(MAX_HISTORY + 20):
        book.remember(f"query {number}")
    book.remember("query 150")
    book.remember("query 119")
    book.remember("  ")
    assert book.history[:2] == ["query 119", "query 150"]
    assert len(book.history) == MAX_HISTORY and len(set(book.history)) == MAX_HISTORY


def test_saved_searches_round_trip_and_bad_files_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "config" / "searches.json"
    book = SearchBook()
    book.remember("sanctions")
    book.save_search("Iran watch", "Iran AND sanctions")
    book.save_search("Iran watch", "Iran AND (sanctions OR embargo)")  # re-pointed, not doubled
    with pytest.raises(ValueError):
        book.save_search("", "x")
    book.save(path)
    again = SearchBook.load(path)
    assert again.history == ["sanctions"]
    assert [(s.name, s.query) for s in again.saved] == [
        ("Iran watch", "Iran AND (sanctions OR embargo)")
    ]
    assert not list(path.parent.glob("*.tmp"))
    for junk in ("{broken", "[1, 2]", json.dumps({"history": None, "saved": [{"name": 3}]})):
        path.write_text(junk, encoding="utf-8")
        assert SearchBook.load(path).saved == []


def test_new_documents_since_a_saved_search_was_opened(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    for number in range(3):
        (folder / f"old{number}.md").write_text(f"# Old {number}\n\nA pipeline accord.\n")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    book = SearchBook()
    saved = book.save_search("Pipelines", "pipeline")
    assert count_new(index, saved, {}) == 0
    time.sleep(0.01)
    fresh = folder / "fresh.md"
    fresh.write_text("# Fresh\n\nAnother pipeline deal.\n")
    later = time.time_ns() + 1_000_000
    os.utime(fresh, ns=(later, later))
    (folder / "other.md").write_text("# Other\n\nNothing relevant.\n")
    index.update()
    assert count_new(index, saved, {}) == 1
    book.opened("Pipelines")
    saved.last_opened_ns = max(saved.last_opened_ns, later)
    assert count_new(index, saved, {}) == 0


def test_a_query_is_matched_inside_one_chosen_document(tmp_path: Path) -> None:
    from briefreader.core.loaders import load_document
    from briefreader.core.search.hits import pattern_spans
    from briefreader.core.search.query import Query
    from briefreader.core.search.query_hits import document_pattern

    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n\nThe pipeline treaties were signed.\n")
    (folder / "b.md").write_text("# B\n\nA pipeline, but nothing else.\n")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    a, b = str(folder / "a.md"), str(folder / "b.md")
    pattern = document_pattern(index, Query.parse("pipeline treaty"), a, {})
    text = load_document(Path(a)).text
    assert [text[s.start : s.end] for s in pattern_spans(text, pattern)] == [
        "pipeline",
        "treaties",
    ]
    # b matches only half the query
    assert not document_pattern(index, Query.parse("pipeline treaty"), b, {})
    assert not document_pattern(index, Query.parse("pipeline"), str(folder / "absent.md"), {})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:2015", {"jcpoa"}),
        ("date:2015-07", {"jcpoa"}),
        ("date:2015-08", set()),
        ("date:2015-07-14", {"jcpoa"}),
        ("date:[2010 TO 2020]", {"jcpoa", "edca", "rcep", "doha"}),
        ("date:[2015-07 TO 2020-02]", {"jcpoa", "doha"}),
        ("date:[2020 TO]", {"rcep", "doha"}),
        ("accord date:2020", {"doha"}),
    ],
)
def test_dates_match_by_year_month_and_range_with_the_end_included(
    tmp_path: Path, query: str, expected: set[str]
) -> None:
    from briefreader.core.search.search import search

    folder = tmp_path / "library"
    folder.mkdir()
    dates = {
        "lisbon": "2007-12-13",
        "jcpoa": "2015-07-14",
        "edca": "2014-04-28",
        "rcep": "2020-11-15",
        "doha": "2020-02-29",
    }
    for name, date in dates.items():
        word = "accord" if name == "doha" else "pact"
        (folder / f"{name}.md").write_text(f"---\ndate: {date}\n---\n# {name}\n\nA {word}.\n")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    assert {Path(h.path).stem for h in search(index, query, limit=10).hits} == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 1200, "limit is 1,000"),
        (" ".join(f"w{n}" for n in range(60)), "limit is 48"),
        ('"' + " ".join(["word"] * 20) + '"', "at most 12 words"),
        ("*x*", "at least two letters"),
        ("title:a*", "at least two letters"),
    ],
)
def test_queries_too_big_to_answer_quickly_are_refused(query: str, message: str) -> None:
    from briefreader.core.errors import QueryError
    from briefreader.core.search.query import parse_query

    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_a_wildcard_standing_for_too_many_words_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefreader.core.errors import QueryError
    from briefreader.core.search import search as search_module

    folder = tmp_path / "library"
    folder.mkdir()
    words = " ".join(f"sanction{n}" for n in range(40))
    (folder / "a.md").write_text(f"# A\n\n{words}\n")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    monkeypatch.setattr(search_module, "MAX_EXPANSIONS", 30)
    with pytest.raises(QueryError, match="more than 30 words"):
        search_module.search(index, "sanction*")
    assert search_module.search(index, "sanction1*").total == 1


def test_one_searcher_is_kept_until_a_commit_changes_the_index(tmp_path: Path) -> None:
    from briefreader.core.search.search import search

    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n\nA pipeline accord.\n")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    with index.searcher() as first:
        pass
    with index.searcher() as again:
        assert again is first
    (folder / "b.md").write_text("# B\n\nAnother pipeline.\n")
    index.update()
    with index.searcher() as fresh:
        assert fresh is not first
    assert search(index, "pipeline").total == 2
    index.close()


def test_a_result_list_scans_only_around_its_snippet(tmp_path: Path) -> None:
    from briefreader.core.search.search import search

    folder = tmp_path / "library"
    folder.mkdir()
    body = "The pipeline opens here. " + "Filler about tariffs. " * 3000 + "Late pipeline."
    (folder / "long.md").write_text(f"# Long\n\n{body}\n")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    listed = search(index, "pipeline", all_spans=False).hits[0]
    full = search(index, "pipeline").hits[0]
    assert len(full.spans) == 2  # the command line's spans: offsets into the whole text
    assert listed.spans == () and listed.snippet_spans  # the reader finds them on opening
    assert listed.snippet == full.snippet
