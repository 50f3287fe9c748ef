"""The live stream of a hub replica on PostgreSQL: every replica's events, from the store.

Hub replicas share one PostgreSQL store and no memory: a webhook taken by one must reach
the streams held by every other. Each replica therefore follows the stream table itself,
and its own writes reach its own streams the same way (one path, one order): a thread
LISTENs on :data:`~wa_desk.hub.db.stream_order.CHANNEL`, and each wake-up (a commit that
appended events, on any replica) reads ``seq > last`` in ``seq`` order and hands the
events to the broker. Appends become visible in ``seq`` order
(:mod:`wa_desk.hub.db.stream_order`), so the events read are every event up to the
newest: no gap, nothing twice, the same numbers on every replica, and a client moved to
another replica resumes there with ``Last-Event-ID`` as it would here.

The connection is LISTENing before the first read, so nothing committed in between is
missed; when it is lost, a new one LISTENs and reads from where the last left off. A read
also follows every :data:`QUIET_READ_SECONDS` without a wake-up: the notification only
says when to read, never what.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.stream_order import CHANNEL
from wa_desk.hub.queries import stream_log
from wa_desk.hub.queries.stream_log import StreamEvent

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

Deliver = Callable[[list[StreamEvent]], None]

PAGE = 1000
QUIET_READ_SECONDS = 5.0
_WAIT_SECONDS = 0.25  # how soon a stop is noticed while no notification comes
_RECONNECT_SECONDS = 1.0
_CONNECT_TIMEOUT_SECONDS = 10


class StreamFollower:
    """Follows the stream table from a thread, after ``after_seq`` (no stream of this
    process may start before it); ``deliver`` gets each read's events, in ``seq`` order,
    on that thread."""

    def __init__(self, url: str, deliver: Deliver, after_seq: int) -> None:
        self._url = url
        self._deliver = deliver
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stream-follower", daemon=True)
        self.last_seq = after_seq  # the newest event delivered (or the start)
        # Listening, and every event committed before it began listening delivered.
        self.caught_up = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                raw = psycopg.connect(
                    self._url, autocommit=True, connect_timeout=_CONNECT_TIMEOUT_SECONDS
                )
            except psycopg.Error as exc:
                log.warning("live stream cannot reach the store: %s", _first_line(exc))
                self._stop.wait(_RECONNECT_SECONDS)
                continue
            try:
                self._follow(raw)
            except psycopg.Error as exc:
                log.warning("live stream lost the store: %s", _first_line(exc))
                self._stop.wait(_RECONNECT_SECONDS)
            finally:
                self.caught_up = False
                raw.close()

    def _follow(self, raw: psycopg.Connection[Any]) -> None:
        conn = Conn(raw, "postgresql")
        raw.execute(f"LISTEN {CHANNEL}")
        self._read(conn)
        self.caught_up = True
        read_at = time.monotonic()
        while not self._stop.is_set():
            woken = False
            for _ in raw.notifies(timeout=_WAIT_SECONDS, stop_after=1):
                woken = True
            if woken or time.monotonic() - read_at >= QUIET_READ_SECONDS:
                self._read(conn)
                read_at = time.monotonic()

    def _read(self, conn: Conn) -> None:
        """Every event after ``last_seq``, a page at a time."""
        while True:
            page = stream_log.since(conn, self.last_seq, PAGE)
            if not page:
                return
            self.last_seq = page[-1].seq
            self._deliver(page)
            if len(page) < PAGE:
                return


def _first_line(exc: BaseException) -> str:
    return next(iter(str(exc).splitlines()), type(exc).__name__)
