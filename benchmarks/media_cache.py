"""The hub's media cache after a day of the demo's traffic, and what its sweep leaves.

A day of the demo (``wa-desk demo``: its 12 customers writing 0.3 messages a second,
25,920 a day) is drawn from the simulator's own personas: conversations of an opening,
three to eight replies (where the traffic driver lets a customer close) and a closing,
each reply media or not as the persona's habits say. Every customer file is put in the
simulated Cloud API as it serves a webhook's media id (the same kinds, types and bytes),
then fetched once through the hub's media fetcher, over HTTP, as an agent opening it
makes the hub do (``MediaFetcher.open``, what ``GET .../media`` calls). Then the cache
is swept with the default limits, and with a small cap.

The simulator's files are small stand-ins (a 96 × 64 PNG, a one-page PDF, Ogg and MP4
headers): the figure is the demo's cache, not a production one, where a photo is some
hundreds of kilobytes.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.report import Figure, print_table
from wa_desk.hub.media import MediaFetcher, MediaRef
from wa_desk.hub.media_cache_limits import MediaCacheLimits
from wa_desk.hub.media_cache_sweep import cache_size, sweep
from wa_desk.hub.settings import Secret
from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.media import INBOUND_TTL_MS, MediaStore, customer_file
from wa_desk.sim.personas import Persona, make_personas
from wa_desk.sim.serving import serve_asgi
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World

NAME = "media_cache"
DEMO_CUSTOMERS = 12  # wa-desk demo --customers
DEMO_RATE = 0.3  # wa-desk demo --rate: customer messages per second
TOKEN = "benchmark-graph-token"
NUMBER = "100000000000001"
WEBHOOK_KIND = {"voice": "audio"}  # a voice note arrives as audio
FILENAMES = {"document": "factura.pdf"}  # the simulator's documents
CONCURRENCY = 8  # agents opening files at once
NOOP_TARGET_MS = 100.0  # a sweep with nothing to do, every 10 minutes


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def day_of_media(messages: int, seed: int) -> list[tuple[str, str]]:
    """The (media id, webhook kind) of every customer file among ``messages`` customer
    messages of the demo, in order."""
    rng = random.Random(seed)
    personas: list[Persona] = make_personas(DEMO_CUSTOMERS, seed=seed)
    files: list[tuple[str, str]] = []
    sent = 0
    while sent < messages:
        persona = personas[rng.randrange(len(personas))]
        persona.next_utterance("opening", rng)
        sent += 1
        for _ in range(rng.randint(3, 8)):
            if sent >= messages:
                break
            kind = persona.next_utterance("reply", rng).kind
            sent += 1
            kind = WEBHOOK_KIND.get(kind, kind)
            if kind in ("image", "document", "audio", "video", "sticker"):
                files.append((f"{10**15 + len(files)}", kind))
        sent += 1  # the closing: text or a reaction
    return files


def _put_in_whatsapp(store: MediaStore, files: list[tuple[str, str]]) -> None:
    for media_id, kind in files:
        data, mime = customer_file(kind, media_id, FILENAMES.get(kind))
        store.add(
            data,
            mime,
            phone_number_id=NUMBER,
            filename=FILENAMES.get(kind),
            media_id=media_id,
            ttl_ms=INBOUND_TTL_MS,
        )


async def _open_all(fetcher: MediaFetcher, files: list[tuple[str, str]]) -> tuple[int, int]:
    """Open every file as agents do, ``CONCURRENCY`` at a time: the bytes read, and how
    many files did not read back as their hash says."""
    queue = list(reversed(files))
    read = damaged = 0

    async def agent() -> None:
        nonlocal read, damaged
        while queue:
            media_id, kind = queue.pop()
            ref = MediaRef(media_id, kind, FILENAMES.get(kind), None, NUMBER, 0)
            file, handle = await fetcher.open(ref)
            with handle:
                data = await asyncio.to_thread(handle.read)
            read += len(data)
            damaged += hashlib.sha256(data).hexdigest() != file.sha256

    await asyncio.gather(*(agent() for _ in range(CONCURRENCY)))
    return read, damaged


def _timed_sweep(media_dir: Path, limits: MediaCacheLimits) -> tuple[float, int]:
    started = time.perf_counter()
    result = sweep(media_dir, limits)
    return (time.perf_counter() - started) * 1000, result.aged_blobs + result.capped_blobs


def run(messages: int, cap_bytes: int, seed: int = 7) -> list[Figure]:
    files = day_of_media(messages, seed)
    kinds = Counter(kind for _, kind in files)
    _log(f"{NAME}: {messages:,} customer messages, {len(files):,} files {dict(kinds)}")
    world = World(seed=seed)
    app = create_graph_app(world, SimSettings(access_token=TOKEN))
    _put_in_whatsapp(app.state.media, files)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp, serve_asgi(app) as graph_url:
        media_dir = Path(tmp) / "media"
        fetcher = MediaFetcher(graph_url, "v21.0", Secret(TOKEN), media_dir)
        started = time.perf_counter()
        read, damaged = asyncio.run(_open_all(fetcher, files))
        took = time.perf_counter() - started
        count, size = cache_size(media_dir)
        _log(f"{NAME}: opened {len(files):,} files ({read:,} bytes) in {took:.1f} s")
        noop_ms, noop_deleted = _timed_sweep(media_dir, MediaCacheLimits())
        capped_ms, capped_deleted = _timed_sweep(
            media_dir, MediaCacheLimits(max_bytes=cap_bytes, max_age_days=0)
        )
        kept, kept_size = cache_size(media_dir)
        figures += [
            Figure(NAME, "customer messages in a demo day", messages, "msgs"),
            Figure(NAME, "files among them (opened once each)", len(files), ""),
            Figure(NAME, "files read back damaged", damaged, "", 0, "", "equal"),
            Figure(NAME, "calls to the Graph API", fetcher.graph_calls, ""),
            Figure(NAME, "files opened per second", len(files) / took, "files/s"),
            Figure(NAME, "cache after the day: files", count, ""),
            Figure(NAME, "cache after the day", size / 1e6, "MB"),
            Figure(NAME, "mean file", size / max(1, count) / 1e3, "kB"),
            Figure(
                NAME,
                "default sweep (2 GiB, 30 days): deleted",
                noop_deleted,
                "",
                0,
                "",
                "equal",
            ),
            Figure(NAME, "default sweep: time", noop_ms, "ms", NOOP_TARGET_MS, "", "lower"),
            Figure(NAME, f"sweep to a {cap_bytes / 1e6:g} MB cap: deleted", capped_deleted, ""),
            Figure(NAME, f"sweep to a {cap_bytes / 1e6:g} MB cap: time", capped_ms, "ms"),
            Figure(NAME, "cache after it: files", kept, ""),
            Figure(NAME, "cache after it", kept_size / 1e6, "MB", cap_bytes / 1e6, "cap", "lower"),
        ]
    return figures


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--messages",
        type=int,
        default=round(DEMO_RATE * 86_400),
        help="customer messages in the day (the demo's 0.3/s: 25,920)",
    )
    p.add_argument("--cap-mb", type=float, default=0.25, help="the small cap, in MB (0.25)")
    p.add_argument("--seed", type=int, default=7)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    figures = run(args.messages, round(args.cap_mb * 1e6), args.seed)
    print_table("Media cache after a demo day", figures)
    return 0 if all(f.met() is not False for f in figures if f.better == "equal") else 1


if __name__ == "__main__":
    sys.exit(main())
