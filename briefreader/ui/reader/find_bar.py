"""The find-in-document bar (Ctrl+F): a field, match count, previous/next and options.

It only collects what to look for; the reader panel runs ``core.find`` over the canonical text.
Signals: ``changed()`` when the text or an option changes, ``step(int)`` for next (+1) and
previous (-1), ``closed()`` when Escape or the close button dismisses it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)


class _FindField(QLineEdit):
    """Enter finds the next match, Shift+Enter the previous; Escape closes the bar."""

    step = Signal(int)
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step.emit(-1 if shift else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    changed = Signal()
    step = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = _FindField()
        self.field.setPlaceholderText("Find in this document")
        self.field.setClearButtonEnabled(True)
        self.count_label = QLabel("")
        self.count_label.setObjectName("findCount")
        self.count_label.setMinimumWidth(90)
        self.previous_button = QToolButton()
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (Enter)")
        self.case_box = QCheckBox("Match case")
        self.word_box = QCheckBox("Whole words")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Escape)")
        self.close_button.setAutoRaise(True)
        for widget in (self.previous_button, self.next_button, self.close_button):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(6)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.case_box)
        layout.addWidget(self.word_box)
        layout.addWidget(self.close_button)
        self.field.textChanged.connect(lambda _text: self.changed.emit())
        self.case_box.toggled.connect(lambda _on: self.changed.emit())
        self.word_box.toggled.connect(lambda _on: self.changed.emit())
        self.field.step.connect(self.step.emit)
        self.field.escape.connect(self.closed.emit)
        self.previous_button.clicked.connect(lambda: self.step.emit(-1))
        self.next_button.clicked.connect(lambda: self.step.emit(1))
        self.close_button.clicked.connect(self.closed.emit)

    @property
    def text(self) -> str:
        return self.field.text()

    @property
    def match_case(self) -> bool:
        return self.case_box.isChecked()

    @property
    def whole_word(self) -> bool:
        return self.word_box.isChecked()

    def open(self, initial: str = "") -> None:
        """Show the bar and put the cursor in its field, text selected for retyping."""
        if initial:
            self.field.setText(initial)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_count(self, current: int, total: int, truncated: bool = False) -> None:
        if not self.text:
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText("No matches")
        else:
            more = "+" if truncated else ""
            self.count_label.setText(f"{current + 1} of {total}{more}")
