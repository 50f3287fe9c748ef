"""The media cache's part of a retention purge: the cached files of purged messages.

A purged message's index entry (``ids/<hash of its media id>.json``) goes, and so does
its blob (``blobs/<sha256>``) unless a kept message's entry still names it (the same
sticker or photo sent twice shares one blob). Only regular files directly inside the
cache's ``ids/`` and ``blobs/`` directories are ever removed: a blob name that is not a
SHA-256, a directory that resolves outside the cache or a symbolic link is left alone,
so a tampered index cannot make the hub delete anything else. The cache's sweep
(:mod:`wa_desk.hub.media_cache_sweep`) holds itself to the same checks, with the helpers
below.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wa_desk.hub.media import blob_path, index_path, is_blob_name

log = logging.getLogger(__name__)


@dataclass
class CachedMedia:
    """Files of the cache that belong only to purged messages."""

    indexes: list[Path] = field(default_factory=list)
    blobs: list[Path] = field(default_factory=list)


def purged_files(media_dir: Path, media_ids: Iterable[str]) -> CachedMedia:
    """What removing ``media_ids`` from the cache at ``media_dir`` would delete."""
    found = CachedMedia()
    ids_dir, blobs_dir = media_dir / "ids", media_dir / "blobs"
    if not inside_cache(ids_dir, media_dir):
        return found
    candidates: set[str] = set()
    for media_id in sorted(set(media_ids)):
        index = index_path(media_dir, media_id)
        if not regular_file(index):
            continue
        found.indexes.append(index)
        sha = blob_of(index)
        if sha is not None:
            candidates.add(sha)
    if not candidates or not inside_cache(blobs_dir, media_dir):
        return found
    purged = set(found.indexes)
    for other in ids_dir.glob("*.json"):
        if other not in purged:
            candidates.discard(blob_of(other) or "")
    for sha in sorted(candidates):
        blob = blob_path(media_dir, sha)
        if regular_file(blob):
            found.blobs.append(blob)
    return found


def remove(files: CachedMedia) -> int:
    """Delete ``files``; the number of blobs deleted. A file already gone is not an error;
    one that cannot be deleted is logged and left."""
    removed = 0
    for path in [*files.indexes, *files.blobs]:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("retention: cannot delete cached media %s: %s", path, exc)
            continue
        if path in files.blobs:
            removed += 1
    return removed


def blob_of(index: Path) -> str | None:
    """The blob an index entry names, if it is a well-formed SHA-256."""
    try:
        sha = json.loads(index.read_text(encoding="utf-8")).get("sha256")
    except (OSError, ValueError, AttributeError):
        return None
    return sha if isinstance(sha, str) and is_blob_name(sha) else None


def inside_cache(directory: Path, media_dir: Path) -> bool:
    """``directory`` is a real directory of the cache, not a link leading elsewhere."""
    try:
        return directory.resolve().parent == media_dir.resolve() and directory.is_dir()
    except OSError:
        return False


def regular_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()
