"""The action log keeps one hash chain per install and user, durably, and knows what the
hub acknowledged of each."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wa_desk.core.audit_chain import GENESIS, verify
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.store.action_log import Action
from wa_desk.store.local_store import LocalStore
from wa_desk.store.migrations import MIGRATIONS, migrate, schema_version
from wa_desk.store.outbox import ACTION_KINDS, REFUSED_KINDS


def test_each_user_gets_a_gapless_chain_of_their_own(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        seqs = [
            store.append_action("session.started", "ana", None, {}),
            store.append_action("conversation.claimed", "ana", "c1", {}),
            store.append_action("session.started", "beto", None, {}),
            store.append_action("message.sent", "ana", "c1", {"text": "hola"}),
            store.append_action("session.ended", "beto", None, {}),
        ]
        ana = store.actions(user_id="ana")
        beto = store.actions(user_id="beto")
        everything = store.actions()
        install = store.device_id
    assert seqs == [1, 2, 1, 3, 2]
    assert {e["device"] for e in ana} == {f"{install}/ana"}
    assert {e["device"] for e in beto} == {f"{install}/beto"}
    assert {e["actor"] for e in ana} == {"ana"} and {e["actor"] for e in beto} == {"beto"}
    assert verify(ana) == [] and verify(beto) == []
    assert ana[0]["prev"] == beto[0]["prev"] == GENESIS
    assert [e["kind"] for e in everything] == [
        "session.started", "conversation.claimed", "session.started", "message.sent",
        "session.ended",
    ]  # fmt: skip


def test_a_user_id_that_would_break_the_chain_id_is_refused(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        for bad in ("", "a/b"):
            with pytest.raises(ValueError):
                store.append_action("session.started", bad, None, {})
        assert store.actions() == []


def test_a_batch_is_one_transaction_that_links_into_each_chain(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        store.append_action("session.started", "ana", None, {})
        seqs = store.append_actions(
            Action("message.sent", "ana" if i % 3 else "beto", "c1", {"i": i}) for i in range(9)
        )
        assert seqs == [1, 2, 3, 2, 4, 5, 3, 6, 7]
        assert verify(store.actions(user_id="ana", limit=100)) == []
        assert verify(store.actions(user_id="beto", limit=100)) == []
        with pytest.raises(ValueError):  # a bad action anywhere: nothing of the batch lands
            store.append_actions([Action("note.added", "ana", None, {}), Action("x", "", None, {})])
        assert len(store.actions(limit=100)) == 10


def test_the_hubs_acknowledgement_is_remembered_per_chain_and_never_shrinks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.sqlite3"
    with LocalStore.open(path) as store:
        for _ in range(4):
            store.append_action("note.added", "ana", "c1", {})
        store.append_action("note.added", "beto", "c1", {})
        ana, beto = store.chain_id("ana"), store.chain_id("beto")
        store.set_chain_acked(ana, 3)
        store.set_chain_acked(ana, 2)  # a late answer to an older batch
    with LocalStore.open(path) as store:
        chains = {c.device: c for c in store.action_chains()}
        assert chains[ana].acked_seq == 3 and chains[ana].unsynced == 1
        assert chains[beto].acked_seq is None and chains[beto].unsynced == 1
        assert chains[beto].user_id == "beto"
        store.forget_chain_acked(ana)
        assert {c.device: c.acked_seq for c in store.action_chains()}[ana] is None


def test_listeners_hear_of_appends_after_the_commit(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        seen: list[int] = []
        remove = store.on_actions_appended(lambda: seen.append(len(store.actions())))
        store.append_action("note.added", "ana", "c1", {})
        store.queue_action("claim", "ana", "c1")
        remove()
        store.append_action("note.added", "ana", "c1", {})
        assert seen == [1, 2]


def test_a_template_send_and_a_refused_send_are_logged(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        template = {"name": "saludo", "language": "es", "body_params": ["Ana"]}
        entry, _ = store.queue_send("c1", "ana", template=template)
        store.outbox_mark_failed(
            entry.id, "window_closed", "More than 24 hours have passed.", actor="ana"
        )
        events = store.actions(user_id="ana")
    assert [e["kind"] for e in events] == ["message.sent", "template.used", "message.send_failed"]
    assert events[1]["data"]["name"] == "saludo"
    assert events[2]["data"]["code"] == "window_closed"
    assert events[2]["data"]["idempotency_key"] == entry.idempotency_key
    assert verify(events) == []


def test_older_files_move_their_log_to_per_user_chains_resealed_in_order(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    migrate(conn, MIGRATIONS[:2])
    rows = [
        ("e1", "inst", 1, "ana", "session.started", None, None),
        ("e2", "inst", 2, "beto", "session.started", None, None),
        ("e3", "inst", 3, "ana", "message.sent", "a" * 64, "b" * 64),  # sealed the old way
        ("e4", "inst", 4, "beto", "note.added", None, None),
    ]
    for id_, device, seq, actor, kind, prev, hash_ in rows:
        conn.execute(
            "INSERT INTO action_log (id, device, seq, at, actor, kind, conversation, data, "
            "prev, hash) VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z', ?, ?, 'c1', '{\"n\":1}', "
            "?, ?)",
            (id_, device, seq, actor, kind, prev, hash_),
        )
    conn.execute("INSERT INTO kv (key, value) VALUES ('device_id', 'inst')")
    conn.close()
    with LocalStore.open(path) as store:
        assert schema_version(store._conn) == len(MIGRATIONS)
        ana = store.actions(user_id="ana")
        beto = store.actions(user_id="beto")
        assert [(e["id"], e["seq"], e["device"]) for e in ana] == [
            ("e1", 1, "inst/ana"), ("e3", 2, "inst/ana"),
        ]  # fmt: skip
        assert [(e["id"], e["seq"]) for e in beto] == [("e2", 1), ("e4", 2)]
        assert verify(ana) == [] and verify(beto) == []
        assert store.append_action("note.added", "ana", None, {}) == 3
        assert verify(store.actions(user_id="ana")) == []


@pytest.mark.parametrize("kind", [k for k in OutboxKind if k is not OutboxKind.SEND])
def test_a_refused_action_is_logged_after_its_intent_with_the_hubs_reason(
    tmp_path: Path, kind: OutboxKind
) -> None:
    """The log says what the agent tried and that it did not happen: never only the try."""
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        entry = store.queue_action(kind, "ana", "c1", {"disposition": "resolved"})
        store.outbox_mark_failed(entry.id, "already_assigned", "bruno has it.", actor="ana")
        intent, outcome = store.actions(user_id="ana")
    assert intent["kind"] == ACTION_KINDS[kind]
    assert outcome["kind"] == REFUSED_KINDS[kind]
    assert outcome["conversation"] == "c1"
    assert outcome["data"] == {
        "idempotency_key": entry.idempotency_key,
        "code": "already_assigned",
        "message": "bruno has it.",
    }
    assert intent["data"]["idempotency_key"] == entry.idempotency_key
    assert verify([intent, outcome]) == []


def test_a_canned_reply_is_logged_with_its_send_by_name_never_by_text(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        canned = {"name": "Saludo", "language": "es"}
        entry, _ = store.queue_send("c1", "ana", text="Hola Marta, soy Ana.", canned=canned)
        store.queue_send("c1", "ana", text="Un texto propio")
        events = store.actions(user_id="ana")
    assert [e["kind"] for e in events] == ["message.sent", "canned_reply.used", "message.sent"]
    used = events[1]["data"]
    assert used == {"name": "Saludo", "language": "es", "idempotency_key": entry.idempotency_key}
    assert "Hola" not in str(used)
