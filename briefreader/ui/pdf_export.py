"""PDF of an HTML page through Qt's own PDF writer (no other PDF library needed)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication


def html_to_pdf(html: str, out: Path) -> None:
    """Write ``html`` (already escaped) as an A4 PDF; works headless (offscreen platform)."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A widgets application, not a bare GUI one: a window opened later in the same
        # process (the CLI hands a briefreader:// link to the GUI) needs one, and Qt allows
        # only one application object per process.
        QApplication([])  # kept alive by Qt until the process ends
    writer = QPdfWriter(str(out))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle("BriefReader notes")
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
