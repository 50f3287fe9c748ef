"""Where the wallboard pusher reads and computes its rows: in the hub's own process, or in
a process of its own.

A pass reads the conversations written in the last second and computes them again: at
500 messages a second, some 50 ms of Python every second. In the hub's process that
runs on a reader thread beside the store's writer and the event loop, under one
interpreter lock, and every webhook answered meanwhile waited for it (p99 at 500 msg/s
25-45 ms on SQLite, against 3.5-6 ms with no pusher). In a process of its own it has its
own interpreter and its own connection to the store; the hub sends it each pass's
question (rows, guidelines, the instant) and gets the board back. The kept
conversations (``hub.wallboard_live``) live where the reads are made.

``hub serve`` reads in a process (``[hub] wallboard_process``, default true); hubs made
in code default to their own process's reads. A process that dies is started again at
the next pass; the pass it was asked fails as a store error would, and its rows stay
dirty for the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import threading
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Protocol

from wa_desk.core.clock import Millis
from wa_desk.core.guidelines import Guidelines
from wa_desk.hub import wallboard
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database, ReadsOnly
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.wallboard import Board
from wa_desk.hub.wallboard_live import LiveConversations

STOP_WAIT_S = 5.0


@dataclass(frozen=True)
class Question:
    """One pass's rows: every row (``queues`` None), or these queues' and agents'."""

    guidelines: Guidelines
    configured: tuple[str, ...]
    now: Millis
    queues: frozenset[str] | None
    agents: frozenset[str]


def answer(conn: Conn, question: Question, live: LiveConversations) -> Board:
    """The board ``question`` asks for, read on ``conn`` with ``live``."""
    q = question
    if q.queues is None:
        return wallboard.board(conn, q.guidelines, q.configured, q.now, None, live)
    return wallboard.rows_of(conn, q.guidelines, q.now, q.queues, q.agents, live)


class BoardReader(Protocol):
    async def read(self, question: Question) -> Board: ...

    def close(self) -> None: ...


class InProcessReader:
    """Reads on the hub's own store handle, on one of its reader threads."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._live = LiveConversations()

    async def read(self, question: Question) -> Board:
        return await self._db.read(partial(answer, question=question, live=self._live))

    def close(self) -> None:
        pass


# -- a process of its own ------------------------------------------------------------------


def _serve(url: str, replica_id: str | None, questions: Connection) -> None:
    """The reading process: one answer (a board, or the error's text) per question, until
    the hub says stop or goes (its end of the pipe closes)."""
    # Ctrl-C in a terminal reaches the whole process group: the hub ends this process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    live = LiveConversations()
    store = ReadsOnly(url, replica_id)
    try:
        while True:
            try:
                question = questions.recv()
            except EOFError:
                return
            if question is None:
                return
            try:
                board = store.read(partial(answer, question=question, live=live))
            except Exception as exc:  # the hub's pass fails with it; this process goes on
                questions.send(StorageError(f"wallboard read failed: {exc}"))
            else:
                questions.send(board)
    finally:
        store.close()


class ProcessReader:
    """Reads in a process of its own, started at the first pass and again after a death."""

    def __init__(self, url: str, replica_id: str | None) -> None:
        self._url = url
        self._replica_id = replica_id
        self._process: BaseProcess | None = None
        self._pipe: Connection | None = None
        self._lock = threading.Lock()  # one question at a time on the pipe

    def _started(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._pipe is not None:
            return self._pipe
        self._stop()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_serve,
            args=(self._url, self._replica_id, theirs),
            name="wa-desk-wallboard",
            daemon=True,
        )
        process.start()
        theirs.close()
        self._process, self._pipe = process, ours
        return ours

    def _ask(self, question: Question) -> Board:
        with self._lock:
            pipe = self._started()
            try:
                pipe.send(question)
                found = pipe.recv()
            except (EOFError, OSError) as exc:
                self._stop()
                raise StorageError(f"the wallboard process ended: {exc}") from exc
        if isinstance(found, BaseException):
            raise found
        assert isinstance(found, Board)
        return found

    async def read(self, question: Question) -> Board:
        return await asyncio.get_running_loop().run_in_executor(None, self._ask, question)

    def _stop(self) -> None:
        pipe, process = self._pipe, self._process
        self._pipe = self._process = None
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.send(None)
            pipe.close()
        if process is not None:
            process.join(STOP_WAIT_S)
            if process.is_alive():
                process.kill()
                process.join()

    def close(self) -> None:
        with self._lock:
            self._stop()
