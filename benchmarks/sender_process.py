"""Open-loop webhook sending in a process of its own, for :mod:`benchmarks.replicas`.

When one asyncio loop both sent 500 webhooks a second and decoded the events of ten SSE
streams, the sends fell behind their own timetable (send lag p99 0.6-1.2 s): the
latency figures measured the load generator, not the hub. Here the sending has its own
interpreter, event loop (uvloop) and CPU; the streams stay in the benchmark's process.

One clock for both processes: sends and answers are timed with ``time.perf_counter``
(:mod:`benchmarks.httpload`), events with ``time.perf_counter`` too
(:mod:`benchmarks.sse`). On Linux that is ``clock_gettime(CLOCK_MONOTONIC)``, one clock
for the whole system, so a time taken in one process can be subtracted from a time taken
in the other; :func:`check_shared_clock` refuses to start anywhere else.

The protocol, on a ``multiprocessing`` pipe (``spawn`` context), one phase at a time:

1. parent → :class:`Job` (every route's requests, as bytes); sender → :data:`READY`;
2. parent → the timetable's start (a ``perf_counter`` time); the sender runs every
   route's open loop, route ``k``'s first send ``offset_s`` after that start, and answers
   with their :class:`~benchmarks.httpload.OpenLoopResult`, in route order (or the
   exception that stopped them);
3. parent → ``None``: the sender ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TypeAlias

from benchmarks import loop
from benchmarks.httpload import OpenLoopResult, open_loop

READY = "ready"
SHARED_CLOCK = "clock_gettime(CLOCK_MONOTONIC)"
LEAD_IN_S = 0.2  # from the start being sent to the first send: connecting fits in it
STOP_WAIT_S = 5.0


@dataclass(frozen=True)
class Route:
    """One open loop of a phase: its share of the phase's messages, to one port."""

    port: int
    requests: list[bytes] = field(repr=False)
    rate: float  # this route's messages a second
    connections: int
    offset_s: float  # its first send, after the phase's start


@dataclass(frozen=True)
class Job:
    host: str
    routes: list[Route]


ToSender: TypeAlias = Job | float | None  # the phase, its start, or the end
FromSender: TypeAlias = str | list[OpenLoopResult] | Exception


def check_shared_clock() -> None:
    """Times from both processes are compared: ``perf_counter`` must be system-wide."""
    implementation = time.get_clock_info("perf_counter").implementation
    if implementation != SHARED_CLOCK:
        raise RuntimeError(f"perf_counter is {implementation}, not {SHARED_CLOCK}")


# -- the sender process -------------------------------------------------------------------


async def _send(job: Job, start: float) -> list[OpenLoopResult]:
    return list(
        await asyncio.gather(
            *(
                open_loop(
                    job.host,
                    route.port,
                    route.requests,
                    rate=route.rate,
                    connections=route.connections,
                    start_at=start + route.offset_s,
                )
                for route in job.routes
            )
        )
    )


def _run_phase(job: Job, start: float) -> list[OpenLoopResult] | Exception:
    try:
        return loop.run(_send(job, start))
    except Exception as exc:  # handed to the parent, which raises it
        return exc


def serve(conn: Connection[FromSender, ToSender]) -> None:
    """The sender process: phases until the parent sends ``None``."""
    while isinstance(job := conn.recv(), Job):
        conn.send(READY)
        start = conn.recv()
        if not isinstance(start, float):
            raise TypeError(f"expected the timetable's start, got {start!r}")
        conn.send(_run_phase(job, start))


# -- the parent's handle ------------------------------------------------------------------


class Sender:
    """The benchmark's side of the sender process."""

    def __init__(self) -> None:
        check_shared_clock()
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=serve, args=(child,), name="webhook sender", daemon=True
        )
        self._process.start()
        child.close()

    @property
    def pid(self) -> int:
        assert self._process.pid is not None
        return self._process.pid

    async def load(self, job: Job) -> None:
        """Hands the phase's requests over; returns once the sender holds them."""
        # Pickled and written from a thread too: megabytes of requests, the streams read on.
        await asyncio.to_thread(self._conn.send, job)
        reply = await self._reply()
        if reply != READY:
            raise RuntimeError(f"webhook sender: {reply!r}")

    def start(self, at: float) -> None:
        """The loaded phase's timetable starts at ``at`` (``perf_counter``)."""
        self._conn.send(at)

    async def results(self) -> list[OpenLoopResult]:
        reply = await self._reply()
        if isinstance(reply, Exception):
            raise reply
        if not isinstance(reply, list):
            raise RuntimeError(f"webhook sender: {reply!r}")
        return reply

    async def _reply(self) -> FromSender:
        # A thread waits on the pipe: this process's event loop goes on reading streams.
        return await asyncio.to_thread(self._conn.recv)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._conn.send(None)
        self._process.join(STOP_WAIT_S)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._conn.close()


@contextlib.contextmanager
def sender() -> Iterator[Sender]:
    process = Sender()
    try:
        yield process
    finally:
        process.close()
