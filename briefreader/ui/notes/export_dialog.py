"""The save dialog of *Export Notes…*: it proposes "<title> notes.<ext>" in the folder the
last export went to, and the extension follows the format chosen, so an analyst sending
notes to a colleague types nothing but Enter."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

# Format name by file-type filter, in the order the dialog lists them.
EXPORT_FILTERS = {
    "Markdown (*.md)": "markdown",
    "Web Annotation JSON-LD (*.json)": "json",
    "CSV (*.csv)": "csv",
    "HTML (*.html)": "html",
    "PDF (*.pdf)": "pdf",
}
_SUFFIXES = {"markdown": "md", "json": "json", "csv": "csv", "html": "html", "pdf": "pdf"}
_NOT_IN_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
MAX_TITLE = 80


def export_file_name(title: str, fmt: str = "markdown") -> str:
    """``"<title> notes.<ext>"`` with the characters no file system takes (and controls)
    replaced, at most 80 characters of title; "BriefReader notes.md" without a title."""
    clean = " ".join(_NOT_IN_NAMES.sub(" ", title).split()).strip(" .")[:MAX_TITLE].strip()
    return f"{clean or 'BriefReader'} notes.{_SUFFIXES[fmt]}"


class ExportDialog(QFileDialog):
    """A save dialog whose proposed file name changes extension with the chosen format."""

    def __init__(self, parent: QWidget | None, folder: Path, title: str) -> None:
        super().__init__(parent, "Export the listed notes", str(folder))
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setNameFilters(list(EXPORT_FILTERS))
        self.setDefaultSuffix(_SUFFIXES["markdown"])
        self._title = title
        self.selectFile(export_file_name(title))
        self.filterSelected.connect(self._follow_format)

    def format(self) -> str:
        return EXPORT_FILTERS.get(self.selectedNameFilter(), "markdown")

    def chosen_path(self) -> Path | None:
        files = self.selectedFiles()
        return Path(files[0]) if files else None

    def _follow_format(self, name_filter: str) -> None:
        """Give the typed name the new format's extension (a name the analyst typed keeps
        its stem)."""
        fmt = EXPORT_FILTERS.get(name_filter, "markdown")
        suffix = _SUFFIXES[fmt]
        self.setDefaultSuffix(suffix)
        box = self.findChild(QLineEdit, "fileNameEdit")
        typed = box.text().strip() if isinstance(box, QLineEdit) else ""
        stem = _without_known_suffix(typed) or export_file_name(self._title, fmt).rsplit(".", 1)[0]
        self.selectFile(f"{stem}.{suffix}")


def _without_known_suffix(name: str) -> str:
    for suffix in _SUFFIXES.values():
        if name.lower().endswith("." + suffix):
            return name[: -len(suffix) - 1]
    return name
