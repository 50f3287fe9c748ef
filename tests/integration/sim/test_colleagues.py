"""Simulated colleagues against a real hub on loopback with the Cloud API simulator: they
claim a customer's conversation, answer and close it through the hub's API; a claim lost
to someone faster and a hub that restarts do not stop them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hub_harness import PASSWORD, RunningHub, running_hub
from restartable_hub import RestartableHub, until

from wa_desk.hub.db.connection import Conn
from wa_desk.sim.colleague import Colleague
from wa_desk.sim.colleagues import Team
from wa_desk.sim.personalities import FAST

SCALE = 0.01  # every human delay a hundred times shorter


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    with running_hub(db_url) as running:
        yield running


def _conversation(hub: RunningHub, wa_id: str) -> dict[str, Any] | None:
    def read(c: Conn) -> dict[str, Any] | None:
        return c.one("SELECT id, state, assignee FROM conversations WHERE wa_id = ?", (wa_id,))

    return hub.ctx.db.read_sync(read)


def _sent_by(hub: RunningHub, conversation_id: str) -> list[str]:
    def read(c: Conn) -> list[str]:
        rows = c.all(
            "SELECT sender FROM messages WHERE conversation_id = ? AND direction = 'out'",
            (conversation_id,),
        )
        return [str(r["sender"]) for r in rows]

    return hub.ctx.db.read_sync(read)


def _closed(hub: RunningHub, wa_id: str) -> Callable[[], bool]:
    def check() -> bool:
        row = _conversation(hub, wa_id)
        return row is not None and row["state"] == "closed"

    return check


async def _with_team(team: Team, scenario: Coroutine[Any, Any, None]) -> None:
    """Run ``scenario`` while the team works; the team must still be working after it."""
    working = asyncio.create_task(team.run())
    try:
        await until(lambda: all(m.signed_in for m in team.members))
        await scenario
        assert not working.done(), "the colleagues stopped working"
    finally:
        working.cancel()
        async with asyncio.timeout(15):  # a colleague who ignores the cancel fails here
            await asyncio.gather(working, return_exceptions=True)


def test_a_colleague_claims_answers_and_closes_a_customer_conversation(hub: RunningHub) -> None:
    ids = {hub.add_user("ana"), hub.add_user("bruno")}
    team = Team(hub.url, ["ana", "bruno"], PASSWORD, seed=3, time_scale=SCALE, personalities=[FAST])

    async def scenario() -> None:
        hub.customer_writes("wamid.c1", "34611000001", "Hola, ¿tenéis la talla M?")
        await until(_closed(hub, "34611000001"), within=30)
        # The hub commits the close before the colleague hears its answer and counts it.
        await until(lambda: sum(m.closed for m in team.members) >= 1, within=15)

    asyncio.run(_with_team(team, scenario()))
    row = _conversation(hub, "34611000001")
    assert row is not None and row["assignee"] in ids
    senders = _sent_by(hub, row["id"])
    assert senders and set(senders) <= ids
    assert sum(m.closed for m in team.members) == 1


def test_colleagues_stop_when_told_even_as_something_wakes_them(hub: RunningHub) -> None:
    """The stop and a stream event in the same instant: the stop wins, every time."""
    hub.add_user("ana")

    async def scenario() -> None:
        for _ in range(5):
            team = Team(hub.url, ["ana"], PASSWORD, time_scale=SCALE, personalities=[FAST])
            ana = team.members[0]
            working = asyncio.create_task(team.run())
            await until(lambda: ana.signed_in)  # noqa: B023 (awaited within the iteration)
            await asyncio.sleep(0.2)  # idle, waiting to be woken
            ana.wake()
            working.cancel()
            async with asyncio.timeout(15):
                await asyncio.gather(working, return_exceptions=True)

    asyncio.run(scenario())


def test_a_claim_lost_to_someone_faster_is_let_go(hub: RunningHub) -> None:
    hub.add_user("ana")
    carla = hub.add_user("carla")
    human = hub.login("carla")
    # Slow to pick up, so that a person claims first while the colleague is about to.
    patient = replace(FAST, pickup=(300.0, 300.0))
    team = Team(hub.url, ["ana"], PASSWORD, time_scale=SCALE, personalities=[patient])
    ana: Colleague = team.members[0]

    async def scenario() -> None:
        hub.customer_writes("wamid.r1", "34611000002", "Hola")
        await until(lambda: ana.claiming)
        row = _conversation(hub, "34611000002")
        assert row is not None
        assert (
            await asyncio.to_thread(human.post, f"/api/v1/conversations/{row['id']}/claim")
        ).status_code == 200
        await until(lambda: ana.refused == 1)
        # Still at work: the next customer is hers.
        hub.customer_writes("wamid.r2", "34611000003", "Buenas")
        await until(_closed(hub, "34611000003"), within=30)

    asyncio.run(_with_team(team, scenario()))
    first = _conversation(hub, "34611000002")
    assert first is not None and first["assignee"] == carla


def test_colleagues_carry_on_after_the_hub_restarts(tmp_path: Path) -> None:
    box = RestartableHub(tmp_path / "hub.sqlite3")
    try:
        box.running.add_user("ana")
        team = Team(box.url, ["ana"], PASSWORD, time_scale=SCALE, personalities=[FAST])

        async def scenario() -> None:
            box.running.customer_writes("wamid.h1", "34611000004", "Hola")
            await until(_closed(box.running, "34611000004"), within=30)
            await asyncio.to_thread(box.stop)
            await asyncio.sleep(0.5)  # the colleague meets a hub that is away
            await asyncio.to_thread(box.start)
            box.running.customer_writes("wamid.h2", "34611000005", "Sigo aquí")
            await until(_closed(box.running, "34611000005"), within=60)
            # The hub commits the close before the colleague hears its answer and counts it.
            await until(lambda: team.members[0].closed >= 2, within=15)

        asyncio.run(_with_team(team, scenario()))
        assert team.members[0].closed == 2
    finally:
        box.close()
