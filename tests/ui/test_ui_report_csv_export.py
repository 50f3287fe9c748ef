"""Saving a streamed CSV: conversations counted as the bytes arrive (a quoted cell may
hold a line break, and a chunk may end anywhere), progress after every chunk, and the
chosen file either whole or untouched: a failure or a full disk leaves no part behind."""

from __future__ import annotations

import asyncio
import csv
import errno
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from wa_desk.ui.supervisor.csv_export import ExportProgress, RowCounter, save_stream

ROWS = [
    ["id", "queue", "agents", "note"],
    ["c1", "ventas", "Ana", "plain"],
    ["c2", "soporte", "Bea\nde tarde", 'she said "hola"\r\nand left'],
    ["c3", "ventas", "Ñandú 😀", ""],
]


def _csv_bytes() -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(ROWS)
    return out.getvalue().encode()


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64, 10_000])
def test_rows_are_counted_however_the_bytes_are_cut(size: int) -> None:
    counter = RowCounter()
    for piece in _pieces(_csv_bytes(), size):
        counter.feed(piece)
    assert (
        counter.rows
        == len(ROWS) - 1
        == len(list(csv.reader(io.StringIO(_csv_bytes().decode())))) - 1
    )


async def _chunks(pieces: list[bytes], fail_after: int | None = None) -> AsyncIterator[bytes]:
    for n, piece in enumerate(pieces):
        if fail_after is not None and n == fail_after:
            raise ConnectionError("the hub went away")
        await asyncio.sleep(0)
        yield piece


def _ignored(_progress: ExportProgress) -> None:
    pass


def test_progress_follows_every_chunk_to_the_whole_file(tmp_path: Path) -> None:
    data = _csv_bytes()
    target = tmp_path / "report.csv"
    seen: list[ExportProgress] = []
    done = asyncio.run(save_stream(_chunks(_pieces(data, 20)), target, seen.append))
    assert target.read_bytes() == data
    assert done == ExportProgress(len(data), 3) == seen[-1]
    assert len(seen) == len(_pieces(data, 20))
    assert [p.bytes for p in seen] == sorted({p.bytes for p in seen})
    assert [p.rows for p in seen] == sorted(p.rows for p in seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_a_failure_midway_leaves_the_older_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("last week's\n")
    with pytest.raises(ConnectionError):
        asyncio.run(save_stream(_chunks(_pieces(_csv_bytes(), 20), fail_after=3), target, _ignored))
    assert target.read_text() == "last week's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_a_full_disk_is_said_by_cause_and_leaves_no_part(full_disk: Path) -> None:
    target = full_disk / "report.csv"
    with pytest.raises(OSError) as raised:
        asyncio.run(save_stream(_chunks(_pieces(_csv_bytes() * 50, 4096)), target, _ignored))
    assert raised.value.errno == errno.ENOSPC
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]
