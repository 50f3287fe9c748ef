"""Videos, voice notes and stickers in the conversation view (offscreen): a video gets a
tile with a film pictogram and an "Open" button that saves the file through the usual
download path and opens it in the system's player; format, length and size show when
WhatsApp says them; a webp sticker decodes as a picture."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from desktop_driver import conversation_window, run, until, visible_child
from PySide6.QtCore import QBuffer, QIODevice, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleOptionViewItem

from devtools import sample_data
from wa_desk.ui.conversation.message_content import describe, duration_text, file_size_text
from wa_desk.ui.media.controller import MediaController, decode_image
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow


def _video(mid: str, **section: Any) -> dict[str, Any]:
    video = {"id": f"media-{mid}", "mime_type": "video/mp4", **section}
    return sample_data._msg(
        mid,
        -sample_data.MIN,
        "video",
        text="Así llegó la caja",
        media_id=f"media-{mid}",
        payload={"type": "video", "video": video},
    )


class SavingApi:
    """The HubApi call the controller makes to save a file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.saved: list[Path] = []

    async def download_media(self, conversation_id: str, message_id: str, dest_dir: Path) -> Path:
        path = await asyncio.to_thread(_save, dest_dir / self.name)
        self.saved.append(path)
        return path


def _save(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0\0\0\x18ftypmp42")  # the start of an MP4
    return path


def _tile_centre(window: MainWindow) -> QPoint:
    """Where the last message's media tile is, in the list's viewport."""
    view = window.conversation_view
    index = view.list.model().index(view.list.model().rowCount() - 1, 0)
    option = QStyleOptionViewItem()
    view.list.initViewItemOption(option)
    option.rect = view.list.visualRect(index)
    lay = view.delegate.layout(option, index)
    assert lay.thumb is not None
    return option.rect.topLeft() + lay.thumb.center()


# -- display data -------------------------------------------------------------------------


def test_what_a_video_says_about_itself() -> None:
    full = describe(_video("v1", duration=37, file_size=2_400_000))
    assert full.label == "Video" and full.body == "Así llegó la caja"
    assert full.details == ("MP4 · 0:37 · 2.4 MB",)
    assert full.thumbnail_slot and full.openable and full.downloadable
    bare = describe(_video("v2"))
    assert bare.details == ()  # the format alone is not worth a line
    assert bare.openable
    gone = describe({**_video("v3"), "media_id": None, "payload": {"video": {}}})
    assert not gone.openable and not gone.downloadable
    voice = describe(
        sample_data._msg(
            "a1",
            -sample_data.MIN,
            "audio",
            media_id="media-a1",
            payload={"audio": {"id": "m", "voice": True, "mime_type": "audio/ogg; codecs=opus"}},
        )
    )
    assert voice.label == "Voice message" and voice.openable and not voice.thumbnail_slot


@pytest.mark.parametrize(
    ("seconds", "text"), [(0.4, "0:00"), (7, "0:07"), (125, "2:05"), (3723, "1:02:03")]
)
def test_durations(seconds: float, text: str) -> None:
    assert duration_text(seconds) == text


@pytest.mark.parametrize(
    ("size", "text"),
    [(900, "900 B"), (12_345, "12 KB"), (2_400_000, "2.4 MB"), (3 * 10**9, "3.0 GB")],
)
def test_sizes(size: int, text: str) -> None:
    assert file_size_text(size) == text


def test_a_webp_sticker_decodes_as_a_picture() -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor(30, 160, 60))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "WEBP")
    decoded = decode_image(bytes(buffer.data().data()), 360)
    assert decoded is not None and decoded.size() == image.size()


# -- the tile -----------------------------------------------------------------------------


def test_a_video_tile_opens_the_saved_file_in_the_system_player(
    qapp: QApplication, settings: Settings, tmp_path: Path
) -> None:
    window = conversation_window(settings, [_video("v1", duration=37, file_size=2_400_000)])
    opened: list[QUrl] = []
    api = SavingApi("video.mp4")
    downloads = tmp_path / "Descargas"
    controller = MediaController(
        api,  # type: ignore[arg-type]
        downloads,
        window.conversation_view,
        report=window.show_problem,
        dialog_parent=window,
        open_url=opened.append,
    )

    async def scenario() -> None:
        window.show()
        await asyncio.sleep(0.05)
        QApplication.processEvents()
        assert not window.grab().isNull()  # painted, tile included, before the click
        viewport = window.conversation_view.list.viewport()
        QTest.mouseClick(
            viewport,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            _tile_centre(window),
        )
        await until(lambda: opened)
        assert opened == [QUrl.fromLocalFile(str(downloads / "video.mp4"))]
        assert api.saved == [downloads / "video.mp4"]
        window.close()
        await controller.aclose()

    run(qapp, scenario)


def test_a_video_that_could_run_code_is_only_shown_in_its_folder(
    qapp: QApplication, settings: Settings, tmp_path: Path
) -> None:
    window = conversation_window(settings, [_video("v1")])
    opened: list[QUrl] = []
    api = SavingApi("video.exe")
    controller = MediaController(
        api,  # type: ignore[arg-type]
        tmp_path,
        window.conversation_view,
        report=window.show_problem,
        dialog_parent=window,
        open_url=opened.append,
    )

    async def scenario() -> None:
        window.show()
        await asyncio.sleep(0.05)
        window.conversation_view.mediaOpenRequested.emit(_video("v1"))
        box: QMessageBox = await until(lambda: visible_child(window, QMessageBox))
        assert opened == []  # never run
        assert "can run programs" in box.informativeText()
        box.close()
        window.close()
        await controller.aclose()

    run(qapp, scenario)
