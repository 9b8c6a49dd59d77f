"""Ranking: the faster BM25F gives Whoosh's own scores, document for document."""

from __future__ import annotations

import random

import pytest
from whoosh.scoring import BM25F

from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search.query import parse_query
from briefreader.core.whoosh_ext.scoring import FastBM25F

WORDS = [
    "treaty",
    "accord",
    "signed",
    "minister",
    "trade",
    "energy",
    "border",
    "navy",
    "summit",
    "delegation",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> LibraryIndex:
    folder = tmp_path_factory.mktemp("lib")
    rng = random.Random(3)
    for number in range(120):
        words = rng.choices(WORDS, k=rng.randrange(3, 400))
        title = " ".join(rng.choices(WORDS, k=rng.randrange(1, 6)))
        (folder / f"doc{number}.md").write_text(f"# {title}\n\n{' '.join(words)}\n", "utf-8")
    library_index = LibraryIndex(Library.from_folders([folder]), folder.parent / "index")
    library_index.update()
    for number in range(5):  # a second segment, with deleted documents in the first
        (folder / f"doc{number}.md").write_text(f"# Edited\n\n{WORDS[number]} edited\n", "utf-8")
    library_index.update()
    return library_index


@pytest.mark.parametrize(
    "query", ["treaty", "trade energy", "navy OR summit", '"signed minister"', "title:border"]
)
def test_scores_equal_whooshs_bm25f(index: LibraryIndex, query: str) -> None:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index.directory), indexname="MAIN")
    parsed = parse_query(query)
    with ix.searcher(weighting=BM25F()) as plain, ix.searcher(weighting=FastBM25F()) as fast:
        assert len(ix._segments()) == 2
        expected = {hit["path"]: hit.score for hit in plain.search(parsed, limit=None)}
        found = {hit["path"]: hit.score for hit in fast.search(parsed, limit=None)}
    assert expected and found.keys() == expected.keys()
    assert all(found[path] == pytest.approx(score, rel=1e-12) for path, score in expected.items())
