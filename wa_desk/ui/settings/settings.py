"""Every desktop setting, declared once: key, type, default, description, choices.

Read and written typed through ``Settings`` over ``QSettings``: a ``Setting[T]`` reads as
a ``T`` (``settings.get(HUB_URL)`` is a ``str``), and a stored value that is not one, or
is out of range, reads as the default and is logged once. Old stored values are
migrated by versioned upgrade functions (``UPGRADES``), run in order on start-up.

Settings deployed by IT (``managed_settings``) sit between the declared default and the
user's own choice; a locked one overrides the user's choice and cannot be changed here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QSettings

from wa_desk import managed as managed_settings
from wa_desk.managed import ManagedFile

log = logging.getLogger(__name__)

SETTINGS_VERSION = 2
VERSION_KEY = "meta/version"


T = TypeVar("T", str, bool, int)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str  # its name in the QSettings store
    type: type[T]
    default: T
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
THEME = Setting(
    "ui/theme",
    str,
    "system",
    lambda: QCoreApplication.translate("Settings", "Theme"),
    lambda: QCoreApplication.translate(
        "Settings", "Light or dark colours; System follows the computer."
    ),
    choices=("system", "light", "dark"),
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
    lambda: QCoreApplication.translate("Settings", "Server address"),
    lambda: QCoreApplication.translate(
        "Settings", "The address of your organisation's wa-desk server."
    ),
)
LAST_USER = Setting(
    "hub/last_user",
    str,
    "",
    lambda: QCoreApplication.translate("Settings", "Last user"),
    lambda: QCoreApplication.translate("Settings", "The user name offered at sign-in."),
)

INBOX_ORDER = Setting(
    "inbox/order",
    str,
    "waiting",
    lambda: QCoreApplication.translate("Settings", "Inbox order"),
    lambda: QCoreApplication.translate(
        "Settings",
        "Longest waiting puts first the customer who has waited longest for an answer; "
        "newest activity, the latest message.",
    ),
    choices=("waiting", "activity"),  # the values of ui.inbox.model.InboxOrder
)

# The panes' widths as the agent left them (0: not yet chosen, the window's default).
INBOX_WIDTH = Setting(
    "window/inbox_width",
    int,
    0,
    lambda: QCoreApplication.translate("Settings", "Conversation list width"),
    lambda: QCoreApplication.translate("Settings", "The width of the list of conversations."),
    minimum=0,
    maximum=10_000,
)
CUSTOMER_WIDTH = Setting(
    "window/customer_width",
    int,
    0,
    lambda: QCoreApplication.translate("Settings", "Customer panel width"),
    lambda: QCoreApplication.translate("Settings", "The width of the customer panel."),
    minimum=0,
    maximum=10_000,
)
CUSTOMER_PANEL = Setting(
    "window/customer_panel",
    bool,
    True,
    lambda: QCoreApplication.translate("Settings", "Customer panel"),
    lambda: QCoreApplication.translate(
        "Settings",
        "Show the customer panel beside the conversation when the window is wide enough.",
    ),
)
# The page the window showed last, for a supervisor or an administrator (an agent has
# only the inbox): team leads answer chats too, and come back to what they were doing.
WINDOW_PAGE = Setting(
    "window/page",
    str,
    "agent",
    lambda: QCoreApplication.translate("Settings", "Last view"),
    lambda: QCoreApplication.translate(
        "Settings", "The view the window opens on: the inbox or the supervisor view."
    ),
    choices=("agent", "supervisor"),  # the values of ui.shell.main_window.WindowPage
)

ALL: tuple[Setting[Any], ...] = (
    LANGUAGE,
    THEME,
    NOTIFICATIONS,
    SOUND,
    FONT_SIZE,
    HUB_URL,
    LAST_USER,
    INBOX_ORDER,
    INBOX_WIDTH,
    CUSTOMER_WIDTH,
    CUSTOMER_PANEL,
    WINDOW_PAGE,
)
# The names IT uses in the managed-settings file.
MANAGED_NAMES: dict[str, Setting[Any]] = {
    "hub_url": HUB_URL,
    "language": LANGUAGE,
    "theme": THEME,
    "notifications": NOTIFICATIONS,
    "sound": SOUND,
    "font_size": FONT_SIZE,
}
# Shown in the settings dialog, in this order (the others are remembered, not edited).
EDITABLE: tuple[Setting[Any], ...] = (LANGUAGE, THEME, NOTIFICATIONS, SOUND, FONT_SIZE)


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


def invalid_reason(setting: Setting[Any], value: object) -> str | None:
    """Why ``value`` cannot be ``setting``'s value, or None when it can."""
    if setting.type is int and isinstance(value, bool):
        return "takes a whole number"
    if not isinstance(value, setting.type):
        return f"takes a {setting.type.__name__}, not {type(value).__name__}"
    range_reason = _out_of_range(setting, value)
    if range_reason is not None:
        return range_reason
    if setting is HUB_URL and not str(value).startswith(("https://", "http://")):
        return "takes an address starting with https:// or http://"
    return None


def _out_of_range(setting: Setting[Any], value: object) -> str | None:
    if setting.choices and value not in setting.choices:
        return "takes one of " + ", ".join(setting.choices)
    if isinstance(value, int) and setting.minimum is not None and value < setting.minimum:
        return f"takes at least {setting.minimum}"
    if isinstance(value, int) and setting.maximum is not None and value > setting.maximum:
        return f"takes at most {setting.maximum}"
    return None


_TRUE = ("1", "true", "yes")
_FALSE = ("0", "false", "no")


def _from_store(kind: type[Any], raw: object) -> object:
    """``raw`` as read back from ``QSettings`` (a string in an INI file, the value itself
    in a native store) as a ``kind``, or None when it is not one."""
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        return True if text in _TRUE else False if text in _FALSE else None
    if kind is int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str):
            try:
                return int(raw.strip())
            except ValueError:
                return None
        return None
    return raw if isinstance(raw, kind) else None


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
        self._reported: set[str] = set()
        self.upgrade()

    def is_managed(self, setting: Setting[Any]) -> bool:
        return setting.key in self._managed

    def is_locked(self, setting: Setting[Any]) -> bool:
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

    def get(self, setting: Setting[T]) -> T:
        """The user's choice, else IT's default, else the declared one. A stored value of
        the wrong type or out of range counts as none (and is logged, once)."""
        # Managed values were checked against their setting when the file was read.
        default = cast(T, self._managed.get(setting.key, setting.default))
        if setting.key in self._locked or not self.store.contains(setting.key):
            return default
        raw = self.store.value(setting.key)
        value = _from_store(setting.type, raw)
        if value is None:
            reason: str | None = f"takes a {setting.type.__name__}"
        else:
            reason = _out_of_range(setting, value)
        if reason is None and value is not None:
            return cast(T, value)
        if setting.key not in self._reported:
            self._reported.add(setting.key)
            log.warning(
                "setting %s: the stored %r is not usable (%s); using %r",
                setting.key,
                raw,
                reason,
                default,
            )
        return default

    def set(self, setting: Setting[T], value: T) -> None:
        """Store the user's choice. A locked setting keeps IT's value: setting that same
        value again is a no-op, another one raises ``LockedSetting``."""
        if setting.key in self._locked:
            if value == self._managed[setting.key]:
                return
            raise LockedSetting(f"{setting.key} is set by the IT department")
        # A bool is an int to isinstance; stored, True would read back as "true", not 1.
        if not isinstance(value, setting.type) or (setting.type is int and isinstance(value, bool)):
            raise TypeError(
                f"{setting.key} takes {setting.type.__name__}, not {type(value).__name__}"
            )
        if setting.choices and value not in setting.choices:
            raise ValueError(f"{setting.key}: {value!r} is not one of {setting.choices}")
        self.store.setValue(setting.key, value)

    def sync(self) -> None:
        self.store.sync()
