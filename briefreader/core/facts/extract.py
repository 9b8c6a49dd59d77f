"""Treaty facts: which agreements a document reports on, and what it says about each.

Built on the document's entity mentions (parties are places and organisations, signatories
are people, dates are dates) and on sentences as the unit of evidence. An agreement counts
only when a sentence reports an event about it (signed, concluded, entered into force,
announced…); titles mentioned without one go to ``mentioned``. A document about no agreement
yields none: nothing is invented, and a field the text does not state stays empty.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from briefreader.core.entities import Mention
from briefreader.core.facts import cues
from briefreader.core.facts.commitments import (
    about_pending_other,
    fill_exclusions,
    fill_obligations,
)
from briefreader.core.facts.confidence import score
from briefreader.core.facts.dates import full_date, iso_date
from briefreader.core.facts.model import DocumentFacts, Sentence, TreatyFacts, unique_spans
from briefreader.core.facts.parties import fill_parties, is_country
from briefreader.core.facts.sentences import split_sentences
from briefreader.core.facts.signatories import fill_signatories
from briefreader.core.facts.structure import (
    CONCLUDE_LEMMAS,
    SIGN_LEMMAS,
    Frame,
    signing_frames,
)
from briefreader.core.text.document import BlockKind, Document, Span


def document_facts(document: Document, mentions: Sequence[Mention]) -> DocumentFacts:
    """A loaded document's facts: its canonical text, its date, and its list items."""
    items = [
        Span(block.start, block.start + len(block.text))
        for block in document.blocks
        if block.kind is BlockKind.LIST_ITEM
    ]
    return extract_facts(document.text, mentions, document.metadata.date, items)


def extract_facts(
    text: str,
    mentions: Sequence[Mention],
    document_date: str | None = None,
    list_items: Sequence[Span] = (),
) -> DocumentFacts:
    """The agreements ``text`` reports on, most salient first, with every field's evidence.
    ``list_items`` are the ranges of the document's list items: a list the text introduces
    with a colon states what the agreement holds."""
    sentences = _sentences(text, mentions)
    treaty_names = Counter(m.entity for s in sentences for m in s.mentions if m.label == "TREATY")
    events = [s for s in sentences if _refers(s) and s.has(cues.EVENT)]
    if not events:
        return DocumentFacts(mentioned=sorted(treaty_names, key=lambda n: -treaty_names[n]))
    name = _main_name(events, treaty_names, sentences[1:])
    anchor = _anchor(text, document_date)
    others: list[TreatyFacts] = []
    body_events = [s for s in events[1:] if not _headline(s)] if events else []
    for other in _other_agreements(body_events, name):
        # Another agreement with an event of its own: only sentences naming it speak of it,
        # and a sentence naming the main one too is the main one's.
        its_events = [s for s in body_events if _names(s, other) and not (name and _names(s, name))]
        its_sentences = [s for s in sentences if _names(s, other)]
        if not its_events or same_agreement(other, name):
            continue
        candidate = _treaty(other, its_events, its_sentences, sentences, text, anchor, rows={})
        if candidate.signed_date or candidate.signed_place or len(candidate.parties) >= 2:
            others.append(candidate)  # an event with a when, where or who: not a passing word
    # The main agreement's sentences leave out those about the others alone.
    theirs = {t.name for t in others}

    def about_others(sentence: Sentence) -> bool:
        named = {m.entity for m in sentence.mentions if m.label == "TREATY"}
        return bool(named & theirs) and not (name and name in named)

    main = _treaty(
        name,
        [s for s in events if not about_others(s)],
        [s for s in _relevant(sentences, name) if not about_others(s)],
        sentences,
        text,
        anchor,
        list_items=list_items,
    )
    treaties = [main, *others]
    found = {treaty.name for treaty in treaties}
    mentioned = [other for other in treaty_names if other not in found]
    return DocumentFacts(treaties=treaties, mentioned=mentioned)


def _treaty(
    name: str | None,
    events: list[Sentence],
    relevant: list[Sentence],
    sentences: list[Sentence],
    text: str,
    anchor: dt.date | None,
    rows: dict[str, Sentence] | None = None,
    list_items: Sequence[Span] = (),
) -> TreatyFacts:
    """One agreement's fields from the sentences reporting its events and speaking of it.
    ``rows`` are the text's key-value rows (an infobox), which describe the main agreement."""
    treaty = TreatyFacts(name=name)
    if name is not None:
        treaty.evidence["name"] = [s.span for s in relevant if _names(s, name)][:3]
    else:
        treaty.description = _description(events[0].text)
        treaty.evidence["name"] = [events[0].span]
    signing = [s for s in events if s.has(cues.SIGNING)]
    context = _with_preceding(signing, sentences)
    main = rows is None  # the main agreement: the text's rows (and its own text) are its
    rows = _infobox(sentences) if rows is None else rows
    # The signing verbs' arguments; with no signing reported, the concluding verbs' (where
    # a deal was reached or announced is its place).
    setting = signing or events
    frames = signing_frames(setting, SIGN_LEMMAS if signing else CONCLUDE_LEMMAS)
    if frames is None or not _place_from_frames(treaty, setting, frames, rows):
        _fill_place(treaty, context, rows)
    fill_parties(treaty, signing or events, relevant, rows, sentences)
    fill_signatories(treaty, signing, sentences, frames)
    _fill_date(treaty, context, text, sentences, anchor, rows)
    _fill_duration(treaty, relevant)
    instrument = _instrument(sentences)
    _fill_status(treaty, events, rows, instrument)
    # The text of an agreement speaks of itself throughout: its areas and commitments are
    # in its articles, which need not name it.
    own_text = instrument if main else None
    about = _from(own_text, sentences) if own_text else relevant
    _fill_areas(treaty, [s for s in about if not about_pending_other(s, treaty)])
    fill_obligations(treaty, about, sentences, list_items)
    fill_exclusions(treaty, relevant)
    treaty.evidence = {key: spans for key, spans in treaty.evidence.items() if spans}
    score(treaty, events, sentences)
    return treaty


def _headline(sentence: Sentence) -> bool:
    """A title-case line ("Reagan and Gorbachev Sign Treaty"): a headline, not a report."""
    words = re.findall(r"[A-Za-z][\w'-]*", sentence.text)
    small = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by"}
    content = [w for w in words if w.lower() not in small]
    return len(content) >= 3 and all(w[0].isupper() for w in content)


_NAME_WORDS = re.compile(r"[A-Za-z]{3,}")
_GENERIC = frozenset(
    {"the", "and", "treaty", "agreement", "accord", "pact", "between", "for", "on"}
)


def same_agreement(other: str, main: str | None) -> bool:
    """Two titles of one agreement ("Enhanced Defense Cooperation Agreement" and "Agreement
    on Enhanced Defense Cooperation"): their distinctive words mostly agree."""
    if main is None:
        return False
    mine = {w.lower() for w in _NAME_WORDS.findall(other)} - _GENERIC
    theirs = {w.lower() for w in _NAME_WORDS.findall(main)} - _GENERIC
    if not mine or not theirs:
        return False
    return len(mine & theirs) / min(len(mine), len(theirs)) >= 0.6


def _other_agreements(events: list[Sentence], main: str | None) -> list[str]:
    """Titles other than the main one that event sentences name, most often named first."""
    named: Counter[str] = Counter(
        m.entity for s in events for m in s.mentions if m.label == "TREATY" and m.entity != main
    )
    return sorted(named, key=lambda n: (-named[n], n))


_METADATA_LINE = re.compile(r"(?:Source|Credited from|Credit|Via|Photo|Image)\s*:", re.IGNORECASE)


def _sentences(text: str, mentions: Sequence[Mention]) -> list[Sentence]:
    """The text's sentences with their mentions, leaving out metadata lines ("Source: …"),
    which describe the document rather than the agreement."""
    ordered = sorted(mentions, key=lambda m: m.start)
    result = []
    position = 0
    for span in split_sentences(text):
        line_start = text.rfind("\n", 0, span.start) + 1
        if _METADATA_LINE.match(text, line_start):
            continue
        while position < len(ordered) and ordered[position].end <= span.start:
            position += 1
        inside = []
        for mention in ordered[position:]:
            if mention.start >= span.end:
                break
            if mention.end <= span.end:
                inside.append(mention)
        result.append(Sentence(span, text[span.start : span.end], tuple(inside)))
    return result


def _refers(sentence: Sentence, name: str | None = None) -> bool:
    """The sentence speaks of an agreement (of ``name`` or any, by title or common noun)."""
    if sentence.has(cues.AGREEMENT_NOUN):
        return True
    return any(
        m.label == "TREATY" and (name is None or m.entity == name) for m in sentence.mentions
    )


def _names(sentence: Sentence, name: str) -> bool:
    return any(m.label == "TREATY" and m.entity == name for m in sentence.mentions)


def _main_name(events: list[Sentence], counts: Counter[str], body: list[Sentence]) -> str | None:
    """The title the event sentences name most, else the title the body names most; none if
    the text only says "the deal" (a title only in the headline is a headline's wording)."""
    in_events: Counter[str] = Counter(
        m.entity for s in events for m in s.mentions if m.label == "TREATY"
    )
    in_body: Counter[str] = Counter(
        m.entity for s in body for m in s.mentions if m.label == "TREATY"
    )
    ranked = in_events or in_body
    if not ranked:
        return None
    return max(ranked, key=lambda n: (ranked[n], counts[n], len(n)))


_ANAPHORA = re.compile(r"^(?:It|This|The (?:treaty|agreement|accord|pact|deal|document|text))\b")


# Sentences whose subject is the parties speak of what they agreed.
_PARTIES_SUBJECT = re.compile(
    r"\b(?:the two sides|both sides|the parties|both parties|the two countries|both countries"
    r"|the two governments|the signatories)\b",
    re.IGNORECASE,
)


def _relevant(sentences: list[Sentence], name: str | None) -> list[Sentence]:
    """Sentences about the agreement: naming it or an agreement noun, and right after one of
    those a sentence opening with "It" or "This" or going on in lower case (a title that
    runs over two lines)."""
    result: list[Sentence] = []
    previous = False
    for sentence in sentences:
        continues = sentence.text[:1].islower() or bool(_ANAPHORA.match(sentence.text))
        parties_act = _PARTIES_SUBJECT.search(sentence.text) is not None
        about = _refers(sentence, name) or parties_act or (previous and continues)
        if about:
            result.append(sentence)
        previous = about
    return result


def _with_preceding(chosen: list[Sentence], sentences: list[Sentence]) -> list[Sentence]:
    """Each chosen sentence, then the one before it in the same paragraph: "Today in Baku, the
    leaders met. The two Presidents signed …" dates and places the signing."""
    result: list[Sentence] = []
    for sentence in chosen:
        result.append(sentence)
        index = sentences.index(sentence)
        if index > 0:
            before = sentences[index - 1]
            if before not in result and before.span.end >= sentence.span.start - 2:
                result.append(before)
    return result


_ROW = re.compile(r"^\s*(?P<key>[A-Z][\w ]{2,20}?)\s*(?:[|:]|\t)\s*(?P<value>\S.*)$")


def _infobox(sentences: list[Sentence]) -> dict[str, Sentence]:
    """Key-value rows ("Signed | 8 December 1987", "Location: Geneva"), as reference pages
    and cables give them, by lower-cased key."""
    rows: dict[str, Sentence] = {}
    for sentence in sentences:
        match = _ROW.match(sentence.text)
        if match:
            rows.setdefault(match.group("key").strip().lower(), sentence)
    return rows


_DESCRIPTOR = re.compile(
    r"((?:[a-z][\w-]*\s+){0,4})(" + cues.AGREEMENT_NOUN.pattern + r")", re.IGNORECASE
)
_NOT_DESCRIPTIVE = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "new",
        "by",
        "signing",
        "signed",
        "sign",
        "of",
        "on",
        "to",
        "for",
        "and",
        "with",
        "in",
        "at",
        "as",
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
    ]
)


def _description(sentence: str) -> str | None:
    """The words before the agreement noun that describe it ("comprehensive strategic
    partnership treaty"), without articles or verbs."""
    matches = list(_DESCRIPTOR.finditer(sentence))
    if not matches:
        return None
    match = max(matches, key=lambda m: len(_descriptive(m.group(1).split())))
    words = match.group(1).split()
    while words and words[0].lower() in _NOT_DESCRIPTIVE:
        words.pop(0)
    return " ".join([*_descriptive(words), match.group(2)])


def _descriptive(words: list[str]) -> list[str]:
    """The words right before the noun, back to the first article, verb or preposition."""
    kept: list[str] = []
    for word in reversed(words):
        if word.lower() in _NOT_DESCRIPTIVE:
            break
        kept.insert(0, word)
    return kept


def _anchor(text: str, document_date: str | None) -> dt.date | None:
    """The date relative expressions count from: the document's own date, else the first full
    date printed in it."""
    if document_date:
        try:
            return dt.date.fromisoformat(document_date[:10])
        except ValueError:
            pass
    return full_date(text)


def _fill_date(
    treaty: TreatyFacts,
    signing: list[Sentence],
    text: str,
    sentences: list[Sentence],
    anchor: dt.date | None,
    rows: dict[str, Sentence],
) -> None:
    """The most precise date in the signing sentences (or a "Signed" row); for the text of an
    agreement, the date printed at its head."""
    candidates: list[tuple[str, Sentence]] = []
    for sentence in ([rows["signed"]] if "signed" in rows else []) + signing:
        for mention in sentence.labelled("DATE"):
            value = iso_date(mention.text, anchor)
            if value:
                candidates.append((value, sentence))
    if candidates:
        value, sentence = max(candidates, key=lambda item: len(item[0]))
        treaty.signed_date = value
        treaty.evidence["signed_date"] = [sentence.span]
        return
    if not _INSTRUMENT.search(text) or re.search(r"\binitial(?:l)?ed\b", text):
        return  # an initialled text is not yet signed
    for sentence in sentences[:6]:
        whole = full_date(sentence.text)
        if whole is not None:
            treaty.signed_date = whole.isoformat()
            treaty.evidence["signed_date"] = [sentence.span]
            return


def _from(first: Sentence, sentences: list[Sentence]) -> list[Sentence]:
    """``first`` and every sentence after it."""
    return sentences[sentences.index(first) :]


def _instrument(sentences: list[Sentence]) -> Sentence | None:
    """The first sentence showing that the document is the text of an agreement itself."""
    return next((s for s in sentences if _INSTRUMENT.search(s.text)), None)


_INSTRUMENT = re.compile(
    r"\b(?:Article [IVX\d]+|ARTICLE [IVX\d]+|Preamble|PREAMBLE|hereinafter"
    r"|[Hh]ave agreed as follows|Part One|PART ONE)\b"
)


def _fill_place(treaty: TreatyFacts, signing: list[Sentence], rows: dict[str, Sentence]) -> None:
    """A "Location" row's first place; else the most specific place named right after "in",
    "at" or "visit to" in a signing sentence (or the one before it)."""
    for key in ("location", "place", "signed at"):
        if key in rows:
            places = rows[key].labelled("GPE", "LOC")
            if places:
                treaty.signed_place = places[0].entity
                treaty.evidence["signed_place"] = [rows[key].span]
                return
    signing_only = [s for s in signing if s.has(cues.SIGNING)]
    for sentence in signing:
        candidates = []
        for mention in sentence.labelled("GPE", "LOC"):
            before = sentence.text[: mention.start - sentence.span.start]
            if sentence not in signing_only and len(before) > 30:
                continue  # the sentence before: only its setting ("Today in Baku, …")
            if cues.PLACE_CUE.search(before) and not _BEYOND_PLACE.search(before[-40:]):
                candidates.append(mention)
        if candidates:
            best = min(candidates, key=lambda m: is_country(m.entity))
            treaty.signed_place = best.entity
            treaty.evidence["signed_place"] = [sentence.span]
            return


def _place_from_frames(
    treaty: TreatyFacts,
    signing: list[Sentence],
    frames: dict[Span, list[Frame]],
    rows: dict[str, Sentence],
) -> bool:
    """The most specific place in a signing verb's "in" or "at" argument."""
    if any(key in rows for key in ("location", "place", "signed at")):
        return False
    for sentence in signing:
        for frame in frames.get(sentence.span, []):
            places = [
                m for m in sentence.labelled("GPE", "LOC") if frame.holds("where", m.start, m.end)
            ]
            if places:
                best = min(places, key=lambda m: is_country(m.entity))
                treaty.signed_place = best.entity
                treaty.evidence["signed_place"] = [sentence.span]
                return True
    return False


# "… in the Philippines" after these speaks of where the agreement applies, not of a signing.
_BEYOND_PLACE = re.compile(
    r"\b(?:presence|forces|troops|bases?|peace|stability|region|security"
    r"|located|deployed|stationed)\b[^,]*$",
    re.IGNORECASE,
)


def _fill_duration(treaty: TreatyFacts, relevant: list[Sentence]) -> None:
    for sentence in relevant:
        match = cues.DURATION.search(sentence.text)
        if match:
            number = match.group("number") or match.group("number2")
            unit = (match.group("unit") or match.group("unit2")).lower().rstrip("s")
            count = int(number) if number.isdigit() else cues.NUMBER_WORDS[number.lower()]
            treaty.duration = f"{count} {unit}{'s' if count != 1 else ''}"
            treaty.evidence["duration"] = [sentence.span]
            return
        if cues.INDEFINITE.search(sentence.text):
            treaty.duration = "indefinite"
            treaty.evidence["duration"] = [sentence.span]
            return


def _fill_status(
    treaty: TreatyFacts,
    events: list[Sentence],
    rows: dict[str, Sentence],
    instrument: Sentence | None,
) -> None:
    """The strongest status any event sentence shows (in force over ratified over signed…);
    an "Effective" or "In force" row means in force."""
    for key in ("effective", "in force", "entry into force"):
        if key in rows:
            treaty.status = "in force"
            treaty.evidence["status"] = [rows[key].span]
            return
    for status, pattern in cues.STATUS_CUES:
        if status == "announced" and instrument is not None:
            # The agreement's own text, its signing not described: its terms are concluded.
            treaty.status = "concluded"
            treaty.evidence["status"] = [instrument.span]
            return
        for sentence in events:
            if pattern.search(sentence.text):
                treaty.status = status
                treaty.evidence["status"] = [sentence.span]
                return


def _fill_areas(treaty: TreatyFacts, relevant: list[Sentence]) -> None:
    """Areas from the words of the sentences about the agreement, leaving out words inside
    the names of organisations and other agreements ("Conference on Security and
    Co-operation in Europe" says nothing of what this agreement covers)."""
    spans: list[Span] = []
    for area, pattern in cues.AREA_PATTERNS.items():
        for sentence in relevant:
            matches = pattern.finditer(sentence.text)
            if any(_outside_names(sentence, match, treaty.name) for match in matches):
                treaty.areas.append(area)
                spans.append(sentence.span)
                break
    treaty.evidence["areas"] = unique_spans(spans)


def _outside_names(sentence: Sentence, match: re.Match[str], own_name: str | None) -> bool:
    start, end = sentence.span.start + match.start(), sentence.span.start + match.end()
    return not any(
        mention.start <= start
        and end <= mention.end
        and (mention.label == "ORG" or (mention.label == "TREATY" and mention.entity != own_name))
        for mention in sentence.mentions
    )
