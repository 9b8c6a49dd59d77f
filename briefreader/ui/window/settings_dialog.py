"""File › Settings…: the library's folders, how the page looks (theme, which entity types it
marks, reading mode), what each highlight colour means, and the limits the library keeps.

The dialog edits a copy (``SettingsChoices``) and hands it back on OK; the window applies
what changed, through the same paths the menus use, so a setting changed here and one changed
from a menu are one setting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefreader.core.loaders import MAX_BINARY_BYTES, MAX_FILE_BYTES, describe_size
from briefreader.core.storage.settings import THEMES
from briefreader.ui.entities.panel import swatch
from briefreader.ui.reader.entity_types import ENTITY_TYPES
from briefreader.ui.window.palette_dialog import MeaningFields

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


@dataclass
class SettingsChoices:
    """What the dialog shows and gives back; ``colours`` are (key, meaning, hex) triples."""

    folders: list[str]
    theme: str = "system"
    hidden_entity_types: list[str] = field(default_factory=list)
    reading_mode: bool = False
    follow_links_outside: bool = False
    colours: list[tuple[str, str, str]] = field(default_factory=list)


def _ask_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(parent, "Add a folder to this library")


class SettingsDialog(QDialog):
    def __init__(
        self,
        choices: SettingsChoices,
        parent: QWidget | None = None,
        ask_folder: Callable[[QWidget], str] = _ask_folder,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(460)
        self._choices = choices
        self._ask_folder = ask_folder
        self.tabs = QTabWidget()
        self.tabs.addTab(self._library_page(choices), "&Library")
        self.tabs.addTab(self._page_page(choices), "&Page")
        self.meaning_fields = MeaningFields(choices.colours)
        highlights = QWidget()
        highlights_layout = QVBoxLayout(highlights)
        highlights_layout.addWidget(self.meaning_fields)
        highlights_layout.addStretch(1)
        self.tabs.addTab(highlights, "&Highlights")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    # Pages -------------------------------------------------------------------------------
    def _library_page(self, choices: SettingsChoices) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Folders of this library:"))
        self.folder_list = QListWidget()
        self.folder_list.addItems(choices.folders)
        self.folder_list.setAccessibleName("Library folders")
        layout.addWidget(self.folder_list)
        row = QHBoxLayout()
        self.add_button = QPushButton("&Add Folder…")
        self.add_button.clicked.connect(self._add_folder)
        self.remove_button = QPushButton("&Remove Folder")
        self.remove_button.clicked.connect(self._remove_folder)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.follow_box = QCheckBox("Follow symbolic links that lead out of these folders")
        self.follow_box.setChecked(choices.follow_links_outside)
        layout.addWidget(self.follow_box)
        limits = QLabel(
            f"Limits: text, Markdown and HTML files up to {describe_size(MAX_FILE_BYTES)}, "
            f"PDF and Word files up to {describe_size(MAX_BINARY_BYTES)}; larger ones are "
            "skipped, with the reason in the log (Help › Where Is the Log?)."
        )
        limits.setWordWrap(True)
        limits.setObjectName("settingsLimits")
        layout.addWidget(limits)
        self.folder_message = QLabel("")
        self.folder_message.setWordWrap(True)
        layout.addWidget(self.folder_message)
        self.folder_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self._update_buttons()
        return page

    def _page_page(self, choices: SettingsChoices) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.theme_box = QComboBox()
        for mode in THEMES:
            self.theme_box.addItem(THEME_LABELS.get(mode, mode), mode)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(choices.theme)))
        form.addRow("&Theme:", self.theme_box)
        form.addRow(QLabel("Entity types marked on the page:"))
        self.type_boxes: dict[str, QCheckBox] = {}
        hidden = set(choices.hidden_entity_types)
        for kind in ENTITY_TYPES:
            box = QCheckBox(kind.name)
            box.setIcon(swatch(kind.hue))
            box.setChecked(kind.label not in hidden)
            self.type_boxes[kind.label] = box
            form.addRow(box)
        self.reading_box = QCheckBox("&Reading mode: no entity marks at all (Ctrl+Shift+R)")
        self.reading_box.setChecked(choices.reading_mode)
        form.addRow(self.reading_box)
        return page

    # Folders -----------------------------------------------------------------------------
    def folders(self) -> list[str]:
        return [self.folder_list.item(row).text() for row in range(self.folder_list.count())]

    def _add_folder(self) -> None:
        folder = self._ask_folder(self)
        if folder and folder not in self.folders():
            self.folder_list.addItem(folder)
            self.folder_list.setCurrentRow(self.folder_list.count() - 1)
        self._update_buttons()

    def _remove_folder(self) -> None:
        row = self.folder_list.currentRow()
        if row >= 0 and self.folder_list.count() > 1:
            self.folder_list.takeItem(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """A library keeps at least one folder: the last one cannot be removed."""
        count = self.folder_list.count()
        self.remove_button.setEnabled(count > 1 and self.folder_list.currentRow() >= 0)
        self.folder_message.setText(
            "A library needs at least one folder; open another with File › Open Folder."
            if count == 1
            else ""
        )

    def _accept_if_valid(self) -> None:
        if self.folders():
            self.accept()

    # Result ------------------------------------------------------------------------------
    def chosen(self) -> SettingsChoices:
        """The settings as the dialog shows them now."""
        typed = self.meaning_fields.meanings()
        return SettingsChoices(
            folders=self.folders(),
            theme=str(self.theme_box.currentData()),
            hidden_entity_types=[
                label for label, box in self.type_boxes.items() if not box.isChecked()
            ],
            reading_mode=self.reading_box.isChecked(),
            follow_links_outside=self.follow_box.isChecked(),
            colours=[
                (key, typed.get(key, meaning), hue) for key, meaning, hue in self._choices.colours
            ],
        )


def changed_meanings(
    before: Sequence[tuple[str, str, str]], after: Sequence[tuple[str, str, str]]
) -> dict[str, str]:
    """The colours whose meaning the analyst changed, by key."""
    old = {key: meaning for key, meaning, _hue in before}
    return {key: meaning for key, meaning, _hue in after if old.get(key) != meaning}


__all__ = ["SettingsChoices", "SettingsDialog", "changed_meanings"]
