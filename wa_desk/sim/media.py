"""Media as the Cloud API serves it: ids, short-lived download URLs, uploads.

- ``GET /{version}/{media-id}`` answers ``{"messaging_product", "url", "mime_type",
  "sha256", "file_size", "id"}`` (served by ``graph_api.get_object``, which asks
  :meth:`MediaStore.describe`).
- ``GET {url}`` with the same bearer token returns the bytes. The URL is signed and
  lives for five minutes, as Meta's ``lookaside.fbsbx.com`` URLs do.
- ``POST /{version}/{phone-number-id}/media`` (multipart: ``file``, ``type``,
  ``messaging_product``) stores an upload and answers ``{"id"}``.
- ``DELETE /{version}/{media-id}`` answers ``{"success": true}``.

Customers' media needs no upload: the first time an id seen in an inbound webhook is
asked for, the store makes a small but real file for it (a PNG drawn here, a one-page
PDF, an Ogg/Opus header stream, an MP4 ``ftyp`` box), the same bytes for the same id.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import random
import re
import struct
import threading
import zlib
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from wa_desk.core.clock import DAY_MS, Millis
from wa_desk.sim import graph_errors as ge
from wa_desk.sim.engine import CloudSimulator
from wa_desk.sim.state import World

URL_TTL_MS = 5 * 60 * 1000  # Meta: "URLs expire after 5 minutes"
INBOUND_TTL_MS = 7 * DAY_MS  # media ids in webhooks expire after 7 days
UPLOAD_TTL_MS = 30 * DAY_MS  # uploaded media persist for 30 days
DOWNLOAD_PATH = "/whatsapp_business/attachments/"
MEDIA_KINDS = ("image", "video", "audio", "document", "sticker")

# Supported media types and their size limits (Meta's "Supported Media Types").
_MB = 1024 * 1024
UPLOAD_LIMITS: dict[str, int] = {
    "audio/aac": 16 * _MB,
    "audio/amr": 16 * _MB,
    "audio/mpeg": 16 * _MB,
    "audio/mp4": 16 * _MB,
    "audio/ogg": 16 * _MB,
    "text/plain": 100 * _MB,
    "application/pdf": 100 * _MB,
    "application/vnd.ms-powerpoint": 100 * _MB,
    "application/msword": 100 * _MB,
    "application/vnd.ms-excel": 100 * _MB,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": 100 * _MB,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": 100 * _MB,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": 100 * _MB,
    "image/jpeg": 5 * _MB,
    "image/png": 5 * _MB,
    "image/webp": 500 * 1024,
    "video/3gpp": 16 * _MB,
    "video/mp4": 16 * _MB,
}


# -- small real files ------------------------------------------------------------------


def png_bytes(width: int, height: int, seed: int = 0) -> bytes:
    """An RGB PNG: a diagonal gradient with a disc, colours chosen by ``seed``."""
    rng = random.Random(seed)
    a = (rng.randrange(40, 200), rng.randrange(40, 200), rng.randrange(40, 200))
    b = (rng.randrange(60, 256), rng.randrange(60, 256), rng.randrange(60, 256))
    disc = (255 - a[0], 255 - a[1], 255 - a[2])
    cx, cy, r2 = width * 0.6, height * 0.45, (min(width, height) * 0.25) ** 2
    rows = bytearray()
    span = max(1, width + height - 2)
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            if (x - cx) ** 2 + (y - cy) ** 2 <= r2:
                rows.extend(disc)
                continue
            t = (x + y) / span
            rows.extend(round(a[i] + (b[i] - a[i]) * t) for i in range(3))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def pdf_bytes(title: str) -> bytes:
    """A valid one-page PDF showing ``title`` (ASCII only, for the built-in font)."""
    text = title.encode("ascii", "replace").replace(b"\\", b"\\\\")
    text = text.replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def _ogg_page(payload: bytes, serial: int, sequence: int, header_type: int) -> bytes:
    lacing = bytes([255] * (len(payload) // 255) + [len(payload) % 255])
    head = (
        b"OggS"
        + struct.pack("<BBqIII", 0, header_type, 0, serial, sequence, 0)
        + bytes([len(lacing)])
        + lacing
    )
    page = head + payload
    crc = _ogg_crc(page)
    return page[:22] + struct.pack("<I", crc) + page[26:]


def ogg_opus_bytes(seed: int = 0) -> bytes:
    """An Ogg stream with Opus identification and comment headers (no audio frames)."""
    serial = seed & 0x7FFFFFFF
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    vendor = b"wa-desk sim"
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 0)
    return _ogg_page(head, serial, 0, 0x02) + _ogg_page(tags, serial, 1, 0x04)


def mp4_bytes() -> bytes:
    """An ISO-BMFF ``ftyp`` box: enough for anything that sniffs the type."""
    brands = b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41"
    return struct.pack(">I", 8 + len(brands)) + b"ftyp" + brands


def customer_file(kind: str, media_id: str, filename: str | None) -> tuple[bytes, str]:
    """The bytes and MIME type the simulator serves for a customer's media of ``kind``."""
    seed = int.from_bytes(hashlib.sha256(media_id.encode()).digest()[:4], "big")
    if kind in ("image", "sticker"):
        return png_bytes(96, 64, seed), "image/png"
    if kind == "document":
        return pdf_bytes(filename or "documento.pdf"), "application/pdf"
    if kind == "audio":
        return ogg_opus_bytes(seed), "audio/ogg"
    return mp4_bytes(), "video/mp4"


# -- the store ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MediaObject:
    id: str
    data: bytes
    mime_type: str
    phone_number_id: str | None
    filename: str | None
    created_ms: Millis
    expires_ms: Millis

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class MediaStore:
    """Every media object the simulated Cloud API knows, by id."""

    def __init__(self, world: World, url_secret: bytes | None = None) -> None:
        self.world = world
        self._secret = url_secret or os.urandom(32)
        self._items: dict[str, MediaObject] = {}
        self._deleted: set[str] = set()
        self._scanned = 0
        self._lock = threading.Lock()
        self.downloads = 0  # download requests served

    def add(
        self,
        data: bytes,
        mime_type: str,
        *,
        phone_number_id: str | None = None,
        filename: str | None = None,
        media_id: str | None = None,
        ttl_ms: Millis = UPLOAD_TTL_MS,
    ) -> MediaObject:
        now = self.world.now_ms()
        obj = MediaObject(
            media_id or self.world.new_id(16),
            bytes(data),
            mime_type,
            phone_number_id,
            filename,
            now,
            now + ttl_ms,
        )
        with self._lock:
            self._items[obj.id] = obj
        return obj

    def get(self, media_id: str) -> MediaObject | None:
        """The live media object with this id, or None (unknown, deleted or expired)."""
        self._scan_webhooks()
        with self._lock:
            obj = self._items.get(media_id)
        if obj is None or obj.expires_ms <= self.world.now_ms():
            return None
        return obj

    def delete(self, media_id: str) -> bool:
        if self.get(media_id) is None:
            return False
        with self._lock:
            self._items.pop(media_id, None)
            self._deleted.add(media_id)
        return True

    def _scan_webhooks(self) -> None:
        """Give every customer media id seen in a webhook since the last look its file."""
        with self._lock:
            bodies = self.world.webhooks[self._scanned :]
            self._scanned += len(bodies)
        for body in bodies:
            for number_id, message in _inbound_messages(body):
                kind = message.get("type")
                section = message.get(kind) if isinstance(kind, str) else None
                if kind not in MEDIA_KINDS or not isinstance(section, dict):
                    continue
                media_id = section.get("id")
                if not isinstance(media_id, str) or media_id in self._items:
                    continue
                if media_id in self._deleted:
                    continue
                name = section.get("filename")
                data, mime = customer_file(kind, media_id, name if isinstance(name, str) else None)
                self.add(
                    data,
                    mime,
                    phone_number_id=number_id,
                    filename=name if isinstance(name, str) else None,
                    media_id=media_id,
                    ttl_ms=INBOUND_TTL_MS,
                )

    # -- download URLs -----------------------------------------------------------------

    def _signature(self, media_id: str, expires_s: int) -> str:
        mac = hmac.new(self._secret, f"{media_id}:{expires_s}".encode(), hashlib.sha256)
        return mac.hexdigest()[:40]

    def signed_url(self, obj: MediaObject, base_url: str) -> str:
        expires_s = (self.world.now_ms() + URL_TTL_MS) // 1000
        query = urlencode(
            {"mid": obj.id, "ext": str(expires_s), "hash": self._signature(obj.id, expires_s)}
        )
        return f"{base_url.rstrip('/')}{DOWNLOAD_PATH}?{query}"

    def redeem(self, mid: str, ext: str, signature: str) -> MediaObject:
        """The object a download URL points at; GraphError when forged, expired or gone."""
        try:
            expires_s = int(ext)
        except ValueError:
            raise _url_invalid() from None
        if not hmac.compare_digest(signature.encode(), self._signature(mid, expires_s).encode()):
            raise _url_invalid()
        if expires_s * 1000 < self.world.now_ms():
            raise ge.GraphError(100, "URL signature expired", status=404, type_="OAuthException")
        obj = self.get(mid)
        if obj is None:
            raise _url_invalid()
        return obj

    def describe(self, media_id: str, request: Request) -> dict[str, Any] | None:
        """The answer to ``GET /{version}/{media-id}``, or None for an unknown id."""
        obj = self.get(media_id)
        if obj is None:
            return None
        wanted = request.query_params.get("phone_number_id")
        if wanted and obj.phone_number_id and wanted != obj.phone_number_id:
            raise ge.invalid_parameter(
                f"Media {media_id} does not belong to phone number {wanted}."
            )
        return {
            "messaging_product": "whatsapp",
            "url": self.signed_url(obj, str(request.base_url)),
            "mime_type": obj.mime_type,
            "sha256": obj.sha256,
            "file_size": len(obj.data),
            "id": obj.id,
        }


def _url_invalid() -> ge.GraphError:
    return ge.GraphError(100, "URL signature mismatch", status=404, type_="OAuthException")


def _inbound_messages(body: Any) -> list[tuple[str | None, dict[str, Any]]]:
    out: list[tuple[str | None, dict[str, Any]]] = []
    for entry in body.get("entry", []) if isinstance(body, dict) else []:
        for change in entry.get("changes", []) if isinstance(entry, dict) else []:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            number = metadata.get("phone_number_id") if isinstance(metadata, dict) else None
            for message in value.get("messages", []) or []:
                if isinstance(message, dict):
                    out.append((number if isinstance(number, str) else None, message))
    return out


# -- multipart -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormPart:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


def parse_multipart(content_type: str, body: bytes) -> dict[str, FormPart]:
    """The parts of a ``multipart/form-data`` body by field name (the first of each)."""
    header = Message()
    header["content-type"] = content_type
    if header.get_content_type() != "multipart/form-data":
        raise ge.invalid_parameter("The request must be multipart/form-data.")
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise ge.invalid_parameter("The multipart body has no boundary.")
    delimiter = b"--" + boundary.encode("latin-1")
    parts: dict[str, FormPart] = {}
    for raw in body.split(delimiter)[1:]:
        if raw.startswith(b"--"):
            break
        raw = raw.removeprefix(b"\r\n")
        head, sep, data = raw.partition(b"\r\n\r\n")
        if not sep:
            continue
        data = data.removesuffix(b"\r\n")
        fields = Message()
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, colon, value = line.partition(":")
            if colon:
                fields[key.strip()] = value.strip()
        name = fields.get_param("name", header="content-disposition")
        if not isinstance(name, str) or name in parts:
            continue
        filename = fields.get_param("filename", header="content-disposition")
        parts[name] = FormPart(
            name,
            filename if isinstance(filename, str) else None,
            fields.get_content_type() if fields.get("content-type") else None,
            data,
        )
    return parts


# -- HTTP ------------------------------------------------------------------------------------


def _authorize(request: Request, sim: CloudSimulator) -> None:
    header = request.headers.get("authorization", "")
    token = (
        header[7:].strip()
        if header.lower().startswith("bearer ")
        else request.query_params.get("access_token", "")
    )
    if not token or not hmac.compare_digest(token.encode(), sim.settings.access_token.encode()):
        raise ge.bad_token()


_VERSION = re.compile(r"^v\d{1,3}\.\d{1,2}$")


def _check_version(version: str, method: str) -> None:
    if not _VERSION.match(version):
        raise ge.unknown_object(version, method)


def media_router(sim: CloudSimulator, store: MediaStore) -> APIRouter:
    """Upload, delete and download; include it before the Graph app's catch-all route."""
    router = APIRouter()

    @router.get(DOWNLOAD_PATH)
    async def download(request: Request) -> Response:
        _authorize(request, sim)
        q = request.query_params
        obj = store.redeem(q.get("mid", ""), q.get("ext", ""), q.get("hash", ""))
        store.downloads += 1
        return Response(
            obj.data,
            media_type=obj.mime_type,
            headers={"Cache-Control": "private, no-store"},
        )

    @router.post("/{version}/{phone_number_id}/media")
    async def upload(version: str, phone_number_id: str, request: Request) -> JSONResponse:
        _check_version(version, "post")
        _authorize(request, sim)
        if phone_number_id not in sim.world.numbers:
            raise ge.unknown_object(phone_number_id, "post")
        form = parse_multipart(request.headers.get("content-type", ""), await request.body())
        product = form.get("messaging_product")
        if product is None:
            raise ge.missing_parameter("messaging_product")
        if product.data.decode("utf-8", "replace").strip() != "whatsapp":
            raise ge.invalid_parameter("messaging_product must be whatsapp.")
        file = form.get("file")
        if file is None or file.filename is None:
            raise ge.missing_parameter("file")
        declared = form.get("type")
        mime = (
            declared.data.decode("utf-8", "replace").strip()
            if declared is not None
            else file.content_type or ""
        )
        base = mime.split(";")[0].strip().lower()
        limit = UPLOAD_LIMITS.get(base)
        if limit is None:
            raise ge.invalid_parameter(
                f"Param file must be a file with one of the following types: "
                f"{', '.join(sorted(UPLOAD_LIMITS))}. Received file of type '{mime}'."
            )
        if not file.data:
            raise ge.business_error(131053, "The uploaded file is empty.")
        if len(file.data) > limit:
            raise ge.business_error(
                131053, f"{base} files can be at most {limit} bytes; got {len(file.data)}."
            )
        obj = store.add(file.data, mime, phone_number_id=phone_number_id, filename=file.filename)
        return JSONResponse({"id": obj.id})

    @router.delete("/{version}/{media_id}")
    async def delete(version: str, media_id: str, request: Request) -> JSONResponse:
        _check_version(version, "delete")
        _authorize(request, sim)
        if not store.delete(media_id):
            raise ge.unknown_object(media_id, "delete")
        return JSONResponse({"success": True})

    return router
