"""Corrections to treaty facts: confirm, edit, delete, add with evidence; user data that
survives recomputation, seen by the facts command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefreader.cli.main import main
from briefreader.core.entities import extract_entities
from briefreader.core.facts import extract_facts
from briefreader.core.facts.corrections import (
    ADD,
    CONFIRM,
    DELETE,
    EDIT,
    FactCorrectionError,
    FactCorrections,
)
from briefreader.core.text.document import Span
from briefreader.core.workspace import Workspace

TEXT = (
    "# Fisheries pact signed\n\nMinisters of Chile and Peru signed the Pacific Fisheries "
    "Agreement in Lima on 3 May 2024. The Pacific Fisheries Agreement covers fishing quotas "
    "and will remain in force for ten years.\n"
)
NAME = "Pacific Fisheries Agreement"


@pytest.fixture
def store(tmp_path: Path) -> FactCorrections:
    return FactCorrections(tmp_path / "data" / "f.sqlite3")


def test_each_correction_is_laid_over_the_extracted_facts(store: FactCorrections) -> None:
    facts = extract_facts(TEXT, extract_entities(TEXT, model=False))
    store.record("/a.md", NAME, "signed_place", CONFIRM, "Lima")
    store.record("/a.md", NAME, "duration", EDIT, "10 years", "ten years, renewable")
    store.record("/a.md", NAME, "parties", DELETE, "Peru")
    quote = TEXT.index("Ministers")
    store.record("/a.md", NAME, "signatories", ADD, "", "Ministers", Span(quote, quote + 9))
    store.record("/other.md", NAME, "status", DELETE, "signed")  # another document's
    [treaty] = store.corrected("/a.md", facts).treaties
    assert treaty.duration == "ten years, renewable" and treaty.parties == ["Chile"]
    assert treaty.signatories == ["Ministers"] and treaty.status == "signed"
    assert sorted(treaty.edited) == ["duration", "parties", "signatories"]
    assert treaty.confirmed == ["signed_place:Lima"]
    assert Span(quote, quote + 9) in treaty.evidence["signatories"]
    [original] = facts.treaties  # the extracted facts are left as they were
    assert original.parties == ["Chile", "Peru"] and not original.edited


def test_bad_corrections_are_refused_and_can_be_taken_back(store: FactCorrections) -> None:
    with pytest.raises(FactCorrectionError):
        store.record("/a.md", NAME, "colour", EDIT, "a", "b")
    with pytest.raises(FactCorrectionError):
        store.record("/a.md", NAME, "duration", EDIT, "10 years", "   ")
    number = store.record("/a.md", NAME, "status", DELETE, "signed")
    store.undo(number)
    assert store.all() == []


def test_the_facts_command_shows_corrections(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pact.md"
    path.write_text(TEXT, encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    Workspace(tmp_path / "data").fact_corrections.record(
        str(path), NAME, "signed_place", EDIT, "Lima", "Lima, Peru"
    )
    assert main(["facts", str(path), "--json", *data]) == 0
    [treaty] = json.loads(capsys.readouterr().out)["treaties"]
    assert treaty["signed_place"] == "Lima, Peru" and treaty["edited"] == ["signed_place"]
    assert main(["facts", str(path), *data]) == 0
    assert "Place (edited): Lima, Peru" in capsys.readouterr().out
