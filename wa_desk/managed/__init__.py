"""Settings an organisation's IT department deploys with the app (no Qt here).

Three kinds of source, read once at start and combined by ``source.combine``'s rule (a
locked value beats a default; between equals, the operating system's policy beats the
file):

- ``managed.toml`` on every system (``toml_file``);
- on Windows, Group Policy in ``HKLM\\SOFTWARE\\Policies\\wa-desk``, locked, and its
  ``Recommended`` subkey, defaults (``windows_policy``);
- on macOS, configuration profiles' managed preferences for ``com.wadesk.desktop``,
  forced, with a ``recommended`` dictionary for defaults (``macos_preferences``).

The desktop's settings check each value against its setting and show locked ones as set
by the IT department.
"""

from __future__ import annotations

import getpass
import logging
import sys
from pathlib import Path

from wa_desk.managed import macos_preferences, windows_policy
from wa_desk.managed.source import ManagedFile, combine
from wa_desk.managed.toml_file import ENV_VAR, LOCKED, MAX_BYTES, default_path, parse
from wa_desk.managed.toml_file import read as read_file
from wa_desk.managed.windows_policy import RegistryReader, RegistryValue, WindowsRegistry

__all__ = [
    "ENV_VAR",
    "LOCKED",
    "MAX_BYTES",
    "ManagedFile",
    "RegistryReader",
    "RegistryValue",
    "WindowsRegistry",
    "combine",
    "default_path",
    "load",
    "parse",
    "read_file",
]

log = logging.getLogger(__name__)


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the user database
        return None


def load(
    path: Path | None = None,
    *,
    platform: str = sys.platform,
    registry: RegistryReader | None = None,
    preferences_dir: Path = macos_preferences.PREFERENCES_DIR,
    user: str | None = None,
) -> ManagedFile:
    """Everything IT manages on this machine: this platform's policy and the managed
    file (``default_path()`` unless given), combined; problems are logged.

    ``registry``, ``preferences_dir`` and ``user`` stand in for the real ones in tests."""
    sources: list[ManagedFile] = []
    if platform == "win32":
        sources += windows_policy.read_policy(registry or WindowsRegistry())
    elif platform == "darwin":
        who = user if user is not None else _user()
        sources += [
            macos_preferences.read(p) for p in macos_preferences.paths(who, preferences_dir)
        ]
    sources.append(read_file(path if path is not None else default_path(platform)))
    found = combine(sources)
    for problem in found.problems:
        log.warning("managed settings: %s", problem)
    return found
