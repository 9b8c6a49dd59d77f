"""The agreements of the whole library: each document's treaty cards summarised into the
library's index as it is analysed, then merged across documents for the Treaties view.

Two documents report on one agreement when their titles match (ignoring case and a leading
"the") or share most of their distinctive words and at least one party, as "Enhanced Defense
Cooperation Agreement" and "Agreement on Enhanced Defense Cooperation" do. The analyst's fact
corrections (a renamed agreement, a party added or deleted, a date fixed) are laid over each
document's summary before merging, so the view says what the cards say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefreader.core.entities import Mention
from briefreader.core.entities.library_index import EntityIndex, Summarise, TreatySummary
from briefreader.core.facts.cache import FactsCache
from briefreader.core.facts.corrections import FactCorrection, apply_fact_corrections, treaty_key
from briefreader.core.facts.extract import same_agreement
from briefreader.core.facts.model import DocumentFacts, TreatyFacts
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.text.document import Document


@dataclass(frozen=True)
class TreatySummaries:
    """What the library index keeps of a document's treaty cards (from the facts cache).
    An object, not a closure, so the library's analysis can hand it to worker processes."""

    cache: FactsCache

    def __call__(self, document: Document, mentions: list[Mention]) -> list[TreatySummary]:
        facts = self.cache.facts(document)
        return [
            TreatySummary(treaty_key(t), tuple(t.parties), t.signed_date or "", t.status or "")
            for t in facts.treaties
        ]


def summaries_from(cache: FactsCache) -> Summarise:
    return TreatySummaries(cache)


@dataclass
class LibraryTreaty:
    name: str
    parties: list[str] = field(default_factory=list)
    signed_date: str = ""
    status: str = ""
    documents: list[tuple[str, str]] = field(default_factory=list)  # (path, title)


def _normal(name: str) -> str:
    words = name.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _same(treaty: LibraryTreaty, summary: TreatySummary) -> bool:
    if _normal(treaty.name) == _normal(summary.name):
        return True
    shared_party = bool(set(treaty.parties) & set(summary.parties))
    return shared_party and same_agreement(summary.name, treaty.name)


def corrected_summary(
    summary: TreatySummary, corrections: Sequence[FactCorrection]
) -> TreatySummary:
    """``summary`` with the corrections made to its card (those naming its title)."""
    mine = [c for c in corrections if c.treaty == summary.name]
    if not mine:
        return summary
    card = TreatyFacts(summary.name, list(summary.parties), status=summary.status or None,
                       signed_date=summary.signed_date or None)  # fmt: skip
    (card,) = apply_fact_corrections(DocumentFacts([card]), mine).treaties
    name = card.name or summary.name
    return TreatySummary(name, tuple(card.parties), card.signed_date or "", card.status or "")


def library_treaties(
    entities: EntityIndex, library: LibraryIndex, corrections: Sequence[FactCorrection] = ()
) -> list[LibraryTreaty]:
    """Every agreement the library's documents report on, corrected, merged, most reported
    first."""
    paths: dict[str, list[str]] = {}
    for path, sha in library.hashes().items():
        paths.setdefault(sha, []).append(path)
    titles = {row.path: row.title for row in library.summaries()}
    by_path: dict[str, list[FactCorrection]] = {}
    for correction in corrections:
        by_path.setdefault(correction.path, []).append(correction)
    merged: list[LibraryTreaty] = []
    for sha, extracted in entities.treaties():
        for path in paths.get(sha, []):
            summary = corrected_summary(extracted, by_path.get(path, ()))
            treaty = next((t for t in merged if _same(t, summary)), None)
            if treaty is None:
                treaty = LibraryTreaty(summary.name)
                merged.append(treaty)
            treaty.parties += [p for p in summary.parties if p not in treaty.parties]
            treaty.signed_date = treaty.signed_date or summary.signed_date
            treaty.status = treaty.status or summary.status
            if path not in (p for p, _t in treaty.documents):
                treaty.documents.append((path, titles.get(path, path)))
    return sorted(merged, key=lambda t: (-len(t.documents), t.name.casefold()))
