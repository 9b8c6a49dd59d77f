"""A rotating log in the app-data folder: errors and skipped files with their reasons.

It exists so a problem can be diagnosed after the fact ("why is this file not in my
library?"). It records what happened and to which file, never a document's text. A few files of
a megabyte each at most; a data folder that cannot be written simply gets no log.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

MAX_BYTES = 1024 * 1024
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_logging(path: Path) -> Path | None:
    """Send the application's warnings, errors and skip reports to the rotating log at
    ``path`` (the workspace's ``log_file``)."""
    logger = logging.getLogger("briefreader")
    for old in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
        if Path(old.baseFilename) == path:
            return path
        logger.removeHandler(old)  # one data folder, one log: the last one asked for
        old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.INFO)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
