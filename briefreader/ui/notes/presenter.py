"""Ties annotations to the reader and the Notes panel: highlight the selection in a colour,
comment and tag it, list and filter notes, jump to one, edit, delete and undo.

Every change goes through a ``QUndoStack`` command, so Ctrl+Z takes back a highlight, an edit
or a deletion (a deleted note comes back with its id and times). The annotations of the open
document are drawn as the reader's ``notes`` layer, tinted by colour.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QInputDialog, QWidget

from briefreader.core.annotations.export import NO_CORRECTIONS, Corrections, from_json_ld
from briefreader.core.annotations.model import Annotation
from briefreader.core.annotations.store import AnnotationStore
from briefreader.core.annotations.tags import neutral_tag
from briefreader.core.errors import BriefReaderError
from briefreader.core.text.document import Document, Span
from briefreader.export.files import write_export
from briefreader.ui.notes.panel import SCOPE_ALL, SCOPE_ORPHANS, NotesPanel
from briefreader.ui.reader.layers import NOTES, LayerStyle
from briefreader.ui.reader.view import ReaderView


class _Command(QUndoCommand):
    """An undoable change made of two plain functions.

    Qt calls ``redo`` and ``undo`` from C++, and an exception escaping a Python override of a
    C++ method there takes the whole process down (PySide 6.11 crashes while reporting it).
    So the change is first made in Python, before the push (``NotesPresenter._do``): a
    failure then stops it like any error and nothing is pushed. The first ``redo`` Qt calls
    on the push is skipped, and a later failure (Ctrl+Z when the store cannot be written) is
    reported through ``sys.excepthook``, as PySide reports a failing slot, instead of crashing.
    """

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._done = True  # made before the push, which calls redo once more

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        _report_failure(self._redo)

    def undo(self) -> None:
        _report_failure(self._undo)


def _report_failure(change: Callable[[], None]) -> None:
    try:
        change()
    except Exception:  # must not reach C++: reported as PySide reports a failing slot
        sys.excepthook(*sys.exc_info())


@dataclass(frozen=True)
class NotesExport:
    """The notes to export and how to present them, taken on the GUI thread; written by
    ``write`` on any thread (it touches no widget)."""

    notes: list[Annotation]
    meanings: dict[str, str]
    colours: dict[str, str]
    titles: dict[str, str]
    extra: Corrections = NO_CORRECTIONS

    def write(self, fmt: str, out: Path) -> int:
        """Write the file (atomically); how many notes went out."""
        write_export(self.notes, self.meanings, fmt, out, self.extra, self.colours, self.titles)
        return len(self.notes)


def read_import(store: AnnotationStore, path: Path) -> int:
    """Merge the notes of a JSON export into ``store``; how many were new (any thread). A file
    that cannot be read or is not an export is a ``BriefReaderError`` saying why."""
    try:
        return store.merge(from_json_ld(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise BriefReaderError(str(exc)) from exc


class NotesPresenter(QObject):
    notes_changed = Signal()

    def __init__(
        self,
        backend: AnnotationStore,
        panel: NotesPanel,
        reader: ReaderView,
        dialog_parent: QWidget | None = None,
    ) -> None:
        super().__init__(panel)
        self.backend, self.panel, self.reader = backend, panel, reader
        self.dialog_parent = dialog_parent
        self.undo_stack = QUndoStack(self)
        self.notes: list[Annotation] = []
        self.colours = list(backend.colours())
        panel.set_colours(self.colours)
        self.highlight_actions: list[QAction] = []
        for number, (key, meaning, hex_colour) in enumerate(self.colours[:9], start=1):
            action = QAction(f"Highlight: {meaning}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(hex_colour)
            action.triggered.connect(lambda _checked=False, k=key: self.highlight_selection(k))
            self.highlight_actions.append(action)
        self.comment_action = QAction("Comment on Selection…", self)
        self.comment_action.setShortcut(QKeySequence("Ctrl+M"))
        # ``triggered`` passes ``checked`` to a slot that takes an argument: drop it, or it
        # becomes the comment ("0") or the tags (False) instead of asking for them.
        self.comment_action.triggered.connect(lambda _checked=False: self.comment_selection())
        self.tag_action = QAction("Tag Selection…", self)
        self.tag_action.setShortcut(QKeySequence("Ctrl+T"))
        self.tag_action.triggered.connect(lambda _checked=False: self.tag_selection())
        self.selection_actions = [*self.highlight_actions, self.comment_action, self.tag_action]
        reader.add_selection_actions(self.selection_actions)
        panel.note_activated.connect(self.reveal)
        panel.comment_requested.connect(self.ask_comment)
        panel.tags_requested.connect(self.ask_tags)
        panel.delete_requested.connect(self.delete)
        panel.reattach_requested.connect(self.reattach_to_selection)
        panel.scope_changed.connect(lambda: self.refresh())

    @property
    def document(self) -> Document | None:
        return self.reader.document_model

    # Showing ---------------------------------------------------------------------------
    def refresh(self, page_notes: list[Annotation] | None = None) -> None:
        """Redraw: the open document's notes are ``page_notes`` when they were re-anchored
        already (off the GUI thread, as the document loaded), else read from the store."""
        document = self.document
        if page_notes is None:
            page_notes = self.backend.for_document(document) if document is not None else []
        scope = self.panel.current_scope
        if scope == SCOPE_ALL:
            listed = self.backend.everything()
        elif scope == SCOPE_ORPHANS:
            listed = [n for n in self.backend.everything() if n.state == "orphaned"]
        else:
            listed = page_notes
        self.notes = listed
        self.panel.set_notes(listed)
        self._draw([n for n in page_notes if n.state != "orphaned"])
        self.notes_changed.emit()

    def _draw(self, notes: list[Annotation]) -> None:
        if not notes:
            self.reader.clear_layer(NOTES.name)
            return
        by_span = {Span(n.start, n.end, "note"): n for n in notes}
        hexes = {key: hex_colour for key, _meaning, hex_colour in self.colours}

        def style(span: Span) -> LayerStyle:
            note = by_span[span]
            hue = hexes.get(note.color, "#999999")
            tip = " ".join(filter(None, [note.comment.strip(), *(f"#{t}" for t in note.tags)]))
            return NOTES.styled(self.reader.theme, hue, tip or None)

        self.reader.set_layer(NOTES.name, list(by_span), style, priority=NOTES.priority)

    def _note(self, note_id: str) -> Annotation | None:
        pool = self.notes + (
            self.backend.for_document(self.document) if self.document is not None else []
        )
        return next((n for n in pool if n.id == note_id), None)

    def reveal(self, note_id: str) -> None:
        note = self._note(note_id)
        document = self.document
        if note is None or document is None or note.state == "orphaned":
            return
        if note.path == document.metadata.path:
            self.reader.reveal(Span(note.start, note.end, "note"))

    # Creating --------------------------------------------------------------------------
    def highlight_selection(
        self,
        colour: str,
        comment: str = "",
        tags: Sequence[str] = (),
        passage: tuple[Span, Document] | None = None,
    ) -> str | None:
        """Make a note of the selected passage (or of ``passage``, the one selected when a
        dialog was opened for it); returns its id (None without a selection)."""
        span, document = passage or (self.reader.selection_span(), self.document)
        if span is None or document is None:
            return None
        created: list[Annotation] = []

        def redo() -> None:
            if created:
                self.backend.restore(created[0])
            else:
                created.append(
                    self.backend.create(document, span.start, span.end, colour, comment, tags)
                )
            self.refresh()

        def undo() -> None:
            self.backend.delete(created[0].id)
            self.refresh()

        self._do("Highlight", redo, undo)
        return created[0].id

    def comment_selection(self, *, comment: str | None = None) -> str | None:
        """Note the selected passage with a comment; asks for it unless given."""
        passage = self._selected_passage()
        if passage is None:
            return None
        if comment is None:
            comment = self._ask_text("Comment", "Comment (Markdown):", "", multiline=True)
            if comment is None:
                return None
        return self.highlight_selection(self.colours[0][0], comment=comment, passage=passage)

    def tag_selection(self, *, tags: Sequence[str] | None = None) -> str | None:
        """Note the selected passage with tags; asks for them unless given."""
        passage = self._selected_passage()
        if passage is None:
            return None
        if tags is None:
            text = self._ask_text("Tags", "Tags, separated by commas:", "")
            if text is None:
                return None
            tags = split_tags(text)
        return self.highlight_selection(self.colours[0][0], tags=tags, passage=passage)

    def _selected_passage(self) -> tuple[Span, Document] | None:
        """The selection and its document, kept before a dialog opens: while the analyst
        types, the page may be redrawn (a background refresh) and the selection lost, and
        the comment must still go to the passage it was written for."""
        span, document = self.reader.selection_span(), self.document
        return (span, document) if span is not None and document is not None else None

    # Editing ---------------------------------------------------------------------------
    def edit(
        self,
        note_id: str,
        *,
        comment: str | None = None,
        tags: Sequence[str] | None = None,
        color: str | None = None,
    ) -> None:
        note = self._note(note_id)
        if note is None:
            return
        before = (note.comment, list(note.tags), note.color)
        after = (
            note.comment if comment is None else comment,
            list(note.tags) if tags is None else list(tags),
            note.color if color is None else color,
        )

        def apply(values: tuple[str, list[str], str]) -> Callable[[], None]:
            def run() -> None:
                text, labels, colour = values
                self.backend.edit(note_id, comment=text, tags=labels, color=colour)
                self.refresh()

            return run

        self._do("Edit note", apply(after), apply(before))

    def ask_comment(self, note_id: str) -> None:
        note = self._note(note_id)
        if note is not None:
            text = self._ask_text("Comment", "Comment (Markdown):", note.comment, multiline=True)
            if text is not None:
                self.edit(note_id, comment=text)

    def ask_tags(self, note_id: str) -> None:
        note = self._note(note_id)
        if note is not None:
            text = self._ask_text("Tags", "Tags, separated by commas:", ", ".join(note.tags))
            if text is not None:
                self.edit(note_id, tags=split_tags(text))

    def delete(self, note_id: str) -> None:
        removed: list[Annotation] = []

        def redo() -> None:
            removed[:] = [self.backend.delete(note_id)]
            self.refresh()

        def undo() -> None:
            self.backend.restore(removed[0])
            self.refresh()

        self._do("Delete note", redo, undo)

    def reattach_to_selection(self, note_id: str) -> None:
        """Anchor a note (typically an orphan) to the passage selected on the page."""
        span, document = self.reader.selection_span(), self.document
        note = self._note(note_id)
        if span is None or document is None or note is None:
            return
        old = (note.start, note.end)

        def redo() -> None:
            self.backend.reattach(note_id, document, span.start, span.end)
            self.refresh()

        def undo() -> None:
            self.backend.reattach(note_id, document, *old)
            self.refresh()

        self._do("Re-attach note", redo, undo)

    def rename_colours(self, meanings: dict[str, str]) -> None:
        """Give colours new meanings; the panel, tooltips and exports follow."""
        for key, meaning in meanings.items():
            self.backend.rename_colour(key, meaning)
        self.colours = list(self.backend.colours())
        self.panel.set_colours(self.colours)
        for action, colour in zip(self.highlight_actions, self.colours, strict=False):
            action.setText(f"Highlight: {colour[1]}")
        self.refresh()

    def listed_export(
        self, titles: Mapping[str, str] | None = None, extra: Corrections = NO_CORRECTIONS
    ) -> NotesExport:
        """What an export of the notes the panel lists now holds: its scope (this document,
        all documents, orphans) and its colour, tag and text filters choose what goes out;
        ``extra`` (the entity corrections and watch-list) goes with them; ``titles`` name the
        documents. Cheap, for the GUI thread; ``NotesExport.write`` does the work."""
        shown = set(self.panel.shown_ids())
        return NotesExport(
            [note for note in self.notes if note.id in shown],
            {key: meaning for key, meaning, _hex in self.colours},
            {key: colour for key, _meaning, colour in self.colours},
            dict(titles or {}),
            extra,
        )

    def export_listed(
        self,
        fmt: str,
        out: Path,
        extra: Corrections = NO_CORRECTIONS,
        titles: Mapping[str, str] | None = None,
    ) -> int:
        """Export the notes the panel lists now, here and now (the window runs
        ``listed_export(...).write`` off the GUI thread instead)."""
        return self.listed_export(titles, extra).write(fmt, out)

    def import_file(self, path: Path) -> int:
        """Merge a JSON export; notes already here (same id) are not duplicated."""
        added = read_import(self.backend, path)
        self.refresh()
        return added

    def _do(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        """Make a change now, in Python (so a failure raises here and nothing is pushed), and
        put it on the undo stack."""
        redo()
        self.undo_stack.push(_Command(text, redo, undo))

    def _ask_text(self, title: str, label: str, text: str, multiline: bool = False) -> str | None:
        if multiline:
            value, ok = QInputDialog.getMultiLineText(self.dialog_parent, title, label, text)
        else:
            value, ok = QInputDialog.getText(self.dialog_parent, title, label, text=text)
        return value if ok else None


def split_tags(text: str) -> list[str]:
    """ "a, b ,#c, a" -> ["a", "b", "c"]: trimmed, without a leading #, no duplicates, and
    control characters (which the store refuses) as spaces."""
    tags: list[str] = []
    for part in text.split(","):
        tag = neutral_tag(part).lstrip("#").strip()  # a pasted tab or \x1f: a space
        if tag and tag not in tags:
            tags.append(tag)
    return tags
