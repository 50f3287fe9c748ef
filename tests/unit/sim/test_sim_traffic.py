"""Customers write on their own, answer agents, insist when ignored."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from wa_desk.core.csat import CsatPolicy, rating_of
from wa_desk.sim import phrases
from wa_desk.sim.engine import CloudSimulator
from wa_desk.sim.personas import make_personas
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World
from wa_desk.sim.traffic import TrafficDriver, burst
from wa_desk.whatsapp.send_bodies import ListRow, interactive_list

pytestmark = pytest.mark.anyio
SCALE = 0.00001


def simulator(seed: int = 1) -> CloudSimulator:
    return CloudSimulator(World(seed=seed), SimSettings(time_scale=SCALE, seed=seed))


async def test_driver_writes_at_rate_and_insists_when_ignored() -> None:
    sim = simulator()
    personas = make_personas(4, seed=2)
    # silences of days shrink to milliseconds, so given-up customers come back quickly
    driver = TrafficDriver(sim, personas, rate=500, seed=3, time_scale=1e-7)
    await driver.run(max_messages=40)
    await driver.aclose()
    await sim.aclose()
    inbound = sim.world.inbound
    assert len(inbound) == 40
    assert {r.wa_id for r in inbound} <= {p.wa_id for p in personas}
    texts = {r.text for r in inbound}
    assert texts & set(phrases.INSISTING["es"])  # nobody answered them


async def test_persona_answers_the_buttons_an_agent_sent() -> None:
    sim = simulator()
    persona = dataclasses.replace(make_personas(1, seed=5)[0], responsiveness=1.0)
    driver = TrafficDriver(sim, [persona], rate=0.001, seed=1, time_scale=SCALE)
    sim.customer_sends(persona.wa_id, "text", "Hola", phone_number_id=persona.phone_number_id)
    response = sim.handle_send(
        persona.phone_number_id,
        {
            "messaging_product": "whatsapp",
            "to": persona.wa_id,
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": {"text": "¿Confirmas?"},
                "action": {
                    "buttons": [
                        {"type": "reply", "reply": {"id": "si", "title": "Sí"}},
                        {"type": "reply", "reply": {"id": "no", "title": "No"}},
                    ]
                },
            },
        },
    )
    agent_wamid = response["messages"][0]["id"]
    for _ in range(100):
        if len(sim.world.inbound) == 2:
            break
        await asyncio.sleep(0.01)
    await driver.aclose()
    await sim.aclose()
    reply = sim.world.inbound[-1]
    assert reply.wa_id == persona.wa_id
    message = next(
        m
        for w in sim.world.webhooks
        for m in w["entry"][0]["changes"][0]["value"].get("messages", [])
        if m["id"] == reply.wamid
    )
    if reply.type == "interactive":
        assert message["interactive"]["button_reply"]["id"] in ("si", "no")
        assert message["context"]["id"] == agent_wamid
    else:  # a closing "thanks" (text or reaction) is also a fair answer
        assert reply.type in ("text", "reaction")


async def test_burst_is_deterministic_with_a_seed() -> None:
    a, b = simulator(seed=4), simulator(seed=4)
    wamids_a = await burst(a, 50, concurrency=5, seed=8)
    wamids_b = await burst(b, 50, concurrency=5, seed=8)
    await a.aclose()
    await b.aclose()
    assert len(set(wamids_a)) == 50
    assert [r.text for r in a.world.inbound] == [r.text for r in b.world.inbound]
    assert sorted(wamids_a) == sorted(wamids_b)


async def test_persona_answers_a_satisfaction_survey_from_its_list() -> None:
    """The hub's survey after a close, as the policy builds it: a persona who answers
    picks one of its rows, quoting the survey, as a WhatsApp user does."""
    sim = simulator(seed=4)
    persona = dataclasses.replace(make_personas(1, seed=6)[0], responsiveness=1.0)
    driver = TrafficDriver(sim, [persona], rate=0.001, seed=2, time_scale=SCALE)
    sim.customer_sends(persona.wa_id, "text", "Hola", phone_number_id=persona.phone_number_id)
    survey = CsatPolicy("*")
    rows = [ListRow(i, title) for i, title in survey.rows_with_ids()]
    body = interactive_list(persona.wa_id, survey.question, survey.button, rows)
    response = sim.handle_send(persona.phone_number_id, body)
    survey_wamid = response["messages"][0]["id"]
    for _ in range(100):
        if len(sim.world.inbound) == 2:
            break
        await asyncio.sleep(0.01)
    await driver.aclose()
    await sim.aclose()
    reply = sim.world.inbound[-1]
    assert reply.wa_id == persona.wa_id
    message = next(
        m
        for w in sim.world.webhooks
        for m in w["entry"][0]["changes"][0]["value"].get("messages", [])
        if m["id"] == reply.wamid
    )
    assert reply.type == "interactive"  # with these seeds; a reaction is possible too
    assert rating_of(message["interactive"]["list_reply"]["id"]) in (1, 2, 3, 4, 5)
    assert message["context"]["id"] == survey_wamid
