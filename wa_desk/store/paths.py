"""Where the desktop keeps its files: the user data folder, and in it one local store per
hub and user."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import platformdirs


def desktop_data_dir() -> Path:
    """The desktop's data folder (stores, the log); it follows ``XDG_DATA_HOME`` and the
    other platforms' conventions, read when called."""
    return Path(platformdirs.user_data_dir("wa-desk", appauthor=False))


def store_path(hub_url: str, user: str, data_dir: Path | None = None) -> Path:
    """A stable, file-system-safe file name for this hub and user."""
    base = data_dir or desktop_data_dir()
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", re.sub(r"^\w+://", "", hub_url))[:40]
    digest = hashlib.sha256(f"{hub_url.rstrip('/')}\n{user}".encode()).hexdigest()[:16]
    return base / f"{host}-{digest}.sqlite3"
