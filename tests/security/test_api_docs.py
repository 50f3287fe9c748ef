"""Who may read the API's own description (``/openapi.json``, ``/docs``, ``/redoc``):
``[http] api_docs`` = public, signed_in or off."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from hub_harness import RunningHub, running_hub

from wa_desk.hub.http_limits import ApiDocs, HttpLimits
from wa_desk.hub.settings import load_settings

DOCS = ("/openapi.json", "/docs", "/redoc")


@contextmanager
def _hub(tmp_path: Path, docs: ApiDocs) -> Iterator[RunningHub]:
    settings = {"http": HttpLimits(api_docs=docs)}
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", hub_settings=settings) as hub:
        yield hub


def _get(hub: RunningHub, path: str, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(f"{hub.url}{path}", headers=headers)


def test_public_docs_are_open_to_anyone(tmp_path: Path) -> None:
    with _hub(tmp_path, ApiDocs.PUBLIC) as hub:
        for path in DOCS:
            assert _get(hub, path).status_code == 200, path
        assert "/api/v1/auth/login" in _get(hub, "/openapi.json").json()["paths"]


def test_signed_in_docs_need_a_valid_token(tmp_path: Path) -> None:
    with _hub(tmp_path, ApiDocs.SIGNED_IN) as hub:
        hub.add_user("ana")
        hub.login("ana")
        for path in DOCS:
            anonymous = _get(hub, path)
            assert anonymous.status_code == 401, path
            assert anonymous.json()["error"]["code"] == "unauthorized"
            assert _get(hub, path, "not-a-token").status_code == 401, path
            assert _get(hub, path, hub.tokens["ana"]).status_code == 200, path
        schema = _get(hub, "/openapi.json", hub.tokens["ana"]).json()
        assert "/api/v1/auth/login" in schema["paths"]
        # The documentation routes describe the API; they are not part of it.
        assert not set(DOCS) & set(schema["paths"])
        assert hub.clients[0].post("/api/v1/auth/logout").status_code == 204
        assert _get(hub, "/openapi.json", hub.tokens["ana"]).status_code == 401


def test_docs_can_be_turned_off(tmp_path: Path) -> None:
    with _hub(tmp_path, ApiDocs.OFF) as hub:
        hub.add_user("ana")
        hub.login("ana")
        for path in DOCS:
            assert _get(hub, path).status_code == 404, path
            assert _get(hub, path, hub.tokens["ana"]).status_code == 404, path
        assert _get(hub, "/healthz").status_code == 200


def test_the_example_production_config_turns_them_off() -> None:
    example = Path(__file__).resolve().parents[2] / "installers" / "hub.example.toml"
    assert load_settings(example, env={}).http.api_docs is ApiDocs.OFF
