"""HubApi against a real hub on loopback: sign-in, lists, actions, errors by cause."""

from __future__ import annotations

import time

import pytest
from hub_harness import PASSWORD, RunningHub, text_webhook, wait_for
from restartable_hub import RestartableHub

from wa_desk.client import (
    BadCredentials,
    HubApi,
    HubUnreachable,
    Refused,
    SessionExpired,
)
from wa_desk.client.hub_api import Session

pytestmark = pytest.mark.anyio


async def signed_in(hub: RunningHub, name: str) -> tuple[HubApi, Session]:
    api = HubApi(hub.url)
    session = await api.login(name, PASSWORD)
    return api, session


async def test_login_good_and_bad(hub: RunningHub) -> None:
    hub.add_user("ana", queues=("ventas", "soporte"))
    async with HubApi(hub.url) as api:
        with pytest.raises(BadCredentials):
            await api.login("ana", "wrong password")
        with pytest.raises(BadCredentials):
            await api.login("nobody", PASSWORD)
        session = await api.login("ana", PASSWORD)
        assert session.token and session.expires_at.endswith("Z")
        assert session.user["name"] == "ana"
        assert sorted(session.user["queues"]) == ["soporte", "ventas"]
        assert (await api.me())["id"] == session.user["id"]
        assert (await api.healthz())["status"] == "ok"
        assert (await api.set_status("away"))["status"] == "away"
        assert isinstance(await api.templates(), list)


async def test_agents_are_the_colleagues_of_shared_queues(hub: RunningHub) -> None:
    hub.add_user("ana", queues=("ventas",))
    hub.add_user("beto", queues=("ventas", "soporte"))
    hub.add_user("sol", queues=("soporte",))
    api, session = await signed_in(hub, "ana")
    async with api:
        await api.set_status("available")
        agents = await api.agents()
        assert [a["name"] for a in agents] == ["ana", "beto"]
        since = agents[0]["since"]
        assert since is not None and since.endswith("Z")
        expected = {**session.user, "status": "available", "since": since, "capacity": 5}
        assert agents[0] == expected


async def test_lists_page_and_messages_page(hub: RunningHub) -> None:
    hub.add_user("ana")
    for i in range(7):
        hub.customer_writes(f"wamid.p{i}", f"3460000000{i}", f"hola {i}")
    hub.customer_writes("wamid.p0b", "34600000000", "otra vez")
    api, _ = await signed_in(hub, "ana")
    async with api:
        seen: list[str] = []
        cursor = None
        while True:
            page = await api.conversations(state="queued", limit=3, cursor=cursor)
            seen.extend(c["id"] for c in page.items)
            if page.next is None:
                break
            cursor = page.next
        assert len(seen) == len(set(seen)) == 7
        found = await api.conversations(q="otra")
        assert len(found.items) == 1
        [conv] = found.items
        messages = await api.messages(conv["id"], limit=1)
        assert [m["text"] for m in messages.items] == ["otra vez"]
        older = await api.messages(conv["id"], cursor=messages.next, limit=1)
        assert [m["text"] for m in older.items] == ["hola 0"] and older.next is None


async def test_claim_send_close_and_reopen(hub: RunningHub) -> None:
    hub.add_user("ana", queues=("ventas", "soporte"))
    hub.customer_writes("wamid.c1", "34611111111", "¿tienen la talla 42?")
    api, session = await signed_in(hub, "ana")
    async with api:
        [conv] = (await api.conversations()).items
        cid = conv["id"]
        claimed = await api.claim(cid)
        assert claimed["assignee"] == session.user["id"]
        assert (await api.claim(cid))["state"] == "assigned"  # own repeat: harmless
        sent = await api.send_text(cid, "Sí, la tenemos", "key-1")
        again = await api.send_text(cid, "Sí, la tenemos", "key-1")
        assert again["id"] == sent["id"]  # the key de-duplicates
        page = await api.messages(cid)
        assert [m["text"] for m in page.items].count("Sí, la tenemos") == 1
        read = await api.mark_read(cid)
        assert read["unread"] == 0
        closed = await api.close(cid, "resolved", "talla confirmada")
        assert closed["state"] == "closed" and closed["disposition"] == "resolved"
        with pytest.raises(Refused) as refused:
            await api.close(cid, "resolved")
        assert refused.value.code == "conversation_closed" and refused.value.status == 409
        assert (await api.reopen(cid))["state"] == "assigned"
        released = await api.release(cid)
        assert released["state"] == "queued"
        # An agent transfers only what they hold (``core.conversation_permissions``).
        with pytest.raises(Refused) as not_held:
            await api.transfer(cid, to_queue="soporte")
        assert not_held.value.code == "not_assignee" and not_held.value.status == 403
        await api.claim(cid)
        moved = await api.transfer(cid, to_queue="soporte", note="para soporte")
        assert moved["queue"] == "soporte"


async def test_someone_elses_conversation_is_refused_by_code(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.add_user("luis")
    hub.customer_writes("wamid.r1", "34622222222", "hola")
    ana, _ = await signed_in(hub, "ana")
    luis, _ = await signed_in(hub, "luis")
    async with ana, luis:
        [conv] = (await ana.conversations()).items
        await ana.claim(conv["id"])
        with pytest.raises(Refused) as taken:
            await luis.claim(conv["id"])
        assert taken.value.code == "already_assigned"
        with pytest.raises(Refused) as not_yours:
            await luis.send_text(conv["id"], "hola", "k")
        assert not_yours.value.code == "not_assignee" and not_yours.value.status == 403
        with pytest.raises(Refused) as missing:
            await luis.conversation("no-such-id")
        assert missing.value.code == "not_found"


async def test_a_closed_window_is_refused_as_window_closed(hub: RunningHub) -> None:
    hub.add_user("ana")
    long_ago = int(time.time()) - 25 * 3600
    hub.post_webhook(text_webhook("wamid.w1", "34633333333", "hola", ts=long_ago))
    api, _ = await signed_in(hub, "ana")
    async with api:
        [conv] = (await api.conversations()).items
        await api.claim(conv["id"])
        with pytest.raises(Refused) as refused:
            await api.send_text(conv["id"], "hola", "k-w")
        assert refused.value.code == "window_closed"
        assert "24 hours" in refused.value.message


async def test_a_revoked_token_is_a_session_expired(hub: RunningHub) -> None:
    hub.add_user("ana")
    api, session = await signed_in(hub, "ana")
    other = HubApi(hub.url, session.token)
    async with api, other:
        await api.logout()
        with pytest.raises(SessionExpired):
            await other.me()
    async with HubApi(hub.url, "made-up-token") as stranger:
        with pytest.raises(SessionExpired):
            await stranger.conversations()


async def test_a_stopped_hub_is_unreachable(hub_box: RestartableHub) -> None:
    hub_box.running.add_user("ana")
    api, _ = await signed_in(hub_box.running, "ana")
    async with api:
        hub_box.stop()
        with pytest.raises(HubUnreachable):
            await api.me()
        hub_box.start()
        wait_for(lambda: True)
        assert (await api.me())["name"] == "ana"  # same store: the token still works
