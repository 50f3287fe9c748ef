"""Change an agent's status or capacity from the wallboard: what the supervisor changed,
and nothing else, is what the hub is asked to set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

from wa_desk.client.supervisor_api import KEEP, _Keep
from wa_desk.core.agents import MAX_CAPACITY, AgentStatus
from wa_desk.ui.common.labels import agent_statuses
from wa_desk.ui.common.plain_text import isolated


@dataclass(frozen=True)
class AgentChange:
    """``status`` None: left as it is; ``capacity`` ``KEEP``: left as it is, None: the
    policy's again."""

    status: AgentStatus | None
    capacity: int | _Keep | None

    def is_empty(self) -> bool:
        return self.status is None and isinstance(self.capacity, _Keep)


class ChangeAgentDialog(QDialog):
    def __init__(self, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        name = str(row.get("name") or "")
        self.setWindowTitle(self.tr("Change %1").replace("%1", isolated(name)))
        heading = QLabel(self.tr("Status and capacity of %1").replace("%1", isolated(name)), self)
        heading.setWordWrap(True)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for code, label in agent_statuses().items():
            self.status.addItem(label, code)
        self.status.setCurrentIndex(max(0, self.status.findData(row.get("status"))))
        self.capacity = QSpinBox(self)
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setValue(max(1, int(row.get("capacity") or 1)))
        self.capacity.setAccessibleName(self.tr("Capacity"))
        self.capacity.setSuffix(self.tr(" conversations"))
        self.policy_capacity = QCheckBox(self.tr("The policy's capacity"), self)
        self.policy_capacity.setToolTip(
            self.tr("Forget this agent's own capacity: the policy's applies again.")
        )
        self.policy_capacity.toggled.connect(lambda on: self.capacity.setEnabled(not on))
        form = QFormLayout()
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Capacity"), self.capacity)
        form.addRow("", self.policy_capacity)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(self.tr("Change"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def change(self) -> AgentChange:
        status = str(self.status.currentData())
        new_status = None if status == self.row.get("status") else AgentStatus(status)
        capacity: int | _Keep | None = KEEP
        if self.policy_capacity.isChecked():
            capacity = None
        elif self.capacity.value() != self.row.get("capacity"):
            capacity = self.capacity.value()
        return AgentChange(new_status, capacity)
