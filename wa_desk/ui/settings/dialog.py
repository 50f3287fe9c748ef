"""Edits the declared settings; widgets are built from the declarations. Settings IT has
locked are shown with their value, disabled, and say who set them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wa_desk.ui.common import theme
from wa_desk.ui.settings import settings as s


class SettingsDialog(QDialog):
    def __init__(self, settings: s.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self._editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for setting in s.EDITABLE:
            editor = self._editor(setting)
            editor.setAccessibleName(setting.title())
            locked = settings.is_locked(setting)
            description = setting.description()
            if locked:
                description = self.locked_text() + " " + description
            editor.setToolTip(self.locked_text() if locked else description)
            editor.setEnabled(not locked)
            self._editors[setting.key] = editor
            form.addRow(setting.title(), editor)
            hint = QLabel(description, self)
            hint.setWordWrap(True)
            # Under its setting, not floating in the middle of the height the wrapped
            # text may take at a narrower width.
            hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            # Quieter than the setting, still legible (a disabled label is not, in light).
            theme.follow(hint, QPalette.ColorRole.WindowText, lambda c: c.muted)
            form.addRow("", hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def locked_text(self) -> str:
        return self.tr("Set by your IT department.")

    def _choice_title(self, code: str) -> str:
        """A choice as the agent reads it; languages in their own language."""
        return {
            "system": self.tr("System"),
            "es": "Español",
            "en": "English",
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }.get(code, code)

    def _editor(self, setting: s.Setting[Any]) -> QWidget:
        value = self.settings.get(setting)
        if setting.choices:
            combo = QComboBox(self)
            for choice in setting.choices:
                combo.addItem(self._choice_title(choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.type is bool:
            box = QCheckBox(self.tr("On"), self)
            box.setChecked(bool(value))
            return box
        if setting.type is int:
            spin = QSpinBox(self)
            spin.setRange(setting.minimum or 0, setting.maximum or 999)
            spin.setSpecialValueText(self.tr("System"))
            spin.setValue(int(value))
            return spin
        raise TypeError(f"no editor for {setting.key}")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for setting in s.EDITABLE:
            editor = self._editors[setting.key]
            if isinstance(editor, QComboBox):
                out[setting.key] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                out[setting.key] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                out[setting.key] = editor.value()
        return out

    def accept(self) -> None:
        values = self.values()
        for setting in s.EDITABLE:
            if not self.settings.is_locked(setting):
                self.settings.set(setting, values[setting.key])
        self.settings.sync()
        super().accept()
