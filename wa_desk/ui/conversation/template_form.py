"""Pick an approved template and fill in its parameters; shows what the customer gets."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

_PLACEHOLDER = re.compile(r"\{\{\s*(\d+)\s*\}\}")


def fill_template(body: str, params: list[str]) -> str:
    """The template body with ``{{n}}`` replaced by parameter n (1-based) when given."""

    def sub(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return params[n - 1] if 0 < n <= len(params) and params[n - 1] else match.group(0)

    return _PLACEHOLDER.sub(sub, body)


class TemplateForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._templates: list[dict[str, Any]] = []
        self.picker = QComboBox(self)
        self.picker.setAccessibleName(self.tr("Template"))
        self.picker.currentIndexChanged.connect(self._template_chosen)
        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("Template preview"))
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.preview.setMargin(self.fontMetrics().height() // 3)
        self._fields = QFormLayout()
        self._header_edits: list[QLineEdit] = []
        self._body_edits: list[QLineEdit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addWidget(self.preview)
        layout.addLayout(self._fields)

    def set_templates(self, templates: list[dict[str, Any]]) -> None:
        current = self.current()
        self._templates = [t for t in templates if (t.get("status") or "APPROVED") == "APPROVED"]
        self.picker.blockSignals(True)
        self.picker.clear()
        for t in self._templates:
            self.picker.addItem(f"{t.get('name', '')} ({t.get('language', '')})")
        self.picker.blockSignals(False)
        keep = 0
        if current is not None:
            for i, t in enumerate(self._templates):
                if (t.get("name"), t.get("language")) == (
                    current.get("name"),
                    current.get("language"),
                ):
                    keep = i
        self.picker.setCurrentIndex(keep if self._templates else -1)
        self._template_chosen(self.picker.currentIndex())

    def current(self) -> dict[str, Any] | None:
        i = self.picker.currentIndex()
        return self._templates[i] if 0 <= i < len(self._templates) else None

    def params(self) -> dict[str, list[str]]:
        return {
            "body_params": [e.text().strip() for e in self._body_edits],
            "header_params": [e.text().strip() for e in self._header_edits],
        }

    def is_complete(self) -> bool:
        return self.current() is not None and all(
            e.text().strip() for e in (*self._body_edits, *self._header_edits)
        )

    def _template_chosen(self, _index: int) -> None:
        while self._fields.rowCount():
            self._fields.removeRow(0)
        self._header_edits, self._body_edits = [], []
        template = self.current()
        if template is None:
            self.preview.setText(self.tr("No approved templates are available."))
            self.changed.emit()
            return
        for n in range(int(template.get("header_parameters") or 0)):
            edit = self._new_edit(self.tr("Header %1").replace("%1", str(n + 1)), 60)
            self._header_edits.append(edit)
        for n in range(int(template.get("body_parameters") or 0)):
            edit = self._new_edit(self.tr("Parameter %1").replace("%1", str(n + 1)), 1024)
            self._body_edits.append(edit)
        self._update_preview()

    def _new_edit(self, label: str, max_length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(max_length)
        edit.setAccessibleName(label)
        edit.textChanged.connect(self._update_preview)
        self._fields.addRow(label, edit)
        return edit

    def _update_preview(self) -> None:
        template = self.current()
        if template is not None:
            body = str(template.get("body") or "")
            self.preview.setText(fill_template(body, self.params()["body_params"]))
        self.changed.emit()
