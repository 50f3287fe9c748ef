"""A small HTTP/1.1 load generator on raw asyncio sockets (keep-alive, no pipelining).

Requests are pre-built bytes; responses are parsed just enough to know their status and
where they end (status line + ``Content-Length``). Each connection has at most one
request in flight, as Meta's webhook deliveries do.

* :func:`closed_loop`: N connections, each sending its next request as soon as the
  previous one is answered: the server's maximum throughput at that concurrency.
* :func:`open_loop`: requests sent on a fixed timetable (``rate`` per second) whatever
  the server does; latency is measured from each request's *scheduled* time, so a slow
  answer that delays later sends is counted against the server (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

_HEAD_END = b"\r\n\r\n"
_CONTENT_LENGTH = b"\r\ncontent-length:"

ResponseHook = Callable[["Connection", int, float], None]


class ProtocolError(RuntimeError):
    pass


class ResponseParser:
    """Incremental parser of HTTP/1.1 responses whose bodies have a Content-Length."""

    __slots__ = ("_buf",)

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[int]:
        """The statuses of the responses completed by ``data``, in order."""
        buf = self._buf
        buf += data
        statuses: list[int] = []
        while True:
            end = buf.find(_HEAD_END)
            if end < 0:
                return statuses
            head = bytes(buf[:end]).lower()
            if not head.startswith(b"http/1.1 "):
                raise ProtocolError(f"not an HTTP/1.1 response: {head[:40]!r}")
            at = head.find(_CONTENT_LENGTH)
            if at >= 0:
                stop = head.find(b"\r\n", at + 2)
                length = int(head[at + len(_CONTENT_LENGTH) : stop if stop >= 0 else None])
            elif b"transfer-encoding: chunked" in head:
                raise ProtocolError("chunked responses are not supported here")
            else:
                length = 0
            total = end + 4 + length
            if len(buf) < total:
                return statuses
            statuses.append(int(head[9:12]))
            del buf[:total]


class Connection(asyncio.Protocol):
    """One keep-alive connection; calls ``on_response(conn, status, t)`` per response."""

    def __init__(self, on_response: ResponseHook) -> None:
        self.on_response = on_response
        self.transport: asyncio.Transport | None = None
        self.parser = ResponseParser()
        self.tag = -1  # which request is in flight
        self.sent_at = 0.0
        self.lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement asyncio.Transport without subclassing it.
        self.transport = cast(asyncio.Transport, transport)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send(self, request: bytes, tag: int) -> None:
        assert self.transport is not None
        self.tag = tag
        self.sent_at = time.perf_counter()
        self.transport.write(request)

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        try:
            statuses = self.parser.feed(data)
        except ProtocolError as exc:
            if not self.lost.done():
                self.lost.set_exception(exc)
            return
        for status in statuses:
            self.on_response(self, status, now)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.lost.done():
            self.lost.set_exception(ProtocolError(f"connection closed by the server: {exc}"))

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
        if not self.lost.done():
            self.lost.set_result(None)


async def connect(host: str, port: int, count: int, on_response: ResponseHook) -> list[Connection]:
    loop = asyncio.get_running_loop()
    conns: list[Connection] = []
    for _ in range(count):
        _, proto = await loop.create_connection(lambda: Connection(on_response), host, port)
        conns.append(proto)
    return conns


async def _until_done(
    done: asyncio.Future[float], conns: Sequence[Connection], limit_s: float
) -> float:
    """Wait for ``done``; a connection the server drops fails the run at once."""
    watchers = [asyncio.ensure_future(asyncio.shield(c.lost)) for c in conns]
    try:
        waited: list[asyncio.Future[Any]] = [done, *watchers]
        finished, _ = await asyncio.wait(
            waited, timeout=limit_s, return_when=asyncio.FIRST_COMPLETED
        )
        if done in finished:
            return done.result()
        for w in finished:
            w.result()  # raises the connection's error
        raise TimeoutError(f"responses still missing after {limit_s:.0f} s")
    finally:
        for w in watchers:
            w.cancel()


@dataclass
class ClosedLoopResult:
    connections: int
    sent: int
    statuses: Counter[int]
    elapsed_s: float
    latencies_s: list[float] = field(repr=False)

    @property
    def ok(self) -> int:
        return self.statuses.get(200, 0)

    @property
    def failed(self) -> int:
        return self.sent - self.ok

    @property
    def throughput(self) -> float:
        return self.ok / self.elapsed_s if self.elapsed_s > 0 else 0.0


async def closed_loop(
    host: str,
    port: int,
    requests: Sequence[bytes],
    *,
    connections: int,
    seconds: float,
    patience_s: float = 60.0,
) -> ClosedLoopResult:
    """Keep ``connections`` requests in flight for ``seconds`` (or until requests run out)."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[float] = loop.create_future()
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    next_index = 0
    in_flight = 0
    deadline = 0.0

    def on_response(conn: Connection, status: int, now: float) -> None:
        nonlocal next_index, in_flight
        statuses[status] += 1
        latencies.append(now - conn.sent_at)
        in_flight -= 1
        if now < deadline and next_index < len(requests):
            conn.send(requests[next_index], next_index)
            next_index += 1
            in_flight += 1
        elif in_flight == 0 and not done.done():
            done.set_result(now)

    conns = await connect(host, port, connections, on_response)
    try:
        start = time.perf_counter()
        deadline = start + seconds
        for conn in conns:
            if next_index < len(requests):
                conn.send(requests[next_index], next_index)
                next_index += 1
                in_flight += 1
        if in_flight == 0:
            done.set_result(start)
        end = await _until_done(done, conns, seconds + patience_s)
    finally:
        for conn in conns:
            conn.close()
    return ClosedLoopResult(connections, next_index, statuses, end - start, latencies)


@dataclass
class OpenLoopResult:
    rate: float
    start: float  # perf_counter of request 0's scheduled send; request i: start + i / rate
    sent: int
    statuses: Counter[int]
    latencies_s: list[float] = field(repr=False)  # from scheduled send to response
    send_lag_s: list[float] = field(repr=False)  # how late the generator actually sent

    @property
    def ok(self) -> int:
        return self.statuses.get(200, 0)

    @property
    def failed(self) -> int:
        return self.sent - self.ok

    def scheduled(self, index: int) -> float:
        return self.start + index / self.rate


async def open_loop(
    host: str,
    port: int,
    requests: Sequence[bytes],
    *,
    rate: float,
    connections: int,
    lead_in: float = 0.05,
    patience_s: float = 60.0,
    on_start: Callable[[float], None] | None = None,
    start_at: float | None = None,
) -> OpenLoopResult:
    """Send ``requests`` at ``rate`` per second on a fixed timetable; wait for every answer.

    A request that finds every connection busy waits in line on the client side; its
    latency still counts from its scheduled time. The timetable starts ``lead_in`` after
    the connections are open, or at ``start_at`` (a ``perf_counter`` time) when given: a
    start already past shows as send lag.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[float] = loop.create_future()
    statuses: Counter[int] = Counter()
    total = len(requests)
    latencies: list[float] = [0.0] * total
    send_lag: list[float] = []
    idle: deque[Connection] = deque()
    waiting: deque[int] = deque()
    start = 0.0
    answered = 0

    def send(conn: Connection, index: int) -> None:
        conn.send(requests[index], index)
        send_lag.append(conn.sent_at - (start + index / rate))

    def on_response(conn: Connection, status: int, now: float) -> None:
        nonlocal answered
        statuses[status] += 1
        latencies[conn.tag] = now - (start + conn.tag / rate)
        answered += 1
        if waiting:
            send(conn, waiting.popleft())
        else:
            idle.append(conn)
        if answered == total and not done.done():
            done.set_result(now)

    conns = await connect(host, port, connections, on_response)
    idle.extend(conns)
    try:
        start = time.perf_counter() + lead_in if start_at is None else start_at
        if on_start is not None:
            on_start(start)
        for i in range(total):
            due = start + i / rate
            # A timetable, not a wait for something to happen: sleeping is the point.
            while (delay := due - time.perf_counter()) > 0:  # noqa: ASYNC110
                await asyncio.sleep(delay)
            if idle:
                send(idle.popleft(), i)
            else:
                waiting.append(i)
        if total == 0:
            done.set_result(start)
        await _until_done(done, conns, (total / rate) + patience_s)
    finally:
        for conn in conns:
            conn.close()
    return OpenLoopResult(rate, start, total, statuses, latencies, send_lag)
