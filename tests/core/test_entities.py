"""Entity extraction on sentences written for these tests (never the evaluation texts):
titles, aliases, possessives, dates and durations, treaty names, offsets, the cache and the
command-line contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefreader.cli.main import main
from briefreader.core.entities import extract_entities
from briefreader.core.entities.cache import EntityCache
from briefreader.core.loaders import parse_text
from briefreader.core.text.document import Metadata

TEXT = (
    "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on 12 March 2024. "
    "Scholz said Germany's position had not changed, and the U.S. and the United States "
    "envoy agreed. The Arctic Fisheries Agreement (AFA) was signed on Tuesday; the AFA will "
    "last five years. Later, in April 2024, NATO and the European Union's Council met. "
    "Polish and Norwegian officials attended 😀 in Oslo at 10:45 a.m."
)


def found(text: str = TEXT) -> dict[tuple[str, str], str]:
    return {(m.label, m.text): m.entity for m in extract_entities(text)}


def test_people_after_titles_and_their_surnames_are_one_entity() -> None:
    people = {text: entity for (label, text), entity in found().items() if label == "PERSON"}
    assert people["Olaf Scholz"] == "Olaf Scholz" and people["Scholz"] == "Olaf Scholz"
    assert people["Emmanuel Macron"] == "Emmanuel Macron"
    assert "Chancellor Olaf Scholz" not in people  # titles are not part of the name


def test_aliases_share_a_canonical_name_and_possessives_are_stripped() -> None:
    places = found()
    assert places[("GPE", "U.S.")] == places[("GPE", "United States")] == "United States"
    assert ("GPE", "Germany") in places and ("GPE", "Germany's") not in places
    assert places[("ORG", "European Union")] == "European Union"
    assert ("NORP", "Polish") in places and ("GPE", "Oslo") in places


def test_large_cities_and_capitals_beyond_the_curated_list() -> None:
    cities = found(
        "Envoys met in Tirana and then in Nouakchott. Rio de Janeiro's mayor and Sam Houston "
        "joined; Houston spoke first. Nice words were said in Ürümqi."
    )
    assert cities[("GPE", "Tirana")] == "Tirana" and ("GPE", "Nouakchott") in cities
    assert ("GPE", "Rio de Janeiro") in cities  # not a person, despite its "de"
    assert cities[("PERSON", "Houston")] == "Sam Houston"  # the person, not the city
    assert ("GPE", "Nice") not in cities  # an English word first


def test_headline_words_and_words_of_a_treaty_title_are_not_people() -> None:
    people = {
        text
        for (label, text), _entity in found(
            "# New START Extended for Five Years Without Changes\n\nThe Treaty on Measures "
            "for the Further Reduction and Limitation of Strategic Offensive Arms was extended "
            "for five years without changes. Ursula von der Leyen welcomed it.\n"
        ).items()
        if label == "PERSON"
    }
    assert people == {"Ursula von der Leyen"}


def test_a_polity_named_by_its_form_of_rule_and_calendar_names_are_not_people() -> None:
    labels = found(
        "The Sultanate of Kardonia and the Islamic Emirate of Afghanistan met on Rajab 5, "
        "1441 on the Hijri Lunar calendar. Christian Lindner spoke.\n"
    )
    assert ("ORG", "Islamic Emirate of Afghanistan") in labels
    assert ("ORG", "Sultanate of Kardonia") in labels
    people = {text for label, text in labels if label == "PERSON"}
    assert people == {"Christian Lindner"}


def test_a_treaty_is_also_found_by_its_initials() -> None:
    treaties = {
        (text, entity)
        for (label, text), entity in found(
            "The Regional Comprehensive Economic Partnership was signed in Hanoi. RCEP covers "
            "trade. USA and REC are no treaty here."
        ).items()
        if label == "TREATY"
    }
    assert ("RCEP", "Regional Comprehensive Economic Partnership") in treaties
    assert not any(text in ("USA", "REC") for text, _entity in treaties)


def test_dates_but_not_durations_or_times_of_day() -> None:
    dates = {text for (label, text) in found() if label == "DATE"}
    assert {"12 March 2024", "Tuesday", "April 2024"} <= dates
    assert not any("five years" in d or "10:45" in d for d in dates)


def test_treaty_names_and_the_acronyms_a_text_defines() -> None:
    treaties = {text: entity for (label, text), entity in found().items() if label == "TREATY"}
    assert treaties["Arctic Fisheries Agreement"] == "Arctic Fisheries Agreement"
    assert treaties["AFA"] == "Arctic Fisheries Agreement"
    assert not any(text.lower() in ("the treaty", "the agreement") for text in treaties)


def test_offsets_select_the_text_even_after_emoji() -> None:
    for mention in extract_entities(TEXT):
        assert TEXT[mention.start : mention.end] == mention.text
    oslo = next(m for m in extract_entities(TEXT) if m.text == "Oslo")
    assert oslo.start == TEXT.index("Oslo") and TEXT.index("😀") < oslo.start


def test_a_text_about_nothing_named_finds_nothing() -> None:
    assert extract_entities("the talks went on and on without any result at all.") == []


def test_the_cache_computes_once_per_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefreader.core.entities import cache as cache_module

    calls: list[int] = []
    real = cache_module.extract_entities

    def counting(text: str):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(text)

    monkeypatch.setattr(cache_module, "extract_entities", counting)
    cache = EntityCache(tmp_path / "entities")
    document = parse_text(TEXT, "text", Metadata(path="x", title="", sha256="ab" * 32), "x")
    first = cache.mentions(document)
    assert cache.mentions(document) == first and len(calls) == 1
    newer = Metadata(path="x", title="", sha256="cd" * 32)
    changed = parse_text(TEXT + " More.", "text", newer, "x")
    cache.mentions(changed)
    assert len(calls) == 2


def test_the_cache_never_lays_old_spans_over_a_file_read_anew(tmp_path: Path) -> None:
    # The same bytes (same hash) read by a newer loader into other text: a form's value
    # now comes first, so every offset moves.
    same_file = Metadata(path="x", title="", sha256="ab" * 32)
    cache = EntityCache(tmp_path / "entities")
    cache.mentions(parse_text(TEXT, "text", same_file, "x"))
    reread = parse_text("Kingdom of Norway. " + TEXT, "text", same_file, "x")
    for mention in cache.mentions(reread):
        assert reread.text[mention.start : mention.end] == mention.text


def test_the_entities_command_json_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(TEXT, encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["entities", str(path), "--json", *data]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"path", "entities"} and payload["path"] == str(path)
    assert main(["show", str(path), "--json", *data]) == 0
    text = json.loads(capsys.readouterr().out)["text"]
    for item in payload["entities"]:
        assert set(item) == {"text", "label", "start", "end", "entity", "confidence"}
        assert text[item["start"] : item["end"]] == item["text"]
        assert 0 < item["confidence"] <= 1
        assert item["label"] in {"PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "TREATY"}


def test_the_trained_model_is_installed_and_offline() -> None:
    """The model comes with the app as a package: loaded from site-packages, and named in
    the cache key so a new model recomputes what an old one found."""
    from briefreader.core.entities.cache import extractor_format
    from briefreader.core.entities.model import load_pipeline, model_version

    assert load_pipeline() is not None
    assert model_version().startswith("en_core_web_sm")
    assert model_version() in extractor_format()


def test_the_model_and_the_rules_combine_with_a_confidence_each() -> None:
    text = (
        "Foreign Minister Amara Okafor of Nigeria met Lars Petterssen, the head of the "
        "Nordic Fisheries Board, in Lagos on 3 June 2021. Okafor said the talks went well."
    )
    mentions = extract_entities(text)
    by_text = {(m.label, m.text): m for m in mentions}
    assert ("PERSON", "Amara Okafor") in by_text and ("PERSON", "Okafor") in by_text
    assert by_text[("PERSON", "Okafor")].entity == "Amara Okafor"
    assert ("GPE", "Nigeria") in by_text and ("GPE", "Lagos") in by_text
    assert ("DATE", "3 June 2021") in by_text
    assert all(0 < m.confidence <= 1 for m in mentions)
    # Where the model and a gazetteer agree, the mention is surer than either alone.
    assert by_text[("GPE", "Lagos")].confidence > by_text[("GPE", "Nigeria")].confidence
    rules_only = extract_entities(text, model=False)
    assert rules_only and all(m.confidence < 0.95 for m in rules_only)


def test_model_spans_follow_the_labelling_conventions() -> None:
    text = (
        "The pact will last five years. It was signed in the last six decades' spirit on "
        "Monday, 4 May 2020, at 10:45 a.m. by Dr Helen Marsh MP. See https://example.org/x "
        "and the Treaty of Northern Waters."
    )
    found = {(m.label, m.text) for m in extract_entities(text)}
    dates = {t for label, t in found if label == "DATE"}
    assert not any("years" in d or "decades" in d or "a.m." in d for d in dates)
    people = {t for label, t in found if label == "PERSON"}
    assert not any(p.startswith("Dr") or p.endswith("MP") for p in people)
    assert not any("example.org" in t for _label, t in found)
    assert not any(label == "ORG" and "Treaty" in t for label, t in found)


def test_model_chunks_cover_the_text_and_stay_bounded() -> None:
    from briefreader.core.entities.model import chunks

    text = ("word " * 3000) + "x" * 9000 + "\n" + "line\n" * 2000
    pieces = list(chunks(text, size=4000))
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 4000 for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


def test_titles_headline_verbs_and_joined_titles_stay_out_of_names() -> None:
    text = (
        "# Leaders Sign Coastal Fisheries Pact\n\n"
        "Slovene President Marta Kovac met Dana Holm at Tallinn's Kadriorg on Friday. "
        "They recalled the Mutual Defence Treaty and the Visiting Forces Agreement, and the "
        "Joint Comprehensive Plan of Action on fishing. The Coastal Fisheries Pact follows."
    )
    found = {(m.label, m.text) for m in extract_entities(text)}
    treaties = {t for label, t in found if label == "TREATY"}
    assert "Coastal Fisheries Pact" in treaties
    assert not any("Sign" in t for t in treaties)
    assert {"Mutual Defence Treaty", "Visiting Forces Agreement"} <= treaties
    assert "Joint Comprehensive Plan of Action" in treaties
    people = {t for label, t in found if label == "PERSON"}
    assert not any("President" in p for p in people)
    assert not any("'s" in p for p in people)


def test_the_end_of_a_title_is_no_organisation() -> None:
    text = (
        "Secretary of State Anna Berg met Secretary of National Defense Paul Roth in Oslo. "
        "The Department of State confirmed it."
    )
    found = {(m.label, m.text) for m in extract_entities(text)}
    organisations = {name for label, name in found if label == "ORG"}
    assert organisations == {"Department of State"}  # no "State", no "National Defense …"
    assert {("PERSON", "Anna Berg"), ("PERSON", "Paul Roth")} <= found


def test_hyphenated_given_names_stay_whole_and_function_words_are_no_surnames() -> None:
    text = (
        "Police spokesman Hans-Peter Kammerer said so. Charges pending, says spokesman "
        "Kammerer The others were released. The accused were named. The court met."
    )
    for model in (False, True):
        people = {m.text for m in extract_entities(text, model=model) if m.label == "PERSON"}
        assert "Hans-Peter Kammerer" in people, (model, people)
        assert "Peter Kammerer" not in people
        assert not any(name.split()[-1] == "The" or name == "The" for name in people), people
