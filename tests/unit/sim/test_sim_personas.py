"""Personas are reproducible from a seed and speak the language they were given."""

from __future__ import annotations

import random

from wa_desk.sim import phrases
from wa_desk.sim.personas import make_personas
from wa_desk.sim.traffic import burst_messages
from wa_desk.sim.webhooks import MESSAGE_KINDS


def test_same_seed_same_personas_different_seed_different() -> None:
    assert make_personas(30, seed=4) == make_personas(30, seed=4)
    assert make_personas(30, seed=4) != make_personas(30, seed=5)


def test_wa_ids_are_unique_and_country_coded() -> None:
    personas = make_personas(200, seed=1, languages=("es", "en", "pt"))
    assert len({p.wa_id for p in personas}) == 200
    for p in personas:
        assert p.wa_id.isdigit()
        assert p.wa_id.startswith(phrases.COUNTRY_PREFIX[p.language])
        assert p.name in phrases.NAMES[p.language]


def test_spanish_by_default() -> None:
    persona = make_personas(1, seed=2)[0]
    assert persona.language == "es"
    text = persona.next_utterance("opening", random.Random(0)).text
    assert text is not None
    assert any(
        text == t.format(ref=persona.reference()) for t in phrases.OPENINGS["es"][persona.topic]
    )


def test_utterances_are_deterministic_and_valid_kinds() -> None:
    personas = make_personas(20, seed=9, languages=("es", "en", "pt"))

    def script(seed: int) -> list[tuple[str, str | None]]:
        rng = random.Random(seed)
        out = []
        for p in personas:
            for moment in ("opening", "follow_up", "reply", "insist", "closing"):
                u = p.next_utterance(moment, rng, agent_wamid="wamid.X")
                out.append((u.kind, u.text))
        return out

    assert script(1) == script(1)
    assert {kind for kind, _ in script(1)} <= set(MESSAGE_KINDS)


def test_a_reply_to_buttons_picks_one_of_them() -> None:
    persona = make_personas(1, seed=3)[0]
    u = persona.next_utterance(
        "reply",
        random.Random(1),
        agent_wamid="wamid.X",
        choices=("si", "no"),
        choice_kind="button_reply",
    )
    assert u.kind == "button_reply"
    assert u.choice_id in ("si", "no")
    assert u.context_wamid == "wamid.X"


def test_many_follow_ups_use_many_kinds() -> None:
    personas = make_personas(50, seed=11)
    rng = random.Random(0)
    kinds = {
        p.next_utterance("follow_up", rng, agent_wamid="wamid.X").kind
        for p in personas
        for _ in range(20)
    }
    assert {"text", "image", "reaction"} <= kinds
    assert len(kinds) >= 8


def test_burst_messages_are_unique_and_reproducible() -> None:
    plan = burst_messages(500, seed=3)
    assert plan == burst_messages(500, seed=3)
    assert len({text for _, text in plan}) == 500
