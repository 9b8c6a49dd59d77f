"""BriefReader: an offline reader that indexes, searches and displays analysts' briefings."""

__version__ = "0.1.0"
