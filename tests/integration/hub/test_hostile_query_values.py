"""Hostile page cursors, limits and ``Last-Event-ID``s, over HTTP, against a real hub.

The webhook's fuzzing (``test_hostile_webhooks``) for what an API client controls: whatever
it puts in a cursor, a limit or a resume point, the answer is a 2xx or a 4xx with the
JSON error envelope, never a 5xx; a stream that is answered 200 is alive (it sends an
event or a keep-alive), never a connection that dies after its headers. Hypothesis
explores on SQLite; the 64-bit edges, where the two stores differ (SQLite refuses to
bind an integer beyond 64 bits, PostgreSQL compares it as a numeric), run on both.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from wa_desk.core.cursor import MAX_MILLIS
from wa_desk.core.cursor import encode as hub_cursor
from wa_desk.hub.api.paging import MAX_LIMIT
from wa_desk.hub.session_policy import SessionPolicy

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
STREAM_ALIVE_SECONDS = 5.0
# Examples open a stream each, one after the other: the per-token and per-user caps
# would otherwise refuse some while the hub notices the previous ones closed.
_ROOMY = {
    name: 10_000
    for name in ("max_streams_per_token", "max_streams_per_user")
    if name in {f.name for f in dataclasses.fields(SessionPolicy)}
}
HUB_SETTINGS: dict[str, Any] = {
    "heartbeat_seconds": 0.05,  # a live stream says so at once
    "sessions": dataclasses.replace(SessionPolicy(), **_ROOMY),
}


@dataclass
class Target:
    hub: RunningHub
    agent: httpx.Client
    lead: httpx.Client
    conversation_id: str

    def __repr__(self) -> str:
        return f"Target({self.hub.url})"  # Hypothesis prints it with each failing example

    def lists(self) -> list[tuple[httpx.Client, str, int]]:
        """Every list that pages: (who asks, path, its largest limit)."""
        cid = self.conversation_id
        return [
            (self.agent, "/api/v1/conversations", MAX_LIMIT),
            (self.agent, f"/api/v1/conversations/{cid}/messages", MAX_LIMIT),
            (self.lead, f"/api/v1/supervisor/conversations/{cid}/timeline", 5000),
        ]


def _target(hub: RunningHub) -> Target:
    hub.add_user("ana")
    hub.add_user("lead", role="supervisor", queues=("ventas", "soporte"))
    wa_id = f"346{uuid.uuid4().int % 10**8:08d}"
    for i in range(3):
        hub.customer_writes(f"wamid.q.{uuid.uuid4().hex}.{i}", wa_id, f"mensaje {i}")
    agent = hub.login("ana")
    items = agent.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
    return Target(hub, agent, hub.login("lead"), items[0]["id"])


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """One hub for every example."""
    path = tmp_path_factory.mktemp("hostile_queries") / "hub.sqlite3"
    with running_hub(f"sqlite:///{path}", hub_settings=HUB_SETTINGS) as hub:
        yield _target(hub)


@pytest.fixture(scope="module")
def any_store(module_db_url: str) -> Iterator[Target]:
    """One hub per store for the boundary cases."""
    with running_hub(module_db_url, hub_settings=HUB_SETTINGS) as hub:
        yield _target(hub)


# -- what an answer may be -------------------------------------------------------------


def tally(what: str) -> None:
    """Count an outcome in Hypothesis's statistics (the plain cases share the checks)."""
    if currently_in_test_context():
        event(what)


def refusal_code(response: httpx.Response) -> str:
    """The code of a 4xx envelope; fails on a 5xx, on any other status, or without one."""
    assert response.status_code < 500, (response.status_code, response.text[:300])
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    error = response.json()["error"]
    assert isinstance(error["message"], str) and error["message"]
    code: str = error["code"]
    return code


def check_page(response: httpx.Response) -> None:
    assert response.status_code == 200, (response.status_code, response.text[:300])
    body = response.json()
    assert isinstance(body["items"], list)
    assert body["next"] is None or isinstance(body["next"], str)


# -- cursors ---------------------------------------------------------------------------

INT64_EDGES = [2**63 - 1, 2**63, 2**64, -(2**63), -(2**63) - 1, -1, 0, MAX_MILLIS, MAX_MILLIS + 1]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _encoded(value: Any) -> str:
    return _b64(json.dumps(value).encode())


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(INT64_EDGES),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
CURSORS: st.SearchStrategy[str] = st.one_of(
    # Of the hub's own shape, with any millis and id.
    st.builds(
        lambda m, i: _encoded([m, i]),
        st.one_of(st.integers(), st.sampled_from(INT64_EDGES)),
        st.text(max_size=40),
    ),
    # A timeline's id inside, with any numbers.
    st.builds(
        lambda m, r, n, s: _encoded([m, json.dumps([r, n, s])]),
        st.sampled_from(INT64_EDGES),
        JSON_SCALARS,
        JSON_SCALARS,
        JSON_SCALARS,
    ),
    # Any JSON, any bytes, any text.
    st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=5).map(
        _encoded
    ),
    st.binary(max_size=200).map(_b64),
    st.text(max_size=60),
    st.text(alphabet="0123456789", min_size=1, max_size=5000),
)


def _is_ours(cursor: str) -> bool:
    """Whether ``cursor`` is exactly what the hub writes for a key it could hold."""
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        millis, item_id = value
    except (ValueError, TypeError):
        return False
    if type(millis) is not int or not 0 <= millis <= MAX_MILLIS or not isinstance(item_id, str):
        return False
    try:
        item_id.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in item_id and hub_cursor(millis, item_id) == cursor


def check_cursor(t: Target, cursor: str) -> None:
    for client, path, _ in t.lists():
        for param in ("cursor", "before") if path.endswith("/messages") else ("cursor",):
            response = client.get(path, params={param: cursor})
            tally(f"cursor: HTTP {response.status_code}")
            if response.status_code == 200:
                check_page(response)
            else:
                assert refusal_code(response) == "bad_cursor", response.text[:300]
                assert not _is_ours(cursor) or path.endswith("/timeline"), cursor


@FUZZ
@given(cursor=CURSORS)
@example(cursor=_encoded([2**63, "x"]))
@example(cursor=_encoded([-(2**63) - 1, "x"]))
@example(cursor=_encoded([2**63, json.dumps([1, "x", 0])]))
@example(cursor=_b64(b'[1,"\\ud800"]'))
@example(cursor="ñ" * 30)
@example(cursor="A" * 5000)
def test_hostile_cursors_never_break_a_list(target: Target, cursor: str) -> None:
    check_cursor(target, cursor)


@pytest.mark.parametrize("millis", INT64_EDGES)
def test_cursor_edges_on_each_store(any_store: Target, millis: int) -> None:
    check_cursor(any_store, hub_cursor(millis, "01a2"))
    check_cursor(any_store, _encoded([millis, json.dumps([1, "01a2", 0])]))


# -- limits ----------------------------------------------------------------------------

LIMITS: st.SearchStrategy[str] = st.one_of(
    st.integers().map(str),
    st.sampled_from(INT64_EDGES).map(str),
    st.integers(-3, MAX_LIMIT + 3).map(str),
    st.text(max_size=12),
    st.text(alphabet="0123456789", min_size=1, max_size=5000),
    st.floats().map(str),
)


def _plain_integer(limit: str) -> int | None:
    """The value of an optionally signed run of ASCII digits short enough for int()."""
    if re.fullmatch(r"-?[0-9]{1,4000}", limit) is None:
        return None
    return int(limit)


def check_limit(t: Target, limit: str) -> None:
    value = _plain_integer(limit)
    for client, path, maximum in t.lists():
        response = client.get(path, params={"limit": limit})
        tally(f"limit: HTTP {response.status_code}")
        if value is not None and 1 <= value <= maximum:
            check_page(response)
            assert len(response.json()["items"]) <= value
        elif value is not None:
            assert response.status_code == 400, (limit[:40], response.status_code)
            assert refusal_code(response) == "bad_limit"
        elif response.status_code == 200:
            check_page(response)  # forms a query parser may read ("+5", " 5")
        else:
            assert refusal_code(response) in ("bad_limit", "invalid_request")


@FUZZ
@given(limit=LIMITS)
@example(limit=str(2**63))
@example(limit="-" + str(2**63 + 1))
@example(limit="9" * 5000)
@example(limit="1e3")
def test_hostile_limits_never_break_a_list(target: Target, limit: str) -> None:
    check_limit(target, limit)


@pytest.mark.parametrize("limit", [str(v) for v in INT64_EDGES])
def test_limit_edges_on_each_store(any_store: Target, limit: str) -> None:
    check_limit(any_store, limit)


# -- Last-Event-ID -----------------------------------------------------------------------

# What h11 lets a client put in a header value: visible ASCII, space, tab and 0x80-0xFF,
# not at either end.
_HEADER_BYTES = bytes([0x09, *range(0x20, 0x7F), *range(0x80, 0x100)])
LAST_EVENT_IDS: st.SearchStrategy[bytes] = st.one_of(
    st.integers().map(lambda n: str(n).encode()),
    st.sampled_from(INT64_EDGES).map(lambda n: str(n).encode()),
    st.integers(0, 50).map(lambda n: str(n).encode()),
    st.text(alphabet="0123456789", min_size=1, max_size=5000).map(str.encode),
    st.binary(max_size=40).map(lambda b: bytes(c for c in b if c in _HEADER_BYTES).strip()),
    st.sampled_from([b"\xb2", b"\xb9\xb2", "١٢".encode(), "１２".encode(), b"1 2", b"+1", b"0x1"]),
)


def check_resume(t: Target, last_event_id: bytes, *, as_query: bool = False) -> None:
    """A refusal with the envelope, or a stream that is alive: something after its
    ``retry:`` line within a few seconds, not a connection closed after the headers."""
    headers: dict[str, Any] = {"Accept": "text/event-stream"}
    params: dict[str, str] = {}
    if as_query:
        params["last_event_id"] = last_event_id.decode("latin-1")
    else:
        headers["Last-Event-ID"] = last_event_id
    timeout = httpx.Timeout(10, read=STREAM_ALIVE_SECONDS)
    with t.agent.stream(
        "GET", "/api/v1/stream", headers=headers, params=params, timeout=timeout
    ) as response:
        tally(f"Last-Event-ID: HTTP {response.status_code}")
        if response.status_code != 200:
            response.read()
            refusal_code(response)
            return
        seen = b""
        try:
            for chunk in response.iter_raw():
                seen += chunk
                if seen.replace(b"retry: 2000\n\n", b"", 1).strip():
                    return
        except httpx.ReadTimeout:
            pytest.fail(f"the stream sent nothing in {STREAM_ALIVE_SECONDS} s: {seen!r}")
        except httpx.RemoteProtocolError as exc:
            pytest.fail(f"the stream died after its headers ({exc}): {seen!r}")
        pytest.fail(f"the stream ended after its headers: {seen!r}")


@FUZZ
@given(last_event_id=LAST_EVENT_IDS, as_query=st.booleans())
@example(last_event_id=b"9" * 5000, as_query=False)
@example(last_event_id=b"9223372036854775808", as_query=False)
@example(last_event_id=b"\xb2", as_query=False)
@example(last_event_id=b"9223372036854775808", as_query=True)
def test_hostile_last_event_ids_never_break_the_stream(
    target: Target, last_event_id: bytes, as_query: bool
) -> None:
    check_resume(target, last_event_id, as_query=as_query)
    assert target.agent.get("/healthz").status_code == 200


@pytest.mark.parametrize("last_event_id", [str(v) for v in INT64_EDGES] + ["9" * 5000])
def test_last_event_id_edges_on_each_store(any_store: Target, last_event_id: str) -> None:
    check_resume(any_store, last_event_id.encode())
