"""The library list: one row per briefing (title, source, date), its formats beside the
title when the same briefing comes as several files."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from briefreader.core.index.editions import Briefing, group_editions
from briefreader.core.index.library_index import DocumentSummary

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    COLUMNS = ("Title", "Source", "Date")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Briefing] = []

    def set_rows(self, rows: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self._rows = group_editions(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        briefing = self._rows[index.row()]
        row = briefing.main
        if role == Qt.ItemDataRole.DisplayRole:
            title = row.title
            if briefing.others:
                title = f"{title}  ·  {' + '.join(briefing.formats)}"
            return (title, row.source or "", row.date or "")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            source = f"\n{row.source}" if row.source else ""
            files = "\n".join(briefing.paths)
            opened = f"\n(opens the {briefing.formats[0]})" if briefing.others else ""
            return f"{row.title}{source}\n{files}{opened}"
        if role == PATH_ROLE:
            return row.path
        return None
