"""Damaged SQLite stores and racing first use (every store the app keeps: notes, entity and
fact corrections, the entity index).

A damaged file is moved aside as ``<name>.damaged-<timestamp>``, reported in one line (the log,
the CLI's stderr) and a fresh one started; nothing is ever "added" into a broken file. Several
processes making the same new data folder at once all succeed.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefreader.core.entities.library_index import EntityIndex
from briefreader.core.loaders import load_document
from briefreader.core.storage.sqlite_file import SqliteFile, StoreDamagedError, listen_for_damage
from briefreader.core.workspace import NOTES_FILE, Workspace
from briefreader.paths import AppPaths
from briefreader.ui.window.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
TEXT = "# Cable\n\nThe pact was signed in Oslo. The ports are open.\n"


def _fill_notes(folder: Path, document: Path) -> None:
    store = Workspace(folder).notes
    for start in range(0, 40, 2):
        store.create(load_document(document), start + 2, start + 5, "key", "x" * 3000)


def _fill_entities(folder: Path, _document: Path) -> None:
    store = Workspace(folder).entity_corrections
    for number in range(40):
        store.add("PERSON", f"Someone number {number} " + "y" * 150)


def _fill_facts(folder: Path, _document: Path) -> None:
    store = Workspace(folder).fact_corrections
    for number in range(40):
        store.record(f"/x/{number}.md", "Pact", "status", "confirm", "z" * 2000)


def _fill_index(folder: Path, _document: Path) -> None:
    index = EntityIndex(Workspace(folder).entity_index_file)
    index.add("a" * 64, [])
    for number in range(30):
        index.add(f"{number:064d}", [], [])


STORES: dict[str, tuple[Callable[[Path], SqliteFile], Callable[[Path, Path], None], str]] = {
    "notes": (lambda folder: Workspace(folder).notes, _fill_notes, NOTES_FILE),
    "entity corrections": (
        lambda folder: Workspace(folder).entity_corrections,
        _fill_entities,
        "entity-corrections.sqlite3",
    ),
    "fact corrections": (
        lambda folder: Workspace(folder).fact_corrections,
        _fill_facts,
        "fact-corrections.sqlite3",
    ),
    "entity index": (
        lambda folder: EntityIndex(Workspace(folder).entity_index_file),
        _fill_index,
        "analysis/entity-index.sqlite3",
    ),
}


def _junk(data: bytes) -> bytes:
    return b"This is not what was written here. " * (len(data) // 35 + 1)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "junk": _junk,
    "truncated to 100 bytes": lambda data: data[:100],
    "truncated to its first page": lambda data: data[:4096],
    "truncated in half": lambda data: data[: len(data) // 2 // 4096 * 4096 + 1000],
    "junk in the middle": lambda data: data[:8192] + os.urandom(len(data) - 8192),
}


@pytest.fixture
def cable(tmp_path: Path) -> Path:
    path = tmp_path / "cable.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("kind", STORES)
def test_a_damaged_store_is_kept_aside_reported_and_started_afresh(
    tmp_path: Path, cable: Path, kind: str, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    opener, fill, name = STORES[kind]
    folder = tmp_path / "data"
    fill(folder, cable)
    path = folder / name
    assert not Path(f"{path}-wal").exists()  # checkpointed: the file holds every page
    original = path.read_bytes()
    assert len(original) > 3 * 4096
    broken = DAMAGE[damage](original)
    path.write_bytes(broken)

    heard: list[str] = []
    stop = listen_for_damage(heard.append)
    try:
        with caplog.at_level(logging.WARNING, logger="briefreader"):
            store = opener(folder)
    finally:
        stop()
    assert store.recovered_from is not None
    assert store.recovered_from.name.startswith(f"{path.name}.damaged-")
    assert store.recovered_from.read_bytes() == broken  # the damaged copy, untouched
    assert len(heard) == 1 and "\n" not in heard[0]
    assert str(path) in heard[0] and store.recovered_from.name in heard[0]
    assert [r.getMessage() for r in caplog.records if "damaged" in r.getMessage()] == heard
    # A fresh, sound file is in its place and takes changes.
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    fill(folder, cable)
    assert opener(folder).recovered_from is None


def test_damage_found_while_in_use_changes_nothing_and_starts_afresh(
    tmp_path: Path, cable: Path
) -> None:
    folder = tmp_path / "data"
    _fill_notes(folder, cable)
    store = Workspace(folder).notes  # opened while sound
    path = Workspace(folder).notes_file
    path.write_bytes(_junk(path.read_bytes()))
    document = load_document(cable)
    with pytest.raises(StoreDamagedError, match="nothing was changed"):
        store.create(document, 2, 7, "key", "lost?")
    assert store.recovered_from is not None and store.recovered_from.exists()
    note = store.create(document, 2, 7, "key", "kept")  # the fresh file works at once
    assert [n.id for n in Workspace(folder).notes.everything()] == [note.id]


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefreader", *args, "--data-dir", str(data)],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )  # fmt: skip


@pytest.mark.parametrize("damage", ["junk", "truncated to 100 bytes", "truncated in half"])
def test_notes_add_on_a_damaged_file_says_so_and_the_note_can_be_listed(
    tmp_path: Path, cable: Path, damage: str
) -> None:
    data = tmp_path / "data"
    _fill_notes(data, cable)
    path = Workspace(data).notes_file
    path.write_bytes(DAMAGE[damage](path.read_bytes()))

    added = _cli(data, "notes", "add", str(cable), "--quote", "Oslo", "--json")
    assert added.returncode == 0, added.stderr
    assert "Traceback" not in added.stderr
    lines = added.stderr.strip().splitlines()
    assert len(lines) == 1 and "damaged" in lines[0] and ".damaged-" in lines[0]
    note = json.loads(added.stdout)
    listed = _cli(data, "notes", "list", "--json")
    assert listed.returncode == 0 and listed.stderr == ""
    assert [n["id"] for n in json.loads(listed.stdout)["annotations"]] == [note["id"]]
    assert len(list(data.glob(f"{NOTES_FILE}.damaged-*"))) == 1
    assert "was damaged" in Workspace(data).log_file.read_text(encoding="utf-8")


FIRST_USE = """
import sys, time
from pathlib import Path
from briefreader.core.entities.library_index import EntityIndex
from briefreader.core.workspace import Workspace

base, start, rounds = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
failures = []
for n in range(rounds):
    delay = start + n * 0.15 - time.time()
    if delay > 0:
        time.sleep(delay)  # every process starts the round at the same instant
    folder = base / f"round-{n}"
    try:
        Workspace(folder).notes.colours()
        Workspace(folder).entity_corrections.all()
        Workspace(folder).fact_corrections.all()
        EntityIndex(Workspace(folder).entity_index_file)
    except Exception as exc:
        failures.append(f"round {n}: {type(exc).__name__}: {exc}")
print(len(failures), failures[:3])
"""


def test_processes_making_the_same_new_data_folder_at_once_all_succeed(tmp_path: Path) -> None:
    rounds = 40
    start = time.time() + 2.0  # after every interpreter has started
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", FIRST_USE, str(tmp_path), str(start), str(rounds)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        )
        for _ in range(4)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert out.startswith("0 "), out
    for n in range(rounds):
        with sqlite3.connect(tmp_path / f"round-{n}" / NOTES_FILE) as connection:
            assert connection.execute("SELECT COUNT(*) FROM palette").fetchone()[0] == 4


def test_notes_commands_starting_together_on_a_new_folder_all_add(
    tmp_path: Path, cable: Path
) -> None:
    for round_number in range(3):
        data = tmp_path / f"data-{round_number}"
        commands = [
            subprocess.Popen(
                [sys.executable, "-m", "briefreader", "notes", "add", str(cable), "--quote",
                 quote, "--data-dir", str(data)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
            )
            for quote in ("Cable", "pact", "Oslo", "ports")
        ]
        for command in commands:
            out, err = command.communicate(timeout=120)
            assert command.returncode == 0 and out.startswith("added"), err
        listed = _cli(data, "notes", "list", "--json")
        assert len(json.loads(listed.stdout)["annotations"]) == 4


def test_the_window_says_in_its_status_bar_that_a_store_was_set_aside(
    qtbot: QtBot, tmp_path: Path, cable: Path
) -> None:
    data = tmp_path / "data"
    _fill_notes(data, cable)
    (Workspace(data).notes_file).write_bytes(b"\0junk" * 3000)
    window = MainWindow(AppPaths.resolve(data))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.damage_reports), timeout=10000)
    assert len(window.damage_reports) == 1
    assert "notes file" in window.statusBar().currentMessage()
    assert ".damaged-" in window.statusBar().currentMessage()
    assert window.workspace.notes.everything() == []  # a fresh, working store
    window.close()
