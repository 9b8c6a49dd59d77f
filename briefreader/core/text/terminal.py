"""Text made safe for a terminal: documents and file names are untrusted.

An escape sequence in a title or a file name could recolour, retitle or rewrite the analyst's
terminal, and a bidirectional override can make text read differently from what it is. Such
characters are shown as visible escapes (``\\x1b``, ``\\u202e``). A document's text keeps its
line breaks and tabs (``terminal_safe``); a field printed inside a line (a path, a title, a
tag) shows them as ``\\n`` and ``\\t`` too (``one_line``), or a file name holding a newline
could print lines that look like results of their own.
JSON output is never passed through here: it must stay exact.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f"  # C0 controls but tab and newline, DEL, C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidi marks, embeddings, overrides
)
_BREAKS = re.compile("[\t\n\u2028\u2029]")
_NAMED = {"\t": "\\t", "\n": "\\n"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """Text for the terminal, line breaks and tabs kept (a document's text)."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """A field for the terminal that must stay on its line: every break and tab escaped."""
    return _BREAKS.sub(_escape, terminal_safe(text))
