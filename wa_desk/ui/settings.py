"""Every desktop setting, declared once: key, type, default, description, choices.

Read and written typed through ``Settings`` over ``QSettings``. Old stored values are
migrated by versioned upgrade functions (``UPGRADES``), run in order on start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings

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


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()
        self.upgrade()

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
        raw = self.store.value(setting.key, setting.default)
        try:
            if setting.type is bool:
                value: Any = (
                    raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
                )
            else:
                value = setting.type(raw)
        except (TypeError, ValueError):
            return setting.default
        if setting.choices and value not in setting.choices:
            return setting.default
        if setting.minimum is not None and value < setting.minimum:
            return setting.default
        if setting.maximum is not None and value > setting.maximum:
            return setting.default
        return value

    def set(self, setting: Setting, value: Any) -> None:
        if not isinstance(value, setting.type):
            raise TypeError(
                f"{setting.key} takes {setting.type.__name__}, not {type(value).__name__}"
            )
        if setting.choices and value not in setting.choices:
            raise ValueError(f"{setting.key}: {value!r} is not one of {setting.choices}")
        self.store.setValue(setting.key, value)

    def sync(self) -> None:
        self.store.sync()
