"""The conversation search answers the same on SQLite and on PostgreSQL: the same data,
written by the hub's own writes, in both stores, and every search of a table run on
each, with the same conversations in the same order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PgServer

from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import conversations, messages

pytestmark = pytest.mark.postgres

# label: (number, contact name, [(direction, text)]); each conversation more recent than
# the one before it, so the most recent comes first in every answer. Every other one is
# closed: the index keeps open and closed conversations apart.
PEOPLE: dict[str, tuple[str, str | None, list[tuple[str, str]]]] = {
    "ana": (
        "34611000001",
        "Ana Gómez",
        [("in", "Mi pedido nº 4312 no ha llegado"), ("in", "Es URGENTE, por favor")],
    ),
    "bea": (
        "34611000002",
        "Beatriz Núñez",
        [("in", "Pedido urgente de facturación"), ("out", "Le enviamos la factura hoy")],
    ),
    "joao": (
        "5511987654321",
        "João Conceição",
        [("in", "Olá! A encomenda chegou danificada 😞"), ("in", "Ação rápida: reembolso")],
    ),
    "carlos": (
        "5215500000003",
        "Carlos Ibáñez",
        [("in", "¿Cuándo llega la factura?"), ("in", "ana@example.com es mi correo; pesa 3.5 kg")],
    ),
    "marta": (
        "34650000004",
        "Marta Straße",
        [("in", "Hola\u200bmundo"), ("in", "ＡＢＣ１２３ ﬁnal, Mar\u00adta")],
    ),
    "nameless": (
        "447700900123",
        None,
        [("in", "Hello, my order 4312?"), ("out", "Voilà: crème brûlée")],
    ),
    "fatima": (
        "212600000077",
        "Fátima Zahra",
        [("in", "مرحبا بكم"), ("in", "Привет, ЗАКАЗ номер 77")],
    ),
}
NEWEST_FIRST = list(reversed(PEOPLE))

SEARCHES: list[tuple[str, set[str]]] = [
    ("pedido urgente", {"ana", "bea"}),  # both words in one message, or in two
    ("urgente pedido", {"ana", "bea"}),
    ("PEDIDO Urgente", {"ana", "bea"}),
    ("ped urg", {"ana", "bea"}),  # each word a prefix
    ("factur", {"bea", "carlos"}),
    ("facturacion", {"bea"}),
    ("cuándo", {"carlos"}),
    ("CUANDO", {"carlos"}),
    ("nunez urgente", {"bea"}),  # a name's word and a message's
    ("enviamos", {"bea"}),  # an agent's reply
    ("ana", {"ana", "carlos"}),  # a name, and a word of an e-mail address
    ("ana factura", {"carlos"}),  # every word, anywhere in the conversation
    ("example.com", {"carlos"}),
    ("3.5 kg", {"carlos"}),
    ("4312", {"ana", "nameless"}),
    ("611 000 002", {"bea"}),  # a number, anywhere in the contact's number
    ("+34 611000001", {"ana"}),
    ("0000003", {"carlos"}),
    ("5511 9876", {"joao"}),
    ("77", {"fatima"}),  # two digits: a word only, not every number holding 77
    ("joao", {"joao"}),
    ("JOÃO conceicao", {"joao"}),
    ("acao rapida", {"joao"}),
    ("ola encomenda", {"joao"}),
    ("strasse", {"marta"}),
    ("Straße", {"marta"}),
    ("holamundo", {"marta"}),
    ("abc123", {"marta"}),
    ("final", {"marta"}),
    ("marta", {"marta"}),
    ("creme brulee", {"nameless"}),
    ("voila", {"nameless"}),
    ("привет заказ", {"fatima"}),
    ("ПРИВЕТ", {"fatima"}),
    ("مرحبا", {"fatima"}),
    ("fatima", {"fatima"}),
    ("mensaje", set()),
    ("ana pedido zzz", set()),
    ("  \"*' ", set()),  # nothing searchable
    ("250%", set()),  # no wildcard in it
    ("' OR 1=1 --", set()),
]


def _fill(db: Database) -> dict[str, str]:
    """The people's conversations, written as the webhook and send paths write them; the
    conversation id of each label."""

    def write(conn: Conn) -> dict[str, str]:
        ids: dict[str, str] = {}
        for n, (label, (wa_id, name, said)) in enumerate(PEOPLE.items()):
            at = 1_790_000_000_000 + n * 60_000
            conversations.upsert_contact(conn, wa_id, name, at)
            cid = conversations.open_new(conn, wa_id, "100000000000001", "ventas", at, None)
            for k, (direction, text) in enumerate(said):
                messages.insert(
                    conn,
                    conversation_id=cid,
                    direction=direction,
                    type_="text",
                    text=text,
                    status="received" if direction == "in" else "sent",
                    timestamp=at + k,
                    sender=wa_id if direction == "in" else "u1",
                    payload={},
                    now=at + k,
                )
                stamp = conversations.note_inbound_statement(cid, at + k, text)
                conn.execute(*stamp)
            if n % 2:
                conversations.close(conn, cid, "u1", "resolved", None, at + 59_000)
            ids[cid] = label
        return ids

    return db.write_sync(write)


@pytest.fixture(scope="module")
def stores(
    pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, tuple[Database, dict[str, str]]]]:
    sqlite_url = f"sqlite:///{Path(tmp_path_factory.mktemp('search')) / 'hub.sqlite3'}"
    name = "search_same_on_both"
    opened = {"sqlite": Database.open(sqlite_url), "postgresql": None}
    opened["postgresql"] = Database.open(pg_server.new_database(name))
    try:
        yield {store: (db, _fill(db)) for store, db in opened.items() if db is not None}
    finally:
        for db in opened.values():
            if db is not None:
                db.close()
        pg_server.drop_database(name)


def _found(db: Database, labels: dict[str, str], q: str) -> list[str]:
    f = conversations.ListFilter(queues=None, search=q)
    rows = db.read_sync(lambda c: conversations.list_page(c, f, 100, None))
    return [labels[r["id"]] for r in rows]


@pytest.mark.parametrize(("q", "expected"), SEARCHES)
def test_the_same_search_finds_the_same_conversations_on_both_stores(
    stores: dict[str, tuple[Database, dict[str, str]]], q: str, expected: set[str]
) -> None:
    answers = {store: _found(db, labels, q) for store, (db, labels) in stores.items()}
    assert answers["sqlite"] == answers["postgresql"], q
    assert answers["sqlite"] == [label for label in NEWEST_FIRST if label in expected], q
