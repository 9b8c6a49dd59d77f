"""Who the parties to an agreement are. Countries can be (not cities or regions), and the
country a nationality word stands for ("Russian President" speaks for Russia), and
organisations joined to another party."""

from __future__ import annotations

import re

from briefreader.core.entities import Mention
from briefreader.core.entities.gazetteer import country_names, load_gazetteer
from briefreader.core.facts import cues
from briefreader.core.facts.model import Sentence, TreatyFacts, unique_spans
from briefreader.core.text.document import Span


def is_country(name: str) -> bool:
    return name in country_names()


def country_of_nationality(nationality: str) -> str | None:
    """The country the gazetteer's nationality list names for ``nationality``, if any
    ("Korean" and "European" speak for none)."""
    return load_gazetteer().nationality_countries.get(nationality)


_GOVERNMENT_OF = re.compile(
    r"^(?:the\s+)?(?:(?:Government|State|Republic|Kingdom)\s+of\s+(?:the\s+)?)+", re.IGNORECASE
)


def _party_of(sentence: Sentence, mention: Mention, paired_only: bool) -> str | None:
    """The party a mention stands for: a country, the country of a nationality word or of a
    "Government of …", or an organisation joined to another party."""
    if mention.label == "GPE":
        return mention.entity if is_country(mention.entity) else None
    if mention.label == "NORP":
        return country_of_nationality(mention.entity)
    if mention.label == "ORG":
        inner = _GOVERNMENT_OF.sub("", mention.entity)
        if inner != mention.entity:
            known = load_gazetteer().surfaces.get(inner)
            if known is not None and is_country(known.canonical):
                return known.canonical
        if _paired(sentence, mention) or not paired_only:
            return mention.entity
    return None


def _party_names(sentence: Sentence, paired_only: bool = True) -> list[str]:
    names = []
    for mention in sentence.mentions:
        name = _party_of(sentence, mention, paired_only)
        after = sentence.text[mention.end - sentence.span.start :]
        if name and name not in names and not cues.STAYED_OUT.search(after):
            names.append(name)
    return names


_PAIRING_BEFORE = re.compile(r"(?:between|and|with|-|–)\s+(?:the\s+)?$")
_PAIRING_AFTER = re.compile(r"\s*(?:and|-|–)\s")


def _paired(sentence: Sentence, mention: Mention) -> bool:
    """Joined to another name or to "between": "the EU and Azerbaijan", "between Israel and
    the P.L.O.", "EU-Azerbaijan"."""
    offset = sentence.span.start
    before = sentence.text[max(0, mention.start - offset - 12) : mention.start - offset]
    after = sentence.text[mention.end - offset : mention.end - offset + 8]
    return bool(_PAIRING_BEFORE.search(before) or _PAIRING_AFTER.match(after))


def _paired_parties(sentence: Sentence) -> list[str]:
    """Parties in the sentence that are joined to one another."""
    return [name for name, _mention in _paired_with_mentions(sentence)]


def _paired_with_mentions(sentence: Sentence) -> list[tuple[str, Mention]]:
    offset = sentence.span.start
    return [
        (name, mention)
        for mention in sentence.mentions
        if _paired(sentence, mention)
        and not _AS_PLACE.search(sentence.text[: mention.start - offset])
        and (name := _party_of(sentence, mention, True))
    ]


_AGREE = re.compile(r"\b(?:hereby\s+)?(?:agree|have agreed|agreed)\b(?!\s+(?:on|upon)\b)")


# "in Syria and Iran" names places where something happens, not parties.
_AS_PLACE = re.compile(r"\b(?:in|at|from|to|into|across|within|near)\s+(?:the\s+)?$", re.I)


def fill_parties(
    treaty: TreatyFacts,
    signing: list[Sentence],
    relevant: list[Sentence],
    rows: dict[str, Sentence],
    every: list[Sentence],
) -> None:
    """Parties from, in order of trust: a "Parties" row; the signing sentences; names joined
    in sentences about the agreement ("between X and Y", "X and Y agreed"); a membership list
    (three or more countries in one sentence about it). Units of a party ("Armed Forces of
    the Philippines") and the place of signing are not parties."""
    found: dict[str, list[Span]] = {}

    def add(names: list[str], sentence: Sentence) -> None:
        for name in names:
            found.setdefault(name, []).append(sentence.span)

    if "parties" in rows:
        add(_party_names(rows["parties"], paired_only=False), rows["parties"])
    for sentence in signing if not found else []:
        # "Representatives of the 27 EU member states … signed": the bloc's members as one.
        collective = _member_states(sentence)
        if collective:
            add([collective, *(n for n in _paired_parties(sentence) if n not in collective)],
                sentence)  # fmt: skip
            break
    for sentence in every if not found else []:
        if _DEFINED_PARTIES.search(sentence.text):  # "X and Y (hereinafter, the Parties)"
            add(_party_names(sentence, paired_only=False), sentence)
    if not found:
        for sentence in signing:
            add(_party_names(sentence), sentence)
        signed = set(found)
        for sentence in relevant:
            add(_paired_parties(sentence), sentence)
            listed = [n for n in _party_names(sentence) if is_country(n)]
            if len(listed) >= 3:
                add(listed, sentence)
        if sum(is_country(name) for name in found) >= 3:
            # Among a list of states, an organisation only named beside them ("ASEAN and the
            # five others deposited …") is their bloc, not one more party.
            for name in [n for n in found if not is_country(n) and n not in signed]:
                del found[name]
    for sentence in every if not found else []:
        # "The Government of X and the Y team … agree that …": an agreement's own text
        # opens with its parties as the subject of "agree".
        verb = _AGREE.search(sentence.text)
        if verb:
            before = sentence.span.start + verb.start()
            add([n for n, m in _paired_with_mentions(sentence) if m.end <= before], sentence)
    names = [name for name in found if name != treaty.signed_place]
    names = _short_names(names, found, [*signing, *relevant, *every])
    treaty.parties = [
        name for name in names if not any(other != name and other in name for other in names)
    ]
    treaty.evidence["parties"] = unique_spans(
        [span for name in treaty.parties for span in found[name]]
    )


_MEMBER_STATES = re.compile(
    r"\b(?!(?:The|All|Its|Their)\b)(?P<before>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\s+(?:member\s+states|Member\s+States)\b"
    r"|\b(?:member\s+states|Member\s+States)\s+of\s+(?:the\s+)?(?P<after>[A-Z][\w.&-]*"
    r"(?:\s+(?:of\s+)?[A-Z][\w.&-]*){0,4})"
)


_SIGNED_BY = re.compile(r"\s+by\s+(?:all\s+)?(?:the\s+)?(?:\d+\s+|[a-z]+\s+)?")


def _member_states(sentence: Sentence) -> str | None:
    """ "the 27 EU member states" or "the Member States of the European Union" as one party
    ("EU member states"), when an organisation the text names is the bloc and the sentence
    has them sign (its subject, or after "signed by"; not someone signing in their presence)."""
    verb = cues.SIGNING.search(sentence.text)
    match = _MEMBER_STATES.search(sentence.text)
    if verb is None or match is None:
        return None
    between = sentence.text[verb.end() : match.start()]
    if match.start() > verb.start() and not _SIGNED_BY.fullmatch(between):
        return None
    bloc = match.group("before") or match.group("after")
    start = sentence.span.start + match.start()
    end = sentence.span.start + match.end()
    organisations = [m for m in sentence.labelled("ORG") if m.start >= start and m.end <= end]
    if not organisations:
        return None
    return f"{bloc} member states"


# "X, also known as Y", "X (hereinafter "Y")", "X which … is known as Y": Y names X.
_ALIAS = (
    r"(?:\s*,?\s+(?:which|who)\b[^.;()]{0,120}?|\s*,?\s+(?:also\s+)?|\s*\(\s*)"
    r"\b(?:known as|called|referred to as|hereinafter(?:\s+referred\s+to\s+as)?)\s+"
    r"(?:the\s+)?[\"“]?"
)


def _short_names(
    names: list[str], found: dict[str, list[Span]], sentences: list[Sentence]
) -> list[str]:
    """Each party by the short name the text gives it: "the Islamic Emirate of Afghanistan
    which … is known as the Taliban" is the Taliban (its evidence kept)."""
    result: list[str] = []
    for name in names:
        short = _short_name(name, sentences) or name
        if short != name:
            found[short] = found.get(short, []) + found[name]
        if short not in result:
            result.append(short)
    return result


def _short_name(name: str, sentences: list[Sentence]) -> str | None:
    alias = re.compile(re.escape(name) + _ALIAS)
    for sentence in sentences:
        for match in alias.finditer(sentence.text):
            start = sentence.span.start + match.end()
            for mention in sentence.mentions:
                if mention.start == start and mention.label in ("ORG", "GPE"):
                    return mention.entity
    return None


_DEFINED_PARTIES = re.compile(r"\((?:hereinafter[^)]*)?(?:the )?(?:Parties|Sides)\)", re.I)
