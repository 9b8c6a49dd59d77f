"""What the Notes panel and the reader need of the annotation store.

The widgets speak to this protocol only, so they do not depend on how annotations are stored
or re-anchored; ``briefreader.core.annotations`` provides the real implementation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from briefreader.core.document import Document


class NoteLike(Protocol):
    """One annotation, with the fields of ``briefreader notes list --json``."""

    id: str
    path: str
    exact: str
    start: int
    end: int
    color: str
    comment: str
    tags: Sequence[str]
    state: str  # anchored, moved or orphaned
    modified: str


class NotesBackend(Protocol):
    def colours(self) -> Sequence[tuple[str, str, str]]:
        """``(key, meaning, hex)`` for each highlight colour, in palette order."""
        ...

    def rename_colour(self, key: str, meaning: str) -> None: ...

    def merge(self, notes: Sequence[Any]) -> int:
        """Add annotations not already present (by id); how many were added."""
        ...

    def for_document(self, document: Document) -> list[NoteLike]:
        """The document's annotations, re-anchored against its current text."""
        ...

    def everything(self) -> list[NoteLike]: ...

    def create(
        self,
        document: Document,
        start: int,
        end: int,
        color: str,
        comment: str = "",
        tags: Sequence[str] = (),
    ) -> NoteLike: ...

    def edit(
        self,
        note_id: str,
        *,
        comment: str | None = None,
        tags: Sequence[str] | None = None,
        color: str | None = None,
    ) -> NoteLike: ...

    def delete(self, note_id: str) -> NoteLike:
        """Remove the annotation and return it, so an undo can put it back."""
        ...

    def restore(self, note: NoteLike) -> None:
        """Put back an annotation removed by ``delete`` (same id, same times)."""
        ...

    def reattach(self, note_id: str, document: Document, start: int, end: int) -> NoteLike:
        """Anchor an orphan (or any annotation) to a new passage of ``document``."""
        ...
