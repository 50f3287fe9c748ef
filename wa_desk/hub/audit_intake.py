"""Devices' action-log batches into the central audit log.

Checking a batch on its own (shape, types, hashes, how deep and large each event's data
is, one device, consecutive, whose it is) is pure and runs before the store is touched.
Linking it to what the hub already holds of that device runs inside the write
transaction, with the device's row locked: events the hub holds with the same hash are
acknowledged again, new ones are stored once, and a batch that does not link (a gap, a
fork) is refused whole. Only new events are then judged against the hub's clock (an
``at`` too far ahead, too old, or earlier than the event before it in the chain) and
for the conversations they name (:mod:`wa_desk.hub.audit_scope`): an event already held
was judged when it arrived, and resending it must stay possible.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wa_desk.core.alert_kinds import is_device_name
from wa_desk.core.audit_chain import event_hash
from wa_desk.core.canonical_json import canonical_json
from wa_desk.core.clock import DAY_MS, Millis, from_rfc3339
from wa_desk.hub.alerts import AUDIT_FORK, AUDIT_GAP, resolve_chain_alerts
from wa_desk.hub.audit_scope import check_may_write_about
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.event_data import depth
from wa_desk.hub.intake_limits import IntakeLimits
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import audit_log
from wa_desk.hub.queries.users import User

EVENT_KEYS = frozenset(
    ("id", "device", "seq", "at", "actor", "kind", "conversation", "data", "prev", "hash")
)
_BODY_KEYS = frozenset(("events", "device_name"))
MAX_EVENTS = 1000
MAX_SEQ = 2**62  # fits both stores' BIGINT with room to spare
_HASH = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_LIMITS = {"id": 100, "device": 200, "actor": 100, "kind": 100, "at": 64}
DEFAULT_LIMITS = IntakeLimits()


class InvalidEvent(ValueError):
    """The batch is malformed (400 ``invalid_event``)."""


class NotYourChain(Exception):
    """An event names another user as its actor, or a device that is not theirs (403)."""


class ChainRefused(Exception):
    """The batch does not link to what the hub holds of the device (409): nothing stored."""

    def __init__(self, code: str, device: str, seq: int, acked_seq: int, message: str) -> None:
        super().__init__(message)
        self.code = code  # AUDIT_GAP or AUDIT_FORK
        self.device = device
        self.seq = seq
        self.acked_seq = acked_seq
        self.message = message


@dataclass(frozen=True, slots=True)
class Batch:
    device: str
    events: list[dict[str, Any]]
    at_ms: list[Millis]
    # The device's host name, for the alerts about its chain; None when it sent none or
    # one that is not a host name (dropped: a label never refuses the audit trail).
    device_name: str | None = None

    @property
    def first_seq(self) -> int:
        return int(self.events[0]["seq"])

    @property
    def last_seq(self) -> int:
        return int(self.events[-1]["seq"])


# -- checks on the batch alone (pure) -------------------------------------------------


def parse_batch(body: Any, limits: IntakeLimits = DEFAULT_LIMITS) -> Batch:
    """A request body ``{"events": [...], "device_name": "<host name>"}`` (the name
    optional) checked as a batch; raises InvalidEvent."""
    if not isinstance(body, dict) or "events" not in body or set(body) - _BODY_KEYS:
        raise InvalidEvent('The body must be {"events": [...]} (and "device_name").')
    events = body["events"]
    if not isinstance(events, list) or not events:
        raise InvalidEvent('"events" must be a list of at least one event.')
    if len(events) > MAX_EVENTS:
        raise InvalidEvent(f"At most {MAX_EVENTS} events per batch, not {len(events)}.")
    at_ms = [check_event(event, i, limits) for i, event in enumerate(events)]
    device = events[0]["device"]
    for i, event in enumerate(events[1:], start=1):
        if event["device"] != device:
            raise InvalidEvent(f"events[{i}]: a batch holds one device's events only.")
        if event["seq"] != events[i - 1]["seq"] + 1:
            raise InvalidEvent(
                f"events[{i}]: seq {event['seq']} does not follow {events[i - 1]['seq']}; "
                "a batch is consecutive events in seq order."
            )
    name = body.get("device_name")
    return Batch(device, events, at_ms, name if is_device_name(name) else None)


def check_event(event: Any, index: int, limits: IntakeLimits = DEFAULT_LIMITS) -> Millis:
    """Raises InvalidEvent unless ``event`` is a well-formed, correctly hashed event
    whose data is within ``limits``; returns its ``at`` in epoch milliseconds."""
    where = f"events[{index}]"
    if not isinstance(event, dict):
        raise InvalidEvent(f"{where}: an event is a JSON object.")
    keys = set(event)
    if keys != EVENT_KEYS:
        missing, extra = sorted(EVENT_KEYS - keys), sorted(keys - EVENT_KEYS)
        raise InvalidEvent(f"{where}: missing keys {missing}, unexpected keys {extra}.")
    for key, limit in _TEXT_LIMITS.items():
        _check_text(event[key], f"{where}.{key}", limit)
    if event["conversation"] is not None:
        _check_text(event["conversation"], f"{where}.conversation", 100)
    seq = event["seq"]
    if type(seq) is not int or not 1 <= seq <= MAX_SEQ:
        raise InvalidEvent(f"{where}.seq: a whole number from 1.")
    if not isinstance(event["data"], dict):
        raise InvalidEvent(f"{where}.data: a JSON object.")
    _check_data(event["data"], f"{where} (seq {seq}).data", limits)
    for key in ("prev", "hash"):
        if not isinstance(event[key], str) or not _HASH.fullmatch(event[key]):
            raise InvalidEvent(f"{where}.{key}: 64 lowercase hexadecimal digits.")
    try:
        at_ms = from_rfc3339(event["at"])
    except (ValueError, OverflowError):
        raise InvalidEvent(f"{where}.at: not an RFC 3339 time: {event['at']!r}.") from None
    if event_hash(event) != event["hash"]:
        raise InvalidEvent(
            f"{where} (seq {seq}): the hash does not match the event's content "
            "(altered after it was sealed?)."
        )
    return at_ms


def _check_data(data: dict[str, Any], where: str, limits: IntakeLimits) -> None:
    """Whatever a device puts in ``data`` must stay readable for as long as the chain is
    kept (it can never be edited): not too deep, not too large."""
    most = limits.max_event_data_depth
    if depth(data, most) > most:
        raise InvalidEvent(f"{where}: nested more than {most} levels deep; at most {most}.")
    size = len(canonical_json(data).encode("utf-8"))
    if size > limits.max_event_data_bytes:
        raise InvalidEvent(
            f"{where}: {size} bytes as canonical JSON; at most {limits.max_event_data_bytes} bytes."
        )


def _check_text(value: Any, where: str, limit: int) -> None:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise InvalidEvent(f"{where}: text of 1 to {limit} characters.")
    if _CONTROL.search(value):
        raise InvalidEvent(f"{where}: control characters are not allowed.")


def is_users_device(device: str, user_id: str) -> bool:
    """A desktop's chain is ``"<install id>/<user id>"``: one chain per install and user;
    never one of the hub's own (``hub/...``), whose facts are the hub's word."""
    install, slash, owner = device.rpartition("/")
    return bool(slash) and bool(install) and owner == user_id and not audit_log.is_hub_chain(device)


def check_owner(batch: Batch, user_id: str) -> None:
    """Nobody writes events in another's name, into another user's chain, nor into the
    hub's."""
    if audit_log.is_hub_chain(batch.device):
        raise NotYourChain(
            f"Device {batch.device!r} is not one of yours: 'hub/...' names the hub's own chains."
        )
    if not is_users_device(batch.device, user_id):
        raise NotYourChain(
            f"Device {batch.device!r} is not one of yours: a device id ends with '/{user_id}'."
        )
    for event in batch.events:
        if event["actor"] != user_id:
            raise NotYourChain(
                f"Event seq {event['seq']} names actor {event['actor']!r}; "
                "you can only send events you did yourself."
            )


def first_broken_link(batch: Batch) -> int | None:
    """The seq of the first event whose ``prev`` is not the hash of the event before it."""
    events = batch.events
    for before, event in itertools.pairwise(events):
        if event["prev"] != before["hash"]:
            return int(event["seq"])
    return None


# -- linking to what the hub holds (in the write transaction) ---------------------------


def store_batch(
    conn: Conn,
    batch: Batch,
    user: User,
    now: Millis,
    limits: IntakeLimits = DEFAULT_LIMITS,
) -> Outcome[int]:
    """Store the batch's new events; the device's acked seq. Raises ChainRefused,
    InvalidEvent (a new event's time) or NotVisible (a conversation it names)."""
    device = batch.device
    head = audit_log.ensure_head(conn, device, user.id, now)
    acked, last_hash = int(head["acked_seq"]), str(head["last_hash"])

    def refuse(code: str, seq: int, why: str) -> ChainRefused:
        return ChainRefused(code, device, seq, acked, f"Device {device!r}, seq {seq}: {why}")

    broken = first_broken_link(batch)
    if broken is not None:
        raise refuse(AUDIT_FORK, broken, "prev is not the hash of the event before it.")
    if batch.first_seq > acked + 1:
        raise refuse(
            AUDIT_GAP,
            batch.first_seq,
            f"the hub holds this device up to seq {acked}; "
            f"events {acked + 1} to {batch.first_seq - 1} are missing.",
        )
    if batch.first_seq == acked + 1:
        if batch.events[0]["prev"] != last_hash:
            raise refuse(
                AUDIT_FORK, batch.first_seq, f"prev does not link to the hub's seq {acked}."
            )
    else:
        _check_held(conn, batch, head, refuse)
    new = [i for i, e in enumerate(batch.events) if e["seq"] > acked]
    if not new:
        return Outcome(acked)
    before = audit_log.event_at_ms(conn, device, acked) if new[0] == 0 and acked else None
    check_times(batch, new[0], before, now, limits)
    named = (batch.events[i]["conversation"] for i in new)
    check_may_write_about(conn, user, (c for c in named if c is not None))
    audit_log.store_events(conn, [batch.events[i] for i in new], [batch.at_ms[i] for i in new], now)
    audit_log.advance_head(conn, device, batch.last_seq, batch.events[-1]["hash"], now)
    return Outcome(batch.last_seq, resolve_chain_alerts(conn, device, now))


def check_times(
    batch: Batch, first_new: int, before_ms: Millis | None, now: Millis, limits: IntakeLimits
) -> None:
    """Raises InvalidEvent for the first new event (from index ``first_new``) whose ``at``
    is too far ahead of the hub's clock, too old, or earlier than the event before it in
    the chain (``before_ms``: the hub's last held event, when the batch starts after it)."""
    ahead_ms = round(limits.max_clock_ahead_seconds * 1000)
    oldest = now - round(limits.max_event_age_days * DAY_MS)
    for i in range(first_new, len(batch.events)):
        event, at = batch.events[i], batch.at_ms[i]
        where = f"events[{i}] (seq {event['seq']}).at {event['at']!r}"
        if at > now + ahead_ms:
            raise InvalidEvent(
                f"{where}: ahead of the hub's clock by more than "
                f"{limits.max_clock_ahead_seconds:g} seconds; check this computer's clock."
            )
        if at < oldest:
            raise InvalidEvent(
                f"{where}: older than {limits.max_event_age_days:g} days; the hub takes "
                "events up to that old."
            )
        previous = batch.at_ms[i - 1] if i > 0 else before_ms
        if previous is not None and at < previous:
            raise InvalidEvent(
                f"{where}: earlier than seq {event['seq'] - 1}'s; times in a chain never go back."
            )


Refuse = Callable[[str, int, str], ChainRefused]


def _check_held(conn: Conn, batch: Batch, head: dict[str, Any], refuse: Refuse) -> None:
    """Events the hub already holds must be the very same (same hash)."""
    acked, base_seq = int(head["acked_seq"]), int(head["base_seq"])
    held_last = min(batch.last_seq, acked)
    by_seq = {int(e["seq"]): e for e in batch.events}
    # Retention purged up to base_seq; its hash is still known.
    purged_anchor = batch.first_seq <= base_seq <= held_last and base_seq > 0
    if purged_anchor and by_seq[base_seq]["hash"] != head["base_hash"]:
        raise refuse(AUDIT_FORK, base_seq, "differs from the event the hub held.")
    low = max(batch.first_seq, base_seq + 1)
    if low > held_last:
        return
    held = audit_log.held_hashes(conn, batch.device, low, held_last)
    for seq in range(low, held_last + 1):
        if held.get(seq) != by_seq[seq]["hash"]:
            raise refuse(AUDIT_FORK, seq, "differs from the event the hub already holds.")
