"""A worked day on a real hub, for the reports and My day: customers write to ventas and
soporte (some hours ago, some now), agents claim, answer (or not) and close through the
hub's API, available while they work and away after. Everything is closed and nobody is
available any more, so every figure stays the same however often it is asked."""

from __future__ import annotations

import dataclasses
import time
from datetime import date, datetime
from typing import Any

import httpx
from hub_harness import SALES, SUPPORT, RunningHub, wait_for

from wa_desk.client.supervisor_api import report_bound
from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.hub.settings import policy_guidelines

# ventas: answer within 60 s, resolve within the hour; a two-item closing checklist.
GUIDELINES = policy_guidelines(
    {
        "sla": [
            {"queue": "ventas", "first_response": 60, "next_response": 600, "resolution": 3600},
            {"queue": "soporte", "first_response": 300},
        ],
        "checklists": [
            {
                "queue": "ventas",
                "items": [{"id": "greeted", "label": "G"}, {"id": "more", "label": "M"}],
            }
        ],
    }
)
TEAM = {"bea": ("agent", ("ventas",)), "carla": ("agent", ("soporte",))}
LEAD = "lola"


def _ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


def _serve(
    hub: RunningHub,
    agent: httpx.Client,
    wa_id: str,
    *,
    ago_s: int,
    reply: bool,
    phone: str = SALES,
) -> str:
    """A customer writes (``ago_s`` seconds ago); the agent claims, answers when
    ``reply``, and closes once WhatsApp has taken the answer."""
    hub.customer_writes(
        f"wamid.{wa_id}", wa_id, "Hola", ts=int(time.time()) - ago_s, phone_number_id=phone
    )

    def listed() -> str | None:
        items = agent.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
        return str(items[0]["id"]) if items else None

    cid: str = wait_for(listed)
    _ok(agent.post(f"/api/v1/conversations/{cid}/claim"))
    if reply:
        _ok(agent.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Buenos días"}))
        wait_for(
            lambda: all(
                m["status"] != "pending"
                for m in agent.get(f"/api/v1/conversations/{cid}/messages").json()["items"]
            )
        )
    closing: dict[str, Any] = {"disposition": "resolved"}
    if phone == SALES:
        closing["checklist"] = {"greeted": True, "more": reply}
    _ok(agent.post(f"/api/v1/conversations/{cid}/close", json=closing))
    return cid


def worked_day(hub: RunningHub) -> None:
    """ana (ventas), bea (ventas) and carla (soporte) work five conversations; lola
    (supervisor of both queues) is signed in to read about them."""
    hub.ctx.settings = dataclasses.replace(hub.ctx.settings, guidelines=GUIDELINES)
    for name, (role, queues) in TEAM.items():
        hub.add_user(name, role, queues)
    hub.add_user(LEAD, "supervisor", ("ventas", "soporte"))
    hub.login(LEAD)
    agents = {name: hub.login(name) for name in ("ana", "bea", "carla")}
    for client in agents.values():
        _ok(client.put("/api/v1/me/status", json={"status": "available"}))
    _serve(hub, agents["ana"], "34611110001", ago_s=120, reply=True)  # answered late
    _serve(hub, agents["ana"], "34611110002", ago_s=0, reply=True)
    _serve(hub, agents["bea"], "34611110003", ago_s=20 * 3600, reply=True)
    _serve(hub, agents["ana"], "34611110004", ago_s=5 * 3600, reply=False)  # abandoned
    _serve(hub, agents["carla"], "34622220005", ago_s=0, reply=True, phone=SUPPORT)
    for client in agents.values():
        _ok(client.put("/api/v1/me/status", json={"status": "away"}))


def hub_report(
    client: httpx.Client, bounds: tuple[datetime, datetime], group: ReportGroup
) -> dict[str, Any]:
    start, end = bounds
    params = {"from": report_bound(start), "to": report_bound(end), "group": group.value}
    return dict(_ok(client.get("/api/v1/supervisor/report", params=params)))


def hub_csv(client: httpx.Client, bounds: tuple[datetime, datetime]) -> bytes:
    start, end = bounds
    params = {"from": report_bound(start), "to": report_bound(end)}
    response = client.get("/api/v1/supervisor/report.csv", params=params)
    assert response.status_code == 200, response.text
    return response.content


def my_stats(client: httpx.Client, bounds: tuple[datetime, datetime]) -> dict[str, Any]:
    start, end = bounds
    params = {"from": report_bound(start), "to": report_bound(end)}
    return dict(_ok(client.get("/api/v1/me/stats", params=params)))


def today() -> date:
    return date.today()
