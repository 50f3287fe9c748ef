"""Retention: ``wa-desk hub retention purge`` removes what is older than the configured
period, keeps open conversations and every chain verifiable, and records itself."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from audit_rows import hub_facts, make_chain, store_chain

from wa_desk.cli import main
from wa_desk.core.clock import DAY_MS, now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import heatmap_upkeep, retention
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import audit_log, conversations, messages, promises, stream_log
from wa_desk.hub.settings import SettingsError, resolve_retention_days

DESK = "0190f0e0-aaaa-7000-8000-000000000001/u-ana"
OTHER = "0190f0e0-bbbb-7000-8000-000000000002/u-bruno"
NOW = now_ms()
# With 90 days kept, the first 10 days of the history go (half a day from the cutoff).
OLD = NOW - 100 * DAY_MS + DAY_MS // 2


def _conversation(conn: Conn, wa_id: str, at: int, closed_at: int | None) -> str:
    conversations.upsert_contact(conn, wa_id, "Lucía", at)
    cid = conversations.open_new(conn, wa_id, "100000000000001", "ventas", at, None)
    for i, direction in enumerate(("in", "out", "in")):
        messages.insert(
            conn,
            conversation_id=cid,
            direction=direction,
            type_="text",
            text=f"mensaje {i}",
            status="received" if direction == "in" else "sent",
            timestamp=at + i * 60_000,
            sender=wa_id if direction == "in" else "u-ana",
            payload={},
            now=at + i * 60_000,
            wamid=f"wamid.{cid}.{i}",
        )
    conversations.add_note(conn, cid, "u-ana", "note", "llamar el lunes", at)
    made = promises.NewPromise(
        f"p-{cid}", cid, wa_id, "ventas", "Te llamo", at, "u-ana", "u-ana", None
    )
    promises.add(conn, made, at)
    stream_log.append(conn, StreamEventKind.MESSAGE_CREATED, "ventas", cid, {"i": 1}, at)
    if closed_at is not None:
        conversations.close(conn, cid, "u-ana", "resolved", None, closed_at)
        stream_log.append(
            conn, StreamEventKind.CONVERSATION_UPDATED, "ventas", cid, {"i": 2}, closed_at
        )
    return cid


@pytest.fixture
def seeded(db_url: str) -> Iterator[tuple[Database, dict[str, str]]]:
    db = Database.open(db_url, readers=1)

    def write(conn: Conn) -> dict[str, str]:
        # One event a day for 30 days from OLD: days 0..9 are older than 90 days.
        store_chain(conn, make_chain(DESK, "u-ana", 30, start_ms=OLD, step_ms=DAY_MS), "u-ana")
        store_chain(conn, make_chain(OTHER, "u-bruno", 5, start_ms=NOW - DAY_MS), "u-bruno")
        for i in range(4):
            audit_log.append_hub_fact(conn, "message.received", "hub", None, {"i": i}, OLD + i)
        audit_log.append_hub_fact(conn, "message.received", "hub", None, {"i": 4}, NOW - 5)
        return {
            "closed_long_ago": _conversation(conn, "34600000001", OLD, OLD + DAY_MS),
            "open_long_ago": _conversation(conn, "34600000002", OLD, None),
            "closed_lately": _conversation(conn, "34600000003", OLD, NOW - DAY_MS),
        }

    ids = db.write_sync(write)
    try:
        yield db, ids
    finally:
        db.close()


@pytest.fixture(autouse=True)
def media_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hub's media cache for these tests (never the user's own data directory)."""
    path = tmp_path / "media"
    monkeypatch.setenv("WA_MEDIA_DIR", str(path))
    return path


def _url(db: Database) -> str:
    return db.url.target if db.dialect == "postgresql" else f"sqlite://{db.url.target}"


def _counts(db: Database) -> dict[str, int]:
    def read(c: Conn) -> dict[str, int]:
        return {
            t: int(c.scalar(f"SELECT COUNT(*) FROM {t}"))  # noqa: S608 - fixed table names
            for t in ("audit_events", "conversations", "messages", "conversation_notes")
        }

    return db.read_sync(read)


def test_purge_keeps_chains_verifiable_and_open_conversations_and_is_recorded(
    seeded: tuple[Database, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, ids = seeded
    monkeypatch.setenv("WA_AUDIT_RETENTION_DAYS", "90")
    before = _counts(db)

    assert main(["hub", "retention", "purge", "--dry-run", "--db", _url(db)]) == 0
    dry = capsys.readouterr().out
    assert "would purge 14 audit events of 2 chains, 1 closed conversations with 3 messages" in dry
    assert f"{DESK}: events up to seq 10" in dry and "hub: events up to seq 4" in dry
    assert _counts(db) == before

    assert main(["hub", "retention", "purge", "--db", _url(db)]) == 0
    assert "purged 14 audit events of 2 chains" in capsys.readouterr().out
    after = _counts(db)
    # 14 events gone, one fact recording the purge added.
    assert after == {
        "audit_events": before["audit_events"] - 14 + 1,
        "conversations": 2,
        "messages": 6,
        "conversation_notes": 2,
    }
    remaining = db.read_sync(lambda c: c.all("SELECT id FROM conversations ORDER BY id"))
    assert {r["id"] for r in remaining} == {ids["open_long_ago"], ids["closed_lately"]}
    # A purged conversation's promises go with it; the others' stay.
    kept = db.read_sync(lambda c: c.all("SELECT conversation_id FROM promises"))
    assert {r["conversation_id"] for r in kept} == {ids["open_long_ago"], ids["closed_lately"]}
    # Every stream event older than the cutoff went, an open conversation's too.
    stream = db.read_sync(
        lambda c: c.all("SELECT conversation_id, kind FROM stream_events ORDER BY seq")
    )
    assert [(r["conversation_id"], r["kind"]) for r in stream] == [
        (ids["closed_lately"], StreamEventKind.CONVERSATION_UPDATED.value)
    ]
    heads = {h["device"]: h for h in db.read_sync(audit_log.chain_heads)}
    assert heads[DESK]["base_seq"] == 10 and heads["hub"]["base_seq"] == 4
    assert heads[OTHER]["base_seq"] == 0

    (fact,) = db.read_sync(lambda c: hub_facts(c, "retention.purged"))
    assert fact["actor"] == "hub"
    assert fact["data"]["retention_days"] == 90
    assert fact["data"]["counts"] == {
        "audit_events": 14,
        "chains": 2,
        "conversations": 1,
        "messages": 3,
        "notes": 1,
        "stream_events": 4,
        "heatmap_rows": 0,
        "alerts": 0,
        "media_files": 0,
    }
    assert fact["data"]["chains"] == {DESK: 10, "hub": 4}

    assert main(["hub", "audit", "verify", "--db", _url(db)]) == 0
    assert capsys.readouterr().out.strip().endswith("0 problems")


def test_a_chain_that_does_not_verify_is_kept_whole(
    seeded: tuple[Database, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, _ = seeded
    db.write_sync(
        lambda c: c.execute(
            "UPDATE audit_events SET kind = 'x' WHERE device = ? AND seq = 3", (DESK,)
        )
    )
    monkeypatch.setenv("WA_AUDIT_RETENTION_DAYS", "90")
    assert main(["hub", "retention", "purge", "--db", _url(db)]) == 1
    out = capsys.readouterr().out
    assert f"{DESK}: kept whole" in out and "purged 4 audit events of 1 chains" in out
    assert main(["hub", "audit", "verify", "--db", _url(db)]) == 1
    assert f"device {DESK} seq 3: altered" in capsys.readouterr().out


def test_retention_off_purges_nothing(
    seeded: tuple[Database, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, _ = seeded
    monkeypatch.delenv("WA_AUDIT_RETENTION_DAYS", raising=False)
    before = _counts(db)
    assert main(["hub", "retention", "purge", "--db", _url(db)]) == 0
    assert "retention is off" in capsys.readouterr().out
    assert _counts(db) == before


def test_the_retention_period_is_validated(tmp_path: Path) -> None:
    config = tmp_path / "hub.toml"
    config.write_text("[audit]\nretention_days = 365\n")
    assert resolve_retention_days(config, {}) == 365
    assert resolve_retention_days(config, {"WA_AUDIT_RETENTION_DAYS": "30"}) == 30
    assert resolve_retention_days(config, {"WA_AUDIT_RETENTION_DAYS": "off"}) is None
    assert resolve_retention_days(None, {}) is None
    for bad in ("0", "-3", "1.5", "a year", "99999"):
        with pytest.raises(SettingsError, match="WA_AUDIT_RETENTION_DAYS"):
            resolve_retention_days(None, {"WA_AUDIT_RETENTION_DAYS": bad})
    config.write_text('[audit]\nretention_days = "90"\n')
    with pytest.raises(SettingsError, match=r"\[audit\] retention_days"):
        resolve_retention_days(config, {})


def test_a_bad_retention_period_stops_the_command_with_exit_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WA_AUDIT_RETENTION_DAYS", "forever")
    code = main(["hub", "retention", "purge", "--db", f"sqlite:///{tmp_path}/h.db"])
    assert code == 2
    assert "WA_AUDIT_RETENTION_DAYS" in capsys.readouterr().err


def _media_message(db: Database, conversation_id: str, media_id: str, at: int) -> None:
    db.write_sync(
        lambda c: messages.insert(
            c,
            conversation_id=conversation_id,
            direction="in",
            type_="image",
            text=None,
            status="received",
            timestamp=at,
            sender="34600000001",
            payload={"image": {"id": media_id, "mime_type": "image/jpeg"}},
            now=at,
            media_id=media_id,
        )
    )


def _cache(media_dir: Path, media_id: str, content: bytes, sha: str | None = None) -> Path:
    """``content`` cached for ``media_id`` as the hub's media fetcher keeps it."""
    sha = sha or hashlib.sha256(content).hexdigest()
    index = media_dir / "ids" / (hashlib.sha256(media_id.encode()).hexdigest() + ".json")
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(json.dumps({"sha256": sha, "mime_type": "image/jpeg", "size": 3}))
    blob = media_dir / "blobs" / sha
    blob.parent.mkdir(parents=True, exist_ok=True)
    if not blob.is_symlink() and "/" not in sha:
        blob.write_bytes(content)
    return blob


def test_cached_media_of_purged_messages_go_and_nothing_else(
    seeded: tuple[Database, dict[str, str]],
    media_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, ids = seeded
    old, kept = ids["closed_long_ago"], ids["closed_lately"]
    for media_id in ("m-old", "m-shared-old", "m-evil", "m-link"):
        _media_message(db, old, media_id, OLD)
    _media_message(db, kept, "m-kept", NOW - DAY_MS)
    only_old = _cache(media_dir, "m-old", b"old")
    shared = _cache(media_dir, "m-shared-old", b"shared")
    _cache(media_dir, "m-kept", b"shared")  # the same picture, also in a kept conversation
    kept_blob = _cache(media_dir, "m-kept-2", b"kept")
    outside = tmp_path / "outside.txt"
    outside.write_text("not the cache's")
    # A tampered entry naming a path outside the cache, and a blob that is a link out.
    _cache(media_dir, "m-evil", b"", sha="../../outside.txt")
    link_sha = hashlib.sha256(b"link").hexdigest()
    (media_dir / "blobs" / link_sha).symlink_to(outside)
    _cache(media_dir, "m-link", b"link")
    monkeypatch.setenv("WA_AUDIT_RETENTION_DAYS", "90")

    assert main(["hub", "retention", "purge", "--dry-run", "--db", _url(db)]) == 0
    assert "and 1 cached media files" in capsys.readouterr().out
    assert only_old.exists()

    assert main(["hub", "retention", "purge", "--db", _url(db)]) == 0
    assert "and 1 cached media files" in capsys.readouterr().out
    assert not only_old.exists()
    assert shared.read_bytes() == b"shared" and kept_blob.read_bytes() == b"kept"
    assert outside.read_text() == "not the cache's"
    assert (media_dir / "blobs" / link_sha).is_symlink()
    index = media_dir / "ids" / (hashlib.sha256(b"m-old").hexdigest() + ".json")
    assert not index.exists()
    (fact,) = db.read_sync(lambda c: hub_facts(c, "retention.purged"))
    assert fact["data"]["counts"]["media_files"] == 1


def test_the_abandon_of_a_period_still_unanswered_is_kept(
    seeded: tuple[Database, dict[str, str]],
) -> None:
    """The upkeep reads it at the reply to come: without it, the reply would be judged
    against the target instead of as the abandon it follows."""
    db, ids = seeded
    cid = ids["open_long_ago"]
    db.write_sync(lambda c: heatmap_upkeep.customer_wrote(c, cid, "ventas", OLD, opened=True))
    cutoff = retention.cutoff_for(90, NOW)
    db.write_sync(lambda c: retention.purge(c, cutoff, 90, "test", NOW))
    assert db.read_sync(lambda c: c.scalar("SELECT COUNT(*) FROM heatmap_counts")) == 0
    db.write_sync(lambda c: heatmap_upkeep.person_replied(c, cid, NOW - 5, "u-ana"))
    judged = db.read_sync(
        lambda c: c.scalar("SELECT judged FROM heatmap_clocks WHERE conversation_id = ?", (cid,))
    )
    assert judged == 0
