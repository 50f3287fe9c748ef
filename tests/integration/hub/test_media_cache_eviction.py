"""A customer's file after the hub's cache let it go, against the simulated Cloud API on
both stores: downloaded again while WhatsApp still has it; once WhatsApp forgot it (7
days after it arrived), a clear 410 ``media_gone``. A file the sweep deletes while an
agent downloads it arrives whole. And each hub sweeps its own cache from its start."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_harness import ACCESS_TOKEN, SALES, RunningHub, running_hub, text_webhook, wait_for

from wa_desk.core.clock import DAY_MS
from wa_desk.hub.media import blob_path, index_path
from wa_desk.hub.media_cache_limits import MediaCacheLimits
from wa_desk.hub.media_cache_sweep import cache_size, sweep

WA_ID = "34611113333"
NOTHING_FITS = MediaCacheLimits(max_bytes=1, max_age_days=0)


@pytest.fixture
def media_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "media-cache"
    monkeypatch.setenv("WA_MEDIA_DIR", str(path))
    return path


@pytest.fixture
def hub(db_url: str, media_dir: Path) -> Iterator[RunningHub]:
    with running_hub(db_url) as running:
        running.add_user("ana", "agent", ("ventas",))
        yield running


def _graph(hub: RunningHub) -> httpx.Client:
    return httpx.Client(
        base_url=hub.ctx.settings.graph_url,
        headers={"Authorization": f"Bearer {ACCESS_TOKEN}"},
        timeout=10,
    )


def _customer_sends_a_document(hub: RunningHub, ana: httpx.Client) -> dict[str, Any]:
    with _graph(hub) as graph:
        sent = graph.post(
            f"/_sim/customers/{WA_ID}/messages", json={"type": "document", "wait": True}
        )
    assert sent.status_code == 200 and sent.json()["delivered"], sent.text
    wamid = sent.json()["wamid"]

    def find() -> dict[str, Any] | None:
        for conv in ana.get("/api/v1/conversations").json()["items"]:
            for m in ana.get(f"/api/v1/conversations/{conv['id']}/messages").json()["items"]:
                if m["wamid"] == wamid:
                    return dict(m)
        return None

    found: dict[str, Any] = wait_for(find)
    return found


def _media_url(message: dict[str, Any]) -> str:
    return f"/api/v1/conversations/{message['conversation_id']}/messages/{message['id']}/media"


def test_an_evicted_file_is_downloaded_again_while_whatsapp_has_it(
    hub: RunningHub, media_dir: Path
) -> None:
    ana = hub.login("ana")
    message = _customer_sends_a_document(hub, ana)
    first = ana.get(_media_url(message))
    assert first.status_code == 200, first.text
    assert cache_size(media_dir) == (1, len(first.content))

    result = sweep(media_dir, NOTHING_FITS)
    assert (result.capped_blobs, result.index_entries) == (1, 1)
    assert cache_size(media_dir) == (0, 0)
    assert list((media_dir / "ids").iterdir()) == []

    hub.world.clock.advance(6 * DAY_MS)  # within WhatsApp's 7 days
    again = ana.get(_media_url(message))
    assert again.status_code == 200, again.text
    assert again.content == first.content
    assert again.headers["etag"] == f'"{hashlib.sha256(first.content).hexdigest()}"'
    assert cache_size(media_dir) == (1, len(first.content))


def test_once_whatsapp_forgot_an_evicted_file_the_agent_is_told_it_is_gone(
    hub: RunningHub, media_dir: Path
) -> None:
    ana = hub.login("ana")
    message = _customer_sends_a_document(hub, ana)
    assert ana.get(_media_url(message)).status_code == 200
    hub.world.clock.advance(8 * DAY_MS)  # WhatsApp keeps customers' media 7 days
    # Still cached: the hub serves it though WhatsApp no longer could.
    assert ana.get(_media_url(message)).status_code == 200

    sweep(media_dir, NOTHING_FITS)
    gone = ana.get(_media_url(message))
    assert gone.status_code == 410, gone.text
    error = gone.json()["error"]
    assert error["code"] == "media_gone"
    assert error["message"].startswith("This file is no longer available from WhatsApp")
    assert "graph-api" not in error["message"] and ACCESS_TOKEN not in gone.text


def _old_cached_file(media_dir: Path, days_ago: float) -> Path:
    data = b"%PDF-1.4 from an earlier run"
    sha = hashlib.sha256(data).hexdigest()
    for sub in ("ids", "blobs"):
        (media_dir / sub).mkdir(parents=True, exist_ok=True)
    blob = blob_path(media_dir, sha)
    blob.write_bytes(data)
    index = index_path(media_dir, "old-media-id")
    index.write_text(
        json.dumps({"sha256": sha, "mime_type": "application/pdf", "size": len(data)}),
        encoding="utf-8",
    )
    when = time.time() - days_ago * 86_400
    for path in (blob, index):
        os.utime(path, (when, when))
    return blob


def test_every_hub_sweeps_its_own_cache_from_the_start(
    db_url: str, media_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two hubs on one store, each with its own cache folder: each sweeps its own."""
    stale = _old_cached_file(media_dir, days_ago=3)
    limits: dict[str, Any] = {"media_cache": MediaCacheLimits(max_bytes=0, max_age_days=2)}
    with running_hub(db_url, hub_settings=limits) as first:
        assert first.ctx.media_dir == media_dir
        # The sweep runs in its own thread: the blob goes, then the id entries pointing
        # at it.
        index = index_path(media_dir, "old-media-id")
        wait_for(lambda: not stale.exists() and not index.exists())
        other_dir = tmp_path / "other-replica-media"
        other_stale = _old_cached_file(other_dir, days_ago=3)
        monkeypatch.setenv("WA_MEDIA_DIR", str(other_dir))
        with running_hub(db_url, hub_settings=limits) as second:
            assert second.ctx.media_dir == other_dir
            wait_for(lambda: not other_stale.exists())


def test_a_file_the_sweep_deletes_while_it_is_sent_arrives_whole(
    hub: RunningHub, media_dir: Path
) -> None:
    data = bytes(range(256)) * (16 * 1024)  # 4 MiB: more than the sockets hold at once
    with _graph(hub) as graph:
        uploaded = graph.post(
            f"/v21.0/{SALES}/media",
            data={"messaging_product": "whatsapp", "type": "application/pdf"},
            files={"file": ("big.pdf", data, "application/pdf")},
        )
    assert uploaded.status_code == 200, uploaded.text
    body = text_webhook("wamid.big1", WA_ID, "")
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    message.pop("text")
    message.update(type="document", document={"id": uploaded.json()["id"], "filename": "big.pdf"})
    hub.world.note_inbound(SALES, WA_ID, hub.world.now_ms())
    assert hub.post_webhook(body).status_code == 200
    ana = hub.login("ana")

    def find() -> dict[str, Any] | None:
        for conv in ana.get("/api/v1/conversations").json()["items"]:
            for m in ana.get(f"/api/v1/conversations/{conv['id']}/messages").json()["items"]:
                if m["wamid"] == "wamid.big1":
                    return dict(m)
        return None

    row: dict[str, Any] = wait_for(find)
    with ana.stream("GET", _media_url(row)) as response:
        assert response.status_code == 200
        chunks = response.iter_bytes(64 * 1024)
        received = next(chunks)
        assert sweep(media_dir, NOTHING_FITS).capped_blobs == 1  # deleted mid-way
        assert cache_size(media_dir) == (0, 0)
        received += b"".join(chunks)
    assert received == data
