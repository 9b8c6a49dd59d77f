"""The adjacent-phrase matcher finds exactly what Whoosh's span matcher finds, and stays
quick on documents made of the phrase's own words repeated."""

from __future__ import annotations

import random
from pathlib import Path

from whoosh.analysis import RegexTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Phrase

from briefreader.core.library import Library
from briefreader.core.search.phrase import AdjacentPhrase
from briefreader.core.search.query import parse_query
from briefreader.core.search.search import search
from briefreader.core.workspace import Workspace

WORDS = ["accord", "treaty", "signed", "paris", "trade", "pact"]


def _random_index() -> tuple[object, list[list[str]]]:
    schema = Schema(name=ID(stored=True), body=TEXT(analyzer=RegexTokenizer(), phrase=True))
    index = RamStorage().create_index(schema)
    chooser = random.Random(7)
    documents = [[chooser.choice(WORDS) for _ in range(chooser.randint(1, 40))] for _ in range(300)]
    with index.writer() as writer:
        for number, words in enumerate(documents):
            writer.add_document(name=str(number), body=" ".join(words))
    return index, documents


def test_adjacent_phrase_matches_the_span_matcher_on_random_documents() -> None:
    index, documents = _random_index()
    chooser = random.Random(11)
    phrases = [[chooser.choice(WORDS) for _ in range(chooser.randint(2, 4))] for _ in range(60)]
    phrases += [["treaty", "treaty"], ["pact", "pact", "pact"]]
    with index.searcher() as searcher:  # type: ignore[attr-defined]
        for words in phrases:
            ours = {h["name"] for h in searcher.search(AdjacentPhrase("body", words), limit=None)}
            whooshs = {h["name"] for h in searcher.search(Phrase("body", words), limit=None)}
            truth = {
                str(n)
                for n, doc in enumerate(documents)
                if any(doc[i : i + len(words)] == words for i in range(len(doc)))
            }
            assert ours == whooshs == truth, words


def test_phrases_with_slop_keep_whooshs_matcher() -> None:
    index, _documents = _random_index()
    with index.searcher() as searcher:  # type: ignore[attr-defined]
        words = ["treaty", "paris"]
        near = {h["name"] for h in searcher.search(AdjacentPhrase("body", words, slop=3))}
        whooshs = {h["name"] for h in searcher.search(Phrase("body", words, slop=3))}
        assert near == whooshs and near


def test_the_query_parser_makes_adjacent_phrases() -> None:
    found = []
    parse_query('"paris accord" OR trade').accept(lambda q: found.append(type(q)) or q)
    assert AdjacentPhrase in found


def test_a_phrase_of_repeated_words_on_a_huge_repetitive_document(
    tmp_path: Path, data_dir: Path
) -> None:
    """800 KB of one word: Whoosh's span matcher needed seconds here (timed in
    benchmarks/bench_hostile_queries.py); the answer must stay right."""
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "echo.txt").write_text("Echo\n\n" + "lol " * 200_000, "utf-8")
    (folder / "other.txt").write_text("Other\n\nlol cats and lol dogs", "utf-8")
    index = Workspace(data_dir).index_for(Library([folder]))
    index.update()
    results = search(index, '"lol lol lol"', all_spans=False)
    assert [Path(hit.path).name for hit in results.hits] == ["echo.txt"]
    assert search(index, '"lol cats"').total == 1
