"""Simulated customers: who they are and what they say next.

``make_personas`` is deterministic for a seed. ``Persona.next_utterance`` picks a
message kind and text from the persona's habits and the moment in the conversation;
the timing (replying, insisting, going silent) lives in ``traffic``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from wa_desk.sim import phrases

Moment = str  # "opening", "follow_up", "insist", "reply", "closing"


@dataclass(frozen=True, slots=True)
class Utterance:
    kind: str  # one of webhooks.MESSAGE_KINDS
    text: str | None = None
    context_wamid: str | None = None
    reaction_to: str | None = None
    choice_id: str = "opcion_1"


@dataclass(frozen=True, slots=True)
class Persona:
    wa_id: str
    name: str
    language: str
    topic: str
    phone_number_id: str
    patience_s: float  # how long they wait for an answer before writing again
    responsiveness: float  # chance they answer an agent's message
    media_fondness: float  # chance a message is media rather than text
    max_insist: int  # messages sent while ignored before going silent
    silence_days: float  # how long they stay away after finishing or giving up

    def reference(self) -> str:
        return f"{int(self.wa_id[-6:]) * 7 % 1_000_000:06d}"

    def _say(self, bank: dict[str, tuple[str, ...]], rng: random.Random) -> str:
        options = bank.get(self.language) or bank["es"]
        return rng.choice(options).format(ref=self.reference())

    def next_utterance(
        self,
        moment: Moment,
        rng: random.Random,
        *,
        agent_wamid: str | None = None,
        choices: tuple[str, ...] = (),
        choice_kind: str | None = None,
    ) -> Utterance:
        """What to send at ``moment``; ``choices`` are button/list ids the agent offered."""
        lang = self.language
        if moment == "opening":
            bank = phrases.OPENINGS.get(lang, phrases.OPENINGS["es"])
            text = rng.choice(bank[self.topic]).format(ref=self.reference())
            if rng.random() < 0.05:
                return Utterance("referral", text)
            return Utterance("text", text)
        if moment == "insist":
            return Utterance("text", self._say(phrases.INSISTING, rng))
        if moment == "closing":
            if agent_wamid is not None and rng.random() < 0.3:
                return Utterance(
                    "reaction", rng.choice(phrases.EMOJIS[:4]), reaction_to=agent_wamid
                )
            return Utterance("text", self._say(phrases.CLOSINGS, rng))
        if moment == "reply" and choices and choice_kind is not None:
            choice = rng.choice(choices)
            return Utterance(choice_kind, choice, context_wamid=agent_wamid, choice_id=choice)
        # follow-up or reply: mostly text, sometimes media or something rarer
        roll = rng.random()
        if roll < self.media_fondness:
            kind = rng.choice(
                (
                    "image",
                    "image",
                    "document",
                    "voice",
                    "audio",
                    "video",
                    "sticker",
                    "location",
                    "contacts",
                )
            )
            caption = (
                self._say(phrases.CAPTIONS, rng) if kind in ("image", "video", "document") else None
            )
            return Utterance(kind, caption or None)
        if roll < self.media_fondness + 0.03:
            return Utterance(rng.choice(("order", "unsupported", "system")), None)
        if agent_wamid is not None and roll < self.media_fondness + 0.1:
            return Utterance("reaction", rng.choice(phrases.EMOJIS), reaction_to=agent_wamid)
        text = self._say(phrases.FOLLOW_UPS, rng)
        if moment == "reply" and agent_wamid is not None and rng.random() < 0.25:
            return Utterance("reply", text, context_wamid=agent_wamid)
        return Utterance("text", text)


@dataclass(slots=True)
class PersonaState:
    """Where a persona is in its conversation (changed by the traffic driver)."""

    turns: int = 0
    waiting_since: float | None = None  # monotonic time of their unanswered message
    insisted: int = 0
    silent_until: float = 0.0
    last_agent_wamid: str | None = None
    pending_reply: bool = False
    history: list[str] = field(default_factory=list)


def make_personas(
    n: int,
    *,
    seed: int = 0,
    languages: tuple[str, ...] = ("es",),
    phone_number_ids: tuple[str, ...] = ("100000000000001",),
) -> list[Persona]:
    """``n`` customers, the same ones for the same arguments."""
    rng = random.Random(seed)
    out: list[Persona] = []
    used: set[str] = set()
    for i in range(n):
        language = languages[i % len(languages)]
        prefix = phrases.COUNTRY_PREFIX.get(language, "34")
        while True:
            wa_id = f"{prefix}6{rng.randrange(10**7, 10**8)}"
            if wa_id not in used:
                used.add(wa_id)
                break
        names = phrases.NAMES.get(language, phrases.NAMES["es"])
        out.append(
            Persona(
                wa_id=wa_id,
                name=names[rng.randrange(len(names))],
                language=language,
                topic=rng.choice(phrases.TOPICS),
                phone_number_id=phone_number_ids[rng.randrange(len(phone_number_ids))],
                patience_s=rng.uniform(60, 600),
                responsiveness=rng.uniform(0.6, 0.95),
                media_fondness=rng.uniform(0.05, 0.3),
                max_insist=rng.randint(1, 4),
                silence_days=rng.uniform(1, 5),
            )
        )
    return out
