"""What a tag may hold: one line of printable text.

Tags are stored in one column, joined by ``TAG_SEPARATOR``: a tag that held it would come back
as two tags. A tab, a newline or an escape character in a tag breaks the lists, exports and
terminal lines that show it, so control characters are refused where a tag is typed (the
command line, the store) and replaced by spaces where tags arrive in bulk (an import, the
window's comma-separated field), where one bad character must not cost the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TAG_SEPARATOR = "\x1f"  # a character nobody types
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def tag_problem(tags: Iterable[str]) -> str | None:
    """Why these tags cannot be stored as they are, in one line; None when they can."""
    for tag in tags:
        found = _CONTROLS.search(tag)
        if found:
            return (
                f"a tag cannot hold control characters such as tab, newline or "
                f"\\x{ord(found.group()):02x}: {tag!r}"
            )
    return None


def neutral_tag(tag: str) -> str:
    """The tag with each run of control characters and spaces as one space, trimmed."""
    return " ".join(_CONTROLS.sub(" ", tag).split())
