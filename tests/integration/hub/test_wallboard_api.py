"""``GET /api/v1/supervisor/wallboard``: the figures of docs/kpis.md "Wallboard" from
conversations built through the real API and webhooks, worked out by hand, and who sees
which rows. SQLite, then PostgreSQL.

The queue's time zone is chosen so that it is around noon there when the test runs: the
conversations of the last hour are then "today" whatever the hour in UTC, and the one of
23 h 30 min ago is not."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from hub_harness import SUPPORT, RunningHub, running_hub, status_webhook, wait_for

from wa_desk.core.clock import from_rfc3339, now_ms, to_rfc3339
from wa_desk.hub import wallboard
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.settings import policy_guidelines
from wa_desk.hub.wallboard_live import LiveConversations


def _noon_zone() -> str:
    """A fixed-offset zone in which it is now between 10:00 and 14:00."""
    offset = 12 - datetime.now(UTC).hour  # hours east of UTC
    offset = max(-12, min(14, offset))
    return "UTC" if offset == 0 else f"Etc/GMT{-offset:+d}"  # Etc/GMT-3 is UTC+3


ZONE = _noon_zone()
# Open around the clock (business time = wall time); first response 1 h (at risk from
# 48 min), next response 10 min, resolution 2 h.
POLICY = {
    "sla": [
        {
            "queue": "ventas",
            "first_response": 3600,
            "next_response": 600,
            "resolution": 7200,
            "time_zone": ZONE,
        }
    ],
}


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    # WhatsApp's statuses of the replies come later than any test here lasts: the test that
    # needs one sends it itself.
    later = {"sent_after_s": 3600.0, "delivered_after_s": 3600.0, "read_after_s": 3600.0}
    settings = {"guidelines": policy_guidelines(POLICY)}
    with running_hub(db_url, hub_settings=settings, sim_settings=later) as running:
        running.add_user("ana", "agent", ("ventas",))
        running.add_user("bea", "agent", ("soporte",))
        running.add_user("lead", "supervisor", ("ventas",))
        running.add_user("root", "admin", ())
        yield running


def _ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


def _conversation(client: httpx.Client, wa_id: str) -> str:
    found = wait_for(
        lambda: client.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
    )
    return str(found[0]["id"])


def _instants(client: httpx.Client, cid: str, count: int) -> list[int]:
    """The stored timestamps of the conversation's messages, oldest first, once all
    ``count`` are stored and none is still pending."""

    def ready() -> list[dict[str, Any]] | None:
        items: list[dict[str, Any]] = client.get(f"/api/v1/conversations/{cid}/messages").json()[
            "items"
        ]
        done = len(items) == count and all(m["status"] != "pending" for m in items)
        return items if done else None

    return [from_rfc3339(m["timestamp"]) for m in wait_for(ready)]


def _after(ms: int) -> None:
    wait_for(lambda: now_ms() > ms)


def _morning(hub: RunningHub) -> dict[str, int]:
    """Four conversations of ventas and one of soporte; the instants the hub stored."""
    ana = hub.login("ana")
    now_s = int(time.time())
    # c1: wrote 23 h 30 min ago, nobody answered: its window closes in 30 min.
    hub.customer_writes("wamid.c1", "34600000001", "hola", ts=now_s - 84_600)
    # c2: wrote 50 min ago; ana holds it without answering: at risk (48 of 60 min).
    hub.customer_writes("wamid.c2", "34600000002", "hola", ts=now_s - 3000)
    c2 = _conversation(ana, "34600000002")
    _ok(ana.post(f"/api/v1/conversations/{c2}/claim"))
    # c3: wrote 2 min ago; ana answers, the customer writes again, ana answers, closes.
    hub.customer_writes("wamid.c3a", "34600000003", "hola", ts=now_s - 120)
    c3 = _conversation(ana, "34600000003")
    _ok(ana.post(f"/api/v1/conversations/{c3}/claim"))
    _ok(ana.post(f"/api/v1/conversations/{c3}/messages", json={"text": "Dime"}))
    reply1 = _instants(ana, c3, 2)[1]
    _after(reply1 + 1000)
    again = int(time.time())
    hub.customer_writes("wamid.c3b", "34600000003", "¿y?", ts=again)
    _instants(ana, c3, 3)
    _after(again * 1000 + 500)
    _ok(ana.post(f"/api/v1/conversations/{c3}/messages", json={"text": "Hecho"}))
    c3_times = _instants(ana, c3, 4)
    _ok(ana.post(f"/api/v1/conversations/{c3}/close", json={"disposition": "resolved"}))
    # c4: wrote 100 s ago; ana closes it without a reply: abandoned, not within 60 s.
    hub.customer_writes("wamid.c4", "34600000004", "hola", ts=now_s - 100)
    c4 = _conversation(ana, "34600000004")
    _ok(ana.post(f"/api/v1/conversations/{c4}/claim"))
    _ok(ana.post(f"/api/v1/conversations/{c4}/close", json={"disposition": "resolved"}))
    # c5: soporte, just now.
    hub.customer_writes("wamid.c5", "34600000005", "hola", ts=now_s, phone_number_id=SUPPORT)
    return {
        "c1": (now_s - 84_600) * 1000,
        "c2": (now_s - 3000) * 1000,
        "first": c3_times[1] - c3_times[0],
        "next": c3_times[3] - c3_times[2],
    }


def _board(client: httpx.Client) -> dict[str, Any]:
    body: dict[str, Any] = _ok(client.get("/api/v1/supervisor/wallboard"))
    return body


def test_the_wallboard_gives_the_figures_the_definitions_give(hub: RunningHub) -> None:
    t = _morning(hub)
    lead = hub.login("lead")
    body = wait_for(lambda: (b := _board(lead))["queues"][0]["open"] == 2 and b)
    taken = from_rfc3339(body["taken_at"])
    (ventas,) = body["queues"]
    assert ventas == {
        "type": "queue",
        "queue": "ventas",
        "day": datetime.fromtimestamp(taken / 1000, UTC)
        .astimezone(ZoneInfo(ZONE))
        .date()
        .isoformat(),
        "time_zone": ZONE,
        "taken_at": body["taken_at"],
        "open": 2,  # c1, c2
        "assigned": 1,  # c2
        "waiting": 2,  # c1, c2
        "longest_wait_since": to_rfc3339(t["c1"]),
        "longest_wait_ms": taken - t["c1"],
        "longest_wait_business_ms": taken - t["c1"],
        "oldest_unanswered_at": to_rfc3339(t["c1"]),
        "closed_today": 2,  # c3, c4
        # Clocks started today: c3's three met; c4's first response breached (abandoned),
        # its resolution met; c2's still running; c1's started yesterday → 4 ÷ 5.
        "sla_percent_today": 80.0,
        "first_response_median_today_ms": t["first"],  # c3's only
        "first_response_median_today_business_ms": t["first"],
        "next_response_median_today_ms": t["next"],
        "next_response_median_today_business_ms": t["next"],
        "abandoned_today": 1,  # c4
        "at_risk": 1,  # c2
        "windows_closing": 1,  # c1
    }
    ana = next(a for a in body["agents"] if a["name"] == "ana")
    assert {k: v for k, v in ana.items() if k not in ("id", "since", "taken_at")} == {
        "type": "agent",
        "name": "ana",
        "queues": ["ventas"],
        "status": ana["status"],
        "open": 1,  # c2
        "capacity": 5,  # the built-in default
        "load": 0.2,
        "handled_today": 3,  # c2, c3, c4
        "next_response_median_today_ms": t["next"],
        "next_response_median_today_business_ms": t["next"],
        "customer_waiting_since": to_rfc3339(t["c2"]),
        "customer_waiting_ms": taken - t["c2"],
        "customer_waiting_business_ms": taken - t["c2"],
        "overrides_today": 0,
    }


def test_only_leads_see_the_wallboard_and_each_only_their_queues(hub: RunningHub) -> None:
    hub.customer_writes("wamid.v", "34600000011", "hola")
    hub.customer_writes("wamid.s", "34600000012", "hola", phone_number_id=SUPPORT)
    ana, lead, root = hub.login("ana"), hub.login("lead"), hub.login("root")
    refused = ana.get("/api/v1/supervisor/wallboard")
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "forbidden"

    mine = _board(lead)
    assert [q["queue"] for q in mine["queues"]] == ["ventas"]
    assert sorted(a["name"] for a in mine["agents"]) == ["ana", "lead"]  # not bea (soporte)

    everything = wait_for(lambda: (b := _board(root))["queues"][1]["waiting"] == 1 and b)
    assert [q["queue"] for q in everything["queues"]] == ["soporte", "ventas"]
    assert sorted(a["name"] for a in everything["agents"]) == ["ana", "bea", "lead"]


def test_the_pushers_kept_conversations_give_the_board_a_fresh_read_gives(
    hub: RunningHub,
) -> None:
    """The pusher reads again only what changed, and computes again only what a clock's
    threshold changed: at every moment its rows are those a read from scratch gives, as
    the conversations change and as the clock passes an at-risk mark, a breach, a window's
    expiry and midnight."""
    kept = LiveConversations()
    guidelines = hub.ctx.settings.guidelines
    configured = [q.name for q in hub.ctx.settings.queues]
    ventas = frozenset({"ventas"})
    agents = frozenset(hub.user_ids.values())

    def same(now: int) -> None:
        def boards(c: Conn) -> tuple[wallboard.Board, ...]:
            # A pass for some rows first (what a write makes dirty), then one for every row.
            again_rows = wallboard.rows_of(c, guidelines, now, ventas, agents, kept)
            again = wallboard.board(c, guidelines, configured, now, None, kept)
            fresh_rows = wallboard.rows_of(c, guidelines, now, ventas, agents)
            return (
                wallboard.board(c, guidelines, configured, now, None),
                again,
                fresh_rows,
                again_rows,
            )

        fresh, again, fresh_rows, again_rows = hub.ctx.db.read_sync(boards)
        assert again == fresh
        assert again_rows == fresh_rows

    same(now_ms())
    _morning(hub)
    same(now_ms())
    ana = hub.login("ana")
    c1 = _conversation(ana, "34600000001")
    _ok(ana.post(f"/api/v1/conversations/{c1}/claim"))
    c2 = _conversation(ana, "34600000002")  # a reply: its row changes, its state does not
    _ok(ana.post(f"/api/v1/conversations/{c2}/messages", json={"text": "Dime"}))
    _instants(ana, c2, 2)
    same(now_ms())

    # Kept messages change: WhatsApp fails the reply, and a customer message it stamped
    # before the reply arrives after it (the pusher reads only these two again).
    def c2_messages() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = ana.get(f"/api/v1/conversations/{c2}/messages").json()[
            "items"
        ]
        return items

    reply = c2_messages()[1]
    failed = status_webhook(reply["wamid"], "34600000002", "failed", error=(131026, "x"))
    assert hub.post_webhook(failed).status_code == 200
    hub.customer_writes("wamid.c2.late", "34600000002", "perdón", ts=int(time.time()) - 2000)
    wait_for(lambda: (m := c2_messages()) and len(m) == 3 and m[2]["status"] == "failed")
    assert [m["text"] for m in c2_messages()] == ["hola", "perdón", "Dime"]
    same(now_ms())
    _ok(ana.post(f"/api/v1/conversations/{c1}/close", json={"disposition": "resolved"}))
    now = now_ms()
    minute = 60_000
    # c2 turns breached within 10 min; c1's window would close in 30; midnight comes
    # within 14 h; the day's conversations are gone after 25 h.
    for later in (0, 1, 5 * minute, 11 * minute, 31 * minute, 14 * 60 * minute, 26 * 60 * minute):
        same(now + later)
