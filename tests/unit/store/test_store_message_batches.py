"""Messages and statuses written in batches (a burst of the live stream): the same rules
as one by one, whatever the batch holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_reads import stored_message
from store_samples import message

from wa_desk.store import LocalStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with LocalStore.open(tmp_path / "store.sqlite3") as s:
        yield s


def test_a_batch_keeps_newer_stored_statuses_and_takes_new_messages(store: LocalStore) -> None:
    store.upsert_messages([message("m1", "c1", direction="out", status="read", wamid="w1")])
    store.upsert_messages(
        [
            message("m1", "c1", direction="out", status="sent", wamid="w1"),  # a stale copy
            *(message(f"n{i}", "c1", text=f"hola {i}") for i in range(1200)),  # > one query
        ]
    )
    stored = stored_message(store, "m1")
    assert stored is not None and stored["status"] == "read"
    assert len(store.messages_page("c1", None, 5000).items) == 1201


def test_the_same_message_twice_in_a_batch_never_moves_its_status_back(
    store: LocalStore,
) -> None:
    store.upsert_messages(
        [
            message("m1", "c1", direction="out", status="delivered", wamid="w1"),
            message("m1", "c1", direction="out", status="sent", wamid="w1"),
        ]
    )
    stored = stored_message(store, "m1")
    assert stored is not None and stored["status"] == "delivered"


def test_statuses_in_one_transaction_apply_in_order_and_count(store: LocalStore) -> None:
    store.upsert_messages(
        [message(f"m{i}", "c1", direction="out", status="sent", wamid=f"w{i}") for i in range(3)]
    )
    applied = store.apply_statuses(
        [
            {"id": None, "wamid": "w0", "status": "delivered"},
            {"id": "m0", "wamid": "w0", "status": "read"},
            {"id": "m0", "wamid": "w0", "status": "delivered"},  # behind: ignored
            {"id": "m1", "wamid": "w1", "status": "read"},
            {"id": "gone", "wamid": "nowhere", "status": "read"},
        ]
    )
    assert applied == 3
    assert [stored_message(store, f"m{i}")["status"] for i in range(3)] == ["read", "read", "sent"]  # type: ignore[index]
