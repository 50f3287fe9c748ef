"""One count of what the agent did that the server has not taken, worked out by hand on a
real store (``store.waiting`` says what is counted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.store import LocalStore, Waiting

T0 = 1_764_800_000_000  # when the agent starts working (ms)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with LocalStore.open(tmp_path / "store.sqlite3") as s:
        s.use_clock(lambda: T0)
        yield s


def test_a_worked_example_counts_each_thing_the_agent_did_once(store: LocalStore) -> None:
    assert store.waiting("ana") == Waiting(0)
    # 1. Ana signs in: an audit record only.                                   -> 1
    store.append_action("session.started", "ana", None, {})
    assert store.waiting("ana").count == 1
    # 2. A reply over a guideline's warning: outbox entry + message.sent +
    #    guideline.overridden, one key: one thing.                              -> 2
    reply, _ = store.queue_send("c1", "ana", text="Hola", overridden=["no_prices"])
    store.use_clock(lambda: T0 + 1000)
    # 3. A template: outbox entry + message.sent + template.used, one key.      -> 3
    template = {"name": "welcome", "language": "es", "body_params": []}
    refused, _ = store.queue_send("c1", "ana", template=template)
    # 4. A claim: outbox entry + conversation.claimed.                          -> 4
    claim = store.queue_action(OutboxKind.CLAIM, "ana", "c2")
    # 5. A ticked checklist item: an audit record only.                         -> 5
    store.tick_checklist_item("c1", "ana", "greeted", True)
    # Another agent's record on this computer is not Ana's: still 5.
    store.append_action("session.started", "bob", None, {})
    assert store.waiting("ana").count == 5

    # The server took the reply, not yet its audit record: still one thing waits for it.
    store.outbox_mark_done(reply.id)
    assert store.waiting("ana").count == 5
    # The template is refused for good: it is failed on its message, not waiting, even
    # though its records (and the message.send_failed written now) still go to the server.
    store.outbox_mark_failed(refused.id, "131047", "Outside the 24 h window", actor="ana")
    # The claim could not reach the server: it waits, with that reason.
    store.outbox_mark_sending(claim.id)
    store.outbox_retry_later(claim.id, "HubUnreachable", "connection refused")

    # By hand: session.started, the reply, the claim, the checklist item = 4 things.
    # Records: Ana's log has 8 events (session.started, message.sent + overridden,
    # message.sent + template.used, claimed, checklist.checked, message.send_failed);
    # the outbox holds the claim (an action) and no message.
    assert store.waiting("ana") == Waiting(
        count=4,
        messages=0,
        actions=1,
        log_entries=8,
        oldest=T0,
        last_error="HubUnreachable",
    )
    assert store.waiting("bob").count == 2  # his sign-in, and Ana's claim in the outbox

    # The server acknowledges Ana's whole log: only the claim is left.
    store.set_chain_acked(store.chain_id("ana"), 8)
    assert store.waiting("ana") == Waiting(
        count=1, actions=1, oldest=T0 + 1000, last_error="HubUnreachable"
    )
    store.outbox_mark_done(claim.id)
    assert store.waiting("ana") == Waiting(0)


def test_a_chain_the_server_was_never_asked_about_counts_in_full(store: LocalStore) -> None:
    for status in ("away", "available", "away"):
        store.append_action("agent.status_changed", "ana", None, {"status": status})
    assert store.waiting("ana").count == 3
    store.set_chain_acked(store.chain_id("ana"), 2)
    assert store.waiting("ana").count == 1
