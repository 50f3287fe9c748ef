"""Meta's webhook handshake against a real hub on loopback: the verify token is compared
in constant time (as bytes, so any token, ASCII or not, can be compared), a wrong one is
403, and odd modes, tokens and challenges are a 4xx, never a 500."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.hub.settings import Secret

TOKEN = "verificación-ñ-1f0c9e"  # IT may choose any text; not only ASCII


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[RunningHub]:
    with running_hub(
        f"sqlite:///{tmp_path / 'hub.sqlite3'}", hub_settings={"verify_token": Secret(TOKEN)}
    ) as running:
        yield running


def _handshake(hub: RunningHub, query: str | dict[str, str]) -> httpx.Response:
    if isinstance(query, str):
        return httpx.get(f"{hub.url}/webhooks/whatsapp?{query}")
    return httpx.get(f"{hub.url}/webhooks/whatsapp", params=query)


def _meta(token: str = TOKEN, challenge: str = "1158201444") -> dict[str, str]:
    return {"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": challenge}


def test_the_handshake_echoes_the_challenge_as_plain_text(hub: RunningHub) -> None:
    answer = _handshake(hub, _meta())
    assert answer.status_code == 200
    assert answer.text == "1158201444"
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "token",
    [
        "nope",
        "",
        TOKEN[:-1],
        TOKEN + "x",
        TOKEN.upper(),
        "ñ" * 5_000,  # long and not ASCII
        "verificación-ñ-1f0c9é",
    ],
)
def test_a_wrong_token_is_refused(hub: RunningHub, token: str) -> None:
    answer = _handshake(hub, _meta(token))
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "verification_failed"
    assert "1158201444" not in answer.text


@pytest.mark.parametrize(
    "query",
    [
        "",
        "hub.mode=subscribe",
        "hub.verify_token=x",
        "hub.mode=unsubscribe&hub.verify_token=x&hub.challenge=1",
        "hub.mode=SUBSCRIBE&hub.verify_token=%FF%FE&hub.challenge=1",  # not UTF-8
        "hub.mode=%00&hub.verify_token=%00&hub.challenge=%00",
        "hub.mode=subscribe&hub.mode=subscribe&hub.verify_token=x&hub.challenge=1",
        "hub.mode=subscribe&hub.verify_token&hub.challenge",
        "hub.mode[]=subscribe&hub.verify_token[]=x&hub.challenge[]=1",
        "%ZZ=%ZZ&&&==&hub.mode==subscribe",
    ],
)
def test_odd_queries_without_the_token_are_refused(hub: RunningHub, query: str) -> None:
    answer = _handshake(hub, query)
    assert answer.status_code == 403, answer.text
    assert answer.json()["error"]["code"] == "verification_failed"


def test_the_token_sent_twice_is_refused_even_once_right(hub: RunningHub) -> None:
    answer = httpx.get(
        f"{hub.url}/webhooks/whatsapp",
        params=[
            ("hub.mode", "subscribe"),
            ("hub.verify_token", "guess"),
            ("hub.verify_token", TOKEN),
            ("hub.challenge", "1"),
        ],
    )
    assert answer.status_code == 403


@pytest.mark.parametrize(
    "challenge", ["", "x" * 257, "12\r\n34", "<script>alert(1)</script>\x00", "١٢٣"]
)
def test_with_the_right_token_an_odd_challenge_is_400_not_echoed(
    hub: RunningHub, challenge: str
) -> None:
    answer = _handshake(hub, _meta(challenge=challenge))
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["code"] == "bad_challenge"


def test_the_token_is_compared_in_constant_time_as_bytes(
    hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hub hands the sent and the configured token to ``hmac.compare_digest`` (whose
    time does not depend on where they differ), as bytes, both of them whole."""
    seen: list[tuple[object, object]] = []
    real = hmac.compare_digest

    def compare_digest(a: bytes | str, b: bytes | str) -> bool:
        seen.append((a, b))
        return real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(hmac, "compare_digest", compare_digest)
    guess = "verificación-ñ-000000"
    assert _handshake(hub, _meta(guess)).status_code == 403
    assert _handshake(hub, _meta()).status_code == 200
    expected = TOKEN.encode("utf-8")
    ours = [frozenset(pair) for pair in seen if expected in pair or TOKEN in pair]
    assert ours == [frozenset((guess.encode("utf-8"), expected)), frozenset((expected,))]
