"""Errors the core raises with messages meant for the analyst, not a traceback."""


class BriefReaderError(Exception):
    """Base class: ``str(error)`` is a complete, user-facing sentence."""


class LoadError(BriefReaderError):
    """A file could not be turned into a document (binary, too large, unreadable...)."""


class QueryError(BriefReaderError):
    """A search query is not valid; the message says what to change."""


class IndexUnavailableError(BriefReaderError):
    """The index cannot be opened or written (locked by another process, corrupt, disk full)."""
