"""Paints one message: bubble, quote, media slot, plain text, details, ticks, reactions.

Every size derives from the font's metrics (DPI and font-size clean). Customer text is
laid out as plain text only (``plain_text``): a message's words by ``body_text`` (a
``QTextLayout`` per line, WhatsApp's formatting as format ranges, links, the selection),
the rest with ``plain_static_text``; it can never turn into markup. One layout function
serves painting, size hints, clicks, the pointer and copying, so they always agree.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPolygon,
    QStaticText,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from wa_desk.core.message_text import render
from wa_desk.ui.common import theme
from wa_desk.ui.common.media_types import PICTURE_TYPES
from wa_desk.ui.common.plain_text import isolated, plain_static_text
from wa_desk.ui.conversation import video_tile
from wa_desk.ui.conversation.body_text import BodyText, body_text
from wa_desk.ui.conversation.message_content import Content
from wa_desk.ui.conversation.model import Bubble, MessageRoles, RowSize

Index = QModelIndex | QPersistentModelIndex
_CACHE_SIZE = 800
SizeSlot = Callable[[int], RowSize]
BubbleOf = Callable[[int], Bubble]
# Widths are below this, so ``epoch * _EPOCH + width`` keys a height in a row's slot.
_EPOCH = 1 << 20
# Message types whose thumbnail slot shows the picture itself once it is fetched.
ThumbnailProvider = Callable[[dict[str, Any]], QImage | None]


def _openable(index: Index) -> bool:
    """A video the agent can save and play from its tile."""
    content = index.data(MessageRoles.CONTENT)
    return isinstance(content, Content) and content.openable and content.thumbnail_slot


def _scaled(font: QFont, factor: float, *, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(font)
    f.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    f.setBold(bold)
    f.setItalic(italic)
    return f


def _advance(font: QFont, text: str) -> int:
    """Whole pixels that hold ``text`` on one line: its fractional width rounded up
    (an integer width rounded down makes the painter elide a label that should fit)."""
    return math.ceil(QFontMetricsF(font).horizontalAdvance(text))


@dataclass
class _Layout:
    height: int = 0
    day: QRect | None = None
    bubble: QRect = field(default_factory=QRect)
    notice: bool = False
    sender: QRect | None = None
    quote: QRect | None = None
    label: QRect | None = None
    thumb: QRect | None = None
    body: QPoint | None = None
    body_text: QStaticText | None = None  # a notice's
    body_words: BodyText | None = None  # a message's words
    expanded: bool = False
    more: QRect | None = None  # "Show more" / "Show less" under a long message
    details: QPoint | None = None
    details_text: QStaticText | None = None
    link: QRect | None = None
    download: QRect | None = None
    problems: QPoint | None = None
    problems_text: QStaticText | None = None
    footer: QRect = field(default_factory=QRect)
    failed: QPoint | None = None
    failed_text: QStaticText | None = None
    reactions: QRect | None = None


class MessageDelegate(QStyledItemDelegate):
    linkActivated = Signal(str)
    downloadActivated = Signal(dict)
    # -- media thumbnails (served by wa_desk.ui.media.controller) --
    thumbnailRequested = Signal(dict)  # a visible picture row has no thumbnail yet
    pictureActivated = Signal(dict)  # the agent clicked a picture's thumbnail
    mediaOpenActivated = Signal(dict)  # the agent clicked a video's tile: save and play it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._static: OrderedDict[tuple[Any, ...], QStaticText] = OrderedDict()
        self._words: OrderedDict[tuple[str, int, str], BodyText] = OrderedDict()
        # The agent's selection in one message's words: (message id, start, end) in the
        # text as shown; painted highlighted, copied as written.
        self.selection: tuple[str, int, int] | None = None
        self._option: QStyleOptionViewItem | None = None  # of the last measurement
        # Heights in the model's row slots are keyed by width within this epoch, which
        # moves on when the font or style changes: no font key computed per row.
        self._epoch = 0
        self.thumbnail_provider: ThumbnailProvider | None = None
        # Set by the view when the rows are the model's own: row -> its ``RowSize``,
        # so a size hint is a list index and a dict lookup, without going through ``data``.
        self.size_slot: SizeSlot | None = None
        # Likewise row -> its ``Bubble`` in one call, instead of a ``data`` call per role.
        self.bubble_of: BubbleOf | None = None
        if parent is not None:
            parent.installEventFilter(self)

    # -- text -----------------------------------------------------------------------------

    def static_text(self, text: str, width: int, font: QFont) -> QStaticText:
        """A cached plain-text layout of ``text`` wrapped at ``width``."""
        key = (text, width, font.key())
        cached = self._static.get(key)
        if cached is None:
            cached = plain_static_text(text, width, font)
            self._static[key] = cached
            if len(self._static) > _CACHE_SIZE:
                self._static.popitem(last=False)
        else:
            self._static.move_to_end(key)
        return cached

    def words(self, text: str, width: int, font: QFont) -> BodyText:
        """A message's words laid out in at most ``width`` pixels (cached)."""
        key = (text, width, font.key())
        cached = self._words.get(key)
        if cached is None:
            cached = self._words[key] = body_text(text, width, font)
            if len(self._words) > _CACHE_SIZE:
                self._words.popitem(last=False)
        else:
            self._words.move_to_end(key)
        return cached

    @staticmethod
    def _natural_width(text: str, fm: QFontMetrics) -> int:
        # A little slack: italic and kerning overhangs would otherwise wrap the last word.
        widest = max((fm.horizontalAdvance(line) for line in text.split("\n")), default=0)
        return widest + fm.averageCharWidth()

    # -- layout ---------------------------------------------------------------------------

    def bubble(self, index: Index) -> Bubble:
        if self.bubble_of is not None:
            return self.bubble_of(index.row())
        problems = index.data(MessageRoles.PROBLEMS) or []
        return Bubble(
            day=str(index.data(MessageRoles.DAY) or ""),
            content=index.data(MessageRoles.CONTENT) or Content(),
            body=str(index.data(MessageRoles.BODY) or ""),
            deleted=bool(index.data(MessageRoles.DELETED)),
            outgoing=index.data(MessageRoles.DIRECTION) == "out",
            sender=str(index.data(MessageRoles.SENDER) or ""),
            quote=str(index.data(MessageRoles.QUOTE) or ""),
            downloadable=bool(index.data(MessageRoles.DOWNLOADABLE)),
            flagged=bool(index.data(MessageRoles.FLAGGED)),
            problems=[str(p) for p in problems],
            time=str(index.data(MessageRoles.TIME) or ""),
            edited=bool(index.data(MessageRoles.EDITED)),
            reactions=str(index.data(MessageRoles.REACTIONS) or ""),
            status_text=str(index.data(MessageRoles.STATUS_TEXT) or ""),
            automatic=bool(index.data(MessageRoles.AUTOMATIC)),
        )

    def layout(self, option: QStyleOptionViewItem, index: Index) -> _Layout:
        font = option.font
        fm = QFontMetrics(font)
        small_font = _scaled(font, 0.85)
        small = QFontMetrics(small_font)
        unit = fm.height()
        pad = max(2, unit // 2)
        view_width = option.rect.width()
        if option.widget is not None and hasattr(option.widget, "viewport"):
            view_width = option.widget.viewport().width()
        view_width = max(view_width, unit * 10)
        lay = _Layout()
        y = pad // 2
        b = self.bubble(index)
        day = b.day
        if day:
            w = small.horizontalAdvance(day) + unit * 2
            lay.day = QRect((view_width - w) // 2, y, w, small.height() + pad)
            y += lay.day.height() + pad

        content = b.content
        body = b.body
        deleted = b.deleted
        if content.notice:
            lay.notice = True
            max_w = int(view_width * 0.8)
            italic = _scaled(font, 0.9, italic=True)
            text = self.static_text(
                body, min(max_w, self._natural_width(body, QFontMetrics(italic))), italic
            )
            size = text.size().toSize()
            lay.bubble = QRect(
                (view_width - size.width()) // 2 - pad,
                y,
                size.width() + 2 * pad,
                size.height() + pad,
            )
            lay.body = QPoint(lay.bubble.left() + pad, y + pad // 2)
            lay.body_text = text
            lay.footer = QRect()
            lay.height = lay.bubble.bottom() + pad
            return lay

        outgoing = b.outgoing
        max_bubble = max(unit * 8, min(int(view_width * 0.72), unit * 36))
        inner_max = max_bubble - 2 * pad
        wanted = 0  # widest content, for the bubble width
        parts: list[tuple[str, int]] = []  # (part, height) in order

        sender = b.sender
        if sender:
            wanted = max(wanted, _advance(small_font, sender))
            parts.append(("sender", small.height()))
        quote = b.quote
        if quote:
            wanted = max(wanted, min(inner_max, small.horizontalAdvance(quote) + pad * 2))
            parts.append(("quote", small.height() + pad))
        label = content.label
        if deleted:
            label = QCoreApplication.translate("MessageDelegate", "Deleted by the customer")
        if label:
            wanted = max(wanted, _advance(_scaled(font, 0.9, bold=True), label))
            parts.append(("label", small.height() + 2))
        if content.thumbnail_slot and not deleted:
            wanted = max(wanted, min(inner_max, unit * 14))
            parts.append(("thumb", unit * 7))
        if body and not deleted:
            words = lay.body_words = self.words(body, inner_max, font)
            lay.expanded = b.expanded
            wanted = max(wanted, words.width)
            parts.append(("body", words.shown_height(b.expanded)))
            if words.collapsible:
                more = self.more_text(b.expanded)
                wanted = max(wanted, min(inner_max, small.horizontalAdvance(more) + 2))
                parts.append(("more", small.height() + pad // 2))
        if content.details and not deleted:
            details = "\n".join(content.details)
            w = min(inner_max, self._natural_width(details, small))
            lay.details_text = self.static_text(details, w, small_font)
            wanted = max(wanted, w)
            parts.append(("details", int(lay.details_text.size().height())))
        if content.link and not deleted:
            wanted = max(wanted, min(inner_max, small.horizontalAdvance(self.link_text())))
            parts.append(("link", small.height()))
        if b.downloadable:
            wanted = max(wanted, small.horizontalAdvance(self.download_text()) + unit * 2)
            parts.append(("download", small.height() + pad))
        problems = b.problems  # sentences in the agent's words, joined by a space
        if b.flagged or problems:
            flag = "⚑ " + (
                QCoreApplication.translate("MessageDelegate", "Flagged: %1").replace(
                    "%1", " ".join(problems)
                )
                if problems
                else QCoreApplication.translate("MessageDelegate", "Flagged")
            )
            w = min(inner_max, self._natural_width(flag, small))
            lay.problems_text = self.static_text(flag, w, small_font)
            wanted = max(wanted, w)
            parts.append(("problems", int(lay.problems_text.size().height())))
        footer_text = self._footer(b.time, b.edited, b.automatic)
        footer_w = small.horizontalAdvance(footer_text) + small.horizontalAdvance("✓✓") + pad
        wanted = max(wanted, footer_w)
        parts.append(("footer", small.height()))

        bubble_w = min(max_bubble, wanted + 2 * pad)
        inner_w = bubble_w - 2 * pad
        left = view_width - bubble_w - unit if outgoing else unit
        top = y
        y += pad // 2 + 2
        for part, height in parts:
            rect = QRect(left + pad, y, inner_w, height)
            if part == "sender":
                lay.sender = rect
            elif part == "quote":
                lay.quote = rect.adjusted(0, 0, 0, -pad // 3)
            elif part == "label":
                lay.label = rect
            elif part == "thumb":
                lay.thumb = QRect(
                    rect.left(), rect.top(), min(inner_w, unit * 14), height - pad // 2
                )
            elif part == "body":
                lay.body = rect.topLeft()
            elif part == "more":
                more = self.more_text(lay.expanded)
                lay.more = QRect(
                    rect.left(),
                    rect.top() + pad // 2,
                    min(inner_w, small.horizontalAdvance(more) + 2),
                    small.height(),
                )
            elif part == "details":
                lay.details = rect.topLeft()
            elif part == "link":
                lay.link = QRect(
                    rect.left(),
                    rect.top(),
                    min(inner_w, small.horizontalAdvance(self.link_text()) + 2),
                    height,
                )
            elif part == "download":
                w = small.horizontalAdvance(self.download_text()) + unit * 2
                lay.download = QRect(
                    rect.left(), rect.top() + pad // 4, min(inner_w, w), small.height() + pad // 2
                )
            elif part == "problems":
                lay.problems = rect.topLeft()
            elif part == "footer":
                lay.footer = rect
            y += height + (pad // 4)
        lay.bubble = QRect(left, top, bubble_w, y - top + pad // 3)
        y = lay.bubble.bottom()
        reactions = b.reactions
        if reactions:
            w = fm.horizontalAdvance(reactions) + pad * 2
            rx = lay.bubble.right() - w - pad if outgoing else lay.bubble.left() + pad
            lay.reactions = QRect(rx, y - pad // 2, w, unit + pad // 2)
            y = lay.reactions.bottom()
        status_text = b.status_text
        if status_text:
            w = min(max_bubble, self._natural_width(status_text, small))
            lay.failed_text = self.static_text(status_text, w, small_font)
            lay.failed = QPoint(
                lay.bubble.right() - w if outgoing else lay.bubble.left(), y + pad // 3
            )
            y = lay.failed.y() + int(lay.failed_text.size().height())
        lay.height = y + pad
        return lay

    @staticmethod
    def more_text(expanded: bool) -> str:
        if expanded:
            return QCoreApplication.translate("MessageDelegate", "Show less")
        return QCoreApplication.translate("MessageDelegate", "Show more")

    def link_text(self) -> str:
        return QCoreApplication.translate("MessageDelegate", "Open in OpenStreetMap")

    def download_text(self) -> str:
        return "↓ " + QCoreApplication.translate("MessageDelegate", "Download")

    def footer_text(self, index: Index) -> str:
        return self._footer(
            str(index.data(MessageRoles.TIME) or ""),
            bool(index.data(MessageRoles.EDITED)),
            bool(index.data(MessageRoles.AUTOMATIC)),
        )

    @staticmethod
    def _footer(time: str, edited: bool, automatic: bool = False) -> str:
        """The time, after "edited" and "Automatic" (the hub sent it on its own, not a
        person) when they apply."""
        parts = []
        if automatic:
            parts.append(QCoreApplication.translate("MessageDelegate", "Automatic"))
        if edited:
            parts.append(QCoreApplication.translate("MessageDelegate", "edited"))
        return " · ".join([*parts, time])

    # -- QStyledItemDelegate --------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # Qt asks for every row's size on each layout pass (any insertion, any height
        # change): a row is laid out once per (revision, width, font) and then looked up.
        widget = option.widget
        width = (
            widget.viewport().width()
            if isinstance(widget, QAbstractScrollArea)
            else option.rect.width()
        )
        size_slot = self.size_slot
        if size_slot is None:  # rows that are not a ConversationModel's: nothing to keep
            return QSize(max(1, width), self.layout(option, index).height)
        slot = size_slot(index.row())
        key = self._epoch * _EPOCH + width
        height = slot.heights.get(key)
        if height is None:
            height = slot.heights[key] = self.layout(option, index).height
            if self._option is None:
                self._option = QStyleOptionViewItem(option)
        slot.laid_out = height
        return QSize(max(1, width), height)

    def remeasure(self, index: Index) -> None:
        """A row's data changed. A list view does not measure rows again on a change, so
        when its height is no longer the one the view laid out, say so (the view lays
        the rows out again: the others from the cache)."""
        if self.size_slot is None:
            return
        given = self.size_slot(index.row()).laid_out
        if self._option is None or given < 0:
            return  # never laid out: measured when it is
        if self.sizeHint(self._option, index).height() != given:
            self.sizeHintChanged.emit(index)

    def forget_sizes(self) -> None:
        """Measure every row again (the font or the style changed)."""
        self._option = None
        self._epoch += 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.forget_sizes()
        return False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        lay = self.layout(option, index)
        c = theme.colors(option.palette)
        font = option.font
        small_font = _scaled(font, 0.85)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(font)
        radius = fm.height() * 0.55
        if lay.day is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.notice)
            painter.drawRoundedRect(lay.day, lay.day.height() / 2, lay.day.height() / 2)
            painter.setPen(c.muted)
            painter.setFont(small_font)
            painter.drawText(
                lay.day, Qt.AlignmentFlag.AlignCenter, str(index.data(MessageRoles.DAY))
            )
        if lay.notice:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.notice)
            painter.drawRoundedRect(lay.bubble, radius, radius)
            painter.setPen(c.muted)
            if lay.body is not None and lay.body_text is not None:
                painter.drawStaticText(lay.body, lay.body_text)
            painter.restore()
            return
        outgoing = index.data(MessageRoles.DIRECTION) == "out"
        painter.setPen(c.bubble_border)
        painter.setBrush(c.bubble_out if outgoing else c.bubble_in)
        painter.drawRoundedRect(lay.bubble, radius, radius)
        if index.data(MessageRoles.FLAGGED):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.flagged)
            bar = max(3, fm.height() // 5)
            painter.drawRoundedRect(
                QRect(lay.bubble.left(), lay.bubble.top(), bar, lay.bubble.height()),
                bar / 2,
                bar / 2,
            )
        small = QFontMetrics(small_font)
        if lay.sender is not None:
            painter.setFont(_scaled(font, 0.85, bold=True))
            painter.setPen(c.quote_bar)
            painter.drawText(
                lay.sender,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                small.elidedText(
                    str(index.data(MessageRoles.SENDER)),
                    Qt.TextElideMode.ElideRight,
                    lay.sender.width(),
                ),
            )
        if lay.quote is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.notice)
            painter.drawRoundedRect(lay.quote, radius / 2, radius / 2)
            painter.setBrush(c.quote_bar)
            painter.drawRect(
                QRect(
                    lay.quote.left(), lay.quote.top(), max(2, fm.height() // 6), lay.quote.height()
                )
            )
            painter.setFont(small_font)
            painter.setPen(c.muted)
            inner = lay.quote.adjusted(fm.height() // 2, 0, -fm.height() // 4, 0)
            painter.drawText(
                inner,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                small.elidedText(
                    isolated(str(index.data(MessageRoles.QUOTE))),
                    Qt.TextElideMode.ElideRight,
                    inner.width(),
                ),
            )
        if lay.label is not None:
            label_font = _scaled(font, 0.9, bold=True)
            painter.setFont(label_font)
            painter.setPen(c.muted)
            label = (
                QCoreApplication.translate("MessageDelegate", "Deleted by the customer")
                if index.data(MessageRoles.DELETED)
                else str(index.data(MessageRoles.LABEL))
            )
            painter.drawText(
                lay.label,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                QFontMetrics(label_font).elidedText(
                    label, Qt.TextElideMode.ElideRight, lay.label.width()
                ),
            )
        if lay.thumb is not None and index.data(MessageRoles.TYPE) == "video":
            video_tile.paint(
                painter, lay.thumb, small_font, option.palette, c, openable=_openable(index)
            )
        elif lay.thumb is not None:
            self._paint_thumb(painter, lay.thumb, index, c)
        painter.setPen(c.text)
        if lay.body is not None and lay.body_words is not None:
            painter.setFont(font)
            selection = self.selection
            shown = None
            if selection is not None and selection[0] == index.data(MessageRoles.ID):
                shown = (selection[1], selection[2])
            lay.body_words.draw(
                painter,
                QPointF(lay.body),
                expanded=lay.expanded,
                link_color=c.link,
                selection=shown,
                highlight=option.palette.highlight().color(),
                highlighted_text=option.palette.highlightedText().color(),
                quote_bar=c.quote_bar,
            )
        if lay.more is not None:
            more_font = QFont(small_font)
            more_font.setUnderline(True)
            painter.setFont(more_font)
            painter.setPen(c.link)
            painter.drawText(
                lay.more,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                small.elidedText(
                    self.more_text(lay.expanded), Qt.TextElideMode.ElideRight, lay.more.width()
                ),
            )
        if lay.details is not None and lay.details_text is not None:
            painter.setFont(small_font)
            painter.setPen(c.muted)
            painter.drawStaticText(lay.details, lay.details_text)
        if lay.link is not None:
            link_font = QFont(small_font)
            link_font.setUnderline(True)
            painter.setFont(link_font)
            painter.setPen(c.link)
            painter.drawText(
                lay.link,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                small.elidedText(self.link_text(), Qt.TextElideMode.ElideRight, lay.link.width()),
            )
        if lay.download is not None:
            painter.setPen(c.bubble_border)
            painter.setBrush(option.palette.button())
            painter.drawRoundedRect(
                lay.download, lay.download.height() / 2, lay.download.height() / 2
            )
            painter.setFont(small_font)
            painter.setPen(option.palette.buttonText().color())
            painter.drawText(lay.download, Qt.AlignmentFlag.AlignCenter, self.download_text())
        if lay.problems is not None and lay.problems_text is not None:
            painter.setFont(small_font)
            painter.setPen(c.flagged)
            painter.drawStaticText(lay.problems, lay.problems_text)
        self._paint_footer(painter, lay.footer, index, small_font, c)
        if lay.reactions is not None:
            painter.setPen(c.bubble_border)
            painter.setBrush(option.palette.base())
            painter.drawRoundedRect(
                lay.reactions, lay.reactions.height() / 2, lay.reactions.height() / 2
            )
            painter.setFont(font)
            painter.setPen(c.text)
            painter.drawText(
                lay.reactions, Qt.AlignmentFlag.AlignCenter, str(index.data(MessageRoles.REACTIONS))
            )
        if lay.failed is not None and lay.failed_text is not None:
            painter.setFont(small_font)
            painter.setPen(c.failed)
            painter.drawStaticText(lay.failed, lay.failed_text)
        painter.restore()

    def _picture(self, index: Index) -> tuple[dict[str, Any] | None, QImage | None]:
        """The message of a picture row with a thumbnail source, and its thumbnail."""
        if self.thumbnail_provider is None or index.data(MessageRoles.TYPE) not in PICTURE_TYPES:
            return None, None
        message = index.data(MessageRoles.MESSAGE)
        if not isinstance(message, dict) or not message.get("id"):
            return None, None
        return message, self.thumbnail_provider(message)

    def _paint_picture(self, painter: QPainter, rect: QRect, index: Index) -> bool:
        """Draw the fetched thumbnail, or ask for it (rows are painted only when visible)."""
        message, image = self._picture(index)
        if message is None:
            return False
        if image is None or image.isNull():
            self.thumbnailRequested.emit(dict(message))
            return False
        size = image.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(rect.topLeft(), size)
        target.moveTop(rect.top() + (rect.height() - size.height()) // 2)
        path = QPainterPath()
        path.addRoundedRect(target, rect.height() / 14, rect.height() / 14)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setClipPath(path)
        painter.drawImage(target, image)
        painter.restore()
        return True

    def _paint_thumb(self, painter: QPainter, rect: QRect, index: Index, c: theme.Colors) -> None:
        if self._paint_picture(painter, rect, index):
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(c.notice)
        painter.drawRoundedRect(rect, rect.height() / 10, rect.height() / 10)
        # A simple pictogram: hills and a sun (videos have their own tile).
        painter.setBrush(c.muted)
        cx, cy, s = rect.center().x(), rect.center().y(), rect.height() // 4
        painter.drawEllipse(QPointF(cx + s, cy - s * 0.7), s * 0.35, s * 0.35)
        painter.drawPolygon(
            QPolygon(
                [
                    QPoint(cx - 2 * s, cy + s),
                    QPoint(cx - s // 2, cy - s // 2),
                    QPoint(cx + s // 2, cy + s // 2),
                    QPoint(cx + s, cy),
                    QPoint(cx + 2 * s, cy + s),
                ]
            )
        )

    def _paint_footer(
        self, painter: QPainter, rect: QRect, index: Index, font: QFont, c: theme.Colors
    ) -> None:
        fm = QFontMetrics(font)
        painter.setFont(font)
        ticks = str(index.data(MessageRoles.TICKS) or "")
        status = index.data(MessageRoles.STATUS)
        right = rect.right()
        if ticks:
            # The pending clock is drawn as a glyph every font has.
            glyph = "◷" if status in ("pending", "accepted") else ticks
            w = fm.horizontalAdvance(glyph)
            color = (
                c.read_tick
                if status in ("read", "played")
                else c.failed
                if status == "failed"
                else c.muted
            )
            painter.setPen(color)
            painter.drawText(
                QRect(right - w, rect.top(), w, rect.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                glyph,
            )
            right -= w + fm.horizontalAdvance(" ")
        painter.setPen(c.muted)
        painter.drawText(
            QRect(rect.left(), rect.top(), right - rect.left(), rect.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            self.footer_text(index),
        )

    # -- the words under the pointer (wa_desk.ui.conversation.message_list) ----------------

    def words_at(
        self, option: QStyleOptionViewItem, index: Index, pos: QPoint
    ) -> tuple[BodyText, QPointF, bool] | None:
        """A row's words, ``pos`` relative to their corner, and whether it is on them."""
        lay = self.layout(option, index)
        if lay.body is None or lay.body_words is None:
            return None
        words = lay.body_words
        point = QPointF(pos - option.rect.topLeft() - lay.body)
        inside = 0 <= point.x() <= words.width and 0 <= point.y() < words.shown_height(lay.expanded)
        return words, point, inside

    def clickable_at(self, option: QStyleOptionViewItem, index: Index, pos: QPoint) -> bool:
        """Whether ``pos`` is on something a click opens: a map link, Download, a
        picture or video to open, Show more / Show less."""
        lay = self.layout(option, index)
        point = pos - option.rect.topLeft()
        if any(r is not None and r.contains(point) for r in (lay.link, lay.download, lay.more)):
            return True
        if lay.thumb is None or not lay.thumb.contains(point):
            return False
        return _openable(index) or self._picture(index)[1] is not None

    def on_more(self, option: QStyleOptionViewItem, index: Index, pos: QPoint) -> bool:
        """Whether ``pos`` is on a long message's "Show more" / "Show less"."""
        lay = self.layout(option, index)
        return lay.more is not None and lay.more.contains(pos - option.rect.topLeft())

    def copy_text(self, index: Index) -> str:
        """What a copy of this message copies: the selection in it, else all of it, as
        written (WhatsApp's formatting marks included, as WhatsApp Web copies them)."""
        body = str(index.data(MessageRoles.BODY) or "")
        selection = self.selection
        if body and selection is not None and selection[0] == index.data(MessageRoles.ID):
            rendered = render(body)
            start = max(0, min(selection[1], len(rendered.text)))
            end = max(start, min(selection[2], len(rendered.text)))
            if start < end:
                a, b = rendered.source_range(start, end)
                return body[a:b]
        if body:
            return body
        return str(index.data(Qt.ItemDataRole.AccessibleTextRole) or "")

    def selected_text(self, index: Index) -> str:
        """The selection's text as written when it is in this row, else ""."""
        selection = self.selection
        if selection is None or selection[1] >= selection[2]:
            return ""
        if selection[0] != index.data(MessageRoles.ID):
            return ""
        return self.copy_text(index)

    def editorEvent(
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            lay = self.layout(option, index)
            point = event.position().toPoint() - option.rect.topLeft()
            if lay.link is not None and lay.link.contains(point):
                self.linkActivated.emit(str(index.data(MessageRoles.LINK)))
                return True
            if lay.download is not None and lay.download.contains(point):
                self.downloadActivated.emit(dict(index.data(MessageRoles.MESSAGE)))
                return True
            if lay.thumb is not None and lay.thumb.contains(point) and _openable(index):
                self.mediaOpenActivated.emit(dict(index.data(MessageRoles.MESSAGE)))
                return True
            if lay.thumb is not None and lay.thumb.contains(point):
                message, image = self._picture(index)
                if message is not None and image is not None:
                    self.pictureActivated.emit(dict(message))
                    return True
        return False
