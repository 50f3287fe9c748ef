"""Full-text search: names, numbers and message text, prefix matching, hostile input."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_samples import conversation, message

from wa_desk.store import LocalStore
from wa_desk.store.search import match_query


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    with LocalStore.open(tmp_path_factory.mktemp("search") / "s.sqlite3") as s:
        s.upsert_conversations(
            [
                conversation("lucia", name="Lucía Pérez", wa_id="34600111222", at=1),
                conversation("marta", name="Marta O'Neil", wa_id="5215512345678", at=2),
                conversation("arabic", name="محمد علي", wa_id="971501234567", at=3),
                conversation("noname", name=None, wa_id="4915112345678", at=4),
            ]
        )
        s.upsert_messages(
            [
                message("m1", "lucia", text="Quiero devolver las zapatillas"),
                message("m2", "marta", text='precio "especial" NEAR oferta*'),
                message("m3", "noname", text="pedido 8812 retrasado"),
            ]
        )
        yield s


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lucia", ["lucia"]),  # accents folded
        ("LUCÍA pér", ["lucia"]),  # prefix on every word, all words needed
        ("zapat", ["lucia"]),  # message text, prefix
        ("34600", ["lucia"]),  # number prefix
        ("+34 600 111 222", ["lucia"]),  # as agents type numbers
        ("600111", ["lucia"]),  # national number without the country code
        ("o'neil", ["marta"]),
        ("محمد", ["arabic"]),
        ("especial", ["marta"]),
        ("NEAR", ["marta"]),
        ("8812", ["noname"]),
        ("lucia zapatillas", ["lucia"]),
        ("lucia especial", []),
    ],
)
def test_finds_by_name_number_and_text(store: LocalStore, query: str, expected: list[str]) -> None:
    assert store.search(query) == expected


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '""',
        "'",
        "*",
        "***",
        "NEAR",
        "NEAR(a b)",
        "a OR b",
        "a AND NOT b",
        "text:hola",
        "^lucia",
        "(",
        ")",
        "-",
        "{a b}",
        "\u202eailcul",  # right-to-left override
        "\u200f\u200e\u2066\u2069",
        "\x00",
        "💥" * 10,
        "a" * 4096,
        "lucía " * 700,
        "",
        "   ",
    ],
)
def test_hostile_input_never_reaches_fts_syntax(store: LocalStore, hostile: str) -> None:
    store.search(hostile)  # no sqlite3.OperationalError
    store.list_conversations("all", "me", [], search=hostile)


def test_the_rtl_override_is_a_separator_not_part_of_a_word(store: LocalStore) -> None:
    assert store.search("\u202elucia") == ["lucia"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_makes_a_valid_match_query(text: str) -> None:
    query = match_query(text)
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5 (a, tokenize='unicode61')")
        if query is not None:
            conn.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()
    finally:
        conn.close()


def test_search_follows_updates_and_pending_messages(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as s:
        s.upsert_conversations([conversation("c1", name="Old Name")])
        s.upsert_conversations([conversation("c1", name="New Name")])
        assert s.search("old") == []
        assert s.search("new") == ["c1"]
        _, pending = s.queue_send("c1", "me", text="envío mañana")
        assert s.search("envio") == ["c1"]
        key = pending["idempotency_key"]
        s.upsert_messages([{**message("srv", "c1", text="otro texto"), "idempotency_key": key}])
        assert s.search("envio") == []
        assert s.search("otro") == ["c1"]


@pytest.mark.slow
def test_search_stays_fast_on_a_large_cache(tmp_path: Path) -> None:
    """10,000 conversations and 100,000 messages: a search answers in well under 50 ms."""
    words = ["hola", "pedido", "devolución", "zapatillas", "precio", "envío", "talla", "color"]
    names = ["Lucía", "Marta", "José", "Ana", "Luis", "Carmen", "Pedro", "Sofía", "Diego"]
    with LocalStore.open(tmp_path / "big.sqlite3") as s:
        s.upsert_conversations(
            conversation(
                f"c{i:05d}",
                name=f"{names[i % len(names)]} Cliente{i}",
                wa_id=f"346{i:08d}",
                at=i,
            )
            for i in range(10_000)
        )
        for start in range(0, 100_000, 10_000):
            s.upsert_messages(
                message(
                    f"m{j:06d}",
                    f"c{j % 10_000:05d}",
                    text=f"{words[j % 8]} {words[(j // 8) % 8]} referencia {j}",
                    at=j,
                )
                for j in range(start, start + 10_000)
            )
        timings = {}
        for query in ["cliente4321", "34600004321", "referencia 77777", "zapat", "lucía", "p"]:
            started = time.perf_counter()
            found = s.search(query, limit=50)
            timings[query] = (time.perf_counter() - started) * 1000
            assert found or query == "nothing"
        started = time.perf_counter()
        s.list_conversations("all", "me", [], search="pedido talla", limit=200)
        timings["inbox+search"] = (time.perf_counter() - started) * 1000
        print("search ms:", {k: round(v, 1) for k, v in timings.items()})
        assert max(timings.values()) < 500  # generous for loaded CI machines; the target is 50 ms


def test_invisible_characters_neither_hide_text_nor_stop_a_search(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "zw.sqlite3") as s:
        s.upsert_conversations(
            [conversation("zw", name="Mar\u00adta Gil", wa_id="34600999000", at=1)]
        )
        s.upsert_messages([message("z1", "zw", text="Hola\u200bmundo, ¿qué tal?")])
        assert s.search("holamundo") == ["zw"]
        assert s.search("Hola\u2060mundo") == ["zw"]
        assert s.search("marta") == ["zw"]
        # Edits and deletions keep the index right (the triggers strip the same way).
        s.upsert_messages([message("z1", "zw", text="otra\ufeffcosa")])
        assert s.search("holamundo") == []
        assert s.search("otracosa") == ["zw"]


def test_a_cache_of_the_previous_version_is_indexed_again_without_them(tmp_path: Path) -> None:
    from wa_desk.store.migrations import MIGRATIONS, migrate

    conn = sqlite3.connect(tmp_path / "v4.sqlite3", isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    assert migrate(conn, MIGRATIONS[:4]) == 4
    old = LocalStore(conn)
    old.upsert_conversations([conversation("zw", name="Ana", wa_id="34600999001", at=1)])
    old.upsert_messages([message("z1", "zw", text="Hola\u200bmundo")])
    assert old.search("holamundo") == []  # what agents met before
    migrate(conn)
    assert old.search("holamundo") == ["zw"]
    assert old.search("ana") == ["zw"]
    old.upsert_messages([message("z2", "zw", text="otro mensaje")])
    assert old.search("otro") == ["zw"]
    conn.close()


def test_the_index_strips_exactly_what_search_folds_away() -> None:
    from wa_desk.core.search_fold import INVISIBLE
    from wa_desk.store import migrations

    stripped = {int(n) for n in re.findall(r"char\((\d+)\)", migrations._visible("t"))}
    assert stripped == {ord(ch) for ch in INVISIBLE}
