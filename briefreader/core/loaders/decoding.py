"""Bytes to text: byte-order marks, UTF-8, then charset-normalizer for everything else.

Binary files are refused here with a reason, so the library can skip them instead of indexing
noise.
"""

from __future__ import annotations

import codecs

from charset_normalizer import CharsetMatch, from_bytes

from briefreader.core.errors import LoadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 8192
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_RATIO = 0.05
_CHAOS_MARGIN = 0.03
_COMMON_BONUS = 0.1


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ``LoadError`` for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise LoadError(f"invalid {encoding} text after its byte-order mark") from exc
    has_nul = b"\x00" in data[:_SAMPLE]
    if not has_nul:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    best = _best_match(data)
    if best is None:
        raise LoadError("binary file (no text encoding fits its bytes)")
    encoding = best.encoding
    if has_nul and not encoding.startswith(("utf_16", "utf_32")):
        raise LoadError("binary file (contains NUL bytes)")
    text = str(best)
    if _control_ratio(text[:_SAMPLE]) > _MAX_CONTROL_RATIO:
        raise LoadError("binary file (mostly control characters)")
    return text, encoding.replace("_", "-")


def _best_match(data: bytes) -> CharsetMatch | None:
    """charset-normalizer's candidates, re-ranked for short texts.

    On a few hundred bytes several legacy code pages decode with almost the same "chaos"; its
    first choice is then often an exotic one (Mac Latin-2 for French). Among the near-ties, the
    candidate whose text reads most like a language wins, and Windows-1252, by far the most
    common legacy encoding of Western documents, gets a small head start.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    near = [match for match in matches if match.chaos <= least_chaos + _CHAOS_MARGIN]
    return max(
        near,
        key=lambda m: m.coherence - m.chaos + (_COMMON_BONUS if m.encoding == "cp1252" else 0.0),
    )


def _control_ratio(sample: str) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(sample)
