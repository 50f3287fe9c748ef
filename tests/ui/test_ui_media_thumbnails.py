"""Pictures in the conversation view (offscreen): a thumbnail appears once fetched, only
rows on screen ask for one, a click opens the picture full size; downloads land in the
chosen folder and offer to open the file (risky files only to show its folder)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from desktop_driver import conversation_window, run, until, visible_child
from PySide6.QtCore import QBuffer, QIODevice, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from devtools import sample_data
from wa_desk.client.errors import Refused
from wa_desk.ui.media.controller import MediaController, decode_image
from wa_desk.ui.media.viewer import MediaImageDialog
from wa_desk.ui.settings.settings import Settings

RED = QColor(220, 20, 30)


def _png(width: int = 120, height: int = 80, color: QColor = RED) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(color)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


class FakeApi:
    """The two HubApi calls the controller makes."""

    def __init__(self, picture: bytes) -> None:
        self.picture = picture
        self.asked: list[str] = []
        self.saved: list[Path] = []

    async def media_bytes(
        self, conversation_id: str, message_id: str, max_bytes: int
    ) -> tuple[bytes, str]:
        self.asked.append(message_id)
        await asyncio.sleep(0.01)
        if message_id.startswith("gone"):
            raise Refused(410, "media_gone", "WhatsApp no longer has this file")
        return self.picture, "image/png"

    async def download_media(self, conversation_id: str, message_id: str, dest_dir: Path) -> Path:
        name = "x.exe" if message_id.endswith("exe") else "factura.pdf"
        path = await asyncio.to_thread(_save, dest_dir / name)
        self.saved.append(path)
        return path


def _save(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4")
    return path


def _image(mid: str, offset_min: int) -> dict[str, Any]:
    return sample_data._msg(
        mid,
        -offset_min * sample_data.MIN,
        "image",
        media_id=f"media-{mid}",
        payload={"type": "image", "image": {"id": f"media-{mid}", "mime_type": "image/png"}},
    )


def _red_pixels(image: QImage) -> list[QPoint]:
    points = []
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.red() > 200 and c.green() < 50 and c.blue() < 60:
                points.append(QPoint(x, y))
    return points


def test_a_thumbnail_appears_and_opens_full_size(
    qapp: QApplication, settings: Settings, tmp_path: Path
) -> None:
    api = FakeApi(_png())
    message = _image("m1", 5)
    window = conversation_window(settings, [message])
    controller = MediaController(
        api,  # type: ignore[arg-type]
        tmp_path,
        window.conversation_view,
        report=window.show_problem,
        dialog_parent=window,
    )
    view = window.conversation_view

    async def scenario() -> None:
        window.show()
        viewport = view.list.viewport()
        await until(lambda: controller.thumbnail(message) is not None)
        await asyncio.sleep(0.05)
        QApplication.processEvents()
        shown = _red_pixels(viewport.grab().toImage())
        assert len(shown) > 200, "the picture is not drawn in its slot"
        assert api.asked == ["m1"]  # fetched once, however often the row repaints
        thumb = controller.thumbnail(message)
        assert thumb is not None and max(thumb.width(), thumb.height()) <= 360

        # A click on the picture opens it full size.
        xs = sorted(p.x() for p in shown)
        ys = sorted(p.y() for p in shown)
        centre = QPoint(xs[len(xs) // 2], ys[len(ys) // 2])
        QTest.mouseClick(
            viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
        )
        dialog = await until(lambda: window.findChild(MediaImageDialog))
        assert not dialog.image_label.pixmap().isNull()
        assert dialog.image_label.pixmap().toImage().pixelColor(5, 5).red() > 200
        dialog.close()
        window.close()
        await controller.aclose()

    run(qapp, scenario)


def test_only_rows_on_screen_ask_for_thumbnails_and_failures_are_not_retried_at_once(
    qapp: QApplication, settings: Settings, tmp_path: Path
) -> None:
    api = FakeApi(_png(60, 60))
    many = [_image(f"m{i:02d}", 400 - i) for i in range(60)]
    many.append(_image("gone1", 1))
    window = conversation_window(settings, many)
    controller = MediaController(
        api,  # type: ignore[arg-type]
        tmp_path,
        window.conversation_view,
        report=window.show_problem,
        dialog_parent=window,
    )

    async def scenario() -> None:
        window.show()
        await until(lambda: "gone1" in api.asked and "m59" in api.asked)
        await asyncio.sleep(0.3)
        for _ in range(5):
            window.conversation_view.list.viewport().repaint()
            await asyncio.sleep(0.02)
        assert len(api.asked) < 30  # the top of a 61-picture history never scrolled into view
        assert api.asked.count("gone1") == 1
        assert controller.thumbnail({"id": "gone1"}) is None
        window.close()
        await controller.aclose()

    run(qapp, scenario)


def test_downloads_offer_to_open_and_risky_files_only_their_folder(
    qapp: QApplication, settings: Settings, tmp_path: Path
) -> None:
    api = FakeApi(_png())
    document = sample_data._msg("d1", -sample_data.MIN, "document", media_id="media-d1")
    program = sample_data._msg("d2exe", -sample_data.MIN, "document", media_id="media-d2")
    window = conversation_window(settings, [document, program])
    opened: list[QUrl] = []
    downloads = tmp_path / "Descargas"
    controller = MediaController(
        api,  # type: ignore[arg-type]
        downloads,
        window.conversation_view,
        report=window.show_problem,
        dialog_parent=window,
        open_url=opened.append,
    )

    async def box_after(message: dict[str, Any]) -> QMessageBox:
        window.conversation_view.downloadRequested.emit(message)
        box: QMessageBox = await until(lambda: visible_child(window, QMessageBox))
        return box

    async def scenario() -> None:
        window.show()
        box = await box_after(document)
        assert str(downloads / "factura.pdf") in box.text()
        open_button = next(b for b in box.buttons() if b.text() == "Open")
        open_button.click()
        await until(lambda: opened)
        assert opened[-1] == QUrl.fromLocalFile(str(downloads / "factura.pdf"))

        box = await box_after(program)
        assert box.icon() == QMessageBox.Icon.Warning
        names = [b.text() for b in box.buttons()]
        assert "Open" not in names
        next(b for b in box.buttons() if b.text() == "Show in folder").click()
        await until(lambda: len(opened) == 2)
        assert opened[-1] == QUrl.fromLocalFile(str(downloads))
        assert api.saved == [downloads / "factura.pdf", downloads / "x.exe"]
        window.close()
        await controller.aclose()

    run(qapp, scenario)


def test_decoding_refuses_what_is_not_a_picture(qapp: QApplication) -> None:
    assert decode_image(b"not a picture", 100) is None
    big = decode_image(_png(2000, 1000), 360)
    assert big is not None and (big.width(), big.height()) == (360, 180)
    small = decode_image(_png(50, 40), 360)
    assert small is not None and (small.width(), small.height()) == (50, 40)
