"""``wa-desk demo``: hub and simulator as child processes, seeded, with live customers."""

from __future__ import annotations

import httpx
from hub_harness import wait_for

from wa_desk.demo import DEMO_PASSWORD, running_demo


def test_the_demo_shows_a_live_contact_center() -> None:
    with running_demo(customers=4, rate=4.0) as env:
        login = httpx.post(
            f"{env.hub_url}/api/v1/auth/login",
            json={"username": "lucia", "password": DEMO_PASSWORD},
        )
        assert login.status_code == 200, login.text
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        with httpx.Client(base_url=env.hub_url, headers=headers, timeout=10) as lead:
            conversations = wait_for(
                lambda: lead.get("/api/v1/conversations").json()["items"], timeout=30
            )
            assert {c["queue"] for c in conversations} <= {"ventas", "soporte"}
            templates = wait_for(lambda: lead.get("/api/v1/templates").json()["items"])
            assert any(t["language"].startswith("es") for t in templates)
            # Canned replies in Spanish and English, for every queue and queues' own.
            canned = lead.get("/api/v1/policy").json()["canned_replies"]
            assert {r["language"] for r in canned} == {"es", "en"}
            assert {r["queue"] for r in canned} == {"*", "ventas", "soporte"}
    # Everything stopped with the demo: the hub no longer answers.
    try:
        httpx.get(f"{env.hub_url}/healthz", timeout=1)
    except httpx.HTTPError:
        pass
    else:
        raise AssertionError("the hub outlived the demo")


def test_the_demo_has_a_past_and_colleagues_at_work() -> None:
    with running_demo(customers=4, rate=2.0, colleagues=1, history_weeks=1) as env:
        login = httpx.post(
            f"{env.hub_url}/api/v1/auth/login",
            json={"username": "lucia", "password": DEMO_PASSWORD},
        )
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        with httpx.Client(base_url=env.hub_url, headers=headers, timeout=10) as lead:
            closed = lead.get("/api/v1/conversations", params={"state": "closed"}).json()
            assert closed["items"], "no seeded past"

            def answered_by_diego() -> bool:
                # Whoever waits longest first: out of hours (a weekend, an evening) the
                # seeded past leaves customers waiting, and the colleague starts with them.
                params = {"state": "assigned", "limit": 100}
                items = lead.get("/api/v1/conversations", params=params).json()["items"]
                return any(c["assignee_name"] == "diego" and c["first_response_at"] for c in items)

            wait_for(answered_by_diego, timeout=90, interval=0.5)
