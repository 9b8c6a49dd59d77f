"""Annotations: a real SQLite store, re-anchoring after edits, orphans, renames, undo data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefreader.core.annotations import AnnotationStore, anchor, quote_selector
from briefreader.core.annotations.model import ANCHORED, MOVED, ORPHANED
from briefreader.core.loaders import load_document

TEXT = (
    "# Border Talks\n\nThe two sides agreed to reopen the northern crossing in May. "
    "Officials said the customs annex would follow. The northern crossing had been closed "
    "since the floods.\n"
)


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(tmp_path / "data" / "annotations.sqlite3")


def write(path: Path, text: str):  # type: ignore[no-untyped-def]
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def note_on(store: AnnotationStore, document, phrase: str, occurrence: int = 0):  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(phrase, start + 1)
    return store.create(document, start, start + len(phrase), "key", "check", ["border"])


@pytest.mark.parametrize(
    ("edit", "state"),
    [
        (lambda t: "Breaking: " + t.replace("# Border Talks", "# Border Talks\n\nUpdate."), MOVED),
        (lambda t: t + "\nMore text after.\n", ANCHORED),
        (lambda t: t.replace("customs annex", "customs and excise annex"), MOVED),
    ],
)
def test_notes_follow_their_passage_through_edits(store, tmp_path, edit, state) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "talks.md"
    document = write(path, TEXT)
    note = note_on(store, document, "Officials said the customs annex would follow")
    edited = write(path, edit(TEXT))
    [found] = store.for_document(edited)
    assert found.id == note.id and found.state == state
    quoted = edited.text[found.start : found.end]
    assert quoted.startswith("Officials said the customs") and quoted.endswith("would follow")
    assert found.sha256 == edited.metadata.sha256


def test_a_deleted_passage_orphans_the_note_and_never_drops_it(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "talks.md"
    note = note_on(store, write(path, TEXT), "Officials said the customs annex would follow")
    edited = write(path, TEXT.replace("Officials said the customs annex would follow. ", ""))
    [found] = store.for_document(edited)
    assert found.id == note.id and found.state == ORPHANED
    assert store.get(note.id).exact.startswith("Officials said")
    start = edited.text.index("The northern crossing had")
    attached = store.reattach(note.id, edited, start, start + 25)
    assert attached.state == ANCHORED and attached.exact == "The northern crossing had"


def test_the_right_one_of_duplicated_quotes_is_found(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "talks.md"
    document = write(path, TEXT)
    second = note_on(store, document, "northern crossing", occurrence=1)
    edited = write(path, "Preface.\n\n" + TEXT)
    [found] = store.for_document(edited)
    expected = edited.text.index("northern crossing", edited.text.index("northern crossing") + 1)
    assert found.id == second.id and found.start == expected


def test_characters_outside_the_bmp_before_the_quote(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "talks.md"
    note_on(store, write(path, TEXT), "customs annex")
    edited = write(path, TEXT.replace("The two sides", "😀👩‍👩‍👧 The two sides"))
    [found] = store.for_document(edited)
    assert edited.text[found.start : found.end] == "customs annex"


def test_a_renamed_file_keeps_its_notes(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "talks.md"
    note = note_on(store, write(old, TEXT), "customs annex")
    new = tmp_path / "sub" / "renamed.md"
    new.parent.mkdir()
    old.rename(new)
    [found] = store.for_document(load_document(new))
    assert found.id == note.id and found.path == str(new)


def test_notes_keep_the_path_inside_their_library(tmp_path) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "lib"
    (library / "gulf").mkdir(parents=True)
    store = AnnotationStore(tmp_path / "data" / "a.sqlite3", [library])
    note = note_on(store, write(library / "gulf" / "talks.md", TEXT), "customs annex")
    assert (note.library, note.relative_path) == (str(library), "gulf/talks.md")
    loose = tmp_path / "loose.md"  # outside every library: its own folder stands in
    assert note_on(store, write(loose, TEXT), "floods").relative_path == "loose.md"


def test_a_renamed_library_folder_keeps_notes_on_edited_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "lib"
    (library / "gulf").mkdir(parents=True)
    store = AnnotationStore(tmp_path / "data" / "a.sqlite3", [library])
    note = note_on(store, write(library / "gulf" / "talks.md", TEXT), "customs annex")
    library.rename(tmp_path / "lib-2026")
    store.add_library_folders([tmp_path / "lib-2026"])
    edited = write(tmp_path / "lib-2026" / "gulf" / "talks.md", "Update.\n\n" + TEXT)
    [found] = store.for_document(edited)
    assert found.id == note.id and found.state == MOVED
    assert edited.text[found.start : found.end] == "customs annex"
    assert (found.library, found.relative_path) == (str(tmp_path / "lib-2026"), "gulf/talks.md")


def test_a_namesake_in_another_library_does_not_take_the_notes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    store = AnnotationStore(tmp_path / "data" / "a.sqlite3", [first, second])
    note_on(store, write(first / "notes.md", TEXT), "customs annex")
    assert store.for_document(write(second / "notes.md", TEXT + "Other.\n")) == []
    (first / "notes.md").unlink()  # its library is still there: the note waits, unmoved
    assert store.for_document(write(second / "notes.md", TEXT + "Other again.\n")) == []


def test_a_version_1_store_is_migrated_with_a_backup(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefreader.core.annotations.store import _MIGRATIONS

    data = tmp_path / "data"
    data.mkdir()
    path = data / "annotations.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(_MIGRATIONS[1])
        connection.execute(
            "INSERT INTO annotations VALUES ('n1', ?, 'abc', 'x', '', '', 0, 1, 'key', '', '', "
            "'anchored', 't', 't')",
            (str(tmp_path / "lib" / "a" / "doc.md"),),
        )
        connection.execute("PRAGMA user_version=1")
    store = AnnotationStore(path, [tmp_path / "lib"])
    note = store.get("n1")
    assert (note.library, note.relative_path) == (str(tmp_path / "lib"), "a/doc.md")
    assert (data / "annotations.sqlite3.v1.bak").exists()


def test_edit_delete_restore_and_the_schema(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    note = note_on(store, write(tmp_path / "t.md", TEXT), "customs annex")
    edited = store.edit(note.id, comment="**verify**", tags=["a", "b"], color="concern")
    assert (edited.comment, edited.tags, edited.color) == ("**verify**", ["a", "b"], "concern")
    removed = store.delete(note.id)
    assert store.everything() == []
    store.restore(removed)
    assert store.get(note.id).created == note.created
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert [key for key, _m, _c in store.colours()] == ["key", "concern", "confirmed", "question"]


def test_fuzzy_anchoring_has_a_floor() -> None:
    exact, prefix, suffix = quote_selector(TEXT, 20, 60)
    rewritten = "Completely different words about weather and sport only."
    assert anchor(rewritten, exact, prefix, suffix, 20, 60) is None


def test_note_and_tag_fields_search_the_analysts_notes(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefreader.core.annotations.search_fields import search_with_notes, split_note_clauses
    from briefreader.core.index.library_index import LibraryIndex
    from briefreader.core.library import Library

    folder = tmp_path / "lib"
    folder.mkdir()
    first = write(folder / "a.md", TEXT)
    write(folder / "b.md", "# Other\n\nThe northern crossing is mentioned here too.\n")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    start = first.text.index("customs annex")
    store.create(first, start, start + 13, "key", "Verify with the Geneva desk", ["border"])
    assert split_note_clauses('crossing tag:border note:"geneva desk"') == (
        "crossing", ["geneva", "desk"], ["border"]
    )
    found = search_with_notes(index, store, "tag:border")
    assert [Path(h.path).name for h in found.hits] == ["a.md"]
    assert found.hits[0].note_span == (start, start + 13)
    assert search_with_notes(index, store, "note:geneva crossing").total == 1
    assert search_with_notes(index, store, "note:geneva tariffs").total == 0
    assert search_with_notes(index, store, "tag:absent").total == 0
    assert search_with_notes(index, store, "crossing").total == 2
