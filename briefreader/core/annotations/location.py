"""Where an annotated document lives: its library folder and its path inside that folder.

Annotations remember both the absolute path (to open the file) and the path relative to the
library folder, so that a library moved or renamed as a whole (copied to another laptop,
re-synced under another name) keeps its notes even when a file was edited on the way and its
content hash no longer matches.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Location:
    library: str  # absolute path of the library folder
    relative: str  # POSIX path of the document inside it


def locate(path: str | Path, library_folders: Iterable[str | Path]) -> Location:
    """The innermost known library folder that holds ``path``, or else the file's own folder."""
    absolute = Path(os.path.abspath(path))
    best: Path | None = None
    for folder in library_folders:
        candidate = Path(os.path.abspath(folder))
        inside = absolute.is_relative_to(candidate) and absolute != candidate
        if inside and (best is None or len(candidate.parts) > len(best.parts)):
            best = candidate
    root = best if best is not None else absolute.parent
    return Location(str(root), str(PurePosixPath(*absolute.relative_to(root).parts)))
