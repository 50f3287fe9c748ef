"""Searching for several words: every word must match somewhere in the conversation
(contact name, number or any cached message), each as a prefix, accents folded; the
answer is the most recent conversations first, capped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_samples import conversation, message

from wa_desk.store import LocalStore


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    with LocalStore.open(tmp_path_factory.mktemp("words") / "s.sqlite3") as s:
        s.upsert_conversations(
            [
                conversation("ana", name="Ana Gómez", wa_id="34611000001", at=10),
                conversation("bea", name="Beatriz Núñez", wa_id="34611000002", at=30),
                conversation("carlos", name="Carlos Ibáñez", wa_id="5215500000003", at=20),
            ]
        )
        s.upsert_messages(
            [
                message("a1", "ana", text="Mi pedido no ha llegado"),
                message("a2", "ana", text="Es urgente, por favor"),
                message("b1", "bea", text="Pedido URGENTE de facturación"),
                message("c1", "carlos", text="¿Cuándo llega la factura?"),
            ]
        )
        yield s


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # both words in one message; both words in two different messages
        ("pedido urgente", ["bea", "ana"]),
        ("urgente pedido", ["bea", "ana"]),  # word order does not matter
        ("ped urg", ["bea", "ana"]),  # each word is a prefix
        ("PEDIDO Urgente", ["bea", "ana"]),
        ("factur", ["bea", "carlos"]),  # "facturación" and "factura"
        ("facturacion", ["bea"]),  # accents folded in the text...
        ("cuándo", ["carlos"]),  # ...and in the query
        ("nunez urgente", ["bea"]),  # a name word and a message word
        ("ana pedido", ["ana"]),
        ("ana factura", []),  # every word must match
        ("pedido urgente zzz", []),
        ("gomez", ["ana"]),
        ("ibanez 52155", ["carlos"]),  # a name word and a number prefix
        ("¿cuándo?, llega...", ["carlos"]),  # punctuation separates words
    ],
)
def test_every_word_must_match_somewhere(
    store: LocalStore, query: str, expected: list[str]
) -> None:
    assert store.search(query) == expected


@pytest.mark.parametrize(
    "number", ["34611000002", "+34611000002", "+34 611 000 002", "611 000 002", "(611) 000-002"]
)
def test_numbers_match_with_or_without_plus_and_spaces(store: LocalStore, number: str) -> None:
    assert store.search(number) == ["bea"]


def test_list_conversations_searches_the_same_words(store: LocalStore) -> None:
    found = store.list_conversations("all", "me", [], search="urgente pedido")
    assert [c["id"] for c in found] == ["bea", "ana"]


def test_a_common_word_gives_the_most_recent_conversations_up_to_the_limit(
    tmp_path: Path,
) -> None:
    with LocalStore.open(tmp_path / "common.sqlite3") as s:
        s.upsert_conversations(conversation(f"c{i:03d}", at=i) for i in range(300))
        s.upsert_messages(
            message(f"m{i:03d}-{k}", f"c{i:03d}", text=f"hola pedido {k}", at=i)
            for i in range(300)
            for k in range(3)
        )
        found = s.search("hola pedido", limit=25)
        assert found == [f"c{i:03d}" for i in range(299, 274, -1)]


def test_a_conversation_moving_up_moves_up_in_the_results(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "recency.sqlite3") as s:
        s.upsert_conversations([conversation("old", at=1), conversation("new", at=2)])
        s.upsert_messages(
            [message("o", "old", text="talla grande"), message("n", "new", text="talla")]
        )
        assert s.search("talla") == ["new", "old"]
        s.upsert_conversations([conversation("old", at=3)])
        assert s.search("talla") == ["old", "new"]
        assert s.search("talla grande") == ["old"]
