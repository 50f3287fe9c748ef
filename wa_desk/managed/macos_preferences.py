"""macOS managed preferences for wa-desk, pushed by a configuration profile (no Qt).

An MDM's configuration profile with a payload of type ``com.wadesk.desktop`` lands in
``/Library/Managed Preferences/com.wadesk.desktop.plist`` (for the computer) and in
``/Library/Managed Preferences/<user>/com.wadesk.desktop.plist`` (for one user, which
wins over the computer's, as macOS itself reads them). The keys are managed.toml's
(``hub_url``, ``language``, ``theme``, ``notifications``, ``sound``, ``font_size``) with
their plist types (string, boolean, integer).

A profile forces what it sets, so every top-level key is locked. Defaults the user may
change go in a ``recommended`` dictionary, mirroring managed.toml's ``locked``::

    <key>hub_url</key>        <string>https://hub.example.com</string>
    <key>recommended</key>
    <dict><key>language</key> <string>es</string></dict>

A file that cannot be read or parsed, or that names a key both at the top and under
``recommended``, is ignored as a whole, with the reason.
"""

from __future__ import annotations

import plistlib
from pathlib import Path

from wa_desk import APP_ID
from wa_desk.managed.source import ManagedFile

BUNDLE_ID = APP_ID
PREFERENCES_DIR = Path("/Library/Managed Preferences")
RECOMMENDED = "recommended"
MAX_BYTES = 64 * 1024


def paths(user: str | None, base: Path = PREFERENCES_DIR) -> list[Path]:
    """Where the profiles' preferences are, strongest first: the user's, the computer's."""
    name = f"{BUNDLE_ID}.plist"
    found = [base / user / name] if user and "/" not in user and user not in (".", "..") else []
    return [*found, base / name]


def parse(data: bytes, source: str) -> ManagedFile:
    """The plist's content; on any problem, nothing managed and the reason."""
    try:
        loaded = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, OverflowError) as exc:
        return ManagedFile(
            source, problems=(f"{source} is not a valid plist ({exc}); it was ignored.",)
        )
    if not isinstance(loaded, dict):
        return ManagedFile(source, problems=(f"{source} is not a dictionary; it was ignored.",))
    forced = {k: v for k, v in loaded.items() if k != RECOMMENDED}
    recommended = loaded.get(RECOMMENDED, {})
    if not isinstance(recommended, dict):
        return ManagedFile(
            source,
            problems=(f"{source}: '{RECOMMENDED}' must be a dictionary; the file was ignored.",),
        )
    clash = sorted(set(forced) & set(recommended))
    if clash:
        return ManagedFile(
            source,
            problems=(
                f"{source} sets {', '.join(clash)} both at the top and under "
                f"'{RECOMMENDED}'; it was ignored.",
            ),
        )
    return ManagedFile(source, {**recommended, **forced}, frozenset(forced))


def read(path: Path) -> ManagedFile:
    """The plist at ``path``; a missing one means nothing managed."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return ManagedFile(str(path))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return ManagedFile(
            str(path), problems=(f"{path} could not be read ({reason}); it was ignored.",)
        )
    if len(raw) > MAX_BYTES:
        return ManagedFile(
            str(path), problems=(f"{path} is larger than {MAX_BYTES // 1024} KB; it was ignored.",)
        )
    return parse(raw, str(path))
