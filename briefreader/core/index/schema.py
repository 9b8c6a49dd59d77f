"""What the index stores and how text becomes terms: the schema and its analysers.

Both the index (to write documents) and the hit finder (to find where a query's terms are in
a document) analyse text the same way, so they share this module rather than one importing
the other.
"""

from __future__ import annotations

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

# Bumped whenever the schema or an analyser changes; an index of another format is rebuilt.
INDEX_FORMAT = 5


def stem_unless_wildcard(word: str) -> str:
    """Porter stemming, except for wildcard patterns: "sign*ing" must not become "sign*"."""
    return word if "*" in word or "?" in word else stem(word)


# Stemming makes "treaties" find "treaty"; folding accents makes "Jeronimos" find "Jerónimos".
# Accents are folded first, so the stemmer sees "protege" whether or not the text had accents.
ANALYZER = (
    RegexTokenizer()
    | LowercaseFilter()
    | CharsetFilter(accent_map)
    | StopFilter()
    | StemFilter(stemfn=stem_unless_wildcard)
)
# Source names are matched as written (no stemming, no stop words): "source:reuters".
NAME_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
# A file's path as words: folders and name split at separators, dots, dashes and underscores,
# so "path:asia" finds ".../asia/cable_0412.pdf" and "path:pdf" every PDF.
PATH_ANALYZER = RegexTokenizer(r"[^\W_]+") | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> Schema:
    return Schema(
        path=ID(stored=True, unique=True, sortable=True),
        pathwords=TEXT(analyzer=PATH_ANALYZER),  # searched as "path:"
        title=TEXT(stored=True, field_boost=2.0, analyzer=ANALYZER, sortable=True),
        # The canonical text is stored only where the file is costly to read again (PDF,
        # Word, HTML); Markdown and plain text are read from their files (``core.texts``).
        body=TEXT(analyzer=ANALYZER),
        text=STORED(),
        source=TEXT(stored=True, analyzer=NAME_ANALYZER, sortable=True),
        date=ID(stored=True, sortable=True),
        # Read as columns, never searched as words: indexing them made most of the index's
        # terms (a 64-bit number is 16 trie terms; every hash is a term of its own).
        size=COLUMN(NumericColumn("q")),
        mtime=COLUMN(NumericColumn("q")),  # nanoseconds
        sha256=COLUMN(VarBytesColumn()),  # bytes of the hex digest: see ``column_text``
        format=STORED(),
    )


def column_text(value: object) -> str:
    """A text column's value as text (byte columns give bytes, empty ones None)."""
    if value is None:
        return ""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)
