"""The wallboard, live: rows pushed on the stream as ``wallboard.changed`` when what they
show changed (docs/kpis.md, "When a row is pushed"), so no client polls.

Every committed stream event the hub publishes marks the rows it may change as dirty: the
queue of a message, a status or a conversation change, and the holders of that
conversation (before and after: a transfer changes both); the agent of a status change.
One pass at most every second recomputes the dirty rows, and appends those whose figures
changed, so a row is pushed at most once a second and within about a second of the
change (plus the pass's own time). A pass reads only the conversations written since the
last one (``wallboard_live``), so its time follows what changed, not how many
conversations are open, and it starts that time ahead of the second, so that its rows are
read just before they are pushed. Every ``RECHECK_SECONDS`` a pass recomputes every row,
for what the clock alone changes (a wait turning at risk, a window closing, midnight) and
what reaches the store without a stream event (overrides in a desktop's action log).
Durations that only grow with the clock are not a reason to push a row again: a client
adds the time passed itself.

One process, one pusher. With several hub replicas on one PostgreSQL each replica pushes
the rows its own writes touched (its listeners hear of its own commits only, though its
streams carry everyone's: ``Broker.committed_here``); every row is computed from the
shared store, so any replica's push is right. The periodic re-check still runs on every
replica, so a row that only the clock changed may be pushed once by each. The kept
conversations are found by reading the stream after a seq, which the replicas' appends
become visible in (``db.stream_order``), so none is missed.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Iterable

import orjson

from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.conversation import State
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import stream_log
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.wallboard import Board, Row, shown
from wa_desk.hub.wallboard_reader import BoardReader, InProcessReader, ProcessReader, Question

log = logging.getLogger(__name__)

PUSH_EVERY_SECONDS = 1.0  # at most one pass, so one push per row, a second
RECHECK_SECONDS = 5.0  # every row recomputed, for what time alone changes

# Events about a conversation of a queue: they change its queue's row.
_OF_A_QUEUE = frozenset(
    {
        StreamEventKind.MESSAGE_CREATED,
        StreamEventKind.MESSAGE_STATUS,
        StreamEventKind.CONVERSATION_UPDATED,
        StreamEventKind.CONVERSATION_TAKEN_OVER,
    }
)


class DirtyRows:
    """The rows the hub's commits may have changed since the last pass. Remembers who
    held each open conversation it heard of, so a transfer or a close marks the row of
    the agent who no longer holds it (and the queue it left)."""

    def __init__(self) -> None:
        self.queues: set[str] = set()
        self.agents: set[str] = set()
        self.wake = asyncio.Event()
        self._held: dict[str, tuple[str, str | None]] = {}  # conversation -> queue, holder

    def note(self, events: list[StreamEvent]) -> None:
        for event in events:
            if event.kind == StreamEventKind.AGENT_STATUS:
                self.agents.add(str(orjson.loads(event.data)["id"]))
            elif event.kind in _OF_A_QUEUE and event.queue is not None:
                self.queues.add(event.queue)
                if event.kind == StreamEventKind.CONVERSATION_UPDATED and event.conversation_id:
                    self._conversation(event.conversation_id, event.queue, event.data)
            else:
                continue
            self.wake.set()

    def _conversation(self, conversation_id: str, queue: str, data: bytes) -> None:
        view = orjson.loads(data)
        holder = view.get("assignee")
        before = self._held.pop(conversation_id, None)
        if before is not None:
            self.queues.add(before[0])
            if before[1] is not None:
                self.agents.add(before[1])
        if holder is not None:
            self.agents.add(str(holder))
        if view.get("state") != State.CLOSED.value:
            self._held[conversation_id] = (queue, None if holder is None else str(holder))

    def again(self, queues: Iterable[str], agents: Iterable[str]) -> None:
        """Rows taken for a pass that did not push them: dirty still."""
        self.queues.update(queues)
        self.agents.update(agents)
        self.wake.set()

    def take(self) -> tuple[frozenset[str], frozenset[str]]:
        queues, agents = frozenset(self.queues), frozenset(self.agents)
        self.queues.clear()
        self.agents.clear()
        self.wake.clear()
        return queues, agents


def _appended(rows: list[Row], now: Millis) -> Callable[[Conn], Outcome[None]]:
    """The write that appends the rows to the stream: the leads of each row's queues see
    it (and administrators), agents never."""

    def write(conn: Conn) -> Outcome[None]:
        events = [
            stream_log.append(
                conn,
                StreamEventKind.WALLBOARD_CHANGED,
                None,
                None,
                row.data,
                now,
                audience=row.audience,
                subject=row.key,
            )
            for row in rows
        ]
        return Outcome(None, events)

    return write


class WallboardPusher:
    """Recomputes dirty rows and appends the changed ones; ``sent`` holds what each row
    showed when it was last given (by a push, or at start)."""

    def __init__(self, ctx: HubContext) -> None:
        self.ctx = ctx
        self.dirty = DirtyRows()
        self.sent: dict[str, dict[str, object]] = {}
        settings = ctx.settings
        self.reader: BoardReader = (
            ProcessReader(settings.db, settings.replica_id)
            if settings.wallboard_process
            else InProcessReader(ctx.db)
        )
        self._pushed_at = -PUSH_EVERY_SECONDS  # loop time the last push was committed
        # How long the last passes took to read and compute their rows.
        self._reading: deque[float] = deque([0.0], maxlen=3)

    async def _read(self, queues: frozenset[str] | None, agents: frozenset[str]) -> Board:
        settings = self.ctx.settings
        configured = tuple(q.name for q in settings.queues)
        question = Question(settings.guidelines, configured, now_ms(), queues, agents)
        return await self.reader.read(question)

    def _changed(self, rows: Iterable[Row]) -> list[Row]:
        return [row for row in rows if self.sent.get(row.key) != shown(row)]

    def _given(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.sent[row.key] = shown(row)

    async def prime(self) -> None:
        """What every row shows now, without pushing: clients read the board when they
        start, and hear of it again when it changes."""
        found = await self._read(None, frozenset())
        self._given([*found.queues, *found.agents])

    async def push(self, everything: bool) -> int:
        """One pass: the dirty rows (every row when ``everything``) recomputed, the changed
        ones appended to the stream; how many. A pass that fails leaves its rows dirty."""
        queues, agents = self.dirty.take()
        if not everything and not queues and not agents:
            return 0
        loop = asyncio.get_running_loop()
        try:
            began = loop.time()
            found = await self._read(None if everything else queues, agents)
            changed = self._changed([*found.queues, *found.agents])
            self._reading.append(loop.time() - began)
            if changed:
                # A second from the last push's commit to this one's, whatever each pass
                # took to compute: one push a second per row, not one pass a second.
                await asyncio.sleep(max(0.0, self._pushed_at + PUSH_EVERY_SECONDS - loop.time()))
                await self.ctx.write(_appended(changed, now_ms()))
                self._pushed_at = loop.time()
        except BaseException:
            self.dirty.again(queues, agents)
            raise
        self._given(changed)
        return len(changed)

    def next_pass_at(self, started: float) -> float:
        """When the pass after one started at ``started`` may begin: a second later, and
        no sooner than a read's time before the next push may commit, so that its rows are
        read just in time for it and do not wait, already old, for the second to pass.
        The quickest of the last reads: a read a little late delays its push a little, one
        early makes its rows wait."""
        ahead = min(min(self._reading), PUSH_EVERY_SECONDS)
        return max(started + PUSH_EVERY_SECONDS, self._pushed_at + PUSH_EVERY_SECONDS - ahead)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        self.ctx.broker.listen(self.dirty.note)
        try:
            try:
                await self.prime()
            except StorageError as exc:  # then the first re-check pushes every row once
                log.warning("wallboard rows not read at start: %s", exc)
            recheck_at = loop.time() + RECHECK_SECONDS
            while True:
                try:
                    async with asyncio.timeout_at(recheck_at):
                        await self.dirty.wake.wait()
                except TimeoutError:
                    pass
                started = loop.time()
                everything = started >= recheck_at
                if everything:
                    recheck_at = started + RECHECK_SECONDS
                try:
                    await self.push(everything)
                except StorageError as exc:  # the store is away: the next pass tries again
                    log.warning("wallboard rows not pushed: %s", exc)
                await asyncio.sleep(max(0.0, self.next_pass_at(started) - loop.time()))
        finally:
            self.ctx.broker.unlisten(self.dirty.note)
            self.reader.close()


async def keep_wallboard_pushed(ctx: HubContext) -> None:
    await WallboardPusher(ctx).run()
