"""A damaged, full or lost store never looks like a healthy hub, and never like a bug.

- At start (``wa-desk hub serve`` and every other hub command, run as the admin runs
  them): a damaged header or damaged pages are one line naming the problem and what to
  do, exit status 2, no traceback.
- At run time: webhooks and API requests are answered 503 (``store_unavailable`` or
  ``store_full``, with ``Retry-After``: Meta retries, nothing is lost) instead of 500,
  and ``/healthz`` answers 503 ``degraded`` until the store works again.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
from hub_harness import (
    RunningHub,
    free_port,
    make_hub_settings,
    running_hub,
    text_webhook,
    wait_for,
)

from wa_desk.core.clock import now_ms
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.ingest import ingest
from wa_desk.whatsapp.webhook_parser import parse_webhook

WA_DESK = [sys.executable, "-m", "wa_desk.cli"]
SECRETS = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
PAGE = 4096
TEXT = "Hola, necesito ayuda con mi pedido, llegó roto y quiero cambiarlo. " * 8


def _hub_command(args: list[str], db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}
    return subprocess.run(
        [*WA_DESK, "hub", *args, "--db", f"sqlite:///{db}"],
        env={**env, **SECRETS},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _store_with_messages(path: Path, count: int = 150) -> None:
    """A store with customers' conversations in it, stored as webhooks are, and
    checkpointed as a hub leaves it when it stops."""
    settings = make_hub_settings(f"sqlite:///{path}", "http://127.0.0.1:9")
    db = Database.open(settings.db, readers=1)
    now = now_ms()

    def fill(conn: Conn) -> None:
        for i in range(count):
            body = text_webhook(f"wamid.s{i}", f"3461{i:07d}", f"{TEXT} {i}")
            ingest(
                conn,
                parse_webhook(body),
                settings.queue_for,
                now,
                settings.guidelines.alerts,
                settings.guidelines.opt_out,
            )

    try:
        db.write_sync(fill)
    finally:
        db.close()


def _damage(path: Path, pages: Iterable[int]) -> None:
    """Overwrite whole pages of the file with bytes no b-tree page has."""
    with path.open("r+b") as f:
        for page in pages:
            f.seek(page * PAGE)
            f.write(bytes([0xA5]) * PAGE)


def _pages(path: Path) -> int:
    return path.stat().st_size // PAGE


def _middle_of_messages(path: Path, count: int = 3) -> list[int]:
    """Pages holding customers' messages, away from the table's first and last rows
    (which the fast check at start reads): only a whole check finds them."""
    conn = sqlite3.connect(path)
    try:
        leaves = [
            int(row[0]) - 1  # dbstat counts pages from 1
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' "
                "ORDER BY path"
            )
        ]
    finally:
        conn.close()
    assert len(leaves) > count + 4, leaves
    return leaves[len(leaves) // 2 : len(leaves) // 2 + count]


def _one_line_exit_2(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "hub.sqlite3"
    _store_with_messages(path)
    assert _pages(path) > 40
    return path


def _copy(store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "hub.sqlite3"
    target.write_bytes(store.read_bytes())
    return target


# -- at start ----------------------------------------------------------------------------


def test_a_damaged_header_is_one_line_and_exit_2_for_every_command(
    filled_store: Path, tmp_path: Path
) -> None:
    db = _copy(filled_store, tmp_path)
    with db.open("r+b") as f:
        f.write(os.urandom(100))
    serve = _hub_command(["serve", "--port", str(free_port())], db)
    _one_line_exit_2(serve, "damaged", "restore", "backup", "audit verify")
    export = ["audit", "export", "--from", "2026-01-01", "--to", "2026-01-02"]
    for command in (["audit", "verify"], ["user", "list"], ["user", "disable", "ana"], export):
        _one_line_exit_2(_hub_command(command, db), "damaged", str(db))


def test_damaged_pages_stop_the_hub_before_it_serves(filled_store: Path, tmp_path: Path) -> None:
    db = _copy(filled_store, tmp_path)
    _damage(db, _middle_of_messages(db))
    try:
        serve = _hub_command(["serve", "--port", str(free_port())], db)
    except subprocess.TimeoutExpired:
        pytest.fail("the hub started serving on a damaged store")
    _one_line_exit_2(serve, "damaged", "quick_check", "restore")
    _one_line_exit_2(_hub_command(["audit", "verify"], db), "damaged")
    _one_line_exit_2(_hub_command(["user", "list"], db), "damaged")


def test_a_large_store_is_checked_in_the_background(
    filled_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the size checked before starting, the hub starts, and the whole check that
    follows marks it degraded when it finds damage."""
    from wa_desk.hub.db import integrity

    monkeypatch.setattr(integrity, "CHECK_AT_START_BYTES", 0)
    db = _copy(filled_store, tmp_path)
    _damage(db, _middle_of_messages(db))
    with running_hub(f"sqlite:///{db}") as hub:
        health = wait_for(lambda: _degraded(hub), timeout=20)
        assert health["store"] == "damaged"


# -- at run time -------------------------------------------------------------------------


def _degraded(hub: RunningHub) -> dict[str, object] | None:
    r = httpx.get(f"{hub.url}/healthz", timeout=10)
    if r.status_code == 200:
        return None
    assert r.status_code == 503, r.text
    body: dict[str, object] = r.json()
    assert body["status"] == "degraded"
    assert r.headers["retry-after"].isdigit()
    return body


def _refused_by_store(response: httpx.Response, code: str = "store_unavailable") -> None:
    assert response.status_code == 503, (response.status_code, response.text)
    assert response.json()["error"]["code"] == code
    assert response.headers["retry-after"].isdigit()


def test_pages_damaged_under_a_running_hub_are_503_and_degraded(
    filled_store: Path, tmp_path: Path
) -> None:
    db = _copy(filled_store, tmp_path)
    with running_hub(f"sqlite:///{db}") as hub:
        hub.add_user("ana", "agent", ("ventas",))
        ana = hub.login("ana")
        assert hub.post_webhook(text_webhook("wamid.r1", "34619999999", "hola")).status_code == 200
        assert httpx.get(f"{hub.url}/healthz").status_code == 200
        _damage(db, range(2, _pages(db)))  # all but the first two (header, schema)
        # A customer who never wrote before: the hub must read the damaged pages.
        _refused_by_store(hub.post_webhook(text_webhook("wamid.r2", "34618888888", "hola")))
        _refused_by_store(ana.get("/api/v1/conversations"))
        health = wait_for(lambda: _degraded(hub))
        assert health["store"] == "damaged"
        assert "backup" in str(health["message"])


def test_a_full_store_is_503_store_full_and_loses_nothing(tmp_path: Path) -> None:
    """SQLite's page limit makes the store full exactly as a full disk does (SQLITE_FULL)."""
    db = tmp_path / "hub.sqlite3"
    with running_hub(f"sqlite:///{db}") as hub:
        assert hub.post_webhook(text_webhook("wamid.f0", "34617777770", "hola")).status_code == 200
        pages = hub.ctx.db.write_sync(lambda c: c.scalar("PRAGMA page_count"))
        limit = f"PRAGMA max_page_count = {pages}"
        hub.run(hub.ctx.db.write(lambda c: c.scalar(limit)))  # the writer's connection
        big = text_webhook("wamid.f1", "34617777771", TEXT * 20)
        refused = hub.post_webhook(big)
        _refused_by_store(refused, "store_full")
        assert "disk space" in refused.json()["error"]["message"]
        health = wait_for(lambda: _degraded(hub))
        assert health["store"] == "full"
        hub.run(hub.ctx.db.write(lambda c: c.scalar("PRAGMA max_page_count = 1073741823")))
        # Meta delivers again: stored, and the hub is healthy again.
        assert hub.post_webhook(big).status_code == 200
        wait_for(lambda: httpx.get(f"{hub.url}/healthz").status_code == 200)
    kept = sqlite3.connect(db).execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    assert kept == 2


@pytest.mark.postgres
def test_a_postgresql_store_lost_and_back(pg_url: str) -> None:
    """The database stops taking connections and drops the hub's; the hub answers 503
    and degraded, then works again by itself once the database is back."""
    import psycopg

    name = pg_url.rsplit("/", 1)[1]
    admin = psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True)

    def lose() -> None:
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (name,),
        )

    try:
        with running_hub(pg_url) as hub:
            hub.add_user("ana", "agent", ("ventas",))
            ana = hub.login("ana")
            ok = hub.post_webhook(text_webhook("wamid.pg1", "34616666661", "hola"))
            assert ok.status_code == 200
            lose()
            lost = text_webhook("wamid.pg2", "34616666662", "¿hay alguien?")
            _refused_by_store(hub.post_webhook(lost))
            _refused_by_store(ana.get("/api/v1/conversations"))
            health = wait_for(lambda: _degraded(hub))
            assert health["store"] == "unavailable"
            admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
            wait_for(lambda: httpx.get(f"{hub.url}/healthz").status_code == 200, timeout=20)
            assert hub.post_webhook(lost).status_code == 200  # Meta's retry
            items = ana.get("/api/v1/conversations").json()["items"]
            assert len(items) == 2
    finally:
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        admin.close()


@pytest.fixture(autouse=True)
def _no_wa_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for key in ("WA_MEDIA_DIR", "WA_DESK_DATA_DIR"):
        monkeypatch.delenv(key, raising=False)
    yield


# -- the desktop's local store -----------------------------------------------------------


def test_a_full_disk_during_an_agents_action_keeps_the_local_store_whole(tmp_path: Path) -> None:
    """A reply, a note and an action each go to the pending list, the action log and the
    outbox in one transaction: a full disk refuses the whole action by cause (the app
    shows its "disk is full" problem) and leaves every earlier action as it was."""
    from wa_desk.store.errors import DiskFull
    from wa_desk.store.local_store import LocalStore

    with LocalStore.open(tmp_path / "desk.sqlite3") as store:
        store.queue_send("c1", "u1", text="primera respuesta")
        before = (store.outbox_count(), len(store.actions()), store.messages_page("c1").items)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        for action in (
            lambda: store.queue_send("c1", "u1", text=TEXT * 40),
            lambda: store.queue_note("c1", "u1", "Ana", TEXT * 40),
            lambda: store.queue_action("close", "u1", "c1", {"note": TEXT * 40}),
        ):
            with pytest.raises(DiskFull) as refused:
                action()
            assert "disk is full" in refused.value.message.lower()
            after = (store.outbox_count(), len(store.actions()), store.messages_page("c1").items)
            assert after == before
        store.db.execute("PRAGMA max_page_count = 1073741823")
        store.queue_send("c1", "u1", text="segunda respuesta")
        assert store.outbox_count() == before[0] + 1
