"""The inbox filter follows every kind of source change row by row and always shows
exactly the rows a from-scratch filter would, in the source's order."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtCore import QPersistentModelIndex
from pytestqt.modeltest import ModelTester

from devtools import sample_data as sd
from wa_desk.ui.inbox.filter import InboxFilter
from wa_desk.ui.inbox.model import InboxModel, InboxRoles

STATES = [("assigned", "u-ana"), ("assigned", "u-luis"), ("queued", None), ("closed", None)]


def _conversation(rng: random.Random, i: int) -> dict[str, Any]:
    state, assignee = rng.choice(STATES)
    return sd.conversation(
        f"c-{i}",
        rng.choice(["Lucía Gil", "Jorge Ruiz", None]),
        f"34{600_000_000 + i}",
        state=state,
        assignee=assignee,
        assignee_name=None,
        last=-rng.randint(0, 40) * sd.MIN,
        preview=rng.choice(["factura", "router", "hola"]),
        unread=rng.randint(0, 2),
    )


def _expected(model: InboxModel, proxy: InboxFilter, view: str, search: str) -> list[str]:
    out = []
    for row in range(model.rowCount()):
        c = model.conversation_at(row)
        if view == "mine" and (c["state"] != "assigned" or c["assignee"] != "u-ana"):
            continue
        if view == "queue" and c["state"] != "queued":
            continue
        if search and search.casefold() not in model.search_text(row):
            continue
        out.append(c["id"])
    return out


def test_random_changes_keep_the_filter_exact(qtmodeltester: ModelTester) -> None:
    rng = random.Random(11)
    model = InboxModel()
    proxy = InboxFilter()
    proxy.setSourceModel(model)
    proxy.set_user_id("u-ana")
    qtmodeltester.check(proxy)
    model.upsert(_conversation(rng, i) for i in range(40))
    view, search, next_id = "all", "", 40
    for _ in range(400):
        roll = rng.random()
        if roll < 0.5:  # an update: activity moves it, state may move it in or out
            c = dict(model.conversation_at(rng.randrange(model.rowCount())))
            fresh = _conversation(rng, 0)
            c.update({k: fresh[k] for k in ("state", "assignee", "last_message_preview")})
            c["last_message_at"] = sd.at(rng.randint(-40, 5) * sd.MIN)
            model.upsert([c])
        elif roll < 0.65:
            model.upsert(_conversation(rng, next_id + n) for n in range(rng.randint(1, 5)))
            next_id += 5
        elif roll < 0.75 and model.rowCount() > 5:
            model.remove([model.conversation_at(rng.randrange(model.rowCount()))["id"]])
        elif roll < 0.9:
            view = rng.choice(["mine", "queue", "all"])
            proxy.set_view(view)
        else:
            search = rng.choice(["", "lucía", "factura", "+3460"])
            proxy.set_search(search)
        shown = [proxy.index(r, 0).data(InboxRoles.ID) for r in range(proxy.rowCount())]
        assert shown == _expected(model, proxy, view, search)
    qtmodeltester.check(proxy)


def test_the_current_row_survives_moves_and_filter_changes() -> None:
    rng = random.Random(5)
    model = InboxModel()
    proxy = InboxFilter()
    proxy.setSourceModel(model)
    model.upsert(_conversation(rng, i) for i in range(30))
    target = model.conversation_at(20)
    kept = QPersistentModelIndex(proxy.mapFromSource(model.index(20)))
    model.upsert([{**target, "last_message_at": sd.at(sd.MIN)}])  # to the top
    assert kept.row() == 0 and kept.data(InboxRoles.ID) == target["id"]
    proxy.set_search(str(target["contact"]["wa_id"]))
    assert proxy.rowCount() == 1 and kept.row() == 0
    proxy.set_search("")
    assert kept.data(InboxRoles.ID) == target["id"]


def test_invisible_characters_neither_hide_a_row_nor_stop_a_search() -> None:
    model = InboxModel()
    proxy = InboxFilter()
    proxy.setSourceModel(model)
    model.upsert(
        [
            sd.conversation("c-zw", "Mar\u00adta", "34600000001", preview="Hola\u200bmundo"),
            sd.conversation("c-other", "Jorge", "34600000002", preview="hola a todos"),
        ]
    )

    def shown(search: str) -> list[str]:
        proxy.set_search(search)
        return [proxy.index(r, 0).data(InboxRoles.ID) for r in range(proxy.rowCount())]

    assert shown("holamundo") == ["c-zw"]
    assert shown("HOLA\ufeffMUNDO") == ["c-zw"]
    assert shown("marta") == ["c-zw"]
