"""Signers and settings from sentence structure (the model's dependency parse), on phrasings
written for these tests: roles decide, not distance. Each case is one a word-distance rule
gets wrong."""

from __future__ import annotations

import pytest

from briefreader.core.entities import extract_entities
from briefreader.core.facts import DocumentFacts, extract_facts, structure
from briefreader.core.facts.model import Sentence
from briefreader.core.facts.sentences import split_sentences
from briefreader.core.text.document import Span


def facts_of(text: str) -> DocumentFacts:
    return extract_facts(text, extract_entities(text, model=False))


def test_a_person_in_a_relative_clause_of_the_signer_does_not_sign() -> None:
    text = (
        "Chancellor Olaf Scholz, who had met President Emmanuel Macron on Monday, signed the "
        "Treaty on Rail Cooperation in Berlin on 3 May 2023."
    )
    [treaty] = facts_of(text).treaties
    assert treaty.signatories == ["Olaf Scholz"]


def test_the_subject_of_a_governing_verb_signs_by_signing() -> None:
    text = (
        "President Joe Biden and Prime Minister Fumio Kishida sealed their alliance by signing "
        "the Agreement on Space Cooperation in Tokyo."
    )
    [treaty] = facts_of(text).treaties
    assert set(treaty.signatories) == {"Joe Biden", "Fumio Kishida"}
    assert treaty.signed_place == "Tokyo"


def test_a_passive_agent_signs_and_a_guest_does_not() -> None:
    text = (
        "In the presence of President Cyril Ramaphosa, the Agreement on Water Sharing was signed "
        "in Pretoria by Minister Naledi Pandor and Minister Vincent Biruta."
    )
    [treaty] = facts_of(text).treaties
    assert set(treaty.signatories) == {"Naledi Pandor", "Vincent Biruta"}
    assert treaty.signed_place == "Pretoria"


def test_in_the_presence_of_is_no_setting() -> None:
    text = (
        "Minister Anna Lindh, in the presence of the President of the Republic of Finland, "
        "signed the Agreement on Forestry with Minister Matti Vanhanen."
    )
    [treaty] = facts_of(text).treaties
    assert treaty.signed_place is None
    assert set(treaty.signatories) == {"Anna Lindh", "Matti Vanhanen"}


def test_a_place_a_clause_adds_to_the_setting_is_not_the_setting() -> None:
    text = "The Agreement on Trade was signed at the regional summit hosted by Vietnam."
    [treaty] = facts_of(text).treaties
    assert treaty.signed_place is None


def test_a_deal_reached_in_a_city_without_a_signing_is_placed_there() -> None:
    text = "The nuclear deal was announced on Tuesday in Geneva after weeks of talks."
    [treaty] = facts_of(text).treaties
    assert treaty.signed_place == "Geneva"
    assert treaty.signatories == []


def test_frames_keep_to_code_points_of_the_canonical_text() -> None:
    text = "Intro line.\nLater, the accord was signed in Oslo by Erna Solberg on 2 June 2020."
    spans = split_sentences(text)
    sentences = [Sentence(span, text[span.start : span.end], ()) for span in spans]
    frames = structure.signing_frames(sentences)
    assert frames is not None
    [frame] = [f for found in frames.values() for f in found]
    assert text[frame.verb.start : frame.verb.end] == "signed"
    assert any(text[s.start : s.end] == "Oslo" for s in frame.where)
    assert any("Erna Solberg" in text[s.start : s.end] for s in frame.signers)
    assert any("2 June 2020" in text[s.start : s.end] for s in frame.when)


def test_without_a_model_the_cues_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The Treaty on Rail Cooperation was signed in Berlin by Olaf Scholz."
    [parsed] = facts_of(text).treaties
    assert parsed.signatories == ["Olaf Scholz"]  # the agent, wherever it stands
    monkeypatch.setattr(structure, "syntax_pipeline", lambda: None)
    [cued] = facts_of(text).treaties
    assert cued.signatories == []  # the cues want "signed by" together
    assert cued.signed_place == "Berlin"


def test_parsing_is_bounded_whatever_the_number_of_signing_sentences() -> None:
    sentence = "The parties signed the accord in Oslo. "
    text = sentence * 2000
    spans = split_sentences(text)
    sentences = [Sentence(span, text[span.start : span.end], ()) for span in spans]
    frames = structure.signing_frames(sentences)
    assert frames is not None
    assert len(frames) == structure.MAX_PARSED
    assert all(isinstance(key, Span) for key in frames)
