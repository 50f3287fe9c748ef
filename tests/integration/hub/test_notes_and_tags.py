"""Private notes and contact tags through the API: who may, what is stored, what the
stream announces, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
from hub_harness import SUPPORT, RunningHub

from wa_desk.hub.queries import stream_log


def _conversation(client: httpx.Client, wa_id: str) -> dict[str, Any]:
    items = client.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
    assert items, "no conversation"
    return items[0]  # type: ignore[no-any-return]


def _events(hub: RunningHub, kind: str) -> list[stream_log.StreamEvent]:
    events = hub.run(hub.ctx.db.read(lambda c: stream_log.since(c, 0)))
    return [e for e in events if e.kind == kind]


def test_notes_are_stored_with_author_and_time_and_announced(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.add_user("beto")
    hub.add_user("sol", queues=("soporte",))
    hub.customer_writes("wamid.n1", "34611100001", "mi pedido no llega")
    ana, beto, sol = hub.login("ana"), hub.login("beto"), hub.login("sol")
    conv_id = _conversation(ana, "34611100001")["id"]
    url = f"/api/v1/conversations/{conv_id}/notes"

    first = ana.post(url, json={"text": "  Cliente habitual; ya reclamó en marzo.  "})
    assert first.status_code == 201, first.text
    note = first.json()
    assert note["text"] == "Cliente habitual; ya reclamó en marzo."
    assert note["author"] == hub.user_ids["ana"] and note["author_name"] == "ana"
    assert note["kind"] == "note" and note["at"].endswith("Z")
    # Any agent of the queue may add one; no claim needed.
    assert beto.post(url, json={"text": "Le llamé, no contesta."}).status_code == 201

    listed = beto.get(url).json()["items"]
    assert [n["text"] for n in listed] == [
        "Cliente habitual; ya reclamó en marzo.",
        "Le llamé, no contesta.",
    ]
    assert [n["author_name"] for n in listed] == ["ana", "beto"]

    announced = _events(hub, "note.added")
    assert len(announced) == 2
    assert all(e.queue == "ventas" and e.conversation_id == conv_id for e in announced)
    assert not announced[0].visible_to(frozenset({"soporte"}))

    # Someone outside the queue sees nothing, not even that it exists.
    assert sol.get(url).status_code == 404
    assert sol.post(url, json={"text": "hola"}).status_code == 404
    assert httpx.get(f"{hub.url}{url}").status_code == 401


def test_a_note_is_checked_and_a_retried_note_is_stored_once(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.customer_writes("wamid.n2", "34611100002", "hola")
    ana = hub.login("ana")
    conv_id = _conversation(ana, "34611100002")["id"]
    url = f"/api/v1/conversations/{conv_id}/notes"
    for bad in ({"text": ""}, {"text": "   "}, {"text": "x" * 2001}, {}):
        response = ana.post(url, json=bad)
        assert response.status_code == 422, bad
    assert ana.post(url, json={"text": "x" * 2000}).status_code == 201
    assert ana.post("/api/v1/conversations/nope/notes", json={"text": "a"}).status_code == 404

    key = {"Idempotency-Key": "note-key-1"}
    once = ana.post(url, json={"text": "Prometí llamar a las 17 h."}, headers=key)
    again = ana.post(url, json={"text": "Prometí llamar a las 17 h."}, headers=key)
    assert (once.status_code, again.status_code) == (201, 200)
    assert once.json()["id"] == again.json()["id"]
    assert once.json()["idempotency_key"] == "note-key-1"
    texts = [n["text"] for n in ana.get(url).json()["items"]]
    assert texts.count("Prometí llamar a las 17 h.") == 1
    assert len(_events(hub, "note.added")) == 2


def test_transfer_and_close_notes_are_listed_with_their_kind(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.customer_writes("wamid.n3", "34611100003", "quiero cancelar")
    ana = hub.login("ana")
    conv_id = _conversation(ana, "34611100003")["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    closed = ana.post(
        f"/api/v1/conversations/{conv_id}/close",
        json={"disposition": "resolved", "note": "Cancelado sin coste."},
    )
    assert closed.status_code == 200
    notes = ana.get(f"/api/v1/conversations/{conv_id}/notes").json()["items"]
    assert [(n["kind"], n["text"]) for n in notes] == [("close", "Cancelado sin coste.")]


def test_contact_tags_are_normalised_shared_and_announced(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.add_user("beto", queues=("ventas", "soporte"))
    hub.add_user("sol", queues=("soporte",))
    hub.add_user("root", role="admin", queues=())
    wa_id = "34611100004"
    hub.customer_writes("wamid.t1", wa_id, "hola")
    ana, beto, sol, root = (hub.login(n) for n in ("ana", "beto", "sol", "root"))
    url = f"/api/v1/contacts/{wa_id}/tags"
    assert ana.get(url).json() == {"wa_id": wa_id, "tags": []}

    added = ana.put(f"{url}/  VIP ")
    assert added.status_code == 200, added.text
    assert added.json() == {"wa_id": wa_id, "tags": ["vip"]}
    ana.put(f"{url}/Devolución pendiente")
    assert ana.put(f"{url}/vip").json()["tags"] == ["devolución-pendiente", "vip"]
    assert beto.get(url).json()["tags"] == ["devolución-pendiente", "vip"]
    assert root.get(url).json()["tags"] == ["devolución-pendiente", "vip"]
    # Repeating an addition announces nothing new.
    assert len(_events(hub, "contact.tags_changed")) == 2

    removed = beto.delete(f"{url}/VIP")
    assert removed.status_code == 200 and removed.json()["tags"] == ["devolución-pendiente"]
    assert beto.delete(f"{url}/vip").json()["tags"] == ["devolución-pendiente"]
    changes = _events(hub, "contact.tags_changed")
    assert len(changes) == 3
    assert changes[-1].queue == "ventas"
    assert b'"removed":"vip"' in changes[-1].data

    for bad in ("---", "a!b", "<b>", "x" * 41):
        response = ana.put(f"{url}/{bad}")
        assert response.status_code == 422, bad
        assert response.json()["error"]["code"] == "invalid_tag"

    # Only agents whose queues hold one of the customer's conversations may see or tag.
    assert sol.get(url).status_code == 404
    assert sol.put(f"{url}/spam").status_code == 404
    assert ana.get("/api/v1/contacts/34699999999/tags").status_code == 404
    assert httpx.put(f"{hub.url}{url}/x").status_code == 401

    # A second conversation in another queue: the change reaches both queues' agents.
    hub.customer_writes("wamid.t2", wa_id, "otra cosa", phone_number_id=SUPPORT)
    assert sol.put(f"{url}/soporte-técnico").status_code == 200
    latest = _events(hub, "contact.tags_changed")[-2:]
    assert sorted(e.queue or "" for e in latest) == ["soporte", "ventas"]
    assert ana.get(url).json()["tags"] == ["devolución-pendiente", "soporte-técnico"]
