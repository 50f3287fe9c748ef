"""Transfer a conversation to an agent or to a queue, with a note for whoever takes it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wa_desk.ui.common.labels import agent_status
from wa_desk.ui.common.names import user_name
from wa_desk.ui.common.plain_text import isolated


class TransferDialog(QDialog):
    def __init__(
        self, agents: list[dict[str, Any]], queues: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer conversation"))
        self.to_agent = QRadioButton(self.tr("To an agent"), self)
        self.to_queue = QRadioButton(self.tr("To a queue"), self)
        group = QButtonGroup(self)
        group.addButton(self.to_agent)
        group.addButton(self.to_queue)
        self.agent = QComboBox(self)
        self.agent.setAccessibleName(self.tr("Agent"))
        self._fill_agents(agents)
        self.queue = QComboBox(self)
        self.queue.setAccessibleName(self.tr("Queue"))
        for q in queues:
            self.queue.addItem(q, q)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("What the next person should know"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + self.fontMetrics().height())
        form = QFormLayout()
        form.addRow(self.to_agent, self.agent)
        form.addRow(self.to_queue, self.queue)
        form.addRow(self.tr("Note"), self.note)
        # Shown once the conversation's open promises are known (none: never shown).
        self.hand_promises = QCheckBox(self)
        self.hand_promises.setChecked(True)
        self.hand_promises.hide()
        form.addRow(self.hand_promises)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(
            self.tr("Transfer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.to_agent.toggled.connect(self._update)
        self.to_queue.toggled.connect(self._update)
        (self.to_queue if queues or not agents else self.to_agent).setChecked(True)
        self._update()

    def set_agents(self, agents: list[dict[str, Any]]) -> None:
        """Statuses changed while the dialog is open: the list follows, the choice stays."""
        chosen = self.agent.currentData()
        self.agent.clear()
        self._fill_agents(agents)
        index = self.agent.findData(chosen)
        if index >= 0:
            self.agent.setCurrentIndex(index)
        self._update()

    def _fill_agents(self, agents: list[dict[str, Any]]) -> None:
        for a in agents:
            status = a.get("status")
            label = isolated(user_name(a))
            shown = f"{label} ({agent_status(str(status))})" if status else label
            self.agent.addItem(shown, a.get("id"))

    def set_open_promises(self, count: int) -> None:
        """Offer to hand the conversation's open promises to the agent it goes to."""
        # Two sentences, not a %n plural: English (the source) loads no translator.
        self.hand_promises.setText(
            self.tr("Also hand over its open promise to that agent")
            if count == 1
            else self.tr("Also hand over its %1 open promises to that agent").replace(
                "%1", str(count)
            )
        )
        self.hand_promises.setVisible(count > 0)
        self._update()

    def hands_promises(self) -> bool:
        """Whether the open promises go with it (only to an agent)."""
        return (
            not self.hand_promises.isHidden()  # offered (the dialog itself may be closed)
            and self.hand_promises.isEnabled()
            and self.hand_promises.isChecked()
        )

    def _update(self) -> None:
        self.hand_promises.setEnabled(self.to_agent.isChecked())
        self.agent.setEnabled(self.to_agent.isChecked())
        self.queue.setEnabled(self.to_queue.isChecked())
        target = self.agent if self.to_agent.isChecked() else self.queue
        self.ok.setEnabled(target.count() > 0)

    def target(self) -> tuple[str | None, str | None, str]:
        """(to_user, to_queue, note): exactly one of the first two is set."""
        note = self.note.toPlainText().strip()
        if self.to_agent.isChecked():
            return str(self.agent.currentData()), None, note
        return None, str(self.queue.currentData()), note
