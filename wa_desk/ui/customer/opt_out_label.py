"""Whether the customer gets marketing messages and, when they stopped them, since when
and what said so (their own words, WhatsApp's error 131050, their choice in WhatsApp's
settings, or someone of the team)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import QLabel, QWidget

from wa_desk.core.opt_out import OptOutSource
from wa_desk.ui.common import theme
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import local_datetime, parse_ms


class OptOutLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The keyword is the customer's own text: never read as markup.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Marketing messages"))
        self.opt_out: dict[str, Any] | None = None
        self.show_opt_out(None)

    def show_opt_out(self, opt_out: dict[str, Any] | None) -> None:
        """``opt_out``: a conversation's ``contact.marketing_opt_out`` (None: they get
        marketing)."""
        self.opt_out = opt_out
        if opt_out is None:
            self.setText(self.tr("Accepted"))
            self.setToolTip("")
            if self.styleSheet():
                self.setStyleSheet("")
            return
        self.setText(self._words(opt_out))
        self.setToolTip(
            self.tr(
                "Marketing templates cannot be sent to this customer. Utility templates, "
                "and free text while the 24-hour window is open, still can."
            )
        )
        color = theme.colors(self.palette()).warning_text.name()
        style = f"color: {color}; font-weight: bold;"
        if self.styleSheet() != style:  # a style sheet is a palette change: no loop
            self.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.opt_out is not None:
            self.show_opt_out(self.opt_out)  # light ⇄ dark: the warning's colour follows

    def _words(self, opt_out: dict[str, Any]) -> str:
        at = parse_ms(opt_out.get("at"))
        when = QLocale().toString(local_datetime(at), QLocale.FormatType.ShortFormat) if at else ""
        source = opt_out.get("source")
        if source == OptOutSource.KEYWORD:
            # The policy's phrase the message matched, not the customer's own text.
            why = self.tr("the customer wrote “%1”").replace(
                "%1", str(opt_out.get("keyword") or "")
            )
        elif source == OptOutSource.WHATSAPP_ERROR:
            why = self.tr("WhatsApp refused a marketing template (error %1)").replace(
                "%1", str(opt_out.get("code") or "")
            )
        elif source == OptOutSource.WHATSAPP_SETTINGS:
            why = self.tr("the customer stopped marketing in WhatsApp")
        elif opt_out.get("user_name"):
            why = self.tr("recorded by %1").replace("%1", isolated(str(opt_out["user_name"])))
        else:
            why = self.tr("recorded by the team")
        return self.tr("Opted out since %1: %2.").replace("%1", when).replace("%2", why)
