"""Keyboard shortcuts: declared once, bound by the main window, listed in Help.

The ones that act on the conversation (claim, release, transfer, take over, close) ask
the conversation pane, which takes the action only when the server's rules allow it and
otherwise says why in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Shortcut:
    action: str  # the main window method it calls
    keys: tuple[str, ...]  # portable key sequences
    title: Callable[[], str]


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "jump_to_conversation",
        ("Ctrl+K",),
        lambda: QCoreApplication.translate("Shortcuts", "Jump to a conversation"),
    ),
    Shortcut(
        "next_conversation",
        ("Ctrl+Down", "Alt+Down"),
        lambda: QCoreApplication.translate("Shortcuts", "Next conversation"),
    ),
    Shortcut(
        "previous_conversation",
        ("Ctrl+Up", "Alt+Up"),
        lambda: QCoreApplication.translate("Shortcuts", "Previous conversation"),
    ),
    Shortcut(
        "focus_composer",
        ("Ctrl+L",),
        lambda: QCoreApplication.translate("Shortcuts", "Write a message"),
    ),
    Shortcut(
        "open_templates",
        ("Ctrl+T",),
        lambda: QCoreApplication.translate("Shortcuts", "Open templates"),
    ),
    Shortcut(
        "claim_conversation",
        ("Ctrl+Shift+A",),
        lambda: QCoreApplication.translate("Shortcuts", "Claim the conversation"),
    ),
    Shortcut(
        "release_conversation",
        ("Ctrl+Shift+R",),
        lambda: QCoreApplication.translate("Shortcuts", "Release the conversation"),
    ),
    Shortcut(
        "transfer_conversation",
        ("Ctrl+Shift+T",),
        lambda: QCoreApplication.translate("Shortcuts", "Transfer the conversation"),
    ),
    Shortcut(
        "take_over_conversation",
        ("Ctrl+Shift+O",),
        lambda: QCoreApplication.translate("Shortcuts", "Take over the conversation"),
    ),
    Shortcut(
        "close_conversation",
        ("Ctrl+W", "Ctrl+Shift+C"),
        lambda: QCoreApplication.translate("Shortcuts", "Close the conversation"),
    ),
    Shortcut(
        "toggle_customer_panel",
        ("Ctrl+Shift+I",),
        lambda: QCoreApplication.translate("Shortcuts", "Show or hide the customer panel"),
    ),
    Shortcut(
        "show_my_day",
        ("Ctrl+D",),
        lambda: QCoreApplication.translate("Shortcuts", "My day: your own figures"),
    ),
    Shortcut(
        "show_inbox",
        ("Ctrl+1",),
        lambda: QCoreApplication.translate("Shortcuts", "Show the inbox"),
    ),
    Shortcut(
        "show_supervisor",
        ("Ctrl+2",),
        lambda: QCoreApplication.translate(
            "Shortcuts", "Show the supervisor view (supervisors and administrators)"
        ),
    ),
    Shortcut(
        "show_help", ("F1",), lambda: QCoreApplication.translate("Shortcuts", "Keyboard shortcuts")
    ),
)


def native_text(keys: tuple[str, ...]) -> str:
    """The keys as this platform writes them (⌘ on macOS)."""
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def bind(window: QWidget, handlers: dict[str, Callable[[], object]]) -> list[QShortcut]:
    """Create window-wide shortcuts for every declared action that has a handler."""
    made = []
    for shortcut in SHORTCUTS:
        handler = handlers.get(shortcut.action)
        if handler is None:
            continue
        for keys in shortcut.keys:
            s = QShortcut(QKeySequence(keys), window)
            s.setContext(Qt.ShortcutContext.WindowShortcut)
            s.activated.connect(handler)
            made.append(s)
    return made
