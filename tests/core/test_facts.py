"""Treaty facts from phrasings written for these tests (never from the evaluation texts):
passive voice, "the two sides agreed", durations, exclusions, dates in several formats, and
texts about no agreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefreader.cli.main import main
from briefreader.core.entities import extract_entities
from briefreader.core.facts import DocumentFacts, extract_facts
from briefreader.core.facts.dates import iso_date
from briefreader.core.facts.sentences import split_sentences


def facts_of(text: str, date: str | None = None) -> DocumentFacts:
    return extract_facts(text, extract_entities(text, model=False), date)  # as FactsCache


PASSIVE = (
    "The Treaty on Fisheries Cooperation was signed in Oslo on 3 May 2021 by Norwegian Prime "
    "Minister Erna Solberg and Icelandic Prime Minister Katrin Jakobsdottir. The treaty will "
    "remain in force for ten years. It does not include a mutual-defence clause. Under the "
    "treaty, the parties agreed to share data on fish stocks and to coordinate patrols."
)


def test_passive_signing_gives_place_date_duration_and_exclusion() -> None:
    [treaty] = facts_of(PASSIVE).treaties
    assert treaty.name == "Treaty on Fisheries Cooperation"
    assert treaty.signed_place == "Oslo"
    assert treaty.signed_date == "2021-05-03"
    assert treaty.duration == "10 years"
    assert treaty.status == "signed"
    assert any("mutual-defence clause" in e for e in treaty.exclusions)
    assert any("share data on fish stocks" in o.lower() for o in treaty.obligations)
    assert not any("in force" in o for o in treaty.obligations)  # that is the duration
    assert "agriculture" in treaty.areas  # fisheries


def test_every_filled_field_has_evidence_inside_the_text() -> None:
    [treaty] = facts_of(PASSIVE).treaties
    for name in ("signed_place", "signed_date", "duration", "status", "exclusions"):
        spans = treaty.evidence[name]
        assert spans and all(0 <= s.start < s.end <= len(PASSIVE) for s in spans)
    sentence = treaty.evidence["duration"][0]
    assert PASSIVE[sentence.start : sentence.end] == (
        "The treaty will remain in force for ten years."
    )


def test_the_two_sides_agreed_is_a_concluded_deal_between_paired_parties() -> None:
    text = (
        "Kenya and Tanzania reached an agreement on cross-border trade on Tuesday. The two "
        "sides agreed to remove tariffs on maize and to open three new border posts. The deal "
        "has no expiry date."
    )
    [treaty] = facts_of(text, "2023-03-09").treaties
    assert treaty.parties == ["Kenya", "Tanzania"]
    assert treaty.status == "concluded"
    assert treaty.signed_date is None  # reached, not signed
    assert treaty.duration == "indefinite"
    assert {"trade", "territorial"} <= set(treaty.areas)
    assert any("remove tariffs on maize" in o.lower() for o in treaty.obligations)


def test_a_signing_sentence_names_its_signatories_not_its_witnesses() -> None:
    text = (
        "Foreign Minister Anna Berg signed the Accord on Arctic Research with Foreign Minister "
        "Lars Holm, in the presence of President Maria Lind, in Geneva on 12 June 2019. "
        "The ceremony was attended by Ambassador Paul Weir."
    )
    [treaty] = facts_of(text).treaties
    assert treaty.signatories == ["Anna Berg", "Lars Holm"]
    assert treaty.signed_place == "Geneva"
    assert "science" in treaty.areas


@pytest.mark.parametrize(
    ("expression", "anchor", "expected"),
    [
        ("8 December 1987", None, "1987-12-08"),
        ("December 8, 1987", None, "1987-12-08"),
        ("Dec. 8, 1987", None, "1987-12-08"),
        ("2020-11-15", None, "2020-11-15"),
        ("November 2020", None, "2020-11"),
        ("late 2007", None, "2007"),
        ("On July 8", "2024-07-08", "2024-07-08"),
        ("On July 8", None, None),
        ("Today", "2022-07-18", "2022-07-18"),
        ("Tuesday", "2015-07-16", "2015-07-14"),
    ],
)
def test_dates_are_as_precise_as_the_text(
    expression: str, anchor: str | None, expected: str | None
) -> None:
    import datetime as dt

    day = dt.date.fromisoformat(anchor) if anchor else None
    assert iso_date(expression, day) == expected


def test_a_relative_date_is_anchored_on_the_document_date() -> None:
    text = "Today the two Presidents signed the Memorandum on Energy Cooperation in Cairo."
    [treaty] = facts_of(text, "2021-02-01").treaties
    assert treaty.signed_date == "2021-02-01"
    [unanchored] = facts_of(text).treaties
    assert unanchored.signed_date is None


@pytest.mark.parametrize(
    "text",
    [
        "Voters chose a new president on Saturday. Turnout was high and the count took a day.",
        "The ministers met in Athens to discuss migration. They praised their partnership and "
        "will meet again next year.",
        "The Paris Agreement of 2015 is often cited by climate scientists in this report.",
    ],
)
def test_texts_about_no_agreement_yield_none(text: str) -> None:
    assert facts_of(text).treaties == []


def test_a_title_only_mentioned_goes_to_mentioned() -> None:
    facts = facts_of("Analysts compared the plan with the Paris Agreement of 2015.")
    assert facts.treaties == [] and facts.mentioned == ["Paris Agreement"]


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = "Mr. Philip S. Goldberg met U.S. officials. They signed it.\nNext line"
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Mr. Philip S. Goldberg met U.S. officials.",
        "They signed it.",
        "Next line",
    ]


def test_facts_command_prints_the_json_contract(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Fisheries pact\n\n" + PASSIVE + "\n", encoding="utf-8")
    assert main(["facts", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"path", "treaties", "mentioned"}
    [treaty] = payload["treaties"]
    for key in ("name", "parties", "signatories", "signed_date", "signed_place", "duration",
                "areas", "obligations", "exclusions", "status", "evidence"):  # fmt: skip
        assert key in treaty
    assert treaty["signed_date"] == "2021-05-03"
    shown = main(["show", str(path), "--json"])
    text = json.loads(capsys.readouterr().out)["text"]
    assert shown == 0
    span = treaty["evidence"]["signed_place"][0]
    assert "Oslo" in text[span["start"] : span["end"]]
    # Served from the cache the second time, identically.
    assert main(["facts", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == payload
    assert list((data_dir / "analysis" / "facts").rglob("*.json"))


def test_two_agreements_signed_are_two_cards_each_with_its_own_facts() -> None:
    text = (
        "# Fisheries pact signed\n\nMinisters of Chile and Peru signed the Pacific Fisheries "
        "Agreement in Lima on 3 May 2024. The Pacific Fisheries Agreement covers fishing "
        "quotas and will remain in force for ten years. On the same trip, Chile and Bolivia "
        "signed the Andean Water Accord in La Paz on 5 May 2024. Officials recalled the "
        "Antarctic Treaty.\n"
    )
    facts = facts_of(text)
    first, second = facts.treaties
    assert (first.name, first.signed_place, first.signed_date) == (
        "Pacific Fisheries Agreement", "Lima", "2024-05-03"
    )  # fmt: skip
    assert first.parties == ["Chile", "Peru"] and first.duration == "10 years"
    assert (second.name, second.signed_place, second.signed_date) == (
        "Andean Water Accord", "La Paz", "2024-05-05"
    )  # fmt: skip
    assert second.parties == ["Chile", "Bolivia"] and second.duration is None
    assert facts.mentioned == ["Antarctic Treaty"]  # named in passing, no event


def test_a_second_title_of_the_same_agreement_or_a_headline_is_no_second_card() -> None:
    text = (
        "# Manila and Washington Sign Ten-Year Defense Pact\n\nThe Philippines and the United "
        "States signed the Enhanced Defense Cooperation Agreement in Manila on 28 April 2014. "
        "Officials said the Agreement on Enhanced Defense Cooperation was signed after eight "
        "rounds of talks in Manila on 28 April 2014. The text in English was signed too.\n"
    )
    [card] = facts_of(text).treaties
    assert card.name in (
        "Enhanced Defense Cooperation Agreement", "Agreement on Enhanced Defense Cooperation"
    )  # fmt: skip


def test_an_agreements_own_text_names_its_parties_as_the_subject_of_agree() -> None:
    text = (
        "# Declaration on Fishing Rights\n\nDECLARATION ON FISHING RIGHTS\n\nMarch 3, 2021\n\n"
        "The Government of Norway and the Sami Council, acting for the Sami people, agree that "
        "the Declaration on Fishing Rights shall guide the talks. The two sides agree to the "
        "following principles:\n\nARTICLE I\n\nThe parties shall meet each year.\n"
    )
    [treaty] = facts_of(text).treaties
    assert treaty.parties == ["Norway", "Sami Council"]
    assert treaty.signed_date == "2021-03-03"
    assert "Meet each year" in treaty.obligations  # its articles state its commitments


def test_a_bloc_named_beside_a_list_of_member_states_is_not_one_more_party() -> None:
    text = (
        "# Trade pact\n\nThe Coastal Trade Partnership was signed on 2 March 2021 by Chile, "
        "Peru, Ecuador and Colombia. The Coastal Trade Partnership took effect after the Andean "
        "Community and Ecuador deposited their instruments of ratification.\n"
    )
    [treaty] = facts_of(text).treaties
    assert treaty.parties == ["Chile", "Peru", "Ecuador", "Colombia"]


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Representatives of the 27 EU member states signed the Charter of Oceans in Lisbon "
         "on 2 May 2019.", "EU member states"),
        ("The ASEAN member states signed the Charter of Oceans on 2 May 2019.",
         "ASEAN member states"),
        ("The Charter of Oceans was signed by the Member States of the European Union and "
         "Norway on 2 May 2019.", "European Union member states|Norway"),
        ("Leaders signed the Charter of Oceans in the presence of the EU member states on "
         "2 May 2019.", None),
    ],
)  # fmt: skip
def test_a_blocs_member_states_signing_together_are_one_party(
    sentence: str, party: str | None
) -> None:
    (treaty,) = facts_of("Portugal hosted the talks. " + sentence).treaties
    if party is not None:
        assert treaty.parties == party.split("|")
    else:  # the member states watched: who signed is not them
        assert "EU member states" not in treaty.parties


def test_areas_come_from_what_the_agreement_covers_not_from_settings_or_names() -> None:
    text = (
        "Norway and Iceland signed the Northern Waters Treaty in Oslo on 3 May 2021. As the "
        "security environment worsens, the treaty, reached through patient diplomacy, covers "
        "fishing quotas and data on fish stocks in the territory of both states. It was "
        "presented at the Organization for Security and Co-operation in Europe."
    )
    (treaty,) = facts_of(text).treaties
    assert treaty.areas == ["security"]  # "security environment" is the setting: no environment
    (treaty,) = facts_of(text.replace("fishing quotas", "border delimitation")).treaties
    assert treaty.areas == ["security", "territorial"]
    (treaty,) = facts_of(text.replace("As the security environment worsens, ", "")).treaties
    assert treaty.areas == []  # "Security" inside an organisation's name is not an area


def test_commitments_are_one_statement_each_in_the_texts_words() -> None:
    text = (
        "Chile and Peru signed the Pacific Fisheries Agreement in Lima on 3 May 2024. The "
        "agreement eliminates quotas on anchovy exports and establishes a joint patrol board. "
        "Both countries pledged not to subsidise industrial trawlers. It includes a "
        "commitment to double the budget of the regional research institute. Under the deal, "
        "the coast guards of both countries will share vessel positions daily. Any other "
        "coastal state can accede to the agreement after two years. Analysts say the deal "
        "will be subject to scrutiny."
    )
    (treaty,) = facts_of(text).treaties
    assert treaty.obligations == [
        "Eliminate quotas on anchovy exports",
        "Establish a joint patrol board",
        "Not to subsidise industrial trawlers",
        "Double the budget of the regional research institute",
        "The coast guards of both countries will share vessel positions daily",
        "Any other coastal state can accede to the agreement after two years",
    ]
    assert len(treaty.evidence["obligations"]) == 5  # one sentence gave two


def test_a_list_the_agreement_introduces_gives_its_commitments(tmp_path: Path) -> None:
    from briefreader.core.facts import document_facts
    from briefreader.core.loaders import load_document

    markdown = (
        "# Harbour deal\n\nNorway and Iceland signed the Harbour Access Agreement in Oslo on "
        "3 May 2021. The agreement is made of three parts:\n\n"
        "1. Free access for fishing vessels to the ports of both states.\n"
        "2. A shared register of vessels and their catches.\n"
        "3. After a year of trials, the two coast guards will hold joint inspections.\n\n"
        "Officials said talks went well.\n"
    )
    path = tmp_path / "harbour.md"
    path.write_text(markdown, encoding="utf-8")
    document = load_document(path)
    (treaty,) = document_facts(document, extract_entities(document.text, model=False)).treaties
    assert treaty.obligations == [
        "Free access for fishing vessels to the ports of both states",
        "A shared register of vessels and their catches",
        # The item opens with "After …": its main clause, whose subject is not the parties.
        "The two coast guards will hold joint inspections",
    ]


def test_a_clause_about_another_agreement_still_negotiated_is_not_this_ones() -> None:
    text = (
        "The EU and Chile signed the Advanced Framework Agreement in Brussels on 3 May 2024. "
        "It will strengthen political dialogue. The two sides are also negotiating a new "
        "trade agreement, which will cut tariffs on wine and copper."
    )
    (treaty,) = facts_of(text).treaties
    assert treaty.obligations == ["Strengthen political dialogue"]
    assert "trade" not in treaty.areas


@pytest.mark.parametrize(
    ("between", "short"),
    [
        ("the Sultanate of Kardonia, also known as the Coastal Council, and the United States",
         "Coastal Council"),
        ("the Republic of Nauru (hereinafter the Island Council) and the United States",
         "Island Council"),
        ("the Islamic Emirate of Afghanistan which is not recognized by the United States as a "
         "state and is known as the Island Council and the United States", "Island Council"),
        ("the Republic of Nauru and the United States", "Nauru"),
    ],
)  # fmt: skip
def test_a_party_given_a_short_name_is_named_by_it(between: str, short: str) -> None:
    text = f"The Harbour Access Agreement was signed on 3 May 2021 between {between}."
    (treaty,) = facts_of(text).treaties
    assert sorted(treaty.parties) == [short, "United States"]


# Confidence: each value's number comes from the kind of evidence it rests on.
SETTING_BEFORE = (
    "Today in Vienna, the delegations met for a second day. Norwegian Prime Minister Erna "
    "Solberg and Icelandic Prime Minister Katrin Jakobsdottir signed the Treaty on Fisheries "
    "Cooperation on 3 May 2021."
)


def test_values_stated_in_the_signing_sentence_are_sure() -> None:
    from briefreader.core.entities.combine import UNSURE

    [treaty] = facts_of(PASSIVE).treaties
    assert treaty.confidence_of("signed_place")[0] >= UNSURE
    assert treaty.confidence_of("signed_date")[0] >= UNSURE
    assert treaty.parties == ["Norway"] and treaty.confidence_of("parties")[0] >= UNSURE
    [treaty] = facts_of(SETTING_BEFORE).treaties
    assert len(treaty.confidence_of("signatories")) == len(treaty.signatories) >= 1
    assert all(n >= UNSURE for n in treaty.confidence_of("signatories"))


def test_a_place_from_the_sentence_before_the_signing_is_unsure() -> None:
    from briefreader.core.entities.combine import UNSURE

    [treaty] = facts_of(SETTING_BEFORE).treaties
    assert treaty.signed_place == "Vienna"
    assert treaty.confidence_of("signed_place")[0] < UNSURE
    assert treaty.confidence_of("signed_date")[0] >= UNSURE  # in the signing sentence
    [treaty] = facts_of(SETTING_BEFORE + " Later, Germany hosted a dinner.").treaties
    assert "Germany" not in treaty.parties


def test_a_party_named_only_outside_the_signing_is_unsure() -> None:
    from briefreader.core.entities.combine import UNSURE

    text = (
        "The Treaty on River Management was signed in Oslo on 3 May 2021. The treaty "
        "covers fisheries. Under the treaty, Sweden, Finland and Estonia will share data."
    )
    [treaty] = facts_of(text).treaties
    assert treaty.parties and all(n < UNSURE for n in treaty.confidence_of("parties"))


def test_confidence_json_is_aligned_with_values_and_corrections_are_sure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(SETTING_BEFORE + "\n", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "data"), "facts", str(path), "--json"]) == 0
    [treaty] = json.loads(capsys.readouterr().out)["treaties"]
    confidence = treaty["confidence"]
    assert len(confidence["signatories"]) == len(treaty["signatories"])
    assert isinstance(confidence["signed_place"], float)
    assert set(confidence) <= set(treaty) and "evidence" in treaty  # the old fields stay
    facts = DocumentFacts.from_json({"treaties": [treaty]})
    [again] = facts.treaties
    assert again.confidence_of("signed_place") == [confidence["signed_place"]]
    again.confirmed.append("signed_place:Vienna")
    assert again.confidence_of("signed_place") == [1.0]
