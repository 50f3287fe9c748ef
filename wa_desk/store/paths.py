"""Where a hub + user's local store lives: one file each in the user data directory."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import platformdirs


def store_path(hub_url: str, user: str, data_dir: Path | None = None) -> Path:
    """A stable, file-system-safe file name for this hub and user."""
    base = data_dir or Path(platformdirs.user_data_dir("wa-desk", appauthor=False))
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", re.sub(r"^\w+://", "", hub_url))[:40]
    digest = hashlib.sha256(f"{hub_url.rstrip('/')}\n{user}".encode()).hexdigest()[:16]
    return base / f"{host}-{digest}.sqlite3"
