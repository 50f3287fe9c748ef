"""Keeping the media cache within its limits (:mod:`wa_desk.hub.media_cache_limits`).

A file's last use is its modification time, which the hub sets itself: a download writes
the blob, and every time an agent opens it the fetcher touches the blob and the media
id's index entry (:meth:`wa_desk.hub.media.MediaFetcher.fetch`). Access times are not
used: many servers mount their disks ``noatime``.

A sweep deletes, in this order:

1. blobs not used for longer than the age limit, and index entries not used for that
   long (an entry names a blob by its hash; without the entry, the next request asks
   WhatsApp again);
2. while the blobs left together exceed the size cap, the least recently used blob;
3. with each deleted blob, the index entries naming it, and downloads left half-written
   in ``tmp/`` by a hub that stopped mid-way (a day old: no download takes that long).

A download under way is never touched: it writes under ``tmp/`` and becomes a blob by a
rename, with a fresh time. A blob used again after the sweep planned its deletion is
kept (its time is read again just before it goes), and a file being served stays whole:
the hub serves from a file it opened, whose content outlives the unlink (POSIX).

The same safety as the retention purge (:mod:`wa_desk.hub.media_purge`): only regular
files named as the cache names them, directly inside its own ``ids/``, ``blobs/`` and
``tmp/``; a symbolic link, or a folder that leads out of the cache, is left alone.

The sweep is file-system work only, and each replica's cache is its own: every replica
sweeps its own folder (:func:`keep_media_cache_swept`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wa_desk.hub.media import is_blob_name
from wa_desk.hub.media_cache_limits import SWEEP_INTERVAL_SECONDS, MediaCacheLimits
from wa_desk.hub.media_purge import blob_of, inside_cache

log = logging.getLogger(__name__)

STALE_PART_SECONDS = 86_400.0  # a download left in tmp/ this long was abandoned


@dataclass(frozen=True, slots=True)
class CachedFile:
    path: str  # a str, not a Path: a sweep looks at every file of the cache
    size: int
    used_at: float  # modification time, seconds since the epoch


@dataclass(slots=True)
class SweepResult:
    """What a sweep deleted and what the cache holds after it (blobs only)."""

    aged_blobs: int = 0
    capped_blobs: int = 0
    bytes_deleted: int = 0
    index_entries: int = 0
    stale_parts: int = 0
    kept_blobs: int = 0
    kept_bytes: int = 0
    undeletable: int = 0  # files the operating system would not let go

    @property
    def deleted_anything(self) -> bool:
        return bool(self.aged_blobs or self.capped_blobs or self.index_entries or self.stale_parts)

    def summary(self) -> str:
        """Counts and sizes for the log: never a name, a hash or a media id."""
        return (
            f"files deleted: {self.aged_blobs + self.capped_blobs:,} "
            f"({self.bytes_deleted:,} bytes; {self.aged_blobs:,} unused too long, "
            f"{self.capped_blobs:,} over the size cap); index entries deleted: "
            f"{self.index_entries:,}; abandoned downloads deleted: {self.stale_parts:,}; "
            f"kept: {self.kept_blobs:,} files, {self.kept_bytes:,} bytes"
        )


def cached_files(
    directory: Path, media_dir: Path, named: Callable[[str], bool]
) -> list[CachedFile]:
    """The regular files of one of the cache's folders whose names ``named`` accepts;
    none when the folder is missing or leads out of the cache."""
    if not inside_cache(directory, media_dir):
        return []
    found: list[CachedFile] = []
    with contextlib.suppress(FileNotFoundError), os.scandir(directory) as entries:
        for entry in entries:
            if not named(entry.name):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found.append(CachedFile(entry.path, st.st_size, st.st_mtime))
    return found


def cache_size(media_dir: Path) -> tuple[int, int]:
    """How many blobs the cache holds and their bytes."""
    blobs = cached_files(media_dir / "blobs", media_dir, is_blob_name)
    return len(blobs), sum(b.size for b in blobs)


@dataclass(frozen=True, slots=True)
class SweepPlan:
    """The blobs a sweep will delete, read in one look at the cache."""

    media_dir: Path
    now: float
    cutoff: float | None  # unused since before this: too old (None: no age limit)
    aged: tuple[CachedFile, ...] = ()
    capped: tuple[CachedFile, ...] = ()  # least recently used first
    kept: tuple[CachedFile, ...] = ()


def plan(media_dir: Path, limits: MediaCacheLimits, now: float) -> SweepPlan:
    """What a sweep of ``media_dir`` as of ``now`` (seconds since the epoch) deletes."""
    age = limits.max_age_seconds
    cutoff = now - age if age is not None else None
    blobs = sorted(
        cached_files(media_dir / "blobs", media_dir, is_blob_name), key=lambda b: b.used_at
    )
    aged = [b for b in blobs if cutoff is not None and b.used_at < cutoff]
    kept = blobs[len(aged) :]  # sorted by last use: the aged ones come first
    total, over = sum(b.size for b in kept), 0
    while limits.max_bytes and over < len(kept) and total > limits.max_bytes:
        total -= kept[over].size
        over += 1
    return SweepPlan(media_dir, now, cutoff, tuple(aged), tuple(kept[:over]), tuple(kept[over:]))


def carry_out(planned: SweepPlan) -> SweepResult:
    """Delete what ``planned`` found, except a blob used again since (it is kept), then
    the index entries and abandoned downloads that go with it."""
    result = SweepResult()
    kept = list(planned.kept)
    gone: set[str] = set()
    for blobs, aged in ((planned.aged, True), (planned.capped, False)):
        for blob in blobs:
            if not _delete_unused(blob, result):
                kept.append(blob)
                continue
            gone.add(os.path.basename(blob.path))
            result.bytes_deleted += blob.size
            if aged:
                result.aged_blobs += 1
            else:
                result.capped_blobs += 1
    media_dir, now = planned.media_dir, planned.now
    for entry in _index_entries_to_delete(media_dir, gone, planned.cutoff, now):
        if _delete_unused(entry, result):
            result.index_entries += 1
    for part in cached_files(media_dir / "tmp", media_dir, lambda name: name.endswith(".part")):
        if part.used_at < now - STALE_PART_SECONDS and _delete_unused(part, result):
            result.stale_parts += 1
    result.kept_blobs = len(kept)
    result.kept_bytes = sum(b.size for b in kept)
    return result


def sweep(media_dir: Path, limits: MediaCacheLimits, now: float | None = None) -> SweepResult:
    """One sweep of the cache at ``media_dir`` as of ``now`` (default: the clock)."""
    if limits.off:
        return SweepResult()
    return carry_out(plan(media_dir, limits, time.time() if now is None else now))


def _index_entries_to_delete(
    media_dir: Path, gone: set[str], cutoff: float | None, now: float
) -> Iterator[CachedFile]:
    """Entries unused past the age limit, and (only when blobs went) entries naming a
    deleted blob, unless written since the sweep began (a download racing it)."""
    entries = cached_files(media_dir / "ids", media_dir, lambda name: name.endswith(".json"))
    for entry in entries:
        aged = cutoff is not None and entry.used_at < cutoff
        if aged or (gone and entry.used_at < now and blob_of(Path(entry.path)) in gone):
            yield entry


def _delete_unused(file: CachedFile, result: SweepResult) -> bool:
    """Delete ``file`` unless it was used (or replaced) since the sweep looked at it."""
    try:
        st = os.stat(file.path, follow_symlinks=False)
        if st.st_mtime != file.used_at or not stat.S_ISREG(st.st_mode):
            return False
        os.unlink(file.path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        # The reason only: the path would name the file.
        reason = exc.strerror or type(exc).__name__
        log.warning("media cache: cannot delete a cached file: %s", reason)
        result.undeletable += 1
        return False
    return True


async def keep_media_cache_swept(
    media_dir: Path,
    limits: MediaCacheLimits,
    interval_s: float = SWEEP_INTERVAL_SECONDS,
    clock: Callable[[], float] = time.time,
) -> None:
    """A sweep at once, then one every ``interval_s`` until cancelled; one log line for
    each sweep that deleted something. A sweep that fails is logged and the next one
    tries again: the hub goes on serving."""
    if limits.off:
        return
    while True:
        try:
            result = await asyncio.to_thread(sweep, media_dir, limits, clock())
        except Exception:
            log.exception("media cache sweep failed, tried again in %g min", interval_s / 60)
        else:
            if result.deleted_anything:
                log.info("media cache sweep: %s", result.summary())
        await asyncio.sleep(interval_s)
