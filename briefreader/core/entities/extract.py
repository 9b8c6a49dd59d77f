"""Named entities in a document's canonical text: who, what organisation, where, when, which
treaty.

Offline and rule-based, on general evidence rather than any one text: a gazetteer of places,
organisations and nationalities; titles before names ("President", "Gen."); name shapes with
initials and suffixes; surnames resolved to the full name said earlier; date expressions (not
durations or times of day); treaty titles ("… Agreement", "Treaty on …") and the acronyms a
text defines for them. A possessive "'s" and a leading "the" never belong to a mention. Every
mention is a code-point range of the canonical text with its entity's canonical name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS

from briefreader.core.entities.combine import (
    CONFIDENCE,
    Candidate,
    combine,
    confidence,
    model_candidates,
    person_extent,
)
from briefreader.core.entities.gazetteer import Gazetteer, load_gazetteer
from briefreader.core.entities.headlines import without_headline_fragments
from briefreader.core.entities.model import model_spans


@dataclass(frozen=True)
class Mention:
    label: str
    start: int
    end: int
    text: str
    entity: str
    # How sure the extractor is, 0-1: the measured precision of the evidence behind it.
    confidence: float = 1.0

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "entity": self.entity,
            "confidence": self.confidence,
        }


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# Every form begins a word with a digit, a capital or one of "first second early mid late
# today": the leading checks let the engine pass over every other position at once.
DATE_PATTERN = re.compile(
    r"\b(?=[0-9A-Zfsemlt])(?:"
    + "|".join(
        [
            rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}",
            rf"(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH},?\s+{_YEAR}",
            rf"{_MONTH}\s+{_YEAR}",
            rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b",
            rf"{_YEAR}-\d\d-\d\d",
            rf"(?:(?:first|second) half of|(?:early|mid|late)[- ]){_YEAR}(?![\w])",
            r"\d{1,2}(?:st|nd|rd|th)[- ]century",
            rf"(?<![\w$€£.,-]){_YEAR}(?![\w%-]|,\d| ?(?:percent|people|troops|km|miles)\b)",
            _WEEKDAY,
            r"\b[Tt]oday\b",
        ]
    )
    + ")"
)
# A capitalised word (a full stop ends it: "Philippines. At"), never given back once read:
# in a run of capitals with no spaces, backtracking made the treaty pattern quadratic.
_CAP = r"[A-Z][\w-]*+"
_SP = r" +"  # names never run across a line break or a table cell's tab
_CONNECT = r"(?:of|on|the|and|for|between|to|in|regarding|concerning|its|their|a)"
_TREATY_NOUN = (
    r"(?:Treaty|Agreement|Accord|Pact|Convention|Charter|Protocol|Declaration|Partnership"
    r"|Memorandum of Understanding|Memorandum|Arrangement|Framework|Plan of Action)"
)
# Names begin with a capital: the lookahead skips every other position at once.
TREATY_PATTERN = re.compile(
    rf"(?<![\w-])(?=[A-Z])(?:{_CAP}{_SP})*{_TREATY_NOUN}(?:{_SP}(?:{_CONNECT}{_SP})+{_CAP}(?:{_SP}{_CAP})*)*"
)
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9&.-]{1,9})\)")
# A given name, hyphenated ones whole ("Hans-Peter", "Jean-Marie"), and initials after it.
_NAME = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*(?:[ \t]+(?:[A-Z]\.[ \t]*)+)?"
_PARTICLE = r"(?:von|van|der|de|del|da|al|bin|ibn|le|la)"
PERSON_SHAPE = re.compile(
    rf"(?<![\w-]){_NAME}(?:{_SP}(?:{_PARTICLE}{_SP})*[A-Z][\w'’-]+){{1,3}}(?:,?{_SP}(?:Jr|Sr)\.?)?"
)
_ORG_HEAD = re.compile(
    r"(?<!\w)(?=[A-Z])(?:"  # a capital that starts a word, or nothing is tried
    rf"(?:Government|Ministry|Department|Council|Commission|Parliament|Assembly|Agency"
    rf"|Armed Forces|Self-Defense Forces|Self-Defence Forces|Office|Court|Bank|Party)"
    rf"(?:{_SP}of{_SP}(?:the{_SP})?{_CAP}(?:{_SP}{_CAP})*){{1,2}}"
    # A polity named by its form of rule: "Islamic Emirate of Afghanistan".
    rf"|(?:{_CAP}{_SP})*(?:Emirate|Caliphate|Sultanate)(?:{_SP}of{_SP}(?:the{_SP})?{_CAP})"
    rf"(?:{_SP}{_CAP})*"
    rf"|(?:{_CAP}{_SP})+(?:Ministry|Council|Commission|Parliament|Agency|Party|Bank|Forces"
    rf"|Organization|Organisation|Institute|Union|Senate|Army|Navy|Court)\b"
    r")"
)
# Capitalised only because they open a sentence: never the first word of a name.
_SENTENCE_STARTERS = frozenset(
    {
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "Under",
        "Over",
        "With",
        "Without",
        "Both",
        "Each",
        "Such",
        "Some",
        "Many",
        "Other",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "According",
        "Today",
        "Yesterday",
        "Subject",
        "Following",
        "Among",
        "Despite",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
    }
)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the " and a trailing possessive or punctuation."""
    piece = text[start:end]
    for lead in ("the ", "The "):
        if piece.startswith(lead):
            start += len(lead)
            piece = piece[len(lead) :]
    while piece and piece[-1] in " ,.;:)'’" and not re.search(r"\b(?:[A-Z]|Jr|Sr)\.$", piece):
        end -= 1
        piece = piece[:-1]
    for suffix in ("'s", "’s"):
        if piece.endswith(suffix):
            end -= 2
            piece = piece[:-2]
    return start, end


class _Collector:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Mention] = []
        self.titled: set[tuple[int, int]] = set()  # people named after a title ("President X")

    def add(self, label: str, start: int, end: int, entity: str | None = None) -> None:
        start, end = _strip(self.text, start, end)
        if end > start:
            surface = self.text[start:end]
            self.found.append(Mention(label, start, end, surface, entity or surface))


def extract_entities(
    text: str, gazetteer: Gazetteer | None = None, *, model: bool = True
) -> list[Mention]:
    """Every mention in ``text``, in order; TREATY mentions may contain other mentions.

    The trained model's entities with the rules laid over them (``combine``); the rules
    alone when ``model`` is false or no model is installed."""
    known = gazetteer or load_gazetteer()
    spans = model_spans(text) if model else None
    rules, treaties = _rule_candidates(text, known)
    if spans is None:
        chosen = rules
    else:
        titles = [(t.start, t.end) for t in treaties]
        chosen = combine(text, model_candidates(text, spans, known), rules, titles)
        chosen = _surnames(text, chosen, known)
    flat = [
        Mention(c.label, c.start, c.end, text[c.start : c.end], c.entity or text[c.start : c.end],
                confidence(c.evidence, c.label))
        for c in chosen
    ]  # fmt: skip
    found = without_headline_fragments(text, flat + treaties, known)
    return sorted(found, key=lambda m: (m.start, -m.end))


def _rule_candidates(text: str, known: Gazetteer) -> tuple[list[Candidate], list[Mention]]:
    """The rules' mentions, one label per stretch, each with the kind of evidence behind it,
    and the treaty titles (a layer of their own)."""
    found = _Collector(text)
    for match in DATE_PATTERN.finditer(text):
        found.add("DATE", match.start(), match.end())
    treaties = _treaties(text, found, known)
    for match in known.pattern.finditer(text):
        entry = known.surfaces[match.group()]
        found.add(entry.label, match.start(), match.end(), entry.canonical)
    for match in _ORG_HEAD.finditer(text):
        found.add("ORG", match.start(), match.end())
    _people(text, known, found)
    _cities(text, known, found)
    # Capitalised words inside a treaty's title ("… for the Further Reduction and …") are
    # the title's, not a person's.
    in_treaty = bytearray(len(text))
    for treaty in treaties:
        in_treaty[treaty.start : treaty.end] = b"\x01" * (treaty.end - treaty.start)
    candidates = []
    for m in _resolve([m for m in found.found if m.label != "TREATY"]):
        if m.label == "PERSON" and all(in_treaty[m.start : m.end]):
            continue
        listed = m.label == _CITY or (
            m.text in known.surfaces and known.surfaces[m.text].label == m.label
        )
        label = "GPE" if m.label == _CITY else m.label
        entity = m.entity if m.entity != m.text else None
        start, end = m.start, m.end
        if label == "PERSON":  # never "… MP" or "Rt Hon …"
            start, end = person_extent(text, start, end, known)
            if end <= start:
                continue
        evidence = "gazetteer" if listed else "pattern"
        if label == "PERSON" and (m.start, m.end) in found.titled:
            evidence = "title"
        candidates.append(Candidate(start, end, label, entity, evidence))
    treaty_confidence = CONFIDENCE["pattern"]
    return candidates, [replace(t, confidence=treaty_confidence) for t in treaties]


# The family name: the last word with the particles before it ("von der Leyen").
_SURNAME = re.compile(r"(?:(?:von|van|der|den|de|del|della|da|di|du|al|el|bin|ibn|le|la)\s+)*\S+$")


def _surnames(text: str, chosen: list[Candidate], known: Gazetteer) -> list[Candidate]:
    """A person named in full is also every later mention of the surname alone, and the
    upper-case "SURNAME:" of a transcript; each such mention is that person."""
    people: dict[str, str] = {}
    for c in chosen:
        name = text[c.start : c.end]
        if c.label == "PERSON" and " " in name and not name.isupper():
            surname = _SURNAME.search(re.sub(r",?\s+(?:Jr|Sr)\.?$", "", name)).group()  # type: ignore[union-attr]
            if surname[:1].isupper() and not surname.isupper() and surname not in known.surfaces:
                people.setdefault(surname, name)
    if not people:
        return chosen
    claimed = bytearray(len(text))
    for c in chosen:
        claimed[c.start : c.end] = b"\x01" * (c.end - c.start)
    names = "|".join(map(re.escape, sorted(people, key=len, reverse=True)))
    upper = {name.upper(): full for name, full in people.items()}
    shouted = "|".join(map(re.escape, sorted(upper, key=len, reverse=True)))
    result = []
    for c in chosen:  # a surname the model found alone is the person named in full
        surface = text[c.start : c.end]
        if c.label in ("PERSON", "ORG", "GPE", "LOC") and surface in people:
            c = replace(c, label="PERSON", entity=people[surface])
        result.append(c)
    pattern = rf"(?<![\w])(?:{names})(?![\w])|(?<![\w])(?:{shouted})(?=:)"
    for match in re.finditer(pattern, text):
        if not any(claimed[match.start() : match.end()]):
            full = people.get(match.group()) or upper[match.group()]
            result.append(Candidate(match.start(), match.end(), "PERSON", full, "pattern"))
    return sorted(result, key=lambda c: (c.start, c.end))


_NON_SPACE = re.compile(r"\S+")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*(?![\w'’-])")
_POSSESSIVE_END = re.compile(r"(?:['’]s)?[,.]*$")
# A city from the large list yields to a person of the same name ("Houston" the surname), so
# it has a label of its own until mentions are resolved.
_CITY = "CITY"
_UPPER = "A-ZÀ-ÖØ-Þ"
_CAPITALISED_RUN = re.compile(
    rf"(?<![\w.])[{_UPPER}][\w'’.-]*"
    rf"(?:(?:\s+(?:de|da|do|dos|das|del|la|le|les|al|el|am|an|on|upon|of|es|au|sur))*"
    rf"\s+[{_UPPER}][\w'’.-]*)*"
)
_MAX_CITY_WORDS = 5


def _cities(text: str, known: Gazetteer, found: _Collector) -> None:
    """Cities of the large list, found as the longest known run of words at each place."""
    if not known.cities:
        return
    starts = known.city_starts
    for run in _CAPITALISED_RUN.finditer(text):
        group = run.group()
        one_word = " " not in group and group not in starts  # most often no city at all
        if one_word and (group[-1:].isalpha() or _POSSESSIVE_END.sub("", group) not in starts):
            continue
        words = list(_NON_SPACE.finditer(group))
        i = 0
        while i < len(words):
            first = _POSSESSIVE_END.sub("", words[i].group())
            if first not in known.city_starts and words[i].group() not in known.city_starts:
                i += 1
                continue
            for j in range(min(len(words), i + _MAX_CITY_WORDS), i, -1):
                start = run.start() + words[i].start()
                end = run.start() + words[j - 1].end()
                start, end = _strip(text, start, end)
                name = known.cities.get(text[start:end])
                if name is not None:
                    found.add(_CITY, start, end, name)
                    i = j
                    break
            else:
                i += 1


_LANGUAGES = frozenset(
    {
        "English", "French", "Russian", "Spanish", "Arabic", "Chinese", "German", "Armenian",
        "Azerbaijani", "Persian", "Farsi", "Japanese", "Korean", "Portuguese", "Italian",
        "Turkish", "Ukrainian", "Hebrew", "Hindi", "Urdu", "Dutch",
    }
)  # fmt: skip


def _strip_tail(text: str) -> str:
    return re.sub(r"(?:['’]s)?[\s,.;:)]*$", "", text)


# Two titles joined: the first ends with its treaty noun ("… Treaty and the … Agreement").
_TWO_TITLES = re.compile(rf"\b{_TREATY_NOUN}( and (?:the )?)(?=[A-Z])")
# A headline's verb inside a run of capitalised words is no part of a title.
_HEADLINE_VERB = re.compile(
    r"^.*\b(?:Sign|Signs|Signed|Agree|Agrees|Reach|Reaches|Seal|Seals|Hail|Hails|Back|Backs"
    r"|Unveil|Unveils|Approve|Approves|Ratify|Ratifies|Extend|Extends|Renew|Renews|Quit|Quits"
    r"|Join|Joins|Leave|Leaves|Strike|Strikes|Ink|Inks) +"
)
_SMALL_WORDS = frozenset({"of", "on", "the", "and", "for", "to", "in", "between", "a"})


def _initialisms(title: str) -> set[str]:
    """The capitals a title is abbreviated to, with and without its small words ("RCEP" for
    "Regional Comprehensive Economic Partnership"); three to eight letters."""
    words = [w for w in re.split(r"[\s-]+", title) if w]
    capitals = "".join(w[0] for w in words if w[0].isupper())
    every = "".join(w[0].upper() for w in words if w.lower() not in {"the", "a"})
    return {form for form in (capitals, every) if 3 <= len(form) <= 8}


def _treaties(text: str, found: _Collector, known: Gazetteer) -> list[Mention]:
    """Treaty titles, and acronyms the text defines for them: "(EDCA)" then "EDCA"."""
    start_count = len(found.found)
    acronyms: dict[str, str] = {}
    for match in TREATY_PATTERN.finditer(text):
        start, end = match.start(), match.end()
        verb = _HEADLINE_VERB.search(match.group())
        if verb:  # "Leaders Sign Trade Pact": the title starts after the verb
            start += verb.end()
        words = text[start:end].split()
        if " in " in match.group():  # "Agreement in English", "Accord in La Paz": not titles
            cut = match.group().rindex(" in ")
            tail = _strip_tail(match.group()[cut + 4 :])
            if tail in _LANGUAGES or tail in known.surfaces or tail in known.cities:
                end = match.start() + cut
                words = text[start:end].split()
        pair = _TWO_TITLES.search(text, start, end)
        if pair and pair.end() < end:  # "the Mutual Defense Treaty and the Visiting Forces
            if len(text[pair.end() : end].split()) >= 2:  # Agreement" names two agreements
                found.add("TREATY", pair.end(), end)
            end = pair.start(1)
            words = text[start:end].split()
        if len(words) < 2 or (words[0] in _SENTENCE_STARTERS and len(words) == 2):
            continue  # "the Agreement", "This Treaty": anaphora, not a name
        found.add("TREATY", start, end)
        defined = _ACRONYM_AFTER.match(text, match.end())
        if defined:
            start, stop = _strip(text, start, end)
            acronyms[defined.group(1)] = text[start:stop]
    titles = {m.text for m in found.found[start_count:]}
    for title in titles:  # "RCEP" for "Regional Comprehensive Economic Partnership"
        for initials in _initialisms(title):
            acronyms.setdefault(initials, title)
    if acronyms:  # every defined acronym in one pass
        alternatives = "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True)))
        for match in re.finditer(rf"(?<![\w])(?:{alternatives})(?![\w])", text):
            found.add("TREATY", match.start(), match.end(), acronyms[match.group()])
    treaties = found.found[start_count:]
    del found.found[start_count:]
    return treaties


def _people(text: str, known: Gazetteer, found: _Collector) -> None:
    """Names after titles, name shapes with initials or several capitalised words not known
    as anything else, then every later surname of a person already named."""
    titles = "|".join(re.escape(title) for title in known.titles)
    after_title = re.compile(rf"(?:{titles})\s+({PERSON_SHAPE.pattern}|[A-Z][a-z]+)")
    for match in after_title.finditer(text):
        name = match.group(1)
        if name not in known.surfaces:
            found.add("PERSON", match.start(1), match.end(1))
            found.titled.add((found.found[-1].start, found.found[-1].end))
    title_words = {word for title in known.titles for word in title.split()}
    # Words the text also writes in lower case are ordinary words ("Five Years Without
    # Changes" in a headline); a run made mostly of them is not a name.
    lower_words: set[str] | None = None  # read only when a long candidate needs it
    for match in PERSON_SHAPE.finditer(text):
        words = list(_NON_SPACE.finditer(match.group()))
        # Leading words that are known names, titles or sentence openers are not the name:
        # "Russian President Vladimir Putin" is a person from "Vladimir" on.
        while words and (
            words[0].group().strip(",") in known.surfaces
            or words[0].group() in title_words
            or words[0].group() in _SENTENCE_STARTERS
        ):
            words.pop(0)
        # A function word is never part of a name: "spokesman Kammerer The others" (a full
        # stop lost) names Kammerer, not "Kammerer The".
        while words and words[-1].group().strip(",").lower() in STOP_WORDS:
            words.pop()
        if len(words) < 2 or any(
            w.group().strip(",") in known.surfaces or w.group() in known.not_names for w in words
        ):
            continue
        capitalised = [w.group().strip(",") for w in words if w.group()[:1].isupper()]
        if len(capitalised) > 2:
            lower_words = lower_words or set(_LOWER_WORD.findall(text))
            ordinary = sum(word.lower() in lower_words for word in capitalised)
            if ordinary * 2 >= len(capitalised):
                continue
        if _POSSESSIVE_END.sub("", match.group()[words[0].start() :]) in known.cities:
            continue  # "Rio de Janeiro" has a name's shape
        if "'s " in match.group() or "’s " in match.group():
            continue  # "Lisbon's Belém": a possessive never stands inside a name
        found.add("PERSON", match.start() + words[0].start(), match.start() + words[-1].end())
    people: dict[str, str] = {}
    for mention in found.found:
        if mention.label == "PERSON" and " " in mention.text:
            surname = re.sub(r",?\s+(?:Jr|Sr)\.?$", "", mention.text).split()[-1]
            if (
                surname not in known.surfaces
                and surname not in known.not_names
                and surname.lower() not in STOP_WORDS
            ):
                people.setdefault(surname, mention.text)
    if people:  # one pass for all surnames, and one for transcripts' "PUTIN:" speakers
        names = sorted(people, key=len, reverse=True)
        plain = "|".join(map(re.escape, names))
        for match in re.finditer(rf"(?<![\w])(?:{plain})(?![\w])", text):
            found.add("PERSON", match.start(), match.end(), people[match.group()])
        upper = {name.upper(): full for name, full in people.items()}
        shouted = "|".join(map(re.escape, sorted(upper, key=len, reverse=True)))
        for match in re.finditer(rf"(?<![\w])(?:{shouted})(?=:)", text):
            found.add("PERSON", match.start(), match.end(), upper[match.group()])
    full_names = set(people.values())
    canonical = {
        m.text: m.entity for m in found.found if m.label == "PERSON" and m.text in full_names
    }
    for number, mention in enumerate(found.found):
        if mention.label == "PERSON" and mention.text in canonical:
            found.found[number] = Mention("PERSON", mention.start, mention.end, mention.text,
                                          canonical[mention.text])  # fmt: skip


_PRIORITY = {"DATE": 0, "ORG": 1, "GPE": 2, "LOC": 2, "PERSON": 3, _CITY: 3.5, "NORP": 4}


def _resolve(mentions: list[Mention]) -> list[Mention]:
    """One label per stretch of text: the longest mention wins, then the surer source.
    Characters already claimed are marked in one array, so this stays linear."""
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), _PRIORITY[m.label], m.start))
    claimed = bytearray(max((m.end for m in mentions), default=0))
    taken: list[Mention] = []
    for mention in ordered:
        if not any(claimed[mention.start : mention.end]):
            claimed[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
            taken.append(mention)
    return taken
