"""Customer traffic: personas writing at an overall rate, and fast bursts for fault tests.

``TrafficDriver`` runs personas against a ``CloudSimulator``: new conversations and
follow-ups at ``rate`` messages per second overall (Poisson arrivals), replies to the
agents' messages after a think time, insistence when ignored, silence for days after
closing or giving up. Think times and silences are multiplied by ``time_scale``.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Coroutine
from typing import Any

from wa_desk.sim.engine import CloudSimulator
from wa_desk.sim.personas import Persona, PersonaState, Utterance
from wa_desk.sim.state import SentRecord
from wa_desk.sim.validation import SendRequest

DAY_S = 24 * 3600.0


class TrafficDriver:
    def __init__(
        self,
        sim: CloudSimulator,
        personas: list[Persona],
        *,
        rate: float,
        seed: int = 0,
        time_scale: float = 1.0,
        reply_delay_s: tuple[float, float] = (5.0, 60.0),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.sim = sim
        self.personas = {p.wa_id: p for p in personas}
        self.states = {p.wa_id: PersonaState() for p in personas}
        self.rate = rate
        self.time_scale = time_scale
        self.reply_delay_s = reply_delay_s
        self._rng = random.Random(seed)
        self._monotonic = monotonic
        self._tasks: set[asyncio.Task[None]] = set()
        self.sent = 0
        sim.on_send(self._agent_sent)

    def _scaled(self, seconds: float) -> float:
        return seconds * self.time_scale

    # -- the agents' side -------------------------------------------------------------------

    def _agent_sent(self, request: SendRequest, record: SentRecord) -> None:
        persona = self.personas.get(record.to or "")
        if persona is None or record.wamid is None:
            return
        state = self.states[persona.wa_id]
        state.last_agent_wamid = record.wamid
        state.waiting_since = None
        state.insisted = 0
        if state.pending_reply or self._rng.random() >= persona.responsiveness:
            return
        state.pending_reply = True
        choices: tuple[str, ...] = ()
        choice_kind = None
        if request.type == "interactive" and request.button_ids:
            interactive = record.body.get("interactive", {})
            choice_kind = "list_reply" if interactive.get("type") == "list" else "button_reply"
            choices = tuple(request.button_ids)
        elif request.type == "template" and request.template_name:
            template = self.sim.world.find_template(
                request.template_name, request.template_language or ""
            )
            if template is not None and template.quick_replies:
                choice_kind, choices = "button", template.quick_replies
        moment = "closing" if state.turns >= self._rng.randint(3, 8) else "reply"
        utterance = persona.next_utterance(
            moment, self._rng, agent_wamid=record.wamid, choices=choices, choice_kind=choice_kind
        )
        delay = self._scaled(self._rng.uniform(*self.reply_delay_s))
        self._spawn(self._reply_later(persona, utterance, delay, closing=moment == "closing"))

    async def _reply_later(
        self, persona: Persona, utterance: Utterance, delay: float, *, closing: bool
    ) -> None:
        await asyncio.sleep(delay)
        state = self.states[persona.wa_id]
        state.pending_reply = False
        self._send(persona, utterance)
        if closing:
            self._go_silent(persona)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- the customers' side ----------------------------------------------------------------

    def _go_silent(self, persona: Persona) -> None:
        state = self.states[persona.wa_id]
        state.silent_until = self._monotonic() + self._scaled(persona.silence_days * DAY_S)
        state.turns = 0
        state.waiting_since = None
        state.insisted = 0

    def _send(self, persona: Persona, utterance: Utterance) -> str:
        state = self.states[persona.wa_id]
        wamid, _ = self.sim.customer_sends(
            persona.wa_id,
            utterance.kind,
            utterance.text,
            phone_number_id=persona.phone_number_id,
            name=persona.name,
            language=persona.language,
            context_wamid=utterance.context_wamid,
            reaction_to=utterance.reaction_to,
            choice_id=utterance.choice_id,
        )
        state.turns += 1
        state.history.append(utterance.kind)
        if state.waiting_since is None:
            state.waiting_since = self._monotonic()
        self.sent += 1
        return wamid

    def step(self) -> str | None:
        """One spontaneous message from whoever has a reason to write; its wamid or None."""
        now = self._monotonic()
        waiting: list[Persona] = []
        idle: list[Persona] = []
        for wa_id, persona in self.personas.items():
            state = self.states[wa_id]
            if state.silent_until > now or state.pending_reply:
                continue
            if state.waiting_since is None:
                idle.append(persona)
            elif now - state.waiting_since >= self._scaled(persona.patience_s):
                waiting.append(persona)
        for persona in waiting:
            state = self.states[persona.wa_id]
            if state.insisted >= persona.max_insist:
                self._go_silent(persona)  # gave up on being answered
                continue
            state.insisted += 1
            state.waiting_since = now
            return self._send(persona, persona.next_utterance("insist", self._rng))
        if not idle:
            return None
        persona = self._rng.choice(idle)
        state = self.states[persona.wa_id]
        moment = "opening" if state.turns == 0 else "follow_up"
        return self._send(
            persona, persona.next_utterance(moment, self._rng, agent_wamid=state.last_agent_wamid)
        )

    async def run(self, *, max_messages: int | None = None) -> None:
        """Write until cancelled (or ``max_messages`` spontaneous messages were sent)."""
        sent = 0
        while max_messages is None or sent < max_messages:
            await asyncio.sleep(self._rng.expovariate(self.rate))
            if self.step() is not None:
                sent += 1

    async def aclose(self) -> None:
        """Cancel replies still waiting for their think time."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


def burst_messages(n: int, *, seed: int = 0, customers: int = 50) -> list[tuple[str, str]]:
    """The (wa_id, text) pairs ``burst`` sends: unique texts, the same for the same seed."""
    rng = random.Random(seed)
    pool = [f"3469{seed % 100:02d}{i:05d}" for i in range(max(1, customers))]
    return [
        (rng.choice(pool), f"Mensaje de ráfaga {seed}-{i:06d} · {rng.getrandbits(32):08x}")
        for i in range(n)
    ]


async def burst(
    sim: CloudSimulator,
    n: int,
    concurrency: int = 10,
    *,
    seed: int = 0,
    customers: int = 50,
    phone_number_id: str | None = None,
) -> list[str]:
    """Send ``n`` unique customer messages as fast as possible; their wamids, in order.

    ``concurrency`` writers each wait for their message's first delivery attempt before
    the next, so the hub sees that many requests at once. A failed attempt does not
    stop the burst: the deliverer keeps retrying in the background (see ``drain``).
    """
    if n < 1 or concurrency < 1:
        raise ValueError("n and concurrency must be positive")
    plan = burst_messages(n, seed=seed, customers=customers)
    wamids: list[str] = [""] * n
    next_index = iter(range(n))

    async def writer() -> None:
        for i in next_index:
            wa_id, text = plan[i]
            wamid, delivery = sim.customer_sends(
                wa_id, "text", text, phone_number_id=phone_number_id
            )
            wamids[i] = wamid
            if delivery is not None:
                await delivery.first_attempt

    await asyncio.gather(*(writer() for _ in range(min(concurrency, n))))
    return wamids
