"""Customers' media, fetched from the Cloud API on an agent's request and kept on disk.

Meta hands out media in two steps: ``GET /{version}/{media-id}`` answers a short-lived
``url`` (five minutes) with ``mime_type``, ``sha256`` and ``file_size``; a ``GET`` of
that URL with the same bearer token returns the bytes. Only the hub holds the token, so
the hub does both and gives agents the bytes; neither the token nor Meta's URL ever
leaves it (nor reaches a log line).

Downloads land in ``<media dir>/blobs/<sha256>`` after their hash and size check out;
``<media dir>/ids/`` remembers which blob each media id is, so a second request (or one
after the 7 days Meta keeps customers' media) needs no call to Meta at all, until the
cache's sweep lets the file go (:mod:`wa_desk.hub.media_cache_sweep`: unused too long, or
the least recently used of a cache over its cap).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import mimetypes
import os
import re
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote, urlsplit

import httpx

from wa_desk.core.filenames import safe_filename
from wa_desk.core.media_codes import MediaCode
from wa_desk.hub.db.database import DatabaseUrl, default_sqlite_path
from wa_desk.hub.settings import HubSettings, Secret
from wa_desk.private_files import private_dir, write_private_text
from wa_desk.whatsapp.send_bodies import GraphError, parse_graph_error

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 100 * 1024 * 1024  # Meta's own ceiling (documents)
GONE_REMEMBERED_S = 3600.0  # how long WhatsApp's "no such media" is believed without asking
GONE_REMEMBERED_MAX = 10_000  # media ids remembered so (the oldest forgotten first)
MEDIA_KINDS = ("image", "video", "audio", "document", "sticker")
_CHUNK = 256 * 1024
_MIME = re.compile(r"^[A-Za-z0-9][\w.+-]*/[\w.+-]+(\s*;\s*[\w.+-]+=(\"[^\"\\]*\"|[\w.+-]+))*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "audio/ogg": ".ogg",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/aac": ".aac",
    "audio/amr": ".amr",
    "video/mp4": ".mp4",
    "video/3gpp": ".3gp",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
}
_SUBDIRS = ("ids", "blobs", "tmp")  # index entries, downloaded bytes, downloads under way


class MediaUnavailable(Exception):
    """The media cannot be served; ``status`` is a 4xx or 503, never another 5xx."""

    def __init__(self, status: int, code: MediaCode, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class MediaRef:
    """What a stored message says about its media."""

    media_id: str
    kind: str
    filename: str | None  # as the customer sent it (documents); unsafe
    mime_hint: str | None
    phone_number_id: str | None
    timestamp_ms: int


@dataclass(frozen=True, slots=True)
class MediaFile:
    path: Path
    mime_type: str
    sha256: str
    size: int


def media_ref(message: Mapping[str, Any], phone_number_id: str | None) -> MediaRef | None:
    """The media of a message row (``SELECT * FROM messages``), or None."""
    kind = message["type"]
    try:
        payload = json.loads(message["payload"]) if message["payload"] else {}
    except ValueError:
        payload = {}
    section = payload.get(kind) if isinstance(payload, dict) else None
    section = section if isinstance(section, dict) else {}
    media_id = message["media_id"] or section.get("id")
    if kind not in MEDIA_KINDS or not isinstance(media_id, str) or not media_id.strip():
        return None
    filename, mime = section.get("filename"), section.get("mime_type")
    return MediaRef(
        media_id=media_id.strip(),
        kind=kind,
        filename=filename if isinstance(filename, str) else None,
        mime_hint=mime if isinstance(mime, str) else None,
        phone_number_id=phone_number_id,
        timestamp_ms=int(message["timestamp"]),
    )


def clean_mime(value: str | None) -> str:
    """A MIME type safe to put in a header, or ``application/octet-stream``."""
    if value and len(value) <= 200 and _MIME.match(value.strip()):
        return value.strip()
    return "application/octet-stream"


def extension_for(mime: str) -> str:
    base = mime.split(";")[0].strip().lower()
    return _EXTENSIONS.get(base) or mimetypes.guess_extension(base) or ".bin"


def download_name(ref: MediaRef, mime: str) -> str:
    """The file name agents get: the customer's (sanitized) for documents, else a
    descriptive one such as ``whatsapp-image-20261124-101500.png``."""
    ext = extension_for(mime)
    if ref.kind == "document" and ref.filename:
        name = safe_filename(ref.filename, fallback="document")
        return name if "." in name.lstrip(".") else safe_filename(name + ext)
    when = datetime.fromtimestamp(ref.timestamp_ms / 1000, UTC).strftime("%Y%m%d-%H%M%S")
    return safe_filename(f"whatsapp-{ref.kind}-{when}{ext}")


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the exact name as RFC 5987 UTF-8."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_")
    fallback = fallback.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def default_media_dir(db_url: str) -> Path:
    """Next to the SQLite store; for PostgreSQL, in the hub's data directory."""
    parsed = DatabaseUrl.parse(db_url)
    if parsed.dialect == "sqlite" and parsed.target and parsed.target != ":memory:":
        return Path(parsed.target).parent / "media"
    return default_sqlite_path().parent / "media"


def resolve_media_dir(extra: Mapping[str, Any], env: Mapping[str, str], db_url: str) -> Path:
    """The cache directory: ``media_dir`` in the settings, then ``WA_MEDIA_DIR``, then
    :func:`default_media_dir`."""
    raw_dir = extra.get("media_dir") or env.get("WA_MEDIA_DIR")
    return Path(str(raw_dir)) if raw_dir else default_media_dir(db_url)


def prepare_media_dir(media_dir: Path, db_url: str) -> None:
    """At start: the cache's folders made 0700 if an earlier version left them readable
    by others (missing ones are created 0700 when first needed). The cache folder itself
    is changed only when it is the default one; its subfolders are the hub's own."""
    if not media_dir.is_dir():
        return
    private_dir(media_dir, ours=media_dir == default_media_dir(db_url))
    for sub in _SUBDIRS:
        if (media_dir / sub).is_dir():
            private_dir(media_dir / sub, ours=True)


def blob_path(media_dir: Path, sha256: str) -> Path:
    """Where the bytes with this (already validated) SHA-256 are kept."""
    return media_dir / "blobs" / sha256


def index_path(media_dir: Path, media_id: str) -> Path:
    """Where the cache remembers which blob a media id is."""
    return media_dir / "ids" / (hashlib.sha256(media_id.encode()).hexdigest() + ".json")


def is_blob_name(name: str) -> bool:
    return bool(_SHA256.match(name))


class _RedactQueries(logging.Filter):
    """httpx logs each request's URL at INFO; Meta's media URLs are bearer-only secrets
    for five minutes, so their query strings are cut from those lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(
                a.copy_with(query=None) if isinstance(a, httpx.URL) and a.query else a
                for a in record.args
            )
        return True


_redactor = _RedactQueries()


def _install_redactor() -> None:
    logger = logging.getLogger("httpx")
    if _redactor not in logger.filters:
        logger.addFilter(_redactor)


class MediaFetcher:
    """Resolves and downloads media ids with the hub's token; one per hub."""

    def __init__(
        self,
        graph_url: str,
        api_version: str,
        token: Secret,
        media_dir: Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = 60.0,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._base = f"{graph_url.rstrip('/')}/{api_version}"
        self._token = token
        self.media_dir = media_dir
        self.max_bytes = max_bytes
        self._timeout = httpx.Timeout(timeout, connect=10.0)
        self._transport = transport
        # Loading the trusted certificates takes tens of milliseconds of CPU: once per
        # hub, not once per download.
        self._tls = httpx.create_ssl_context()
        self._locks: dict[str, list[Any]] = {}  # media id -> [lock, users]
        self.graph_calls = 0  # requests sent to Meta (metadata and downloads)
        # Media ids WhatsApp said it no longer has, and when: a desktop asking again
        # (a thumbnail retried, an agent clicking twice) is answered without asking Meta.
        self._gone: OrderedDict[str, float] = OrderedDict()
        self._clock = clock
        _install_redactor()

    @classmethod
    def from_settings(cls, settings: HubSettings) -> MediaFetcher:
        """``media_max_bytes`` and ``media_dir`` come from ``settings.extra``, then from
        ``WA_MEDIA_MAX_BYTES`` and ``WA_MEDIA_DIR``."""
        extra = settings.extra
        raw_max = extra.get("media_max_bytes") or os.environ.get("WA_MEDIA_MAX_BYTES")
        try:
            max_bytes = int(raw_max) if raw_max else DEFAULT_MAX_BYTES
        except ValueError:
            log.warning("media_max_bytes %r is not a number; using 100 MB", raw_max)
            max_bytes = DEFAULT_MAX_BYTES
        media_dir = resolve_media_dir(extra, os.environ, settings.db)
        return cls(
            settings.graph_url,
            settings.api_version,
            settings.access_token,
            media_dir,
            max_bytes=max(1, max_bytes),
        )

    # -- the cache ---------------------------------------------------------------------

    def _blob(self, sha256: str) -> Path:
        return blob_path(self.media_dir, sha256)

    def _index(self, media_id: str) -> Path:
        return index_path(self.media_dir, media_id)

    def _subdir(self, name: str) -> Path:
        """One of the cache's folders, 0700 (the cache folder created 0700 if missing)."""
        private_dir(self.media_dir, ours=False)
        return private_dir(self.media_dir / name, ours=True)

    def _cached(self, media_id: str) -> MediaFile | None:
        """The cached file of ``media_id``, its use recorded: the blob's and the index
        entry's modification times are what the cache's sweep evicts by
        (:mod:`wa_desk.hub.media_cache_sweep`)."""
        index = self._index(media_id)
        try:
            entry = json.loads(index.read_text(encoding="utf-8"))
            sha, mime, size = entry["sha256"], entry["mime_type"], int(entry["size"])
            path = self._blob(sha)
            if _SHA256.match(sha) and path.stat().st_size == size:
                _touch(path)
                _touch(index)
                return MediaFile(path, clean_mime(mime), sha, size)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def _remember(self, media_id: str, file: MediaFile) -> None:
        index = self._index(media_id)
        self._subdir(index.parent.name)
        entry = {"sha256": file.sha256, "mime_type": file.mime_type, "size": file.size}
        write_private_text(index, json.dumps(entry))

    # -- fetching ----------------------------------------------------------------------

    async def fetch(self, ref: MediaRef) -> MediaFile:
        """The media on local disk, downloading it first if needed."""
        # One download per media id at a time; whoever waits then finds it cached.
        entry = self._locks.setdefault(ref.media_id, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                cached = await asyncio.to_thread(self._cached, ref.media_id)
                if cached is not None:
                    if cached.size > self.max_bytes:
                        raise _too_large(cached.size, self.max_bytes)
                    return cached
                self._check_not_gone(ref.media_id)
                try:
                    file = await self._download(ref)
                except MediaUnavailable as exc:
                    if exc.code == MediaCode.MEDIA_GONE:
                        self._note_gone(ref.media_id)
                    raise
                await asyncio.to_thread(self._remember, ref.media_id, file)
                return file
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                self._locks.pop(ref.media_id, None)

    def _check_not_gone(self, media_id: str) -> None:
        said = self._gone.get(media_id)
        if said is None:
            return
        if self._clock() - said < GONE_REMEMBERED_S:
            raise _gone()
        del self._gone[media_id]

    def _note_gone(self, media_id: str) -> None:
        self._gone[media_id] = self._clock()
        self._gone.move_to_end(media_id)
        while len(self._gone) > GONE_REMEMBERED_MAX:
            self._gone.popitem(last=False)

    async def open(self, ref: MediaRef) -> tuple[MediaFile, BinaryIO]:
        """The media and its bytes opened for reading, downloading it first if needed.
        Served from the open file, a blob the cache's sweep deletes meanwhile is still
        sent whole; one deleted between the fetch and the opening is fetched again."""
        for _attempt in range(2):
            file = await self.fetch(ref)
            try:
                handle = await asyncio.to_thread(file.path.open, "rb")
            except FileNotFoundError:
                continue
            return file, handle
        raise MediaUnavailable(
            503, MediaCode.CACHE_BUSY, "The hub's media cache is busy; try again."
        )

    async def _download(self, ref: MediaRef) -> MediaFile:
        headers = {"Authorization": f"Bearer {self._token.reveal()}"}
        async with httpx.AsyncClient(
            timeout=self._timeout,
            transport=self._transport,
            verify=self._tls,
            follow_redirects=False,
        ) as http:
            for attempt in range(2):
                info = await self._resolve(http, headers, ref)
                try:
                    return await self._get_bytes(http, headers, ref, info)
                except _UrlExpired:
                    # The five minutes ran out between the two calls: ask for a new URL.
                    if attempt == 1:
                        raise MediaUnavailable(
                            503,
                            MediaCode.WHATSAPP_UNAVAILABLE,
                            "WhatsApp refused the download link.",
                        ) from None
        raise AssertionError("unreachable")

    async def _resolve(
        self, http: httpx.AsyncClient, headers: dict[str, str], ref: MediaRef
    ) -> dict[str, Any]:
        params = {"phone_number_id": ref.phone_number_id} if ref.phone_number_id else None
        self.graph_calls += 1
        try:
            response = await http.get(
                f"{self._base}/{quote(ref.media_id, safe='')}", params=params, headers=headers
            )
        except httpx.HTTPError as exc:
            log.warning("media %s: WhatsApp unreachable (%s)", ref.media_id, type(exc).__name__)
            raise MediaUnavailable(
                503, MediaCode.WHATSAPP_UNREACHABLE, "The hub could not reach WhatsApp; try again."
            ) from None
        payload = _json_or_none(response)
        if response.status_code != 200 or not isinstance(payload, dict):
            raise _refusal(ref, parse_graph_error(response.status_code, payload))
        url = payload.get("url")
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            log.warning("media %s: WhatsApp answered without a usable URL", ref.media_id)
            raise MediaUnavailable(
                503, MediaCode.WHATSAPP_ERROR, "WhatsApp did not say where the file is."
            )
        size = _int(payload.get("file_size"))
        if size is not None and size > self.max_bytes:
            raise _too_large(size, self.max_bytes)
        return payload

    async def _get_bytes(
        self, http: httpx.AsyncClient, headers: dict[str, str], ref: MediaRef, info: dict[str, Any]
    ) -> MediaFile:
        expected_sha = str(info.get("sha256") or "").lower()
        expected_size = _int(info.get("file_size"))
        mime = clean_mime(info.get("mime_type") or ref.mime_hint)
        tmp_dir = await asyncio.to_thread(self._subdir, "tmp")
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, suffix=".part")
        tmp = Path(tmp_name)
        digest, size = hashlib.sha256(), 0
        try:
            with os.fdopen(fd, "wb") as out:
                self.graph_calls += 1
                try:
                    async with http.stream("GET", info["url"], headers=headers) as response:
                        if response.status_code != 200:
                            await response.aread()
                            self._download_refused(ref, response)
                        async for chunk in response.aiter_bytes(_CHUNK):
                            size += len(chunk)
                            if size > self.max_bytes:
                                raise _too_large(size, self.max_bytes)
                            digest.update(chunk)
                            await asyncio.to_thread(out.write, chunk)
                except httpx.HTTPError as exc:
                    log.warning(
                        "media %s: download interrupted (%s)", ref.media_id, type(exc).__name__
                    )
                    raise MediaUnavailable(
                        503, MediaCode.WHATSAPP_UNREACHABLE, "The download from WhatsApp broke off."
                    ) from None
            sha = digest.hexdigest()
            if (_SHA256.match(expected_sha) and sha != expected_sha) or (
                expected_size is not None and size != expected_size
            ):
                log.warning("media %s: downloaded bytes do not match their hash", ref.media_id)
                raise MediaUnavailable(
                    503,
                    MediaCode.MEDIA_CORRUPT,
                    "The file arrived damaged from WhatsApp; try again.",
                )
            target = self._blob(sha)
            await asyncio.to_thread(self._subdir, target.parent.name)
            # The temporary file was created 0600 (mkstemp): so is the blob.
            await asyncio.to_thread(os.replace, tmp, target)
            log.info("media %s: %d bytes stored as %s", ref.media_id, size, sha[:12])
            return MediaFile(target, mime, sha, size)
        finally:
            await asyncio.to_thread(_discard, tmp)

    def _download_refused(self, ref: MediaRef, response: httpx.Response) -> None:
        error = parse_graph_error(response.status_code, _json_or_none(response))
        if response.status_code == 404 or (error.code == 100 and response.status_code != 401):
            log.info("media %s: download link refused (%s)", ref.media_id, error.title)
            raise _UrlExpired
        raise _refusal(ref, error)


class _UrlExpired(Exception):
    pass


def _refusal(ref: MediaRef, error: GraphError) -> MediaUnavailable:
    """A Graph refusal as the hub answers it: 410 for media Meta no longer has, 503 for
    anything the hub's operators must fix or that may pass."""
    log.warning(
        "media %s: WhatsApp refused (HTTP %s, code %s: %s)",
        ref.media_id,
        error.http_status,
        error.code,
        error.title,
    )
    if error.code == 100 or error.http_status == 404:
        return _gone()
    if error.code in (190, 10, 200) or error.http_status in (401, 403):
        return MediaUnavailable(
            503,
            MediaCode.WHATSAPP_AUTH,
            "WhatsApp refused the hub's access token; an administrator must renew it.",
        )
    if error.code in (4, 80007, 130429) or error.http_status == 429:
        return MediaUnavailable(
            503, MediaCode.WHATSAPP_BUSY, "WhatsApp is limiting requests; try again in a minute."
        )
    return MediaUnavailable(
        503, MediaCode.WHATSAPP_ERROR, f"WhatsApp could not serve the file: {error.title}"
    )


def _gone() -> MediaUnavailable:
    return MediaUnavailable(
        410,
        MediaCode.MEDIA_GONE,
        "This file is no longer available from WhatsApp: it keeps customers' files for "
        "7 days, and this hub no longer holds a copy. Ask the customer to send it again.",
    )


def _too_large(size: int, limit: int) -> MediaUnavailable:
    return MediaUnavailable(
        413,
        MediaCode.MEDIA_TOO_LARGE,
        f"The file is {size} bytes; this hub serves media up to {limit} bytes.",
    )


def _touch(path: Path) -> None:
    """Record a use of a cached file (a read-only cache still serves)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    return None


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
