"""The hub's client of Meta's Graph API (or of the simulator standing in for it).

Rate-limit refusals (130429 throughput, 131056 pair rate, 80007, 4) are retried with
exponential backoff and jitter; a refused connection is retried too, since nothing was
sent. Every other refusal is final and comes back as a :class:`GraphError` with a
meaning people can act on.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass
from typing import Any

import httpx

from wa_desk.hub.settings import Secret
from wa_desk.whatsapp.send_bodies import GraphError, parse_graph_error, parse_send_response

log = logging.getLogger(__name__)

CONNECT_FAILED = GraphError(
    http_status=0,
    code=None,
    title="WhatsApp unreachable",
    details="The hub could not reach the WhatsApp Cloud API.",
    subcode=None,
    fbtrace_id=None,
)


class GraphRequestFailed(Exception):
    def __init__(self, error: GraphError) -> None:
        super().__init__(f"({error.code}) {error.title}")
        self.error = error


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4
    base_seconds: float = 0.25
    cap_seconds: float = 4.0

    def delay(self, attempt: int) -> float:
        high = min(self.cap_seconds, self.base_seconds * 2**attempt)
        return random.uniform(high / 2, high)


class GraphClient:
    def __init__(
        self,
        base_url: str,
        api_version: str,
        token: Secret,
        retry: RetryPolicy | None = None,
        timeout: float = 20.0,
    ) -> None:
        self._base = f"{base_url.rstrip('/')}/{api_version}"
        self._token = token
        self._retry = retry or RetryPolicy()
        self._http = httpx.AsyncClient(timeout=timeout)
        self.retries = 0  # requests sent again after a rate limit or a refused connection

    async def aclose(self) -> None:
        await self._http.aclose()

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token.reveal()}"}

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        for attempt in range(self._retry.attempts):
            last = attempt == self._retry.attempts - 1
            try:
                response = await self._http.post(
                    f"{self._base}/{path}", json=body, headers=self._headers()
                )
            except httpx.ConnectError as exc:
                if last:
                    raise GraphRequestFailed(CONNECT_FAILED) from exc
                self.retries += 1
                await asyncio.sleep(self._retry.delay(attempt))
                continue
            except httpx.HTTPError as exc:
                # The request may have reached Meta: retrying could send it twice.
                raise GraphRequestFailed(CONNECT_FAILED) from exc
            payload = _json_or_none(response)
            if response.status_code == 200 and isinstance(payload, dict):
                return payload
            error = parse_graph_error(response.status_code, payload)
            retryable = error.code in (4, 80007, 130429, 131056) or (
                error.code is None and response.status_code == 429
            )
            if not retryable or last:
                raise GraphRequestFailed(error)
            log.info("Graph API refused with %s; retrying", error.code)
            self.retries += 1
            await asyncio.sleep(self._retry.delay(attempt))
        raise AssertionError("unreachable")

    async def send(self, phone_number_id: str, body: dict[str, Any]) -> str:
        """Send a message; its WhatsApp id (wamid)."""
        payload = await self._post(f"{phone_number_id}/messages", body)
        return parse_send_response(payload)

    async def mark_read(self, phone_number_id: str, body: dict[str, Any]) -> None:
        await self._post(f"{phone_number_id}/messages", body)

    async def list_templates(self, waba_id: str) -> list[dict[str, Any]]:
        """Every message template of the WhatsApp Business Account, following pages."""
        items: list[dict[str, Any]] = []
        params: dict[str, str] = {"limit": "100"}
        for _ in range(100):
            try:
                response = await self._http.get(
                    f"{self._base}/{waba_id}/message_templates",
                    params=params,
                    headers=self._headers(),
                )
            except httpx.HTTPError as exc:
                raise GraphRequestFailed(CONNECT_FAILED) from exc
            payload = _json_or_none(response)
            if response.status_code != 200 or not isinstance(payload, dict):
                raise GraphRequestFailed(parse_graph_error(response.status_code, payload))
            data = payload.get("data")
            if isinstance(data, list):
                items.extend(t for t in data if isinstance(t, dict))
            after = (payload.get("paging") or {}).get("cursors", {}).get("after")
            if not after or not (payload.get("paging") or {}).get("next"):
                break
            params = {"limit": "100", "after": str(after)}
        return items


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
