"""The promise alerts (docs/kpis.md, "Alerts"): a promise due within the hour with nothing
done, then overdue; each names the owner and the customer, reaches the leads of the
conversation's queue, follows a hand-over and resolves once the promise is kept.
SQLite, then PostgreSQL; the pass's "now" is moved ahead instead of waiting."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.hub.alert_loop import evaluate_once
from wa_desk.hub.settings import policy_guidelines

MINUTE_MS = 60_000
WA_ID = "34611100091"


@pytest.fixture
def frozen(db_url: str) -> Iterator[RunningHub]:
    """A hub whose own alert loop waits an hour between passes: the test runs them."""
    settings = {"guidelines": policy_guidelines({}), "alert_interval_seconds": 3600}
    with running_hub(db_url, hub_settings=settings) as hub:
        yield hub


def _promise_alerts(lead: httpx.Client) -> list[dict[str, Any]]:
    response = lead.get("/api/v1/supervisor/alerts", params={"state": "all", "limit": 500})
    assert response.status_code == 200, response.text
    return [a for a in response.json()["items"] if a["kind"].startswith("promise_")]


def test_due_soon_then_overdue_naming_owner_and_customer_until_kept(frozen: RunningHub) -> None:
    hub = frozen
    ana_id, beto_id = hub.add_user("ana"), hub.add_user("beto")
    hub.add_user("lead", "supervisor", ("ventas",))
    hub.add_user("otra", "supervisor", ("soporte",))
    ana, lead, otra = hub.login("ana"), hub.login("lead"), hub.login("otra")
    hub.customer_writes("wamid.a1", WA_ID, "¿Me llamáis?", name="Lucía Pérez")
    cid = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    start = now_ms()
    due = start + 90 * MINUTE_MS
    made = ana.post(
        f"/api/v1/conversations/{cid}/promises",
        json={"what": "Te llamo en hora y media", "due_at": to_rfc3339(due)},
    )
    assert made.status_code == 201, made.text
    promise = made.json()

    def pass_at(ms: int) -> None:
        hub.run(evaluate_once(hub.ctx, ms))

    # 90 minutes ahead: nothing yet.
    pass_at(start)
    assert _promise_alerts(lead) == []
    # 45 minutes before the due date: due soon, a warning.
    pass_at(due - 45 * MINUTE_MS)
    (soon,) = _promise_alerts(lead)
    assert (soon["kind"], soon["severity"], soon["state"]) == (
        "promise_due_soon",
        "warning",
        "open",
    )
    assert soon["subject"] == f"{promise['id']}/{ana_id}"
    assert soon["details"] == {
        "promise_id": promise["id"],
        "conversation_id": cid,
        "queue": "ventas",
        "due_at": to_rfc3339(due),
        "owner": ana_id,
        "owner_name": "ana",
        "wa_id": WA_ID,
        "customer_name": "Lucía Pérez",
    }
    assert "ana" in soon["message"] and "Lucía Pérez" in soon["message"]
    # A lead of another queue sees nothing of it; an agent no alerts at all.
    assert _promise_alerts(otra) == []
    assert ana.get("/api/v1/supervisor/alerts").status_code == 403

    # Past the due date: overdue, critical; the due-soon alert resolves.
    pass_at(due + MINUTE_MS)
    by_kind = {a["kind"]: a for a in _promise_alerts(lead)}
    assert by_kind["promise_due_soon"]["state"] == "resolved"
    overdue = by_kind["promise_overdue"]
    assert (overdue["severity"], overdue["state"]) == ("critical", "open")

    # Handed to Beto: the alert about Ana's resolves, a new one names Beto.
    handed = ana.post(f"/api/v1/promises/{promise['id']}/transfer", json={"to_user": beto_id})
    assert handed.status_code == 200, handed.text
    pass_at(due + 2 * MINUTE_MS)
    unresolved = [a for a in _promise_alerts(lead) if a["state"] != "resolved"]
    assert [(a["kind"], a["details"]["owner_name"]) for a in unresolved] == [
        ("promise_overdue", "beto")
    ]

    # Kept: nothing left open.
    kept = hub.login("beto").post(f"/api/v1/promises/{promise['id']}/keep", json={})
    assert kept.status_code == 200
    pass_at(due + 3 * MINUTE_MS)
    assert all(a["state"] == "resolved" for a in _promise_alerts(lead))


def test_a_rescheduled_promise_is_no_longer_due_soon(frozen: RunningHub) -> None:
    hub = frozen
    hub.add_user("ana")
    hub.add_user("lead", "supervisor", ("ventas",))
    ana, lead = hub.login("ana"), hub.login("lead")
    hub.customer_writes("wamid.a2", WA_ID, "hola")
    cid = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    start = now_ms()
    due = start + 30 * MINUTE_MS
    promise = ana.post(
        f"/api/v1/conversations/{cid}/promises",
        json={"what": "Te escribo", "due_at": to_rfc3339(due)},
    ).json()
    hub.run(evaluate_once(hub.ctx, start))
    assert [a["kind"] for a in _promise_alerts(lead)] == ["promise_due_soon"]
    later = to_rfc3339(due + 24 * 60 * MINUTE_MS)
    moved = ana.post(
        f"/api/v1/promises/{promise['id']}/reschedule",
        json={"due_at": later, "reason": "Almacén cerrado"},
    )
    assert moved.status_code == 200
    hub.run(evaluate_once(hub.ctx, start + MINUTE_MS))
    assert [a["state"] for a in _promise_alerts(lead)] == ["resolved"]
