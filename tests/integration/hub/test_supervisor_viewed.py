"""``supervisor.viewed``: a lead reading a conversation they do not hold is in the hub's
chain once per 10 minutes, whichever of its views they open; the agent's own reading is
not; and nothing is marked read for the agent. SQLite, then PostgreSQL."""

from __future__ import annotations

from typing import Any

import orjson
from hub_harness import RunningHub

from wa_desk.hub import supervisor_views
from wa_desk.hub.queries import conversations, users
from wa_desk.hub.supervisor_views import VIEW_EVERY_MS, ViewedPart


def _views(hub: RunningHub) -> list[dict[str, Any]]:
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT actor, conversation_id, data, at_ms FROM audit_events "
            "WHERE kind = 'supervisor.viewed' ORDER BY seq"
        )
    )
    return [{**r, "data": orjson.loads(r["data"])} for r in rows]


def test_a_lead_reading_a_conversation_is_recorded_once_and_marks_nothing_read(
    hub: RunningHub,
) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    lead_id = hub.add_user("lead", "supervisor", ("ventas",))
    ana, lead = hub.login("ana"), hub.login("lead")
    cid = hub.new_conversation("34611111111", seen_by="ana")
    assert ana.post(f"/api/v1/conversations/{cid}/claim").status_code == 200
    before = ana.get(f"/api/v1/conversations/{cid}").json()
    assert before["unread"] == 1

    # The holder's own reading is no supervision.
    assert ana.get(f"/api/v1/conversations/{cid}/messages").status_code == 200
    assert _views(hub) == []

    for path in ("", "/messages"):
        assert lead.get(f"/api/v1/conversations/{cid}{path}").status_code == 200
    timeline = lead.get(f"/api/v1/supervisor/conversations/{cid}/timeline")
    assert timeline.status_code == 200
    views = _views(hub)
    assert len(views) == 1
    assert views[0]["actor"] == lead_id and views[0]["conversation_id"] == cid
    holder = before["assignee"]
    assert views[0]["data"] == {"view": "conversation", "queue": "ventas", "holder": holder}

    # Nothing read for the agent: the count and the inbox row are as they were.
    after = ana.get(f"/api/v1/conversations/{cid}").json()
    assert after["unread"] == before["unread"] == 1
    listed = ana.get("/api/v1/conversations").json()["items"]
    assert [c["unread"] for c in listed if c["id"] == cid] == [1]

    # Ten minutes on, a view is recorded again; within them, never twice.
    lead_user = hub.ctx.db.read_sync(lambda c: users.get_user(c, lead_id))
    row = hub.ctx.db.read_sync(lambda c: conversations.get(c, cid))
    assert lead_user is not None and row is not None
    later = views[0]["at_ms"] + VIEW_EVERY_MS
    write = hub.ctx.db.write_sync
    assert not write(
        lambda c: supervisor_views.record(c, lead_user, row, ViewedPart.TIMELINE, later - 1)
    ).value
    assert write(
        lambda c: supervisor_views.record(c, lead_user, row, ViewedPart.TIMELINE, later)
    ).value
    assert [v["data"]["view"] for v in _views(hub)] == ["conversation", "timeline"]
