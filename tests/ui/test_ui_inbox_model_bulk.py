"""Large batches: new conversations go in as blocks, in order, and lookups stay right."""

from __future__ import annotations

import random
from typing import Any

from pytestqt.modeltest import ModelTester

from devtools import sample_data as sd
from wa_desk.core.clock import from_rfc3339
from wa_desk.ui.inbox.model import InboxModel, InboxRoles


def _conversations(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        sd.conversation(
            f"c-{seed}-{i}",
            f"Cliente {i}",
            f"34{600_000_000 + i}",
            last=-rng.randint(0, 50) * sd.MIN,  # many ties: the id must break them
            unread=rng.randint(0, 3),
        )
        for i in range(n)
    ]


def _ids(model: InboxModel) -> list[str]:
    return [model.index(r).data(InboxRoles.ID) for r in range(model.rowCount())]


def test_batches_interleave_in_blocks_keep_order_and_count_unread(
    qtmodeltester: ModelTester,
) -> None:
    model = InboxModel()
    qtmodeltester.check(model)
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    first, second = _conversations(300, 1), _conversations(300, 2)
    model.upsert(first)
    assert inserts == [(0, 299)]  # an empty model takes a batch in one insertion
    model.upsert([*second, {**first[0], "unread": 9}, second[5]])  # repeats and updates too
    everything = {str(c["id"]): c for c in first + second}
    everything[str(first[0]["id"])] = {**first[0], "unread": 9}
    expected = sorted(
        everything.values(), key=lambda c: (-from_rfc3339(str(c["last_message_at"])), c["id"])
    )
    assert _ids(model) == [c["id"] for c in expected]
    assert model.total_unread() == sum(int(c["unread"]) for c in everything.values())
    for row, c in enumerate(expected):
        assert model.row_of(str(c["id"])) == row
    assert model.row_of("missing") is None
    qtmodeltester.check(model)


def test_moves_and_removals_keep_lookups_and_unread_right() -> None:
    model = InboxModel()
    conversations = _conversations(50, 3)
    model.upsert(conversations)
    last = model.conversation(_ids(model)[-1])
    assert last is not None
    model.upsert([{**last, "last_message_at": sd.at(sd.MIN), "unread": 7}])
    assert _ids(model)[0] == last["id"]
    model.remove([_ids(model)[10], "missing"])
    assert [model.row_of(i) for i in _ids(model)] == list(range(49))
    assert model.total_unread() == sum(
        int(model.index(r).data(InboxRoles.UNREAD)) for r in range(49)
    )
