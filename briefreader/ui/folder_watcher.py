"""Notice when briefings are added, removed or replaced in the library's folders.

Signals: ``changed()``, once per burst of changes (debounced), so copying fifty files starts
one index update, not fifty.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 1500
# Operating systems limit watches; a library deeper than this is still re-indexed by F5.
MAX_WATCHED_FOLDERS = 2000


class FolderWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._roots: list[Path] = []
        self._watcher.directoryChanged.connect(self._on_directory_changed)
        self._timer.timeout.connect(self._fire)

    def watch(self, folders: list[Path]) -> None:
        self._roots = list(folders)
        self._timer.stop()
        watched = self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._add_tree()

    def _add_tree(self) -> None:
        """Watch every non-hidden folder below the roots (new sub-folders included)."""
        wanted: list[str] = []
        for root in self._roots:
            for current, dirs, _files in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                wanted.append(current)
                if len(wanted) >= MAX_WATCHED_FOLDERS:
                    break
        missing = [path for path in wanted if path not in set(self._watcher.directories())]
        if missing:
            self._watcher.addPaths(missing)

    def _on_directory_changed(self, _path: str) -> None:
        self._timer.start()

    def _fire(self) -> None:
        self._add_tree()
        self.changed.emit()
