"""An entity across the library: every document that names it, how often, and where first.

Reached from the Entities panel. A person is found under the full name and, in documents that
only ever give the surname, under that surname. The snippet is cut from the indexed text around
the first mention, so listing a hundred documents reads no file.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefreader.core.entities.library_index import EntityIndex
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.index.texts import canonical_text

SNIPPET_CONTEXT = 90  # characters shown on each side of the first mention


@dataclass(frozen=True)
class EntityDocument:
    path: str
    title: str
    mentions: int
    snippet: str  # text around the first mention, on one line
    first: tuple[int, int]  # the first mention, in the document's canonical text
    mention_in_snippet: tuple[int, int]  # the same mention, in ``snippet``


def entity_documents(
    entities: EntityIndex, library: LibraryIndex, label: str, name: str
) -> list[EntityDocument]:
    rows = entities.documents_of(label, name)
    if label == "PERSON" and " " in name:
        rows += entities.documents_of(label, name.split()[-1])
    by_hash: dict[str, tuple[int, tuple[int, int]]] = {}
    for row in rows:
        count, first = by_hash.get(row.sha256, (0, row.first))
        by_hash[row.sha256] = (count + row.mentions, min(first, row.first))
    paths = {path: sha for path, sha in library.hashes().items() if sha in by_hash}
    stored = library.stored(paths)
    found = []
    for path, sha in paths.items():
        fields = stored.get(path, {})
        count, (start, end) = by_hash[sha]
        body = canonical_text(path, fields)
        snippet, where = _snippet(body, start, end)
        title = str(fields.get("title", "")) or path.rsplit("/", 1)[-1]
        found.append(EntityDocument(path, title, count, snippet, (start, end), where))
    return sorted(found, key=lambda d: (-d.mentions, d.title.lower()))


def _snippet(body: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The text around ``[start, end)`` on one line, and where the mention sits in it."""
    if not 0 <= start < end <= len(body):
        return "", (0, 0)
    left = max(0, start - SNIPPET_CONTEXT)
    right = min(len(body), end + SNIPPET_CONTEXT)
    before = " ".join(body[left:start].split())
    mention = " ".join(body[start:end].split())
    after = " ".join(body[end:right].split())
    before = ("…" if left else "") + before + (" " if body[start - 1 : start].isspace() else "")
    after = (
        (" " if body[end : end + 1].isspace() else "") + after + ("…" if right < len(body) else "")
    )
    return before + mention + after, (len(before), len(before) + len(mention))
