"""A cheap server-sent-events subscriber on a raw asyncio socket.

Sends one ``GET`` with the given headers, checks for ``200``, undoes chunked transfer
encoding if the server uses it, splits the stream into events and hands each one to a
callback with the time its bytes arrived (taken before any parsing, so the parsing
cost of other subscribers in the same loop does not hide in the figure).
"""

from __future__ import annotations

import asyncio
import functools
import socket
import time
from collections import Counter
from collections.abc import Callable
from typing import cast

EventHook = Callable[["SseSubscriber", bytes, bytes, float], None]  # (sub, kind, data, t)


class SseError(RuntimeError):
    pass


class SseSubscriber(asyncio.Protocol):
    def __init__(self, index: int, request: bytes, on_event: EventHook) -> None:
        self.index = index
        self.request = request
        self.on_event = on_event
        self.transport: asyncio.Transport | None = None
        self.kinds: Counter[bytes] = Counter()
        self.last_id = b""
        self._raw = bytearray()
        self._events = bytearray()
        self._head_done = False
        self._chunked = False
        loop = asyncio.get_running_loop()
        self.ready: asyncio.Future[None] = loop.create_future()  # first "ready" event seen
        self.closed: asyncio.Future[None] = loop.create_future()

    # -- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        try:
            self._feed(data, now)
        except SseError as exc:
            self._fail(exc)
            if self.transport is not None:
                self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(SseError(f"stream {self.index} closed: {exc}"))
        if not self.closed.done():
            self.closed.set_result(None)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    # -- parsing ---------------------------------------------------------------------------

    def _fail(self, exc: Exception) -> None:
        if not self.ready.done():
            self.ready.set_exception(exc)

    def _feed(self, data: bytes, now: float) -> None:
        raw = self._raw
        raw += data
        if not self._head_done:
            end = raw.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(raw[:end]).lower()
            if not head.startswith(b"http/1.1 200"):
                raise SseError(f"stream {self.index}: {head.splitlines()[0]!r}")
            self._chunked = b"transfer-encoding: chunked" in head
            self._head_done = True
            del raw[: end + 4]
        if self._chunked:
            events = self._events
            while True:
                line_end = raw.find(b"\r\n")
                if line_end < 0:
                    break
                size = int(raw[:line_end].split(b";", 1)[0], 16)
                stop = line_end + 2 + size
                if len(raw) < stop + 2:
                    break
                if size == 0:
                    raise SseError(f"stream {self.index} ended by the server")
                events += raw[line_end + 2 : stop]
                del raw[: stop + 2]
        else:
            self._events += raw
            raw.clear()
        self._split(now)

    def _split(self, now: float) -> None:
        buf = self._events
        start = 0
        while True:
            end = buf.find(b"\n\n", start)
            if end < 0:
                break
            self._event(bytes(buf[start:end]), now)
            start = end + 2
        if start:
            del buf[:start]

    def _event(self, frame: bytes, now: float) -> None:
        if frame.startswith(b":"):
            return  # a comment (keep-alive)
        kind = b"message"
        data = b""
        for line in frame.split(b"\n"):
            name, _, value = line.partition(b":")
            if value.startswith(b" "):
                value = value[1:]
            if name == b"event":
                kind = value
            elif name == b"data":
                data = value if not data else data + b"\n" + value
            elif name == b"id":
                self.last_id = value
        if kind == b"message" and not data:
            return  # e.g. "retry:" alone
        self.kinds[kind] += 1
        if kind == b"ready" and not self.ready.done():
            self.ready.set_result(None)
        self.on_event(self, kind, data, now)


def stream_request(path: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Accept: text/event-stream"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


async def subscribe(
    host: str, port: int, count: int, request: bytes, on_event: EventHook, limit_s: float = 30
) -> list[SseSubscriber]:
    """Open ``count`` streams; returns once every one has received its ``ready`` event."""
    loop = asyncio.get_running_loop()
    subs: list[SseSubscriber] = []
    for i in range(count):
        _, sub = await loop.create_connection(
            functools.partial(SseSubscriber, i, request, on_event), host, port
        )
        subs.append(sub)
    await asyncio.wait_for(asyncio.gather(*(s.ready for s in subs)), limit_s)
    return subs
