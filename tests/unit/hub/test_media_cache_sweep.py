"""The media cache's sweep on a real folder: files unused past the age limit go, then the
least recently used while the cache is over its cap; a use refreshes a file; a download
under way, a file being served, symbolic links and anything outside the cache are left
alone; and one log line says what went, without a name or a hash."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import time
from pathlib import Path

import httpx
import pytest

from wa_desk.hub.media import MediaFetcher, MediaRef, blob_path, index_path
from wa_desk.hub.media_cache_limits import MediaCacheLimits
from wa_desk.hub.media_cache_sweep import (
    STALE_PART_SECONDS,
    cache_size,
    carry_out,
    keep_media_cache_swept,
    plan,
    sweep,
)
from wa_desk.hub.settings import Secret

DAY = 86_400.0
NOW = 1_800_000_000.0  # a fixed "now" for the sweep, in seconds since the epoch
NO_CAP = MediaCacheLimits(max_bytes=0, max_age_days=30)


def _cache(tmp_path: Path) -> Path:
    media = tmp_path / "media"
    for sub in ("ids", "blobs", "tmp"):
        (media / sub).mkdir(parents=True)
    return media


def _put(media: Path, media_id: str, data: bytes, used_at: float) -> Path:
    """A cached file as the fetcher leaves it: its blob and its index entry, last used
    at ``used_at``."""
    sha = hashlib.sha256(data).hexdigest()
    blob = blob_path(media, sha)
    blob.write_bytes(data)
    index = index_path(media, media_id)
    entry = {"sha256": sha, "mime_type": "application/pdf", "size": len(data)}
    index.write_text(json.dumps(entry), encoding="utf-8")
    for path in (blob, index):
        os.utime(path, (used_at, used_at))
    return blob


def test_files_unused_past_the_age_limit_go_with_their_index_entries(tmp_path: Path) -> None:
    media = _cache(tmp_path)
    old = _put(media, "old", b"old file", NOW - 31 * DAY)
    recent = _put(media, "recent", b"recent file", NOW - 29 * DAY)
    result = sweep(media, NO_CAP, NOW)
    assert not old.exists() and not index_path(media, "old").exists()
    assert recent.exists() and index_path(media, "recent").exists()
    assert (result.aged_blobs, result.capped_blobs, result.index_entries) == (1, 0, 1)
    assert result.bytes_deleted == len(b"old file")
    assert (result.kept_blobs, result.kept_bytes) == (1, len(b"recent file"))


def test_an_index_entry_unused_past_the_age_limit_goes_though_its_blob_is_used(
    tmp_path: Path,
) -> None:
    """The same file sent twice: one media id is still opened, the other is not."""
    media = _cache(tmp_path)
    blob = _put(media, "opened", b"same bytes", NOW - DAY)
    _put(media, "forgotten", b"same bytes", NOW - 40 * DAY)
    os.utime(blob, (NOW - DAY, NOW - DAY))  # the other entry's use
    sweep(media, NO_CAP, NOW)
    assert blob.exists() and index_path(media, "opened").exists()
    assert not index_path(media, "forgotten").exists()


def test_over_the_cap_the_least_recently_used_go_first(tmp_path: Path) -> None:
    media = _cache(tmp_path)
    blobs = [_put(media, f"id{i}", bytes([i]) * 100, NOW - (10 - i) * 60) for i in range(5)]
    result = sweep(media, MediaCacheLimits(max_bytes=250, max_age_days=0), NOW)
    assert [b.exists() for b in blobs] == [False, False, False, True, True]
    assert [index_path(media, f"id{i}").exists() for i in range(5)] == [
        False,
        False,
        False,
        True,
        True,
    ]
    assert (result.capped_blobs, result.bytes_deleted, result.kept_bytes) == (3, 300, 200)
    assert cache_size(media) == (2, 200)
    # Within its limits, a second sweep has nothing to do.
    assert not sweep(media, MediaCacheLimits(max_bytes=250, max_age_days=0), NOW).deleted_anything


def test_age_first_then_the_cap(tmp_path: Path) -> None:
    media = _cache(tmp_path)
    aged = _put(media, "aged", b"a" * 10, NOW - 60 * DAY)
    lru = _put(media, "lru", b"b" * 100, NOW - 2 * DAY)
    mru = _put(media, "mru", b"c" * 100, NOW - DAY)
    result = sweep(media, MediaCacheLimits(max_bytes=150, max_age_days=30), NOW)
    assert (aged.exists(), lru.exists(), mru.exists()) == (False, False, True)
    assert (result.aged_blobs, result.capped_blobs) == (1, 1)


def test_zero_turns_a_limit_off(tmp_path: Path) -> None:
    media = _cache(tmp_path)
    old = _put(media, "old", b"x" * 1000, NOW - 3650 * DAY)
    assert not sweep(media, MediaCacheLimits(max_bytes=0, max_age_days=0), NOW).deleted_anything
    assert not sweep(media, MediaCacheLimits(max_bytes=5000, max_age_days=0), NOW).deleted_anything
    assert not sweep(
        media, MediaCacheLimits(max_bytes=0, max_age_days=3650 + 1), NOW
    ).deleted_anything
    assert old.exists()


def test_a_missing_cache_is_nothing_to_do(tmp_path: Path) -> None:
    assert not sweep(tmp_path / "nowhere", NO_CAP, NOW).deleted_anything


def test_symbolic_links_and_files_outside_the_cache_are_left_alone(tmp_path: Path) -> None:
    media = _cache(tmp_path)
    outside = tmp_path / "precious"
    outside.mkdir()
    target = outside / ("a" * 64)
    target.write_bytes(b"not the cache's")
    os.utime(target, (NOW - 90 * DAY, NOW - 90 * DAY))
    # A link inside blobs/ named like a blob, and one inside ids/.
    (media / "blobs" / ("b" * 64)).symlink_to(target)
    (media / "ids" / "link.json").symlink_to(target)
    # A file whose name is no SHA-256, an old folder named like one.
    stray = media / "blobs" / "notes.txt"
    stray.write_bytes(b"x")
    os.utime(stray, (NOW - 90 * DAY, NOW - 90 * DAY))
    (media / "blobs" / ("c" * 64)).mkdir()
    # An index entry naming a path out of the cache instead of a hash.
    bad = index_path(media, "bad")
    bad.write_text(json.dumps({"sha256": "../../precious/" + "a" * 64}), encoding="utf-8")
    result = sweep(media, MediaCacheLimits(max_bytes=1, max_age_days=1), NOW)
    assert target.read_bytes() == b"not the cache's"
    assert (media / "blobs" / ("b" * 64)).is_symlink()
    assert (media / "ids" / "link.json").is_symlink()
    assert stray.exists() and (media / "blobs" / ("c" * 64)).is_dir()
    assert result.aged_blobs == result.capped_blobs == 0
    # A cache whose blobs/ folder leads elsewhere is not swept at all.
    (media / "blobs").rename(tmp_path / "moved")
    (media / "blobs").symlink_to(outside)
    assert not sweep(media, MediaCacheLimits(max_bytes=1, max_age_days=1), NOW).deleted_anything
    assert target.exists()


def test_a_download_under_way_is_not_touched_and_an_abandoned_one_goes(tmp_path: Path) -> None:
    media = _cache(tmp_path)
    writing = media / "tmp" / "tmpabc.part"
    writing.write_bytes(b"half")
    os.utime(writing, (NOW - 60, NOW - 60))
    abandoned = media / "tmp" / "tmpold.part"
    abandoned.write_bytes(b"half")
    os.utime(abandoned, (NOW - STALE_PART_SECONDS - 1, NOW - STALE_PART_SECONDS - 1))
    result = sweep(media, MediaCacheLimits(max_bytes=1, max_age_days=1), NOW)
    assert writing.exists() and not abandoned.exists()
    assert result.stale_parts == 1


def test_a_file_used_after_the_sweep_planned_its_deletion_is_kept(tmp_path: Path) -> None:
    media = _cache(tmp_path)
    blob = _put(media, "busy", b"wanted again", NOW - 40 * DAY)
    planned = plan(media, NO_CAP, NOW)
    assert [b.path for b in planned.aged] == [str(blob)]
    os.utime(blob, (NOW, NOW))  # an agent opens it before the sweep deletes it
    os.utime(index_path(media, "busy"), (NOW, NOW))
    result = carry_out(planned)
    assert blob.exists() and index_path(media, "busy").exists()
    assert (result.aged_blobs, result.kept_blobs) == (0, 1)


# -- with the hub's fetcher: its uses are what the sweep goes by ---------------------------

TOKEN = "unit-graph-token"
FILES = {"1001": b"%PDF-1.4 first", "1002": b"%PDF-1.4 second", "1003": b"%PDF-1.4 third"}


def _ref(media_id: str) -> MediaRef:
    return MediaRef(media_id, "document", "a.pdf", "application/pdf", "100000000000001", 0)


def _fetcher(media: Path, calls: list[str], during_download: list[object]) -> MediaFetcher:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host == "graph.test":
            media_id = request.url.path.rsplit("/", 1)[1]
            data = FILES[media_id]
            calls.append(media_id)
            return httpx.Response(
                200,
                json={
                    "url": f"https://lookaside.test/d?mid={media_id}",
                    "mime_type": "application/pdf",
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "file_size": len(data),
                    "id": media_id,
                },
            )
        for hook in during_download:
            assert callable(hook)
            hook()
        return httpx.Response(200, content=FILES[request.url.params["mid"]])

    return MediaFetcher(
        "https://graph.test",
        "v21.0",
        Secret(TOKEN),
        media,
        transport=httpx.MockTransport(handle),
    )


def _age(media: Path, media_id: str, seconds_ago: float) -> None:
    sha = hashlib.sha256(FILES[media_id]).hexdigest()
    when = time.time() - seconds_ago
    for path in (blob_path(media, sha), index_path(media, media_id)):
        os.utime(path, (when, when))


def test_opening_a_cached_file_makes_it_the_most_recently_used(tmp_path: Path) -> None:
    media = tmp_path / "media"
    calls: list[str] = []
    fetcher = _fetcher(media, calls, [])
    for media_id in ("1001", "1002"):
        asyncio.run(fetcher.fetch(_ref(media_id)))
    _age(media, "1001", 3 * DAY)  # downloaded first...
    _age(media, "1002", 2 * DAY)
    asyncio.run(fetcher.fetch(_ref("1001")))  # ...but opened again since, from the cache
    assert calls == ["1001", "1002"]
    cap = MediaCacheLimits(max_bytes=len(FILES["1001"]), max_age_days=0)
    result = sweep(media, cap, time.time())
    assert result.capped_blobs == 1
    assert blob_path(media, hashlib.sha256(FILES["1001"]).hexdigest()).exists()
    assert not blob_path(media, hashlib.sha256(FILES["1002"]).hexdigest()).exists()
    # The evicted one is downloaded again when asked for; the kept one is not.
    asyncio.run(fetcher.fetch(_ref("1002")))
    asyncio.run(fetcher.fetch(_ref("1001")))
    assert calls == ["1001", "1002", "1002"]


def test_a_sweep_racing_a_download_leaves_it_whole(tmp_path: Path) -> None:
    media = tmp_path / "media"
    calls: list[str] = []
    swept: list[int] = []
    everything = MediaCacheLimits(max_bytes=1, max_age_days=0)  # nothing fits
    hooks: list[object] = [lambda: swept.append(sweep(media, everything).capped_blobs)]
    fetcher = _fetcher(media, calls, hooks)
    asyncio.run(fetcher.fetch(_ref("1001")))
    hooks.clear()
    _age(media, "1001", DAY)
    hooks.append(lambda: swept.append(sweep(media, everything).capped_blobs))
    # While 1003 downloads (its part file already open in tmp/), a sweep evicts 1001.
    file = asyncio.run(fetcher.fetch(_ref("1003")))
    assert swept == [0, 1]
    assert file.path.read_bytes() == FILES["1003"]
    assert list((media / "tmp").iterdir()) == []


def test_a_file_deleted_while_it_is_served_is_still_served_whole(tmp_path: Path) -> None:
    media = tmp_path / "media"
    fetcher = _fetcher(media, [], [])
    file, handle = asyncio.run(fetcher.open(_ref("1002")))
    with handle:
        sweep(media, MediaCacheLimits(max_bytes=1, max_age_days=0))
        assert not file.path.exists()
        assert handle.read() == FILES["1002"]


def test_each_sweep_that_deleted_something_logs_one_line_of_counts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    media = _cache(tmp_path)
    now = time.time()
    blob = _put(media, "c-777", b"a customer file", now - 40 * DAY)

    async def one_sweep() -> None:
        logged = asyncio.Event()
        seen = logging.Handler()
        seen.emit = lambda record: logged.set()  # type: ignore[method-assign]
        logger = logging.getLogger("wa_desk.hub.media_cache_sweep")
        logger.addHandler(seen)
        task = asyncio.create_task(keep_media_cache_swept(media, NO_CAP, interval_s=3600))
        try:
            await asyncio.wait_for(logged.wait(), 10)
        finally:
            task.cancel()
            logger.removeHandler(seen)

    caplog.set_level(logging.INFO, logger="wa_desk.hub.media_cache_sweep")
    asyncio.run(one_sweep())
    assert not blob.exists()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1
    assert lines[0].startswith("media cache sweep: files deleted: 1 (15 bytes;")
    assert "index entries deleted: 1" in lines[0]
    assert blob.name not in lines[0] and "c-777" not in lines[0]
    assert index_path(media, "c-777").stem not in lines[0]
