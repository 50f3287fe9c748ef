"""Promise figures in the report, the CSV and an agent's own figures (docs/kpis.md,
"Promises"), worked out by hand for two agents and a transfer. SQLite, then PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from hub_harness import RunningHub

FUTURE = "2099-01-01T10:00:00.000Z"
PAST = "2020-01-01T10:00:00.000Z"


def _range() -> dict[str, str]:
    today = datetime.now(UTC).date()
    return {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()}


def _ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


def _conversation(hub: RunningHub, client: httpx.Client, wamid: str, wa_id: str) -> str:
    hub.customer_writes(wamid, wa_id, "hola")
    items = client.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
    cid = str(items[0]["id"])
    _ok(client.post(f"/api/v1/conversations/{cid}/claim"))
    return cid


def _promise(client: httpx.Client, cid: str, due: str) -> str:
    made = _ok(
        client.post(f"/api/v1/conversations/{cid}/promises", json={"what": "x", "due_at": due})
    )
    return str(made["id"])


def test_promises_made_kept_broken_and_left_open_per_queue_and_agent(hub: RunningHub) -> None:
    ana_id, beto_id = hub.add_user("ana"), hub.add_user("beto")
    hub.add_user("lead", "supervisor", ("ventas",))
    ana, beto, lead = hub.login("ana"), hub.login("beto"), hub.login("lead")

    # Conversation A: Ana promises twice (one already past due, kept late), hands the
    # conversation and the other promise to Beto, who keeps it in time, promises twice
    # more (one broken, one past due and left open) and closes.
    a = _conversation(hub, ana, "wamid.k1", "34611100081")
    on_time, late = _promise(ana, a, FUTURE), _promise(ana, a, PAST)
    _ok(ana.post(f"/api/v1/promises/{late}/keep", json={}))
    _ok(ana.post(f"/api/v1/conversations/{a}/transfer", json={"to_user": beto_id}))
    _ok(ana.post(f"/api/v1/promises/{on_time}/transfer", json={"to_user": beto_id}))
    _ok(beto.post(f"/api/v1/promises/{on_time}/keep", json={}))
    broken = _promise(beto, a, FUTURE)
    _ok(beto.post(f"/api/v1/promises/{broken}/break", json={"reason": "sin stock"}))
    _promise(beto, a, PAST)  # overdue, and still open at the close
    _ok(beto.post(f"/api/v1/conversations/{a}/close", json={"disposition": "resolved"}))
    # Conversation B: Ana, no promise, closed.
    b = _conversation(hub, ana, "wamid.k2", "34611100082")
    _ok(ana.post(f"/api/v1/conversations/{b}/close", json={"disposition": "resolved"}))

    figures = (
        "promises_made",
        "promises_kept_on_time",
        "promises_kept_late",
        "promises_broken",
        "promises_overdue",
        "closed_with_open_promise_percent",
    )

    def report(group: str) -> dict[str, dict[str, Any]]:
        body = _ok(lead.get("/api/v1/supervisor/report", params={**_range(), "group": group}))
        return {g["key"]: {k: g[k] for k in figures} for g in body["groups"]}

    # The queue: four made; one kept on time, one late, one broken, one overdue; of two
    # closed conversations, one closed with a promise open.
    assert report("queue") == {"ventas": dict(zip(figures, (4, 1, 1, 1, 1, 50.0), strict=True))}
    by_agent = report("agent")
    # Ana held A and B: she made two; she owns the one kept late (the other is Beto's
    # now); A closed with one open, B without.
    assert by_agent[ana_id] == dict(zip(figures, (2, 0, 1, 0, 0, 50.0), strict=True))
    # Beto held A: he made two, owns three (the one handed to him, kept in time; his
    # broken one; his overdue one), and A closed with one open.
    assert by_agent[beto_id] == dict(zip(figures, (2, 1, 0, 1, 1, 100.0), strict=True))

    # The agent's own figures are their group of the report.
    mine = _ok(beto.get("/api/v1/me/stats", params=_range()))["figures"]
    assert {k: mine[k] for k in figures} == by_agent[beto_id]

    response = lead.get("/api/v1/supervisor/report.csv", params=_range())
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(response.text))}
    columns = ("promises_made", "promises_kept_on_time", "promises_kept_late",
               "promises_broken", "promises_overdue", "closed_with_open_promise")  # fmt: skip
    assert [rows[a][c] for c in columns] == ["4", "1", "1", "1", "1", "yes"]
    assert [rows[b][c] for c in columns] == ["0", "0", "0", "0", "0", "no"]
