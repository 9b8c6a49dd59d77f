"""How sure each treaty fact is, from the kind of evidence it came from.

Every value gets the number of its evidence class below. The numbers are *declared*: set by
reading the fact rules' errors on the tuning texts (``scripts/eval_facts.py``), not fitted;
where a value rests on one entity mention, the mention's own measured confidence
(``core.entities.combine.CONFIDENCE``) caps it, so a name the rules are unsure of stays
unsure as a fact. ``combine.UNSURE`` (0.6) is the line below which the reader marks a value
for the analyst to check, so every class a reader should check sits below it.
"""

from __future__ import annotations

import re

from briefreader.core.entities.combine import UNSURE
from briefreader.core.facts import cues
from briefreader.core.facts.model import Sentence, TreatyFacts
from briefreader.core.facts.parties import country_of_nationality

__all__ = ["CLASSES", "UNSURE", "score"]

# Evidence classes per field and their declared confidence.
CLASSES: dict[str, float] = {
    "row": 0.9,  # a key-value row ("Signed | 8 December 1987", "Parties: …")
    "signing sentence": 0.85,  # stated in a sentence with a signing verb
    "event sentence": 0.8,  # stated in a sentence reporting another event (in force, …)
    "sentence before": 0.55,  # the sentence before the signing ("Today in Baku, …")
    "between": 0.7,  # a party "between X and Y" in a sentence about the agreement
    "elsewhere": 0.5,  # a party found only as a country named in some other sentence
    "document head": 0.55,  # an agreement's own text: the date printed at its head
    "titled people": 0.55,  # "the two Presidents signed": the people the text calls so
    "wording": 0.75,  # duration, area, commitment or exclusion read from a sentence's wording
    "own text": 0.65,  # an agreement's own text, its signing not described: "concluded"
    "title": 0.85,  # the agreement's title as the text prints it
    "description": 0.5,  # no title: words before "treaty" in the event sentence
}


def score(treaty: TreatyFacts, events: list[Sentence], sentences: list[Sentence]) -> None:
    """Fill ``treaty.confidence``: per field, one number per value, aligned with the values."""
    by_span = {sentence.span: sentence for sentence in sentences}
    event_spans = {sentence.span for sentence in events}

    def evidence(field: str) -> list[Sentence]:
        return [by_span[s] for s in treaty.evidence.get(field, []) if s in by_span]

    def sentence_class(sentence: Sentence | None) -> str:
        if sentence is None:
            return "elsewhere"
        if _is_row(sentence):
            return "row"
        if sentence.span in event_spans and sentence.has(cues.SIGNING):
            return "signing sentence"
        if sentence.span in event_spans:
            return "event sentence"
        return "elsewhere"

    def named(field: str, value: str, labels: tuple[str, ...]) -> tuple[Sentence | None, float]:
        """The evidence sentence naming ``value`` (signing ones first) and its mention's
        confidence."""
        found = [
            (sentence, mention.confidence)
            for sentence in evidence(field)
            for mention in sentence.mentions
            if mention.label in labels and _stands_for(mention.entity, mention.label, value)
        ]
        found.sort(key=lambda item: sentence_class(item[0]) != "signing sentence")
        return found[0] if found else (None, 1.0)

    result: dict[str, list[float]] = {}
    if treaty.name is not None:
        result["name"] = [CLASSES["title"]]
    elif treaty.description is not None:
        result["name"] = [CLASSES["description"]]

    parties = []
    for party in treaty.parties:
        sentence, sure = named("parties", party, ("GPE", "NORP", "ORG", "LOC"))
        kind = sentence_class(sentence)
        if sentence is not None and kind == "elsewhere" and _joined(sentence, party):
            kind = "between"
        parties.append(min(CLASSES[kind], sure))
    result["parties"] = parties

    signatories = []
    for person in treaty.signatories:
        sentence, sure = named("signatories", person, ("PERSON",))
        if sentence is None or not sentence.has(cues.SIGNING):
            signatories.append(CLASSES["titled people"])
        else:
            signatories.append(min(CLASSES["signing sentence"] + 0.1, sure))
    result["signatories"] = signatories

    for field in ("signed_date", "signed_place"):
        if getattr(treaty, field) is None:
            continue
        found = evidence(field)
        sentence = found[0] if found else None
        kind = sentence_class(sentence)
        if kind in ("elsewhere", "event sentence"):
            kind = "document head" if field == "signed_date" and not _near_event(
                sentence, events) else "sentence before"  # fmt: skip
        result[field] = [CLASSES[kind]]

    if treaty.status is not None:
        found = evidence("status")
        kind = sentence_class(found[0] if found else None)
        if treaty.status == "concluded" and kind not in ("row", "signing sentence"):
            kind = "own text"
        result["status"] = [CLASSES["own text" if kind == "elsewhere" else kind]]
    if treaty.duration is not None:
        result["duration"] = [CLASSES["wording"]]
    for field in ("areas", "obligations", "exclusions"):
        result[field] = [CLASSES["wording"] for _ in getattr(treaty, field)]
    treaty.confidence = {key: [round(n, 2) for n in values] for key, values in result.items()}


def _stands_for(entity: str, label: str, value: str) -> bool:
    """The mention names the value: the same name, one inside the other ("Government of
    Norway"), or a nationality word for the country ("Norwegian" for Norway)."""
    if label == "NORP":
        return country_of_nationality(entity) == value
    return entity == value or value in entity or entity in value


_ROW = re.compile(r"^\s*[A-Z][\w ]{2,20}?\s*(?:[|:]|\t)\s*\S")


def _is_row(sentence: Sentence) -> bool:
    return _ROW.match(sentence.text) is not None and len(sentence.text) < 200


def _joined(sentence: Sentence, party: str) -> bool:
    """Named after "between" ("an agreement between X and Y")."""
    at = sentence.text.find(party)
    return at > 0 and re.search(r"\bbetween\b", sentence.text[:at]) is not None


def _near_event(sentence: Sentence | None, events: list[Sentence]) -> bool:
    """The sentence just before an event sentence (the setting of the signing)."""
    if sentence is None:
        return False
    return any(0 <= event.span.start - sentence.span.end <= 2 for event in events)
