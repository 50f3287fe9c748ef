"""Light and dark, following the system, and the colours delegates paint with.

Delegates never hard-code colours: they ask ``colors(palette)`` so both schemes and
high-contrast palettes stay readable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

# The agent's choice (the THEME setting's values): the system's scheme, or one of ours.
SYSTEM, LIGHT, DARK = "system", "light", "dark"
_CHOICE_PROPERTY = "waDeskTheme"  # kept on the QApplication: what a system change obeys


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


@dataclass(frozen=True)
class Colors:
    text: QColor
    muted: QColor
    bubble_in: QColor
    bubble_out: QColor
    bubble_border: QColor
    notice: QColor
    link: QColor
    read_tick: QColor
    failed: QColor
    sla_ok: QColor
    sla_warn: QColor
    warning_text: QColor  # words that warn, readable on the window (4.5:1)
    sla_late: QColor
    badge: QColor
    badge_text: QColor
    flagged: QColor
    selection: QColor
    selection_text: QColor
    quote_bar: QColor
    indicator_border: QColor  # the outline of an unticked tick box or radio button
    error_back: QColor  # a bar's background for what stops work (no connection)
    warning_back: QColor  # a bar's background for a problem to act on


_PALETTES_KEPT = 8  # palettes whose colours are kept (light, dark, a selected row's...)
_colors_of: dict[int, Colors] = {}


def colors(palette: QPalette) -> Colors:
    """The theme's colours for ``palette``, worked out once per palette: delegates ask on
    every cell they paint, hundreds a second while messages stream in, and working them
    out weighs contrast ratios."""
    key = palette.cacheKey()
    found = _colors_of.get(key)
    if found is None:
        if len(_colors_of) >= _PALETTES_KEPT:
            _colors_of.clear()
        found = _colors_of[key] = _work_out(palette)
    return found


def _work_out(palette: QPalette) -> Colors:
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    dark = is_dark(palette)
    green = QColor("#25a244") if not dark else QColor("#2fbf5a")
    return Colors(
        text=text,
        muted=_mix(text, base, 0.4),
        bubble_in=_mix(base, window, 0.5) if not dark else _mix(base, text, 0.08),
        bubble_out=_mix(base, green, 0.16 if not dark else 0.28),
        bubble_border=_mix(base, text, 0.14),
        notice=_mix(window, text, 0.08),
        link=palette.color(QPalette.ColorRole.Link),
        read_tick=QColor("#1d8fe1") if not dark else QColor("#53b7ff"),
        failed=QColor("#c62828") if not dark else QColor("#ff6b6b"),
        sla_ok=green,
        sla_warn=QColor("#d98b00") if not dark else QColor("#ffb53d"),
        warning_text=apart_from(QColor("#d98b00") if not dark else QColor("#ffb53d"), window, 4.5),
        sla_late=QColor("#d32f2f") if not dark else QColor("#ff5c5c"),
        badge=green,
        badge_text=QColor("#ffffff"),
        flagged=QColor("#e65100") if not dark else QColor("#ff9e40"),
        selection=palette.color(QPalette.ColorRole.Highlight),
        selection_text=palette.color(QPalette.ColorRole.HighlightedText),
        quote_bar=green,
        indicator_border=_mix(text, base, 0.35),
        error_back=_mix(window, QColor("#d32f2f") if not dark else QColor("#ff5c5c"), 0.2),
        warning_back=_mix(window, QColor("#d98b00") if not dark else QColor("#ffb53d"), 0.2),
    )


_FILLS_KEPT = 64  # fills whose text colour is kept (the pills and badges of the themes)
_text_on: dict[int, QColor] = {}


def text_on(fill: QColor) -> QColor:
    """White or near-black, whichever reads better on ``fill`` (a badge's text), worked
    out once per fill: the inbox asks for every pill it paints."""
    key = fill.rgba()
    found = _text_on.get(key)
    if found is None:
        if len(_text_on) >= _FILLS_KEPT:
            _text_on.clear()
        white, black = QColor("#ffffff"), QColor("#111111")
        found = white if contrast_ratio(white, fill) >= contrast_ratio(black, fill) else black
        _text_on[key] = found
    return QColor(found)  # a copy: the caller may change it


def apart_from(color: QColor, ground: QColor, ratio: float = 3.0) -> QColor:
    """``color`` lightened or darkened just enough to stand ``ratio`` apart from
    ``ground`` (WCAG's 3:1 for a shape): a badge on a selected row keeps its hue."""
    if contrast_ratio(color, ground) >= ratio:
        return color
    towards = [QColor("#ffffff"), QColor("#000000")]
    if ground.lightnessF() >= 0.5:
        towards.reverse()
    for end in towards:
        if contrast_ratio(end, ground) < ratio:
            continue
        for step in range(1, 21):
            moved = _mix(color, end, step / 20)
            if contrast_ratio(moved, ground) >= ratio:
                return moved
    return text_on(ground)


class Follower(QObject):
    """Keeps one palette role of a widget at a theme colour across theme switches."""

    def __init__(
        self, widget: QWidget, role: QPalette.ColorRole, pick: Callable[[Colors], QColor]
    ) -> None:
        super().__init__(widget)
        self._widget, self._role, self._pick = widget, role, pick
        widget.installEventFilter(self)
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.apply()
        return False

    def apply(self) -> None:
        widget = self._widget
        # The colours come from around the widget, not from its own palette: the role set
        # here must not feed back into the next colour (``muted`` mixes Text).
        parent = widget.parentWidget()
        around = parent.palette() if parent is not None else QApplication.palette(widget)
        color = self._pick(colors(around))
        palette = widget.palette()
        if palette.color(self._role) != color:
            palette.setColor(self._role, color)
            widget.setPalette(palette)


def follow(widget: QWidget, role: QPalette.ColorRole, pick: Callable[[Colors], QColor]) -> Follower:
    """Give ``widget``'s ``role`` the theme colour ``pick`` chooses, now and after every
    light ⇄ dark switch (a colour set once stays from the theme it was set in). When
    what ``pick`` chooses changes for another reason, call the follower's ``apply``."""
    return Follower(widget, role, pick)


def dark_palette() -> QPalette:
    """A Fusion palette for dark mode on platforms that do not provide one."""
    p = QPalette()
    window, base, text = QColor("#1f2124"), QColor("#16181a"), QColor("#e8eaed")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#24272b"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2a2d31"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: QColor("#2a2d31"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9aa0a6"),
        QPalette.ColorRole.Highlight: QColor("#2f6f4f"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ab7ff"),
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Mid: QColor("#3a3d42"),
        QPalette.ColorRole.Dark: QColor("#111214"),
        QPalette.ColorRole.Light: QColor("#3d4146"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8288"))
    return p


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio (1..21) of ``foreground`` laid over an opaque ``background``."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    def luminance(color: QColor) -> float:
        r, g, b = (channel(c) for c in (color.redF(), color.greenF(), color.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    alpha = foreground.alphaF()
    shown = _mix(
        background,
        QColor.fromRgbF(foreground.redF(), foreground.greenF(), foreground.blueF()),
        alpha,
    )
    lighter, darker = sorted((luminance(shown), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class ReadableStyle(QProxyStyle):
    """Fusion, with tick boxes and radio buttons outlined so they show when unticked:
    Fusion draws that outline a shade darker than the window, which all but vanishes on
    a dark palette (and is faint on a light one)."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        round_ = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
        if not round_ and element != QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            return
        state = option.state
        group = (
            QPalette.ColorGroup.Normal
            if state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Disabled
        )
        palette = QPalette(option.palette)
        palette.setCurrentColorGroup(group)
        border = colors(palette).indicator_border
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
        painter.setPen(QPen(border, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if round_:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()


def light_palette(standard: QPalette) -> QPalette:
    """Fusion's light palette with the roles it leaves under WCAG's 4.5:1 made darker:
    white text on the selection, placeholders, and disabled text (3:1, still legible)."""
    p = QPalette(standard)
    p.setColor(QPalette.ColorRole.Highlight, QColor("#1f6fb2"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6b6b"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def system_scheme() -> Qt.ColorScheme:
    return QGuiApplication.styleHints().colorScheme()


def scheme_for(choice: str) -> Qt.ColorScheme:
    """The THEME setting's value → the scheme to show now."""
    if choice == DARK:
        return Qt.ColorScheme.Dark
    if choice == LIGHT:
        return Qt.ColorScheme.Light
    return system_scheme()


def apply_theme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Show ``scheme`` (None: the system's). Fusion everywhere: the same look, and a dark
    palette that works, on every platform."""
    if not isinstance(app.style(), ReadableStyle):
        app.setStyle(ReadableStyle("Fusion"))
    chosen = system_scheme() if scheme is None else scheme
    app.setPalette(
        dark_palette()
        if chosen == Qt.ColorScheme.Dark
        else light_palette(app.style().standardPalette())
    )


def apply_choice(app: QApplication, choice: str) -> None:
    """The agent's choice (``system``, ``light``, ``dark``), at once; with ``system`` the
    app follows the system's scheme when it changes (``follow_system_theme``)."""
    app.setProperty(_CHOICE_PROPERTY, choice)
    apply_theme(app, scheme_for(choice))


def follow_system_theme(app: QApplication, choice: str = SYSTEM) -> None:
    """Apply ``choice`` now, and the system scheme again whenever the user switches it
    while the choice is ``system``."""
    apply_choice(app, choice)

    def changed(scheme: Qt.ColorScheme) -> None:
        if app.property(_CHOICE_PROPERTY) in (None, SYSTEM):
            apply_theme(app, scheme)

    app.styleHints().colorSchemeChanged.connect(changed)
