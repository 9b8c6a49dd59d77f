"""A headline capitalises every word, so a name found only there is a fragment of it; the
body's own names, and gazetteer names, stay wherever they stand. Written for these tests."""

from __future__ import annotations

import time

from briefreader.core.entities import extract_entities
from briefreader.core.entities.gazetteer import load_gazetteer
from briefreader.core.entities.headlines import headline_ranges, is_headline
from briefreader.core.entities.headlines import without_headline_fragments as strip

TEXT = (
    "Northern Powers Seal Fisheries Deal in Oslo\n"
    "Norway and Iceland signed the Treaty on Fisheries Cooperation in Oslo on Monday. "
    "The Treaty on Fisheries Cooperation runs for ten years, the Nordic Council said.\n"
)


def test_headlines_are_title_case_lines_not_sentences() -> None:
    assert is_headline("Northern Powers Seal Fisheries Deal in Oslo")
    assert is_headline("Fifteen Economies Sign the World's Largest Trade Pact")
    assert not is_headline("Norway and Iceland signed the treaty in Oslo.")
    assert not is_headline("The Nordic Council said so")  # "said" is not capitalised
    assert not is_headline("Two Words")
    assert list(headline_ranges("A\nBig Oslo Fisheries Deal\nbody text")) == [(2, 25)]


def test_an_organisation_only_in_the_headline_is_dropped_and_body_names_stay() -> None:
    for model in (False, True):
        found = {(m.label, m.text) for m in extract_entities(TEXT, model=model)}
        headline_orgs = {text for label, text in found if label == "ORG" and "Powers" in text}
        assert not headline_orgs, (model, headline_orgs)
        assert ("TREATY", "Treaty on Fisheries Cooperation") in found
        assert ("GPE", "Oslo") in found and ("GPE", "Norway") in found


def test_a_name_the_body_also_gives_stays_in_the_headline() -> None:
    text = "Nordic Council Backs Fisheries Treaty\nThe Nordic Council met in Oslo on Monday.\n"
    mentions = extract_entities(text, model=False)
    councils = [m for m in mentions if m.text == "Nordic Council"]
    assert [m.start for m in councils] == [0, text.index("Nordic Council", 5)]


def test_dropping_fragments_grows_with_the_text() -> None:
    known = load_gazetteer()
    line = "Ministers Sign Coastal Fisheries Pact In Bergen\n"
    mentions = extract_entities(line * 3, model=False)

    def timed(copies: int) -> float:
        text = line * copies
        many = [m.__class__(m.label, m.start + len(line) * n, m.end + len(line) * n, m.text,
                            m.entity, m.confidence) for n in range(copies // 3)
                for m in mentions]  # fmt: skip
        started = time.perf_counter()
        strip(text, many, known)
        return time.perf_counter() - started

    timed(300)
    small, large = min(timed(3000) for _ in range(3)), min(timed(24000) for _ in range(3))
    assert large / small < 8 * 3  # 8x the text: about 8x the time, never 64x
