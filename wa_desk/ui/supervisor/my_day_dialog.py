""" "My day": an agent's own figures over a range (today by default), the very ones a
supervisor sees about them in a report by agent. Displays only; ``MyDayController``
fetches them.

Outputs (signals):
    figuresRequested()   first shown, the range changed, or "Refresh"
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wa_desk.ui.common.timefmt import format_full, parse_ms
from wa_desk.ui.supervisor.range_picker import RangePicker
from wa_desk.ui.supervisor.report_figures import EMPTY, FIGURES, Figure, format_figure
from wa_desk.ui.supervisor.report_range import DayRange, RangePreset

_BY_KEY = {f.key: f for f in FIGURES}


def _sections() -> list[tuple[str, tuple[str, ...]]]:
    return [
        (
            QCoreApplication.translate("MyDayDialog", "Conversations"),
            (
                "conversations",
                "closed",
                "periods",
                "transfers",
                "transfers_per_conversation",
                "take_overs",
                "occupancy_percent",
            ),
        ),
        (
            QCoreApplication.translate("MyDayDialog", "Response times"),
            (
                "first_response_median_ms",
                "first_response_median_business_ms",
                "next_response_median_ms",
                "next_response_median_business_ms",
                "resolution_median_ms",
                "resolution_median_business_ms",
                "handle_median_ms",
                "handle_median_business_ms",
            ),
        ),
        (
            QCoreApplication.translate("MyDayDialog", "Service level"),
            (
                "sla_percent",
                "sla_met",
                "sla_breached",
                "sla_running",
                "abandoned",
                "short_abandoned",
            ),
        ),
        (
            QCoreApplication.translate("MyDayDialog", "Customers and guidelines"),
            (
                "first_contact_resolution_percent",
                "first_contact_resolution_known",
                "repeat_contact_24h_percent",
                "repeat_contact_72h_percent",
                "sends",
                "blocks_per_100_sends",
                "overrides_per_100_sends",
                "canned_replies_per_100_sends",
                "checklist_ticked_percent",
            ),
        ),
        (
            QCoreApplication.translate("MyDayDialog", "Promises"),
            (
                "promises_made",
                "promises_kept_on_time",
                "promises_kept_late",
                "promises_broken",
                "promises_overdue",
                "closed_with_open_promise_percent",
            ),
        ),
        (
            QCoreApplication.translate("MyDayDialog", "Customer satisfaction"),
            (
                "csat_percent",
                "csat_average_rating",
                "csat_responses",
                "csat_surveys",
                "csat_response_percent",
            ),
        ),
    ]


class MyDayDialog(QDialog):
    figuresRequested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("My day"))
        self.range = RangePicker(self, preset=RangePreset.TODAY, today=today)
        self.refresh = QPushButton(self.tr("Refresh"), self)
        self.refresh.setAutoDefault(False)  # Enter does not fetch again; Close is the default
        top = QHBoxLayout()
        top.addWidget(self.range)
        top.addStretch(1)
        top.addWidget(self.refresh)
        self.state = QLabel(self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "Your own figures over the conversations you held, the same your "
                "supervisor sees about you."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        self._values: dict[str, QLabel] = {}
        self._shown: dict[str, Any] = {}
        grid = QGridLayout()
        for n, (title, keys) in enumerate(_sections()):
            box = QGroupBox(title, self)
            form = QFormLayout(box)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
            form.setHorizontalSpacing(self.fontMetrics().height() * 2)
            for key in keys:
                figure: Figure = _BY_KEY[key]
                name = QLabel(figure.title(), box)
                name.setToolTip(figure.meaning())
                value = QLabel(EMPTY, box)
                value.setTextFormat(Qt.TextFormat.PlainText)
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setToolTip(figure.meaning())
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                form.addRow(name, value)
                self._values[key] = value
            grid.addWidget(box, n // 2, n % 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addWidget(self.state)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self._shown_once = False
        self.range.rangeChanged.connect(self.figuresRequested)
        self.refresh.clicked.connect(self._refresh)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.figuresRequested.emit()

    def _refresh(self) -> None:
        self.range.follow_today()  # "Today" is today still, after midnight too
        self.figuresRequested.emit()

    def days(self) -> DayRange:
        return self.range.days()

    # -- showing the figures ----------------------------------------------------------------

    def show_loading(self) -> None:
        self.state.setText(self.tr("Loading your figures…"))

    def show_figures(self, figures: dict[str, Any] | None, taken_at: str | None) -> None:
        """The hub's figures (None: nothing held in the range, every figure empty)."""
        self._shown = dict(figures or {})
        for key, label in self._values.items():
            label.setText(format_figure(_BY_KEY[key].unit, self._shown.get(key)))
        taken = parse_ms(taken_at)
        if figures is None:
            self.state.setText(self.tr("You held no conversation opened in this range."))
        elif taken is not None:
            self.state.setText(self.tr("Figures as of %1").replace("%1", format_full(taken)))

    def show_failure(self, text: str) -> None:
        self.state.setText(text)

    def shown_values(self) -> dict[str, Any]:
        """The hub's value of every figure on screen (None where it reads "—")."""
        return {key: self._shown.get(key) for key in self._values}

    def shown_texts(self) -> dict[str, str]:
        return {key: label.text() for key, label in self._values.items()}
