"""The library's entity index: which documents name whom, for person:/org:/place:/treaty:
searches, the entity page and entity facets; kept by content hash and rules digest."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from briefreader.core.entities import Mention
from briefreader.core.entities.library_index import (
    EntityIndex,
    analyse_library,
    mentions_from,
)
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import load_document
from briefreader.core.search.filtered_search import search_filtered
from briefreader.core.workspace import Workspace

BRIEFS = {
    "moscow.md": "# Talks in Moscow\n\nPresident Vladimir Putin met Kim Jong Un in Moscow on "
    "Tuesday. Putin praised the Treaty on Comprehensive Strategic Partnership.\n",
    "brussels.md": "# NATO ministers meet\n\nNATO ministers met in Brussels. Secretary General "
    "Jens Stoltenberg spoke of Russia.\n",
    "tirana.md": "# Albania\n\nThe government in Tirana welcomed the visit of Josep Borrell.\n",
}


def mention(label: str, start: int, text: str, entity: str) -> Mention:
    return Mention(label, start, start + len(text), text, entity)


def test_documents_are_found_by_any_written_form_of_an_entity(tmp_path: Path) -> None:
    index = EntityIndex(tmp_path / "e.sqlite3")
    index.add("a" * 64, [
        mention("PERSON", 10, "Vladimir Putin", "Vladimir Putin"),
        mention("PERSON", 40, "Putin", "Vladimir Putin"),
        mention("GPE", 60, "U.S.", "United States"),
    ])  # fmt: skip
    index.add("b" * 64, [mention("GPE", 5, "Tirana", "Tirana")])
    assert index.documents_naming(["PERSON"], "putin") == {"a" * 64: (10, 24)}
    assert index.documents_naming(["PERSON"], "vlad put") == {"a" * 64: (10, 24)}
    assert index.documents_naming(["GPE"], "united states") == {"a" * 64: (60, 64)}
    assert index.documents_naming(["GPE"], "u.s.") == {"a" * 64: (60, 64)}
    assert index.documents_naming(["GPE"], "iran") == {}  # not inside "Tirana"
    assert index.documents_naming(["GPE"], "100%_") == {}  # LIKE wildcards are literal
    [found] = index.documents_of("PERSON", "Vladimir Putin")
    assert (found.sha256, found.mentions, found.first) == ("a" * 64, 2, (10, 24))
    facets = index.most_named(["a" * 64, "b" * 64], ["GPE", "PERSON"])
    assert sorted(facets) == [
        ("GPE", "Tirana", 1), ("GPE", "United States", 1), ("PERSON", "Vladimir Putin", 1)
    ]  # fmt: skip
    index.add("a" * 64, [])  # a new analysis replaces the old rows
    assert index.documents_of("PERSON", "Vladimir Putin") == []
    assert index.analysed() == {"a" * 64, "b" * 64}


def test_rows_made_by_other_rules_are_dropped_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "e.sqlite3"
    EntityIndex(path).add("c" * 64, [mention("ORG", 0, "NATO", "NATO")])
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE analysed SET rules = 'older rules'")
    reopened = EntityIndex(path)
    assert reopened.analysed() == set()
    assert reopened.documents_naming(["ORG"], "nato") == {}


@pytest.fixture
def library(tmp_path: Path) -> LibraryIndex:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name, text in BRIEFS.items():
        (folder / name).write_text(text, encoding="utf-8")
    index = Workspace(tmp_path / "data").index_for(Library.from_folders([folder]))
    index.update()
    return index


def test_analysis_covers_the_library_once_and_can_stop(tmp_path: Path, library) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    entities = EntityIndex(Workspace(data).entity_index_file)
    read = mentions_from(Workspace(data).entity_cache)
    assert analyse_library(library.hashes(), entities, read, cancelled=lambda: True) == 3
    assert entities.analysed() == set()  # stopped before the first document
    reports: list[tuple[int, int]] = []
    count = analyse_library(
        library.hashes(), entities, read, lambda d, t, _m: reports.append((d, t))
    )
    assert count == 3 and reports[0] == (0, 3) and reports[-1] == (3, 3)
    assert analyse_library(library.hashes(), entities, read) == 0  # nothing left to do


def test_entity_fields_in_the_main_search(tmp_path: Path, library) -> None:  # type: ignore[no-untyped-def]
    sources = Workspace(tmp_path / "data").filter_sources(library, analyse_now=True)

    def names(query: str) -> set[str]:
        return {Path(h.path).name for h in search_filtered(library, sources, query).hits}

    assert names("person:putin") == {"moscow.md"}
    assert names("place:moscow") == {"moscow.md"}
    assert names("org:nato") == {"brussels.md"}
    assert names("place:russia") == {"brussels.md"}
    assert names("person:putin ministers") == set()
    assert names("place:brussels ministers") == {"brussels.md"}
    assert names('person:"jens stoltenberg" place:brussels') == {"brussels.md"}
    assert names("person:nobody") == set()
    [hit] = search_filtered(library, sources, "person:putin").hits
    text = Path(hit.path).read_text(encoding="utf-8")
    assert hit.note_span is not None  # opens at the first mention
    assert "Putin" in text


def test_entity_fields_from_the_command_line(tmp_path: Path, library, capsys) -> None:  # type: ignore[no-untyped-def]
    from briefreader.cli.main import main

    folder = tmp_path / "briefs"
    code = main(["search", "place:moscow", "--library", str(folder), "--json",
                 "--data-dir", str(tmp_path / "data")])  # fmt: skip
    assert code == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [Path(hit["path"]).name for hit in hits] == ["moscow.md"]


def test_the_entity_page_rows_count_mentions_and_cut_a_snippet(tmp_path: Path, library) -> None:  # type: ignore[no-untyped-def]
    from briefreader.core.entities.entity_page import entity_documents

    data = tmp_path / "data"
    entities = EntityIndex(Workspace(data).entity_index_file)
    analyse_library(library.hashes(), entities, mentions_from(Workspace(data).entity_cache))
    [row] = entity_documents(entities, library, "PERSON", "Vladimir Putin")
    assert (Path(row.path).name, row.title, row.mentions) == ("moscow.md", "Talks in Moscow", 2)
    start, end = row.mention_in_snippet
    assert row.snippet[start:end] == "Vladimir Putin" and "\n" not in row.snippet
    body = load_document(Path(row.path)).text  # offsets into the canonical text
    assert body[row.first[0] : row.first[1]] == "Vladimir Putin"
    assert entity_documents(entities, library, "PERSON", "Nobody Here") == []


def test_a_second_entity_query_from_the_command_line_reads_the_index(
    tmp_path: Path, library, capsys  # type: ignore[no-untyped-def]
) -> None:
    """The entity index keeps its rows between runs: the second `person:` query analyses
    nothing again (its stored rules key matches)."""
    from briefreader.cli.main import main

    data = tmp_path / "data"
    args = ["search", "person:putin", "--library", str(tmp_path / "briefs"), "--json",
            "--data-dir", str(data)]  # fmt: skip
    assert main(args) == 0
    capsys.readouterr()
    index = EntityIndex(
        Workspace(data).entity_index_file, Workspace(data).entity_corrections.rules()
    )
    before = index.analysed()
    assert len(before) == 3
    with sqlite3.connect(Workspace(data).entity_index_file) as connection:
        connection.execute("UPDATE named SET mentions = mentions + 100")
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["hits"]
    with sqlite3.connect(Workspace(data).entity_index_file) as connection:
        counts = [row[0] for row in connection.execute("SELECT mentions FROM named")]
    assert counts and all(count > 100 for count in counts)  # not re-analysed


def test_analysis_in_worker_processes_gives_the_same_index(tmp_path: Path) -> None:
    """Enough documents and two workers: the analysis runs in processes (the model holds
    the GIL) and records exactly what one thread records."""
    from briefreader.core.entities.library_index import PARALLEL_FROM

    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(PARALLEL_FROM + 2):
        brief = list(BRIEFS.values())[number % len(BRIEFS)]
        (folder / f"b{number:03}.md").write_text(f"{brief}\nItem {number}.\n", encoding="utf-8")
    library = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    library.update()

    def rows(workers: int) -> list[tuple[object, ...]]:
        data = tmp_path / f"data{workers}"
        index = EntityIndex(Workspace(data).entity_index_file)
        read = mentions_from(Workspace(data).entity_cache)
        assert analyse_library(library.hashes(), index, read, workers=workers) == PARALLEL_FROM + 2
        with sqlite3.connect(Workspace(data).entity_index_file) as connection:
            return sorted(connection.execute("SELECT * FROM named").fetchall())

    assert rows(2) == rows(1) != []
