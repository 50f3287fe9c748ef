"""Windows Group Policy for wa-desk, read from the registry (no Qt here).

``HKLM\\SOFTWARE\\Policies\\wa-desk`` holds the machine policy; every value there is
locked (that is what a policy is: the user sees it, greyed out, "set by your IT
department"). ``HKLM\\SOFTWARE\\Policies\\wa-desk\\Recommended`` holds recommended
values: defaults the user may change, as Chrome and Edge call them. The ADMX template
(``installers/windows/wa-desk.admx``) writes both; the MSI writes ``hub_url`` when given
``SERVERURL``.

    ============== ========= ===================================================
    value          type      meaning (as in managed.toml)
    ============== ========= ===================================================
    hub_url        REG_SZ    the hub's address, https://… or http://…
    language       REG_SZ    system, es or en
    theme          REG_SZ    system, light or dark
    notifications  REG_DWORD 1 shows desktop notifications, 0 does not
    sound          REG_DWORD 1 plays a sound with each notification, 0 does not
    font_size      REG_DWORD text size in points, 0 follows the system
    ============== ========= ===================================================

A value of the wrong registry type (text where a number is expected, a DWORD that is
neither 0 nor 1 for a yes/no setting) is skipped with a problem that names it; the
others still apply. A key that exists but cannot be read is ignored as a whole.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from wa_desk.managed.source import POLICY_TYPES, ManagedFile

POLICY_KEY = r"SOFTWARE\Policies\wa-desk"
RECOMMENDED_KEY = POLICY_KEY + r"\Recommended"
POLICY_SOURCE = "Group Policy (HKLM\\" + POLICY_KEY + ")"
RECOMMENDED_SOURCE = "Group Policy, recommended (HKLM\\" + RECOMMENDED_KEY + ")"

# Windows' registry value types (winreg.REG_*), fixed by the registry's format.
REG_SZ = 1
REG_EXPAND_SZ = 2
REG_BINARY = 3
REG_DWORD = 4
REG_MULTI_SZ = 7
REG_QWORD = 11
_TYPE_NAMES = {
    REG_SZ: "REG_SZ",
    REG_EXPAND_SZ: "REG_EXPAND_SZ",
    REG_BINARY: "REG_BINARY",
    REG_DWORD: "REG_DWORD",
    REG_MULTI_SZ: "REG_MULTI_SZ",
    REG_QWORD: "REG_QWORD",
}
_TEXT = (REG_SZ, REG_EXPAND_SZ)
_NUMBER = (REG_DWORD, REG_QWORD)


@dataclass(frozen=True)
class RegistryValue:
    data: object  # as winreg returns it: str, int, bytes, list[str] or None
    type: int  # REG_*


class RegistryReader(Protocol):
    def read_values(self, key_path: str) -> Mapping[str, RegistryValue] | None:
        """The values of ``HKLM\\<key_path>`` by name; None when the key does not exist.
        Raises ``OSError`` when it exists but cannot be read."""
        ...


if sys.platform == "win32":
    import winreg

    def _read_hklm(key_path: str) -> Mapping[str, RegistryValue] | None:
        try:
            key = winreg.OpenKey(
                winreg.HKEY_LOCAL_MACHINE, key_path, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY
            )
        except FileNotFoundError:
            return None
        with key:
            count = winreg.QueryInfoKey(key)[1]
            values: dict[str, RegistryValue] = {}
            for index in range(count):
                name, data, kind = winreg.EnumValue(key, index)
                values[name] = RegistryValue(data, kind)
            return values

else:

    def _read_hklm(key_path: str) -> Mapping[str, RegistryValue] | None:
        return None  # no registry here: no policy


class WindowsRegistry:
    """The real registry, 64-bit view (where a 64-bit MSI and Group Policy write)."""

    def read_values(self, key_path: str) -> Mapping[str, RegistryValue] | None:
        return _read_hklm(key_path)


def _type_name(kind: int) -> str:
    return _TYPE_NAMES.get(kind, f"registry type {kind}")


def _convert(name: str, value: RegistryValue, want: type[object]) -> tuple[object, str | None]:
    """The value as its setting reads it, or why it cannot be."""
    if want is str:
        if value.type in _TEXT and isinstance(value.data, str):
            return value.data, None
        return None, f"{name} is a {_type_name(value.type)}; it takes a REG_SZ (text)"
    if value.type not in _NUMBER or not isinstance(value.data, int):
        return None, f"{name} is a {_type_name(value.type)}; it takes a REG_DWORD (a number)"
    if want is bool:
        if value.data in (0, 1):
            return value.data == 1, None
        return None, f"{name} is {value.data}; it takes 1 (on) or 0 (off)"
    return value.data, None


def _read_key(reader: RegistryReader, key_path: str, source: str, lock: bool) -> ManagedFile:
    try:
        found = reader.read_values(key_path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return ManagedFile(
            source, problems=(f"{source} could not be read ({reason}); it was ignored.",)
        )
    if not found:
        return ManagedFile(source)
    values: dict[str, object] = {}
    problems: list[str] = []
    known = {name.lower(): name for name in POLICY_TYPES}
    for raw_name, value in found.items():
        # Registry value names are case-insensitive, as Windows compares them.
        name = known.get(raw_name.lower(), raw_name)
        want = POLICY_TYPES.get(name)
        if want is None:
            values[name] = value.data  # the settings name what they do not know
            continue
        converted, problem = _convert(name, value, want)
        if problem is not None:
            problems.append(f"{source}: {problem}; it was skipped.")
        else:
            values[name] = converted
    locked = frozenset(values) if lock else frozenset()
    return ManagedFile(source, values, locked, tuple(problems))


def read_policy(reader: RegistryReader) -> tuple[ManagedFile, ManagedFile]:
    """The machine policy (locked) and the recommended values (defaults), in that order."""
    return (
        _read_key(reader, POLICY_KEY, POLICY_SOURCE, lock=True),
        _read_key(reader, RECOMMENDED_KEY, RECOMMENDED_SOURCE, lock=False),
    )
