"""Deliveries stored in one group commit read ahead together, and never act on a read an
earlier write of the same commit made stale: a customer's second message in the batch
joins the conversation their first one opened, a redelivery in the same batch is stored
once, a close earlier in the batch sends the customer's next message to a new
conversation. SQLite, then PostgreSQL.

The deliveries are run as one batch, as they are under load (``held_writer``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from held_writer import Write, in_one_batch
from hub_harness import text_webhook

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


def delivery(wamid: str, wa_id: str, text: str) -> Write:
    parsed = parse_webhook(text_webhook(wamid, wa_id, text))
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


def test_deliveries_of_different_customers_use_their_reads_made_ahead(
    db: Database, own_reads: list[str]
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
    for wa_id in (ANA, BEA, CARLOS):
        assert [c["messages"] for c in conversations_of(db, wa_id)] == [1]


def test_a_customers_second_message_in_the_batch_joins_the_conversation_the_first_opened(
    db: Database, own_reads: list[str]
) -> None:
    in_one_batch(
        db,
        [
            delivery("wamid.a1", ANA, "Hola"),
            delivery("wamid.b1", BEA, "Buenas"),
            delivery("wamid.a2", ANA, "¿Hay alguien?"),
        ],
    )

    assert own_reads == ["wamid.a2"]
    [ana] = conversations_of(db, ANA)
    assert (ana["messages"], ana["unread"], ana["last_message_preview"]) == (
        2,
        2,
        "¿Hay alguien?",
    )
    assert [c["messages"] for c in conversations_of(db, BEA)] == [1]


def test_a_redelivery_in_the_same_batch_is_stored_once(db: Database, own_reads: list[str]) -> None:
    in_one_batch(db, [delivery("wamid.a1", ANA, "Hola"), delivery("wamid.a1", ANA, "Hola")])

    assert own_reads == ["wamid.a1"]
    [ana] = conversations_of(db, ANA)
    assert (ana["messages"], ana["unread"]) == (1, 1)


def test_a_close_earlier_in_the_batch_sends_the_next_message_to_a_new_conversation(
    db: Database, own_reads: list[str]
) -> None:
    in_one_batch(db, [delivery("wamid.a1", ANA, "Hola")])
    [first] = conversations_of(db, ANA)

    def close(conn: Conn) -> None:
        conversations.close(conn, first["id"], "lead", "resolved", None, now_ms())

    in_one_batch(db, [(close, None), delivery("wamid.a2", ANA, "Una cosa más")])

    assert own_reads == ["wamid.a2"]
    closed, opened = conversations_of(db, ANA)
    assert (closed["id"], closed["state"], closed["messages"]) == (first["id"], "closed", 1)
    assert (opened["state"], opened["messages"]) == ("queued", 1)
