"""``wa-desk --smoke-test``: the installed app proves it starts, then exits.

Offscreen, against the stand-in hub of ``wa_desk.smoke.demo_hub`` on loopback: the
translations (the app's and Qt's, Spanish and English) load and translate, the keyring
backend loads, a colour emoji font draws emoji, the user signs in, and the real main
window opens and lists the hub's waiting conversation. Each check prints one line;
the exit status is 0 only when all passed. An overall deadline fails the run instead
of letting it hang, even inside Qt.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import qasync
from PySide6.QtCore import QLibraryInfo, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.client.errors import HubError
from wa_desk.client.hub_api import HubApi
from wa_desk.managed import ManagedFile
from wa_desk.smoke.demo_hub import smoke_hub
from wa_desk.smoke.keyring_check import KeyringMode, check_keyring
from wa_desk.smoke.report import Check, Report, say
from wa_desk.ui.app.desktop_app import DesktopApp, SignedIn
from wa_desk.ui.common.emoji_font import BUNDLED, ensure_colour_emoji, installed_colour_emoji
from wa_desk.ui.common.i18n import SUPPORTED, TRANSLATIONS_DIR, Translations
from wa_desk.ui.settings import settings as s

DEFAULT_DEADLINE_S = 30.0
# A string of each translation that must read as this once loaded (context, source).
KNOWN = ("SignIn", "Wrong user name or password.")
KNOWN_ES = "Usuario o contraseña incorrectos."
QT_KNOWN = ("QPlatformTheme", "Cancel")
QT_KNOWN_ES = "Cancelar"


@dataclass(frozen=True)
class SmokeOptions:
    keyring: KeyringMode = KeyringMode.SYSTEM
    translations_dir: Path | None = None  # the app's .qm files; default: the shipped ones
    deadline_s: float = DEFAULT_DEADLINE_S


def run_smoke_test(options: SmokeOptions) -> int:
    """Every check, one line each; 0 when all passed, 1 when any failed, 3 on deadline."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    began = time.perf_counter()
    report = Report()
    with _watchdog(options.deadline_s + 5.0):
        report.add(check_keyring(options.keyring))
        with tempfile.TemporaryDirectory(prefix="wa-desk-smoke-") as tmp:
            _run_qt_checks(options, report, Path(tmp), began)
    status = report.print()
    say(f"smoke test: finished in {(time.perf_counter() - began) * 1000:.0f} ms", sys.stdout)
    return status


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    """Ends the process should the checks still run after ``seconds`` (a hang in Qt never
    comes back to Python, where the asyncio deadline would act)."""
    done = threading.Event()

    def bite() -> None:
        if not done.wait(seconds):
            say(f"smoke test: FAILED deadline: still running after {seconds:.0f} s", sys.stderr)
            os._exit(3)

    threading.Thread(target=bite, name="smoke-watchdog", daemon=True).start()
    try:
        yield
    finally:
        done.set()


def _run_qt_checks(options: SmokeOptions, report: Report, tmp: Path, began: float) -> None:
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("wa-desk")
    qapp.setOrganizationName("wa-desk")
    qapp.setQuitOnLastWindowClosed(False)
    report.add(_check_translations(options.translations_dir))
    report.add(_check_emoji_font(qapp))
    # The user's own settings and stores stay untouched: both live in ``tmp``.
    store = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    settings = s.Settings(store, managed=ManagedFile())

    async def window_checks() -> None:
        try:
            await asyncio.wait_for(
                _open_main_window(qapp, settings, report, tmp, began, options.translations_dir),
                timeout=options.deadline_s,
            )
        except TimeoutError:
            report.failed("deadline", f"the main window did not open in {options.deadline_s} s")

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(window_checks())


def _check_translations(qm_dir: Path | None) -> Check:
    """The app's es and en files and Qt's qtbase es and en load; es translates."""
    app_dir = qm_dir or TRANSLATIONS_DIR
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    problems = []
    for language in SUPPORTED:
        mine = QTranslator()
        if not mine.load(f"wa_desk_{language}", str(app_dir)):
            problems.append(f"wa_desk_{language}.qm does not load from {app_dir}")
        else:
            expected = KNOWN_ES if language == "es" else KNOWN[1]
            got = mine.translate(*KNOWN)
            if got != expected:
                problems.append(f"wa_desk_{language}.qm translates {KNOWN[1]!r} as {got!r}")
        qt = QTranslator()
        if not qt.load(f"qtbase_{language}", qt_dir):
            problems.append(f"qtbase_{language}.qm does not load from {qt_dir}")
        elif language == "es" and qt.translate(*QT_KNOWN) != QT_KNOWN_ES:
            problems.append(
                f"qtbase_es.qm translates {QT_KNOWN[1]!r} as {qt.translate(*QT_KNOWN)!r}"
            )
    if problems:
        return Check("translations", False, "; ".join(problems))
    return Check("translations", True, f"es and en load and translate ({app_dir}, {qt_dir})")


def _check_emoji_font(qapp: QApplication) -> Check:
    """Emoji are drawn in colour: by the system's font (the frozen app ships none), or by
    the one a source checkout carries."""
    system = installed_colour_emoji()
    family = ensure_colour_emoji(qapp)
    if family is None:
        return Check(
            "fonts",
            False,
            "no colour emoji font on this system (Debian and Ubuntu: fonts-noto-color-emoji)",
        )
    whose = "the system's" if system else f"{BUNDLED.name}, bundled"
    return Check("fonts", True, f"emoji drawn with {family!r} ({whose})")


async def _open_main_window(
    qapp: QApplication,
    settings: s.Settings,
    report: Report,
    tmp: Path,
    began: float,
    qm_dir: Path | None,
) -> None:
    with smoke_hub() as hub:
        report.passed("hub", f"stand-in hub on {hub.url}")
        api = HubApi(hub.url)
        try:
            session = await api.login(hub.user_name, hub.state.password)
        except HubError as exc:
            report.failed("sign-in", f"{type(exc).__name__}: {exc}")
            return
        finally:
            await api.aclose()
        report.passed("sign-in", f"signed in as {session.user['name']!r}")
        translations = Translations(qm_dir) if qm_dir else Translations()
        translations.install("es")
        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=SignedIn(hub.url, session.token, session.user),
            translations=translations,
            data_dir=tmp / "data",
        )
        try:
            if not await app.start() or not app.window.isVisible():
                report.failed("main window", "the window did not open")
                return
            shown_ms = (time.perf_counter() - began) * 1000
            say(f"smoke test: main window shown after {shown_ms:.0f} ms", sys.stdout)
            await _inbox_lists(app, hub.state.conversation_id)
            streamed = hub.asked("GET /api/v1/stream")
            if not streamed:
                report.failed("main window", "opened, but the live stream was never asked for")
                return
            report.passed("main window", f"open, inbox listed, live stream on ({shown_ms:.0f} ms)")
        finally:
            await app.stop()
            app.window.close()
            app.window.deleteLater()


async def _inbox_lists(app: DesktopApp, conversation_id: str) -> None:
    """Until the inbox shows the hub's conversation (the deadline bounds the wait)."""
    model = app.window.inbox_view.model
    listed = asyncio.Event()

    def look(*_: object) -> None:
        if conversation_id in model.ids():
            listed.set()

    model.rowsInserted.connect(look)
    model.modelReset.connect(look)
    try:
        look()
        await listed.wait()
    finally:
        model.rowsInserted.disconnect(look)
        model.modelReset.disconnect(look)
