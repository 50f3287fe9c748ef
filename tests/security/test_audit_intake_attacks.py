"""Attacks on the audit intake (``POST /api/v1/events``) by a signed-in agent, against a
real hub on SQLite and PostgreSQL: event data that breaks what reads it, events about
conversations the agent cannot see, times of the agent's choosing, and alerts used to
flood supervisors with the agent's own text."""

from __future__ import annotations

import asyncio
import io
import queue
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import PASSWORD, SUPPORT, RunningHub, running_hub
from sse_reader import Sse, StreamReader

from wa_desk.client.backoff import Backoff
from wa_desk.client.event_syncer import EventSyncer, SyncStatus
from wa_desk.client.hub_api import HubApi
from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.core.canonical_json import canonical_json
from wa_desk.core.clock import DAY_MS, from_rfc3339, now_ms, to_rfc3339
from wa_desk.hub import audit_export, retention
from wa_desk.hub.alerts import raise_alert
from wa_desk.hub.audit_export import ExportRange
from wa_desk.hub.queries import audit_log
from wa_desk.store import action_log
from wa_desk.store.local_store import LocalStore

INSTALL = "0190a5c4-0000-7000-8000-00000000a0d1"
LIMITS = {"alerts_per_device_per_hour": 3}


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    with running_hub(db_url) as running:
        yield running


def nested(levels: int) -> dict[str, Any]:
    """An object ``levels`` containers deep (the outermost one counted)."""
    value: Any = "fondo"
    for _ in range(levels - 1):
        value = {"n": value}
    return {"n": value}


def sealed_chain(
    device: str,
    actor: str,
    items: list[dict[str, Any]],
    *,
    start: int = 1,
    prev: str = GENESIS,
) -> list[dict[str, Any]]:
    """Events ``start``.. of one chain; each item may set at, kind, conversation, data."""
    events = []
    for seq, item in enumerate(items, start=start):
        event = seal(
            {
                "id": f"{device}-{seq}",
                "device": device,
                "seq": seq,
                "at": item.get("at", to_rfc3339(now_ms())),
                "actor": actor,
                "kind": item.get("kind", "note.added"),
                "conversation": item.get("conversation"),
                "data": item.get("data", {}),
            },
            prev,
        )
        events.append(event)
        prev = event["hash"]
    return events


def post(client: httpx.Client, events: list[dict[str, Any]]) -> httpx.Response:
    return client.post("/api/v1/events", json={"events": events})


def refused(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    return str(error["message"])


def agent(hub: RunningHub, name: str = "ana", queues: tuple[str, ...] = ("ventas",)) -> Any:
    user_id = hub.add_user(name, "agent", queues)
    return hub.login(name), user_id, f"{INSTALL}/{user_id}"


def conversation_in(hub: RunningHub, client: httpx.Client, wamid: str, wa_id: str) -> str:
    """A new conversation in ventas (the agent's queue), as the customer opens it."""
    hub.customer_writes(wamid, wa_id, "hola")
    items = client.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
    return str(items[0]["id"])


def held(hub: RunningHub, device: str) -> list[dict[str, Any]]:
    return hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, device, 0, 10_000)))


# -- 1. depth and size of event data ---------------------------------------------------


def test_deep_or_huge_event_data_is_refused_naming_the_event(hub: RunningHub) -> None:
    ana, me, device = agent(hub)
    limits = hub.ctx.settings.intake
    # Deeper than the per-event cap, still shallower than any body cap of the HTTP layer.
    deep = sealed_chain(device, me, [{}, {"data": nested(limits.max_event_data_depth + 4)}])
    message = refused(post(ana, deep), 400, "invalid_event")
    assert "seq 2" in message and "deep" in message
    big = {"texto": "x" * limits.max_event_data_bytes}
    message = refused(post(ana, sealed_chain(device, me, [{"data": big}])), 400, "invalid_event")
    assert "seq 1" in message and "bytes" in message
    assert held(hub, device) == []
    # At the caps exactly, an event goes in.
    fits = {"texto": "x" * (limits.max_event_data_bytes - len(canonical_json({"texto": ""})))}
    at_caps = sealed_chain(
        device, me, [{"data": nested(limits.max_event_data_depth)}, {"data": fits}]
    )
    assert post(ana, at_caps).status_code == 200


def _store_raw_rows(hub: RunningHub, device: str, actor: str, conv_id: str) -> None:
    """Rows as a hub before the caps could hold them: no intake check can remove them."""
    now = now_ms()
    deep_text = '{"n":' * 300 + "0" + "}" * 300
    rows = [
        (1, deep_text),
        (2, '{"not json'),
        (3, orjson.dumps({"texto": "x" * 3_000_000}).decode()),
        (4, '{"ok":true}'),
    ]

    def write(conn: Any) -> None:
        conn.execute(
            "INSERT INTO audit_devices (device, user_id, acked_seq, last_hash, base_seq, "
            "base_hash, first_seen_at, last_seen_at) VALUES (?, ?, 4, ?, 0, ?, ?, ?)",
            (device, actor, "0" * 64, GENESIS, now, now),
        )
        for seq, data in rows:
            conn.execute(
                "INSERT INTO audit_events (device, seq, id, at, at_ms, actor, kind, "
                "conversation_id, data, prev, hash, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (device, seq, f"raw-{seq}", to_rfc3339(now), now, actor, "note.added",
                 conv_id, data, "0" * 64, "0" * 64, now),
            )  # fmt: skip

    hub.ctx.db.write_sync(write)


def test_the_timeline_and_the_export_show_any_stored_row_with_a_marker(hub: RunningHub) -> None:
    ana, me, device = agent(hub)
    hub.add_user("lead", "supervisor", ("ventas",))
    lead = hub.login("lead")
    conv_id = conversation_in(hub, ana, "wamid.raw.1", "34611110001")
    _store_raw_rows(hub, device, me, conv_id)

    response = lead.get(f"/api/v1/supervisor/conversations/{conv_id}/timeline")
    assert response.status_code == 200, response.text[:300]
    rows = {i["seq"]: i for i in response.json()["items"] if i["source"] == "device"}
    assert rows[1]["data"] is None and rows[1]["data_problem"] == "too_deep"
    assert rows[2]["data"] is None and rows[2]["data_problem"] == "not_json"
    assert rows[3]["data"] is None and rows[3]["data_problem"] == "too_large"
    assert rows[4]["data"] == {"ok": True} and rows[4]["data_problem"] is None
    assert len(response.content) < 200_000

    now = now_ms()
    rng = ExportRange(now - DAY_MS, now + DAY_MS)
    for fmt in ("jsonl", "csv"):
        text = exported(hub, rng, fmt)
        assert len(text) < 200_000
        assert text.count(device) >= 4
    lines = [orjson.loads(line) for line in exported(hub, rng, "jsonl").splitlines()]
    mine = {r["seq"]: r for r in lines if r["device"] == device}
    assert mine[1]["data"] is None and mine[1]["data_problem"] == "too_deep"
    assert mine[2]["data_problem"] == "not_json" and mine[3]["data_problem"] == "too_large"
    assert mine[4]["data"] == {"ok": True} and "data_problem" not in mine[4]


def exported(hub: RunningHub, rng: ExportRange, fmt: audit_export.Format) -> str:
    out = io.StringIO()
    hub.run(hub.ctx.db.read(lambda c: audit_export.export(c, out, rng, fmt, "event", False)))
    return out.getvalue()


# -- 2. events about conversations the agent cannot see --------------------------------


def test_events_about_conversations_the_agent_cannot_see_are_refused(hub: RunningHub) -> None:
    ana, me, device = agent(hub)
    hub.customer_writes("wamid.other.1", "34611110002", "hola", phone_number_id=SUPPORT)
    hub.add_user("sop", "agent", ("soporte",))
    sop = hub.login("sop")
    theirs = sop.get("/api/v1/conversations").json()["items"][0]["id"]

    about_theirs = sealed_chain(device, me, [{"conversation": theirs}])
    message = refused(post(ana, about_theirs), 404, "not_found")
    assert theirs in message
    nowhere = sealed_chain(device, me, [{"conversation": "0190a5c4-no-such-conversation"}])
    refused(post(ana, nowhere), 404, "not_found")
    assert held(hub, device) == []

    # A conversation she held and transferred to a queue she is not in: what she did
    # about it, synced late, still goes in (else her chain would be stuck for good).
    mine = conversation_in(hub, ana, "wamid.mine.1", "34611110003")
    assert ana.post(f"/api/v1/conversations/{mine}/claim").status_code == 200
    moved = ana.post(f"/api/v1/conversations/{mine}/transfer", json={"to_queue": "soporte"})
    assert moved.status_code == 200, moved.text
    assert ana.get(f"/api/v1/conversations/{mine}").status_code == 404
    late = sealed_chain(
        device,
        me,
        [
            {"kind": "conversation.claimed", "conversation": mine},
            {"kind": "conversation.transferred", "conversation": mine},
        ],
    )
    accepted = post(ana, late)
    assert accepted.status_code == 200, accepted.text
    # ...and a conversation that was only ever routed to her queue, moved away since.
    routed = conversation_in(hub, ana, "wamid.routed.1", "34611110004")
    hub.add_user("lead", "supervisor", ("ventas", "soporte"))
    lead = hub.login("lead")
    assert lead.post(f"/api/v1/conversations/{routed}/transfer", json={"to_queue": "soporte"})
    more = sealed_chain(device, me, [{"conversation": routed}], start=3, prev=late[-1]["hash"])
    assert post(ana, more).status_code == 200, post(ana, more).text
    # The one she never had anything to do with stays refused, after a good batch too.
    again = sealed_chain(device, me, [{"conversation": theirs}], start=4, prev=more[-1]["hash"])
    refused(post(ana, again), 404, "not_found")


# -- 3. time ----------------------------------------------------------------------------


def test_an_at_far_from_the_hubs_clock_is_refused(hub: RunningHub) -> None:
    ana, me, device = agent(hub)
    for at, why in [
        ("0001-01-01T00:00:00.000Z", "older"),
        ("1970-01-01T00:00:00.000Z", "older"),
        (to_rfc3339(now_ms() - 31 * DAY_MS), "older"),
        (to_rfc3339(now_ms() + 3_600_000), "ahead"),
        ("9999-12-31T23:59:59.999Z", "ahead"),
    ]:
        response = post(ana, sealed_chain(device, me, [{}, {"at": at}]))
        message = refused(response, 400, "invalid_event")
        assert "seq 2" in message and why in message, (at, message)
    assert held(hub, device) == []


def test_an_at_that_goes_back_within_a_chain_is_refused(hub: RunningHub) -> None:
    ana, me, device = agent(hub)
    now = now_ms()
    inside = sealed_chain(device, me, [{"at": to_rfc3339(now)}, {"at": to_rfc3339(now - 60_000)}])
    message = refused(post(ana, inside), 400, "invalid_event")
    assert "seq 2" in message and "earlier" in message
    first = sealed_chain(device, me, [{"at": to_rfc3339(now)}])
    assert post(ana, first).status_code == 200
    across = sealed_chain(
        device, me, [{"at": to_rfc3339(now - 60_000)}], start=2, prev=first[0]["hash"]
    )
    message = refused(post(ana, across), 400, "invalid_event")
    assert "seq 2" in message and "earlier" in message
    same_ms = sealed_chain(device, me, [{"at": first[0]["at"]}], start=2, prev=first[0]["hash"])
    assert post(ana, same_ms).status_code == 200
    # Resending what the hub already holds is acknowledged, whatever its age by now.
    assert post(ana, [*first, *same_ms]).json()["acked_seq"] == 2


def test_timelines_and_purges_go_by_when_the_hub_received_an_event(hub: RunningHub) -> None:
    ana, me, device = agent(hub)
    hub.add_user("lead", "supervisor", ("ventas",))
    lead = hub.login("lead")
    conv_id = conversation_in(hub, ana, "wamid.time.1", "34611110005")
    # Within the accepted window, but claiming to be three weeks old.
    old_claim = to_rfc3339(now_ms() - 21 * DAY_MS)
    events = sealed_chain(device, me, [{"conversation": conv_id, "at": old_claim}])
    before = now_ms()
    assert post(ana, events).status_code == 200
    after = now_ms()

    items = lead.get(f"/api/v1/supervisor/conversations/{conv_id}/timeline").json()["items"]
    (mine,) = [i for i in items if i["source"] == "device"]
    assert mine["at"] == old_claim  # the device's claim is kept...
    assert before <= from_rfc3339(mine["received_at"]) <= after  # ...beside the hub's time
    first_message = next(i for i in items if i["source"] == "message")
    assert items.index(mine) > items.index(first_message)  # ordered by what the hub saw

    # A purge of everything older than a week leaves an event received a moment ago.
    def purge(conn: Any) -> retention.PurgePlan:
        now = now_ms()
        return retention.purge(conn, retention.cutoff_for(7, now), 7, "test", now)

    plan = hub.ctx.db.write_sync(purge)
    assert device not in [c.device for c in plan.chains]
    assert held(hub, device) == events


# -- 4. alerts ---------------------------------------------------------------------------


def _until_sentinel(reader: StreamReader) -> list[Sse]:
    seen: list[Sse] = []
    while True:
        try:
            event = reader.events.get(timeout=10)
        except queue.Empty:
            raise AssertionError(f"no sentinel alert; saw {seen!r}") from None
        if event.event == "alert.raised" and event.data.get("message") == "sentinel":
            return seen
        seen.append(event)


def test_a_flood_of_gapped_batches_raises_one_alert_for_the_agents_supervisors(
    db_url: str,
) -> None:
    with running_hub(db_url, hub_settings=_intake(LIMITS)) as hub:
        user_id = hub.add_user("ana", "agent", ("ventas",))
        ana = hub.login("ana")
        hub.add_user("lead_v", "supervisor", ("ventas",))
        hub.add_user("lead_s", "supervisor", ("soporte",))
        hub.login("lead_v"), hub.login("lead_s")
        readers = {n: StreamReader(hub.url, hub.tokens[n]) for n in ("lead_v", "lead_s")}
        try:
            for reader in readers.values():
                reader.take("ready")
            bait = "URGENT: call IT on +34 600 000 999"
            device = f"{bait}/{user_id}"
            for i in range(40):
                gapped = sealed_chain(
                    device, user_id, [{"data": {"texto": bait}}], start=5 + i, prev="f" * 64
                )
                refused(post(ana, gapped), 409, "audit_gap")
            hub.run(raise_alert(hub.ctx, "whatsapp_auth", "sentinel"))
            seen = {n: _until_sentinel(r) for n, r in readers.items()}
        finally:
            for reader in readers.values():
                reader.close()

        pushed = ("alert.raised", "alert.updated")
        assert [e for e in seen["lead_s"] if e.event in pushed] == []
        alerts = [e.data for e in seen["lead_v"] if e.event in pushed]
        assert 1 <= len(alerts) <= LIMITS["alerts_per_device_per_hour"]
        assert len({a["id"] for a in alerts}) == 1
        for alert in alerts:
            assert alert["kind"] == "audit_gap"
            text = orjson.dumps(alert).decode()
            assert "URGENT" not in text and "+34" not in text and "600 000" not in text
            assert "ana" in alert["message"] and re.search(r"seq \d+", alert["message"])
        assert "seq 5" in alerts[0]["message"]

        rows = hub.ctx.db.read_sync(
            lambda c: c.all("SELECT kind, count, message FROM alerts WHERE kind = 'audit_gap'")
        )
        assert len(rows) == 1 and int(rows[0]["count"]) == 40
        assert "URGENT" not in rows[0]["message"]


def _intake(overrides: dict[str, Any]) -> dict[str, Any]:
    from dataclasses import replace

    from wa_desk.hub.intake_limits import IntakeLimits

    return {"intake": replace(IntakeLimits(), **overrides)}


# -- the desktop never writes what the hub would refuse ---------------------------------


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _append_at(store_path: Path, install_id: str, user_id: str, at: int) -> None:
    """An action appended with the computer's clock reading ``at``."""
    conn = sqlite3.connect(store_path)
    conn.row_factory = sqlite3.Row
    with conn:
        action_log.append(conn, install_id, "note.added", user_id, None, {"n": at}, at)
    conn.close()


def _write_stale_row(store_path: Path, device: str, user_id: str, seq: int, prev: str) -> None:
    """An event as an older desktop could have written it: sealed, with a 1970 clock."""
    event = seal(
        {
            "id": f"stale-{seq}",
            "device": device,
            "seq": seq,
            "at": to_rfc3339(0),
            "actor": user_id,
            "kind": "note.added",
            "conversation": None,
            "data": {},
        },
        prev,
    )
    conn = sqlite3.connect(store_path)
    with conn:
        conn.execute(
            "INSERT INTO action_log (id, device, seq, at, actor, kind, conversation, data, "
            "prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event["id"], device, seq, event["at"], user_id, "note.added", None, "{}", prev,
             event["hash"]),
        )  # fmt: skip
    conn.close()


@pytest.mark.anyio
async def test_a_desktop_clock_that_goes_back_still_syncs_and_a_refusal_is_shown_once(
    tmp_path: Path,
) -> None:
    statuses: list[SyncStatus] = []
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub:
        me = hub.add_user("ana")
        async with HubApi(hub.url) as api:
            await api.login("ana", PASSWORD)
            path = tmp_path / "desk.sqlite3"
            with LocalStore.open(path) as store:
                now = now_ms()
                for at in (now, now - 3_600_000, now - 1_000):  # the clock put back an hour
                    _append_at(path, store.device_id, me, at)
                device = store.chain_id(me)
                local = store.chain_events(device, 0, 10)
                assert [e["at"] for e in local] == [to_rfc3339(now)] * 3
                syncer = EventSyncer(
                    store, api, me, statuses.append, linger=0.05, idle_poll=0.1,
                    backoff=Backoff(0.05, 0.3, jitter=1.0),
                )  # fmt: skip
                task = asyncio.create_task(syncer.run())
                try:
                    await _until(lambda: bool(statuses) and statuses[-1].pending == 0)
                    assert statuses[-1].problem is None

                    # A refused batch: the chain stops with a clear problem, no retry loop.
                    _write_stale_row(path, device, me, 4, local[-1]["hash"])
                    syncer.wake()
                    await _until(lambda: statuses[-1].problem is not None)
                    problem = statuses[-1].problem
                    assert problem is not None
                    assert "refused" in problem and "seq 4" in problem and "older" in problem
                    assert statuses[-1].refused  # the status bar says refused, not diverged
                    assert not await syncer.flush(within=1.0)
                    assert not task.done()
                finally:
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
        assert [e["seq"] for e in held(hub, device)] == [1, 2, 3]


async def _until(done: Any) -> None:
    """Polls the syncer's reports (they come from its own task) for up to 10 s."""
    async with asyncio.timeout(10):
        while not done():  # noqa: ASYNC110 - a condition on a list, not an event
            await asyncio.sleep(0.02)
