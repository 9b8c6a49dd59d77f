"""A first-run welcome above the reader: three things to try, shown once, skippable.

A new user faces an empty page and a list of sample briefings; three sentences with buttons
get them to their own folder, a first search and a first highlight without reading the
manual. It is remembered in the settings as soon as it is shown, so it never comes back,
whether it was used or skipped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

WELCOME_TEXT = (
    "<b>Welcome to BriefReader.</b> The list on the left holds sample briefings. "
    "<b>Open a folder</b> of your own (Markdown, text, HTML, PDF or Word), "
    "<b>try a search</b> (F1 lists the query language), and "
    "<b>select text</b> on the page to highlight or comment on it (Ctrl+1, Ctrl+M)."
)
SAMPLE_QUERY = "treaty"


class WelcomeCard(QFrame):
    """The welcome card; each button says what was chosen, then the card closes itself."""

    open_folder_requested = Signal()
    search_requested = Signal(str)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Its buttons must not make the window wider than the user (or a saved state) asks.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)
        text = QLabel(WELCOME_TEXT)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.open_button = QPushButton("Open a Folder…")
        self.search_button = QPushButton(f"Try a Search: {SAMPLE_QUERY}")
        self.skip_button = QPushButton("Skip")
        self.open_button.clicked.connect(lambda: self._close_with(self.open_folder_requested))
        self.search_button.clicked.connect(self._search)
        self.skip_button.clicked.connect(lambda: self._close_with(None))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.search_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)

    def _search(self) -> None:
        self.hide()
        self.search_requested.emit(SAMPLE_QUERY)
        self.dismissed.emit()

    def _close_with(self, signal: object) -> None:
        self.hide()
        if signal is not None:
            signal.emit()  # type: ignore[attr-defined]
        self.dismissed.emit()
