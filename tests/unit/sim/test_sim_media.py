"""Media on the Graph stand-in as on Meta's: ids → short-lived URLs → bytes, uploads,
deletes, and the same error envelopes (unknown id → 100, wrong token → 190)."""

from __future__ import annotations

import hashlib
import struct
import zlib
from typing import Any

import httpx
import pytest
from sim_helpers import AUTH, CUSTOMER, NUMBER

from wa_desk.sim.media import (
    URL_TTL_MS,
    customer_file,
    ogg_opus_bytes,
    parse_multipart,
    pdf_bytes,
    png_bytes,
)
from wa_desk.sim.state import World

pytestmark = pytest.mark.anyio

V = "/v23.0"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    body = data[16 : 16 + length]
    (crc,) = struct.unpack(">I", data[16 + length : 20 + length])
    assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
    width, height = struct.unpack(">II", body[:8])
    return width, height


async def _customer_sends(graph: httpx.AsyncClient, kind: str, **extra: Any) -> dict[str, Any]:
    r = await graph.post(f"/_sim/customers/{CUSTOMER}/messages", json={"type": kind, **extra})
    assert r.status_code == 200, r.text
    world: World = graph.app.state.sim.world  # type: ignore[attr-defined]
    message: dict[str, Any] = world.webhooks[-1]["entry"][0]["changes"][0]["value"]["messages"][0]
    return message


async def _upload(
    graph: httpx.AsyncClient, data: bytes, mime: str, name: str = "f.bin", **fields: str
) -> httpx.Response:
    form = {"messaging_product": "whatsapp", "type": mime, **fields}
    return await graph.post(
        f"{V}/{NUMBER}/media", data=form, files={"file": (name, data, mime)}, headers=AUTH
    )


def test_generated_files_are_real_and_deterministic() -> None:
    png = png_bytes(96, 64, seed=3)
    assert _png_size(png) == (96, 64)
    assert png == png_bytes(96, 64, seed=3) != png_bytes(96, 64, seed=4)
    pdf = pdf_bytes("factura (marzo).pdf")
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref:].startswith(b"xref")
    ogg = ogg_opus_bytes(1)
    assert ogg.startswith(b"OggS") and b"OpusHead" in ogg and b"OpusTags" in ogg
    assert customer_file("image", "123", None)[1] == "image/png"
    assert customer_file("document", "123", "a.pdf")[1] == "application/pdf"
    assert customer_file("audio", "123", None)[1] == "audio/ogg"


async def test_an_inbound_image_id_resolves_to_a_url_that_serves_the_bytes(
    graph: httpx.AsyncClient,
) -> None:
    message = await _customer_sends(graph, "image", text="mira")
    media_id = message["image"]["id"]
    r = await graph.get(f"{V}/{media_id}", headers=AUTH)
    assert r.status_code == 200, r.text
    info = r.json()
    assert set(info) == {"messaging_product", "url", "mime_type", "sha256", "file_size", "id"}
    assert info["messaging_product"] == "whatsapp" and info["id"] == media_id
    assert info["mime_type"] == "image/png"
    assert info["url"].startswith("https://graph.test/whatsapp_business/attachments/?mid=")

    got = await graph.get(info["url"], headers=AUTH)
    assert got.status_code == 200
    assert got.headers["content-type"] == "image/png"
    assert hashlib.sha256(got.content).hexdigest() == info["sha256"]
    assert len(got.content) == info["file_size"]
    assert _png_size(got.content) == (96, 64)
    again = await graph.get(info["url"], headers=AUTH)
    assert again.content == got.content  # the same id, the same file


async def test_documents_and_audio_have_their_types(graph: httpx.AsyncClient) -> None:
    doc = await _customer_sends(graph, "document")
    voice = await _customer_sends(graph, "voice")
    d = (await graph.get(f"{V}/{doc['document']['id']}", headers=AUTH)).json()
    a = (await graph.get(f"{V}/{voice['audio']['id']}", headers=AUTH)).json()
    assert d["mime_type"] == "application/pdf"
    assert a["mime_type"] == "audio/ogg"
    assert (await graph.get(d["url"], headers=AUTH)).content.startswith(b"%PDF")
    assert (await graph.get(a["url"], headers=AUTH)).content.startswith(b"OggS")


async def test_the_download_needs_the_token(graph: httpx.AsyncClient) -> None:
    message = await _customer_sends(graph, "image")
    url = (await graph.get(f"{V}/{message['image']['id']}", headers=AUTH)).json()["url"]
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        r = await graph.get(url, headers=headers)
        assert r.status_code == 401
        assert r.json()["error"]["code"] == 190


async def test_download_urls_expire_after_five_minutes(
    graph: httpx.AsyncClient, world: World
) -> None:
    message = await _customer_sends(graph, "image")
    media_id = message["image"]["id"]
    url = (await graph.get(f"{V}/{media_id}", headers=AUTH)).json()["url"]
    world.clock.advance(URL_TTL_MS - 5_000)
    assert (await graph.get(url, headers=AUTH)).status_code == 200
    world.clock.advance(10_000)
    expired = await graph.get(url, headers=AUTH)
    assert expired.status_code == 404
    assert expired.json()["error"]["code"] == 100
    fresh = (await graph.get(f"{V}/{media_id}", headers=AUTH)).json()["url"]
    assert (await graph.get(fresh, headers=AUTH)).status_code == 200


async def test_a_tampered_url_is_refused(graph: httpx.AsyncClient) -> None:
    message = await _customer_sends(graph, "image")
    url = (await graph.get(f"{V}/{message['image']['id']}", headers=AUTH)).json()["url"]
    forged = url.replace("ext=", "ext=9")
    r = await graph.get(forged, headers=AUTH)
    assert r.status_code == 404 and r.json()["error"]["code"] == 100


async def test_unknown_media_id_is_code_100_and_wrong_token_190(
    graph: httpx.AsyncClient,
) -> None:
    r = await graph.get(f"{V}/1234567890123456", headers=AUTH)
    assert r.status_code == 400
    assert r.json()["error"]["code"] == 100
    assert r.json()["error"]["error_subcode"] == 33
    message = await _customer_sends(graph, "image")
    r = await graph.get(f"{V}/{message['image']['id']}", headers={"Authorization": "Bearer x"})
    assert r.status_code == 401 and r.json()["error"]["code"] == 190


async def test_media_of_another_number_is_refused(graph: httpx.AsyncClient) -> None:
    message = await _customer_sends(graph, "image")
    r = await graph.get(
        f"{V}/{message['image']['id']}", params={"phone_number_id": "999"}, headers=AUTH
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == 100
    ok = await graph.get(
        f"{V}/{message['image']['id']}", params={"phone_number_id": NUMBER}, headers=AUTH
    )
    assert ok.status_code == 200


async def test_upload_then_get_then_delete(graph: httpx.AsyncClient) -> None:
    data = pdf_bytes("subida")
    r = await _upload(graph, data, "application/pdf", "subida.pdf")
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"id"}
    media_id = r.json()["id"]
    info = (await graph.get(f"{V}/{media_id}", headers=AUTH)).json()
    assert info["mime_type"] == "application/pdf"
    assert info["sha256"] == hashlib.sha256(data).hexdigest()
    assert (await graph.get(info["url"], headers=AUTH)).content == data

    gone = await graph.delete(f"{V}/{media_id}", headers=AUTH)
    assert gone.status_code == 200 and gone.json() == {"success": True}
    assert (await graph.get(f"{V}/{media_id}", headers=AUTH)).json()["error"]["code"] == 100
    assert (await graph.get(info["url"], headers=AUTH)).status_code == 404
    again = await graph.delete(f"{V}/{media_id}", headers=AUTH)
    assert again.status_code == 400 and again.json()["error"]["code"] == 100


async def test_upload_is_refused_as_meta_refuses(graph: httpx.AsyncClient) -> None:
    no_product = await graph.post(
        f"{V}/{NUMBER}/media",
        data={"type": "image/png"},
        files={"file": ("a.png", png_bytes(4, 4), "image/png")},
        headers=AUTH,
    )
    assert no_product.json()["error"]["code"] == 100
    assert "messaging_product" in no_product.json()["error"]["message"]
    bad_type = await _upload(graph, b"MZ\x90\x00", "application/x-msdownload", "x.exe")
    assert bad_type.status_code == 400 and bad_type.json()["error"]["code"] == 100
    too_big = await _upload(graph, b"\x00" * (500 * 1024 + 1), "image/webp", "s.webp")
    assert too_big.status_code == 400 and too_big.json()["error"]["code"] == 131053
    wrong_token = await graph.post(
        f"{V}/{NUMBER}/media",
        data={"messaging_product": "whatsapp", "type": "image/png"},
        files={"file": ("a.png", png_bytes(4, 4), "image/png")},
        headers={"Authorization": "Bearer nope"},
    )
    assert wrong_token.status_code == 401 and wrong_token.json()["error"]["code"] == 190
    unknown_number = await graph.post(
        f"{V}/999/media",
        data={"messaging_product": "whatsapp", "type": "image/png"},
        files={"file": ("a.png", png_bytes(4, 4), "image/png")},
        headers=AUTH,
    )
    assert unknown_number.json()["error"]["code"] == 100
    not_multipart = await graph.post(f"{V}/{NUMBER}/media", json={"a": 1}, headers=AUTH)
    assert not_multipart.status_code == 400


def test_multipart_parser_keeps_binary_bodies_intact() -> None:
    data = b"\r\n--not-the-boundary\r\n\x00\xff" * 3
    request = httpx.Request(
        "POST",
        "https://x/",
        data={"messaging_product": "whatsapp"},
        files={"file": ("ñ.bin", data, "application/octet-stream")},
    )
    body = request.read()
    parts = parse_multipart(request.headers["content-type"], body)
    assert parts["file"].data == data
    assert parts["file"].filename == "ñ.bin"
    assert parts["messaging_product"].data == b"whatsapp"
