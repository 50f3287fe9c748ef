"""A history's script, planned from a seed: who writes when, who claims, answers,
transfers and closes, and when each agent starts and ends their day.

Pure: the same seed, period, queues and team give the same plan, step for step.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from wa_desk.core.agents import AgentStatus
from wa_desk.core.clock import Millis
from wa_desk.hub.history import phrases, shape

HOUR_MS: Millis = 3_600_000
ABANDON_SHARE = 0.06  # the customer gives up before anyone answers
TRANSFER_SHARE = 0.08
REPEAT_SHARE = 0.10  # the same customer comes back after the close
TYPING_CHARS_PER_S = 5.0


class StepKind(StrEnum):
    CUSTOMER_WRITES = "customer_writes"
    CLAIM = "claim"
    REPLY = "reply"
    DELIVERED = "delivered"
    READ = "read"
    TRANSFER = "transfer"
    CLOSE = "close"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class Agent:
    id: str
    queues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Queue:
    name: str
    phone_number_id: str
    dispositions: tuple[str, ...]  # the queue's closing reasons, the usual one first
    unanswered: str  # the closing reason of a customer who left before any answer


@dataclass(frozen=True, slots=True)
class Step:
    at: Millis
    kind: StepKind
    conversation: int = -1  # index into ``Plan.conversations``; -1 for an agent's status
    agent: str | None = None
    text: str | None = None
    wamid: str | None = None  # the customer's message, or the reply its statuses describe
    target: str | None = None  # a transfer's agent, a status's value, a close's reason


@dataclass(frozen=True, slots=True)
class Contact:
    queue: Queue
    wa_id: str
    name: str


@dataclass
class Plan:
    conversations: list[Contact] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def ordered(self) -> list[Step]:
        """Every step in time order (ties keep the order they were planned in)."""
        return sorted(self.steps, key=lambda s: s.at)


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


@dataclass
class _Planner:
    rng: random.Random
    zone: ZoneInfo
    end: Millis
    tag: str
    team: dict[str, list[Agent]]
    # Each agent's typical wait before picking up a conversation, in seconds.
    pace: dict[str, float]
    plan: Plan = field(default_factory=Plan)
    serial: int = 0

    def wamid(self) -> str:
        self.serial += 1
        return f"wamid.HIST{self.tag}{self.serial:08d}"

    def local(self, ms: Millis) -> datetime:
        return datetime.fromtimestamp(ms / 1000, self.zone)

    def at_work(self, ms: Millis) -> Millis:
        """``ms``, or when the team next starts work if it is not at work then."""
        return round(shape.next_opening(self.local(ms)).timestamp() * 1000)

    def add(self, step: Step) -> Millis:
        if step.at < self.end:
            self.plan.steps.append(step)
        return step.at

    def seconds(self, low: float, high: float) -> Millis:
        """A whole number of seconds (WhatsApp's timestamps have no finer grain), as ms."""
        return round(self.rng.uniform(low, high)) * 1000

    def typing(self, text: str) -> Millis:
        """Reading the customer, then typing ``text`` at a human pace."""
        return self.seconds(5, 30) + round(len(text) / TYPING_CHARS_PER_S) * 1000

    def conversation(self, queue: Queue, opened: Millis, contact: Contact | None = None) -> None:
        rng = self.rng
        agents = self.team[queue.name]
        if contact is None:
            wa_id = f"3469{len(self.plan.conversations):07d}"
            contact = Contact(queue, wa_id, rng.choice(phrases.CUSTOMER_NAMES))
        index = len(self.plan.conversations)
        self.plan.conversations.append(contact)

        def writes(at: Millis, text: str) -> Millis:
            return self.add(
                Step(at, StepKind.CUSTOMER_WRITES, index, text=text, wamid=self.wamid())
            )

        t = writes(opened, rng.choice(phrases.opening_for(queue.name)))
        if rng.random() < 0.35:
            t = writes(t + self.seconds(15, 90), rng.choice(phrases.DETAILS))
        agent = rng.choice(agents)
        wait = round(min(rng.expovariate(1 / self.pace[agent.id]), 7200)) * 1000
        t = self.add(Step(self.at_work(t) + wait, StepKind.CLAIM, index, agent.id))
        if rng.random() < ABANDON_SHARE:  # closed unanswered: the customer had gone
            self.add(
                Step(
                    t + self.seconds(20, 120),
                    StepKind.CLOSE,
                    index,
                    agent.id,
                    target=queue.unanswered,
                )
            )
            return
        t = self.reply(index, agent, t, rng.choice(phrases.FIRST_REPLIES))
        if rng.random() < TRANSFER_SHARE and len(agents) > 1:
            other = rng.choice([a for a in agents if a.id != agent.id])
            note = rng.choice(phrases.TRANSFER_NOTES)
            t = self.add(
                Step(
                    t + self.seconds(30, 300),
                    StepKind.TRANSFER,
                    index,
                    agent.id,
                    note,
                    target=other.id,
                )
            )
            agent = other
            t = self.reply(
                index, agent, self.at_work(t) + self.seconds(60, 600), rng.choice(phrases.REPLIES)
            )
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            t = writes(t + self.seconds(40, 900), rng.choice(phrases.FOLLOW_UPS))
            answer_at = self.at_work(t) + round(rng.expovariate(2 / self.pace[agent.id])) * 1000
            t = self.reply(index, agent, answer_at, rng.choice(phrases.REPLIES))
        reason = queue.dispositions[0] if rng.random() < 0.7 else rng.choice(queue.dispositions)
        closed = self.add(
            Step(
                self.at_work(t + self.seconds(120, 1500)),
                StepKind.CLOSE,
                index,
                agent.id,
                target=reason,
            )
        )
        if rng.random() < REPEAT_SHARE:
            later = (
                self.seconds(3600, 20 * 3600)
                if rng.random() < 0.5
                else self.seconds(26 * 3600, 70 * 3600)
            )
            if closed + later < self.end:
                self.conversation(queue, closed + later, contact)

    def reply(self, index: int, agent: Agent, start: Millis, text: str) -> Millis:
        wamid = self.wamid()
        sent = self.add(
            Step(start + self.typing(text), StepKind.REPLY, index, agent.id, text, wamid)
        )
        self.add(Step(sent + self.seconds(1, 6), StepKind.DELIVERED, index, wamid=wamid))
        if self.rng.random() < 0.85:
            self.add(Step(sent + self.seconds(20, 900), StepKind.READ, index, wamid=wamid))
        return sent

    def working_days(self, start: Millis) -> None:
        """Each agent signs in a little before the team starts and leaves a little after."""
        day = self.local(start).replace(hour=0, minute=0, second=0, microsecond=0)
        agents = list(dict.fromkeys(a.id for team in self.team.values() for a in team))
        while day.timestamp() * 1000 < self.end:
            hours = shape.OPENING[day.weekday()]
            if hours is not None:
                for agent in agents:
                    begin = day.replace(hour=hours[0]) - timedelta(minutes=self.rng.uniform(0, 12))
                    leave = day.replace(hour=hours[1]) + timedelta(minutes=self.rng.uniform(0, 20))
                    for when, status in (
                        (begin, AgentStatus.AVAILABLE),
                        (leave, AgentStatus.OFFLINE),
                    ):
                        at = round(when.timestamp() * 1000)
                        if at >= start:
                            self.add(Step(at, StepKind.STATUS, agent=agent, target=status.value))
            day += timedelta(days=1)  # wall-clock arithmetic: midnight again, DST or not


def plan_history(
    rng: random.Random,
    start: Millis,
    end: Millis,
    zone: str,
    queues: Sequence[Queue],
    agents: Sequence[Agent],
) -> Plan:
    """Conversations opened in ``[start, end)`` in every queue that has agents, and the
    team's days; steps that would come after ``end`` are left out (what is still open)."""
    team = {q.name: [a for a in agents if q.name in a.queues] for q in queues}
    team = {name: members for name, members in team.items() if members}
    pace = {a.id: rng.uniform(60, 480) for a in agents}
    planner = _Planner(rng, ZoneInfo(zone), end, str(end), team, pace)
    planner.working_days(start)
    hour = start - start % HOUR_MS
    while hour < end:
        local = datetime.fromtimestamp(hour / 1000, UTC).astimezone(planner.zone)
        for queue in queues:
            if queue.name not in team:
                continue
            for _ in range(_poisson(rng, shape.arrivals_per_hour(local))):
                opened = hour + planner.seconds(0, 3599)
                if start <= opened < end:
                    planner.conversation(queue, opened)
        hour += HOUR_MS
    return planner.plan
