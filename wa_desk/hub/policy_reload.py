"""The hub takes a new version of its policy file into use without stopping.

``SIGHUP`` (which ``wa-desk hub policy reload`` sends) reads the file again. A file that
cannot be used changes nothing: the hub keeps the version it has and logs where the new
one is wrong (the command says it too, having checked the file first). A version that
differs from the one in use replaces it for every request from then on, is recorded in
the hub's chain as ``policy.applied`` with its hash, and is announced on the stream as
``policy.changed``, so that desktops fetch the policy again.

With several replicas on one PostgreSQL, each replica hears of the others'
``policy.changed`` through the stream it follows, reads its own copy of the file and
compares hashes: the same version is applied and recorded by that replica too; a
different one (its copy of the file is not the one the other replica read) is logged as
an error, and that replica keeps what it has until its file is brought in line and it is
signalled.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import signal

import orjson

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.policy_file import PolicyVersion, read_policy_file
from wa_desk.hub.queries import stream_log
from wa_desk.hub.queries.audit_log import HUB_ACTOR, HUB_CHAINS, append_hub_fact
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.settings_values import SettingsError

log = logging.getLogger(__name__)


class Reason:
    START = "start"
    SIGNAL = "signal"
    REPLICA = "replica"


async def reload_policy(ctx: HubContext, reason: str, expected: str | None = None) -> bool:
    """Read the policy file again and apply it if it changed; whether it was applied.
    ``expected``: the hash another replica applied, which this one's file should have."""
    path = ctx.settings.policy_file
    if path is None:
        log.warning("policy reload asked for, but this hub has no policy file: nothing to do")
        return False
    try:
        version = await asyncio.to_thread(read_policy_file, path)
    except SettingsError as exc:
        log.error("policy file not applied, the hub keeps version %s: %s", _short(ctx), exc)
        return False
    if expected is not None and version.digest != expected:
        log.error(
            "another hub replica applied policy version %s, but %s here is version %s: "
            "this replica keeps version %s until its file is the same and it is signalled",
            expected[:12],
            path,
            version.digest[:12],
            _short(ctx),
        )
        return False
    if version.digest == ctx.settings.policy_hash:
        log.info("policy file %s unchanged (version %s)", path, version.digest[:12])
        return False
    await _apply(ctx, version, reason)
    return True


async def record_in_use(ctx: HubContext) -> None:
    """At start: the version in use is in the chain, unless it is what was recorded last."""
    digest = ctx.settings.policy_hash
    if digest is None or ctx.settings.policy_file is None:
        return
    last = await ctx.db.read(last_applied)
    if last != digest:
        version = PolicyVersion(ctx.settings.guidelines, digest, ctx.settings.policy_file)
        await _apply(ctx, version, Reason.START, previous=last)


def last_applied(conn: Conn) -> str | None:
    """The hash of the policy version recorded last in the hub's chains (by any replica)."""
    row = conn.one(
        f"SELECT data FROM audit_events WHERE kind = ? AND {HUB_CHAINS} "  # noqa: S608 - constants
        "ORDER BY at_ms DESC, seq DESC LIMIT 1",
        (AuditKind.POLICY_APPLIED.value,),
    )
    if row is None:
        return None
    found = orjson.loads(row["data"]).get("hash")
    return str(found) if found else None


async def _apply(
    ctx: HubContext, version: PolicyVersion, reason: str, previous: str | None = None
) -> None:
    before = ctx.settings.policy_hash if previous is None else previous
    ctx.settings = dataclasses.replace(
        ctx.settings, guidelines=version.guidelines, policy_hash=version.digest
    )
    now = now_ms()
    data = {
        "hash": version.digest,
        "previous": before,
        "file": str(version.path),
        "replica": ctx.replica,
        "reason": reason,
    }
    await ctx.write(lambda c: _record(c, data, now))
    log.info("policy version %s applied (%s) from %s", version.digest[:12], reason, version.path)


def _record(conn: Conn, data: dict[str, str | None], now: Millis) -> Outcome[None]:
    append_hub_fact(conn, AuditKind.POLICY_APPLIED.value, HUB_ACTOR, None, dict(data), now)
    event = stream_log.append(
        conn,
        StreamEventKind.POLICY_CHANGED,
        None,
        None,
        {"hash": data["hash"], "replica": data["replica"]},
        now,
        audience_members=True,
    )
    return Outcome(None, [event])


def _short(ctx: HubContext) -> str:
    return (ctx.settings.policy_hash or "of the configuration")[:12]


def reload_on_sighup(ctx: HubContext) -> bool:
    """``SIGHUP`` reloads the policy file (POSIX, main thread only); whether it will."""
    sighup = getattr(signal, "SIGHUP", None)
    if sighup is None or ctx.settings.policy_file is None:
        return False
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(
            sighup, lambda: ctx.spawn(reload_policy(ctx, Reason.SIGNAL), "policy-reload")
        )
    except (RuntimeError, ValueError):
        return False  # not the main thread (a hub inside another program)
    return True


def follow_other_replicas(ctx: HubContext, events: list[StreamEvent]) -> None:
    """Another replica's ``policy.changed``, followed from the store: this one reloads its
    own file, expecting that version."""
    for event in events:
        if event.kind != StreamEventKind.POLICY_CHANGED:
            continue
        data = orjson.loads(event.data)
        expected = data.get("hash")
        if data.get("replica") == ctx.replica or not isinstance(expected, str):
            continue
        if expected != ctx.settings.policy_hash:
            ctx.spawn(reload_policy(ctx, Reason.REPLICA, expected), "policy-reload")
