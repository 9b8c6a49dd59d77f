"""The analyst's entity corrections: kept as user data, laid over every document's mentions,
seen by the entities command and by the entity search fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefreader.cli.main import main
from briefreader.core.entities import extract_entities
from briefreader.core.entities.corrections import (
    CorrectionError,
    EntityCorrections,
    apply_corrections,
    watched_spans,
)
from briefreader.core.loaders import parse_text
from briefreader.core.text.document import Metadata
from briefreader.core.workspace import Workspace

TEXT = (
    "President Vladimir Putin met Kim Jong Un in Moscow. New START was discussed, and "
    "Putin said New START matters. Five Years Without Changes was the headline."
)


@pytest.fixture
def store(tmp_path: Path) -> EntityCorrections:
    return EntityCorrections(tmp_path / "data" / "c.sqlite3")


def names(mentions) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(m.label, m.text, m.entity) for m in mentions}


def corrected(store: EntityCorrections, text: str = TEXT, sha: str = "v1"):  # type: ignore[no-untyped-def]
    return apply_corrections(text, extract_entities(text), store.all(), sha)


def test_removing_an_entity_or_one_mention(store: EntityCorrections) -> None:
    raw = extract_entities(TEXT)
    wrong = next(m for m in raw if m.text == "Moscow")
    store.remove_entity(wrong.label, wrong.entity)
    assert not any(m.text == "Moscow" for m in corrected(store))
    second = next(m for m in raw if m.text == "Putin")
    store.remove_mention(second, "v1")
    assert all(m.start != second.start for m in corrected(store))
    assert any(m.start == second.start for m in corrected(store, sha="v2"))  # that version only


def test_an_added_name_is_found_everywhere_and_claims_its_text(
    store: EntityCorrections,
) -> None:
    store.add("TREATY", "New  START")
    treaties = [m for m in corrected(store) if m.label == "TREATY"]
    assert [(m.text, m.entity) for m in treaties] == [("New START", "New START")] * 2
    assert not any(m.label != "TREATY" and "START" in m.text for m in corrected(store))
    other = "A NEW START? The New STARTER kit. New START."
    assert [m.start for m in corrected(store, other) if m.label == "TREATY"] == [34]
    with pytest.raises(CorrectionError):
        store.add("THING", "x")
    with pytest.raises(CorrectionError):
        store.add("ORG", "   ")


def test_rename_and_merge_follow_each_other(store: EntityCorrections) -> None:
    store.rename("PERSON", "Vladimir Putin", "Vladimir V. Putin")
    store.rename("PERSON", "Vladimir V. Putin", "V. V. Putin")
    store.rename("PERSON", "V. V. Putin", "Vladimir Putin")  # a loop is cut, not followed
    people = {m.entity for m in corrected(store) if m.label == "PERSON" and "Putin" in m.text}
    assert len(people) == 1
    with pytest.raises(CorrectionError):
        store.rename("PERSON", "A", "A")
    fresh = EntityCorrections(store.path)  # user data: another window sees the same
    assert [c.kind for c in fresh.all()] == ["rename"] * 3


def test_undo_and_the_version(store: EntityCorrections) -> None:
    before = store.version()
    number = store.remove_entity("GPE", "Moscow")
    assert store.version() != before
    store.undo(number)
    assert store.all() == [] and store.version() == before  # the same corrections again


def test_the_watch_list(store: EntityCorrections) -> None:
    store.watch("  kim  jong un ")
    store.watch("Moscow")
    assert store.watched() == ["Moscow", "kim jong un"]
    spans = watched_spans(TEXT, store.watched())
    assert [TEXT[s.start : s.end] for s in spans] == ["Kim Jong Un", "Moscow"]
    store.unwatch("Moscow")
    assert store.watched() == ["kim jong un"]


def test_the_entities_command_and_person_field_apply_corrections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "talks.md").write_text(TEXT, encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    store = Workspace(tmp_path / "data").entity_corrections
    assert main(["search", "person:putin", "--library", str(folder), "--json", *data]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1
    store.rename("PERSON", "Vladimir Putin", "Vladimir Vladimirovich Putin")
    store.add("TREATY", "New START")
    assert main(["entities", str(folder / "talks.md"), "--json", *data]) == 0
    entities = json.loads(capsys.readouterr().out)["entities"]
    assert {e["entity"] for e in entities if e["label"] == "PERSON" and "Putin" in e["text"]} == {
        "Vladimir Vladimirovich Putin"
    }
    assert main(["search", "person:vladimirovich", "--library", str(folder), "--json", *data]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1
    assert main(["search", 'treaty:"new start"', "--library", str(folder), "--json", *data]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1


def test_offsets_stay_exact_after_corrections(store: EntityCorrections) -> None:
    document = parse_text("😀 " + TEXT, "plain", Metadata(path="x.txt", title=""), "x")
    store.add("TREATY", "New START")
    for mention in store.corrected(document, extract_entities(document.text)):
        assert document.text[mention.start : mention.end] == mention.text
