"""A supervisor takes a conversation over from the agent who holds it
(``POST /api/v1/conversations/{id}/takeover``), and the hub's other routes follow the same
permissions (``core.conversation_permissions``) the desktop shows its buttons by. On both
stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub
from sse_reader import StreamReader

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.conversation import Role, State
from wa_desk.core.conversation_permissions import Actor, ConversationAction, Place
from wa_desk.core.conversation_permissions import allowed_actions as allowed
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import audit_export
from wa_desk.hub.queries.audit_log import HUB_DEVICE

# name: (role, queues)
TEAM = {
    "bruno": ("agent", ("ventas",)),
    "carla": ("agent", ("ventas",)),
    "lidia": ("supervisor", ("ventas",)),
    "olga": ("supervisor", ("soporte",)),
    "root": ("admin", ()),
}


@pytest.fixture(scope="module")
def hub(module_db_url: str) -> Iterator[RunningHub]:
    with running_hub(module_db_url) as running:
        running.sign_in_team(TEAM)
        yield running


def _client(hub: RunningHub, name: str) -> httpx.Client:
    return hub.client(name)


def _conversation(hub: RunningHub, customer: str) -> str:
    return hub.new_conversation(customer, seen_by="lidia")


def _post(hub: RunningHub, name: str, conv_id: str, action: str, **kw: Any) -> httpx.Response:
    return _client(hub, name).post(f"/api/v1/conversations/{conv_id}/{action}", **kw)


def _held_by_bruno(hub: RunningHub, customer: str) -> str:
    conv_id = _conversation(hub, customer)
    assert _post(hub, "bruno", conv_id, "claim").status_code == 200
    return conv_id


def _export_row(hub: RunningHub, conv_id: str) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    rng = audit_export.parse_range(str(today - timedelta(days=1)), str(today + timedelta(days=1)))
    rows = hub.run(
        hub.ctx.db.read(lambda c: list(audit_export.conversation_rows(c, rng, redacted=False)))
    )
    (row,) = [r for r in rows if r["id"] == conv_id]
    return row


def test_a_supervisor_takes_over_and_the_agent_hears_it(hub: RunningHub) -> None:
    conv_id = _held_by_bruno(hub, "34622000001")
    bruno_stream = StreamReader(hub.url, hub.tokens["bruno"])
    try:
        bruno_stream.take("ready")
        response = _post(hub, "lidia", conv_id, "takeover", headers={"Idempotency-Key": "k-1"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["state"], body["assignee"]) == ("assigned", hub.user_ids["lidia"])

        # bruno's app hears it left him, and who took it, then the conversation as it is.
        notice = bruno_stream.take(StreamEventKind.CONVERSATION_TAKEN_OVER)
        assert notice.data == {
            "conversation_id": conv_id,
            "from_user": hub.user_ids["bruno"],
            "by_user": hub.user_ids["lidia"],
            "by_name": "lidia",
        }
        updated = bruno_stream.take(StreamEventKind.CONVERSATION_UPDATED)
        assert updated.data["assignee"] == hub.user_ids["lidia"]
    finally:
        bruno_stream.close()

    # The hub's fact names both, with the request's key.
    timeline = _client(hub, "lidia").get(f"/api/v1/supervisor/conversations/{conv_id}/timeline")
    assert timeline.status_code == 200, timeline.text
    (fact,) = [
        i
        for i in timeline.json()["items"]
        if i["source"] == "hub" and i["kind"] == AuditKind.CONVERSATION_TAKEN_OVER
    ]
    assert fact["actor"]["name"] == "lidia"
    assert fact["data"] == {
        "from_user": hub.user_ids["bruno"],
        "to_user": hub.user_ids["lidia"],
        "queue": "ventas",
        "idempotency_key": "k-1",
    }
    assert fact["device"] == HUB_DEVICE
    # The export lists both as assignees, in order.
    assert _export_row(hub, conv_id)["assignees"] == ["bruno", "lidia"]

    # bruno no longer holds it: his send, release and close are refused.
    assert _post(hub, "bruno", conv_id, "release").status_code == 403
    sent = _post(hub, "bruno", conv_id, "messages", json={"type": "text", "text": "Hola"})
    assert sent.status_code == 403 and sent.json()["error"]["code"] == "not_assignee"


@pytest.mark.parametrize(
    ("customer", "who", "setup", "status", "code"),
    [
        ("34622100001", "carla", "held", 403, "supervisor_only"),  # an agent
        ("34622100002", "bruno", "held", 403, "supervisor_only"),  # the holder, an agent
        ("34622100003", "lidia", "queued", 409, "not_assigned"),  # nobody holds it
        ("34622100004", "lidia", "closed", 409, "conversation_closed"),
        ("34622100005", "olga", "held", 404, "not_found"),  # a supervisor of another queue
    ],
)
def test_a_takeover_is_refused_with_a_stable_code(
    hub: RunningHub, customer: str, who: str, setup: str, status: int, code: str
) -> None:
    conv_id = _conversation(hub, customer)
    if setup in ("held", "closed"):
        assert _post(hub, "bruno", conv_id, "claim").status_code == 200
    if setup == "closed":
        closed = _post(hub, "bruno", conv_id, "close", json={"disposition": "resolved"})
        assert closed.status_code == 200, closed.text
    response = _post(hub, who, conv_id, "takeover")
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


def test_an_admin_takes_over_and_a_second_takeover_is_already_theirs(hub: RunningHub) -> None:
    conv_id = _held_by_bruno(hub, "34622000002")
    assert _post(hub, "root", conv_id, "takeover").status_code == 200
    again = _post(hub, "root", conv_id, "takeover")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_yours"
    # The supervisor of the queue may take it from the admin in turn.
    assert _post(hub, "lidia", conv_id, "takeover").status_code == 200
    assert _export_row(hub, conv_id)["assignees"] == ["bruno", "root", "lidia"]


def test_the_hub_refuses_exactly_what_the_shared_rules_do_not_allow(hub: RunningHub) -> None:
    """Each of carla's, lidia's and root's actions on bruno's, a queued and a closed
    conversation: the hub takes it exactly when ``allowed_actions`` lists it."""
    bodies = {
        ConversationAction.TRANSFER: {"to_queue": "soporte"},
        ConversationAction.CLOSE: {"disposition": "resolved"},
    }
    n = 0
    for name in ("carla", "lidia", "root"):
        role, queues = TEAM[name]
        actor = Actor(hub.user_ids[name], Role(role), frozenset(queues))
        for setup in ("held", "queued", "closed"):
            for action in ConversationAction:
                n += 1
                conv_id = _conversation(hub, f"3462300{n:04d}")
                if setup != "queued":
                    assert _post(hub, "bruno", conv_id, "claim").status_code == 200
                if setup == "closed":
                    assert (
                        _post(hub, "bruno", conv_id, "close", json=bodies[ConversationAction.CLOSE])
                    ).status_code == 200
                state = {"held": State.ASSIGNED, "queued": State.QUEUED, "closed": State.CLOSED}
                assignee = hub.user_ids["bruno"] if setup == "held" else None
                place = Place(state[setup], assignee, "ventas")
                response = _post(hub, name, conv_id, action.value, json=bodies.get(action, {}))
                expected = action in allowed(actor, place)
                assert (response.status_code == 200) == expected, (
                    name,
                    setup,
                    action,
                    response.text,
                )
