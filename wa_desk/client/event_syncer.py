"""Carries the install's action log to the hub, chain by chain, in order, each event once.

- Only the signed-in user's chains are sent (the hub refuses events written in another
  user's name); other users' chains wait for their owner's next sign-in here.
- Where to resume comes from the store (the hub's last answer, remembered); a chain
  never acknowledged is asked for once (``GET /api/v1/events/acked``).
- Batches hold up to ``batch`` events, or what accumulated in ``linger`` seconds after
  the first unsent one, whichever comes first; a backlog goes out in full batches.
- Unreachable hub or 5xx: exponential backoff with full jitter, then resume where the
  hub stands. A new action cuts that wait short, to a jittered floor (``wake_floor``)
  counted from the failure, so the agent's backlog drains soon after the hub is back
  while a busy agent cannot make a dead hub see more than one try per floor; an explicit
  "sync now" (``sync_now``) tries at once. A gap or fork (409): ask the hub where it
  stands and resend from there; a fork that comes back means the two copies disagree:
  that chain stops and is reported. Any other refusal (an event the hub judges invalid,
  400, or about a conversation it will not take, 404) stops that chain too, with the
  hub's reason as the problem: a sealed event cannot be changed, so sending it again
  would only be refused again (it is tried once more at the next start). An expired
  session stops the syncer until the next sign-in.
- ``flush`` gives the signed-in user's backlog a bounded chance to go out now (sign-out).
- Every read of the store runs in a worker thread, so the UI's loop never waits on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from wa_desk.client.backoff import Backoff
from wa_desk.client.errors import (
    CertificateError,
    HubUnreachable,
    Refused,
    ServerError,
    SessionExpired,
)
from wa_desk.client.hub_api import HubApi
from wa_desk.client.waits import wait_event

log = logging.getLogger(__name__)

_CHAIN_ERRORS = frozenset({"audit_gap", "audit_fork"})


class ChainInfo(Protocol):
    @property
    def device(self) -> str: ...
    @property
    def user_id(self) -> str: ...
    @property
    def last_seq(self) -> int: ...
    @property
    def acked_seq(self) -> int | None: ...


class ActionLogPort(Protocol):
    """What the syncer needs of the local store (``store.LocalStore`` has it)."""

    def action_chains(self) -> list[Any]: ...
    def chain_events(self, device: str, after: int, limit: int) -> list[dict[str, Any]]: ...
    def set_chain_acked(self, device: str, acked_seq: int) -> None: ...
    def forget_chain_acked(self, device: str) -> None: ...


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows."""

    pending: int  # the signed-in user's events the hub does not hold yet
    others_pending: int  # other users' events: they go at their owner's next sign-in
    catch_up_done: int = 0  # during a long catch-up: sent so far of catch_up_total
    catch_up_total: int = 0
    waiting_for_hub: bool = False
    problem: str | None = None  # a chain stopped: what went wrong
    session_expired: bool = False  # stopped until the user signs in again
    refused: bool = False  # the hub refused events for what they say, not the chain's link


OnStatus = Callable[[SyncStatus], None]


class EventSyncer:
    def __init__(
        self,
        store: ActionLogPort,
        api: HubApi,
        user_id: str,
        on_status: OnStatus | None = None,
        *,
        batch: int = 500,
        linger: float = 1.0,
        idle_poll: float = 5.0,
        catch_up_from: int = 2000,
        backoff: Backoff | None = None,
        wake_floor: tuple[float, float] = (1.0, 2.0),
        rng: random.Random | None = None,
        device_name: str | None = None,  # this computer's, sent with every batch
    ) -> None:
        self._store = store
        self._device_name = device_name
        self._api = api
        self._user_id = user_id
        self._on_status = on_status
        self._batch = batch
        self._linger = linger
        self._idle_poll = idle_poll
        self._catch_up_from = catch_up_from
        # Full jitter: desktops that lost the hub together do not come back together.
        self._backoff = backoff or Backoff(0.5, 60.0, jitter=1.0)
        self._wake_floor = wake_floor
        self._rng = rng or random.Random()
        self._wake = asyncio.Event()  # something to send, or a request to look now
        self._now = asyncio.Event()  # an explicit request: no waiting at all
        self._progress = asyncio.Event()  # set on every report, acknowledgement or failure
        self._flushing = False
        self.hub_failures = 0  # tries that found the hub unreachable, in this run
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped: dict[str, str] = {}  # device -> why it stopped
        self._refused: set[str] = set()  # of those, the chains refused for their content
        self._acked: dict[str, int] = {}  # device -> the hub's latest answer in this run
        self._pending_since: dict[str, float] = {}
        self._catch_up: tuple[int, int] = (0, 0)
        self._waiting_for_hub = False
        self.session_expired = False  # stopped until a new sign-in
        self.status = SyncStatus(0, 0)

    def wake(self) -> None:
        """An action was appended (from any thread): look now, not at the next poll; while
        waiting for the hub, try again after the wake floor instead of the full backoff."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    def sync_now(self) -> None:
        """The agent asked (from any thread): try the hub at once, backoff or not."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._request_now)

    def _request_now(self) -> None:
        self._now.set()
        self._wake.set()

    async def flush(self, within: float) -> bool:
        """Send the signed-in user's backlog now and wait at most ``within`` seconds for
        the hub to hold it; False when it does not: out of time, the hub unreachable, the
        session expired or a chain stopped (what is left goes out later, as usual)."""
        chains = await asyncio.to_thread(self._store.action_chains)
        mine = [c for c in chains if c.user_id == self._user_id]
        targets = {c.device: c.last_seq for c in mine}
        held = {c.device: c.acked_seq or 0 for c in mine}
        failures = self.hub_failures
        self._flushing = True
        self._request_now()
        try:
            async with asyncio.timeout(within):
                while True:
                    self._progress.clear()
                    if all(self._acked.get(d, held[d]) >= last for d, last in targets.items()):
                        return True
                    if (
                        self.hub_failures > failures
                        or self.session_expired
                        or any(d in self._stopped for d in targets)
                    ):
                        return False
                    await self._progress.wait()
        except TimeoutError:
            return False
        finally:
            self._flushing = False

    async def run(self) -> None:
        """Sync until cancelled or the session expires."""
        self._loop = asyncio.get_running_loop()
        while True:
            self._wake.clear()  # before the read: an append after it wakes the next wait
            self._now.clear()
            chains = await asyncio.to_thread(self._store.action_chains)
            mine = [c for c in chains if c.user_id == self._user_id]
            todo = [c for c in mine if c.device not in self._stopped and _needs_sync(c)]
            if not todo:
                self._catch_up = (0, 0)
            self._report(chains)
            if not todo:
                await self._sleep_until_woken(self._idle_poll)
                continue
            try:
                for chain in todo:
                    try:
                        await self._sync_chain(chain, chains)
                    except Refused as exc:  # not a chain error: the hub will not take it
                        self._stop(chain.device, refusal_text(exc), refused=True)
                        self._report(chains)
            except SessionExpired:
                self.session_expired = True
                self._report(chains)
                self._progress.set()
                return
            except (HubUnreachable, CertificateError, ServerError) as exc:
                self._waiting_for_hub = True
                self.hub_failures += 1
                self._report(chains)
                self._progress.set()
                delay = self._backoff.next_delay()
                log.info("action log: hub not available (%s), next try in %.1f s", exc, delay)
                await self._wait_out(delay)

    async def _wait_out(self, delay: float) -> None:
        """The backoff's wait: ``delay``, or only the wake floor (from now) once an action
        is appended, or nothing once the agent asks to sync now."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        deadline = start + delay
        floor = start + self._rng.uniform(*self._wake_floor)
        while not self._now.is_set():
            if self._wake.is_set():
                deadline = min(deadline, floor)
                awaited = self._now  # further appends change nothing
            else:
                awaited = self._wake
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            with contextlib.suppress(TimeoutError):
                await wait_event(awaited, remaining)

    async def _sleep_until_woken(self, seconds: float) -> None:
        """Sleep, or less if woken since the loop last read the chains."""
        with contextlib.suppress(TimeoutError):
            await wait_event(self._wake, seconds)

    async def _sync_chain(self, chain: ChainInfo, chains: list[Any]) -> None:
        device = chain.device
        acked = chain.acked_seq
        if acked is None:
            acked = await self._ask(device)
        last = chain.last_seq
        if last <= acked:
            if last < acked:
                self._stop(device, f"the hub holds {acked} events of {device}, this copy {last}")
            return
        if last - acked < self._batch and not await self._lingered(device, last - acked):
            return
        self._pending_since.pop(device, None)
        backlog = sum(self._unsynced(c) for c in chains if c.user_id == self._user_id)
        if backlog >= self._catch_up_from and self._catch_up == (0, 0):
            self._catch_up = (0, backlog)
            self._report(chains)
        forks = 0
        while acked < last:
            events = await asyncio.to_thread(self._store.chain_events, device, acked, self._batch)
            if not events:
                return
            try:
                new_acked = await self._api.post_events(events, self._device_name)
            except Refused as exc:
                if exc.code not in _CHAIN_ERRORS:
                    self._stop(device, refusal_text(exc), refused=True)
                    return
                forks = forks + 1 if exc.code == "audit_fork" else forks
                if forks >= 2:
                    self._stop(device, f"{exc.code}: {exc.message}")
                    return
                log.warning("action log %s: %s, resuming where the hub stands", device, exc)
                await asyncio.to_thread(self._store.forget_chain_acked, device)
                acked = await self._ask(device)
                continue
            sent = max(0, new_acked - acked)
            acked = new_acked
            await asyncio.to_thread(self._store.set_chain_acked, device, acked)
            self._acked[device] = acked
            self._progress.set()
            self._backoff.reset()
            self._waiting_for_hub = False
            done, total = self._catch_up
            if total:
                self._catch_up = (min(total, done + sent), total)
            self._report(chains)

    async def _ask(self, device: str) -> int:
        acked = await self._api.acked_seq(device)
        await asyncio.to_thread(self._store.set_chain_acked, device, acked)
        self._acked[device] = acked
        return acked

    def _unsynced(self, chain: ChainInfo) -> int:
        """What the hub does not hold yet, as far as this run knows."""
        acked = self._acked.get(chain.device, chain.acked_seq or 0)
        return max(0, chain.last_seq - acked)

    async def _lingered(self, device: str, pending: int) -> bool:
        """Whether a short batch has waited long enough (``linger`` since first seen)."""
        if self._flushing or self._now.is_set():
            return True
        now = time.monotonic()
        since = self._pending_since.setdefault(device, now)
        remaining = self._linger - (now - since)
        if remaining <= 0:
            return True
        await self._sleep_until_woken(remaining)
        return self._flushing or self._now.is_set() or time.monotonic() - since >= self._linger

    def _stop(self, device: str, why: str, *, refused: bool = False) -> None:
        log.error("action log %s stopped syncing: %s", device, why)
        self._stopped[device] = why
        if refused:
            self._refused.add(device)
        self._progress.set()

    def _report(self, chains: list[Any]) -> None:
        pending = sum(self._unsynced(c) for c in chains if c.user_id == self._user_id)
        others = sum(self._unsynced(c) for c in chains if c.user_id != self._user_id)
        done, total = self._catch_up
        problem = "; ".join(self._stopped.values()) or None
        refused = bool(self._refused & set(self._stopped))
        status = SyncStatus(
            pending,
            others,
            done,
            total,
            self._waiting_for_hub,
            problem,
            self.session_expired,
            refused,
        )
        if status == self.status:
            return
        self.status = status
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:
                log.exception("action-log status handler failed")


def refusal_text(exc: Refused) -> str:
    """The problem shown for a chain the hub will not take: its reason, and that nothing
    is lost."""
    return (
        f"the hub refused these actions ({exc.code}, HTTP {exc.status}): {exc.message} "
        "They are kept on this computer and sent again at the next start."
    )


def _needs_sync(chain: ChainInfo) -> bool:
    return chain.acked_seq is None or chain.last_seq > chain.acked_seq
