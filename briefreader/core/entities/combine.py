"""One set of mentions from two sources: the trained model's entities and the rules'.

The policy, measured on the development texts and checked on held-out ones (see
``docs/ARCHITECTURE.md``), is a backbone and an overlay:

- the model's PERSON, ORG, GPE, LOC, FAC, NORP and DATE spans are the backbone; FAC and LOC
  are places (LOC), and spans are cut to the labelling conventions (no leading "the", no
  possessive, no citation marks, no titles or honorifics, no durations as dates, no
  agreement titles as organisations);
- a rule mention from a gazetteer (countries, cities, known organisations, nationalities)
  replaces the model spans it overlaps unless a longer model span of a non-person label
  holds it ("Armed Forces of the Philippines" keeps the place inside);
- a rule date or organisation pattern ("Government of …", "… Ministry") replaces the model
  spans it covers, and stands alone where the model found nothing;
- a person named right after a title relabels the model's span of the same extent;
- a rule person stands only where it extends a model person ("Ursula von" to "Ursula von der
  Leyen", a "Jr." suffix): the rules' people were the least reliable class on new texts;
- treaty titles stay the rules' own layer; later surnames of a person are that person.

Each mention carries a confidence: the precision its kind of evidence reached on the
development texts (``CONFIDENCE``), so the reader can mark what to check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from briefreader.core.entities.gazetteer import Gazetteer
from briefreader.core.entities.model import ModelSpan

# The model's labels as the reader's; others (money, laws, events …) are left out.
_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "DATE": "DATE",
}
# Evidence kinds and the precision each reached on the development texts (files 01-12,
# distinct strings; scripts/eval_entities.py), rounded down: 139 of 139 where the model and
# a rule agree, 19 of 22 from a gazetteer alone, 27 of 36 from a pattern alone.
CONFIDENCE = {
    "both": 0.95,  # the model and a rule found the same stretch
    "gazetteer": 0.85,
    "title": 0.75,  # a person named after a title ("President …"), with no model support
    "pattern": 0.75,
    "model": 0.4,  # the model alone: 14 of 33 (people 3 of 3, organisations 5 of 23)
}
# The model alone, by label, where the counts differ most from its average.
MODEL_ALONE = {"PERSON": 0.7, "ORG": 0.25, "GPE": 0.35, "LOC": 0.35, "DATE": 0.5}
UNSURE = 0.6  # below this the reader marks a value for the analyst to check


def confidence(evidence: str, label: str) -> float:
    """How sure a mention is, from the evidence behind it and its label."""
    if evidence == "model":
        return MODEL_ALONE.get(label, CONFIDENCE["model"])
    return CONFIDENCE[evidence]


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    entity: str | None
    evidence: str  # a key of CONFIDENCE

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end

    def covers(self, other: Candidate) -> bool:
        return self.start <= other.start and other.end <= self.end


_TREATY_WORD = re.compile(
    r"\b(?:Treaty|Agreement|Accord|Pact|Convention|Charter|Protocol|Declaration|Memorandum"
    r"|Arrangement)\b"
)
_CITATION = re.compile(r"\[\d+\]")
_DURATION = re.compile(
    r"\b(?:years?|months?|weeks?|days?|decades?|centuries|hours?|minutes?)\b", re.IGNORECASE
)
_POINT_IN_TIME = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d|\d\d?(?:st|nd|rd|th)?\s+century|January|February|March|April|May"
    r"|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday|today|yesterday|tomorrow)\b"
    r"|\b(?:this|last|next|that|the same|the previous|the following|the coming|the past)\s+"
    r"(?:year|month|week|day|decade|century)\b",
    re.IGNORECASE,
)
_TIME_OF_DAY = re.compile(r"\d\s*(?:a\.m\.|p\.m\.|am|pm)\b|\b\d\d?:\d\d\b", re.IGNORECASE)
_HONORIFIC_AFTER = re.compile(r"(?:,?\s+(?:MP|MEP|QC|KC|PhD|MD|OBE|MBE|CBE|KBE))+$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|\b(?:Jr|Sr|Inc|Ltd|Co|St))\.$")
# Words that join the parts of a name but never end one ("Ministers of Foreign Affairs of").
_TRAILING_JOINER = re.compile(
    r"(?:\s+(?:of|the|and|for|in|on|to|at|by|between|Concerning|Regarding|On|Of|And|For))+$"
)
_ADDRESS = re.compile(r"://|www\.|\w@\w|\.(?:com|org|net|gov|html?)\b")
_FACILITY_END = re.compile(
    r"\s(?:Monastery|Palace|House|Hall|Square|Tower|Street|Avenue|Bridge|Airport|Cathedral"
    r"|Church|Mosque|Temple|Castle|Building|Centre|Center|Park|Stadium|Museum|Bay|Island)$"
)
_NAME_SUFFIX = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III"})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The labelling conventions' extent: no leading "the", no possessive, no citation
    marks or trailing punctuation (an abbreviation keeps its full stop: "U.S.")."""
    piece = text[start:end]
    cited = _CITATION.search(piece)
    if cited:
        end = start + cited.start()
    while True:
        piece = text[start:end]
        joiner = _TRAILING_JOINER.search(piece)
        if piece[:4] in ("the ", "The "):
            start += 4
        elif piece.endswith(("'s", "’s")):
            end -= 2
        elif joiner:
            end = start + joiner.start()
        elif piece[-1:] in " ,;:)\n\t\"'" or (
            piece[-1:] == "." and not _ABBREVIATION_END.search(piece)
        ):
            end -= 1
        elif piece[:1] in "\"'(":
            start += 1
        else:
            return start, end
        if end <= start:
            return start, start


def person_extent(text: str, start: int, end: int, known: Gazetteer) -> tuple[int, int]:
    """A person's name without the titles before it or the honorifics after it ("Rt Hon",
    "Secretary General", "… MP"); empty when nothing but titles is left."""
    changed = True
    while changed and end > start:
        changed = False
        piece = text[start:end]
        for title in known.titles:
            if piece.startswith(title) and (len(piece) == len(title) or piece[len(title)] in " ."):
                start += len(title)
                while start < end and text[start] in " .":
                    start += 1
                changed = True
                break
        inner = _inner_title(piece, known)
        if inner:  # "Czech President Václav Klaus": what precedes a title is not the name
            start += inner
            changed = True
            continue
        honorific = _HONORIFIC_AFTER.search(text[start:end])
        if honorific:
            end = start + honorific.start()
            changed = True
    return start, end


def _inner_title(piece: str, known: Gazetteer) -> int:
    """Where the name starts after a title inside ``piece`` (0: none). A title of two or
    more words, or of one word followed by at least two more, marks the name's start."""
    for title in known.titles:
        at = piece.find(f" {title} ")
        if at < 0 or not title[:1].isupper():
            continue
        after = piece[at + len(title) + 2 :]
        if " " in title or len(after.split()) >= 2:
            return at + len(title) + 2
    return 0


def _is_duration(surface: str) -> bool:
    """A span of time with no point in it ("five years", "the last six decades"), or a time
    of day: not a date under the labelling conventions."""
    if _TIME_OF_DAY.search(surface) and not _POINT_IN_TIME.search(surface):
        return True
    return bool(_DURATION.search(surface)) and not _POINT_IN_TIME.search(surface)


def model_candidates(text: str, spans: Sequence[ModelSpan], known: Gazetteer) -> list[Candidate]:
    """The model's spans in the reader's labels, cut to the conventions; what is no entity
    under them (durations, agreement titles, bare titles) is dropped."""
    found: list[Candidate] = []
    for span in spans:
        label = _LABELS.get(span.label)
        if label is None:
            continue
        start, end = _trim(text, span.start, span.end)
        if label == "PERSON":
            start, end = person_extent(text, start, end, known)
            start, end = _trim(text, start, end)
        surface = text[start:end]
        if end <= start or not any(ch.isalnum() for ch in surface):
            continue
        if label == "DATE" and _is_duration(surface):
            continue
        if surface in _NAME_SUFFIX:
            continue  # the end of a person's name the model cut off ("…, Jr.")
        if label != "DATE" and _TREATY_WORD.search(surface):
            continue  # an agreement's title: the treaty layer's
        if label != "DATE" and not any(ch.isupper() for ch in surface):
            continue  # names are written with a capital
        if _ADDRESS.search(surface):
            continue  # a web or mail address is no name
        if label == "ORG":
            cut = _title_end_inside(text, start, end, known)
            if cut == end:
                continue  # "Secretary of State": the end of a title, not an organisation
            if cut is not None:
                # "Secretary of National Defense Paul Roth": after the title, a person.
                label, start = "PERSON", cut + len(text[cut:end]) - len(text[cut:end].lstrip())
                surface = text[start:end]
                if len(surface.split()) < 2 or not all(w[:1].isupper() for w in surface.split()):
                    continue
        if label == "PERSON" and _FACILITY_END.search(surface):
            label = "LOC"  # "… Monastery", "… Tower": a building, not a person
        found.append(Candidate(start, end, label, None, "model"))
    return _consistent(text, found)


def _title_end_inside(text: str, start: int, end: int, known: Gazetteer) -> int | None:
    """Where a title that begins before ``start`` ends inside ``(start, end]``: "State" in
    "Secretary of State" is the end of a title (``end``); "National Defense Paul Roth" in
    "Secretary of National Defense Paul Roth" holds one (the offset after "Defense"). Only
    the 60 characters either side are read, so the cost does not grow with the span."""
    window_start = max(0, start - TITLE_REACH)
    window = text[window_start : min(end, start + TITLE_REACH)]
    for match in _title_pattern(tuple(known.titles)).finditer(window):
        begin, cut = window_start + match.start(), window_start + match.end()
        if begin < start < cut <= end:
            return cut
    return None


TITLE_REACH = 60  # characters: longer than any title


@lru_cache(maxsize=4)
def _title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """Every title as one pattern, longest first, matched as whole words."""
    ordered = sorted((t for t in titles if t[:1].isupper()), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


def _consistent(text: str, found: list[Candidate]) -> list[Candidate]:
    """One label for one name within a document: the model reads each mention in its own
    context and may call "Trump" a person in one sentence and an organisation in the next;
    the label most of its mentions got is given to all of them."""
    votes: dict[str, Counter[str]] = {}
    for c in found:
        votes.setdefault(text[c.start : c.end], Counter())[c.label] += 1
    result = []
    for c in found:
        ranked = votes[text[c.start : c.end]].most_common(2)
        if ranked[0][0] != c.label and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            c = replace(c, label=ranked[0][0])
        result.append(c)
    return result


class _Chosen:
    """Mentions that do not overlap, with the one holding each character: finding what a
    new span overlaps costs its length, not the number of mentions (a megabyte of text has
    tens of thousands)."""

    def __init__(self, length: int, items: Sequence[Candidate]) -> None:
        self._items: dict[int, Candidate] = {}
        self._owner = [-1] * (length + 1)
        self._next = 0
        for item in items:
            self.add(item)

    def add(self, item: Candidate) -> None:
        key, self._next = self._next, self._next + 1
        self._items[key] = item
        self._owner[item.start : item.end] = [key] * (item.end - item.start)

    def over(self, span: Candidate) -> list[Candidate]:
        keys = dict.fromkeys(k for k in self._owner[span.start : span.end] if k >= 0)
        return [self._items[k] for k in keys]

    def remove(self, items: Sequence[Candidate]) -> None:
        for item in items:
            key = self._owner[item.start]
            del self._items[key]
            self._owner[item.start : item.end] = [-1] * (item.end - item.start)

    def replace(self, old: Sequence[Candidate], new: Candidate) -> None:
        self.remove(old)
        self.add(new)

    def sorted(self) -> list[Candidate]:
        return sorted(self._items.values(), key=lambda c: (c.start, c.end))


def combine(
    text: str,
    model: Sequence[Candidate],
    rules: Sequence[Candidate],
    treaties: Sequence[tuple[int, int]] = (),
) -> list[Candidate]:
    """The backbone and overlay described above; no two results overlap. A model span
    inside or across a treaty title (``treaties``) is a piece of the title, not a name of
    its own, unless a gazetteer names it."""
    in_treaty = bytearray(len(text) + 1)
    for start, end in treaties:
        in_treaty[start:end] = b"\x01" * (end - start)
    chosen = _Chosen(len(text), [c for c in model if not any(in_treaty[c.start : c.end])])
    order = {"gazetteer": 0, "pattern": 1}
    for rule in sorted(rules, key=lambda c: (order.get(c.evidence, 2), c.start)):
        over = chosen.over(rule)
        if rule.evidence == "title":
            # A title names a person ("Chancellor Olaf Scholz"): the model's span of the same
            # extent takes the person's label; anything else is left to the model.
            same = [c for c in over if (c.start, c.end) == (rule.start, rule.end)]
            if same:
                chosen.replace(same, replace(rule, evidence="both"))
                continue
        if rule.label == "PERSON" and rule.evidence in ("pattern", "title"):
            # It extends a person the model cut short ("Ursula von" + "Leyen").
            if any(c.label == "PERSON" for c in over) and all(
                c.evidence == "model" and rule.covers(c) for c in over
            ):
                chosen.replace(over, replace(rule, evidence="both"))
            continue
        if rule.evidence == "gazetteer":
            held = [
                c
                for c in over
                if c.covers(rule)
                and c != rule
                and c.label != "PERSON"
                and c.evidence == "model"
                and (c.end - c.start) > (rule.end - rule.start)
            ]
            if held:
                _split_possessive(text, rule, held[0], chosen)
                continue
        elif any(not rule.covers(c) for c in over):
            continue  # a pattern does not cut into a longer span
        agreed = any(
            c.start == rule.start and c.end == rule.end and c.label == rule.label for c in over
        )
        chosen.replace(over, replace(rule, evidence="both") if agreed else rule)
    return chosen.sorted()


def _split_possessive(text: str, rule: Candidate, holder: Candidate, chosen: _Chosen) -> None:
    """A known name and its possessive opening a longer span are two names: "Azerbaijan's
    Foreign Ministry" is a place and a ministry."""
    after = text[rule.end : rule.end + 3]
    if holder.start != rule.start or not after.startswith(("'s ", "’s ")):
        return
    rest = rule.end + 3
    if rest < holder.end and text[rest].isupper():
        chosen.replace([holder], rule)
        chosen.add(replace(holder, start=rest))
