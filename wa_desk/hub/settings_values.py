"""Reading one table of the hub's TOML: the error that names a setting, and the checks
every table shares (known keys only, positive numbers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, TypeVar


class SettingsError(Exception):
    def __init__(self, setting: str, message: str) -> None:
        super().__init__(f"{setting}: {message}")
        self.setting = setting


T = TypeVar("T")


def positive_number(value: Any, setting: str, *, whole: bool) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise SettingsError(setting, f"must be a positive number, not {value!r}")
    if whole:
        if value != int(value):
            raise SettingsError(setting, f"must be a whole number, not {value!r}")
        return int(value)
    return float(value)


def numbers_table(raw: Any, table: str, cls: type[T]) -> T:
    """A dataclass of positive numbers from ``[table]``: every key optional (its default
    stays), an unknown key or a value that is not a positive number is an error naming it.
    A default that is an ``int`` takes whole numbers only."""
    if not isinstance(raw, Mapping):
        raise SettingsError(table, f"must be a table ([{table}])")
    defaults = cls()
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = set(raw) - known
    if unknown:
        raise SettingsError(table, f"unknown keys: {', '.join(sorted(unknown))}")
    values = {
        key: positive_number(value, f"{table}.{key}", whole=isinstance(getattr(defaults, key), int))
        for key, value in raw.items()
    }
    return cls(**values)
