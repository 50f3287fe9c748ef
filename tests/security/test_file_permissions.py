"""Another account on the same machine reads no customer data: the hub's SQLite store
(with its ``-wal`` and ``-shm``), its media cache, the desktop's local store and the
files an agent saves are created 0600 in 0700 folders whatever the umask, and stores
left world-readable by an older version are made private when they are next opened.

A folder the programs did not create and that is not their own data folder (``/tmp``,
a home, a folder an administrator chose) is never changed. POSIX only: on Windows the
per-user app data folder is private by its ACL and ``os.chmod`` only sets read-only.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_harness import ACCESS_TOKEN, PASSWORD, SALES, RunningHub, running_hub, text_webhook

from wa_desk.client.hub_api import HubApi
from wa_desk.hub.db.database import Database, default_sqlite_path
from wa_desk.sim.media import pdf_bytes
from wa_desk.store.local_store import LocalStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")

WA_ID = "34655554444"
UMASKS = [pytest.param(0o022, id="umask022"), pytest.param(0o000, id="umask000")]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process's umask for the test (threads the hub starts share it)."""
    wanted: int = request.param
    before = os.umask(wanted)
    try:
        yield wanted
    finally:
        os.umask(before)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hub's data folder (``WA_DESK_DATA_DIR``), not created yet; no ``WA_MEDIA_DIR``,
    so the media cache goes where an installed hub puts it."""
    path = tmp_path / "hub-data"
    monkeypatch.setenv("WA_DESK_DATA_DIR", str(path))
    monkeypatch.delenv("WA_MEDIA_DIR", raising=False)
    return path


def _store_files(db: Path) -> list[Path]:
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def _customer_sends_document(hub: RunningHub, wamid: str) -> None:
    data = pdf_bytes("private")
    r = httpx.post(
        f"{hub.ctx.settings.graph_url}/v21.0/{SALES}/media",
        data={"messaging_product": "whatsapp", "type": "application/pdf"},
        files={"file": ("upload.pdf", data, "application/pdf")},
        headers={"Authorization": f"Bearer {ACCESS_TOKEN}"},
    )
    assert r.status_code == 200, r.text
    body = text_webhook(wamid, WA_ID, "")
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    message.pop("text")
    message.update(
        type="document",
        document={"id": r.json()["id"], "filename": "factura.pdf", "mime_type": "application/pdf"},
    )
    hub.world.note_inbound(SALES, WA_ID, hub.world.now_ms())
    assert hub.post_webhook(body).status_code == 200


def _message(client: httpx.Client, wamid: str) -> dict[str, Any]:
    for conv in client.get("/api/v1/conversations").json()["items"]:
        for m in client.get(f"/api/v1/conversations/{conv['id']}/messages").json()["items"]:
            if m["wamid"] == wamid:
                return m  # type: ignore[no-any-return]
    raise AssertionError(f"{wamid} not stored")


def _download(hub: RunningHub, message: dict[str, Any], dest: Path) -> Path:
    async def scenario() -> Path:
        async with HubApi(hub.url) as api:
            await api.login("ana", PASSWORD)
            return await api.download_media(message["conversation_id"], message["id"], dest)

    return asyncio.run(scenario())


@pytest.mark.parametrize("umask", UMASKS, indirect=True)
def test_the_hub_store_media_cache_and_saved_files_are_private(
    umask: int, data_dir: Path, tmp_path: Path
) -> None:
    db = default_sqlite_path()
    assert db.parent == data_dir and not data_dir.exists()
    with running_hub(f"sqlite:///{db}") as hub:
        hub.add_user("ana", "agent", ("ventas",))
        _customer_sends_document(hub, "wamid.p1")
        ana = hub.login("ana")
        message = _message(ana, "wamid.p1")
        media_url = f"/api/v1/conversations/{message['conversation_id']}/messages/{message['id']}"
        assert ana.get(f"{media_url}/media").status_code == 200
        downloads = tmp_path / "Downloads"
        saved = _download(hub, message, downloads)
        files = _store_files(db)
        assert all(p.exists() for p in files), "the hub runs in WAL mode"
        assert {p.name: oct(mode(p)) for p in files} == {p.name: "0o600" for p in files}
        assert oct(mode(data_dir)) == "0o700"
        media = data_dir / "media"
        cached = [p for p in media.rglob("*") if p.is_file()]
        assert {p.parent.name for p in cached} == {"ids", "blobs"}
        assert {str(p.relative_to(media)): oct(mode(p)) for p in cached} == {
            str(p.relative_to(media)): "0o600" for p in cached
        }
        folders = [media, *(p for p in media.rglob("*") if p.is_dir())]
        assert {p.name: oct(mode(p)) for p in folders} == {p.name: "0o700" for p in folders}
        assert oct(mode(saved)) == "0o600"
        # The agent's own Downloads folder is theirs: it is created if missing, never
        # made stricter than they would make it.
        assert mode(downloads) == 0o777 & ~umask


def test_a_world_readable_hub_store_is_made_private_at_start(data_dir: Path) -> None:
    db = default_sqlite_path()
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    Database.open(f"sqlite:///{db}", readers=1).close()
    keep_open = sqlite3.connect(db)  # leaves -wal and -shm behind, as a killed hub does
    keep_open.execute("PRAGMA journal_mode=WAL")
    keep_open.execute("CREATE TABLE scratch (x)")
    for path in _store_files(db):
        path.chmod(0o644)
    (data_dir / "media" / "ids").mkdir(parents=True)
    for folder in (data_dir / "media", data_dir / "media" / "ids"):
        folder.chmod(0o755)
    try:
        with running_hub(f"sqlite:///{db}") as hub:
            assert hub.post_webhook(text_webhook("wamid.p2", WA_ID, "hola")).status_code == 200
            files = _store_files(db)
            assert {p.name: oct(mode(p)) for p in files} == {p.name: "0o600" for p in files}
            assert oct(mode(data_dir)) == "0o700"
            assert oct(mode(data_dir / "media")) == "0o700"
            assert oct(mode(data_dir / "media" / "ids")) == "0o700"
    finally:
        keep_open.close()


def test_a_folder_that_is_not_the_hubs_own_is_left_alone(tmp_path: Path) -> None:
    """An administrator's folder (``--db /srv/x/hub.sqlite3``) and a shared, sticky one
    like ``/tmp`` keep their modes; the store files in them are private all the same."""
    chosen = tmp_path / "srv"
    chosen.mkdir()
    chosen.chmod(0o755)
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    for folder in (chosen, shared):
        db = folder / "hub.sqlite3"
        db.touch()
        db.chmod(0o644)
        Database.open(f"sqlite:///{db}", readers=1).close()
        assert oct(mode(db)) == "0o600"
    assert oct(mode(chosen)) == "0o755"
    assert oct(mode(shared)) == "0o1777"


@pytest.mark.parametrize("umask", UMASKS, indirect=True)
def test_the_desktop_local_store_is_private(umask: int, tmp_path: Path) -> None:
    """Cached messages, notes and the action log live in one file per hub and user."""
    folder = tmp_path / "wa-desk"
    path = folder / "hub.example-0123456789abcdef.sqlite3"
    with LocalStore.open(path) as store:
        store.queue_note("c1", "u1", "Ana", "cliente pide factura")  # note + action log
        files = _store_files(path)
        assert all(p.exists() for p in files)
        assert {p.name: oct(mode(p)) for p in files} == {p.name: "0o600" for p in files}
        assert oct(mode(folder)) == "0o700"


def test_a_world_readable_desktop_store_is_made_private_when_opened(tmp_path: Path) -> None:
    folder = tmp_path / "wa-desk"
    path = folder / "store.sqlite3"
    LocalStore.open(path).close()
    folder.chmod(0o755)
    path.chmod(0o644)
    with LocalStore.open(path):
        files = _store_files(path)
        assert {p.name: oct(mode(p)) for p in files} == {p.name: "0o600" for p in files}
        assert oct(mode(folder)) == "0o700"
