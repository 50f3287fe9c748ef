"""``HubApi.download_media`` saves customers' files inside the chosen folder only, under
a safe name that never overwrites anything, whatever the customer named the file and
whatever the server says; a failed download leaves nothing behind."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hub_harness import ACCESS_TOKEN, PASSWORD, SALES, RunningHub, text_webhook

from wa_desk.client.errors import HubUnreachable, Refused
from wa_desk.client.hub_api import HubApi
from wa_desk.client.media import MAX_NAME_BYTES
from wa_desk.sim.media import pdf_bytes

WA_ID = "34622223333"


def _upload(hub: RunningHub, data: bytes, mime: str) -> str:
    r = httpx.post(
        f"{hub.ctx.settings.graph_url}/v21.0/{SALES}/media",
        data={"messaging_product": "whatsapp", "type": mime},
        files={"file": ("upload", data, mime)},
        headers={"Authorization": f"Bearer {ACCESS_TOKEN}"},
    )
    assert r.status_code == 200, r.text
    media_id: str = r.json()["id"]
    return media_id


def _customer_sends_document(hub: RunningHub, wamid: str, filename: str, data: bytes) -> None:
    media_id = _upload(hub, data, "application/pdf")
    body = text_webhook(wamid, WA_ID, "")
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    message.pop("text")
    message.update(
        type="document",
        document={"id": media_id, "filename": filename, "mime_type": "application/pdf"},
    )
    hub.world.note_inbound(SALES, WA_ID, hub.world.now_ms())
    assert hub.post_webhook(body).status_code == 200


async def _signed_in(hub: RunningHub) -> HubApi:
    api = HubApi(hub.url)
    await api.login("ana", PASSWORD)
    return api


async def _find(api: HubApi, wamid: str) -> dict[str, Any]:
    for _ in range(200):
        for conv in (await api.conversations()).items:
            for m in (await api.messages(conv["id"])).items:
                if m["wamid"] == wamid:
                    return m
        await asyncio.sleep(0.05)
    raise AssertionError(f"{wamid} never arrived")


HOSTILE = [
    ("../../x.exe", "x.exe"),
    ("con.txt", "_con.txt"),
    ("LPT1", "_LPT1.pdf"),  # no extension: the hub adds one from the type
    ("factura\u202egpj.exe", "facturagpj.exe"),
    ("\u200b\u200f.bashrc", "bashrc.pdf"),
    ("..", "document.pdf"),
    ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
]


@pytest.mark.parametrize(("sent", "expected"), HOSTILE)
def test_hostile_names_land_safely_inside_the_folder(
    hub: RunningHub, tmp_path: Path, sent: str, expected: str
) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    data = pdf_bytes("hostile")
    _customer_sends_document(hub, "wamid.h1", sent, data)
    dest = tmp_path / "Downloads"

    async def scenario() -> list[Path]:
        async with await _signed_in(hub) as api:
            message = await _find(api, "wamid.h1")
            return [
                await api.download_media(message["conversation_id"], message["id"], dest)
                for _ in range(3)
            ]

    first, second, third = asyncio.run(scenario())
    stem, dot, ext = expected.rpartition(".")
    if not dot:
        stem, ext = expected, ""
    suffix = f".{ext}" if ext else ""
    assert [first.name, second.name, third.name] == [
        expected,
        f"{stem} (1){suffix}",
        f"{stem} (2){suffix}",
    ]
    for path in (first, second, third):
        assert path.parent == dest.resolve()
        assert path.read_bytes() == data
    assert sorted(p.name for p in dest.iterdir()) == sorted(p.name for p in (first, second, third))
    assert not (tmp_path / "x.exe").exists()


def test_refusals_raise_by_cause_and_leave_nothing(hub: RunningHub, tmp_path: Path) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    hub.customer_writes("wamid.t1", WA_ID, "sin adjunto")
    dest = tmp_path / "Downloads"

    async def scenario() -> Refused:
        async with await _signed_in(hub) as api:
            message = await _find(api, "wamid.t1")
            with pytest.raises(Refused) as caught:
                await api.download_media(message["conversation_id"], message["id"], dest)
            return caught.value

    refused = asyncio.run(scenario())
    assert (refused.status, refused.code) == (404, "no_media")
    assert list(dest.iterdir()) == []


# -- whatever the server says -------------------------------------------------------------


def _serving(headers: dict[str, str], body: bytes = b"data", status: int = 200) -> HubApi:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.raw_path == b"/api/v1/conversations/c%2F1/messages/m%201/media"
        return httpx.Response(status, headers=headers, content=body)

    return HubApi("http://hub.test", "tok", transport=httpx.MockTransport(handler))


@pytest.mark.parametrize(
    ("disposition", "content_type", "expected"),
    [
        ('attachment; filename="../../x.exe"', "application/octet-stream", "x.exe"),
        ("attachment; filename*=UTF-8''..%2F..%2Fx.exe", "application/octet-stream", "x.exe"),
        ("attachment; filename*=UTF-8''..%5C..%5Cx.exe", "application/octet-stream", "x.exe"),
        ("attachment; filename*=UTF-8''%E2%80%AEfdp.exe", "application/pdf", "fdp.exe"),
        ('attachment; filename="con.txt"', "text/plain", "_con.txt"),
        ('attachment; filename="/etc/passwd"', "text/plain", "passwd"),
        ("attachment; filename*=UTF-8''%00%01%0A.pdf", "application/pdf", "pdf"),
        ("attachment", "application/pdf", "download.pdf"),
        ("", "image/png", "download.png"),
        ("attachment; filename*=garbage''%%%", "", "%%%"),  # odd but harmless
    ],
)
def test_server_supplied_names_are_sanitized_again(
    tmp_path: Path, disposition: str, content_type: str, expected: str
) -> None:
    headers = {"content-type": content_type}
    if disposition:
        headers["content-disposition"] = disposition

    async def scenario() -> Path:
        async with _serving(headers) as api:
            return await api.download_media("c/1", "m 1", tmp_path)

    saved = asyncio.run(scenario())
    assert saved.parent == tmp_path.resolve()
    assert saved.name == expected
    assert saved.read_bytes() == b"data"


def test_long_multibyte_names_fit_the_file_system(tmp_path: Path) -> None:
    name = "😀" * 300 + ".pdf"
    headers = {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}

    async def scenario() -> list[Path]:
        async with _serving(headers) as api:
            return [await api.download_media("c/1", "m 1", tmp_path) for _ in range(2)]

    first, second = asyncio.run(scenario())
    for saved in (first, second):
        assert saved.suffix == ".pdf"
        assert len(saved.name.encode()) <= MAX_NAME_BYTES + len(" (1)")
        assert saved.read_bytes() == b"data"
    assert second.name == first.name.removesuffix(".pdf") + " (1).pdf"


def test_errors_and_broken_streams_leave_no_partial_file(tmp_path: Path) -> None:
    async def refused() -> None:
        async with _serving(
            {"content-type": "application/json"},
            b'{"error": {"code": "media_gone", "message": "gone"}}',
            status=410,
        ) as api:
            await api.download_media("c/1", "m 1", tmp_path)

    with pytest.raises(Refused) as caught:
        asyncio.run(refused())
    assert caught.value.code == "media_gone"

    class Broken(httpx.AsyncByteStream):
        async def __aiter__(self):  # type: ignore[no-untyped-def]
            yield b"half"
            raise httpx.ReadError("connection reset")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"content-disposition": 'attachment; filename="a.pdf"'}, stream=Broken()
        )

    async def broken() -> None:
        async with HubApi("http://hub.test", "t", transport=httpx.MockTransport(handler)) as api:
            await api.download_media("c/1", "m 1", tmp_path)

    with pytest.raises(HubUnreachable):
        asyncio.run(broken())
    assert list(tmp_path.iterdir()) == []


def test_media_bytes_respects_its_cap(tmp_path: Path) -> None:
    async def scenario(cap: int) -> tuple[bytes, str]:
        async with _serving({"content-type": "image/png"}, b"x" * 100) as api:
            return await api.media_bytes("c/1", "m 1", cap)

    assert asyncio.run(scenario(100)) == (b"x" * 100, "image/png")
    with pytest.raises(Refused) as caught:
        asyncio.run(scenario(99))
    assert caught.value.code == "media_too_large"
