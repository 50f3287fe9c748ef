"""Settings read with their type: the declared default when nothing is stored, the
stored value back as a str, bool or int after a restart, and a stored value of the wrong
type or out of range read as the default and logged once."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from wa_desk import managed as m
from wa_desk.ui.settings import settings as s


def _settings(path: Path, managed: m.ManagedFile | None = None) -> s.Settings:
    return s.Settings(QSettings(str(path), QSettings.Format.IniFormat), managed)


def test_nothing_stored_reads_the_declared_defaults(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "user.ini")
    for setting in s.ALL:
        value = settings.get(setting)
        assert value == setting.default
        assert type(value) is setting.type


def test_values_come_back_with_their_type_after_a_restart(tmp_path: Path) -> None:
    chosen = {
        s.LANGUAGE: "es",
        s.NOTIFICATIONS: False,
        s.SOUND: True,
        s.FONT_SIZE: 14,
        s.HUB_URL: "https://hub.example.com",
        s.LAST_USER: "ana",
    }
    settings = _settings(tmp_path / "user.ini")
    for setting, value in chosen.items():
        settings.set(setting, value)
    settings.sync()
    # A new store over the same file: what an INI file gives back is text.
    again = _settings(tmp_path / "user.ini")
    for setting, value in chosen.items():
        read = again.get(setting)
        assert read == value
        assert type(read) is setting.type


@pytest.mark.parametrize(
    ("setting", "stored"),
    [
        (s.FONT_SIZE, "large"),
        (s.FONT_SIZE, "99"),  # above its maximum
        (s.FONT_SIZE, "-1"),  # below its minimum
        (s.NOTIFICATIONS, "perhaps"),
        (s.LANGUAGE, "klingon"),  # not one of its choices
        (s.LAST_USER, ["ana", "luis"]),  # what an INI file gives for an unquoted a,b
    ],
)
def test_a_stored_value_of_the_wrong_kind_reads_as_the_default_and_is_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, setting: s.Setting[Any], stored: object
) -> None:
    settings = _settings(tmp_path / "user.ini")
    settings.store.setValue(setting.key, stored)
    with caplog.at_level(logging.WARNING, logger="wa_desk.ui.settings"):
        assert settings.get(setting) == setting.default
        assert settings.get(setting) == setting.default
    [record] = caplog.records
    assert setting.key in record.getMessage()
    assert "not usable" in record.getMessage()


def test_a_bad_stored_value_falls_back_to_the_managed_default(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "user.ini", m.parse("font_size = 12\n"))
    settings.store.setValue(s.FONT_SIZE.key, "huge")
    assert settings.get(s.FONT_SIZE) == 12


def test_booleans_and_numbers_as_other_stores_keep_them(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "user.ini")
    for stored, expected in (("true", True), ("0", False), ("Yes", True), (False, False)):
        settings.store.setValue(s.SOUND.key, stored)
        assert settings.get(s.SOUND) is expected
    for stored_number, number in (("12", 12), (" 9 ", 9), (20, 20)):
        settings.store.setValue(s.FONT_SIZE.key, stored_number)
        assert settings.get(s.FONT_SIZE) == number


def test_a_value_of_the_wrong_type_is_not_stored(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "user.ini")
    with pytest.raises(TypeError):
        settings.set(s.FONT_SIZE, "12")  # type: ignore[misc]
    with pytest.raises(TypeError):
        settings.set(s.FONT_SIZE, True)
    assert settings.get(s.FONT_SIZE) == 0
