"""``wallboard.changed`` on the live stream: a customer's message reaches its queue's
supervisor as the queue's new row (and an administrator, and not a supervisor of another
queue), never an agent, and a burst of messages is coalesced into a few rows. SQLite,
then PostgreSQL; the rows read in the hub's process, then in one of their own, which is
started again when it dies."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterator
from typing import Any

import pytest
from audit_rows import extend_chain
from hub_harness import SUPPORT, RunningHub, running_hub, text_webhook
from sse_reader import Sse, StreamReader

from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.stream_protocol import StreamEventKind

WALLBOARD = StreamEventKind.WALLBOARD_CHANGED.value
MESSAGE = StreamEventKind.MESSAGE_CREATED.value
INSTALL = "0190f0e0-dddd-7000-8000-000000000011"


@pytest.fixture(params=[False, True], ids=["rows-read-in-hub", "rows-read-in-own-process"])
def hub(db_url: str, request: pytest.FixtureRequest) -> Iterator[RunningHub]:
    """The hub reads the rows in its own process, or in one of their own
    (``[hub] wallboard_process``, what ``hub serve`` does by default)."""
    with running_hub(db_url, hub_settings={"wallboard_process": request.param}) as running:
        running.add_user("ana", "agent", ("ventas",))
        running.add_user("lead", "supervisor", ("ventas",))
        running.add_user("otra", "supervisor", ("soporte",))
        running.add_user("root", "admin", ())
        yield running


@pytest.fixture
def streams(hub: RunningHub) -> Iterator[dict[str, StreamReader]]:
    readers = {}
    for name in ("ana", "lead", "otra", "root"):
        hub.login(name)
        readers[name] = StreamReader(hub.url, hub.tokens[name])
    for reader in readers.values():
        reader.take("ready")
    yield readers
    for reader in readers.values():
        reader.close()


def _rows(reader: StreamReader, until: Any) -> list[dict[str, Any]]:
    """Every ``wallboard.changed`` row the reader gets, up to and with the first one for
    which ``until(row)`` holds."""
    rows = []
    while True:
        row: dict[str, Any] = reader.take(WALLBOARD).data
        rows.append(row)
        if until(row):
            return rows


def _queue_rows(reader: StreamReader, name: str, until: Any) -> list[dict[str, Any]]:
    """The rows of queue ``name`` among ``_rows``."""
    found = _rows(reader, lambda r: r["type"] == "queue" and r["queue"] == name and until(r))
    return [r for r in found if r["type"] == "queue" and r["queue"] == name]


def _message(reader: StreamReader, wamid: str) -> Sse:
    while True:
        event = reader.take(MESSAGE)
        if event.data["wamid"] == wamid:
            return event


def _until_seq(reader: StreamReader, seq: int) -> list[Sse]:
    """Every event the reader gets up to the one numbered ``seq``."""
    seen = []
    while True:
        try:
            event = reader.events.get(timeout=10)
        except queue.Empty:
            raise AssertionError(f"event {seq} never came") from None
        seen.append(event)
        if event.id == seq:
            return seen


def test_a_customer_message_reaches_the_queue_supervisor_not_the_agent(
    hub: RunningHub, streams: dict[str, StreamReader]
) -> None:
    hub.customer_writes("wamid.w1", "34600000001", "hola")
    rows = _queue_rows(streams["lead"], "ventas", lambda r: r["waiting"] == 1)
    assert (rows[-1]["open"], rows[-1]["waiting"], rows[-1]["assigned"]) == (1, 1, 0)
    assert _queue_rows(streams["root"], "ventas", lambda r: r["waiting"] == 1)

    # A later message of ventas: the agent's stream, in order up to it, would hold the
    # row the supervisor got before it, were it meant for her.
    hub.customer_writes("wamid.w2", "34600000002", "hola")
    marker = _message(streams["lead"], "wamid.w2")
    seen = _until_seq(streams["ana"], marker.id or 0)
    assert [e.event for e in seen if e.event == MESSAGE] == [MESSAGE, MESSAGE]
    assert not [e for e in seen if e.event == WALLBOARD]

    # The supervisor of soporte hears soporte's row, and never one of ventas.
    hub.customer_writes("wamid.w3", "34600000003", "hola", phone_number_id=SUPPORT)
    got = _rows(streams["otra"], lambda r: r["type"] == "queue" and r["waiting"] == 1)
    assert {(r["type"], r.get("queue")) for r in got} == {("queue", "soporte")}


def test_a_burst_of_messages_is_coalesced(
    hub: RunningHub, streams: dict[str, StreamReader]
) -> None:
    for i in range(50):
        delivery = text_webhook(f"wamid.b{i}", f"3460000{i:04d}", "hola")
        assert hub.post_webhook(delivery).status_code == 200
    rows = _queue_rows(streams["lead"], "ventas", lambda r: r["waiting"] == 50)
    # One row a second at most: the burst lasts a few seconds, not 50 rows' worth.
    assert len(rows) < 25, len(rows)
    assert [r["waiting"] for r in rows] == sorted(r["waiting"] for r in rows)


def test_what_reaches_the_store_without_a_stream_event_is_pushed_by_the_recheck(
    hub: RunningHub, streams: dict[str, StreamReader]
) -> None:
    """An override in ana's desktop log, synced through the events API, announces nothing
    on the stream: the periodic re-check finds her row changed and pushes it."""
    conversation = hub.new_conversation("34600000021", seen_by="ana")
    ana_id = hub.user_ids["ana"]
    events: list[dict[str, Any]] = []
    extend_chain(
        events,
        [
            {
                "id": "ev-override",
                "device": f"{INSTALL}/{ana_id}",
                "at": to_rfc3339(now_ms()),
                "actor": ana_id,
                "kind": "guideline.overridden",
                "conversation": conversation,
                "data": {"rule": "promise"},
            }
        ],
    )
    synced = hub.client("ana").post("/api/v1/events", json={"events": events})
    assert synced.status_code == 200, synced.text
    rows = _rows(streams["lead"], lambda r: r["type"] == "agent" and r["overrides_today"] == 1)
    assert rows[-1]["id"] == ana_id
    board = hub.client("lead").get("/api/v1/supervisor/wallboard").json()
    assert [a["overrides_today"] for a in board["agents"] if a["id"] == ana_id] == [1]


def test_a_wallboard_process_that_dies_is_started_again(db_url: str) -> None:
    with running_hub(db_url, hub_settings={"wallboard_process": True}) as hub:
        hub.add_user("lead", "supervisor", ("ventas",))
        hub.login("lead")
        lead = StreamReader(hub.url, hub.tokens["lead"])
        try:
            lead.take("ready")
            hub.customer_writes("wamid.k1", "34600000001", "hola")
            assert _queue_rows(lead, "ventas", lambda r: r["waiting"] == 1)
            (reader,) = _wallboard_processes()
            reader.kill()
            reader.join(10)
            # The pass that finds it dead fails, and leaves its rows to the next one.
            hub.customer_writes("wamid.k2", "34600000002", "hola")
            assert _queue_rows(lead, "ventas", lambda r: r["waiting"] == 2)
            (again,) = _wallboard_processes()
            assert again.pid != reader.pid
        finally:
            lead.close()
    assert _wallboard_processes() == []  # ended with the hub


def _wallboard_processes() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "wa-desk-wallboard"]
