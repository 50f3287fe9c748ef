"""PySide6 6.12.0 on Python 3.11 drops a reference to None/True on every signal emit and
model begin*/end* call, until the process dies with ``none_dealloc``. The project pins a
clean release; this test fails on a leaking one."""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QApplication

ROUNDS = 20_000


class _Rows(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return self.rows[index.row()] if role == Qt.ItemDataRole.DisplayRole else None

    def append(self, text: str) -> None:
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self.rows.append(text)
        self.endInsertRows()

    def touch(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])


class _Emitter(QObject):
    changed = Signal(object)
    flag = Signal(bool)


def _exercise(model: _Rows, emitter: _Emitter, rounds: int, received: list[object]) -> None:
    start = model.rowCount()
    for i in range(start, start + rounds):
        model.append(str(i))
        model.touch(i)
        emitter.changed.emit(None)
        emitter.flag.emit(True)
        if len(received) > 1000:
            received.clear()
    received.clear()


def _losses(
    model: _Rows, emitter: _Emitter, rounds: int, received: list[object]
) -> tuple[int, int]:
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    _exercise(model, emitter, rounds, received)
    return before_none - sys.getrefcount(None), before_true - sys.getrefcount(True)


def test_signals_and_model_updates_keep_none_and_true_alive(qapp: QApplication) -> None:
    model = _Rows()
    emitter = _Emitter()
    received: list[object] = []
    emitter.changed.connect(received.append)
    emitter.flag.connect(received.append)
    # A short probe first: a leaking build would crash the process (True has only a few
    # hundred references) before a long run could report anything.
    lost_none, lost_true = _losses(model, emitter, 50, received)
    assert lost_none < 10, f"PySide6 dropped {lost_none} references to None in 50 rounds"
    assert lost_true < 10, f"PySide6 dropped {lost_true} references to True in 50 rounds"
    lost_none, lost_true = _losses(model, emitter, ROUNDS, received)
    assert lost_none < ROUNDS // 10, f"PySide6 dropped {lost_none} references to None"
    assert lost_true < ROUNDS // 10, f"PySide6 dropped {lost_true} references to True"
    assert model.rowCount() == ROUNDS + 50
