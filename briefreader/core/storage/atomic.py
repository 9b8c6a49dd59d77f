"""Small files the app owns: written whole or not at all, read without ever failing.

Every file the application writes (settings, window state, search history, the index's
library record) goes through here: the data goes to a temporary file in the same folder, is
flushed to disk, then renamed over the target in one step. A crash, a kill or a full disk
leaves the previous file intact and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def write_atomically(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_json_object(path: Path, what: str) -> dict[str, Any]:
    """The JSON object stored at ``path``, or ``{}``: a missing file is normal, and an
    unreadable or wrongly shaped one is logged and ignored rather than stopping the app."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s %s: %s", what, path, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("ignoring %s %s: not a JSON object", what, path)
        return {}
    return data
