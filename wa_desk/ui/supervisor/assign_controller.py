"""A lead hands conversations to an agent of their queue: one from the conversation pane,
or those an agent holds, from the wallboard's row. Each goes to the hub on its own
(``POST /api/v1/supervisor/conversations/{id}/assign``, its own idempotency key), straight
from the dialog rather than through the outbox: the lead decides on who has room now, so a
hand-over that could not reach the hub is said at once, not carried out later. Those the
hub refuses are said by their cause; the others stay done."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QWidget

from wa_desk.client.errors import HubError, Refused, ServerError, SessionExpired
from wa_desk.core.conversation import Refusal
from wa_desk.core.ids import uuid7
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.app.session import Session
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.common.names import contact_name, phone_number, profile_name
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.agent_model import AgentColumn, AgentModel
from wa_desk.ui.supervisor.assign_dialog import AssignDialog
from wa_desk.ui.supervisor.assignee_model import Assignee, assignees

UNREACHABLE = "unreachable"  # the cause of a hand-over that did not reach the hub
PAGE = 100  # an agent's conversations a page


def conversation_label(conversation: Mapping[str, Any]) -> str:
    """A conversation as the lead recognises it: the customer (and their number, as two
    customers may go by the same name), and its queue."""
    contact = conversation.get("contact") or {}
    parts = [isolated(contact_name(contact))]
    if profile_name(contact):
        parts.append(phone_number(contact))
    parts.append(str(conversation.get("queue") or ""))
    return " · ".join(p for p in parts if p)


class AssignController(QObject):
    # The ids handed over, and {id: cause} of those that were not.
    handedOver = Signal(list, dict)

    def __init__(self, session: Session, parent: QWidget, board: AgentModel | None = None) -> None:
        """``board``: the wallboard's agents, for how many conversations each holds."""
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._board = board
        self.dialog: AssignDialog | None = None  # the one open, if any
        # Whom the open dialog lists: the hub's agents as the stream keeps them, the
        # queues it is about and who is left out. It follows their statuses and loads.
        self._agents_seen: list[dict[str, Any]] = []
        self._listing: tuple[set[str], set[str]] = (set(), set())
        self._connections = Connections()
        if board is not None:
            # Not at every tick of the board's clock: only when someone's load changed.
            self._connections.connect(board.dataChanged, self._board_changed)
            for signal in (board.rowsInserted, board.modelReset):
                self._connections.connect(signal, self._relist)
        session.router.subscribe([StreamEventKind.AGENT_STATUS], self._on_status)

    def close(self) -> None:
        self._connections.disconnect_all()
        self._session.unsubscribe_owner(self)
        if self.dialog is not None:
            self.dialog.reject()

    # -- asking -------------------------------------------------------------------------

    def ask_for_conversation(self, conversation: dict[str, Any]) -> None:
        self._session.spawn(self._ask_for_conversation(dict(conversation)), "assign")

    def ask_for_agent(self, row: dict[str, Any]) -> None:
        self._session.spawn(self._ask_for_agent(dict(row)), "reassign")

    async def _ask_for_conversation(self, conversation: dict[str, Any]) -> None:
        agents = await self._agents()
        if agents is None:
            return
        holder = conversation.get("assignee")
        listing = ({str(conversation.get("queue") or "")}, {str(holder)} if holder else set())
        candidates = assignees(agents, listing[0], self._load(), leave_out=listing[1])
        heading = self.tr("Hand the conversation with %1 to an agent of queue %2.")
        heading = heading.replace(
            "%1", isolated(contact_name(conversation.get("contact") or {}))
        ).replace("%2", str(conversation.get("queue") or ""))
        labels = {str(conversation["id"]): conversation_label(conversation)}
        dialog = self._open(AssignDialog(heading, candidates, self._parent), agents, listing)
        dialog.accepted.connect(lambda: self._chosen(dialog, list(labels), labels))

    async def _ask_for_agent(self, row: dict[str, Any]) -> None:
        agent_id = str(row["id"])
        name = str(row.get("name") or "")
        try:
            held = await self._held_by(agent_id)
        except HubError as exc:
            self._session.report(exc)
            return
        agents = await self._agents()
        if agents is None:
            return
        if not held:
            self._session.problem.emit(
                ProblemKind.REFUSED,
                self.tr("%1 holds no open conversation now.").replace("%1", isolated(name)),
            )
            return
        labels = {str(c["id"]): conversation_label(c) for c in held}
        queues = {str(c.get("queue") or "") for c in held}
        candidates = assignees(agents, queues, self._load(), leave_out={agent_id})
        heading = self.tr("Hand conversations that %1 holds to another agent.").replace(
            "%1", isolated(name)
        )
        dialog = self._open(
            AssignDialog(heading, candidates, self._parent, conversations=list(labels.items())),
            agents,
            (queues, {agent_id}),
        )
        dialog.accepted.connect(lambda: self._chosen(dialog, dialog.chosen_conversations(), labels))

    def _open(
        self, dialog: AssignDialog, agents: list[dict[str, Any]], listing: tuple[set[str], set[str]]
    ) -> AssignDialog:
        if self.dialog is not None:
            self.dialog.reject()  # one at a time: the newer request replaces it
        self.dialog = dialog
        self._agents_seen = agents
        self._listing = listing

        def gone() -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(gone)
        dialog.open()
        return dialog

    def _chosen(self, dialog: AssignDialog, ids: list[str], labels: dict[str, str]) -> None:
        chosen = dialog.chosen()
        if chosen is not None and ids:
            self._session.spawn(self.assign(ids, chosen, labels), "assign")

    def _on_status(self, events: list[StreamEvent]) -> None:
        """An agent's status changed (a whole ``GET /api/v1/agents`` item)."""
        if self.dialog is None:
            return
        agents = {str(a.get("id")): a for a in self._agents_seen}
        for _kind, agent in events:
            if agent.get("id") and str(agent["id"]) in agents:
                agents[str(agent["id"])] = agent
        self._agents_seen = list(agents.values())
        self._relist()

    def _board_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: object) -> None:
        if top_left.column() <= AgentColumn.LOAD <= bottom_right.column():
            self._relist()

    def _relist(self, *_: object) -> None:
        if self.dialog is not None:
            queues, leave_out = self._listing
            self.dialog.set_assignees(
                assignees(self._agents_seen, queues, self._load(), leave_out=leave_out)
            )

    async def _agents(self) -> list[dict[str, Any]] | None:
        try:
            return await self._session.api.agents()
        except HubError as exc:
            self._session.report(exc)
            return None

    async def _held_by(self, agent_id: str) -> list[dict[str, Any]]:
        """The open conversations ``agent_id`` holds, from the hub."""
        held: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            page = await self._session.api.conversations(
                state="assigned", assigned=agent_id, cursor=cursor, limit=PAGE
            )
            held.extend(page.items)
            cursor = page.next
            if not cursor:
                return held

    def _load(self) -> dict[str, dict[str, Any]]:
        """The wallboard's row of each agent (how many they hold), where it has them."""
        board = self._board
        if board is None:
            return {}
        rows = (board.row_at(i) for i in range(board.rowCount()))
        return {str(r.get("id")): r for r in rows}

    # -- handing over ---------------------------------------------------------------------

    async def assign(
        self, conversation_ids: list[str], to: Assignee, labels: Mapping[str, str]
    ) -> dict[str, str]:
        """Each conversation to ``to``, one request each; {id: cause} of those that were
        not handed over (the others are), said to the lead."""
        done: list[str] = []
        failed: dict[str, str] = {}
        for conversation_id in conversation_ids:
            try:
                await self._session.supervisor.assign(conversation_id, to.id, key=uuid7())
            except Refused as exc:
                failed[conversation_id] = exc.code
            except SessionExpired as exc:
                self._session.report(exc)  # the sign-in asks again; the rest wait for it
                break
            except ServerError:
                failed[conversation_id] = "server_error"
            except HubError:  # unreachable, its certificate refused
                failed[conversation_id] = UNREACHABLE
            else:
                done.append(conversation_id)
        if failed:
            self._session.problem.emit(
                ProblemKind.REFUSED, self.failure_text(conversation_ids, failed, to, labels)
            )
        self.handedOver.emit(done, failed)
        return failed

    def cause_text(self, cause: str, to: Assignee) -> str:
        words = {
            Refusal.CLOSED.value: self.tr("Closed meanwhile"),
            Refusal.ALREADY_ASSIGNED.value: self.tr("Changed hands meanwhile"),
            Refusal.NO_TARGET.value: self.tr(
                "%1 is not an agent of its queue any more, or cannot sign in"
            ).replace("%1", isolated(to.name)),
            Refusal.NOT_VISIBLE.value: self.tr("No longer in your queues"),
            UNREACHABLE: self.tr("The server could not be reached"),
        }
        return words.get(cause) or refusal_text(cause)

    def failure_text(
        self,
        asked: list[str],
        failed: Mapping[str, str],
        to: Assignee,
        labels: Mapping[str, str],
    ) -> str:
        """Which were not handed over, grouped by why."""
        name = isolated(to.name)
        if len(asked) == 1:
            (cause,) = failed.values()
            return (
                self.tr("The conversation was not assigned to %1. %2.")
                .replace("%1", name)
                .replace("%2", self.cause_text(cause, to))
            )
        by_cause: dict[str, list[str]] = {}
        for conversation_id, cause in failed.items():
            by_cause.setdefault(cause, []).append(labels.get(conversation_id, conversation_id))
        head = (
            self.tr("%1 of %2 conversations were not handed to %3.")
            .replace("%1", str(len(failed)))
            .replace("%2", str(len(asked)))
            .replace("%3", name)
        )
        parts = [
            f"{self.cause_text(cause, to)}: {', '.join(names)}."
            for cause, names in by_cause.items()
        ]
        return " ".join([head, *parts])
