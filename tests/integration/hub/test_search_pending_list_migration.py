"""The migration that makes PostgreSQL's search indexes take each message's words as it
is stored (GIN ``fastupdate`` off): words already waiting in an index's pending list are
moved into it, and are found the same before and after."""

from __future__ import annotations

import pytest

from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import search

pytestmark = pytest.mark.postgres

_INDEXES = ("search_docs_words", "search_closed_words")


def _options(conn: Conn) -> dict[str, list[str]]:
    rows = conn.all(
        "SELECT relname, reloptions FROM pg_class WHERE relname IN (?, ?)", list(_INDEXES)
    )
    return {str(r["relname"]): list(r["reloptions"] or []) for r in rows}


def _found(conn: Conn, word: str) -> list[str]:
    rows = conn.all(
        "SELECT message_id FROM search_docs WHERE words @@ to_tsquery('simple', ?) "
        "ORDER BY message_id",
        (f"{word}:*",),
    )
    return [str(r["message_id"]) for r in rows]


def test_the_search_indexes_are_updated_as_each_message_is_stored(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    everything = list(schema.MIGRATIONS)
    number = next(
        i
        for i, m in enumerate(everything, start=1)
        if any(search.POSTGRESQL_INDEXES_UPDATED_AT_ONCE[0] in str(s) for s in m)
    )
    with psycopg.connect(pg_url, autocommit=True) as pg:
        conn = Conn(pg, "postgresql")
        monkeypatch.setattr(schema, "MIGRATIONS", everything[: number - 1])
        assert schema.migrate(conn) == number - 1
        assert _options(conn) == {index: [] for index in _INDEXES}  # the pending list on
        for n, words in enumerate((["pedido", "viernes"], ["factura", "pedido"])):
            conn.execute(
                "INSERT INTO search_docs (conversation_id, message_id, words) "
                "VALUES (?, ?, array_to_tsvector(?::text[]))",
                ("c1", f"m{n}", words),
            )
        assert _found(conn, "pedi") == ["m0", "m1"]

        monkeypatch.setattr(schema, "MIGRATIONS", everything)
        assert schema.migrate(conn) == len(everything)
        assert _options(conn) == {index: ["fastupdate=off"] for index in _INDEXES}
        assert _found(conn, "pedi") == ["m0", "m1"]
        assert _found(conn, "factura") == ["m1"]
        conn.execute(
            "INSERT INTO search_docs (conversation_id, message_id, words) "
            "VALUES (?, ?, array_to_tsvector(?::text[]))",
            ("c1", "m2", ["pedido"]),
        )
        assert _found(conn, "pedi") == ["m0", "m1", "m2"]
