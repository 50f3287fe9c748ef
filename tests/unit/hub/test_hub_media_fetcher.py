"""The hub's media fetcher against a scripted Graph API: every refusal becomes a 4xx or
a 503 with a reason (never another 5xx), damaged or oversized files are never kept,
and an expired download link is asked for again once."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from wa_desk.hub.media import (
    MediaFetcher,
    MediaRef,
    MediaUnavailable,
    content_disposition,
    download_name,
    media_ref,
)
from wa_desk.hub.settings import Secret

TOKEN = "unit-graph-token"
DATA = b"%PDF-1.4 not much of a document"
SHA = hashlib.sha256(DATA).hexdigest()
REF = MediaRef("5551", "document", "../../a.pdf", "application/pdf", "100000000000001", 0)

Handler = Callable[[httpx.Request], httpx.Response]


def _error(status: int, code: int, message: str = "refused") -> httpx.Response:
    return httpx.Response(
        status, json={"error": {"message": message, "type": "OAuthException", "code": code}}
    )


def _info(**overrides: Any) -> dict[str, Any]:
    body = {
        "messaging_product": "whatsapp",
        "url": "https://lookaside.test/whatsapp_business/attachments/?mid=5551&hash=abc",
        "mime_type": "application/pdf",
        "sha256": SHA,
        "file_size": len(DATA),
        "id": "5551",
    }
    body.update(overrides)
    return body


def _graph(
    info: Callable[[int], httpx.Response] | None = None,
    download: Callable[[int], httpx.Response] | None = None,
) -> tuple[Handler, dict[str, int]]:
    calls = {"info": 0, "download": 0}

    def handle(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == f"Bearer {TOKEN}"
        if request.url.host == "graph.test":
            calls["info"] += 1
            assert request.url.path == "/v21.0/5551"
            assert request.url.params["phone_number_id"] == "100000000000001"
            return info(calls["info"]) if info else httpx.Response(200, json=_info())
        calls["download"] += 1
        return (
            download(calls["download"])
            if download
            else httpx.Response(200, content=DATA, headers={"content-type": "application/pdf"})
        )

    return handle, calls


def _fetcher(tmp_path: Path, handler: Handler, **kw: Any) -> MediaFetcher:
    return MediaFetcher(
        "https://graph.test",
        "v21.0",
        Secret(TOKEN),
        tmp_path / "media",
        transport=httpx.MockTransport(handler),
        **kw,
    )


def _refusal(fetcher: MediaFetcher) -> MediaUnavailable:
    with pytest.raises(MediaUnavailable) as caught:
        asyncio.run(fetcher.fetch(REF))
    exc = caught.value
    assert exc.status in (410, 413, 503)
    assert TOKEN not in exc.message and "lookaside" not in exc.message
    return exc


def test_fetches_once_then_serves_from_disk(tmp_path: Path) -> None:
    handler, calls = _graph()
    fetcher = _fetcher(tmp_path, handler)
    file = asyncio.run(fetcher.fetch(REF))
    assert file.path.read_bytes() == DATA
    assert (file.sha256, file.size, file.mime_type) == (SHA, len(DATA), "application/pdf")
    again = asyncio.run(fetcher.fetch(REF))
    assert again == file
    assert calls == {"info": 1, "download": 1}
    # A new hub process on the same directory remembers it too.
    assert asyncio.run(_fetcher(tmp_path, handler).fetch(REF)) == file
    assert calls == {"info": 1, "download": 1}


def test_concurrent_requests_for_one_file_download_it_once(tmp_path: Path) -> None:
    handler, calls = _graph()
    fetcher = _fetcher(tmp_path, handler)

    async def many() -> list[Any]:
        return list(await asyncio.gather(*(fetcher.fetch(REF) for _ in range(5))))

    assert len(set(asyncio.run(many()))) == 1
    assert calls["download"] == 1


@pytest.mark.parametrize(
    ("response", "status", "code"),
    [
        (_error(400, 100, "Unsupported get request."), 410, "media_gone"),
        (_error(401, 190, "Invalid OAuth access token"), 503, "whatsapp_auth"),
        (_error(400, 4, "Application request limit reached"), 503, "whatsapp_busy"),
        (httpx.Response(500, text="<html>oops</html>"), 503, "whatsapp_error"),
        (httpx.Response(502), 503, "whatsapp_error"),
        (httpx.Response(200, json=_info(url="file:///etc/passwd")), 503, "whatsapp_error"),
        (httpx.Response(200, text="not json"), 503, "whatsapp_error"),
    ],
)
def test_graph_refusals_become_4xx_or_503(
    tmp_path: Path, response: httpx.Response, status: int, code: str
) -> None:
    handler, calls = _graph(info=lambda _: response)
    exc = _refusal(_fetcher(tmp_path, handler))
    assert (exc.status, exc.code) == (status, code)
    assert calls["download"] == 0


def test_unreachable_graph_is_503(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    exc = _refusal(_fetcher(tmp_path, handler))
    assert (exc.status, exc.code) == (503, "whatsapp_unreachable")


def test_a_damaged_download_is_not_kept(tmp_path: Path) -> None:
    handler, _ = _graph(download=lambda _: httpx.Response(200, content=DATA[:-1] + b"X"))
    exc = _refusal(_fetcher(tmp_path, handler))
    assert (exc.status, exc.code) == (503, "media_corrupt")
    assert not (tmp_path / "media" / "blobs").exists()
    assert list((tmp_path / "media" / "tmp").iterdir()) == []


def test_over_the_cap_is_413_before_and_during_the_download(tmp_path: Path) -> None:
    handler, calls = _graph()
    exc = _refusal(_fetcher(tmp_path, handler, max_bytes=len(DATA) - 1))
    assert (exc.status, exc.code) == (413, "media_too_large")
    assert calls["download"] == 0
    # Metadata that understates the size does not get a bigger file through.
    lying, calls = _graph(info=lambda _: httpx.Response(200, json=_info(file_size="3")))
    exc = _refusal(_fetcher(tmp_path, lying, max_bytes=10))
    assert exc.code == "media_too_large"
    assert list((tmp_path / "media" / "tmp").iterdir()) == []


def test_an_expired_link_is_requested_again_once(tmp_path: Path) -> None:
    def download(n: int) -> httpx.Response:
        return (
            _error(404, 100, "URL signature expired")
            if n == 1
            else httpx.Response(200, content=DATA)
        )

    handler, calls = _graph(download=download)
    file = asyncio.run(_fetcher(tmp_path, handler).fetch(REF))
    assert file.path.read_bytes() == DATA
    assert calls == {"info": 2, "download": 2}

    always, calls = _graph(download=lambda _: _error(404, 100, "URL signature expired"))
    exc = _refusal(_fetcher(tmp_path / "b", always))
    assert exc.status == 503
    assert calls == {"info": 2, "download": 2}


def test_a_refused_download_token_is_503(tmp_path: Path) -> None:
    handler, _ = _graph(download=lambda _: _error(401, 190, "Invalid OAuth access token"))
    exc = _refusal(_fetcher(tmp_path, handler))
    assert (exc.status, exc.code) == (503, "whatsapp_auth")


def test_media_of_a_message_row() -> None:
    row = {
        "type": "document",
        "media_id": None,
        "payload": json.dumps(
            {"type": "document", "document": {"id": "77", "filename": "../x.pdf"}}
        ),
        "timestamp": 1_700_000_000_000,
    }
    ref = media_ref(row, "pn")
    assert ref is not None and (ref.media_id, ref.filename, ref.phone_number_id) == (
        "77",
        "../x.pdf",
        "pn",
    )
    assert media_ref({**row, "type": "text"}, "pn") is None
    assert media_ref({**row, "payload": "{}"}, "pn") is None
    image = MediaRef("1", "image", None, None, None, 1_700_000_000_000)
    assert download_name(image, "image/jpeg") == "whatsapp-image-20231114-221320.jpg"
    assert download_name(REF, "application/pdf") == "a.pdf"
    no_ext = MediaRef("1", "document", "informe", None, None, 0)
    assert download_name(no_ext, "application/pdf") == "informe.pdf"
    header = content_disposition('año "1".pdf')
    assert header == "attachment; filename=\"a_o _1_.pdf\"; filename*=UTF-8''a%C3%B1o%20%221%22.pdf"


def test_media_whatsapp_no_longer_has_is_not_asked_for_again_for_an_hour(
    tmp_path: Path,
) -> None:
    gone = _error(400, 100, "Unsupported get request. Object with ID '5551' does not exist")
    handler, calls = _graph(info=lambda n: gone)
    now = [1000.0]
    fetcher = _fetcher(tmp_path, handler, clock=lambda: now[0])
    for _ in range(3):  # a thumbnail retried, an agent clicking twice...
        assert _refusal(fetcher).code == "media_gone"
    assert calls["info"] == 1
    now[0] += 3601  # an hour later WhatsApp is asked again
    assert _refusal(fetcher).code == "media_gone"
    assert calls["info"] == 2
    # Other refusals are not remembered: they may pass.
    busy, busy_calls = _graph(info=lambda n: _error(400, 4, "Application request limit reached"))
    fetcher = _fetcher(tmp_path, busy)
    for _ in range(2):
        assert _refusal(fetcher).code == "whatsapp_busy"
    assert busy_calls["info"] == 2
