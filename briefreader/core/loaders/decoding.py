"""Bytes to text: byte-order marks, UTF-8, then charset-normalizer for everything else.

Binary files are refused here with a reason, so the library can skip them instead of indexing
noise.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter

from charset_normalizer import from_bytes

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
_CHAOS_MARGIN = 0.1
# Punctuation, symbols (© ° ± ™), currency signs and spaces fit any script.
_NEUTRAL = {"Pd", "Pi", "Pf", "Po", "Ps", "Pe", "Sc", "Sm", "So", "Sk", "Zs"}
# Western European text has at most a few accented letters per hundred letters.
_WESTERN_MAX_FOREIGN = 0.06


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
    text, encoding = best
    if has_nul and not encoding.startswith(("utf_16", "utf_32")):
        raise LoadError("binary file (contains NUL bytes)")
    if _control_ratio(text[:_SAMPLE]) > _MAX_CONTROL_RATIO:
        raise LoadError("binary file (mostly control characters)")
    return text, encoding.replace("_", "-")


def _best_match(data: bytes) -> tuple[str, str] | None:
    """Pick ``(text, encoding)`` among charset-normalizer's candidates, re-ranked.

    On short texts several legacy code pages decode with almost the same "chaos", and its
    first choice is often exotic (Urdu cp1006 for "café", Windows-1252 for Polish). The text
    that keeps to one script wins: its non-ASCII characters are letters of the text's main
    script or ordinary punctuation. Among those, Windows-1252 (by far the most common legacy
    encoding of Western documents) comes first, then charset-normalizer's own quality. Known
    limit: Turkish Windows-1254 text whose only special letters also exist in Windows-1252
    (ş/þ, ı/ý) is read as Windows-1252.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    candidates = {
        match.encoding: (str(match), match.coherence - match.chaos)
        for match in matches
        if match.chaos <= least_chaos + _CHAOS_MARGIN
    }
    _add_western_candidate(data, candidates)

    def rank(item: tuple[str, tuple[str, float]]) -> tuple[float, bool, float]:
        encoding, (text, quality) = item
        return round(_script_fit(text[: _SAMPLE * 2]), 2), encoding == "cp1252", quality

    encoding, (text, _) = max(candidates.items(), key=rank)
    return text, encoding


def _add_western_candidate(data: bytes, candidates: dict[str, tuple[str, float]]) -> None:
    """Offer Windows-1252 even when charset-normalizer did not, if the text reads as a Western
    language in it: few accented letters among its letters (quotes, dashes, €, © and ° do not
    count). Cyrillic, Greek or Hebrew bytes, and Czech, read as Windows-1252 are full of
    accented letters, so they are not offered."""
    if "cp1252" in candidates or b"\x00" in data[:_SAMPLE]:  # NULs: UTF-16/32 or binary
        return
    try:
        text = data[: _SAMPLE * 4].decode("cp1252")
    except UnicodeDecodeError:
        return
    letters = sum(1 for ch in text if ch.isalpha())
    foreign = sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
    if letters and foreign / letters <= _WESTERN_MAX_FOREIGN:
        candidates["cp1252"] = (data.decode("cp1252", errors="replace"), 0.0)


def _script_of(char: str) -> str:
    word = unicodedata.name(char, "?").split(" ", 1)[0]
    return "CJK" if word in ("HIRAGANA", "KATAKANA", "HANGUL") else word


def _script_fit(text: str) -> float:
    """Share of non-ASCII characters that are main-script letters or plain punctuation."""
    foreign = [ch for ch in text if ord(ch) > 127]
    if not foreign:
        return 1.0
    scripts = Counter(_script_of(ch) for ch in text if ch.isalpha())
    main = scripts.most_common(1)[0][0] if scripts else ""
    fitting = sum(
        1
        for ch in foreign
        if (ch.isalpha() and _script_of(ch) == main) or unicodedata.category(ch) in _NEUTRAL
    )
    return fitting / len(foreign)


def _control_ratio(sample: str) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(sample)
