"""Sessions: how many a user may hold, how long an unused one lives, that signing out or
being pushed out ends the live streams at once, and that dead tokens do not pile up.

A real hub on loopback, SQLite then PostgreSQL (tokens live in the store). Streams
re-check their token only once a minute here, so a stream that ends within seconds was
ended by the sign-out itself.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from hub_harness import PASSWORD, RunningHub, running_hub, wait_for
from sse_reader import StreamReader

from wa_desk.hub.queries.users import hash_token
from wa_desk.hub.session_policy import SessionPolicy

DAY_MS = 24 * 3600 * 1000


def _sign_in(hub: RunningHub, name: str = "ana") -> str:
    answer = httpx.post(
        f"{hub.url}/api/v1/auth/login", json={"username": name, "password": PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["token"]
    return token


def _me(hub: RunningHub, token: str) -> httpx.Response:
    return httpx.get(f"{hub.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def _refused(answer: httpx.Response) -> bool:
    return answer.status_code == 401 and answer.json()["error"]["code"] == "token_invalid"


def _ends(reader: StreamReader, within: float = 5.0) -> bool:
    """The hub closed the stream within ``within`` seconds."""
    try:
        wait_for(lambda: not reader._thread.is_alive(), timeout=within)
    except AssertionError:
        return False
    return True


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    policy = SessionPolicy(max_sessions_per_user=2, stream_recheck_seconds=60)
    with running_hub(db_url, hub_settings={"sessions": policy}) as running:
        running.add_user("ana")
        running.add_user("bea")
        yield running


def test_a_sign_in_beyond_the_cap_ends_the_oldest_session_and_its_stream(
    hub: RunningHub,
) -> None:
    oldest = _sign_in(hub)
    reader = StreamReader(hub.url, oldest)
    try:
        reader.take("ready")
        newer = [_sign_in(hub), _sign_in(hub)]
        assert _refused(_me(hub, oldest))
        assert all(_me(hub, token).status_code == 200 for token in newer)
        assert _ends(reader)
    finally:
        reader.close()
    other = _sign_in(hub, "bea")  # another user's sessions are not counted with ana's
    assert _me(hub, other).status_code == 200
    assert all(_me(hub, token).status_code == 200 for token in newer)


def test_signing_out_ends_that_tokens_streams_at_once_and_no_other(hub: RunningHub) -> None:
    leaving, staying = _sign_in(hub), _sign_in(hub)
    gone, kept = StreamReader(hub.url, leaving), StreamReader(hub.url, staying)
    try:
        gone.take("ready")
        kept.take("ready")
        out = httpx.post(
            f"{hub.url}/api/v1/auth/logout", headers={"Authorization": f"Bearer {leaving}"}
        )
        assert out.status_code == 204
        assert _ends(gone)
        assert kept._thread.is_alive()
    finally:
        gone.close()
        kept.close()


def test_a_token_left_unused_for_idle_minutes_is_refused_and_one_in_use_lives_on(
    db_url: str,
) -> None:
    idle_seconds = 2.0  # its use is then written every half second
    policy = SessionPolicy(idle_minutes=idle_seconds / 60)
    with running_hub(db_url, hub_settings={"sessions": policy}) as hub:
        hub.add_user("ana")
        busy, unused = _sign_in(hub), _sign_in(hub)
        deadline = time.monotonic() + 1.5 * idle_seconds
        while time.monotonic() < deadline:
            assert _me(hub, busy).status_code == 200
            time.sleep(0.2)
        assert _refused(_me(hub, unused))
        assert _me(hub, busy).status_code == 200


def test_a_burst_of_requests_does_not_write_the_last_use_each_time(hub: RunningHub) -> None:
    token = _sign_in(hub)
    before = hub.ctx.db.writes
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as client:
        for _ in range(100):
            assert client.get(f"{hub.url}/api/v1/me").status_code == 200
    assert hub.ctx.db.writes - before <= 1


def test_revoked_and_expired_tokens_are_deleted_a_day_later(hub: RunningHub) -> None:
    revoked, expired, live = _sign_in(hub), _sign_in(hub, "bea"), _sign_in(hub, "bea")
    httpx.post(f"{hub.url}/api/v1/auth/logout", headers={"Authorization": f"Bearer {revoked}"})
    httpx.post(f"{hub.url}/api/v1/auth/login", json={"username": "ghost", "password": "x"})

    def age(conn: object) -> None:
        conn.execute(  # type: ignore[attr-defined]
            "UPDATE tokens SET revoked_at = revoked_at - ? WHERE token_hash = ?",
            (2 * DAY_MS, hash_token(revoked)),
        )
        conn.execute(  # type: ignore[attr-defined]
            "UPDATE tokens SET expires_at = expires_at - ?, created_at = created_at - ? "
            "WHERE token_hash = ?",
            (2 * DAY_MS, 2 * DAY_MS, hash_token(expired)),
        )
        conn.execute(  # type: ignore[attr-defined]
            "UPDATE sign_in_failures SET last_failure_at = last_failure_at - ?, "
            "pending_at = pending_at - ?, retry_at = 0",
            (2 * DAY_MS, 2 * DAY_MS),
        )

    hub.ctx.db.write_sync(age)
    fresh = _sign_in(hub)  # sign-ins sweep what is long dead
    stored = hub.ctx.db.read_sync(
        lambda c: {r["token_hash"] for r in c.all("SELECT * FROM tokens")}
    )
    assert stored == {hash_token(live), hash_token(fresh)}
    # The failed sign-in of two days ago is forgotten too, not kept for ever.
    failures = hub.ctx.db.read_sync(lambda c: c.all("SELECT scope, subject FROM sign_in_failures"))
    assert failures == [{"scope": "address", "subject": "127.0.0.1"}]
