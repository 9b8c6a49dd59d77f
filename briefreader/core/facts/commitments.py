"""What an agreement commits to (obligations) and what the text says it leaves out
(exclusions), each as a short statement in the text's own words.

Commitments are read from clauses: "agreed to …", "a commitment to …", "the aim … is to …",
"X will/shall …", "the treaty bans …", and from the items of a list the text introduces with
a colon ("The agreement is made of four parts:"). A commitment whose subject is the agreement
or its parties starts with its verb ("Eliminate most tariffs"); one whose subject is someone
else keeps it ("The police will ensure public order"), because who acts is part of what was
agreed. Coordinated commitments ("eliminate tariffs and establish common rules") become one
statement each. Clauses about another agreement still being negotiated ("negotiating a new
agreement, which will allow …") are not this agreement's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefreader.core.facts import cues
from briefreader.core.facts.model import Sentence, TreatyFacts, unique_spans
from briefreader.core.text.document import Span

MAX_STATEMENT_WORDS = 30
MAX_SUBJECT_WORDS = 10
_CLAUSE_END = re.compile(
    r",\s+(?:while|which|wherein|whereby|but|although|as|and\s+(?:the|it|they))\b|\s+—\s+"
    r"|\s+and\s+(?:is|are|was|were|will|has|have)\b"
)
# Verbs a commitment opens with: "… and establish common rules" starts a second one.
_COMMITMENT_VERBS = tuple(
    [
        "abolish",
        "accept",
        "adopt",
        "allow",
        "assist",
        "avoid",
        "ban",
        "build",
        "cease",
        "combat",
        "comply",
        "consult",
        "cooperate",
        "coordinate",
        "create",
        "cut",
        "deepen",
        "define",
        "deploy",
        "develop",
        "double",
        "eliminate",
        "enable",
        "encourage",
        "enhance",
        "ensure",
        "establish",
        "exchange",
        "expand",
        "extend",
        "facilitate",
        "grant",
        "guarantee",
        "halt",
        "help",
        "hold",
        "implement",
        "improve",
        "increase",
        "invest",
        "lay",
        "lift",
        "limit",
        "maintain",
        "notify",
        "open",
        "prevent",
        "prohibit",
        "promote",
        "protect",
        "provide",
        "recognise",
        "recognize",
        "reduce",
        "refrain",
        "release",
        "remove",
        "respect",
        "restore",
        "share",
        "stop",
        "strengthen",
        "supply",
        "support",
        "train",
        "upgrade",
        "withdraw",
        "work",
    ]
)
_COORDINATED = re.compile(
    r",?\s+and\s+(?:to\s+)?(?:also\s+)?(?=(?:" + "|".join(_COMMITMENT_VERBS) + r")(?:e?s)?\b)"
)
# "establishes" as "establish": every statement opens the same way.
_THIRD_PERSON = {
    verb + ending: verb for verb in _COMMITMENT_VERBS for ending in ("s", "es") if verb[-1:] != "s"
}
# Where the clause holding a subject starts, looking back from its verb.
_CLAUSE_START = re.compile(
    r"[;:(]|\b(?:that|while|whereas|where|when|once|after|before|if|so)\s+"
    r"|\b(?:say|says|said|noted|added|believes?|expects?|hopes?)\s+"
    r"|,\s+(?:and|but|while|whereas)\s+",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:which|who)\s*$", re.IGNORECASE)
# Words of a subject that is the agreement or its parties, not someone else.
_GENERIC_SUBJECT = frozenset(
    str.split(
        "a an the this that these it they we both two all each side sides party parties country "
        "countries nation nations state states government governments leader leaders signatory "
        "signatories and new its their our us member members"
    )
)
# What an agreement lets others do: "any other country can accede …" (lower case: not "May").
_PERMISSION = re.compile(
    r"\b(?:can|may)\s+(?=(?:accede|join|withdraw|terminate|renew|extend|request|apply|invoke"
    r"|suspend|denounce|opt|propose|amend)\b)(?P<clause>" + cues.CLAUSE + r"+)"
)
_PURPOSE = re.compile(
    r"\b(?:aim|aims|purpose|objective|goal)\s+of\s+[^.;]{0,120}?\bis,?\s+"
    r"(?:among other things,\s+)?to\s+(?P<clause>" + cues.CLAUSE + r"+)",
    re.IGNORECASE,
)
# "the partnership paves the way for enhanced energy cooperation": what it provides for.
_FORESEES = re.compile(
    r"\b(?:treaty|agreement|accord|pact|deal|memorandum|MoU|partnership)(?:,[^,]{1,80},)?\s+"
    r"(?:paves?\s+the\s+way\s+for|opens?\s+the\s+way\s+for|envisages?|foresees?"
    r"|stipulates?|emphasi[sz]es\s+the\s+need\s+for)\s+(?P<clause>" + cues.CLAUSE + r"+)",
    re.IGNORECASE,
)
_FIRM = re.compile(r"(?:will|shall)\b", re.IGNORECASE)
_COMMITMENT_NOUN = re.compile(
    r"\b(?:commitments?|pledges?|undertakings?|obligations?)\s+to\s+(?!not\b)"
    r"(?P<clause>" + cues.CLAUSE + r"+)",
    re.IGNORECASE,
)
# "negotiating a new comprehensive agreement": an agreement other than the one reported.
_PENDING_OTHER = re.compile(
    r"\b(?:negotiat\w*|discuss\w*|working\s+(?:on|towards))\s+(?:on\s+)?(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:treaty|agreement|accord|pact|deal)\b",
    re.IGNORECASE,
)
_UNDONE = ("proposed", "announced", None)
# A list item opening with a subordinate clause: its commitment is in the main clause.
_SUBORDINATE_OPENING = re.compile(
    r"^(?:after|before|in order|if|when|once|upon|following|until|within)\b", re.IGNORECASE
)


def about_pending_other(sentence: Sentence, treaty: TreatyFacts) -> bool:
    """The sentence speaks of another agreement still being negotiated, and not by name of
    this one (reported as concluded or signed)."""
    if treaty.status in _UNDONE or not _PENDING_OTHER.search(sentence.text):
        return False
    return not (treaty.name and treaty.name in sentence.text)


def fill_obligations(
    treaty: TreatyFacts,
    about: list[Sentence],
    sentences: list[Sentence],
    list_items: Sequence[Span] = (),
) -> None:
    """Commitments from the sentences ``about`` the agreement and the items of the lists
    they introduce."""
    spans: list[Span] = []

    def add(statements: list[str], sentence: Sentence) -> None:
        for statement in statements:
            if statement not in treaty.obligations:
                treaty.obligations.append(statement)
                spans.append(sentence.span)

    items = _introduced_items(about, sentences, list_items)
    for sentence in _ordered(about, items):
        if about_pending_other(sentence, treaty):
            continue
        if sentence in items and not _SUBORDINATE_OPENING.match(sentence.text):
            add(_statements(sentence.text), sentence)  # the item is the commitment
            continue
        add(_commitments(sentence, treaty.parties, treaty.name), sentence)
    treaty.evidence["obligations"] = unique_spans(spans)


def fill_exclusions(treaty: TreatyFacts, about: list[Sentence]) -> None:
    spans: list[Span] = []
    for sentence in about:
        for match in cues.EXCLUSION.finditer(sentence.text):
            statement = _statement(match.group(0))
            if statement and statement not in treaty.exclusions:
                treaty.exclusions.append(statement)
                spans.append(sentence.span)
    treaty.evidence["exclusions"] = unique_spans(spans)


def _commitments(sentence: Sentence, parties: list[str], name: str | None) -> list[str]:
    text = sentence.text
    found: list[str] = []
    for match in cues.AGREEMENT_DOES.finditer(text):  # "the treaty bans …"
        found += _statements(match.group("clause"), verb_first=True)
    for pattern in (_FORESEES, _PURPOSE, _COMMITMENT_NOUN):
        for match in pattern.finditer(text):
            found += _statements(match.group("clause"))
    for match in cues.OBLIGATION.finditer(text):
        if match.group("clause"):  # "agreed to …": the parties' own commitment
            found += _statements(match.group("clause"))
            continue
        clause = match.group("clause2")
        # "will" and "shall" state a commitment of whoever is named; "would" reports a hope.
        named = _FIRM.match(match.group(0)) is not None
        subject = _subject(text, match.start(), parties, name) if named else None
        if subject is not None:
            found += _statements(f"{subject} {text[match.start() : match.end()]}")
        elif not clause.lower().startswith("be "):  # "it will be subject to …": no deed
            found += _statements(clause)
    for match in _PERMISSION.finditer(text):  # "any other country can accede …"
        subject = _subject(text, match.start(), parties, name)
        if subject is not None:
            found += _statements(f"{subject} {text[match.start() : match.end()]}")
    return found


def _subject(text: str, verb_start: int, parties: list[str], name: str | None) -> str | None:
    """The subject of the clause whose modal verb starts at ``verb_start``, when it is
    someone other than the agreement and its parties; None otherwise."""
    before = text[:verb_start]
    if _RELATIVE.search(before):
        return None
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    # After an opening phrase ("Because of this deal, the community will …").
    chunk = before[starts[-1] if starts else 0 :].strip(" ,").rsplit(",", 1)[-1].strip()
    words = chunk.split()
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return None
    generic = _GENERIC_SUBJECT | _name_words(parties, name)
    if all(
        part in generic or cues.AGREEMENT_NOUN.fullmatch(part)
        for word in words
        for part in _bare(word).split("-")
    ):
        return None
    return chunk


def _name_words(parties: list[str], name: str | None) -> set[str]:
    """Words that speak of the agreement or its parties: their names' words and the
    agreement's initials ("EDCA", "RAA")."""
    words = {word.casefold() for party in parties for word in party.split()}
    if name:
        title = [word for word in re.findall(r"\w+", name) if word[:1].isupper()]
        words |= {word.casefold() for word in title}
        initials = "".join(word[0] for word in title).casefold()
        words |= {initials[start:] for start in range(len(initials) - 1)}
    return words


def _bare(word: str) -> str:
    return word.strip(".,;:\"'“”’").casefold()


def _introduced_items(
    about: list[Sentence], sentences: list[Sentence], list_items: Sequence[Span]
) -> list[Sentence]:
    """The first sentence of each list item right after a sentence about the agreement that
    ends with a colon ("… is made of four parts:")."""
    found: list[Sentence] = []
    for sentence in about:
        if not sentence.text.rstrip().endswith(":"):
            continue
        position = sentences.index(sentence) + 1
        seen: set[Span] = set()
        while position < len(sentences):
            item = next((s for s in list_items if s.start <= sentences[position].span.start
                         < s.end), None)  # fmt: skip
            if item is None:
                break
            if item not in seen:
                seen.add(item)
                found.append(sentences[position])
            position += 1
    return found


def _ordered(about: list[Sentence], items: list[Sentence]) -> list[Sentence]:
    chosen = {sentence.span.start: sentence for sentence in [*about, *items]}
    return [chosen[start] for start in sorted(chosen)]


def _statements(clause: str | None, verb_first: bool = False) -> list[str]:
    """A clause as short statements, one per coordinated commitment: "eliminate tariffs and
    establish common rules" is two. Each opens with its verb's plain form ("establishes" as
    "establish") when it opens with a verb: always after "and", and when ``verb_first``."""
    if not clause:
        return []
    first = _CLAUSE_END.split(clause, maxsplit=1)[0]
    parts = _COORDINATED.split(first)
    found = []
    for number, part in enumerate(parts):
        words = part.split()
        if words and (number or verb_first):
            words[0] = _THIRD_PERSON.get(words[0].casefold(), words[0])
        statement = _statement(" ".join(words))
        if statement:
            found.append(statement)
    return found


_ADVERB = re.compile(r"^(?:also|further|then|thereby|jointly)\s+(?=[a-z])", re.IGNORECASE)


def _statement(clause: str | None) -> str | None:
    """A clause as a short statement: cut at the next clause, at most 30 words, first letter
    capitalised."""
    if not clause:
        return None
    clause = _CLAUSE_END.split(clause, maxsplit=1)[0].strip(" ,:;.\"'”“")
    clause = _ADVERB.sub("", clause)
    words = clause.split()
    if len(words) < 2:
        return None
    statement = " ".join(words[:MAX_STATEMENT_WORDS])
    return statement[0].upper() + statement[1:]
