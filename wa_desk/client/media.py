"""Customers' files from the hub: saved safely into a folder, or read into memory.

The name comes from the hub's ``Content-Disposition`` and is sanitized again here (the
hub is trusted, the customer who named the file is not): one path component inside
the chosen folder, no control or bidirectional characters, no reserved Windows names,
short enough for every file system, and never over an existing file (``x.pdf``,
``x (1).pdf``, ...). Bytes go to a hidden temporary file first, so a broken download
never leaves a half file under the real name. On Windows every saved file gets the Mark
of the Web (``wa_desk.client.mark_of_the_web``), as a browser's downloads do.
"""

from __future__ import annotations

import asyncio
import contextlib
import mimetypes
import os
import tempfile
from email.message import Message
from email.utils import collapse_rfc2231_value
from pathlib import Path
from urllib.parse import quote

import httpx

from wa_desk.client.errors import HubError, Refused
from wa_desk.client.mark_of_the_web import mark_from_internet
from wa_desk.core.filenames import safe_filename

MAX_NAME_BYTES = 200  # most file systems allow 255 bytes per name; leave room for " (n)"
_CHUNK = 256 * 1024


def media_path(conversation_id: str, message_id: str) -> str:
    return (
        f"/api/v1/conversations/{quote(conversation_id, safe='')}"
        f"/messages/{quote(message_id, safe='')}/media"
    )


def filename_from_disposition(header: str | None) -> str | None:
    """The file name of a ``Content-Disposition`` (``filename*`` preferred), unsanitized."""
    if not header:
        return None
    try:
        message = Message()
        message["content-disposition"] = header
        params = message.get_params(header="content-disposition") or []
        # ``filename*`` (RFC 5987, UTF-8) comes back as a (charset, language, text) tuple;
        # ``get_filename`` would take the ASCII fallback ("albar_n.pdf") when both are set.
        names: list[object] = [value for key, value in params if key.lower() == "filename"]
        chosen = next((v for v in names if isinstance(v, tuple)), names[0] if names else None)
        name = collapse_rfc2231_value(chosen) if isinstance(chosen, str | tuple) else None
    except (ValueError, TypeError, LookupError):
        return None
    return name if isinstance(name, str) and name else None


def _split(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return name, ""
    return stem, "." + ext


def fit_bytes(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """``name`` cut (keeping its extension) to at most ``limit`` bytes of UTF-8."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, ext = _split(name)
    room = max(1, limit - len(ext.encode("utf-8")))
    cut = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .") or "file"
    return cut + ext


def local_name(header: str | None, content_type: str | None) -> str:
    """A safe file name for a download from its headers."""
    raw = filename_from_disposition(header)
    mime = (content_type or "").split(";")[0].strip().lower()
    ext = (mimetypes.guess_extension(mime) or "") if mime else ""
    return fit_bytes(safe_filename(raw, fallback=f"download{ext}"))


def place(tmp: Path, dest_dir: Path, name: str) -> Path:
    """Move ``tmp`` into ``dest_dir`` as ``name``, or ``name (1)``, ``name (2)``...:
    each candidate is claimed with an exclusive create, so nothing is ever overwritten,
    even by two downloads racing for the same name."""
    folder = dest_dir.resolve()
    stem, ext = _split(name)
    for n in range(10_000):
        candidate = folder / (name if n == 0 else f"{stem} ({n}){ext}")
        if candidate.parent != folder:  # cannot happen after sanitizing; never trust it
            raise ValueError(f"{name!r} is not a plain file name")
        try:
            # Claimed private, and private it stays: the bytes replace it from a 0600
            # temporary file (customers' files are for this account only).
            fd = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        os.replace(tmp, candidate)
        return candidate
    raise FileExistsError(f"too many files named like {name!r} in {folder}")


async def download_to(
    http: httpx.AsyncClient,
    path: str,
    headers: dict[str, str],
    dest_dir: Path,
    *,
    max_bytes: int | None = None,
) -> Path:
    """Stream ``GET path`` into ``dest_dir``; the saved file's path.

    Raises ``HubError`` subclasses for HTTP answers and ``OSError`` for the disk.
    """
    from wa_desk.client.hub_api import response_error, transport_error

    await asyncio.to_thread(dest_dir.mkdir, parents=True, exist_ok=True)
    fd, tmp_name = await asyncio.to_thread(
        tempfile.mkstemp, ".part", ".wa-desk-download-", str(dest_dir)
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                async with http.stream("GET", path, headers=headers) as response:
                    if response.status_code >= 400:
                        await response.aread()
                        raise response_error(response)
                    name = local_name(
                        response.headers.get("content-disposition"),
                        response.headers.get("content-type"),
                    )
                    size = 0
                    async for chunk in response.aiter_bytes(_CHUNK):
                        size += len(chunk)
                        if max_bytes is not None and size > max_bytes:
                            raise _too_large(max_bytes)
                        await asyncio.to_thread(out.write, chunk)
            except httpx.TransportError as exc:
                raise transport_error(exc) from exc
        saved = await asyncio.to_thread(place, tmp, dest_dir, name)
        await asyncio.to_thread(mark_from_internet, saved)
        return saved
    finally:
        await asyncio.to_thread(_discard, tmp)


async def read_bytes(
    http: httpx.AsyncClient, path: str, headers: dict[str, str], *, max_bytes: int
) -> tuple[bytes, str]:
    """``GET path`` into memory (at most ``max_bytes``): the body and its content type."""
    from wa_desk.client.hub_api import response_error, transport_error

    try:
        async with http.stream("GET", path, headers=headers) as response:
            if response.status_code >= 400:
                await response.aread()
                raise response_error(response)
            declared = response.headers.get("content-length", "")
            if declared.isdecimal() and int(declared) > max_bytes:
                raise _too_large(max_bytes)
            body = bytearray()
            async for chunk in response.aiter_bytes(_CHUNK):
                body += chunk
                if len(body) > max_bytes:
                    raise _too_large(max_bytes)
            return bytes(body), response.headers.get("content-type", "")
    except httpx.TransportError as exc:
        raise transport_error(exc) from exc


def _too_large(limit: int) -> HubError:
    return Refused(413, "media_too_large", f"The file is larger than {limit} bytes.")


def _discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
