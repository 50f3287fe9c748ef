"""Customers' media in the desktop app: picture thumbnails, full-size pictures, downloads.

- Thumbnails are fetched when a picture row is painted (so only rows on screen ask),
  one request per message, decoded and scaled in a worker thread, kept in a small
  in-memory cache; the view repaints when one arrives. A failed one is retried later,
  not on every repaint.
- Clicking a thumbnail opens the picture full size (decoded off the UI thread too).
- "Download" saves the file into the Downloads folder under a safe, non-clobbering name
  and offers to open it; files that could run code (``.exe``, ``.one``, ``.iso``...:
  ``wa_desk.core.risky_files``) are only shown in their folder, never opened from here.
- A video's tile (and anything else marked openable) saves the file the same way and
  opens it at once in the computer's own player: the app has no player of its own.

Self-contained: the desktop app builds one for the conversation pane (any ``MediaPane``)
and gives it each session's ``HubApi``; nothing else needs to know it exists.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QDesktopServices, QImage, QImageReader
from PySide6.QtWidgets import QMessageBox, QWidget

from wa_desk.client.errors import HubError
from wa_desk.core.background import BackgroundTasks
from wa_desk.core.risky_files import runs_code
from wa_desk.ui.app.problems import ProblemKind, problem_of
from wa_desk.ui.common.media_types import PICTURE_TYPES
from wa_desk.ui.media.viewer import MediaImageDialog

if TYPE_CHECKING:
    from wa_desk.client.hub_api import HubApi

Report = Callable[[str, str], Any]  # a problem's kind and detail, for the problems bar


class MediaPane(Protocol):
    """What the controller needs of the pane that shows messages."""

    @property
    def downloadRequested(self) -> SignalInstance: ...
    @property
    def thumbnailRequested(self) -> SignalInstance: ...
    @property
    def pictureOpenRequested(self) -> SignalInstance: ...
    @property
    def mediaOpenRequested(self) -> SignalInstance: ...
    def set_thumbnail_provider(
        self, provider: Callable[[dict[str, Any]], QImage | None]
    ) -> None: ...
    def thumbnails_changed(self) -> None: ...


log = logging.getLogger(__name__)

THUMBNAIL_PX = 360  # longest side kept in memory (covers the slot on 2x screens)
THUMBNAIL_CACHE = 100  # thumbnails kept (at most ~0.5 MB each)
MAX_PICTURE_BYTES = 16 * 1024 * 1024  # WhatsApp images are at most 5 MB
MAX_PICTURE_PIXELS = 80_000_000  # refuse decompression bombs before decoding
FULL_SIZE_PX = 4096
RETRY_AFTER_S = 60.0


def default_downloads_dir() -> Path:
    """The user's Downloads folder (``QStandardPaths.DownloadLocation``)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return Path(location) if location else Path.home() / "Downloads"


def decode_image(data: bytes, max_side: int | None) -> QImage | None:
    """Decode ``data`` (any thread), scaled to fit ``max_side``; None if not a picture."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    try:
        reader = QImageReader(buffer)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            if size.width() * size.height() > MAX_PICTURE_PIXELS:
                return None
            if max_side is not None and max(size.width(), size.height()) > max_side:
                reader.setScaledSize(
                    size.scaled(QSize(max_side, max_side), Qt.AspectRatioMode.KeepAspectRatio)
                )
        image = reader.read()
    finally:
        buffer.close()
    if image.isNull():
        return None
    if max_side is not None and max(image.width(), image.height()) > max_side:
        # Formats that cannot scale while decoding.
        image = image.scaled(
            max_side,
            max_side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


def is_risky(path: Path) -> bool:
    """Files that could run code (``wa_desk.core.risky_files``) are only shown in their
    folder, never opened from here."""
    return runs_code(path.name)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MediaController", text)


class MediaController(QObject):
    thumbnailReady = Signal(str)  # message id

    def __init__(
        self,
        api: HubApi | None,
        downloads_dir: Path | None,
        pane: MediaPane,
        *,
        report: Report,
        dialog_parent: QWidget | None = None,
        open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(dialog_parent)
        self.api = api
        self.downloads_dir = downloads_dir or default_downloads_dir()
        self._report = report
        self._dialog_parent = dialog_parent
        self.open_url = open_url
        self._thumbs: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._failed_at: dict[str, float] = {}
        self._tasks = BackgroundTasks()
        pane.downloadRequested.connect(self.download)
        pane.thumbnailRequested.connect(self.request_thumbnail)
        pane.pictureOpenRequested.connect(self.open_picture)
        pane.mediaOpenRequested.connect(self.open_media)
        pane.set_thumbnail_provider(self.thumbnail)
        self.thumbnailReady.connect(lambda _id: pane.thumbnails_changed())

    # -- session -------------------------------------------------------------------------

    def set_api(self, api: HubApi | None) -> None:
        """A new session (sign-in again): requests go through ``api`` from now on."""
        self.api = api
        self._failed_at.clear()

    async def aclose(self) -> None:
        await self._tasks.cancel_all()

    def _spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        return self._tasks.spawn(coro, name)

    # -- thumbnails ----------------------------------------------------------------------

    def thumbnail(self, message: dict[str, Any]) -> QImage | None:
        """The cached thumbnail of a picture message, or None (the delegate then asks)."""
        image = self._thumbs.get(str(message.get("id")))
        if image is not None:
            self._thumbs.move_to_end(str(message["id"]))
        return image

    def request_thumbnail(self, message: dict[str, Any]) -> None:
        mid = str(message.get("id") or "")
        if not mid or mid in self._pending or mid in self._thumbs or self.api is None:
            return
        if message.get("type") not in PICTURE_TYPES or not message.get("conversation_id"):
            return
        failed = self._failed_at.get(mid)
        if failed is not None and time.monotonic() - failed < RETRY_AFTER_S:
            return
        self._pending.add(mid)
        self._spawn(self._load_thumbnail(dict(message)), f"thumbnail {mid}")

    async def _load_thumbnail(self, message: dict[str, Any]) -> None:
        mid = str(message["id"])
        try:
            image = await self._picture(message, THUMBNAIL_PX)
        except (HubError, OSError) as exc:
            log.info("no thumbnail for %s: %s", mid, exc)
            image = None
        finally:
            self._pending.discard(mid)
        if image is None:
            self._failed_at[mid] = time.monotonic()
            return
        self._failed_at.pop(mid, None)
        self._thumbs[mid] = image
        while len(self._thumbs) > THUMBNAIL_CACHE:
            self._thumbs.popitem(last=False)
        self.thumbnailReady.emit(mid)

    async def _picture(self, message: dict[str, Any], max_side: int) -> QImage | None:
        api = self.api
        if api is None:
            return None
        data, _type = await api.media_bytes(
            str(message["conversation_id"]), str(message["id"]), MAX_PICTURE_BYTES
        )
        return await asyncio.to_thread(decode_image, data, max_side)

    # -- full size -----------------------------------------------------------------------

    def open_picture(self, message: dict[str, Any]) -> None:
        if self.api is not None and message.get("conversation_id"):
            self._spawn(self._open_picture(dict(message)), f"picture {message.get('id')}")

    async def _open_picture(self, message: dict[str, Any]) -> MediaImageDialog | None:
        try:
            image = await self._picture(message, FULL_SIZE_PX)
        except (HubError, OSError) as exc:
            self._problem(exc)
            return None
        if image is None:
            self._say(_tr("The picture could not be shown: it is damaged or not a picture."))
            return None
        dialog = MediaImageDialog(image, message.get("text") or _tr("Picture"), self._dialog_parent)
        dialog.show()
        return dialog

    # -- downloads -----------------------------------------------------------------------

    def download(self, message: dict[str, Any]) -> None:
        if self.api is None or not message.get("id") or not message.get("conversation_id"):
            return
        self._spawn(self._download(dict(message)), f"download {message.get('id')}")

    async def _download(self, message: dict[str, Any]) -> Path | None:
        path = await self._save(message)
        if path is not None:
            self._offer_to_open(path)
        return path

    async def _save(self, message: dict[str, Any]) -> Path | None:
        """The message's file in the downloads folder (name sanitized), or None, said."""
        api = self.api
        if api is None:
            return None
        try:
            path = await api.download_media(
                str(message["conversation_id"]), str(message["id"]), self.downloads_dir
            )
        except (HubError, OSError) as exc:
            self._problem(exc)
            return None
        return path

    def open_media(self, message: dict[str, Any]) -> None:
        """Save a video (or voice note) and open it in the system's player."""
        if self.api is None or not message.get("id") or not message.get("conversation_id"):
            return
        self._spawn(self._open_media(dict(message)), f"open {message.get('id')}")

    async def _open_media(self, message: dict[str, Any]) -> Path | None:
        path = await self._save(message)
        if path is None:
            return None
        if is_risky(path):
            self._offer_to_open(path)  # says what it is; shows the folder, never runs it
        else:
            self.open_url(QUrl.fromLocalFile(str(path)))
        return path

    def _offer_to_open(self, path: Path) -> QMessageBox:
        risky = is_risky(path)
        box = QMessageBox(self._dialog_parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Warning if risky else QMessageBox.Icon.Information)
        box.setWindowTitle(_tr("Download complete"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(_tr("Saved as %1").replace("%1", str(path)))
        if risky:
            box.setInformativeText(
                _tr(
                    "This kind of file can run programs. It was not opened; check it "
                    "before you open it."
                )
            )
        open_button = box.addButton(
            _tr("Show in folder") if risky else _tr("Open"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Close)
        target = path.parent if risky else path

        def clicked(button: Any) -> None:
            if button is open_button:
                self.open_url(QUrl.fromLocalFile(str(target)))

        box.buttonClicked.connect(clicked)
        box.setObjectName("mediaDownloadedBox")
        box.open()
        return box

    # -- problems ------------------------------------------------------------------------

    def _problem(self, exc: Exception) -> None:
        if isinstance(exc, HubError) or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
            kind, text = problem_of(exc)
        else:
            kind = ProblemKind.OTHER
            text = _tr("The file could not be saved in %1: %2").replace(
                "%1", str(self.downloads_dir)
            )
            detail = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
            text = text.replace("%2", detail)
        self._report(kind, text)

    def _say(self, text: str) -> None:
        self._report(ProblemKind.OTHER, text)
