"""Failures below and above HTTP become the error classes the UI explains."""

from __future__ import annotations

import ssl

import httpx
import pytest

from wa_desk.client import (
    CertificateError,
    HubApi,
    HubUnreachable,
    Refused,
    ServerError,
    SessionExpired,
)

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def api_with(handler: httpx.MockTransport) -> HubApi:
    return HubApi("https://hub.example.com", "tok", transport=handler)


async def test_a_certificate_that_does_not_verify_is_not_just_unreachable() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        try:
            raise ssl.SSLCertVerificationError(1, "certificate verify failed: self-signed")
        except ssl.SSLError as exc:
            raise httpx.ConnectError("TLS failed", request=request) from exc

    async with api_with(httpx.MockTransport(fail)) as api:
        with pytest.raises(CertificateError):
            await api.me()


@pytest.mark.parametrize(
    "exc",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("x")],
)
async def test_transport_failures_are_unreachable(exc: httpx.TransportError) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise exc

    async with api_with(httpx.MockTransport(fail)) as api:
        with pytest.raises(HubUnreachable):
            await api.conversations()


async def test_answers_by_status_and_envelope() -> None:
    answers = {
        "/api/v1/me": httpx.Response(
            401, json={"error": {"code": "token_invalid", "message": "x"}}
        ),
        "/api/v1/conversations/c1": httpx.Response(
            409, json={"error": {"code": "window_closed", "message": "24 h", "message_id": "m"}}
        ),
        "/api/v1/templates": httpx.Response(503, json={"error": {"code": "store_unavailable"}}),
        "/healthz": httpx.Response(404, text="not json"),
    }

    async with api_with(httpx.MockTransport(lambda r: answers[r.url.path])) as api:
        with pytest.raises(SessionExpired):
            await api.me()
        with pytest.raises(Refused) as refused:
            await api.conversation("c1")
        assert (refused.value.status, refused.value.code) == (409, "window_closed")
        assert refused.value.details == {"message_id": "m"}
        with pytest.raises(ServerError):
            await api.templates()
        with pytest.raises(Refused) as plain:
            await api.healthz()
        assert plain.value.code == "http_error"
