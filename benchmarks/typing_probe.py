"""Keys typed into the composer on a fixed timetable while the stream runs, and how long
each took from when it was due to the character painted.

A key is due every ``interval`` seconds. The loop's probe tick posts every key that is
due (a key press and its release, as the window system delivers them, through the event
loop), so a key that falls due during a stall waits as a real one would; the time runs
from when it was due, not from when it could be posted. The editor's next paint that
shows the character ends it.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

KEYS = "hola que tal "
Editor = QPlainTextEdit | QTextEdit


class TypingProbe(QObject):
    def __init__(self, editor: Editor, interval: float = 0.1) -> None:
        super().__init__(editor)
        self._editor = editor
        self._interval = interval
        self._next_due = 0.0
        self._typed = 0
        self._pending: deque[tuple[float, int]] = deque()  # (due, length once shown)
        self.latencies: list[float] = []
        self.running = False

    def start(self) -> None:
        self._editor.clear()
        self._base = self._length()
        self._next_due = time.perf_counter() + self._interval
        self._editor.viewport().installEventFilter(self)
        self.running = True

    def stop(self) -> None:
        self.running = False
        self._editor.viewport().removeEventFilter(self)

    def tick(self) -> None:
        """Post every key now due (called by the loop's probe)."""
        now = time.perf_counter()
        while self.running and self._next_due <= now:
            char = KEYS[self._typed % len(KEYS)]
            key = Qt.Key.Key_Space if char == " " else Qt.Key(ord(char.upper()))
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
                QCoreApplication.postEvent(self._editor, event)
            self._typed += 1
            self._pending.append((self._next_due, self._base + self._typed))
            self._next_due += self._interval

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._pending:
            now, shown = time.perf_counter(), self._length()
            while self._pending and self._pending[0][1] <= shown:
                self.latencies.append(now - self._pending.popleft()[0])
        return False

    def _length(self) -> int:
        return self._editor.document().characterCount() - 1
