"""The whole media path, offscreen: a customer sends a photo and a PDF through the
simulated WhatsApp → the hub stores the messages → the desktop app (with the media
controller wired as desktop_app does) shows the photo's thumbnail and saves the PDF."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from desktop_driver import run, signed_in, started, until, visible_child
from hub_harness import ACCESS_TOKEN, RunningHub
from PySide6.QtWidgets import QApplication, QMessageBox

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.clock import DAY_MS
from wa_desk.hub.media_cache_limits import MediaCacheLimits
from wa_desk.hub.media_cache_sweep import sweep
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.settings.settings import Settings

WA_ID = "34655556666"


@pytest.fixture(autouse=True)
def hub_media_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hub's media cache, set before the UI conftest's hub starts."""
    media_dir = tmp_path / "hub-media"
    monkeypatch.setenv("WA_MEDIA_DIR", str(media_dir))
    return media_dir


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
    preset = signed_in(hub, "ana")
    downloads = tmp_path / "Downloads"

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset, downloads_dir=downloads)
        async with started(app) as window:
            assert app.session is not None
            media = app.media
            assert media is not None
            await until(lambda: app.session is not None and app.session.stream.connected)
            photo = await asyncio.to_thread(_customer_sends, hub, "image")
            pdf = await asyncio.to_thread(_customer_sends, hub, "document")
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)

            def row(wamid: str) -> dict[str, Any] | None:
                model = window.conversation_view.model
                for r in range(model.rowCount()):
                    m = model.index(r, 0).data(MessageRoles.MESSAGE)
                    if m and m.get("wamid") == wamid:
                        return dict(m)
                return None

            photo_msg = await until(lambda: row(photo))
            pdf_msg = await until(lambda: row(pdf))
            thumb = await until(lambda: media.thumbnail(photo_msg))
            assert (thumb.width(), thumb.height()) == (96, 64)  # the simulator's PNG

            window.conversation_view.downloadRequested.emit(pdf_msg)
            box = await until(lambda: visible_child(window, QMessageBox))
            saved = downloads / "factura.pdf"
            assert str(saved) in box.text()
            assert saved.read_bytes().startswith(b"%PDF-1.4")
            box.close()

    run(qapp, scenario)


def test_a_file_neither_whatsapp_nor_the_server_still_has_is_said_in_words(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    tmp_path: Path,
    hub_media_dir: Path,
) -> None:
    """The hub's cache let the PDF go, and WhatsApp forgot it 7 days after it arrived."""
    preset = signed_in(hub, "ana")
    downloads = tmp_path / "Downloads"

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset, downloads_dir=downloads)
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            pdf = await asyncio.to_thread(_customer_sends, hub, "document")
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)

            def row() -> dict[str, Any] | None:
                model = window.conversation_view.model
                for r in range(model.rowCount()):
                    m = model.index(r, 0).data(MessageRoles.MESSAGE)
                    if m and m.get("wamid") == pdf:
                        return dict(m)
                return None

            pdf_msg = await until(row)
            window.conversation_view.downloadRequested.emit(pdf_msg)
            box = await until(lambda: visible_child(window, QMessageBox))
            box.close()
            evicted = await asyncio.to_thread(
                sweep, hub_media_dir, MediaCacheLimits(max_bytes=1, max_age_days=0)
            )
            assert evicted.capped_blobs == 1
            hub.world.clock.advance(8 * DAY_MS)

            window.conversation_view.downloadRequested.emit(pdf_msg)
            bar = window.problem_bar
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.MEDIA_GONE)
            assert bar.title.text() == "This file is no longer available from WhatsApp."
            assert "Ask the customer to send it again." in bar.text.text()

    run(qapp, scenario)
