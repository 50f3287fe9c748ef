"""Group Policy as the desktop shows it: a value set in the registry is locked and shown
as set by the IT department; a recommended one is a default the user may change; a value
of the wrong registry type is reported with the others, by name."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QSpinBox

from wa_desk import managed as m
from wa_desk.managed import windows_policy as win
from wa_desk.managed.windows_policy import REG_DWORD, REG_SZ, RegistryValue
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.dialog import SettingsDialog

HUB = "https://hub.example.com"


class FakeRegistry:
    def __init__(self, keys: Mapping[str, Mapping[str, RegistryValue]]) -> None:
        self.keys = keys

    def read_values(self, key_path: str) -> Mapping[str, RegistryValue] | None:
        return self.keys.get(key_path)


def _settings(tmp_path: Path, keys: Mapping[str, Mapping[str, RegistryValue]]) -> s.Settings:
    managed = m.load(tmp_path / "absent.toml", platform="win32", registry=FakeRegistry(keys))
    ini = QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat)
    return s.Settings(ini, managed)


def test_every_policy_value_names_a_managed_setting_of_its_type() -> None:
    for name, kind in m.source.POLICY_TYPES.items():
        assert s.MANAGED_NAMES[name].type is kind


def test_policy_values_are_locked_and_shown_as_set_by_it(
    qapp: QApplication, tmp_path: Path
) -> None:
    keys = {
        win.POLICY_KEY: {
            "hub_url": RegistryValue(HUB, REG_SZ),
            "sound": RegistryValue(0, REG_DWORD),
            "font_size": RegistryValue(99, REG_DWORD),  # out of range: skipped, reported
            "notifications": RegistryValue("1", REG_SZ),  # wrong type: skipped, reported
        },
        win.RECOMMENDED_KEY: {"language": RegistryValue("en", REG_SZ)},
    }
    settings = _settings(tmp_path, keys)
    assert settings.is_locked(s.HUB_URL) and settings.get(s.HUB_URL) == HUB
    assert settings.is_locked(s.SOUND) and settings.get(s.SOUND) is False
    assert not settings.is_locked(s.LANGUAGE) and settings.get(s.LANGUAGE) == "en"
    assert settings.get(s.FONT_SIZE) == 0 and not settings.is_locked(s.FONT_SIZE)
    problems = "\n".join(settings.take_managed_problems())
    assert "font_size takes at most 32" in problems
    assert "notifications is a REG_SZ; it takes a REG_DWORD" in problems
    dialog = SettingsDialog(settings)
    dialog.show()
    sound = dialog._editors[s.SOUND.key]
    assert isinstance(sound, QCheckBox) and not sound.isEnabled() and not sound.isChecked()
    assert sound.toolTip() == "Set by your IT department."
    language = dialog._editors[s.LANGUAGE.key]
    assert isinstance(language, QComboBox) and language.isEnabled()
    assert language.currentData() == "en"
    font = dialog._editors[s.FONT_SIZE.key]
    assert isinstance(font, QSpinBox) and font.isEnabled()
    dialog.close()
