"""Deliveries stored in one group commit read ahead together, and never act on a read an
earlier write of the same commit made stale: a customer's second message in the batch
joins the conversation their first one opened, a redelivery in the same batch is stored
once, a close earlier in the batch sends the customer's next message to a new
conversation. Reads made stale are made again together with those of the deliveries
after them, up to the next write that may change any row, never one delivery at a
time. SQLite, then PostgreSQL.

The deliveries are run as one batch, as they are under load (``held_writer``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from held_writer import Write, in_one_batch
from hub_harness import status_webhook, text_webhook

from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.clock import now_ms
from wa_desk.core.opt_out import OptOutKeywords
from wa_desk.hub import ingest as ingest_module
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import conversations
from wa_desk.hub.queries import inbound as inbound_module
from wa_desk.hub.queries.inbound import InboundAhead
from wa_desk.whatsapp.webhook_parser import parse_webhook

ANA, BEA, CARLOS = "34611000001", "34611000002", "34611000003"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    store = Database.open(db_url)
    yield store
    store.close()


@pytest.fixture
def own_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The wamids whose intake read for itself rather than using what was read ahead."""
    made: list[str] = []
    real = inbound_module.inbound_read

    def counted(conn: Conn, wamid: str, wa_id: str, phone_number_id: str) -> Any:
        made.append(wamid)
        return real(conn, wamid, wa_id, phone_number_id)

    monkeypatch.setattr(inbound_module, "inbound_read", counted)
    monkeypatch.setattr(ingest_module, "inbound_read", counted)
    return made


@pytest.fixture
def reads_together(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The wamids of each read made together (ahead of the batch, or again in it)."""
    made: list[list[str]] = []
    real = InboundAhead.read_together

    def counted(self: InboundAhead, conn: Conn, all_of_type: Any) -> None:
        made.append([m.wamid for a in all_of_type for m in a.messages])
        real(self, conn, all_of_type)

    monkeypatch.setattr(InboundAhead, "read_together", counted)
    return made


def delivery(wamid: str, wa_id: str, text: str) -> Write:
    return _stored(text_webhook(wamid, wa_id, text))


def status_delivery(wamid: str, wa_id: str, status: str) -> Write:
    """A delivery of a status only: it may change any contact's rows (an opt-out)."""
    return _stored(status_webhook(wamid, wa_id, status))


def _stored(payload: dict[str, Any]) -> Write:
    parsed = parse_webhook(payload)
    ahead = InboundAhead(parsed)
    now = now_ms()

    def store(conn: Conn) -> object:
        return ingest_module.ingest(
            conn, parsed, lambda _n: "ventas", now, AlertPolicy(), OptOutKeywords(), None, ahead
        )

    return store, ahead


def conversations_of(db: Database, wa_id: str) -> list[dict[str, Any]]:
    return db.read_sync(
        lambda c: c.all(
            "SELECT c.id, c.state, c.unread, c.last_message_preview, "
            "(SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS messages "
            "FROM conversations c WHERE c.wa_id = ? ORDER BY c.opened_at, c.id",
            (wa_id,),
        )
    )


def closing_anas_conversation(db: Database) -> Write:
    """Ana's first message stored, and the write that closes her conversation: it reads
    nothing ahead, and may change any row."""
    in_one_batch(db, [delivery("wamid.a1", ANA, "Hola")])
    [first] = conversations_of(db, ANA)

    def close(conn: Conn) -> None:
        conversations.close(conn, first["id"], "lead", "resolved", None, now_ms())

    return close, None


def assert_one_conversation_each(db: Database, *wa_ids: str) -> None:
    for wa_id in wa_ids:
        assert [c["messages"] for c in conversations_of(db, wa_id)] == [1]


def test_deliveries_of_different_customers_use_their_reads_made_ahead(
    db: Database, own_reads: list[str], reads_together: list[list[str]]
) -> None:
    in_one_batch(
        db,
        [
            delivery("wamid.a1", ANA, "Hola"),
            delivery("wamid.b1", BEA, "Buenas"),
            delivery("wamid.c1", CARLOS, "Hola, una consulta"),
        ],
    )

    assert own_reads == []
    assert reads_together == [["wamid.a1", "wamid.b1", "wamid.c1"]]
    assert_one_conversation_each(db, ANA, BEA, CARLOS)


def test_a_customers_second_message_in_the_batch_joins_the_conversation_the_first_opened(
    db: Database, own_reads: list[str], reads_together: list[list[str]]
) -> None:
    in_one_batch(
        db,
        [
            delivery("wamid.a1", ANA, "Hola"),
            delivery("wamid.b1", BEA, "Buenas"),
            delivery("wamid.a2", ANA, "¿Hay alguien?"),
        ],
    )

    assert own_reads == []
    assert reads_together == [["wamid.a1", "wamid.b1", "wamid.a2"], ["wamid.a2"]]
    [ana] = conversations_of(db, ANA)
    assert (ana["messages"], ana["unread"], ana["last_message_preview"]) == (
        2,
        2,
        "¿Hay alguien?",
    )
    assert [c["messages"] for c in conversations_of(db, BEA)] == [1]


def test_a_redelivery_in_the_same_batch_is_stored_once(
    db: Database, own_reads: list[str], reads_together: list[list[str]]
) -> None:
    in_one_batch(db, [delivery("wamid.a1", ANA, "Hola"), delivery("wamid.a1", ANA, "Hola")])

    assert own_reads == []
    assert reads_together == [["wamid.a1", "wamid.a1"], ["wamid.a1"]]
    [ana] = conversations_of(db, ANA)
    assert (ana["messages"], ana["unread"]) == (1, 1)


def test_a_close_earlier_in_the_batch_sends_the_next_message_to_a_new_conversation(
    db: Database, own_reads: list[str], reads_together: list[list[str]]
) -> None:
    close = closing_anas_conversation(db)
    [first] = conversations_of(db, ANA)
    in_one_batch(db, [close, delivery("wamid.a2", ANA, "Una cosa más")])

    assert own_reads == []
    assert reads_together == [["wamid.a1"], ["wamid.a2"], ["wamid.a2"]]
    closed, opened = conversations_of(db, ANA)
    assert (closed["id"], closed["state"], closed["messages"]) == (first["id"], "closed", 1)
    assert (opened["state"], opened["messages"]) == ("queued", 1)


def test_after_a_write_that_may_change_anything_the_rest_read_again_together_once(
    db: Database, own_reads: list[str], reads_together: list[list[str]]
) -> None:
    """As behind an alert pass's share: the deliveries after it read again in one go."""
    in_one_batch(
        db,
        [
            closing_anas_conversation(db),
            delivery("wamid.a2", ANA, "Otra consulta"),
            delivery("wamid.b1", BEA, "Buenas"),
            delivery("wamid.c1", CARLOS, "Hola"),
        ],
    )

    assert own_reads == []
    assert reads_together[1:] == [
        ["wamid.a2", "wamid.b1", "wamid.c1"],
        ["wamid.a2", "wamid.b1", "wamid.c1"],
    ]
    closed, opened = conversations_of(db, ANA)
    assert (closed["state"], closed["messages"], opened["state"]) == ("closed", 1, "queued")
    assert_one_conversation_each(db, BEA, CARLOS)


def test_reads_made_again_stop_at_the_next_write_that_may_change_anything(
    db: Database, own_reads: list[str], reads_together: list[list[str]]
) -> None:
    """Beyond a delivery of statuses (which may change any contact) reads would be stale
    again: those after it are made again after it, not before. A delivery that reads
    nothing ahead never reads again."""
    in_one_batch(
        db,
        [
            closing_anas_conversation(db),
            status_delivery("wamid.unknown.1", CARLOS, "sent"),
            delivery("wamid.a2", ANA, "Otra consulta"),
            status_delivery("wamid.unknown.2", BEA, "delivered"),
            delivery("wamid.b1", BEA, "Buenas"),
            delivery("wamid.c1", CARLOS, "Hola"),
        ],
    )

    assert own_reads == []
    assert reads_together[1:] == [
        ["wamid.a2", "wamid.b1", "wamid.c1"],
        ["wamid.a2"],
        ["wamid.b1", "wamid.c1"],
    ]
    _closed, opened = conversations_of(db, ANA)
    assert (opened["state"], opened["messages"]) == ("queued", 1)
    assert_one_conversation_each(db, BEA, CARLOS)
