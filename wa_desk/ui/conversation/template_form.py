"""Pick an approved template, fill in its values, and see what the customer will get.

The picker lists each template by its text (body with placeholders) with its name,
language and category, filtered as the agent types. Each value is named by where it
goes: the words around its placeholder and the part it is in (header, body, a button's
link); a named placeholder shows its name. The preview is the message as the customer's
WhatsApp shows it (header, body, footer, buttons), filled in as the agent types, as
plain text: the values are customer-facing data. The template logic is
``wa_desk.core.templates``; this is its face.

When the templates are loaded again (WhatsApp changed them), the one being filled keeps
its values if it can still be sent; if it cannot (paused, disabled, rejected, removed),
the form keeps what the agent typed, says why, and Send waits for another template.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.templates import (
    LOCATION_KINDS,
    Field,
    FieldKind,
    HeaderFormat,
    Part,
    TemplateParams,
    TemplateSpec,
    bad_coordinates,
    bad_links,
    fields,
    missing,
    params_from_values,
    render,
    spec_from,
)
from wa_desk.ui.common import theme
from wa_desk.ui.conversation.template_list import (
    TemplateFilter,
    TemplateListModel,
    TemplateRoles,
    TemplateRowDelegate,
    sendable_specs,
)

_LIST_ROWS = 3  # two-line rows the picker shows at once


def _plain_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TemplatePreview(QFrame):
    """The template as the customer will see it; every text is plain."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Template preview"))
        self.header = _plain_label(self, self.tr("Preview header"))
        bold = QFont(self.header.font())
        bold.setBold(True)
        self.header.setFont(bold)
        self.body = _plain_label(self, self.tr("Preview body"))
        self.footer = _plain_label(self, self.tr("Preview footer"))
        self.buttons = _plain_label(self, self.tr("Preview buttons"))
        self.buttons.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty = _plain_label(self, self.tr("Preview"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height() // 2
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(margin // 2)
        for label in (self.header, self.body, self.footer, self.buttons, self.empty):
            layout.addWidget(label)
        layout.addStretch(1)
        self._recolor()
        self.clear()

    def _recolor(self) -> None:
        c = theme.colors(self.palette())
        for label, color in ((self.footer, c.muted), (self.empty, c.muted), (self.buttons, c.link)):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, color)
            label.setPalette(palette)

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._recolor()

    def clear(self) -> None:
        for label in (self.header, self.body, self.footer, self.buttons):
            label.clear()
            label.setVisible(False)
        self.empty.setText(self.tr("Pick a template to see what the customer will get."))
        self.empty.setVisible(True)

    def show_template(
        self, spec: TemplateSpec, params: TemplateParams, place: tuple[str, str] = ("", "")
    ) -> None:
        """``place``: a location header's name and address as typed so far."""
        shown = render(spec, params)
        self.empty.setVisible(False)
        header = shown.header
        if shown.header_format in (HeaderFormat.IMAGE, HeaderFormat.VIDEO, HeaderFormat.DOCUMENT):
            header = self._media_line(shown.header_format, shown.header_link)
        elif shown.header_format is HeaderFormat.LOCATION:
            header = " · ".join([self.tr("[Location]"), *(p for p in place if p.strip())])
        self._set(self.header, header)
        self._set(self.body, shown.body)
        self._set(self.footer, shown.footer)
        # Marks the usual fonts have (DejaVu, Segoe UI Symbol): "⧉" showed as a box.
        marks = {"URL": "↗", "PHONE_NUMBER": "✆", "COPY_CODE": "❐", "QUICK_REPLY": "↩"}
        lines = [f"{marks.get(b.type, '•')} {b.text}" for b in spec.buttons]
        self._set(self.buttons, "\n".join(lines) or None)

    def _media_line(self, kind: HeaderFormat, link: str | None) -> str:
        if kind is HeaderFormat.IMAGE:
            what = self.tr("[Image]")
        elif kind is HeaderFormat.VIDEO:
            what = self.tr("[Video]")
        else:
            what = self.tr("[Document]")
        return f"{what} {link}" if link else what

    @staticmethod
    def _set(label: QLabel, text: str | None) -> None:
        label.setText(text or "")
        label.setVisible(bool(text))

    def text(self) -> str:
        """Everything shown, one part a line (for tests and screen readers)."""
        parts = (self.header, self.body, self.footer, self.buttons)
        return "\n".join(p.text() for p in parts if not p.isHidden())


class TemplateForm(QWidget):
    changed = Signal()
    submitted = Signal()  # Enter in a value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TemplateListModel(self)
        self.proxy = TemplateFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search templates: words, name or language"))
        self.search.setAccessibleName(self.tr("Search templates"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.picker = QListView(self)
        self.picker.setAccessibleName(self.tr("Templates"))
        self.picker.setModel(self.proxy)
        self.picker.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.picker.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.picker.setItemDelegate(TemplateRowDelegate(self.picker))
        self.picker.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.picker.setUniformItemSizes(True)
        self.picker.setAlternatingRowColors(True)
        self._fit_picker()
        self.picker.selectionModel().currentChanged.connect(self._picked)
        self.preview = TemplatePreview(self)
        self.fields_box = QWidget(self)
        self._fields = QFormLayout(self.fields_box)
        self._fields.setContentsMargins(0, 0, 0, 0)
        self._fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._spec: TemplateSpec | None = None
        # The template being filled can no longer be sent: its status on WhatsApp now
        # ("" when it is no longer listed at all); None while it can.
        self._gone: str | None = None
        self._edits: dict[str, QLineEdit] = {}
        self._field_list: tuple[Field, ...] = ()
        self._all_count = 0

        pick = QVBoxLayout()
        pick.setContentsMargins(0, 0, 0, 0)
        pick.addWidget(self.search)
        pick.addWidget(self.picker)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(pick, 1)
        top.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.fields_box)
        self.fields_box.setVisible(False)

    # -- templates ---------------------------------------------------------------------

    def set_templates(self, templates: list[dict[str, Any]]) -> None:
        """The synced templates. The one being filled stays chosen with the values it
        still has a place for (its text may have changed) while it can be sent; when it
        cannot any more, it stays on screen with the agent's values, and ``problem``
        says why."""
        current, values = self._spec, self.values()
        specs = sendable_specs(templates)
        self._all_count = len(specs)
        self.model.set_specs(specs)
        self._fit_picker()
        if current is None:
            self._show(None)
            return
        key = (current.name, current.language)
        fresh = next((s for s in specs if (s.name, s.language) == key), None)
        if fresh is None:
            listed = [spec_from(t) for t in templates]
            self._gone = next((s.status for s in listed if (s.name, s.language) == key), "")
            self._update_preview()
            return
        self._gone = None
        if fresh != current:
            self._show(fresh)
        self.choose(fresh.name, fresh.language)
        for field_id, value in values.items():
            if field_id in self._edits:
                self._edits[field_id].setText(value)
        self._update_preview()

    def set_opted_out(self, opted_out: bool) -> None:
        """The customer stopped marketing messages (or resumed them): marketing templates
        are marked in the list and, chosen, cannot be sent (``problem`` says why)."""
        self.model.set_opted_out(opted_out)
        self._update_preview()

    def _fit_picker(self) -> None:
        """Whole rows only: a row cut in half reads as a broken list."""
        row = self.picker.sizeHintForRow(0) if self.model.rowCount() else -1
        if row <= 0:
            row = self.fontMetrics().lineSpacing() * 2 + 2
        self.picker.setFixedHeight(row * _LIST_ROWS + 2 * self.picker.frameWidth())

    def choose(self, name: str, language: str) -> bool:
        row = self.model.row_of(name, language)
        if row < 0:
            return False
        self.search.clear()
        index = self.proxy.mapFromSource(self.model.index(row))
        self.picker.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.picker.scrollTo(index)
        if self._spec is None or (self._spec.name, self._spec.language) != (name, language):
            self._show(self.model.spec(row))
        return True

    def current(self) -> TemplateSpec | None:
        return self._spec

    def template_count(self) -> int:
        return self._all_count

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)

    def _picked(self, index: QModelIndex, _previous: QModelIndex) -> None:
        spec = index.data(TemplateRoles.SPEC) if index.isValid() else None
        if isinstance(spec, TemplateSpec) and spec != self._spec:
            self._show(spec)

    # -- values --------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        return {field_id: edit.text() for field_id, edit in self._edits.items()}

    def params(self) -> TemplateParams:
        if self._spec is None:
            return TemplateParams()
        return params_from_values(self._spec, self.values())

    def edit_for(self, field_id: str) -> QLineEdit | None:
        return self._edits.get(field_id)

    def field_labels(self) -> list[str]:
        return [self.field_label(f) for f in self._field_list]

    def problem(self) -> str | None:
        """Why the template cannot be sent yet, in the agent's words; None when it can."""
        spec = self._spec
        if spec is None:
            if self._all_count == 0:
                return self.tr("There are no approved templates to send.")
            return self.tr("Pick a template.")
        if self._gone is not None:
            return self._gone_text(spec.name, self._gone)
        if self.model.refused(spec):
            return self.tr(
                "This customer stopped marketing messages, and “%1” is a marketing "
                "template: it cannot be sent to them. Pick a utility template."
            ).replace("%1", spec.name)
        values = self.values()
        empty = missing(spec, values)
        if len(empty) == 1:
            return self.tr("Fill in “%1”.").replace("%1", self.field_label(empty[0]))
        if empty:
            return self.tr("Fill in “%1” and the other empty values.").replace(
                "%1", self.field_label(empty[0])
            )
        if bad_links(spec, values):
            return self.tr("The header's link must be a web address that starts with https://")
        for f in bad_coordinates(spec, values):
            if f.kind is FieldKind.LATITUDE:
                return self.tr("The latitude must be a number from -90 to 90, such as 40.4168.")
            return self.tr("The longitude must be a number from -180 to 180, such as -3.7038.")
        return None

    def _gone_text(self, name: str, status: str) -> str:
        """Why the template on screen can no longer be sent, by its status on WhatsApp."""
        if status == "PAUSED":
            text = self.tr(
                "WhatsApp has paused “%1”, so it cannot be sent for now. Pick another template."
            )
        elif status == "DISABLED":
            text = self.tr(
                "WhatsApp has disabled “%1”: it can no longer be sent. Pick another template."
            )
        elif status == "REJECTED":
            text = self.tr("WhatsApp has rejected “%1”: it cannot be sent. Pick another template.")
        elif not status:
            text = self.tr(
                "“%1” is no longer among the WhatsApp templates, so it cannot be sent. "
                "Pick another template."
            )
        else:
            text = self.tr(
                "“%1” is no longer approved on WhatsApp, so it cannot be sent. "
                "Pick another template."
            )
        return text.replace("%1", name)

    def unavailable(self) -> bool:
        """Whether the template on screen can no longer be sent (to this customer)."""
        spec = self._spec
        return self._gone is not None or (spec is not None and self.model.refused(spec))

    def is_complete(self) -> bool:
        return self.problem() is None

    def clear(self) -> None:
        """Back to nothing chosen: no values, no preview, the whole list."""
        self.search.clear()
        self.picker.selectionModel().clear()
        self._show(None)

    def restore(self, name: str, language: str, params: dict[str, Any]) -> bool:
        """The values of a send the app could not record, back in the form."""
        if self._spec is not None or not self.choose(name, language):
            return False
        given = TemplateParams.from_json(params)
        header, body = iter(given.header), iter(given.body)
        buttons = dict(given.buttons)
        place = given.header_location
        for f in self._field_list:
            if f.kind is FieldKind.MEDIA_LINK:
                value = given.header_link or ""
            elif f.kind in LOCATION_KINDS:
                value = "" if place is None else str(place.to_json()[f.kind.value])
            elif f.part is Part.HEADER:
                value = next(header, "")
            elif f.part is Part.BODY:
                value = next(body, "")
            else:
                value = buttons.get(f.button_index or 0, "")
            self._edits[f.id].setText(value)
        return True

    # -- building the fields -------------------------------------------------------------

    def field_label(self, f: Field) -> str:
        """A value's name: its part and the words around it, or its placeholder's name."""
        where = f.key if f.named else f.context
        if f.kind is FieldKind.MEDIA_LINK:
            if f.key == "image":
                return self.tr("Header image link")
            if f.key == "video":
                return self.tr("Header video link")
            return self.tr("Header document link")
        if f.kind is FieldKind.LATITUDE:
            return self.tr("Header location: latitude")
        if f.kind is FieldKind.LONGITUDE:
            return self.tr("Header location: longitude")
        if f.kind is FieldKind.PLACE_NAME:
            return self.tr("Header location: place name")
        if f.kind is FieldKind.ADDRESS:
            return self.tr("Header location: address")
        if f.kind is FieldKind.COUPON_CODE:
            return self.tr("Button “%1”: code").replace("%1", f.button_text or "")
        if f.part is Part.HEADER:
            return self.tr("Header: %1").replace("%1", where)
        if f.part is Part.BODY:
            return self.tr("Body: %1").replace("%1", where)
        return (
            self.tr("Button “%1” link: %2").replace("%1", f.button_text or "").replace("%2", where)
        )

    def _show(self, spec: TemplateSpec | None) -> None:
        # Deleted later, not now: Enter in a value sends and clears the form from inside
        # that value's own key event.
        while self._fields.rowCount():
            row = self._fields.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self._edits = {}
        self._spec = spec
        self._gone = None
        self._field_list = fields(spec) if spec is not None else ()
        for f in self._field_list:
            label = self.field_label(f)
            edit = QLineEdit(self.fields_box)
            edit.setMaxLength(f.max_length)
            edit.setAccessibleName(label)
            if f.kind is FieldKind.MEDIA_LINK:
                edit.setPlaceholderText("https://…")
            elif f.kind is FieldKind.LATITUDE:
                edit.setPlaceholderText("40.4168")
            elif f.kind is FieldKind.LONGITUDE:
                edit.setPlaceholderText("-3.7038")
            elif f.named:
                edit.setPlaceholderText(f.context)
            edit.textChanged.connect(self._update_preview)
            edit.returnPressed.connect(self.submitted)
            text = QLabel(label, self.fields_box)
            text.setTextFormat(Qt.TextFormat.PlainText)  # template text is not markup
            text.setBuddy(edit)
            self._fields.addRow(text, edit)
            self._edits[f.id] = edit
        self.fields_box.setVisible(bool(self._field_list))
        self._update_preview()

    def _update_preview(self) -> None:
        if self._spec is None:
            self.preview.clear()
        else:
            values = self.values()
            place = (values.get("header:name", ""), values.get("header:address", ""))
            self.preview.show_template(self._spec, self.params(), place)
        self.changed.emit()
