"""Bad input that gave a 500, and send idempotency keys that crossed conversations.

Each test performs the attack against a real hub on loopback, on SQLite and then on
PostgreSQL (their integers end at different places: SQLite refuses to bind anything
beyond 64 bits, PostgreSQL compares it as a numeric).
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.core.cursor import MAX_MILLIS
from wa_desk.core.cursor import encode as good_cursor


@dataclass
class Desk:
    """A hub with agents in two queues, a supervisor, and customers writing to ventas."""

    hub: RunningHub
    ana: httpx.Client  # ventas
    beto: httpx.Client  # ventas
    sol: httpx.Client  # soporte
    lead: httpx.Client  # supervisor of both

    def new_conversation(self, assignee: httpx.Client | None = None) -> tuple[str, str]:
        """A fresh customer's conversation in ventas (claimed by ``assignee``): id, wa_id."""
        wa_id = f"346{uuid.uuid4().int % 10**8:08d}"
        self.hub.customer_writes(f"wamid.in.{uuid.uuid4().hex}", wa_id, "hola")
        items = self.ana.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
        conversation_id = str(items[0]["id"])
        if assignee is not None:
            claimed = assignee.post(f"/api/v1/conversations/{conversation_id}/claim")
            assert claimed.status_code == 200, claimed.text
        return conversation_id, wa_id


@pytest.fixture(scope="module")
def desk(module_db_url: str) -> Iterator[Desk]:
    """One hub per store for the whole file: the attacks do not disturb each other."""
    with running_hub(module_db_url) as hub:
        yield _desk(hub)


def _desk(hub: RunningHub) -> Desk:
    hub.add_user("ana")
    hub.add_user("beto")
    hub.add_user("sol", queues=("soporte",))
    hub.add_user("lead", role="supervisor", queues=("ventas", "soporte"))
    return Desk(hub, hub.login("ana"), hub.login("beto"), hub.login("sol"), hub.login("lead"))


def error_code(response: httpx.Response) -> str:
    """The envelope's code; fails on a 5xx or an answer without the envelope."""
    assert response.status_code < 500, (response.status_code, response.text[:300])
    code: str = response.json()["error"]["code"]
    assert response.json()["error"]["message"]
    return code


# -- page cursors ----------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _json_cursor(value: Any) -> str:
    return _b64(json.dumps(value).encode())


def _timeline_cursor(millis: Any, rank: Any = 1, name: Any = "x", seq: Any = 0) -> str:
    return _json_cursor([millis, json.dumps([rank, name, seq])])


BAD_CURSORS: dict[str, str] = {
    "millis 2**63 (one past int64)": _json_cursor([2**63, "x"]),
    "millis 2**64": _json_cursor([2**64, "x"]),
    "millis -(2**63) - 1": _json_cursor([-(2**63) - 1, "x"]),
    "millis of 700 digits": _json_cursor([int("9" * 700), "x"]),
    "negative millis": _json_cursor([-1, "x"]),
    "millis as text": _json_cursor(["1700000000000", "x"]),
    "millis as a float": _json_cursor([1.5, "x"]),
    "millis as a bool": _json_cursor([True, "x"]),
    "id as a number": _json_cursor([1, 2]),
    "id with a lone surrogate": _b64(b'[1,"\\ud800"]'),
    "id with NUL": _b64(b'[1,"a\\u0000b"]'),
    "three members": _json_cursor([1, "x", 3]),
    "an object": _json_cursor({"millis": 1, "id": "x"}),
    "not JSON inside": _b64(b"\xff\xfe[1,"),
    "not base64": "!!!!",
    "padding only": "====",
    "one character": "a",
    "non-ASCII text": "ñ" * 12,
    "base64 with non-ASCII inside": _json_cursor([1, "x"]) + "ñ",
    "overlong (4,000 characters)": "A" * 4000,
    "deeply nested JSON": _b64(b"[" * 700 + b"]" * 700),
}
TIMELINE_ONLY: dict[str, str] = {
    "timeline millis 2**63": _timeline_cursor(2**63),
    "timeline millis 2**64": _timeline_cursor(2**64),
    "timeline millis -(2**63) - 1": _timeline_cursor(-(2**63) - 1),
    "timeline rank text": _timeline_cursor(1, rank="1"),
}


def _cursor_urls(desk: Desk, conversation_id: str) -> list[tuple[httpx.Client, str, str]]:
    """Every list that takes a cursor: (who asks, path, parameter)."""
    return [
        (desk.ana, "/api/v1/conversations", "cursor"),
        (desk.ana, f"/api/v1/conversations/{conversation_id}/messages", "cursor"),
        (desk.ana, f"/api/v1/conversations/{conversation_id}/messages", "before"),
        (desk.lead, f"/api/v1/supervisor/conversations/{conversation_id}/timeline", "cursor"),
    ]


@pytest.mark.parametrize("case", list(BAD_CURSORS))
def test_a_forged_page_cursor_is_a_400_on_every_list(desk: Desk, case: str) -> None:
    conversation_id, _ = desk.new_conversation()
    for client, path, param in _cursor_urls(desk, conversation_id):
        response = client.get(path, params={param: BAD_CURSORS[case]})
        assert response.status_code == 400, (path, param, response.status_code)
        assert error_code(response) == "bad_cursor"


@pytest.mark.parametrize("case", list(TIMELINE_ONLY))
def test_a_forged_timeline_cursor_is_a_400(desk: Desk, case: str) -> None:
    conversation_id, _ = desk.new_conversation()
    path = f"/api/v1/supervisor/conversations/{conversation_id}/timeline"
    response = desk.lead.get(path, params={"cursor": TIMELINE_ONLY[case]})
    assert response.status_code == 400, response.text[:300]
    assert error_code(response) == "bad_cursor"


def test_cursors_the_hub_gave_out_still_page(desk: Desk) -> None:
    """The checks refuse forgeries, not the hub's own cursors (nor the oldest possible)."""
    conversation_id, _ = desk.new_conversation()
    for client, path, param in _cursor_urls(desk, conversation_id):
        first = client.get(path, params={"limit": 1})
        assert first.status_code == 200, first.text[:300]
        if first.json()["next"]:
            assert client.get(path, params={param: first.json()["next"]}).status_code == 200
    for client, path, param in _cursor_urls(desk, conversation_id)[:3]:
        for millis in (0, 1, 10**14, MAX_MILLIS):
            page = client.get(path, params={param: good_cursor(millis, "zzz")})
            assert page.status_code == 200, (path, millis, page.text[:300])


# -- numeric query parameters ----------------------------------------------------------

OUT_OF_RANGE_LIMITS = ["0", "-1", "-9223372036854775809", "9223372036854775808", "9" * 30]
NOT_NUMBERS = ["", "abc", "1e3", "1.5", "²", "١٢", "9" * 5000, "0x10"]


def _limit_urls(desk: Desk, conversation_id: str) -> list[tuple[httpx.Client, str]]:
    return [(c, p) for c, p, param in _cursor_urls(desk, conversation_id) if param == "cursor"]


def test_limits_out_of_range_are_400_and_wrong_types_422(desk: Desk) -> None:
    conversation_id, _ = desk.new_conversation()
    for client, path in _limit_urls(desk, conversation_id):
        for limit in OUT_OF_RANGE_LIMITS:
            response = client.get(path, params={"limit": limit})
            assert response.status_code == 400, (path, limit, response.status_code)
            assert error_code(response) == "bad_limit"
        for limit in NOT_NUMBERS:
            response = client.get(path, params={"limit": limit})
            assert response.status_code in (400, 422), (path, limit[:20], response.status_code)
            assert error_code(response) in ("bad_limit", "invalid_request")
        assert client.get(path, params={"limit": "1"}).status_code == 200


def test_list_filters_take_any_text_and_refuse_the_overlong(desk: Desk) -> None:
    for name in ("queue", "assigned", "wa_id", "q"):
        for value in ("\x00", "a\x00b", "\ufffd", "ñ", "%", "_", "\\", "' OR 1=1 --"):
            response = desk.ana.get("/api/v1/conversations", params={name: value})
            assert response.status_code == 200, (name, value, response.status_code)
        for raw in ("%ED%A0%80", "%FF", "%00"):  # invalid UTF-8 and NUL, percent-encoded
            response = desk.ana.get(f"/api/v1/conversations?{name}={raw}")
            assert response.status_code == 200, (name, raw, response.status_code)
        overlong = desk.ana.get("/api/v1/conversations", params={name: "x" * 5000})
        assert overlong.status_code == 422, (name, overlong.status_code)
        assert error_code(overlong) == "invalid_request"


# -- hostile request bodies and path parameters ----------------------------------------

LONE_SURROGATE = '"\\ud800"'


def _send_bodies() -> list[tuple[str, str]]:
    """(action, JSON text) with a lone surrogate (valid JSON escapes, not valid UTF-8)
    in each string field of the body, at the @; json.loads takes them, the store cannot."""
    bodies = [
        ("messages", '{"text": "hola", "reply_to": @}'),
        ("messages", '{"type": "template", "template": @, "language": "es"}'),
        ("messages", '{"type": "template", "template": "hola", "language": @}'),
        ("messages", '{"type": "template", "template": "t", "language": "es", "body_params": [@]}'),
        ("messages", '{"text": @}'),
        ("notes", '{"text": @}'),
        ("transfer", '{"to_user": @}'),
        ("transfer", '{"to_queue": @}'),
        ("transfer", '{"to_queue": "soporte", "note": @}'),
        ("close", '{"disposition": @}'),
        ("close", '{"disposition": "resolved", "checklist": {@: true}}'),
    ]
    return [(action, body.replace("@", LONE_SURROGATE)) for action, body in bodies]


def test_unencodable_text_in_a_body_is_a_422(desk: Desk) -> None:
    conversation_id, wa_id = desk.new_conversation(desk.ana)
    for action, body in _send_bodies():
        response = desk.ana.post(
            f"/api/v1/conversations/{conversation_id}/{action}",
            content=body.encode(),
            headers={"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex},
        )
        assert response.status_code == 422, (action, body, response.status_code)
        assert error_code(response) == "invalid_request"
    # Nothing of it reached WhatsApp, and the conversation is still the agent's.
    assert desk.hub.world.sent_to(wa_id) == []
    conversation = desk.ana.get(f"/api/v1/conversations/{conversation_id}").json()
    assert conversation["assignee"] == desk.hub.user_ids["ana"]


def test_huge_strings_in_a_body_are_refused(desk: Desk) -> None:
    conversation_id, wa_id = desk.new_conversation(desk.ana)
    huge = "x" * 100_000
    bodies = [
        ("messages", {"text": "hola", "reply_to": huge}),
        ("messages", {"type": "template", "template": huge, "language": "es"}),
        ("messages", {"type": "template", "template": "t", "language": huge}),
        ("transfer", {"to_user": huge}),
    ]
    for action, body in bodies:
        response = desk.ana.post(f"/api/v1/conversations/{conversation_id}/{action}", json=body)
        assert response.status_code == 422, (action, response.status_code)
        assert error_code(response) == "invalid_request"
    assert desk.hub.world.sent_to(wa_id) == []


# (%2F is left out: it ends a path in "/", which the router redirects rather than answers.)
PATH_IDS = ["%00", "a%00b", "%ED%A0%80", "%FF", "..", "nope", "x" * 5000, "%C3%B1" * 500]


def test_unknown_and_hostile_path_ids_are_404(desk: Desk) -> None:
    conversation_id, _ = desk.new_conversation()
    for pid in PATH_IDS:
        gets = [
            (desk.ana, f"/api/v1/conversations/{pid}"),
            (desk.ana, f"/api/v1/conversations/{pid}/messages"),
            (desk.ana, f"/api/v1/conversations/{pid}/notes"),
            (desk.ana, f"/api/v1/conversations/{conversation_id}/messages/{pid}/media"),
            (desk.lead, f"/api/v1/supervisor/conversations/{pid}/timeline"),
        ]
        for client, path in gets:
            response = client.get(path)
            assert response.status_code in (404, 422), (path[:80], response.status_code)
            error_code(response)
        posts = [
            ("messages", {"text": "hola"}),
            ("notes", {"text": "hola"}),
            ("claim", None),
            ("release", None),
            ("reopen", None),
            ("takeover", None),
            ("read", None),
            ("transfer", {"to_queue": "soporte"}),
            ("close", {"disposition": "resolved"}),
        ]
        for action, body in posts:
            response = desk.ana.post(f"/api/v1/conversations/{pid}/{action}", json=body)
            assert response.status_code in (404, 422), (action, pid[:20], response.status_code)
            error_code(response)


# -- send idempotency keys ---------------------------------------------------------------


def _send(client: httpx.Client, conversation_id: str, text: str, key: str) -> httpx.Response:
    return client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"type": "text", "text": text},
        headers={"Idempotency-Key": key},
    )


def test_a_key_reused_in_another_conversation_sends_there(desk: Desk) -> None:
    first, first_wa = desk.new_conversation(desk.ana)
    second, second_wa = desk.new_conversation(desk.ana)
    key = f"k-{uuid.uuid4().hex}"
    sent = _send(desk.ana, first, "Su pedido sale hoy.", key)
    assert sent.status_code == 201, sent.text
    other = _send(desk.ana, second, "¿En qué le ayudo?", key)
    assert other.status_code == 201, (other.status_code, other.text[:300])
    assert other.json()["conversation_id"] == second
    assert other.json()["id"] != sent.json()["id"]
    assert other.json()["text"] == "¿En qué le ayudo?"
    assert len(desk.hub.world.sent_to(first_wa)) == 1
    assert [r.body["text"]["body"] for r in desk.hub.world.sent_to(second_wa)] == [
        "¿En qué le ayudo?"
    ]


def test_a_key_is_not_a_way_into_a_conversation_out_of_sight(desk: Desk) -> None:
    """Ana sent with K, then the conversation moved to soporte: replaying K must not hand
    her the message (nor anyone else who never saw it)."""
    conversation_id, wa_id = desk.new_conversation(desk.ana)
    key = f"k-{uuid.uuid4().hex}"
    assert _send(desk.ana, conversation_id, "Le paso con soporte.", key).status_code == 201
    moved = desk.ana.post(
        f"/api/v1/conversations/{conversation_id}/transfer", json={"to_queue": "soporte"}
    )
    assert moved.status_code == 200, moved.text
    replay = _send(desk.ana, conversation_id, "Le paso con soporte.", key)
    assert replay.status_code == 404, (replay.status_code, replay.text[:300])
    assert error_code(replay) == "not_found"
    assert "Le paso" not in replay.text
    stranger = _send(desk.beto, conversation_id, "x", key)  # ventas, like Ana was
    assert stranger.status_code == 404 and "Le paso" not in stranger.text
    assert len(desk.hub.world.sent_to(wa_id)) == 1


def test_another_queues_agent_replaying_a_key_gets_404(desk: Desk) -> None:
    conversation_id, wa_id = desk.new_conversation(desk.ana)
    key = f"k-{uuid.uuid4().hex}"
    assert _send(desk.ana, conversation_id, "Hola, soy Ana.", key).status_code == 201
    replay = _send(desk.sol, conversation_id, "Hola, soy Ana.", key)
    assert replay.status_code == 404
    assert error_code(replay) == "not_found" and "Ana" not in replay.text
    assert len(desk.hub.world.sent_to(wa_id)) == 1


def test_a_true_retry_returns_the_first_message_and_sends_once(desk: Desk) -> None:
    conversation_id, wa_id = desk.new_conversation(desk.ana)
    key = f"k-{uuid.uuid4().hex}"
    first = _send(desk.ana, conversation_id, "Enviado una vez.", key)
    again = _send(desk.ana, conversation_id, "Enviado una vez.", key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    # Retries at the same moment: one message, one send to WhatsApp.
    answers: list[httpx.Response] = []

    def retry() -> None:
        with httpx.Client(base_url=desk.hub.url, timeout=10) as client:
            client.headers["Authorization"] = desk.ana.headers["Authorization"]
            answers.append(_send(client, conversation_id, "A la vez.", f"{key}-together"))

    threads = [threading.Thread(target=retry) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(a.status_code for a in answers) == [200] * 5 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    texts = [r.body["text"]["body"] for r in desk.hub.world.sent_to(wa_id)]
    assert texts == ["Enviado una vez.", "A la vez."]


# -- note idempotency keys ----------------------------------------------------------------


def _note(client: httpx.Client, conversation_id: str, text: str, key: str) -> httpx.Response:
    return client.post(
        f"/api/v1/conversations/{conversation_id}/notes",
        json={"text": text},
        headers={"Idempotency-Key": key},
    )


def test_note_keys_belong_to_one_user_and_one_conversation(desk: Desk) -> None:
    first, _ = desk.new_conversation()
    second, _ = desk.new_conversation()
    key = f"n-{uuid.uuid4().hex}"
    note = _note(desk.ana, first, "Llamar a las 17 h.", key)
    assert note.status_code == 201
    assert _note(desk.ana, first, "Llamar a las 17 h.", key).json()["id"] == note.json()["id"]
    elsewhere = _note(desk.ana, second, "Cliente VIP.", key)
    assert elsewhere.status_code == 201, (elsewhere.status_code, elsewhere.text[:300])
    assert elsewhere.json()["conversation_id"] == second
    assert elsewhere.json()["text"] == "Cliente VIP."
    # Another agent's same key is their own note; one without sight of it gets a 404.
    beto = _note(desk.beto, first, "Nota de Beto.", key)
    assert beto.status_code == 201 and beto.json()["id"] != note.json()["id"]
    stranger = _note(desk.sol, first, "x", key)
    assert stranger.status_code == 404 and "17 h" not in stranger.text
