"""BM25F ranking as Whoosh computes it, with less work per matching document.

Whoosh's BM25F scorer looks up each matching document's field length through five layers of
calls (searcher, reader, per-document reader, column, byte decoding) and then works out the
length normalisation again: on a common word that is most of a search's scoring time. Here
each segment's normalisation, ``K1 * (1 - B + B * length / average length)``, is computed
once per searcher and field from the lengths column, and a document's score is one lookup
and the BM25 formula. Scores are the same as Whoosh's (the tests compare them); segments
whose lengths cannot be read this way fall back to Whoosh's scorer.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.scoring import BM25F, BaseScorer, BM25FScorer, WeightScorer
from whoosh.util.numeric import byte_to_length

_CACHE_ATTRIBUTE = "_briefreader_norms"


class FastBM25F(BM25F):  # type: ignore[misc]  # Whoosh is untyped
    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: int = 1) -> BaseScorer:
        if not searcher.schema[fieldname].scorable:
            return WeightScorer.for_(searcher, fieldname, text)
        b = self._field_B.get(fieldname, self.B)
        parent = searcher.get_parent()
        average = parent.avg_field_length(fieldname) or 1
        norms = _norms(searcher, fieldname, b, self.K1, average)
        if norms is None:
            return BM25FScorer(searcher, fieldname, text, b, self.K1, qf=qf)
        return _NormScorer(searcher, fieldname, text, b, self.K1, average, norms)


class _NormScorer(BM25FScorer):  # type: ignore[misc]
    """Whoosh's BM25F scorer (block quality and all) with the per-document score read from
    the precomputed normalisation."""

    def __init__(
        self,
        searcher: Any,
        fieldname: str,
        text: bytes,
        b: float,
        k1: float,
        average: float,
        norms: list[float],
    ) -> None:
        super().__init__(searcher, fieldname, text, b, k1)
        self._norms = norms
        self._k1_plus_1 = k1 + 1

    def score(self, matcher: Any) -> float:
        weight = matcher.weight()
        return float(self.idf * ((weight * self._k1_plus_1) / (weight + self._norms[matcher.id()])))


def _norms(
    searcher: Any, fieldname: str, b: float, k1: float, average: float
) -> list[float] | None:
    """The length normalisation of every document of the searcher's segment, kept on the
    searcher (it lives as long as the index generation it reads)."""
    cache: dict[tuple[str, float, float, float], list[float]] = searcher.__dict__.setdefault(
        _CACHE_ATTRIBUTE, {}
    )
    key = (fieldname, b, k1, average)
    if key not in cache:
        perdoc = getattr(searcher.reader(), "_perdoc", None)
        column = getattr(perdoc, "_cached_reader", None)
        lengths = column(f"_{fieldname}_len", LENGTHS_COLUMN) if column is not None else None
        if lengths is None:
            return None
        by_byte = [k1 * ((1 - b) + b * byte_to_length(byte) / average) for byte in range(256)]
        cache[key] = [by_byte[byte] for byte in lengths]
    return cache[key]
