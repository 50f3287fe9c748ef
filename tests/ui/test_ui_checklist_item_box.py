"""A long checklist item wraps inside the panel instead of widening it, and its label
ticks the box like a QCheckBox's own text would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wa_desk.core.guidelines import ChecklistItem
from wa_desk.ui.customer.checklist_panel import ChecklistPanel

LONG = (
    "Confirmed the delivery address, the postcode and a phone number where the courier "
    "can reach the customer on the day of delivery"
)


def test_a_long_item_wraps_to_the_panels_width_and_its_label_ticks_it(
    qapp: QApplication,
) -> None:
    panel = ChecklistPanel()
    panel.show_checklist("c1", [ChecklistItem("address", LONG, required=True)], {})
    panel.resize(260, 400)
    panel.show()
    qapp.processEvents()
    item = panel.boxes["address"]
    assert panel.minimumSizeHint().width() < 260
    assert item.label.width() <= panel.width()
    one_line = item.label.fontMetrics().height()
    assert item.label.height() >= 3 * one_line  # wrapped, every word shown
    assert item.text() == LONG + " *"

    ticks: list[tuple[str, str, bool]] = []
    panel.itemToggled.connect(lambda *args: ticks.append(args))
    QTest.mouseClick(item.label, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert item.isChecked()
    assert ticks == [("c1", "address", True)]
    panel.close()
