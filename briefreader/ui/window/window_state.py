"""Window geometry and splitter positions, kept apart from preferences."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray

from briefreader.core.storage.atomic import read_json_object, write_atomically

log = logging.getLogger(__name__)


def load_state(path: Path) -> dict[str, QByteArray]:
    """Saved geometry and splitters; a file of the wrong shape is ignored with a warning."""
    data = read_json_object(path, "window state")
    state = {}
    for key, value in data.items():
        try:
            state[key] = QByteArray(base64.b64decode(value, validate=True))
        except (TypeError, ValueError):
            log.warning("ignoring window state %s: %r is not saved state", path, key)
    return state


def save_state(path: Path, state: dict[str, QByteArray]) -> None:
    data = {
        key: base64.b64encode(bytes(value.data())).decode("ascii") for key, value in state.items()
    }
    write_atomically(path, json.dumps(data))
