"""The words that signal agreements, what happened to them and what they cover.

General English phrasing of news reports, press releases and treaty texts; nothing here is
taken from any one document.
"""

from __future__ import annotations

import re

# Nouns that name an agreement when no title is given ("the deal", "a partnership treaty").
AGREEMENT_NOUN = re.compile(
    r"\b(?:treaty|treaties|agreement|accord|pact|deal|partnership|memorandum|MoU|protocol"
    r"|joint (?:statement|declaration|communiqu[ée])|declaration|convention|charter|compact)\b",
    re.IGNORECASE,
)

# Something happened to an agreement in this sentence.
EVENT = re.compile(
    r"\b(?:sign(?:s|ed|ing)?|ink(?:s|ed)?|initial(?:l)?(?:ed|ing)|conclud(?:e|es|ed|ing)"
    r"|reach(?:ed|es)?|struck|strike|finali[sz]ed|formali[sz](?:e|ed|ing)|agreed|ratif(?:y|ied|ies)"
    r"|enter(?:ed|s)? into force|c(?:a|o)me into force|took effect|t(?:ake|akes) effect"
    r"|went into effect|announc(?:e|ed|es)|unveil(?:ed|s)?|adopt(?:ed|s)?|approv(?:ed|es)"
    r"|seal(?:ed|s)?|clinch(?:ed)?|agrees?)\b",
    re.IGNORECASE,
)

SIGNING = re.compile(r"\b(?:sign(?:s|ed|ing)?|ink(?:s|ed)?)\b", re.IGNORECASE)

# Status cues, strongest first; the first that a relevant sentence shows wins.
STATUS_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (status, re.compile(pattern, re.IGNORECASE))
    for status, pattern in (
        (
            "in force",
            r"\b(?:entered into force|came into force|took effect|went into effect"
            r"|in force since|has been in force|became effective)\b",
        ),
        ("ratified", r"\b(?:ratified|ratification (?:was )?completed)\b"),
        (
            "signed",
            r"\b(?<!will )(?<!to )(?:signed|inked|signing(?! ceremony will))\b",
        ),
        (
            "concluded",
            r"\b(?:concluded|initial(?:l)?ed|reached|agreed|finali[sz]ed|struck|sealed|clinched"
            r"|formali[sz]ed|adopted)\b",
        ),
        ("announced", r"\b(?:announced|unveiled|will sign|to sign|plan(?:s|ned)? to sign)\b"),
        ("proposed", r"\b(?:proposed|draft|under negotiation|negotiating)\b"),
        ("suspended", r"\b(?:suspended|suspends)\b"),
        ("withdrawn", r"\b(?:withdrew from|withdrawn from|terminated|pulled out of)\b"),
    )
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50, "ninety-nine": 99, "hundred": 100,
}  # fmt: skip
_NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?:years?|months?|decades?)"

# How long an agreement lasts: stated with a cue, never "within 20 years" or "10 years of
# inspections".
DURATION = re.compile(
    rf"\b(?:(?:remain|stay|be|is|are)\s+(?:valid|in force|in effect)\s+for\s+(?:a period of\s+)?"
    rf"|valid\s+for\s+|(?:for|of)\s+a\s+(?:period|term)\s+of\s+|duration\s+of\s+"
    rf"|period\s+not\s+exceeding\s+|term\s+of\s+|expires?\s+after\s+)"
    rf"(?P<number>{_NUMBER})\s+(?P<unit>{_UNIT})"
    rf"|\b(?P<number2>{_NUMBER})-(?P<unit2>year|month|decade)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:treaty|agreement|accord|pact|deal|term|partnership|arrangement)\b",
    re.IGNORECASE,
)
INDEFINITE = re.compile(
    r"\b(?:indefinite(?:ly)?|unlimited duration|no expiry date|no expiration date"
    r"|without (?:a )?time limit)\b",
    re.IGNORECASE,
)

# The rest of a clause: up to a full stop or semicolon, but through "U.S." and "e.g.".
CLAUSE = r"(?:[^.;]|(?<=\b[A-Z])\.|\.(?=\w))"

# Commitments: "agreed to …", "the parties shall …", "the deal will allow …".
OBLIGATION = re.compile(
    r"\b(?:agree[ds]?|commit(?:s|ted)?|pledg(?:e|es|ed)|undert(?:ake|akes|ook)|vow(?:s|ed)?"
    r"|promis(?:e|es|ed)|resolv(?:e|es|ed)|oblig(?:e|es|ed)|bound)\s+(?:themselves\s+)?"
    r"(?:to\s+|(?=not\s+to\s))(?P<clause>(?:not\s+to\s+)?(?!not\b)" + CLAUSE + r"+)"
    r"|\b(?:will|shall|would|is to|are to|aims to|seeks to|is designed to|is intended to"
    r"|is expected to|are expected to)\s+(?P<clause2>(?!not\b|be\s+signed\b"
    r"|remain\s+in\s+force|enter\s+into\s+force|take\s+effect|expire)" + CLAUSE + r"+)",
    re.IGNORECASE,
)
# The agreement as the subject of a present-tense verb that states what it does.
AGREEMENT_DOES = re.compile(
    r"\b(?:treaty|agreement|accord|pact|deal|memorandum|declaration|MoU|partnership)\s+"
    r"(?:(?:which|that)\s+)?(?P<clause>(?:bans?|banned|allows?|allowed|establish(?:es|ed)?"
    r"|provides? for|requires?|limits?|limited|eliminat(?:es|ed)|sets?|calls? for|commits?"
    r"|obliges?|prohibit(?:s|ed)|grants?|guarantees?|covers?|defines?|facilitates?|aims? to"
    r"|lays?)\b" + CLAUSE + r"+)",
    re.IGNORECASE,
)

# What the agreement explicitly leaves out.
EXCLUSION = re.compile(
    r"\b(?:(?:does|do|did|will|would|shall|is|are|was|were)\s+not|doesn't|don't|didn't|won't"
    r"|cannot|never)\s+(?P<clause>(?:include|contain|cover|apply|extend|establish|create"
    r"|provide|require|oblige|commit|recogni[sz]|allow|permit|involve|entail|grant"
    r"|constitute|mean|imply|bind)\w*\b" + CLAUSE + r"*)"
    r"|\b(?P<clause2>(?:lacking|lacks|lack of|excludes?|excluding|stops? short of"
    r"|falls? short of|no (?:formal |explicit |binding )?(?:mutual[- ])?"
    r"(?:defen[cs]e|security|military) (?:clause|obligations?|commitments?|guarantees?)"
    r"|without (?:a |any )?(?:formal |binding |mutual[- ])?(?:defen[cs]e|security|military"
    r"|enforcement) (?:clause|obligations?|commitments?|guarantees?|mechanism))" + CLAUSE + r"*)",
    re.IGNORECASE,
)

# A party that stayed out: "India, which opted out".
STAYED_OUT = re.compile(
    r"^\W{0,3}(?:which|who)?\s*(?:had\s+)?(?:opted out|withdrew|pulled out|declined|refused"
    r"|is not a party|was not a party|did not join|stayed out)",
    re.IGNORECASE,
)
PLACE_CUE = re.compile(r"\b(?:in|at|visit to|trip to|summit in|ceremony in)\s+(?:the\s+)?$")

AREAS: dict[str, tuple[str, ...]] = {
    "political": ("political", "politically", "self-government", "governance", "elections"),
    # Not "diplomacy": the diplomacy that made a deal is no area the deal covers.
    "diplomatic": ("diplomatic", "inter-state relations", "embassies"),
    "military": ("military", "armed forces", "troops", "soldiers", "joint exercises",
                 "military exercises", "forces", "missiles", "bases"),
    "defence": ("defence", "defense", "mutual-defence", "mutual defense"),
    "security": ("security",),
    "intelligence": ("intelligence",),
    "nuclear": ("nuclear",),
    "arms control": ("arms control", "disarmament", "non-proliferation", "nonproliferation",
                     "warheads", "missiles", "arms reduction"),
    "trade": ("trade", "tariffs", "tariff", "exports", "imports", "commerce", "e-commerce",
              "customs"),
    "economic": ("economic", "economy", "economies", "investment", "investments"),
    "financial": ("financial", "finance", "banking", "currency", "currencies", "payments"),
    "energy": ("energy", "natural gas", "gas supplies", "oil", "electricity", "pipeline",
               "power units"),
    "transport": ("transport", "transportation", "railway", "railways", "shipping", "aviation",
                  "logistics"),
    "science": ("science", "scientific", "research"),
    "technology": ("technology", "technologies", "technological", "digital"),
    "space": ("outer space", "space exploration", "space cooperation", "satellite", "satellites"),
    "education": ("education", "educational", "universities", "students", "academic"),
    "culture": ("culture", "cultural"),
    "humanitarian": ("humanitarian", "disaster relief", "disaster response"),
    "health": ("health", "medical", "pandemic", "vaccines", "healthcare"),
    "environment": ("environment", "environmental", "climate", "emissions", "biodiversity"),
    "agriculture": ("agriculture", "agricultural", "fisheries", "farming", "food security"),
    "migration": ("migration", "migrants", "refugees", "asylum", "visa", "visas"),
    "legal": ("legal status", "legal cooperation", "jurisdiction", "law enforcement",
              "judicial", "extradition"),
    "information": ("information exchange", "information sharing", "media"),
    "counter-terrorism": ("terrorism", "terrorist", "terrorists", "counter-terrorism",
                          "counterterrorism", "extremism"),
    # Not "territory": "in the territory of", "customs territory" say where, not what about.
    "territorial": ("territorial", "border", "borders", "boundary", "boundaries",
                    "delimitation", "demarcation"),
}  # fmt: skip
# A word of an area that, after these, means a setting ("the security environment").
_SETTING = {"environment": r"(?<!security )(?<!strategic )(?<!business )(?<!regional )"
                           r"(?<!geopolitical )(?<!political )(?<!economic )(?<!operating )"
                           r"(?<!investment )(?<!regulatory )(?<!international )"}  # fmt: skip
AREA_PATTERNS: dict[str, re.Pattern[str]] = {
    area: re.compile(
        r"\b(?:" + "|".join(_SETTING.get(word, "") + re.escape(word) for word in words) + r")\b",
        re.IGNORECASE,
    )
    for area, words in AREAS.items()
}
