"""System tray icon with the unread count, and desktop notifications.

Both are optional: with no tray (some Linux desktops, CI) nothing is created and
notifications fall back to a beep when sound is on. Qt Multimedia (QSoundEffect) is
not part of PySide6-Essentials, so the sound is the system's own beep.

On Linux and the BSDs Qt hands notifications to the freedesktop notification server
over D-Bus as they are, and that server reads the body as markup (``<a href>``,
``<img src>``...): ``notification_texts`` makes a customer's text and name reach it as
text. Windows and macOS show both as plain text already.
"""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget


def _badge(p: QPainter, rect: QRect, count: int, fill: str) -> None:
    text = str(count) if count < 100 else "99+"
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(fill))
    p.drawEllipse(rect)
    font = QFont()
    font.setPixelSize(int(rect.height() * (0.6 if len(text) < 3 else 0.4)))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def app_icon(unread: int = 0, size: int = 64, alerts: int = 0) -> QIcon:
    """A speech bubble, with a red badge holding ``unread`` when there is any (top), and
    a dark orange one holding a lead's open ``alerts`` when there are any (bottom)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#25a244"))
    bubble = QPainterPath()
    bubble.addRoundedRect(size * 0.06, size * 0.1, size * 0.82, size * 0.64, size * 0.2, size * 0.2)
    tail = QPainterPath()
    tail.moveTo(size * 0.22, size * 0.7)
    tail.lineTo(size * 0.14, size * 0.94)
    tail.lineTo(size * 0.44, size * 0.72)
    p.drawPath(bubble.united(tail))
    p.setBrush(QColor("#ffffff"))
    for i in range(3):
        p.drawEllipse(
            QPoint(int(size * (0.28 + 0.19 * i)), int(size * 0.42)), size // 16, size // 16
        )
    half = int(size * 0.5)
    if unread:
        _badge(p, QRect(half, 0, half, half), unread, "#d32f2f")
    if alerts:
        _badge(p, QRect(half, size - half, half, half), alerts, "#b34700")
    p.end()
    return QIcon(pixmap)


# The summary is plain text to servers that follow the specification (GNOME Shell, dunst,
# mako, LXQt), so entities would show there as "&lt;"; look-alike quotation marks read
# the same on every server and no server can take them for a tag.
_SUMMARY_ANGLES = str.maketrans({"<": "\u2039", ">": "\u203a"})


def notification_texts(title: str, body: str, platform: str) -> tuple[str, str]:
    """(title, body) as they must reach ``QSystemTrayIcon.showMessage`` on ``platform``
    (a ``sys.platform`` value) for both to show literally."""
    if platform in ("win32", "darwin"):
        return title, body
    # The body is the specification's markup (a small XML-based subset of HTML): "&", "<"
    # and ">" are all it needs escaped; quotes only matter inside a tag.
    return title.translate(_SUMMARY_ANGLES), html.escape(body, quote=False)


class Tray(QObject):
    activated = Signal()  # the agent clicked the icon: bring the window forward
    quitRequested = Signal()

    def __init__(
        self, window: QWidget, parent: QObject | None = None, *, platform: str = sys.platform
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.platform = platform  # decides how notifications are written (notification_texts)
        self.icon: QSystemTrayIcon | None = None
        self.notifications = True
        self.sound = True
        self._unread = 0
        self._alerts = 0
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.icon = QSystemTrayIcon(app_icon(), self)
        menu = QMenu(window)
        show = QAction(self.tr("Show wa-desk"), menu)
        show.triggered.connect(self.activated)
        quit_ = QAction(self.tr("Quit"), menu)
        quit_.triggered.connect(self.quitRequested)
        menu.addAction(show)
        menu.addAction(quit_)
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(lambda _reason: self.activated.emit())
        self.icon.show()
        self.set_unread(0)

    @property
    def available(self) -> bool:
        return self.icon is not None

    def set_unread(self, count: int) -> None:
        self._unread = count
        self._show_counts()

    def set_open_alerts(self, count: int) -> None:
        """A lead's open alerts (``AlertsController.countChanged``): a badge and a line of
        the tooltip."""
        self._alerts = count
        self._show_counts()

    def tooltip(self) -> str:
        lines = [self.tr("wa-desk: %1 unread").replace("%1", str(self._unread))]
        if not self._unread:
            lines = ["wa-desk"]
        if self._alerts:
            lines.append(self.tr("Open alerts: %1").replace("%1", str(self._alerts)))
        return "\n".join(lines)

    def _show_counts(self) -> None:
        if self.icon is None:
            return
        self.icon.setIcon(app_icon(self._unread, alerts=self._alerts))
        self.icon.setToolTip(self.tooltip())

    def notify_alert(self, title: str, text: str) -> bool:
        """A critical alert (``AlertsController.criticalAlert``): a notification unless the
        window is in front, where the problems bar (above every page) already tells it
        in words with its next step, and the Alerts tab counts it."""
        if self.window.isActiveWindow():
            return False
        return self._show(title, text, QSystemTrayIcon.MessageIcon.Critical)

    def notify(self, title: str, text: str) -> bool:
        """A desktop notification unless the window is in front; True when one was shown."""
        if self.window.isActiveWindow():
            return False
        return self._show(title, text, QSystemTrayIcon.MessageIcon.Information)

    def _show(self, title: str, text: str, kind: QSystemTrayIcon.MessageIcon) -> bool:
        if not self.notifications:
            return False
        shown = False
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            # Customer text stays data whatever the notification server makes of markup.
            title, text = notification_texts(title, text, self.platform)
            self.icon.showMessage(title, text, kind, 8000)
            shown = True
        if self.sound:
            QApplication.beep()
        return shown
