"""Settings deployed by IT: the file's two forms, where it lives, managed defaults the
user may change, locked values that win and are shown disabled in the settings and
sign-in dialogs, and a bad file that is reported once while the app starts anyway."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from desktop_driver import run, until, visible_dialog
from hub_harness import PASSWORD, RunningHub, running_hub
from keyring.backends import null
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QSpinBox

from wa_desk import managed as m
from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.dialog import SettingsDialog
from wa_desk.ui.shell.signin_dialog import SigninDialog

HUB = "https://hub.example.com"
LOCKED_LIST = f'hub_url = "{HUB}"\nlanguage = "es"\nsound = false\nlocked = ["hub_url", "sound"]\n'
LOCKED_TABLE = f'language = "es"\n\n[locked]\nhub_url = "{HUB}"\nsound = false\n'


def _settings(tmp_path: Path, managed: m.ManagedFile) -> s.Settings:
    ini = QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat)
    return s.Settings(ini, managed)


# -- the file -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [LOCKED_LIST, LOCKED_TABLE])
def test_both_forms_say_the_same(text: str) -> None:
    found = m.parse(text)
    assert found.problems == ()
    assert dict(found.values) == {"hub_url": HUB, "language": "es", "sound": False}
    assert found.locked == {"hub_url", "sound"}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('hub_url = "https://x\n', "not valid TOML"),
        ("hub_url = https://x\n", "not valid TOML"),
        ('locked = ["hub_url"]\n', "without giving a value"),
        ('locked = "hub_url"\nhub_url = "https://x"\n', "must be a list"),
        ('hub_url = "https://x"\n[locked]\nhub_url = "https://y"\n', "both at the top"),
    ],
)
def test_a_malformed_file_is_ignored_as_a_whole_and_says_why(text: str, says: str) -> None:
    found = m.parse(text, "managed.toml")
    assert found.values == {} and found.locked == frozenset()
    assert len(found.problems) == 1 and says in found.problems[0]
    assert "managed.toml" in found.problems[0]


def test_where_the_file_lives() -> None:
    assert m.default_path("linux", {}) == Path("/etc/wa-desk/managed.toml")
    assert m.default_path("win32", {"PROGRAMDATA": r"D:\PD"}) == Path(
        r"D:\PD", "wa-desk", "managed.toml"
    )
    assert m.default_path("darwin", {}) == Path("/Library/Application Support/wa-desk/managed.toml")
    assert m.default_path("linux", {m.ENV_VAR: "/opt/x.toml"}) == Path("/opt/x.toml")


def test_loading_missing_unreadable_and_odd_files(tmp_path: Path) -> None:
    assert m.load(tmp_path / "absent.toml") == m.ManagedFile()
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('language = "español"\n'.encode("latin-1"))
    assert "not UTF-8" in m.load(latin1).problems[0]
    huge = tmp_path / "huge.toml"
    huge.write_text("# x\n" * 20_000)
    assert "larger than" in m.load(huge).problems[0]
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    assert "could not be read" in m.load(folder).problems[0]
    good = tmp_path / "managed.toml"
    good.write_text(LOCKED_TABLE)
    assert m.load(good).locked == {"hub_url", "sound"}


def test_the_app_reads_the_file_the_environment_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "managed.toml"
    path.write_text(LOCKED_LIST)
    monkeypatch.setenv(m.ENV_VAR, str(path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config")
    )
    settings = s.Settings()  # as the app builds it
    assert settings.is_locked(s.HUB_URL) and settings.get(s.HUB_URL) == HUB


# -- values -------------------------------------------------------------------------------


def test_managed_values_are_defaults_and_locked_ones_win(tmp_path: Path) -> None:
    settings = _settings(tmp_path, m.parse(LOCKED_LIST))
    assert settings.get(s.LANGUAGE) == "es"  # IT's default
    assert not settings.is_locked(s.LANGUAGE)
    settings.set(s.LANGUAGE, "en")
    assert settings.get(s.LANGUAGE) == "en"  # the user changed it
    settings.store.setValue(s.SOUND.key, True)  # a choice made before IT locked it
    assert settings.get(s.SOUND) is False
    assert settings.get(s.NOTIFICATIONS) is True  # not managed: the declared default
    settings.set(s.HUB_URL, HUB)  # the same value: a sign-in saving what it used
    with pytest.raises(s.LockedSetting):
        settings.set(s.HUB_URL, "https://elsewhere.example")
    assert settings.get(s.HUB_URL) == HUB


def test_bad_values_are_skipped_one_by_one_and_reported_once(tmp_path: Path) -> None:
    text = (
        'hub_url = "ftp://hub"\nlanguage = "fr"\nfont_size = 99\nsound = "no"\n'
        'colour = "red"\nnotifications = false\nlocked = ["hub_url", "notifications"]\n'
    )
    settings = _settings(tmp_path, m.parse(text, "managed.toml"))
    assert settings.get(s.HUB_URL) == "" and not settings.is_locked(s.HUB_URL)
    assert settings.get(s.LANGUAGE) == "system"
    assert settings.get(s.FONT_SIZE) == 0
    assert settings.get(s.SOUND) is True
    assert settings.is_locked(s.NOTIFICATIONS) and settings.get(s.NOTIFICATIONS) is False
    problems = settings.take_managed_problems()
    joined = "\n".join(problems)
    for name in ("hub_url", "language", "font_size", "sound", "'colour'"):
        assert name in joined
    assert len(problems) == 5
    assert settings.take_managed_problems() == []


# -- dialogs ------------------------------------------------------------------------------


def test_the_settings_dialog_shows_locked_values_disabled(
    qapp: QApplication, tmp_path: Path
) -> None:
    settings = _settings(tmp_path, m.parse(LOCKED_LIST + "font_size = 12\n"))
    dialog = SettingsDialog(settings)
    dialog.show()
    sound = dialog._editors[s.SOUND.key]
    assert isinstance(sound, QCheckBox)
    assert not sound.isEnabled() and not sound.isChecked()
    assert sound.toolTip() == "Set by your IT department."
    language = dialog._editors[s.LANGUAGE.key]
    assert isinstance(language, QComboBox) and language.isEnabled()
    assert language.currentData() == "es"
    font = dialog._editors[s.FONT_SIZE.key]
    assert isinstance(font, QSpinBox) and font.isEnabled() and font.value() == 12
    dialog.grab().save(str(Path("/tmp") / "wa-desk-settings-locked.png"))
    language.setCurrentIndex(language.findData("en"))
    dialog.accept()  # a locked value is never written back
    assert settings.get(s.LANGUAGE) == "en"
    assert not settings.store.contains(s.SOUND.key)


def test_the_sign_in_dialog_shows_a_locked_hub_read_only(qapp: QApplication) -> None:
    dialog = SigninDialog(hub_url=HUB, username="", hub_locked=True)
    dialog.show()
    assert dialog.hub.text() == HUB and dialog.hub.isReadOnly()
    assert dialog.hub_note.isVisibleTo(dialog)
    assert dialog.hub.toolTip() == "Set by your IT department."
    dialog.grab().save(str(Path("/tmp") / "wa-desk-signin-locked.png"))
    free = SigninDialog(hub_url=HUB, username="ana")
    free.show()
    assert not free.hub.isReadOnly() and not free.hub_note.isVisibleTo(free)
    dialog.close()
    free.close()


# -- the app ------------------------------------------------------------------------------


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningHub]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the local store
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())  # a keyring that keeps nothing, and says no problem
    try:
        with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", time_scale=0.02) as running:
            running.add_user("ana", "agent", ("ventas",))
            yield running
    finally:
        keyring.set_keyring(previous)


def test_the_app_signs_in_to_the_locked_hub_and_reports_the_rest_once(
    qapp: QApplication, hub: RunningHub, tmp_path: Path
) -> None:
    text = f'hub_url = "{hub.url}"\nlocked = ["hub_url"]\nlanguaje = "es"\n'
    settings = _settings(tmp_path, m.parse(text, "managed.toml"))

    async def scenario() -> None:
        import asyncio

        app = DesktopApp(qapp, settings, CredentialStore())
        starting = asyncio.ensure_future(app.start())
        dialog = await until(lambda: visible_dialog(SigninDialog))
        assert dialog.hub.text() == hub.url and dialog.hub.isReadOnly()
        dialog.user.setText("ana")
        dialog.password.setText(PASSWORD)
        dialog.sign_in.click()
        assert await starting
        window = app.window
        assert window is not None
        try:
            bar = window.problem_bar
            assert bar.isVisibleTo(window) and bar.kind == "managed_settings"
            assert "'languaje'" in bar.text.text()
            assert settings.take_managed_problems() == []  # shown once, not at each sign-in
        finally:
            await app.stop()
            window.close()

    run(qapp, scenario)
