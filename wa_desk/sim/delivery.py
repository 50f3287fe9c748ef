"""Delivers signed webhooks to the hub and keeps retrying until it answers 200.

Meta retries an unacknowledged webhook with decreasing frequency for up to seven days;
this does the same with exponential backoff and jitter, so a hub that is killed and
restarted receives everything it missed.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import asdict, dataclass
from typing import Any

import httpx

from wa_desk.sim.webhooks import signed

log = logging.getLogger(__name__)

JsonObject = dict[str, Any]


@dataclass(slots=True)
class DeliveryStats:
    submitted: int = 0
    delivered: int = 0
    attempts: int = 0
    retried: int = 0  # attempts that were not the first for their webhook
    failed_attempts: int = 0
    given_up: int = 0
    pending: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)


class Delivery:
    """One webhook on its way; ``first_attempt`` and ``done`` resolve to success flags."""

    def __init__(self, body: JsonObject, loop: asyncio.AbstractEventLoop) -> None:
        self.body = body
        self.first_attempt: asyncio.Future[bool] = loop.create_future()
        self.done: asyncio.Future[bool] = loop.create_future()
        self.attempts = 0


class WebhookDeliverer:
    def __init__(
        self,
        url: str,
        app_secret: str,
        *,
        base_delay_s: float = 1.0,
        max_delay_s: float = 300.0,
        give_up_after_s: float = 7 * 24 * 3600.0,
        concurrency: int = 16,
        timeout_s: float = 10.0,
        seed: int | None = None,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.url = url
        self._secret = app_secret
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.give_up_after_s = give_up_after_s
        self._slots = asyncio.Semaphore(concurrency)
        self._rng = random.Random(seed)
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(
            timeout=timeout_s, limits=httpx.Limits(max_connections=concurrency)
        )
        self._tasks: set[asyncio.Task[None]] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._closing = False
        self.stats = DeliveryStats()

    def backoff_s(self, attempt: int) -> float:
        """Delay before attempt ``attempt + 1``: exponential, capped, half of it jittered."""
        ceiling = min(self.max_delay_s, self.base_delay_s * 2.0 ** min(attempt - 1, 30))
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    def submit(self, body: JsonObject) -> Delivery:
        """Queue ``body``; returns at once. Must be called from the deliverer's loop.
        Once closing, nothing more goes out: the delivery resolves to False at once."""
        delivery = Delivery(body, asyncio.get_running_loop())
        self.stats.submitted += 1
        if self._closing:
            delivery.first_attempt.set_result(False)
            delivery.done.set_result(False)
            return delivery
        self.stats.pending += 1
        self._idle.clear()
        task = asyncio.create_task(self._run(delivery))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return delivery

    async def deliver(self, body: JsonObject) -> bool:
        """Deliver and wait until the hub acknowledged it (or the horizon passed)."""
        return await self.submit(body).done

    async def drain(self, timeout_s: float | None = None) -> bool:
        """Wait until nothing is pending; False when ``timeout_s`` passed first."""
        try:
            async with asyncio.timeout(timeout_s):  # wait_for may swallow a cancel on 3.11
                await self._idle.wait()
        except TimeoutError:
            return False
        return True

    async def aclose(self) -> None:
        """Stop retrying (pending webhooks are dropped) and close the HTTP client."""
        self._closing = True  # customers still writing during shutdown send nothing more
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._owns_client:
            await self._client.aclose()

    async def _attempt(self, raw: bytes, headers: dict[str, str]) -> bool:
        async with self._slots:
            self.stats.attempts += 1
            try:
                response = await self._client.post(self.url, content=raw, headers=headers)
            except httpx.HTTPError as exc:
                log.debug("webhook delivery to %s failed: %r", self.url, exc)
                return False
            if response.status_code != 200:
                log.debug("webhook delivery to %s answered %d", self.url, response.status_code)
            return response.status_code == 200

    async def _run(self, delivery: Delivery) -> None:
        raw, headers = signed(delivery.body, self._secret)
        started = time.monotonic()
        ok = False
        try:
            while True:
                delivery.attempts += 1
                if delivery.attempts > 1:
                    self.stats.retried += 1
                ok = await self._attempt(raw, headers)
                if not delivery.first_attempt.done():
                    delivery.first_attempt.set_result(ok)
                if ok:
                    self.stats.delivered += 1
                    break
                self.stats.failed_attempts += 1
                delay = self.backoff_s(delivery.attempts)
                if time.monotonic() + delay - started > self.give_up_after_s:
                    self.stats.given_up += 1
                    log.warning(
                        "gave up delivering a webhook to %s after %d attempts",
                        self.url,
                        delivery.attempts,
                    )
                    break
                await asyncio.sleep(delay)
        finally:
            for future in (delivery.first_attempt, delivery.done):
                if not future.done():
                    future.set_result(ok)
            self.stats.pending -= 1
            if self.stats.pending == 0:
                self._idle.set()
