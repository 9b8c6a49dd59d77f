"""Preferences that outlive a session: the last library and recent folders, the theme, the
reader's zoom, which entity types the page marks.

One small JSON file in the configuration folder, declared once here with types and defaults.
Window geometry is kept apart by the UI. A damaged file is ignored (defaults are used) rather
than stopping the application.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefreader.core.storage.atomic import read_json_object, write_atomically

log = logging.getLogger(__name__)
MAX_RECENT = 10
THEMES = ("system", "light", "dark")


_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "last_library": list,
    "recent_folders": list,
    "reader_point_size": (int, float, type(None)),
    "theme": str,
    "follow_links_outside": bool,
    "welcome_shown": bool,
    "export_folder": str,
    "hidden_entity_types": list,
    "reading_mode": bool,
}


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


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
    # Symbolic links are followed only inside the library's folders unless this is set.
    follow_links_outside: bool = False
    welcome_shown: bool = False  # the first-run welcome is shown once, then never again
    export_folder: str = ""  # where the last notes export went; the next one proposes it
    hidden_entity_types: list[str] = field(default_factory=list)  # legend boxes unticked
    reading_mode: bool = False  # the page without entity marks

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read the settings; a missing, unreadable or oddly shaped file (or field) falls back
        to the defaults with a warning in the log, never stopping the application."""
        data = read_json_object(path, "settings")
        theme = data.get("theme", "system")
        settings = cls(
            last_library=_strings(data.get("last_library")),
            recent_folders=_strings(data.get("recent_folders")),
            reader_point_size=_number_or_none(data.get("reader_point_size")),
            theme=theme if theme in THEMES else "system",
            follow_links_outside=data.get("follow_links_outside") is True,
            welcome_shown=data.get("welcome_shown") is True,
            export_folder=_string(data.get("export_folder")),
            hidden_entity_types=_strings(data.get("hidden_entity_types")),
            reading_mode=data.get("reading_mode") is True,
        )
        odd = [
            key
            for key, kind in _FIELD_TYPES.items()
            if key in data and not isinstance(data[key], kind)
        ]
        if odd:
            log.warning("settings %s: ignored fields of the wrong type: %s", path, ", ".join(odd))
        return settings

    def save(self, path: Path) -> None:
        """Write atomically, so a crash or a full disk never leaves half a file."""
        write_atomically(path, json.dumps(asdict(self), indent=2))

    def existing_library(self) -> list[Path]:
        """The last library's folders that still exist: a folder moved or deleted since (a
        bundle's own samples, once the bundle is moved) is not searched as a ghost."""
        return [Path(folder) for folder in self.last_library if Path(folder).is_dir()]

    def remember_library(self, folders: list[str]) -> None:
        self.last_library = list(folders)
        for folder in reversed(folders):
            if folder in self.recent_folders:
                self.recent_folders.remove(folder)
            self.recent_folders.insert(0, folder)
        del self.recent_folders[MAX_RECENT:]
