"""Text made safe for a terminal: documents and file names are untrusted.

An escape sequence in a title or a file name could recolour, retitle or rewrite the analyst's
terminal, and a bidirectional override can make text read differently from what it is. Such
characters are shown as visible escapes (``\\x1b``, ``\\u202e``); line breaks and tabs stay.
JSON output is never passed through here: it must stay exact.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f"  # C0 controls but tab and newline, DEL, C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidi marks, embeddings, overrides
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    return _UNSAFE.sub(_escape, text)
