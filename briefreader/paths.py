"""Where BriefReader keeps its state.

Everything persistent (indexes, settings, later annotations) lives below one data folder chosen
here, never next to the user's documents. Nothing is created at import time: callers build an
``AppPaths`` explicitly, so tests can point the whole application at a temporary folder with
``--data-dir`` or ``BRIEFREADER_DATA_DIR``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "BriefReader"
DATA_DIR_ENV = "BRIEFREADER_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one BriefReader installation (or one test)."""

    data_dir: Path
    config_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | Path | None = None) -> AppPaths:
        """Pick the folders: explicit argument, then the environment, then the platform default.

        With an override, configuration lives inside the data folder too, so a test or a portable
        install touches nothing else on the machine.
        """
        chosen = data_dir or os.environ.get(DATA_DIR_ENV)
        if chosen:
            root = Path(chosen).expanduser().resolve()
            return cls(data_dir=root, config_dir=root / "config")
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def searches_file(self) -> Path:
        """Search history and saved searches (user data, never rebuilt)."""
        return self.config_dir / "searches.json"

    @property
    def window_state_file(self) -> Path:
        return self.config_dir / "window-state.json"

    @property
    def session_file(self) -> Path:
        """Where the analyst was: library, document, reading position, query, side tab."""
        return self.config_dir / "session.json"


def bundled_dir(name: str) -> Path:
    """A folder shipped with the application (``seeds`` or ``resources``).

    A wheel carries them inside the package under ``_data``; a source checkout (and an editable
    install) has them at the repository root.
    """
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "_data" / name, package_dir.parent / name):
        if candidate.is_dir():
            return candidate
    return package_dir.parent / name
