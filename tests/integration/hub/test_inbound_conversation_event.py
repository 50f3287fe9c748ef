"""A customer message announces its conversation as the conversation then stands: the
``conversation.updated`` a webhook appends is read in the same round trip as the
message's update of the conversation, and must equal the conversation read afterwards
(as ``GET /api/v1/conversations/{id}`` and every other change announce it), including
what comes from other tables: the contact's new name, their marketing opt-out and the
assignee's name. SQLite, then PostgreSQL."""

from __future__ import annotations

import orjson
from hub_harness import RunningHub

from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.queries import conversations, stream_log

WA_ID = "34611223344"


def _last_update(hub: RunningHub, conversation_id: str) -> dict[str, object]:
    events = hub.ctx.db.read_sync(lambda c: stream_log.since(c, 0, 100_000))
    updates = [
        e
        for e in events
        if e.kind == StreamEventKind.CONVERSATION_UPDATED and e.conversation_id == conversation_id
    ]
    data: dict[str, object] = orjson.loads(updates[-1].data)
    return data


def _as_read(hub: RunningHub, conversation_id: str) -> dict[str, object]:
    row = hub.ctx.db.read_sync(lambda c: conversations.get(c, conversation_id))
    assert row is not None
    return conversations.view(row)


def test_a_customer_message_announces_the_conversation_as_it_then_stands(hub: RunningHub) -> None:
    hub.add_user("ana")
    ana = hub.login("ana")
    conversation_id = hub.new_conversation(WA_ID, seen_by="ana")
    assert _last_update(hub, conversation_id) == _as_read(hub, conversation_id)

    assert ana.post(f"/api/v1/conversations/{conversation_id}/claim").status_code == 200
    hub.ctx.db.write_sync(
        lambda c: c.execute(
            "UPDATE contacts SET marketing_opt_out = ?, marketing_opt_out_at = ? WHERE wa_id = ?",
            ('{"source": "user"}', 1_700_000_000_000, WA_ID),
        )
    )
    hub.customer_writes("wamid.again", WA_ID, "¿Sigue ahí?", name="Lucía Pérez Gil")

    announced = _last_update(hub, conversation_id)
    assert announced == _as_read(hub, conversation_id)
    assert announced["contact"] == {
        "wa_id": WA_ID,
        "name": "Lucía Pérez Gil",
        "marketing_opt_out": {"at": "2023-11-14T22:13:20.000Z", "source": "user"},
    }
    assert announced["assignee_name"] == "ana"
    assert announced["last_message_preview"] == "¿Sigue ahí?"
