"""Correcting entities from the window, and the watch-list.

From the Entities panel's context menu (right click, or the menu key on a row): remove an
entity everywhere, remove the current mention, rename it, merge it into another entity of the
open document, or watch its name. From the page with text selected: mark the selection as an
entity of a chosen type, or watch it. *Entities › Corrections and Watch List…* lists every
correction and watched name, each of which can be taken back. Corrections are the core's
``EntityCorrections`` (user data); after each one the controller refreshes the open document
and the library's entity index.

The ``ask_*`` methods put the question to the analyst; the methods they call take the answer
as arguments, so tests drive them without dialogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.entities.corrections import (
    Correction,
    CorrectionError,
    EntityCorrections,
    watched_spans,
)
from briefreader.core.entities.extract import Mention
from briefreader.core.text.document import Document, Span
from briefreader.ui.entities.panel import EntitiesPanel, EntityGroup
from briefreader.ui.reader.entity_types import ENTITY_TYPES
from briefreader.ui.reader.layers import WATCHED, LayerStyle
from briefreader.ui.reader.view import ReaderView


class EntityCorrectionsPresenter(QObject):
    def __init__(
        self,
        corrections: EntityCorrections,
        panel: EntitiesPanel,
        reader: ReaderView,
        changed: Callable[[], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.corrections, self.panel, self.reader = corrections, panel, reader
        self.changed = changed  # the controller refreshes the open document and the index
        self.window = parent
        self.document: Document | None = None
        self.mentions: list[Mention] = []
        self.mark_action = QAction("Mark as &Entity…", self)
        self.mark_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.mark_action.triggered.connect(self.ask_mark_selection)
        self.watch_selection_action = QAction("&Watch This Name", self)
        self.watch_selection_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.watch_selection_action.triggered.connect(self.watch_selection)
        self.list_action = QAction("&Corrections and Watch List…", self)
        self.list_action.triggered.connect(self.show_list)
        self.selection_actions = [self.mark_action, self.watch_selection_action]
        reader.add_selection_actions(self.selection_actions)
        panel.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        panel.tree.customContextMenuRequested.connect(self._context_menu)

    # The open document -----------------------------------------------------------------
    def show(
        self, document: Document | None, mentions: Sequence[Mention], watched: list[str]
    ) -> None:
        self.document, self.mentions = document, list(mentions)
        self._draw_watched(watched)

    def _draw_watched(self, names: list[str]) -> None:
        if self.document is None or not names:
            self.reader.clear_layer(WATCHED.name)
            return
        spans = watched_spans(self.document.text, names)
        self.reader.set_layer(WATCHED.name, spans, self._watched_style, priority=WATCHED.priority)

    def _watched_style(self, _span: Span) -> LayerStyle:
        return WATCHED.style(self.reader.theme)  # asked at each redraw: a theme switch too

    # Corrections -----------------------------------------------------------------------
    def _apply(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except CorrectionError as exc:
            QMessageBox.information(self.window, "Entities", str(exc))
            return False
        self.changed()
        return True

    def remove_entity(self, group: EntityGroup) -> bool:
        return self._apply(lambda: self.corrections.remove_entity(group.label, group.name))

    def remove_mention(self, group: EntityGroup, index: int) -> bool:
        if self.document is None or not 0 <= index < len(group.mentions):
            return False
        span = group.mentions[index]
        mention = next(
            (m for m in self.mentions if (m.start, m.end) == (span.start, span.end)), None
        )
        if mention is None:
            return False
        sha = self.document.metadata.sha256
        return self._apply(lambda: self.corrections.remove_mention(mention, sha))

    def rename(self, group: EntityGroup, new_name: str) -> bool:
        return self._apply(lambda: self.corrections.rename(group.label, group.name, new_name))

    def mark(self, label: str, text: str) -> bool:
        return self._apply(lambda: self.corrections.add(label, text))

    def watch(self, name: str) -> bool:
        return self._apply(lambda: self.corrections.watch(name))

    def take_back(self, correction: Correction | None = None, watched: str | None = None) -> None:
        if correction is not None:
            self.corrections.undo(correction.id)
        if watched is not None:
            self.corrections.unwatch(watched)
        self.changed()

    # Asking ----------------------------------------------------------------------------
    def _selected_text(self) -> str | None:
        span = self.reader.selection_span()
        if span is None or self.document is None:
            return None
        return self.document.text[span.start : span.end]

    def ask_mark_selection(self) -> None:
        text = self._selected_text()
        if not text:
            return
        names = [kind.singular for kind in ENTITY_TYPES]
        chosen, ok = QInputDialog.getItem(
            self.window, "Mark as Entity", f"“{' '.join(text.split())}” is a:", names, 0, False
        )
        if ok:
            label = next(k.label for k in ENTITY_TYPES if k.singular == chosen)
            self.mark(label, text)

    def watch_selection(self) -> None:
        text = self._selected_text()
        if text:
            self.watch(text)

    def ask_rename(self, group: EntityGroup) -> None:
        name, ok = QInputDialog.getText(
            self.window, "Rename Entity", f"Show “{group.name}” everywhere as:", text=group.name
        )
        if ok:
            self.rename(group, name)

    def ask_merge(self, group: EntityGroup) -> None:
        others = sorted(
            {g.name for g in self.panel.groups if g.label == group.label and g.name != group.name}
        )
        if not others:
            QMessageBox.information(
                self.window, "Merge", "This briefing names no other entity of this type."
            )
            return
        chosen, ok = QInputDialog.getItem(
            self.window, "Merge Entities", f"“{group.name}” is the same as:", others, 0, False
        )
        if ok:
            self.rename(group, chosen)

    def _context_menu(self, position: QPoint) -> None:
        item = self.panel.tree.itemAt(position)
        group = self.panel.current_group() if item is None else self.panel.group_of(item)
        if group is None:
            return
        menu = self.entity_menu(group)
        menu.exec(self.panel.tree.viewport().mapToGlobal(position))
        menu.deleteLater()

    def entity_menu(self, group: EntityGroup) -> QMenu:
        menu = QMenu(self.panel)
        menu.addAction("Remove This Entity Everywhere", lambda: self.remove_entity(group))
        current = self.panel.mention_index()
        if current is not None and self.panel.current_group() == group:
            menu.addAction("Remove This Mention", lambda: self.remove_mention(group, current))
        menu.addAction("Rename…", lambda: self.ask_rename(group))
        menu.addAction("Merge Into…", lambda: self.ask_merge(group))
        menu.addSeparator()
        menu.addAction("Watch This Name", lambda: self.watch(group.name))
        return menu

    def show_list(self) -> QDialog:
        dialog = CorrectionsDialog(self.corrections, self.take_back, self.window)
        dialog.show()
        return dialog


class CorrectionsDialog(QDialog):
    """Every correction and watched name, each of which can be taken back."""

    def __init__(
        self,
        corrections: EntityCorrections,
        take_back: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Entity Corrections and Watch List")
        self.resize(560, 420)
        self.corrections, self._take_back = corrections, take_back
        self.list = QListWidget()
        self.remove_button = QPushButton("&Take Back")
        self.remove_button.clicked.connect(self._remove)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Corrections apply to every briefing; watched names are "
                                "highlighted wherever they occur."))  # fmt: skip
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for correction in reversed(self.corrections.all()):
            item = QListWidgetItem(correction.describe())
            item.setData(Qt.ItemDataRole.UserRole, correction)
            self.list.addItem(item)
        for name in self.corrections.watched():
            item = QListWidgetItem(f"Watched: {name}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.remove_button.setEnabled(self.list.count() > 0)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        value = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(value, Correction):
            self._take_back(correction=value)
        else:
            self._take_back(watched=str(value))
        self.refresh()
