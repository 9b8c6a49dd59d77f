"""Name the highlight colours: what each colour means is the analyst's to decide."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


class MeaningFields(QWidget):
    """A swatch and a meaning field per highlight colour: the Name the Colours dialog and the
    Settings dialog's Highlights page are both this."""

    def __init__(
        self, colours: Sequence[tuple[str, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(QLabel("What each colour means (shown in the Notes panel and exports):"))
        self.fields: dict[str, QLineEdit] = {}
        for key, meaning, hex_colour in colours:
            pixmap = QPixmap(16, 16)
            pixmap.fill(QColor(hex_colour))
            swatch = QLabel()
            swatch.setPixmap(QIcon(pixmap).pixmap(16, 16))
            field = QLineEdit(meaning)
            field.setMaxLength(40)
            field.setAccessibleName(f"Meaning of colour {key}")
            self.fields[key] = field
            form.addRow(swatch, field)

    def meanings(self) -> dict[str, str]:
        """The names typed (blank ones are left as they were)."""
        typed = {key: field.text().strip() for key, field in self.fields.items()}
        return {key: text for key, text in typed.items() if text}


class PaletteDialog(QDialog):
    def __init__(
        self, colours: Sequence[tuple[str, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Highlight colours")
        form = QFormLayout(self)
        self.meaning_fields = MeaningFields(colours, self)
        self.fields = self.meaning_fields.fields
        form.addRow(self.meaning_fields)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def meanings(self) -> dict[str, str]:
        return self.meaning_fields.meanings()
