"""Agents download customers' media through the hub, which fetches it from the Graph
API (the simulator on loopback) with its own token: right bytes and type, a safe file
name, visibility by queue, a cache, clear 4xx/503 refusals, and the token nowhere."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from hub_harness import ACCESS_TOKEN, SALES, RunningHub, running_hub, text_webhook, wait_for

from wa_desk.sim.media import pdf_bytes

WA_ID = "34611112222"


@pytest.fixture
def media_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "media-cache"
    monkeypatch.setenv("WA_MEDIA_DIR", str(path))
    return path


@pytest.fixture
def hub(db_url: str, media_dir: Path) -> Iterator[RunningHub]:
    with running_hub(db_url) as running:
        running.add_user("ana", "agent", ("ventas",))
        running.add_user("bruno", "agent", ("soporte",))
        running.add_user("carla", "supervisor", ("ventas",))
        yield running


def _graph(hub: RunningHub) -> httpx.Client:
    return httpx.Client(
        base_url=hub.ctx.settings.graph_url,
        headers={"Authorization": f"Bearer {ACCESS_TOKEN}"},
        timeout=10,
    )


def _upload(hub: RunningHub, data: bytes, mime: str, name: str) -> str:
    with _graph(hub) as graph:
        r = graph.post(
            f"/v21.0/{SALES}/media",
            data={"messaging_product": "whatsapp", "type": mime},
            files={"file": (name, data, mime)},
        )
    assert r.status_code == 200, r.text
    media_id: str = r.json()["id"]
    return media_id


def _media_webhook(
    wamid: str, kind: str, media_id: str, *, filename: str | None = None, mime: str = ""
) -> dict[str, Any]:
    body = text_webhook(wamid, WA_ID, "")
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    section: dict[str, Any] = {"id": media_id, "mime_type": mime, "sha256": "x"}
    if filename is not None:
        section["filename"] = filename
    message.pop("text")
    message.update(type=kind, **{kind: section})
    return body


def _deliver(hub: RunningHub, body: dict[str, Any]) -> None:
    hub.world.note_inbound(SALES, WA_ID, hub.world.now_ms())
    assert hub.post_webhook(body).status_code == 200


def _message(client: httpx.Client, wamid: str) -> dict[str, Any]:
    def find() -> dict[str, Any] | None:
        for conv in client.get("/api/v1/conversations").json()["items"]:
            items = client.get(f"/api/v1/conversations/{conv['id']}/messages").json()["items"]
            for m in items:
                if m["wamid"] == wamid:
                    return m  # type: ignore[no-any-return]
        return None

    found: dict[str, Any] = wait_for(find)
    return found


def _media_url(message: dict[str, Any]) -> str:
    return f"/api/v1/conversations/{message['conversation_id']}/messages/{message['id']}/media"


def _filename_star(response: httpx.Response) -> str:
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    star = disposition.split("filename*=UTF-8''", 1)[1]
    return unquote(star)


def _assert_no_secrets(response: httpx.Response) -> None:
    text = response.text if "json" in response.headers.get("content-type", "") else ""
    for value in [text, *response.headers.values()]:
        assert ACCESS_TOKEN not in value
        assert "whatsapp_business/attachments" not in value
        assert "hash=" not in value


def test_an_agent_downloads_a_customers_image_sent_through_whatsapp(
    hub: RunningHub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with _graph(hub) as graph:
        sent = graph.post(
            f"/_sim/customers/{WA_ID}/messages",
            json={"type": "image", "text": "así llegó", "wait": True},
        )
        assert sent.status_code == 200 and sent.json()["delivered"], sent.text
        ana = hub.login("ana")
        message = _message(ana, sent.json()["wamid"])
        info = graph.get(f"/v21.0/{message['media_id']}").json()
        original = graph.get(info["url"]).content
    caplog.clear()  # from here on, only what the hub does

    r = ana.get(_media_url(message))
    assert r.status_code == 200, r.text
    assert r.content == original
    assert hashlib.sha256(r.content).hexdigest() == info["sha256"]
    assert r.headers["content-type"] == "image/png"
    assert r.headers["content-length"] == str(len(original))
    assert r.headers["x-content-type-options"] == "nosniff"
    name = _filename_star(r)
    assert name.startswith("whatsapp-image-") and name.endswith(".png")
    _assert_no_secrets(r)

    # Others of the queue may see it too; an agent of another queue may not.
    assert hub.login("carla").get(_media_url(message)).content == original
    other = hub.login("bruno").get(_media_url(message))
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"
    _assert_no_secrets(other)
    anonymous = httpx.get(hub.url + _media_url(message))
    assert anonymous.status_code == 401

    logged = caplog.text
    assert "whatsapp_business/attachments" in logged  # the hub's download was logged...
    assert ACCESS_TOKEN not in logged
    assert "hash=" not in logged and "mid=" not in logged  # ...without its secret query


def test_a_second_download_comes_from_the_cache(hub: RunningHub, media_dir: Path) -> None:
    data = pdf_bytes("cache")
    media_id = _upload(hub, data, "application/pdf", "cache.pdf")
    _deliver(hub, _media_webhook("wamid.c1", "document", media_id, filename="cache.pdf"))
    ana = hub.login("ana")
    message = _message(ana, "wamid.c1")
    first = ana.get(_media_url(message))
    assert first.status_code == 200 and first.content == data
    blobs = list((media_dir / "blobs").iterdir())
    assert [p.name for p in blobs] == [hashlib.sha256(data).hexdigest()]
    with _graph(hub) as graph:  # WhatsApp forgets the file: the hub still has it
        assert graph.delete(f"/v21.0/{media_id}").status_code == 200
    second = ana.get(_media_url(message))
    assert second.status_code == 200 and second.content == data
    assert list((media_dir / "tmp").iterdir()) == []


@pytest.mark.parametrize(
    ("sent_name", "expected"),
    [
        ("../../x.exe", "x.exe"),
        ("con.txt", "_con.txt"),
        ("factura\u202egpj.exe", "facturagpj.exe"),
        ("C:\\Windows\\evil.bat", "evil.bat"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
        ("Presupuesto año 2026 (final).pdf", "Presupuesto año 2026 (final).pdf"),
        ('comillas"y\r\nsaltos.pdf', "comillas_y saltos.pdf"),
    ],
)
def test_document_names_are_sanitized_in_the_attachment_header(
    hub: RunningHub, sent_name: str, expected: str
) -> None:
    data = pdf_bytes("x")
    media_id = _upload(hub, data, "application/pdf", "upload.pdf")
    wamid = f"wamid.n{abs(hash(sent_name))}"
    _deliver(
        hub,
        _media_webhook(wamid, "document", media_id, filename=sent_name, mime="application/pdf"),
    )
    ana = hub.login("ana")
    r = ana.get(_media_url(_message(ana, wamid)))
    assert r.status_code == 200, r.text
    assert r.content == data
    assert _filename_star(r) == expected
    ascii_part = r.headers["content-disposition"].split('filename="', 1)[1].split('"', 1)[0]
    assert "/" not in ascii_part and "\\" not in ascii_part
    assert all(32 <= ord(ch) < 127 for ch in ascii_part)


def test_refusals_are_4xx_with_a_reason(hub: RunningHub, monkeypatch: pytest.MonkeyPatch) -> None:
    ana = hub.login("ana")
    hub.customer_writes("wamid.t1", WA_ID, "solo texto")
    text = _message(ana, "wamid.t1")
    no_media = ana.get(_media_url(text))
    assert no_media.status_code == 404 and no_media.json()["error"]["code"] == "no_media"
    missing = ana.get(f"/api/v1/conversations/{text['conversation_id']}/messages/nope/media")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    nowhere = ana.get(f"/api/v1/conversations/nope/messages/{text['id']}/media")
    assert nowhere.status_code == 404

    # An id WhatsApp does not know (never existed, or expired after 7 days).
    _deliver(hub, _media_webhook("wamid.g1", "image", "9999999999999999", mime="image/jpeg"))
    gone = ana.get(_media_url(_message(ana, "wamid.g1")))
    assert gone.status_code == 410, gone.text
    assert gone.json()["error"]["code"] == "media_gone"
    assert gone.json()["error"]["message"]
    _assert_no_secrets(gone)


def test_files_over_the_cap_are_refused_with_413(
    db_url: str, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WA_MEDIA_MAX_BYTES", "300")
    with running_hub(db_url) as hub:
        hub.add_user("ana", "agent", ("ventas",))
        big = _upload(hub, pdf_bytes("x" * 400), "application/pdf", "big.pdf")
        small = _upload(hub, b"hola", "text/plain", "small.txt")
        _deliver(hub, _media_webhook("wamid.b1", "document", big, filename="big.pdf"))
        _deliver(hub, _media_webhook("wamid.b2", "document", small, filename="small.txt"))
        ana = hub.login("ana")
        too_big = ana.get(_media_url(_message(ana, "wamid.b1")))
        assert too_big.status_code == 413
        assert too_big.json()["error"]["code"] == "media_too_large"
        fine = ana.get(_media_url(_message(ana, "wamid.b2")))
        assert fine.status_code == 200 and fine.content == b"hola"
        assert fine.headers["content-type"].startswith("text/plain")


def test_download_urls_are_fetched_again_once_they_expire(hub: RunningHub) -> None:
    data = pdf_bytes("late")
    media_id = _upload(hub, data, "application/pdf", "late.pdf")
    _deliver(hub, _media_webhook("wamid.e1", "document", media_id, filename="late.pdf"))
    ana = hub.login("ana")
    message = _message(ana, "wamid.e1")
    hub.world.clock.advance(6 * 60 * 1000)  # older URLs would have expired by now
    started = time.monotonic()
    r = ana.get(_media_url(message))
    assert r.status_code == 200 and r.content == data
    assert time.monotonic() - started < 5
