"""``wa-desk`` with no subcommand: the desktop app, in one asyncio loop inside Qt."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys

import wa_desk
from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp, SignedIn

log = logging.getLogger(__name__)

NO_DISPLAY = (
    "wa-desk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the "
    "desktop app cannot open a window here. Run it on a desktop session, or without a "
    "screen with QT_QPA_PLATFORM=offscreen (nothing is shown; for tests and screenshots)."
)


def display_missing() -> bool:
    """On Linux and other X11/Wayland systems, whether Qt has somewhere to draw."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _finish_on_signal(app: DesktopApp) -> None:
    """SIGTERM and Ctrl+C close the app cleanly, through the event loop."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _number, _frame: loop.call_soon_threadsafe(app._finish))


def run_desktop(
    preset: SignedIn | None = None,
    *,
    duration: float | None = None,
    supervisor_first: bool = False,
) -> int:
    """Run the app until its window closes; ``preset`` skips the sign-in (the demo);
    ``duration`` closes it after that many seconds; ``supervisor_first`` opens a lead's
    window on the supervisor view (the demo's ``--role supervisor``)."""
    if display_missing():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    import qasync
    from PySide6.QtWidgets import QApplication

    from wa_desk.ui.app import crash_handler, logging_setup, long_lived
    from wa_desk.ui.common import theme
    from wa_desk.ui.common.emoji_font import ensure_colour_emoji
    from wa_desk.ui.common.i18n import Translations
    from wa_desk.ui.settings import settings as s

    logging_setup.start_logging()
    log.info("wa-desk %s starting on %s", wa_desk.__version__, sys.platform)
    qapp = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("wa-desk")
    qapp.setOrganizationName("wa-desk")
    # Wayland has no window class: the compositor finds the icon and the name by this.
    qapp.setDesktopFileName(wa_desk.APP_ID)
    qapp.setQuitOnLastWindowClosed(False)
    crash_handler.install()
    long_lived.enable()
    ensure_colour_emoji(qapp)
    settings = s.Settings()
    settings.upgrade()
    translations = Translations()
    translations.install(settings.get(s.LANGUAGE))
    theme.follow_system_theme(qapp, settings.get(s.THEME))

    async def main() -> int:
        logging_setup.log_loop_exceptions(asyncio.get_running_loop())
        from wa_desk.ui.shell.main_window import WindowPage

        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=preset,
            translations=translations,
            first_page=WindowPage.SUPERVISOR if supervisor_first else None,
        )
        qapp.lastWindowClosed.connect(app._finish)
        if not await app.start():
            return 0
        if duration is not None:
            asyncio.get_running_loop().call_later(duration, app._finish)
        _finish_on_signal(app)
        try:
            await app.quit
        finally:
            await app.stop()
        return 0

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        return runner.run(main())
