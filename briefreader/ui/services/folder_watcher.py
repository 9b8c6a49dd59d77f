"""Notice when briefings are added, removed or replaced in the library's folders.

Signals: ``changed(paths)``, once per burst of changes (debounced), so copying fifty files
starts one index update, not fifty. ``paths`` are the files and folders the system reported:
the update looks only there instead of walking the whole library.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 1500
# Operating systems limit watches; what lies beyond this is still re-indexed by F5.
MAX_WATCHED_PATHS = 4000


class FolderWatcher(QObject):
    changed = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._roots: list[Path] = []
        self._changed: set[str] = set()
        self._watcher.directoryChanged.connect(self._on_path_changed)
        self._watcher.fileChanged.connect(self._on_path_changed)
        self._timer.timeout.connect(self._fire)

    def watch(self, folders: list[Path]) -> None:
        self._roots = list(folders)
        self._timer.stop()
        self._changed.clear()
        watched = self._watcher.directories() + self._watcher.files()
        if watched:
            self._watcher.removePaths(watched)
        self._add_tree()

    def _add_tree(self) -> None:
        """Watch the roots' parents (to see a root renamed back or re-created), every
        non-hidden folder below the roots, and their files (to see edits made in place)."""
        folders: list[str] = [str(root.parent) for root in self._roots]
        files: list[str] = []
        for root in self._roots:
            for current, dirs, names in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                folders.append(current)
                files.extend(os.path.join(current, n) for n in names if not n.startswith("."))
                if len(folders) + len(files) >= MAX_WATCHED_PATHS:
                    break
        wanted = folders + files[: max(MAX_WATCHED_PATHS - len(folders), 0)]
        watched = set(self._watcher.directories()) | set(self._watcher.files())
        missing = [path for path in wanted if path not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _on_path_changed(self, path: str) -> None:
        self._changed.add(path)
        self._timer.start()

    def _fire(self) -> None:
        self._add_tree()
        changed, self._changed = sorted(self._changed), set()
        self.changed.emit(changed)
