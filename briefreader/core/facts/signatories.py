"""Who signed an agreement: the people named as signing, not witnesses or guests."""

from __future__ import annotations

import re

from briefreader.core.facts import cues
from briefreader.core.facts.model import Sentence, TreatyFacts, unique_spans
from briefreader.core.facts.structure import Frame
from briefreader.core.text.document import Span

_COREFERENT = re.compile(
    r"\b(?:the two|both)\s+(?P<title>Presidents|Prime Ministers|Foreign Ministers|Ministers"
    r"|leaders|Secretaries|Ambassadors|Chancellors)\b"
)
_SIGNED_WITH = re.compile(r"\bwith\s+(?:[A-Z][\w.]*\s+){0,5}$")
_GUEST_BEFORE = re.compile(
    r"(?:in the presence of|witnessed by|attended by|accompanied by|hosted by|welcomed by"
    r"|observed by)\s+(?:[A-Z][\w.]*\s+){0,5}$",
    re.IGNORECASE,
)
_GUEST_VERB = re.compile(r"\b(?:witness(?:ed|es)|attended|looked on|observed|hosted)\b", re.I)


def fill_signatories(
    treaty: TreatyFacts,
    signing: list[Sentence],
    sentences: list[Sentence],
    frames: dict[Span, list[Frame]] | None = None,
) -> None:
    """People who sign: with a parse, the people in a signing verb's subject, passive agent
    or "with" argument; without one (or when the parse finds none), by the cues below."""
    if frames is not None:
        people, spans = _from_frames(signing, sentences, frames)
        treaty.signatories = people
        treaty.evidence["signatories"] = unique_spans(spans)
        return
    _from_cues(treaty, signing, sentences)


def _from_frames(
    signing: list[Sentence], sentences: list[Sentence], frames: dict[Span, list[Frame]]
) -> tuple[list[str], list[Span]]:
    """The people in each signing verb's roles; "the two Presidents signed" stands for the
    people the text calls President. A name right after "with" once the verb is past is a
    counterpart even where the parse hangs the "with" elsewhere (after a title: "with Hon.")."""
    people: list[str] = []
    spans: list[Span] = []
    for sentence in signing:
        offset = sentence.span.start
        for frame in frames.get(sentence.span, []):
            for mention in sentence.labelled("PERSON"):
                local = mention.start - offset
                after_with = local > frame.verb.end - offset and bool(
                    _SIGNED_WITH.search(sentence.text[max(0, local - 60) : local])
                )
                in_role = any(
                    frame.holds(role, mention.start, mention.end)
                    for role in ("signers", "counterparts")
                )
                if (in_role or after_with) and mention.entity not in people:
                    people.append(mention.entity)
                    spans.append(sentence.span)
            for signer in frame.signers:
                together = _COREFERENT.search(
                    sentence.text[signer.start - offset : signer.end - offset]
                )
                if together and not people:
                    titled = _titled_people(sentences, together.group("title"))
                    if len(titled) >= 2:
                        people.extend(titled[:2])
                        spans.append(sentence.span)
    return people, spans


def _from_cues(treaty: TreatyFacts, signing: list[Sentence], sentences: list[Sentence]) -> None:
    """Without a parse, people who sign: named before the signing verb (not "in the presence
    of" someone, nor someone who "witnessed"), after "signed by", or after "with" once the
    verb is past; "the two Presidents signed" means the people the text calls President."""
    people: list[str] = []
    spans: list[Span] = []
    for sentence in signing:
        verb = cues.SIGNING.search(sentence.text)
        if verb is None:
            continue
        by = re.search(r"\bsigned\s+by\b", sentence.text, re.IGNORECASE)
        for mention in sentence.labelled("PERSON"):
            local = mention.start - sentence.span.start
            before = sentence.text[max(0, local - 60) : local]
            if _GUEST_BEFORE.search(before):
                continue
            if local < verb.start():
                between = sentence.text[local : verb.start()]
                if _GUEST_VERB.search(between) or ";" in between:
                    continue
            elif not ((by and local > by.end()) or _SIGNED_WITH.search(before)):
                continue
            if mention.entity not in people:
                people.append(mention.entity)
                spans.append(sentence.span)
        together = _COREFERENT.search(sentence.text[: verb.start()])
        if together and not people:
            titled = _titled_people(sentences, together.group("title"))
            if len(titled) >= 2:
                people.extend(titled[:2])
                spans.append(sentence.span)
    treaty.signatories = people
    treaty.evidence["signatories"] = unique_spans(spans)


def _titled_people(sentences: list[Sentence], plural: str) -> list[str]:
    """People the text calls by the singular of ``plural`` ("President Ilham Aliyev")."""
    title = plural[:-1] if not plural.endswith("ies") else plural[:-3] + "y"
    found: list[str] = []
    for sentence in sentences:
        for mention in sentence.labelled("PERSON"):
            local = mention.start - sentence.span.start
            if re.search(rf"\b{re.escape(title)}\s+$", sentence.text[max(0, local - 40) : local],
                         re.IGNORECASE) and mention.entity not in found:  # fmt: skip
                found.append(mention.entity)
    return found
