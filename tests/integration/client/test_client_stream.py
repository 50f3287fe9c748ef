"""StreamConsumer against a real hub: live events, a hub restart, resume with no gap."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from hub_harness import PASSWORD
from restartable_hub import RestartableHub, until
from saved_stream_position import saved_position, saving_position

from wa_desk.client import Backoff, HubApi, StreamConsumer, StreamState
from wa_desk.store import LocalStore

pytestmark = pytest.mark.anyio


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, int, dict[str, Any]]] = []
        self.states: list[StreamState] = []

    def on_event(self, kind: str, seq: int, data: dict[str, Any]) -> None:
        self.events.append((kind, seq, data))

    def on_state(self, state: StreamState) -> None:
        self.states.append(state)

    def texts(self) -> list[str]:
        return [d["text"] for k, _, d in self.events if k == "message.created"]


async def test_events_arrive_and_survive_a_hub_restart_without_gaps(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    hub_box.running.add_user("ana")
    async with HubApi(hub_box.url) as api:
        await api.login("ana", PASSWORD)
        rec = Recorder()
        with LocalStore.open(tmp_path / "desk.sqlite3") as store:
            consumer = StreamConsumer(
                api,
                saving_position(store, rec.on_event),
                rec.on_state,
                last_event_id=saved_position(store),
                backoff=Backoff(base=1.0, cap=2.0),
                read_timeout=5.0,
            )
            task = asyncio.create_task(consumer.run())
            try:
                await until(lambda: any(k == "ready" for k, _, _ in rec.events))
                assert rec.states[0] == StreamState(True)
                hub_box.running.customer_writes("wamid.s1", "34611111111", "uno")
                await until(lambda: rec.texts() == ["uno"])

                await asyncio.to_thread(hub_box.stop)
                await until(lambda: not consumer.connected)
                await asyncio.to_thread(hub_box.start)
                # Written while the consumer waits to reconnect: replayed on resume.
                for i, text in enumerate(["dos", "tres", "cuatro"]):
                    hub_box.running.customer_writes(f"wamid.s{i + 2}", "34611111111", text)
                await until(lambda: rec.texts() == ["uno", "dos", "tres", "cuatro"])
                assert consumer.connected
                connected = [s.connected for s in rec.states]
                assert connected[0] and not all(connected) and connected[-1]
                seqs = [seq for _, seq, _ in rec.events]
                assert seqs == sorted(set(seqs))  # in order, never twice
                assert store.get("stream.last_event_id") == str(seqs[-1])
            finally:
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task
        assert rec.states[-1] == StreamState(False, "stopped")


async def test_a_saved_position_resumes_where_the_last_run_stopped(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    hub = hub_box.running
    hub.add_user("ana")
    hub.customer_writes("wamid.a", "34622222222", "antes")
    async with HubApi(hub.url) as api:
        await api.login("ana", PASSWORD)
        with LocalStore.open(tmp_path / "desk.sqlite3") as store:
            first = Recorder()
            consumer = StreamConsumer(api, saving_position(store, first.on_event), first.on_state)
            task = asyncio.create_task(consumer.run())
            await until(lambda: first.events)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            hub.customer_writes("wamid.b", "34622222222", "mientras tanto")
            second = Recorder()
            consumer = StreamConsumer(
                api,
                second.on_event,
                second.on_state,
                last_event_id=saved_position(store),
            )
            task = asyncio.create_task(consumer.run())
            await until(lambda: second.texts() == ["mientras tanto"])
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        assert "antes" not in second.texts()


async def test_an_expired_session_stops_the_stream_and_says_so(hub_box: RestartableHub) -> None:
    hub_box.running.add_user("ana")
    async with HubApi(hub_box.url) as api, HubApi(hub_box.url) as other:
        session = await api.login("ana", PASSWORD)
        other.token = session.token
        await other.logout()
        rec = Recorder()
        consumer = StreamConsumer(api, rec.on_event, rec.on_state)
        await asyncio.wait_for(consumer.run(), 10)
        last = rec.states[-1]
        assert consumer.state == last and not last.connected and last.session_expired
        assert last.reason and not last.reason.startswith("session_expired")  # the hub's words
