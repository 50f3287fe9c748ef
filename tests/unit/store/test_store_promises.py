"""The customer's open promises in the local store: the hub's list, kept across
reopening the file, with the agent's changes still in the outbox laid over it (offline
included) and gone from it once the hub has answered or refused them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store_samples import conversation

from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.store import LocalStore

WA_ID = "34600111222"
ME = ("u-ana", "Ana")


def _promise(pid: str, due: str, *, state: str = "open", cid: str = "c1") -> dict[str, Any]:
    return {
        "id": pid,
        "conversation_id": cid,
        "wa_id": WA_ID,
        "what": f"promesa {pid}",
        "due_at": due,
        "owner": "u-beto",
        "owner_name": "Beto",
        "made_by": "u-beto",
        "made_by_name": "Beto",
        "made_at": "2026-12-01T09:00:00.000Z",
        "state": state,
    }


def _ids(store: LocalStore) -> list[str]:
    return [str(p["id"]) for p in store.open_promises(WA_ID, ME)]


def test_the_hubs_list_is_kept_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with LocalStore.open(path) as store:
        store.set_open_promises(
            WA_ID,
            [
                _promise("p2", "2026-12-09T18:00:00.000Z"),
                _promise("p1", "2026-12-08T18:00:00.000Z"),
            ],
        )
        store.set_open_promises(
            "34699999999", [{**_promise("px", "2026-12-01T18:00:00.000Z"), "wa_id": "34699999999"}]
        )
    with LocalStore.open(path) as store:  # offline after a restart: still there
        assert _ids(store) == ["p1", "p2"]
        assert store.open_promises(WA_ID, ME)[0]["what"] == "promesa p1"
        # Kept elsewhere (the stream): no longer open. The hub's next list drops p2.
        store.upsert_promises([_promise("p1", "2026-12-08T18:00:00.000Z", state="kept")])
        assert _ids(store) == ["p2"]
        kept = store.db.execute("SELECT COUNT(*) FROM promises WHERE id = 'p1'").fetchone()
        assert kept[0] == 0  # the cache holds what is still owed, nothing more
        store.set_open_promises(WA_ID, [])
        assert _ids(store) == []
        assert [p["id"] for p in store.open_promises("34699999999", ME)] == ["px"]


def test_changes_waiting_in_the_outbox_are_shown_until_the_hub_takes_them(
    tmp_path: Path,
) -> None:
    with LocalStore.open(tmp_path / "store.sqlite3") as store:
        store.upsert_conversations([conversation("c1"), conversation("c9", wa_id="34699999999")])
        store.set_open_promises(
            WA_ID,
            [
                _promise("p1", "2026-12-08T18:00:00.000Z"),
                _promise("p2", "2026-12-09T18:00:00.000Z"),
                _promise("p3", "2026-12-10T18:00:00.000Z"),
            ],
        )
        made = {"id": "p4", "what": "Te llamo", "due_at": "2026-12-07T18:00:00.000Z"}
        store.queue_action(OutboxKind.PROMISE_MAKE, "u-ana", "c1", made)
        other = {"id": "p9", "what": "Otro cliente", "due_at": "2026-12-07T18:00:00.000Z"}
        store.queue_action(OutboxKind.PROMISE_MAKE, "u-ana", "c9", other)
        kept = store.queue_action(
            OutboxKind.PROMISE_KEEP, "u-ana", "c1", {"promise": "p1", "message_id": "m1"}
        )
        moved = {"promise": "p3", "due_at": "2026-12-06T18:00:00.000Z", "reason": "Antes"}
        store.queue_action(OutboxKind.PROMISE_RESCHEDULE, "u-ana", "c1", moved)
        store.queue_action(
            OutboxKind.PROMISE_TRANSFER, "u-ana", "c1", {"promise": "p2", "to_user": "u-ana"}
        )

        shown = store.open_promises(WA_ID, ME)
        assert [p["id"] for p in shown] == ["p3", "p4", "p2"]  # p1 kept; soonest first
        by_id = {p["id"]: p for p in shown}
        assert by_id["p4"]["made_by_name"] == "Ana" and by_id["p4"]["owner"] == "u-ana"
        assert by_id["p4"]["what"] == "Te llamo" and by_id["p4"]["conversation_id"] == "c1"
        assert by_id["p3"]["due_at"] == "2026-12-06T18:00:00.000Z"
        assert by_id["p3"]["reason"] == "Antes"
        assert by_id["p2"]["owner"] == "u-ana"
        assert all(p["pending"] for p in shown)

        # The hub refused the keep: the promise is open as the hub says.
        store.outbox_mark_failed(kept.id, "promise_closed", "no", actor="u-ana")
        assert "p1" in _ids(store)
