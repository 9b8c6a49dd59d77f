"""Where the analyst left off: the library, the open document and the place in it, the
query and the side tab, saved on quit and brought back at the next start.

The reading position is the code point at the top of the page, not a scroll value, so it
survives another window size or zoom. A session is a convenience: a missing, damaged or
outdated file (a document since deleted, a tab index out of range) restores what it still
can and never stops the start.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefreader.core.storage.atomic import read_json_object, write_atomically


@dataclass
class Session:
    library: list[str] = field(default_factory=list)
    document: str = ""
    position: int = 0  # code point at the top of the page
    query: str = ""
    side_tab: int = 0

    @classmethod
    def load(cls, path: Path) -> Session:
        data = read_json_object(path, "session")
        library = data.get("library")
        position, tab = data.get("position"), data.get("side_tab")
        return cls(
            library=[p for p in library if isinstance(p, str)] if isinstance(library, list) else [],
            document=_text(data.get("document")),
            position=position if isinstance(position, int) and position >= 0 else 0,
            query=_text(data.get("query"))[:10_000],
            side_tab=tab if isinstance(tab, int) and tab >= 0 else 0,
        )

    def save(self, path: Path) -> None:
        """Atomically: a kill during the write leaves the previous session."""
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(asdict(self), indent=2))

    def folders(self) -> list[Path]:
        """The session's library folders that still exist."""
        return [Path(folder) for folder in self.library if Path(folder).is_dir()]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
