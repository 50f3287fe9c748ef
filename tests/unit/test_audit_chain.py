"""The action log's hash chain: DESIGN.md's definition, sealed by the desktop's store."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from pathlib import Path

from wa_desk.core.audit_chain import GENESIS, event_hash, seal, verify
from wa_desk.store.local_store import LocalStore
from wa_desk.store.migrations import MIGRATIONS, migrate


def _design_hash(event: dict[str, object]) -> str:
    """Written straight from DESIGN.md, independently of the code under test."""
    body = {k: v for k, v in event.items() if k != "hash"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_seal_follows_the_design_definition() -> None:
    event = {
        "id": "e1",
        "device": "d",
        "seq": 1,
        "at": "2026-11-24T10:15:00.123Z",
        "actor": "u",
        "kind": "conversation.closed",
        "conversation": "c",
        "data": {"disposition": "resuelto", "checklist": {"saludó": True}},
    }
    sealed = seal(event, GENESIS)
    assert sealed["prev"] == "0" * 64
    assert sealed["hash"] == _design_hash(sealed) == event_hash(sealed)


def test_the_store_chains_every_action_and_verification_catches_tampering(
    tmp_path: Path,
) -> None:
    with LocalStore.open(tmp_path / "local.sqlite3") as store:
        for i in range(5):
            store.append_action("message.sent", "ana", "c1", {"text": f"mensaje {i} ✓"})
        events = store.actions()
        assert [e["seq"] for e in events] == [1, 2, 3, 4, 5]
        assert events[0]["prev"] == GENESIS
        assert all(e["hash"] == _design_hash(e) for e in events)
        assert all(b["prev"] == a["hash"] for a, b in itertools.pairwise(events))
        assert verify(events) == []
        altered = [dict(e) for e in events]
        altered[2]["data"] = {"text": "otro texto"}
        assert [(p.seq, p.problem) for p in verify(altered)] == [(3, "altered")]
        assert [(p.seq, p.problem) for p in verify(events[:2] + events[3:])] == [
            (4, "gap"),
            (4, "fork"),
        ]


def test_events_written_before_the_chain_are_sealed_once(tmp_path: Path) -> None:
    """A file from before the chain (schema 2: one log per install, rows unsealed) is
    sealed, in order, when this version opens it."""
    path = tmp_path / "local.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:2])
    conn.execute("INSERT INTO kv (key, value) VALUES ('device_id', 'inst')")
    for seq, kind in ((1, "conversation.claimed"), (2, "message.sent")):
        conn.execute(
            "INSERT INTO action_log (id, device, seq, at, actor, kind, conversation, data) "
            "VALUES (?, 'inst', ?, '2026-11-24T10:00:00.000Z', 'ana', ?, 'c1', '{}')",
            (f"e{seq}", seq, kind),
        )
    conn.close()
    with LocalStore.open(path) as store:
        store.append_action("conversation.closed", "ana", "c1", {"disposition": "resuelto"})
        events = store.actions()
        assert [e["seq"] for e in events] == [1, 2, 3]
        assert verify(events) == []
