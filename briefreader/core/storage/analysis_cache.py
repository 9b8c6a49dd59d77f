"""Per-document analysis (entities, treaty facts) cached as JSON by the text's content hash.

Keyed by the canonical text, not the file's bytes: every span stored is an offset into that
text, so when a loader comes to read the same file differently (a form's values, a picture's
description), an entry made from the old text is never laid over the new one.

A cache, not user data: rebuildable at any time, and an entry written by another format of the
analysis is ignored and recomputed. Opening a document reads its entry instead of analysing
again; a read-only or full disk costs the entry only, never the answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefreader.core.storage.atomic import read_json_object, write_atomically


class AnalysisCache:
    def __init__(self, folder: Path, format_version: str, what: str) -> None:
        self.folder = folder
        self.format_version = format_version
        self.what = what  # named in messages about a damaged entry

    def _file(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.json"

    def load(self, sha256: str) -> dict[str, Any] | None:
        """The stored payload, or ``None`` if missing, damaged or of another format."""
        if not sha256:
            return None
        stored = read_json_object(self._file(sha256), self.what)
        if stored.get("format") != self.format_version:
            return None
        payload = stored.get("payload")
        return payload if isinstance(payload, dict) else None

    def store(self, sha256: str, payload: dict[str, Any]) -> None:
        if not sha256:
            return
        data = {"format": self.format_version, "payload": payload}
        with contextlib.suppress(OSError):
            write_atomically(self._file(sha256), json.dumps(data, ensure_ascii=False))


def text_key(text: str) -> str:
    """The cache key of an analysis of ``text`` (its SHA-256; lone surrogates kept as read)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def rules_version(declared: str, data: Iterable[Path] = (), model: str = "") -> str:
    """The version an analysis is made with: the rules' version the code declares (raised
    with every change to a rule), a digest of the word lists it reads (data files, so a
    gazetteer edit needs no number), and the model's name and version. The code itself is
    never hashed: a bundle may ship only compiled files."""
    digest = hashlib.sha256()
    for folder in data:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".tsv", ".txt"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return f"{declared}+{model or 'rules'}+{digest.hexdigest()[:12]}"
