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
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

# Bumped whenever the schema or an analyser changes; an index of another format is rebuilt.
INDEX_FORMAT = 3


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
        body=TEXT(stored=True, analyzer=ANALYZER),
        source=TEXT(stored=True, analyzer=NAME_ANALYZER, sortable=True),
        date=ID(stored=True, sortable=True),
        size=NUMERIC(stored=True, sortable=True, bits=64),
        mtime=NUMERIC(stored=True, sortable=True, bits=64),  # nanoseconds
        sha256=ID(stored=True, sortable=True),
        format=ID(stored=True),
    )
