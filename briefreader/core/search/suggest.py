"""Did-you-mean: a close spelling the index knows, offered when a query finds nothing.

Each typed word that no document holds is replaced by the indexed word one edit away (else
two), the most frequent first; the first letter is kept, as typos rarely hit it. The index
holds stems ("tariff" for "tariffs"), so the suggestion is spelled as the word appears in a
document that holds it. A suggestion is offered only if the corrected query finds something.
"""

from __future__ import annotations

import re

from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.index.schema import ANALYZER
from briefreader.core.index.texts import canonical_text
from briefreader.core.search.query import Query

_WORD = re.compile(r"[^\W\d_]{3,}")
_FIELD_OR_OPERATOR = re.compile(r"[^\W\d_]+:|AND|OR|NOT|ANDNOT|ANDMAYBE")
_FIELD_BEFORE = re.compile(r"([^\W\d_]+):\(?$")
_SPELLED_FIELD = "body"
_TEXT_FIELDS = ("title", "body")
_MAX_DOCUMENT_CHARS = 200_000  # read this much of a document to find a word's spelling


def _stem(word: str) -> str | None:
    stems = [token.text for token in ANALYZER(word)]
    return stems[0] if len(stems) == 1 else None


def _closest(reader: IndexReader, stem: str) -> str | None:
    for distance in (1, 2):
        near = [
            term
            for term in reader.terms_within(_SPELLED_FIELD, stem, distance, prefix=1)
            if term != stem
        ]
        if near:
            return str(max(near, key=lambda t: (reader.doc_frequency(_SPELLED_FIELD, t), t)))
    return None


def _spelling(searcher: Searcher, stem: str) -> str | None:
    """The word as a document spells it ("tariffs" for the stem "tariff")."""
    postings = searcher.reader().postings(_SPELLED_FIELD, stem)
    if not postings.is_active():
        return None
    fields = searcher.stored_fields(postings.id())
    body = canonical_text(str(fields.get("path", "")), fields)[:_MAX_DOCUMENT_CHARS]
    for token in ANALYZER(body, chars=True, mode="index"):
        if token.text == stem:
            return str(body[token.startchar : token.endchar]).lower()
    return None


def suggest(index: LibraryIndex, query: Query) -> str | None:
    """The query with its unknown words respelled, or None when nothing better is known.
    A query with filter clauses gets none: whether its respelling finds anything depends on
    their sources, which are not consulted here."""
    text = query.text
    changed = False
    pieces: list[str] = []
    last = 0
    with index.searcher() as searcher:
        reader = searcher.reader()
        for match in _WORD.finditer(text):
            word = match.group()
            after = text[match.end() : match.end() + 1]
            if _FIELD_OR_OPERATOR.fullmatch(word + after) or word in ("AND", "OR", "NOT"):
                continue
            field = _FIELD_BEFORE.search(text, 0, match.start())
            if field and field.group(1) not in _TEXT_FIELDS:
                continue  # a path, source or date is not respelled from the text's words
            stem = _stem(word)
            if stem is None or reader.doc_frequency(_SPELLED_FIELD, stem):
                continue
            closest = _closest(reader, stem)
            spelled = _spelling(searcher, closest) if closest else None
            if spelled:
                pieces += [text[last : match.start()], spelled]
                last = match.end()
                changed = True
        if not changed:
            return None
        corrected = "".join([*pieces, text[last:]])
        respelled = Query.parse(corrected)
        if respelled.parsed is None or respelled.clauses:
            return None
        return corrected if searcher.search(respelled.parsed, limit=1).scored_length() else None
