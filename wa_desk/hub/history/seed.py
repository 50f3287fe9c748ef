"""Play a planned history into a store through the hub's own code paths.

Customer messages and delivery statuses go through the webhook parser and intake
(``ingest``), agents' claims, replies, transfers, closes and statuses through the same
functions the API's routes call, each at its planned time. So every figure, report and
aggregate sees a seeded past exactly as it would have seen it live. Steps are written in
transactions of a few thousand, which is what makes weeks of history take seconds.
"""

from __future__ import annotations

import functools
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from wa_desk.core.agents import AgentStatus
from wa_desk.core.clock import DAY_MS, Millis
from wa_desk.core.conversation import ActionRefused, Refusal, Role
from wa_desk.core.guidelines import Guidelines
from wa_desk.hub import actions, sending
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.history import deliveries, phrases
from wa_desk.hub.history.plan import Agent, Plan, Queue, Step, StepKind, plan_history
from wa_desk.hub.ingest import ingest
from wa_desk.hub.own_status import set_own_status
from wa_desk.hub.queries import conversations, users
from wa_desk.hub.queries.users import User
from wa_desk.hub.settings import QueueConfig
from wa_desk.whatsapp.webhook_parser import parse_webhook

STEPS_PER_TRANSACTION = 4000
# Agents a store without any gets, so that a history has someone to answer: they have
# no usable password until an administrator sets one (``wa-desk hub user passwd``).
TEAM_NAMES = ("ana", "bruno", "carla", "diego", "elena", "fabio")
AGENTS_PER_QUEUE = 2
_LOCKED_HASH = "!"  # no scrypt hash: every password is wrong


class StoreNotEmpty(Exception):
    """The store already holds conversations, and the caller did not force a seed."""


class NoQueues(Exception):
    """The configuration names no queue (``[[queues]]``) to give the history."""


@dataclass(frozen=True, slots=True)
class Seeded:
    conversations: int
    steps: int
    refused: int  # steps the hub refused (a store seeded again with --force)
    start: Millis
    end: Millis
    created_agents: tuple[str, ...]


def has_conversations(conn: Conn) -> bool:
    return conn.one("SELECT 1 AS x FROM conversations LIMIT 1") is not None


def seed_history(
    db: Database,
    queues: Sequence[QueueConfig],
    guidelines: Guidelines,
    *,
    weeks: int,
    seed: int,
    end: Millis,
    force: bool = False,
) -> Seeded:
    """``weeks`` of history ending at ``end``, the same for the same seed and store."""
    named = [q for q in queues if q.phone_number_ids]
    if not named:
        raise NoQueues("the configuration has no [[queues]] with phone_number_ids")
    if not force and db.read_sync(has_conversations):
        raise StoreNotEmpty("the store already holds conversations")
    names = tuple(q.name for q in named)
    created = db.write_sync(lambda c: _ensure_team(c, names, end))
    team = db.read_sync(lambda c: _team(c, names))
    start = end - weeks * 7 * DAY_MS
    plan = plan_history(
        random.Random(seed),
        start,
        end,
        _zone(guidelines, names),
        [_queue(q, guidelines) for q in named],
        [Agent(u.id, u.queues) for u in team],
    )
    player = _Player(plan, guidelines, {q.name: q.phone_number_ids[0] for q in named}, team)
    steps = plan.ordered()
    for i in range(0, len(steps), STEPS_PER_TRANSACTION):
        db.write_sync(functools.partial(player.play, steps=steps[i : i + STEPS_PER_TRANSACTION]))
    return Seeded(len(plan.conversations), len(steps), player.refused, start, end, created)


def _queue(q: QueueConfig, guidelines: Guidelines) -> Queue:
    reasons = tuple(d.id for d in guidelines.dispositions_for(q.name))
    unanswered = "no_response" if "no_response" in reasons else reasons[-1]
    return Queue(q.name, q.phone_number_ids[0], reasons, unanswered)


def _zone(guidelines: Guidelines, queues: Sequence[str]) -> str:
    """The team's time zone: the business hours of the first queue's service levels."""
    policy = guidelines.sla_for(queues[0])
    return policy.hours.time_zone if policy is not None else "UTC"


def _team(conn: Conn, queues: Sequence[str]) -> list[User]:
    """The enabled agents of ``queues``, by name (so the plan does not depend on ids)."""
    found = [
        u
        for u in users.list_users(conn)
        if u.role is Role.AGENT and not u.disabled and set(u.queues) & set(queues)
    ]
    return sorted(found, key=lambda u: u.name)


def _ensure_team(conn: Conn, queues: Sequence[str], now: Millis) -> tuple[str, ...]:
    """Two agents for each queue that has none (the names of those created)."""
    team = _team(conn, queues)
    taken = {u.name for u in users.list_users(conn)}
    free = [n for n in TEAM_NAMES if n not in taken]
    created: list[str] = []
    for queue in queues:
        if any(queue in u.queues for u in team):
            continue
        for _ in range(AGENTS_PER_QUEUE):
            name = free.pop(0) if free else f"agent-{secrets.token_hex(3)}"
            users.add_user(conn, name, Role.AGENT, [queue], _LOCKED_HASH, now)
            created.append(name)
    return tuple(created)


@dataclass
class _Player:
    plan: Plan
    guidelines: Guidelines
    number_of: dict[str, str]  # queue -> the business number customers write to
    team: list[User]
    ids: dict[int, str] = field(default_factory=dict)  # plan index -> conversation id
    refused: int = 0

    def __post_init__(self) -> None:
        self.by_id = {u.id: u for u in self.team}
        self.queue_of = {number: queue for queue, number in self.number_of.items()}

    def play(self, conn: Conn, steps: Sequence[Step]) -> None:
        for step in steps:
            try:
                self._step(conn, step)
            except (
                ActionRefused,
                actions.NotVisible,
                actions.ChecklistIncomplete,
                actions.UnknownDisposition,
                sending.GuidelineBlocked,
            ):
                self.refused += 1

    def _step(self, conn: Conn, step: Step) -> None:
        if step.kind is StepKind.STATUS:
            assert step.agent is not None and step.target is not None
            set_own_status(conn, step.agent, AgentStatus(step.target), step.at, self.guidelines)
            return
        contact = self.plan.conversations[step.conversation]
        number = contact.queue.phone_number_id
        if step.kind is StepKind.CUSTOMER_WRITES:
            assert step.wamid is not None and step.text is not None
            body = deliveries.message_body(
                number, contact.wa_id, contact.name, step.wamid, step.text, step.at
            )
            self._deliver(conn, body, step.at)
            if step.conversation not in self.ids:
                row = conversations.open_for_contact(conn, contact.wa_id, number)
                if row is not None:
                    self.ids[step.conversation] = str(row["id"])
            return
        if step.kind in (StepKind.DELIVERED, StepKind.READ):
            assert step.wamid is not None
            body = deliveries.status_body(number, contact.wa_id, step.wamid, step.kind, step.at)
            self._deliver(conn, body, step.at)
            return
        conversation_id = self.ids.get(step.conversation)
        agent = self.by_id.get(step.agent or "")
        if conversation_id is None or agent is None:
            self.refused += 1
            return
        self._act(conn, step, agent, conversation_id)

    def _act(self, conn: Conn, step: Step, agent: User, conversation_id: str) -> None:
        at = step.at
        if step.kind is StepKind.CLAIM:
            actions.claim(conn, agent, conversation_id, at)
        elif step.kind is StepKind.REPLY:
            assert step.text is not None and step.wamid is not None
            self._send(conn, agent, conversation_id, sending.TextSend(step.text), step.wamid, at)
        elif step.kind is StepKind.TRANSFER:
            target = actions.TransferTarget(step.target, None, step.text)
            actions.transfer(conn, agent, conversation_id, target, at)
        elif step.kind is StepKind.CLOSE:
            assert step.target is not None
            queue = self.plan.conversations[step.conversation].queue.name
            ticked = {item.id: True for item in self.guidelines.checklist_for(queue)}
            closing = actions.Closing(step.target, None, ticked)
            # No satisfaction survey: it would be sent now, to customers of the past.
            unsurveyed = replace(self.guidelines, csat=())
            actions.close(conn, agent, conversation_id, closing, unsurveyed, at)

    def _send(
        self,
        conn: Conn,
        agent: User,
        conversation_id: str,
        send: sending.Send,
        wamid: str,
        at: Millis,
    ) -> None:
        """A send WhatsApp accepted. After the 24 h window (a customer who wrote on
        Saturday evening, answered on Monday), the agent sends a template instead, as the
        hub makes them."""
        try:
            prepared = sending.prepare_send(
                conn, agent, conversation_id, send, None, self.guidelines, at
            )
        except ActionRefused as exc:
            if exc.code is not Refusal.WINDOW_CLOSED or isinstance(send, sending.TemplateSend):
                raise
            template = sending.TemplateSend(*phrases.WINDOW_TEMPLATE)
            self._send(conn, agent, conversation_id, template, wamid, at)
            return
        message, _ = prepared.value
        sending.record_accepted(conn, str(message["id"]), wamid, at, self.guidelines.alerts)

    def _deliver(self, conn: Conn, body: dict[str, object], at: Millis) -> None:
        ingest(
            conn,
            parse_webhook(body),
            self._queue_for,
            at,
            self.guidelines.alerts,
            self.guidelines.opt_out,
        )

    def _queue_for(self, phone_number_id: str) -> str:
        return self.queue_of.get(phone_number_id, phone_number_id)
