"""Who did what to an agreement, read from sentence structure (a dependency parse) rather
than from word distances.

A signing sentence is parsed and each signing verb gives a frame: who signed (its subject
and the subjects it shares through coordination or a governing verb, or the agent of a
passive), with whom ("signed with X"), when (dates attached to the verb, not to another
clause) and where (places after "in" or "at" attached to it). A person named in a relative
clause, among the guests ("in the presence of"), or as the object of another verb is not in
any of these roles, whatever the distance.

The parser is the syntactic half of the same installed English pipeline the entities use
(tagger, parser, lemmatizer; no entity recogniser), loaded once, every call under the model
lock. Without a model the frames are ``None`` and the fact rules fall back on their cues.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from briefreader.core.entities.model import MODEL_LOCK, load_installed
from briefreader.core.facts.model import Sentence
from briefreader.core.text.document import Span

SIGN_LEMMAS = frozenset({"sign", "ink", "countersign", "co-sign", "cosign"})
# Verbs that conclude an agreement without a signing: where and when those happened is the
# agreement's place and date when no signing is reported.
CONCLUDE_LEMMAS = frozenset(
    {
        "conclude",
        "reach",
        "strike",
        "finalize",
        "finalise",
        "seal",
        "clinch",
        "announce",
        "agree",
        "adopt",
        "approve",
        "initial",
    }
)
# Longer sentences are tables or run-on text; parsing them costs much and tells little.
MAX_SENTENCE = 1500
# At most this many sentences are parsed per document: signings are reported early, and
# the cost stays bounded by the text's first part whatever its length.
MAX_PARSED = 60
_SUBJECTS = frozenset({"nsubj", "csubj"})
# A verb in these relations has the subject of the verb it hangs from.
_SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl", "pcomp"})
_PLACE_PREPOSITIONS = frozenset({"in", "at"})
_DATE_PREPOSITIONS = frozenset({"on", "in"})


@dataclass
class Frame:
    """One signing verb's arguments, as code-point ranges of the canonical text."""

    verb: Span
    signers: list[Span] = field(default_factory=list)  # subjects, passive agents
    counterparts: list[Span] = field(default_factory=list)  # "signed … with X"
    when: list[Span] = field(default_factory=list)
    where: list[Span] = field(default_factory=list)

    def holds(self, role: str, start: int, end: int) -> bool:
        """Whether the range lies inside one of the role's arguments."""
        spans: list[Span] = getattr(self, role)
        return any(span.start <= start and end <= span.end for span in spans)


@lru_cache(maxsize=1)
def syntax_pipeline() -> Any | None:
    """The installed pipeline's tagger, parser and lemmatizer, loaded once; ``None`` when no
    model is installed (logged)."""
    return load_installed(("ner",), "syntax model")


def signing_frames(
    sentences: Sequence[Sentence], lemmas: frozenset[str] = SIGN_LEMMAS
) -> dict[Span, list[Frame]] | None:
    """Frames of every verb of ``lemmas`` (signing, by default) in ``sentences``, by
    sentence span; ``None`` without a model (the callers then use their cues)."""
    pipeline = syntax_pipeline()
    if pipeline is None:
        return None
    chosen = [s for s in sentences if len(s.text) <= MAX_SENTENCE][:MAX_PARSED]
    result: dict[Span, list[Frame]] = {}
    with MODEL_LOCK:
        docs = pipeline.pipe((s.text for s in chosen), batch_size=16)
        for sentence, doc in zip(chosen, docs, strict=True):
            result[sentence.span] = [
                _frame(token, sentence.span.start) for token in doc if _is(token, lemmas)
            ]
    return result


def _is(token: Any, lemmas: frozenset[str]) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lemmas


def _range(tokens: Iterable[Any], offset: int) -> Span:
    items = list(tokens)
    return Span(
        offset + min(t.idx for t in items), offset + max(t.idx + len(t.text) for t in items)
    )


def _subtree(token: Any, offset: int) -> Span:
    return _range(token.subtree, offset)


def _subjects(verb: Any) -> list[Any]:
    """The verb's own subjects, else those of the verb it is coordinated with or governed by:
    "met and signed", "are expected to sign", "formalised it by signing", "After signing, X
    said"."""
    current = verb
    for _ in range(4):
        own = [child for child in current.children if child.dep_ in _SUBJECTS]
        if own:
            return own
        if current.dep_ not in _SHARES_SUBJECT or current.head is current:
            break
        current = current.head
        if current.pos_ == "ADP" and current.head is not current:  # "by signing"
            current = current.head
    return []


def _frame(verb: Any, offset: int) -> Frame:
    frame = Frame(verb=Span(offset + verb.idx, offset + verb.idx + len(verb.text)))
    for subject in _subjects(verb):
        frame.signers.append(_subtree(subject, offset))
    for child in verb.children:
        if child.dep_ == "agent":
            frame.signers.extend(_subtree(obj, offset) for obj in child.children)
        elif child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            word = child.text.lower()
            for obj in objects:
                if word == "with":
                    frame.counterparts.append(_subtree(obj, offset))
                if word in _PLACE_PREPOSITIONS:
                    frame.where.extend(_place_phrases(obj, offset))
                if word in _DATE_PREPOSITIONS:
                    frame.when.append(_subtree(obj, offset))
        elif child.dep_ in ("npadvmod", "tmod", "advmod", "obl"):
            frame.when.append(_subtree(child, offset))
    # A participle clause or apposition of the signer does not sign: "X, who met Y, signed".
    frame.signers = _without_clauses(verb, frame.signers, offset)
    return frame


# Words that make "in …" or "at …" something other than a setting: "in the presence of X",
# "at the invitation of X", "in the name of X", "on behalf of".
_NOT_SETTINGS = frozenset({"presence", "invitation", "name", "behalf", "capacity", "framework"})
# Dependents that are part of a noun phrase's own name ("the White House", "Lisbon's Belém").
_NAME_PARTS = frozenset({"compound", "amod", "det", "nmod", "poss", "nummod", "case", "punct"})


def _place_phrases(noun: Any, offset: int, depth: int = 0) -> list[Span]:
    """The ranges a setting names: the noun phrase itself ("in Lisbon", "at the White
    House"), what stands beside it ("Lisbon, the Portuguese capital") and where it is ("at a
    ceremony in Baku", "in the city of Baku"); not what a clause adds ("the summit hosted by
    Vietnam") and nothing after "in the presence of"."""
    if noun.lemma_.lower() in _NOT_SETTINGS or depth > 3:
        return []
    core = [noun]
    stack = [noun]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _NAME_PARTS:
                core.append(child)
                stack.append(child)
    phrases = [_range(core, offset)]
    for child in noun.children:
        if child.dep_ in ("appos", "conj"):
            phrases.extend(_place_phrases(child, offset, depth + 1))
        elif child.dep_ == "prep" and child.text.lower() in ("in", "of", "at"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    phrases.extend(_place_phrases(obj, offset, depth + 1))
    return phrases


def _without_clauses(verb: Any, spans: list[Span], offset: int) -> list[Span]:
    """The spans with the ranges of relative and participle clauses inside them cut out
    (each kept piece a span of its own)."""
    holes = [
        _subtree(token, offset)
        for token in verb.doc
        if token.dep_ in ("relcl", "acl") and not _is(token, SIGN_LEMMAS)
    ]
    result: list[Span] = []
    for span in spans:
        pieces = [span]
        for hole in holes:
            next_pieces = []
            for piece in pieces:
                if hole.end <= piece.start or hole.start >= piece.end:
                    next_pieces.append(piece)
                    continue
                if piece.start < hole.start:
                    next_pieces.append(Span(piece.start, hole.start))
                if hole.end < piece.end:
                    next_pieces.append(Span(hole.end, piece.end))
            pieces = next_pieces
        result.extend(pieces)
    return result
