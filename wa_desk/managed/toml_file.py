"""The managed-settings file, ``managed.toml`` (no Qt here).

One system-wide TOML file, read once at start::

    hub_url = "https://hub.example.com"   # a default the user may change
    language = "es"
    locked = ["hub_url"]                  # these are fixed: shown, not editable

or, equivalently for the locked ones, a table of fixed values::

    [locked]
    hub_url = "https://hub.example.com"

Where it lives: ``/etc/wa-desk/managed.toml`` (Linux and other Unix),
``%PROGRAMDATA%\\wa-desk\\managed.toml`` (Windows),
``/Library/Application Support/wa-desk/managed.toml`` (macOS); the environment variable
``WA_DESK_MANAGED_SETTINGS`` names another file (packaging, tests). A missing file is
the usual case and means nothing is managed. A file that cannot be read or parsed is
ignored as a whole, with a warning that says why: the app starts with the user's own
settings rather than half of IT's.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

from wa_desk.managed.source import ManagedFile

ENV_VAR = "WA_DESK_MANAGED_SETTINGS"
LOCKED = "locked"
MAX_BYTES = 64 * 1024  # a settings file, not a data file


def default_path(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> Path:
    """The system-wide file for this platform, or the one the environment names."""
    override = environ.get(ENV_VAR)
    if override:
        return Path(override)
    if platform == "win32":
        base = environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "wa-desk" / "managed.toml"
    if platform == "darwin":
        return Path("/Library/Application Support/wa-desk/managed.toml")
    return Path("/etc/wa-desk/managed.toml")


def parse(text: str, source: str = "managed settings") -> ManagedFile:
    """The file's content; on any problem, nothing managed and the reason."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return ManagedFile(
            source, problems=(f"{source} is not valid TOML ({exc}); it was ignored.",)
        )
    values = {k: v for k, v in data.items() if k != LOCKED}
    locked_entry = data.get(LOCKED, [])
    if isinstance(locked_entry, dict):
        clash = sorted(set(values) & set(locked_entry))
        if clash:
            return ManagedFile(
                source,
                problems=(
                    f"{source} sets {', '.join(clash)} both at the top and under [locked]; "
                    "it was ignored.",
                ),
            )
        values.update(locked_entry)
        locked = frozenset(locked_entry)
    elif isinstance(locked_entry, list) and all(isinstance(n, str) for n in locked_entry):
        missing = sorted(set(locked_entry) - set(values))
        if missing:
            return ManagedFile(
                source,
                problems=(
                    f"{source} locks {', '.join(missing)} without giving a value; it was ignored.",
                ),
            )
        locked = frozenset(locked_entry)
    else:
        return ManagedFile(
            source,
            problems=(
                f"{source}: 'locked' must be a list of setting names or a [locked] table; "
                "the file was ignored.",
            ),
        )
    return ManagedFile(source, values, locked)


def read(path: Path) -> ManagedFile:
    """The file at ``path``: nothing managed when it is missing, and when it cannot be
    used, nothing but the reason."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return ManagedFile()
    except OSError as exc:
        found = ManagedFile(
            str(path),
            problems=(f"{path} could not be read ({exc.strerror or exc}); it was ignored.",),
        )
    else:
        if len(raw) > MAX_BYTES:
            found = ManagedFile(
                str(path),
                problems=(f"{path} is larger than {MAX_BYTES // 1024} KB; it was ignored.",),
            )
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                found = ManagedFile(
                    str(path), problems=(f"{path} is not UTF-8 text; it was ignored.",)
                )
            else:
                found = parse(text, str(path))
    return found
