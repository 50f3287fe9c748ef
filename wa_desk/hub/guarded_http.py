"""The hub's HTTP/1.1 connections: uvicorn's own (httptools), bounded in what a slow or
greedy client can hold.

- Headers: a request's line and headers must be in within ``header_timeout_seconds`` of
  the connection (its first request) or of the request's first byte (later ones: the
  idle gap before it is uvicorn's keep-alive timeout). Otherwise the connection is
  answered 408 when some of the request came, and closed.
- Header size: a request line and headers over ``max_header_bytes`` are answered 431 and
  the connection closed (the parser alone would keep whatever it is sent).
- Body: once the headers are in, the whole body within ``body_timeout_seconds`` of its
  request starting to be served; otherwise 408 and closed.
- Connections: at most ``max_connections_per_address`` open at once from one peer
  address; one more is answered 503 with ``Retry-After`` at once, without reading it,
  and closed. Trusted proxies are not counted.

Only reading the request is timed: an answer may take as long as it takes (the live
stream stays open for hours, a download as long as the network needs).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections import Counter
from typing import Any, ClassVar

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

from wa_desk.hub.http_limits import HttpLimits, IpNetwork

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = "request_timeout"
HEADERS_TOO_LARGE = "headers_too_large"
TOO_MANY_CONNECTIONS = "too_many_connections"
RETRY_AFTER_SECONDS = 5


def _answer(status: bytes, code: str, message: str, *extra: bytes) -> bytes:
    body = orjson.dumps({"error": {"code": code, "message": message}})
    head = [
        b"HTTP/1.1 " + status,
        b"content-type: application/json",
        b"content-length: %d" % len(body),
        *extra,
        b"connection: close",
    ]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


_TIMED_OUT = _answer(
    b"408 Request Timeout",
    REQUEST_TIMEOUT,
    "The request took too long to arrive; send it again in one go.",
)
_HEADERS_TOO_LARGE = _answer(
    b"431 Request Header Fields Too Large",
    HEADERS_TOO_LARGE,
    "The request's line and headers are too long; send fewer or shorter headers.",
)
_FULL = _answer(
    b"503 Service Unavailable",
    TOO_MANY_CONNECTIONS,
    "Too many connections from your address; close some, then retry.",
    b"retry-after: %d" % RETRY_AFTER_SECONDS,
)


class PeerConnections:
    """How many connections each peer address holds, across one server's connections."""

    def __init__(self, cap: int, trusted: tuple[IpNetwork, ...]) -> None:
        self.cap = cap
        self.trusted = trusted
        self._open: Counter[str] = Counter()
        self._refusing: set[str] = set()  # said once in the log until they fall back

    def admit(self, address: str) -> bool:
        """Count one more connection from ``address``, unless it already holds the cap."""
        if self._open[address] >= self.cap and not self._is_trusted(address):
            if address not in self._refusing:
                self._refusing.add(address)
                log.warning(
                    "refusing connections from %s: it holds %d (http.max_connections_per_address)",
                    address,
                    self.cap,
                )
            return False
        self._open[address] += 1
        return True

    def release(self, address: str) -> None:
        self._open[address] -= 1
        if self._open[address] <= 0:
            del self._open[address]
        if self._open[address] < self.cap:
            self._refusing.discard(address)

    def _is_trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)


class GuardedHttpProtocol(HttpToolsProtocol):
    """Bind ``limits`` and ``peers`` with :func:`guarded_protocol`."""

    limits: ClassVar[HttpLimits]
    peers: ClassVar[PeerConnections]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._peer: str | None = None  # counted in ``peers``
        self._header_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._timed_cycle: RequestResponseCycle | None = None  # whose body is timed
        self._in_headers = False  # a request has begun; its headers are not all in
        self._read_whole = True  # the last request has been read to its end
        self._header_bytes = 0  # received since the last request's headers were in

    # Connection

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        address = self.client[0] if self.client else None  # None: a Unix socket
        if address is not None:
            if not self.peers.admit(address):
                self.transport.write(_FULL)
                self.transport.close()
                return
            self._peer = address
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        self._cancel_body_timer()
        if self._peer is not None:
            self.peers.release(self._peer)
            self._peer = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        # The first byte after an answer: a new request's headers are due from now on
        # (uvicorn's keep-alive timer, which covered the idle gap, stops here). Blank
        # lines before a request count as its bytes, so they cannot hold the connection.
        if self._header_timer is None and self._between_requests():
            self._arm_header_timer()
        awaiting_headers = self._in_headers or self._header_timer is not None
        if awaiting_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        # (Reset to 0 once the headers are in.)
        if self._header_bytes > self.limits.max_header_bytes and not self.transport.is_closing():
            log.debug("closed a connection from %s: headers too large", self._peer)
            self.transport.write(_HEADERS_TOO_LARGE)
            self.transport.close()

    # Parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_headers = True
        self._read_whole = False

    def on_headers_complete(self) -> None:
        self._in_headers = False
        self._header_bytes = 0
        self._cancel_header_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        # (uvicorn's own flag, ``cycle.more_body``, stays set when the answer came first.)
        self._read_whole = True
        super().on_message_complete()
        if self._body_timer is not None and self._timed_cycle is self.cycle:
            self._cancel_body_timer()

    # Requests being served

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: Any) -> None:
        # A pipelined request starts here once the one before it is answered: its body is
        # timed from then, not while uvicorn itself stopped reading.
        if cycle.more_body:
            self._cancel_body_timer()
            self._timed_cycle = cycle
            self._body_timer = self.loop.call_later(
                self.limits.body_timeout_seconds, self._body_timed_out, cycle
            )
        super()._start_asgi_task(cycle, app)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Part of the next request came while this one was being answered.
        if self._in_headers and self._header_timer is None and not self.transport.is_closing():
            self._arm_header_timer()

    # Timers

    def _between_requests(self) -> bool:
        """The last request is answered and read whole (an answer can come before the
        whole body: the rest is still that request's, and its body timer runs on)."""
        return self.cycle is None or (self.cycle.response_complete and self._read_whole)

    def _arm_header_timer(self) -> None:
        self._header_timer = self.loop.call_later(
            self.limits.header_timeout_seconds, self._headers_timed_out
        )

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _cancel_body_timer(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None
        self._timed_cycle = None

    def _headers_timed_out(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        log.debug("closed a connection from %s: headers too slow", self._peer)
        if self._in_headers and self._between_requests():
            self.transport.write(_TIMED_OUT)
        self.transport.close()

    def _body_timed_out(self, cycle: RequestResponseCycle) -> None:
        self._body_timer = None
        if not cycle.more_body or self.transport.is_closing():
            return
        log.debug("closed a connection from %s: body too slow", self._peer)
        if not cycle.response_started:
            self.transport.write(_TIMED_OUT)
        # The app, waiting for the rest of the body, is told the client went away; what it
        # might still send goes nowhere.
        cycle.disconnected = True
        cycle.message_event.set()
        self.transport.close()


def guarded_protocol(limits: HttpLimits) -> type[GuardedHttpProtocol]:
    """A protocol class for one server: its own count of connections per address."""
    peers = PeerConnections(limits.max_connections_per_address, limits.trusted_proxies)
    return type("HubHttpProtocol", (GuardedHttpProtocol,), {"limits": limits, "peers": peers})
