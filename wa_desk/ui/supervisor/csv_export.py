"""Saving a report's CSV as it streams from the hub: into a temporary file beside the one
chosen, renamed over it only once everything arrived and reached the disk. A failed or
cancelled export deletes the temporary file, so the chosen name either holds a whole
report or is left as it was (no half-written file that looks complete).

No Qt here: progress leaves through a callback, writes go to a worker thread."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ExportProgress:
    bytes: int
    rows: int  # conversations written (the header is not one)


class RowCounter:
    """Counts CSV records in a byte stream fed in pieces: line ends outside quoted cells
    (a cell may hold a line break). UTF-8 never puts ``"`` or ``\\n`` inside a character."""

    def __init__(self) -> None:
        self._quoted = False
        self.lines = 0

    def feed(self, chunk: bytes) -> None:
        start = 0
        while True:
            quote = chunk.find(b'"', start)
            end = len(chunk) if quote < 0 else quote
            if not self._quoted:
                self.lines += chunk.count(b"\n", start, end)
            if quote < 0:
                return
            self._quoted = not self._quoted
            start = quote + 1

    @property
    def rows(self) -> int:
        return max(0, self.lines - 1)  # the header line


async def _in_thread(fn: Callable[..., T], *args: object) -> T:
    """``fn`` in a worker thread. Cancelled meanwhile, the write still finishes before the
    cancellation goes on, so the file is never closed or deleted under it."""
    running = asyncio.get_running_loop().run_in_executor(None, fn, *args)
    try:
        return await asyncio.shield(running)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await running
        raise


def _durable_close(f: IO[bytes]) -> None:
    f.flush()
    os.fsync(f.fileno())
    f.close()


async def save_stream(
    chunks: AsyncIterator[bytes],
    target: Path,
    progress: Callable[[ExportProgress], None],
) -> ExportProgress:
    """Write ``chunks`` to ``target`` through a temporary file beside it; what was
    written. Any failure or cancellation removes the temporary file and raises."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    temporary = Path(name)
    f = os.fdopen(fd, "wb")
    counter, written = RowCounter(), 0
    try:
        async for chunk in chunks:
            await _in_thread(f.write, chunk)
            written += len(chunk)
            counter.feed(chunk)
            progress(ExportProgress(written, counter.rows))
        await _in_thread(_durable_close, f)
        await _in_thread(os.replace, temporary, target)
    except BaseException:
        # Closing flushes what is buffered, and fails again when the disk is full.
        with contextlib.suppress(OSError):
            f.close()
        temporary.unlink(missing_ok=True)  # noqa: ASYNC240 (one quick call, also on cancel)
        raise
    return ExportProgress(written, counter.rows)
