"""One simulated colleague: an agent who signs in to the hub and works like a person.

They use the hub's public API only, as the desktop app does: sign in, follow the live
stream, set their status (available, busy when at capacity, away when they step out),
claim the oldest waiting conversation of their queues, read, type and answer at a human
pace (a template once the customer's 24 h window has closed), now and then hand a
conversation to a colleague, and close it once the customer has gone quiet.

Whatever the hub answers, they carry on: a claim lost to someone faster (409) is let go,
a hub that goes away is waited for with backoff and one clear log line per try, and an
ended session is signed in again. Cancelling them stops them cleanly (signed off as
offline when the hub is there to hear it). Their choices come from their own
``random.Random``, so a seed gives the same choices.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from wa_desk.client.backoff import Backoff
from wa_desk.client.errors import BadCredentials, HubError, Refused, SessionExpired
from wa_desk.client.hub_api import HubApi
from wa_desk.client.stream import StreamConsumer, StreamState
from wa_desk.core.agents import AgentStatus
from wa_desk.core.clock import from_rfc3339
from wa_desk.core.conversation import Refusal
from wa_desk.core.guidelines import Guidelines, guidelines_from_json
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.core.templates import TemplateParams
from wa_desk.sim import agent_phrases
from wa_desk.sim.personalities import Personality, Quiet

log = logging.getLogger(__name__)

LOOK_EVERY_S = 15.0  # a fresh look at the conversations even when the stream is silent
DEFAULT_CAPACITY = 3
_WAKING_KINDS = frozenset(
    {
        StreamEventKind.READY,
        StreamEventKind.MESSAGE_CREATED,
        StreamEventKind.CONVERSATION_UPDATED,
        StreamEventKind.CONVERSATION_TAKEN_OVER,
    }
)


class CannotSignIn(Exception):
    """The hub refused the colleague's name and password: nothing to retry."""


class Colleague:
    def __init__(
        self,
        hub_url: str,
        name: str,
        password: str,
        personality: Personality,
        rng: random.Random,
        *,
        time_scale: float = 1.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.name = name
        self.personality = personality
        self._password = password
        self._rng = rng
        self._scale = time_scale
        self._api = HubApi(hub_url)
        self._backoff = Backoff(base=0.5, cap=30.0, rng=random.Random(rng.random()))
        self._sign_in_lock = asyncio.Lock()
        self._woken = asyncio.Event()
        self._clock = clock or (lambda: asyncio.get_running_loop().time())
        self.user_id: str | None = None
        self.capacity = DEFAULT_CAPACITY
        self.quiet: Quiet | None = None  # how they are quiet right now, if they are
        self._shown: AgentStatus | None = None  # the status last set on the hub
        self._guidelines = Guidelines()
        self._tasks: dict[str, asyncio.Task[None]] = {}  # conversation id -> its work
        self._claiming: asyncio.Task[None] | None = None
        self._answers: dict[str, int] = {}  # conversation id -> answers sent
        self._planned: dict[str, int] = {}  # conversation id -> answers before closing
        # conversation id -> when (clock) to close it if the customer stays silent
        self._close_due: dict[str, float] = {}
        self.answered = 0
        self.closed = 0
        self.refused = 0  # actions the hub refused (claims lost to others, mostly)

    # -- running ------------------------------------------------------------------------

    async def run(self) -> None:
        """Work until cancelled; return early only if the hub refuses the password."""
        try:
            await self._sign_in(None)
        except CannotSignIn as exc:
            log.error("colleague %s cannot sign in: %s", self.name, exc)
            await self._api.aclose()
            return
        helpers = [asyncio.create_task(self._follow_stream(), name=f"{self.name}-stream")]
        if self.personality.quiet_every is not None:
            helpers.append(asyncio.create_task(self._moods(), name=f"{self.name}-moods"))
        try:
            await self._work()
        finally:
            pending = [*helpers, *self._tasks.values()]
            if self._claiming is not None:
                pending.append(self._claiming)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            await self._sign_off()

    async def _sign_off(self) -> None:
        """Shown offline if the hub hears it within a moment; the connections closed."""
        try:
            with contextlib.suppress(HubError, TimeoutError):
                async with asyncio.timeout(2.0):
                    await self._api.set_status(AgentStatus.OFFLINE)
        finally:
            await self._api.aclose()

    def _sleep(self, span: tuple[float, float]) -> float:
        return max(0.0, self._rng.uniform(*span) * self._scale)

    @property
    def claiming(self) -> bool:
        """Whether they have picked a waiting conversation and are about to claim it."""
        return self._claiming is not None

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    def wake(self) -> None:
        self._woken.set()

    # -- signing in ---------------------------------------------------------------------

    async def _sign_in(self, failed_token: str | None) -> None:
        """Sign in (again, if ``failed_token`` is still the session in use), waiting
        out a hub that is away."""
        async with self._sign_in_lock:
            if failed_token is not None and self._api.token != failed_token:
                return  # signed in again meanwhile
            while True:
                try:
                    session = await self._api.login(self.name, self._password)
                    break
                except BadCredentials as exc:
                    raise CannotSignIn(exc.message) from exc
                except HubError as exc:
                    await self._hub_trouble(exc)
            self.user_id = str(session.user["id"])
            self._shown = None
            self._backoff.reset()
            bundle, _ = await self._api.policy()
            if bundle is not None:
                self._guidelines = guidelines_from_json(bundle)
            for agent in await self._api.agents():
                if agent["id"] == self.user_id and agent.get("capacity"):
                    self.capacity = int(agent["capacity"])

    async def _hub_trouble(self, exc: HubError) -> None:
        delay = self._backoff.next_delay()
        log.warning(
            "colleague %s: hub not usable (%s: %s); trying again in %.1f s",
            self.name,
            type(exc).__name__,
            exc.message,
            delay,
        )
        await asyncio.sleep(delay)

    # -- the live stream ----------------------------------------------------------------

    async def _follow_stream(self) -> None:
        while True:
            consumer = StreamConsumer(
                self._api,
                self._on_event,
                self._on_stream_state,
                backoff=Backoff(rng=random.Random(self._rng.random())),
                on_reload=self.wake,
            )
            token = self._api.token
            await consumer.run()  # returns only when the session has ended
            await self._sign_in(token)

    def _on_event(self, kind: str, seq: int, data: dict[str, Any]) -> None:
        if kind == StreamEventKind.AGENT_STATUS and data.get("id") == self.user_id:
            self.capacity = int(data.get("capacity") or self.capacity)
            self.wake()
        elif kind in _WAKING_KINDS:
            self.wake()

    def _on_stream_state(self, state: StreamState) -> None:
        if state.connected:
            self.wake()  # what happened while it was away is looked at afresh

    # -- the work loop ------------------------------------------------------------------

    async def _work(self) -> None:
        while True:
            self._woken.clear()
            token = self._api.token
            try:
                await self._look()
                self._backoff.reset()
            except SessionExpired:
                await self._sign_in(token)
                continue
            except HubError as exc:
                await self._hub_trouble(exc)
                continue
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancel
            # that arrives as the event is set, and the colleague would never stop.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(max(0.05, LOOK_EVERY_S * self._scale)):
                    await self._woken.wait()

    async def _look(self) -> None:
        mine = (await self._api.conversations(state="assigned", assigned="me", limit=100)).items
        await self._show_status(len(mine))
        for conversation in mine:
            self._consider(conversation)
        free = self.quiet is None and self._shown is AgentStatus.AVAILABLE
        if free and len(mine) < self.capacity and self._claiming is None:
            queued = (await self._api.conversations(state="queued", limit=50)).items
            if queued:
                oldest = min(queued, key=lambda c: c["waiting_since"] or c["opened_at"])
                self._claiming = self._spawn(self._claim(oldest), "claim")

    async def _show_status(self, holding: int) -> None:
        if self.quiet is Quiet.AWAY:
            wanted = AgentStatus.AWAY
        elif holding >= self.capacity:
            wanted = AgentStatus.BUSY
        else:
            wanted = AgentStatus.AVAILABLE
        if wanted is not self._shown:
            await self._api.set_status(wanted)
            self._shown = wanted
            log.info("colleague %s is %s (%d of %d)", self.name, wanted, holding, self.capacity)

    def _consider(self, conversation: dict[str, Any]) -> None:
        """Start what the conversation needs from them next, if nothing is under way."""
        cid = str(conversation["id"])
        if self.quiet is not None or cid in self._tasks:
            return
        if conversation["waiting_since"] is not None:
            self._tasks[cid] = self._spawn(self._answer(conversation), cid)
            return
        if cid not in self._close_due:  # held from before (a restart, a hand-over)
            self._close_due[cid] = self._clock() + self._sleep(self.personality.close_after)
        if self._clock() >= self._close_due[cid]:
            self._tasks[cid] = self._spawn(self._close(cid), cid)

    def _spawn(self, work: Any, label: str) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.create_task(work, name=f"{self.name}-{label}")
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[None]) -> None:
        if task is self._claiming:
            self._claiming = None
        for cid, t in list(self._tasks.items()):
            if t is task:
                del self._tasks[cid]
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            if isinstance(exc, HubError):
                log.info("colleague %s: %s", self.name, exc.message)
            else:
                log.error("colleague %s: %s failed", self.name, task.get_name(), exc_info=exc)
        self.wake()

    # -- actions ------------------------------------------------------------------------

    async def _claim(self, conversation: dict[str, Any]) -> None:
        await asyncio.sleep(self._sleep(self.personality.pickup))
        try:
            await self._api.claim(conversation["id"], key=str(uuid.uuid4()))
        except Refused as exc:
            self.refused += 1
            log.info("colleague %s did not get a conversation: %s", self.name, exc.message)
            return
        log.info("colleague %s took a conversation of %s", self.name, conversation["queue"])

    async def _answer(self, conversation: dict[str, Any]) -> None:
        cid = str(conversation["id"])
        count = self._answers.get(cid, 0)
        if count == 0:
            name = (conversation["contact"].get("name") or "").split(" ")[0] or "hola"
            text = self._rng.choice(agent_phrases.GREETINGS).format(name=name)
        else:
            text = self._rng.choice(agent_phrases.ANSWERS)
        typing = len(text) / self.personality.chars_per_second
        await asyncio.sleep(self._sleep(self.personality.reading) + typing * self._scale)
        current = await self._api.conversation(cid)
        if current["assignee"] != self.user_id or current["state"] != "assigned":
            return  # transferred, taken over or closed meanwhile
        try:
            if _window_open(current):
                await self._api.send_text(cid, text, str(uuid.uuid4()))
            else:
                await self._send_template(cid)
        except Refused as exc:
            self.refused += 1
            if exc.code != Refusal.WINDOW_CLOSED:
                raise
            await self._send_template(cid)
        self._answers[cid] = count + 1
        self.answered += 1
        planned = self._planned.setdefault(cid, self._rng.randint(*self.personality.answers))
        # Done talking: close once the customer has been silent a while. Not yet: wait
        # for their answer, but not forever.
        silence = self._sleep(self.personality.close_after) * (1 if count + 1 >= planned else 4)
        self._close_due[cid] = self._clock() + silence
        if count == 0 and self._rng.random() < self.personality.transfer_share:
            await self._transfer(current)

    async def _send_template(self, cid: str) -> None:
        """After the 24 h window only a template may go: the first without values."""
        for template in await self._api.templates():
            if template["status"] == "APPROVED" and _needs_no_values(template):
                name, language = template["name"], template["language"]
                await self._api.send_template(
                    cid, name, language, TemplateParams(), str(uuid.uuid4())
                )
                return
        raise Refused(409, Refusal.WINDOW_CLOSED, "no template without values to send")

    async def _transfer(self, conversation: dict[str, Any]) -> None:
        await asyncio.sleep(self._sleep((5, 20)))
        queue = conversation["queue"]
        others = [
            a
            for a in await self._api.agents()
            if a["id"] != self.user_id
            and a["status"] == AgentStatus.AVAILABLE
            and a["role"] == "agent"
            and queue in a["queues"]
        ]
        if not others:
            return
        to = self._rng.choice(sorted(others, key=lambda a: str(a["name"])))
        note = self._rng.choice(agent_phrases.TRANSFER_NOTES)
        await self._api.transfer(conversation["id"], to_user=to["id"], note=note)
        log.info("colleague %s handed a conversation to %s", self.name, to["name"])

    async def _close(self, cid: str) -> None:
        current = await self._api.conversation(cid)
        if current["assignee"] != self.user_id or current["state"] != "assigned":
            return
        if current["waiting_since"] is not None:
            return  # the customer wrote again: answer first (the next look sees it)
        queue = current["queue"]
        reasons = [d.id for d in self._guidelines.dispositions_for(queue)]
        answered = self._answers.get(cid, 0) > 0
        reason = reasons[0] if answered or "no_response" not in reasons else "no_response"
        ticked = {item.id: True for item in self._guidelines.checklist_for(queue)}
        try:
            await self._api.close(cid, reason, checklist=ticked, key=str(uuid.uuid4()))
        except Refused:
            self.refused += 1
            self._close_due[cid] = self._clock() + LOOK_EVERY_S * self._scale
            raise
        self.closed += 1
        for table in (self._answers, self._planned, self._close_due):
            table.pop(cid, None)
        log.info("colleague %s closed a conversation of %s (%s)", self.name, queue, reason)

    # -- going quiet --------------------------------------------------------------------

    async def _moods(self) -> None:
        p = self.personality
        assert p.quiet_every is not None
        spell = 0
        while True:
            await asyncio.sleep(self._sleep(p.quiet_every))
            self.quiet = p.quiet_ways[spell % len(p.quiet_ways)]
            log.info("colleague %s goes quiet for a while (%s)", self.name, self.quiet)
            self.wake()
            await asyncio.sleep(self._sleep(p.quiet_for))
            self.quiet = None
            log.info("colleague %s is back", self.name)
            self.wake()
            spell += 1


def _window_open(conversation: dict[str, Any]) -> bool:
    expires = conversation.get("window_expires_at")
    now = round(datetime.now(UTC).timestamp() * 1000)
    return expires is not None and from_rfc3339(expires) > now + 60_000


def _needs_no_values(template: dict[str, Any]) -> bool:
    if template.get("body_parameters") or template.get("header_parameters"):
        return False
    for component in template.get("components", []):
        if component.get("type") == "HEADER" and component.get("format", "TEXT") != "TEXT":
            return False
        for button in component.get("buttons", []):
            if "{{" in str(button.get("url", "")) or button.get("type") == "COPY_CODE":
                return False
    return True
