"""A malformed but accepted webhook message is stored with its problems' codes, and the
API gives those codes beside the English details; messages stored before codes existed
still read."""

from __future__ import annotations

from hub_harness import RunningHub, text_webhook

from wa_desk.core.message_problems import MessageProblem


def _messages(hub: RunningHub) -> list[dict[str, object]]:
    hub.add_user("ana", "agent", ("ventas",))
    ana = hub.login("ana")
    [conv] = ana.get("/api/v1/conversations").json()["items"]
    items: list[dict[str, object]] = ana.get(f"/api/v1/conversations/{conv['id']}/messages").json()[
        "items"
    ]
    return items


def test_a_malformed_message_is_stored_flagged_with_its_codes(hub: RunningHub) -> None:
    body = text_webhook("wamid.P1", "34611111111", "hola")
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    del message["type"]  # taken as text from its content
    message["timestamp"] = "ayer"  # not a time: stored with the hub's time instead
    assert hub.post_webhook(body).status_code == 200

    [stored] = _messages(hub)
    assert stored["text"] == "hola" and stored["flagged"] is True
    assert stored["problem_codes"] == [
        MessageProblem.TIMESTAMP_NOT_A_NUMBER,
        MessageProblem.TYPE_GUESSED,
    ]
    # The English details stay where API clients have always read them.
    assert stored["problems"] == [
        "the timestamp ayer is not a number of seconds",
        "the message has no type; taken as text",
    ]


def test_a_well_formed_message_has_no_codes(hub: RunningHub) -> None:
    assert hub.post_webhook(text_webhook("wamid.P2", "34611111111", "hola")).status_code == 200
    [stored] = _messages(hub)
    assert (stored["flagged"], stored["problems"], stored["problem_codes"]) == (False, [], [])


def test_a_message_stored_with_english_problems_only_still_reads(hub: RunningHub) -> None:
    """Rows written before codes existed hold a list of English strings."""
    body = text_webhook("wamid.P3", "34611111111", "hola")
    del body["entry"][0]["changes"][0]["value"]["messages"][0]["type"]
    assert hub.post_webhook(body).status_code == 200
    hub.ctx.db.write_sync(
        lambda c: c.execute(
            "UPDATE messages SET problems = ? WHERE wamid = ?",
            ('["text.body looks like markup"]', "wamid.P3"),
        )
    )
    [stored] = _messages(hub)
    assert stored["flagged"] is True
    assert stored["problems"] == ["text.body looks like markup"]
    assert stored["problem_codes"] == []
