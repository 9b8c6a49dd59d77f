"""``notes import FILE`` trusts nothing in the file: each note is checked against its document
(quote at its offsets, else re-anchored, else honestly orphaned), colours and states are
checked, ids repeated in the file are counted as duplicates, and hostile JSON (100,000 levels
deep, nulls, ``1e400``) gives one line, never a traceback. Real files, real CLI processes."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
TEXT = "# Cable\n\nThe pact was signed in Oslo. The ports stay open to every fleet.\n"


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefreader", *args, "--data-dir", str(data)],
        capture_output=True, text=True, timeout=120, cwd=REPO,
    )  # fmt: skip


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A document and the JSON export of one note on "Oslo" in it."""
    cable = tmp_path / "cable.md"
    cable.write_text(TEXT, encoding="utf-8")
    source = tmp_path / "source-data"
    assert _cli(source, "notes", "add", str(cable), "--quote", "Oslo").returncode == 0
    out = _cli(source, "notes", "export", "--format", "json")
    return cable, json.loads(out.stdout)


def _import(tmp_path: Path, payload: object | str) -> tuple[subprocess.CompletedProcess[str],
                                                            list[dict[str, Any]]]:  # fmt: skip
    path = tmp_path / "import.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), "utf-8")
    data = tmp_path / "data"
    result = _cli(data, "notes", "import", str(path))
    listed = _cli(data, "notes", "list", "--json")
    notes = json.loads(listed.stdout)["annotations"] if listed.returncode == 0 else []
    return result, notes


def _variant(collection: dict[str, Any], note_id: str, **changes: Any) -> dict[str, Any]:
    item = copy.deepcopy(collection["items"][0])
    item["id"] = f"urn:uuid:{note_id}"
    quote, position = item["target"]["selector"]
    for key, value in changes.items():
        if key in ("exact", "prefix", "suffix"):
            quote[key] = value
        elif key in ("start", "end"):
            position[key] = value
        else:
            item[f"briefreader:{key}"] = value
    return item


def test_each_note_is_checked_against_its_document(
    tmp_path: Path, exported: tuple[Path, dict[str, Any]]
) -> None:
    cable, collection = exported
    oslo = collection["items"][0]["target"]["selector"][1]["start"]  # in the canonical text
    items = [
        _variant(collection, "as-exported"),
        # Same hash claimed, but the quote is not in the file at all.
        _variant(collection, "not-in-file", exact="Reykjavik summit"),
        # The quote is in the file, elsewhere than the offsets say (or past its end).
        _variant(collection, "wrong-offsets", start=2, end=6),
        _variant(collection, "past-the-end", start=10**6, end=10**6 + 4),
        _variant(collection, "gone-past-end", exact="Reykjavik", start=10**6, end=10**6 + 9),
        _variant(collection, "bad-colour", color="javascript"),
        _variant(collection, "bad-state", state="pwned"),
    ]
    result, notes = _import(tmp_path, {**collection, "items": items})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "imported 5 annotation(s) (2 re-anchored, 2 orphaned: quote or document not found "
        "here); skipped 0 duplicate(s); 2 invalid: 1 unknown colour, 1 unknown state"
    )
    by_id = {note["id"]: note for note in notes}
    assert set(by_id) == {"as-exported", "not-in-file", "wrong-offsets", "past-the-end",
                          "gone-past-end"}  # fmt: skip
    assert (by_id["as-exported"]["state"], by_id["as-exported"]["start"]) == ("anchored", oslo)
    for moved in ("wrong-offsets", "past-the-end"):
        assert by_id[moved]["state"] == "moved"
        assert (by_id[moved]["start"], by_id[moved]["end"]) == (oslo, oslo + 4)
    for orphan in ("not-in-file", "gone-past-end"):
        assert by_id[orphan]["state"] == "orphaned"
        assert 0 <= by_id[orphan]["start"] <= by_id[orphan]["end"] <= len(TEXT)
    assert str(cable) == by_id["as-exported"]["path"]


def test_ids_repeated_in_the_file_or_already_here_are_counted_as_duplicates(
    tmp_path: Path, exported: tuple[Path, dict[str, Any]]
) -> None:
    _cable, collection = exported
    item = collection["items"][0]
    result, notes = _import(tmp_path, {**collection, "items": [item, item]})
    assert result.stdout.startswith("imported 1 annotation(s); skipped 1 duplicate(s)")
    assert len(notes) == 1
    again, notes = _import(tmp_path, collection)
    assert again.stdout.startswith("imported 0 annotation(s); skipped 1 duplicate(s)")
    assert len(notes) == 1


def test_items_of_the_wrong_shape_are_counted_with_their_reasons(
    tmp_path: Path, exported: tuple[Path, dict[str, Any]]
) -> None:
    _cable, collection = exported
    good = collection["items"][0]
    start = f'"start": {good["target"]["selector"][1]["start"]}'
    null_body = {**_variant(collection, "null-body"), "body": None}  # no body: still a note
    items_text = ",".join([
        json.dumps(null_body),
        json.dumps({**_variant(collection, "null-in-body"), "body": [None]}),
        json.dumps(_variant(collection, "float-offset", start=1.5)),
        json.dumps(_variant(collection, "negative", start=-4)),
        json.dumps(_variant(collection, "reversed", start=9, end=3)),
        json.dumps(_variant(collection, "null-quote", exact=None)),
        json.dumps({**good, "id": None}),
        "null",
        json.dumps(_variant(collection, "huge")).replace(start, '"start": 1e400'),
        json.dumps(_variant(collection, "digits")).replace(start, '"start": ' + "9" * 5000),
    ])  # fmt: skip
    assert '"start": 1e400' in items_text and "9" * 5000 in items_text
    payload = '{"type": "AnnotationCollection", "items": [' + items_text + "]}"
    result, notes = _import(tmp_path, payload)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert [note["id"] for note in notes] == ["null-body"]
    assert result.stdout.strip() == (
        "imported 1 annotation(s); skipped 0 duplicate(s); 9 invalid: 3 offsets are not "
        "whole numbers, 1 a body that is not a list of objects, 1 offsets out of range, "
        "1 offsets out of order, 1 an empty quote, 1 no usable id, 1 an item is not an object"
    )


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"items": [' * 50_000 + "]}" * 50_000, "nested too deeply"),
        ('{"items": [{"id": NaN}]}', "not a number"),
        ("null", "no list of items"),
        ('{"items": null}', "no list of items"),
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
    ],
)
def test_a_file_that_is_not_an_export_gives_one_line(
    tmp_path: Path, payload: str, reason: str
) -> None:
    result, notes = _import(tmp_path, payload)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and reason in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and notes == []


def test_bytes_that_are_not_utf8_give_one_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"items": ["\xe9"]}')
    result = _cli(tmp_path / "data", "notes", "import", str(path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
