"""What the facts of a document are: treaties with their fields and evidence, and the
sentences they come from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from briefreader.core.entities import Mention
from briefreader.core.text.document import Span

FIELDS = (
    "name", "parties", "signatories", "signed_date", "signed_place", "duration", "areas",
    "obligations", "exclusions", "status",
)  # fmt: skip
LIST_FIELDS = ("parties", "signatories", "areas", "obligations", "exclusions")


@dataclass
class TreatyFacts:
    name: str | None = None
    parties: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    signed_date: str | None = None
    signed_place: str | None = None
    duration: str | None = None
    areas: list[str] = field(default_factory=list)
    obligations: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    status: str | None = None
    # What the text calls an agreement it never names ("strategic partnership treaty").
    description: str | None = None
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    # The analyst's corrections (``facts.corrections``): fields changed, and "field:value"
    # of each value confirmed.
    edited: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    # How sure each extracted value is (``facts.confidence``): per field, one number per value.
    confidence: dict[str, list[float]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreatyFacts:
        evidence = {
            key: [Span(int(item["start"]), int(item["end"])) for item in spans]
            for key, spans in dict(data.get("evidence") or {}).items()
        }
        fields: dict[str, Any] = {name: data.get(name) for name in FIELDS}
        for name in LIST_FIELDS:
            fields[name] = [str(item) for item in fields[name] or []]
        return cls(
            **fields,
            description=data.get("description"),
            evidence=evidence,
            edited=[str(item) for item in data.get("edited") or []],
            confirmed=[str(item) for item in data.get("confirmed") or []],
            confidence=_stored_confidence(data.get("confidence") or {}),
        )

    def as_json(self) -> dict[str, object]:
        payload: dict[str, object] = {name: getattr(self, name) for name in FIELDS}
        payload["description"] = self.description
        payload["edited"] = list(self.edited)
        payload["confirmed"] = list(self.confirmed)
        payload["evidence"] = {
            name: [{"start": span.start, "end": span.end} for span in spans]
            for name, spans in self.evidence.items()
        }
        payload["confidence"] = {
            name: (values if name in LIST_FIELDS else values[0])
            for name in FIELDS
            if (values := self.confidence_of(name))
        }
        return payload

    def confidence_of(self, name: str) -> list[float]:
        """One number per value of field ``name``, aligned with its values. A value the
        analyst edited, added or confirmed is sure (their word); one the rules did not score
        (facts cached by older rules) counts as sure too, so nothing is marked unasked."""
        value = getattr(self, name)
        values = value if isinstance(value, list) else ([] if value is None else [value])
        stored = self.confidence.get(name, [])
        edited = name in self.edited
        result = []
        for index, item in enumerate(values):
            sure = edited or f"{name}:{item}" in self.confirmed or index >= len(stored)
            result.append(1.0 if sure else stored[index])
        return result


def _stored_confidence(data: dict[str, Any]) -> dict[str, list[float]]:
    """The JSON form (a number for a single value, a list for a list field) as lists."""
    return {
        str(key): [float(n) for n in (value if isinstance(value, list) else [value])]
        for key, value in data.items()
    }


@dataclass
class DocumentFacts:
    treaties: list[TreatyFacts] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentFacts:
        return cls(
            treaties=[TreatyFacts.from_json(item) for item in data["treaties"]],
            mentioned=[str(name) for name in data.get("mentioned") or []],
        )

    def as_json(self, path: str) -> dict[str, object]:
        return {
            "path": path,
            "treaties": [treaty.as_json() for treaty in self.treaties],
            "mentioned": list(self.mentioned),
        }


@dataclass(frozen=True)
class Sentence:
    """A sentence of the canonical text with the entity mentions inside it."""

    span: Span
    text: str
    mentions: tuple[Mention, ...]

    def has(self, pattern: re.Pattern[str]) -> bool:
        return pattern.search(self.text) is not None

    def labelled(self, *labels: str) -> list[Mention]:
        return [mention for mention in self.mentions if mention.label in labels]


def unique_spans(spans: Iterable[Span]) -> list[Span]:
    seen: list[Span] = []
    for span in spans:
        if span not in seen:
            seen.append(span)
    return sorted(seen, key=lambda s: s.start)
