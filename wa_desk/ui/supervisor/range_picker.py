"""Picks a report's days: a preset (today, yesterday, the last 7 days, this month) or a
first and last day by hand. One ``rangeChanged`` per choice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from wa_desk.ui.supervisor.report_range import DayRange, RangePreset, preset_range


def _to_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def _to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class RangePicker(QWidget):
    rangeChanged = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        preset: RangePreset = RangePreset.TODAY,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.preset = QComboBox(self)
        self.preset.setAccessibleName(self.tr("Period"))
        for value, title in (
            (RangePreset.TODAY, self.tr("Today")),
            (RangePreset.YESTERDAY, self.tr("Yesterday")),
            (RangePreset.LAST_7_DAYS, self.tr("Last 7 days")),
            (RangePreset.THIS_MONTH, self.tr("This month")),
            (RangePreset.CUSTOM, self.tr("Custom")),
        ):
            self.preset.addItem(title, value.value)
        self.first = QDateEdit(self)
        self.last = QDateEdit(self)
        for edit, name in ((self.first, self.tr("From")), (self.last, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
        self.first.setToolTip(self.tr("First day"))
        self.last.setToolTip(self.tr("Last day (included)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preset)
        layout.addWidget(self.first)
        layout.addWidget(QLabel("–", self))
        layout.addWidget(self.last)
        self.set_preset(preset)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.first.dateChanged.connect(lambda _d: self._days_edited(self.first))
        self.last.dateChanged.connect(lambda _d: self._days_edited(self.last))

    def days(self) -> DayRange:
        return DayRange(_to_date(self.first.date()), _to_date(self.last.date()))

    def current_preset(self) -> RangePreset:
        return RangePreset(self.preset.currentData())

    def set_preset(self, preset: RangePreset) -> None:
        """Show ``preset`` (its days as of today); announced like a choice."""
        self.preset.setCurrentIndex(self.preset.findData(preset.value))
        self._show_days(preset_range(preset, self._today()))

    def follow_today(self) -> None:
        """A preset's days as of today again (the app may have stayed open past
        midnight); custom days stay as picked. Not announced: the caller asks anew."""
        self._show_days(preset_range(self.current_preset(), self._today()))

    def set_days(self, days: DayRange) -> None:
        """Show these days, as a custom range."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(RangePreset.CUSTOM.value))
        self.preset.blockSignals(False)
        self._show_days(days)
        self.rangeChanged.emit()

    def _preset_chosen(self) -> None:
        days = preset_range(self.current_preset(), self._today())
        if days is not None:
            self._show_days(days)
            self.rangeChanged.emit()

    def _show_days(self, days: DayRange | None) -> None:
        today = _to_qdate(self._today())
        for edit in (self.first, self.last):
            edit.setMaximumDate(today)
        if days is None:
            return
        for edit, day in ((self.first, days.first), (self.last, days.last)):
            edit.blockSignals(True)
            edit.setDate(_to_qdate(day))
            edit.blockSignals(False)

    def _days_edited(self, edited: QDateEdit) -> None:
        # The first day never after the last: the other end follows.
        if self.first.date() > self.last.date():
            other = self.last if edited is self.first else self.first
            other.blockSignals(True)
            other.setDate(edited.date())
            other.blockSignals(False)
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(RangePreset.CUSTOM.value))
        self.preset.blockSignals(False)
        self.rangeChanged.emit()
