"""Window geometry and splitter positions, kept apart from preferences."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray


def load_state(path: Path) -> dict[str, QByteArray]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {key: QByteArray(base64.b64decode(value)) for key, value in data.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def save_state(path: Path, state: dict[str, QByteArray]) -> None:
    data = {
        key: base64.b64encode(bytes(value.data())).decode("ascii") for key, value in state.items()
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)
