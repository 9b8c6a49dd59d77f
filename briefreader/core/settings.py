"""Preferences that outlive a session: the last library and recent folders.

One small JSON file in the configuration folder, declared once here with types and defaults.
Window geometry is kept apart by the UI. A damaged file is ignored (defaults are used) rather
than stopping the application.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

MAX_RECENT = 10
THEMES = ("system", "light", "dark")


def _number_or_none(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 4 <= value <= 72:
        return float(value)
    return None


@dataclass
class Settings:
    last_library: list[str] = field(default_factory=list)
    recent_folders: list[str] = field(default_factory=list)
    reader_point_size: float | None = None  # the reader's zoom; None: the default size
    theme: str = "system"  # "system", "light" or "dark"

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(
            last_library=[str(p) for p in data.get("last_library", []) if isinstance(p, str)],
            recent_folders=[str(p) for p in data.get("recent_folders", []) if isinstance(p, str)],
            reader_point_size=_number_or_none(data.get("reader_point_size")),
            theme=data.get("theme") if data.get("theme") in THEMES else "system",
        )

    def save(self, path: Path) -> None:
        """Write atomically, so a crash or a full disk never leaves half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(temporary, path)

    def remember_library(self, folders: list[str]) -> None:
        self.last_library = list(folders)
        for folder in reversed(folders):
            if folder in self.recent_folders:
                self.recent_folders.remove(folder)
            self.recent_folders.insert(0, folder)
        del self.recent_folders[MAX_RECENT:]
