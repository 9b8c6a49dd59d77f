"""PDF of an HTML page through Qt's own PDF writer (no other PDF library needed).

The PDF is made in memory and returned, so the caller writes it atomically: a failed or
interrupted export never leaves a 0-byte or half-written file, and a folder that does not
exist is an error rather than a silent nothing (Qt's writer reports neither).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication


def html_to_pdf(html: str) -> bytes:
    """``html`` (already escaped, and bounded: Qt lays it all out in memory) as an A4 PDF;
    works headless (offscreen platform)."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A widgets application, not a bare GUI one: a window opened later in the same
        # process (the CLI hands a briefreader:// link to the GUI) needs one, and Qt allows
        # only one application object per process.
        QApplication([])  # kept alive by Qt until the process ends
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
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
    del writer  # the writer finishes the file when it goes
    buffer.close()
    return bytes(data.data())
