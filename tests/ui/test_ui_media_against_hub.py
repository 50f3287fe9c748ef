"""The whole media path, offscreen: a customer sends a photo and a PDF through the
simulated WhatsApp → the hub stores the messages → the desktop app (with the media
controller wired as desktop_app does) shows the photo's thumbnail and saves the PDF."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import qasync
from hub_harness import ACCESS_TOKEN, PASSWORD, RunningHub, running_hub
from PySide6.QtWidgets import QApplication, QMessageBox

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.conversation_model import MessageRoles
from wa_desk.ui.desktop_app import DesktopApp, SignedIn
from wa_desk.ui.settings import Settings

WA_ID = "34655556666"


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningHub]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("WA_MEDIA_DIR", str(tmp_path / "hub-media"))
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", time_scale=0.02) as running:
        running.add_user("ana", "agent", ("ventas",))
        yield running


async def _until(predicate: Callable[[], Any], within: float = 15.0) -> Any:
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("the app did not get there in time")
        await asyncio.sleep(0.05)


def _customer_sends(hub: RunningHub, kind: str) -> str:
    r = httpx.post(
        f"{hub.ctx.settings.graph_url}/_sim/customers/{WA_ID}/messages",
        json={"type": kind, "wait": True},
        headers={"Authorization": f"Bearer {ACCESS_TOKEN}"},
    )
    assert r.status_code == 200 and r.json()["delivered"], r.text
    wamid: str = r.json()["wamid"]
    return wamid


def test_a_customers_photo_shows_and_their_pdf_saves(
    qapp: QApplication, hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    body = httpx.post(
        f"{hub.url}/api/v1/auth/login", json={"username": "ana", "password": PASSWORD}
    ).json()
    preset = SignedIn(hub.url, body["token"], body["user"])
    downloads = tmp_path / "Downloads"

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset, downloads_dir=downloads)
        assert await app.start()
        window = app.window
        assert window is not None and app.api is not None
        media = app.media
        assert media is not None
        try:
            await _until(lambda: app.stream is not None and app.stream.connected)
            photo = await asyncio.to_thread(_customer_sends, hub, "image")
            pdf = await asyncio.to_thread(_customer_sends, hub, "document")
            conv_id = await _until(lambda: next(iter(window.inbox_model.ids()), None))
            window.conversationSelected.emit(conv_id)

            def row(wamid: str) -> dict[str, Any] | None:
                model = window.conversation_model
                for r in range(model.rowCount()):
                    m = model.index(r, 0).data(MessageRoles.MESSAGE)
                    if m and m.get("wamid") == wamid:
                        return dict(m)
                return None

            photo_msg = await _until(lambda: row(photo))
            pdf_msg = await _until(lambda: row(pdf))
            thumb = await _until(lambda: media.thumbnail(photo_msg))
            assert (thumb.width(), thumb.height()) == (96, 64)  # the simulator's PNG

            window.conversation_view.downloadRequested.emit(pdf_msg)
            box = await _until(
                lambda: next((b for b in window.findChildren(QMessageBox) if b.isVisible()), None)
            )
            saved = downloads / "factura.pdf"
            assert str(saved) in box.text()
            assert saved.read_bytes().startswith(b"%PDF-1.4")
            box.close()
        finally:
            await media.aclose()
            await app.stop()
            window.close()

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(scenario())
