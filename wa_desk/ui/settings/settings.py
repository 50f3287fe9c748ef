"""Every desktop setting, declared once: key, type, default, description, choices.

Read and written typed through ``Settings`` over ``QSettings``. Old stored values are
migrated by versioned upgrade functions (``UPGRADES``), run in order on start-up.

Settings deployed by IT (``managed_settings``) sit between the declared default and the
user's own choice; a locked one overrides the user's choice and cannot be changed here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings

from wa_desk import managed as managed_settings
from wa_desk.managed import ManagedFile

log = logging.getLogger(__name__)

SETTINGS_VERSION = 2
VERSION_KEY = "meta/version"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    title: Callable[[], str]  # translated when shown, not at import
    description: Callable[[], str]
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


LANGUAGE = Setting(
    "ui/language",
    str,
    "system",
    lambda: QCoreApplication.translate("Settings", "Language"),
    lambda: QCoreApplication.translate(
        "Settings", "The language of the application; System follows the computer."
    ),
    choices=("system", "es", "en"),
)
NOTIFICATIONS = Setting(
    "notify/enabled",
    bool,
    True,
    lambda: QCoreApplication.translate("Settings", "Desktop notifications"),
    lambda: QCoreApplication.translate(
        "Settings", "Show a notification when a customer writes and the window is not in front."
    ),
)
SOUND = Setting(
    "notify/sound",
    bool,
    True,
    lambda: QCoreApplication.translate("Settings", "Sound"),
    lambda: QCoreApplication.translate("Settings", "Play a sound with each notification."),
)
FONT_SIZE = Setting(
    "ui/font_size",
    int,
    0,
    lambda: QCoreApplication.translate("Settings", "Font size"),
    lambda: QCoreApplication.translate("Settings", "Text size in points; 0 uses the system size."),
    minimum=0,
    maximum=32,
)
HUB_URL = Setting(
    "hub/url",
    str,
    "",
    lambda: QCoreApplication.translate("Settings", "Hub address"),
    lambda: QCoreApplication.translate(
        "Settings", "The address of your organisation's wa-desk hub."
    ),
)
LAST_USER = Setting(
    "hub/last_user",
    str,
    "",
    lambda: QCoreApplication.translate("Settings", "Last user"),
    lambda: QCoreApplication.translate("Settings", "The user name offered at sign-in."),
)

ALL: tuple[Setting, ...] = (LANGUAGE, NOTIFICATIONS, SOUND, FONT_SIZE, HUB_URL, LAST_USER)
# The names IT uses in the managed-settings file.
MANAGED_NAMES: dict[str, Setting] = {
    "hub_url": HUB_URL,
    "language": LANGUAGE,
    "notifications": NOTIFICATIONS,
    "sound": SOUND,
    "font_size": FONT_SIZE,
}
# Shown in the settings dialog, in this order (the others are remembered, not edited).
EDITABLE: tuple[Setting, ...] = (LANGUAGE, NOTIFICATIONS, SOUND, FONT_SIZE)


def _upgrade_1_to_2(store: QSettings) -> None:
    # Version 1 kept the language under "language" with "auto" for the system one.
    if store.contains("language"):
        old = str(store.value("language"))
        store.setValue(LANGUAGE.key, "system" if old == "auto" else old)
        store.remove("language")


# from_version -> function that brings the store to from_version + 1
UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _upgrade_1_to_2}


class LockedSetting(ValueError):
    """A change to a setting that IT has locked."""


def invalid_reason(setting: Setting, value: object) -> str | None:
    """Why ``value`` cannot be ``setting``'s value, or None when it can."""
    if setting.type is int and isinstance(value, bool):
        return "takes a whole number"
    if not isinstance(value, setting.type):
        return f"takes a {setting.type.__name__}, not {type(value).__name__}"
    if setting.choices and value not in setting.choices:
        return "takes one of " + ", ".join(setting.choices)
    if isinstance(value, int) and setting.minimum is not None and value < setting.minimum:
        return f"takes at least {setting.minimum}"
    if isinstance(value, int) and setting.maximum is not None and value > setting.maximum:
        return f"takes at most {setting.maximum}"
    if setting is HUB_URL and not str(value).startswith(("https://", "http://")):
        return "takes an address starting with https:// or http://"
    return None


def _managed_values(found: ManagedFile) -> tuple[dict[str, Any], set[str], list[str]]:
    """The file's valid values by setting key, the locked keys, and what was skipped."""
    values: dict[str, Any] = {}
    locked: set[str] = set()
    problems = list(found.problems)
    source = found.source
    for name, value in found.values.items():
        setting = MANAGED_NAMES.get(name)
        if setting is None:
            problems.append(
                f"{source}: unknown setting {name!r} was skipped "
                f"(known: {', '.join(MANAGED_NAMES)})."
            )
            continue
        reason = invalid_reason(setting, value)
        if reason is not None:
            problems.append(f"{source}: {name} {reason}; it was skipped.")
            continue
        values[setting.key] = value
        if name in found.locked:
            locked.add(setting.key)
    for problem in problems[len(found.problems) :]:
        log.warning("managed settings: %s", problem)
    return values, locked, problems


class Settings:
    def __init__(self, store: QSettings | None = None, managed: ManagedFile | None = None) -> None:
        """``store`` defaults to the app's own ``QSettings``, and then ``managed`` to the
        system's managed-settings file; with a store given, nothing is managed unless
        ``managed`` says so (tests, tools)."""
        if store is None and managed is None:
            managed = managed_settings.load()
        self.store = store if store is not None else QSettings()
        self._managed, self._locked, problems = _managed_values(managed or ManagedFile())
        self._unshown_problems = problems
        self.upgrade()

    def is_managed(self, setting: Setting) -> bool:
        return setting.key in self._managed

    def is_locked(self, setting: Setting) -> bool:
        return setting.key in self._locked

    def take_managed_problems(self) -> list[str]:
        """What was wrong with the managed file, once (the window shows it on start)."""
        problems, self._unshown_problems = self._unshown_problems, []
        return problems

    def upgrade(self) -> None:
        if not self.store.allKeys():
            self.store.setValue(VERSION_KEY, SETTINGS_VERSION)
            return
        version = int(str(self.store.value(VERSION_KEY, 1)))
        while version < SETTINGS_VERSION:
            step = UPGRADES.get(version)
            if step is not None:
                step(self.store)
            version += 1
            self.store.setValue(VERSION_KEY, version)

    def get(self, setting: Setting) -> Any:
        if setting.key in self._locked:
            return self._managed[setting.key]
        default = self._managed.get(setting.key, setting.default)
        raw = self.store.value(setting.key, default)
        try:
            if setting.type is bool:
                value: Any = (
                    raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
                )
            else:
                value = setting.type(raw)
        except (TypeError, ValueError):
            return default
        if setting.choices and value not in setting.choices:
            return default
        if setting.minimum is not None and value < setting.minimum:
            return default
        if setting.maximum is not None and value > setting.maximum:
            return default
        return value

    def set(self, setting: Setting, value: Any) -> None:
        """Store the user's choice. A locked setting keeps IT's value: setting that same
        value again is a no-op, another one raises ``LockedSetting``."""
        if setting.key in self._locked:
            if value == self._managed[setting.key]:
                return
            raise LockedSetting(f"{setting.key} is set by the IT department")
        if not isinstance(value, setting.type):
            raise TypeError(
                f"{setting.key} takes {setting.type.__name__}, not {type(value).__name__}"
            )
        if setting.choices and value not in setting.choices:
            raise ValueError(f"{setting.key}: {value!r} is not one of {setting.choices}")
        self.store.setValue(setting.key, value)

    def sync(self) -> None:
        self.store.sync()
