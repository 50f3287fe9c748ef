"""The templates an agent can send, as a list model: each row reads as the customer's
text (body with its placeholders), then name, language and category; a filter proxy
keeps the rows matching what the agent types (case and accents ignored), best first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from wa_desk.core import fuzzy
from wa_desk.core.opt_out import refuses_template
from wa_desk.core.templates import TemplateSpec, prepared, spec_from
from wa_desk.ui.common import theme

Index = QModelIndex | QPersistentModelIndex


class TemplateRoles(IntEnum):
    SPEC = Qt.ItemDataRole.UserRole + 1
    REFUSED = Qt.ItemDataRole.UserRole + 2  # this customer may not be sent it


# What changes on a marketing row when the customer stops or resumes marketing.
_REFUSED_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ForegroundRole,
    TemplateRoles.REFUSED,
)


def category_label(category: str) -> str:
    words = {
        "UTILITY": QCoreApplication.translate("TemplateList", "Utility"),
        "MARKETING": QCoreApplication.translate("TemplateList", "Marketing"),
        "AUTHENTICATION": QCoreApplication.translate("TemplateList", "Authentication"),
    }
    return words.get(category.upper(), category.capitalize())


def sendable_specs(templates: list[dict[str, Any]]) -> list[TemplateSpec]:
    """Only approved templates can be sent (Meta refuses any other, inside the 24 h
    window or outside it)."""
    specs = [spec_from(t) for t in templates]
    return [s for s in specs if s.status == "APPROVED" and s.name and s.language]


class TemplateListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._specs: list[TemplateSpec] = []
        self._opted_out = False  # the customer stopped marketing messages

    def set_opted_out(self, opted_out: bool) -> None:
        """Marketing rows are marked (and refused by the form) while ``opted_out``."""
        if opted_out == self._opted_out:
            return
        self._opted_out = opted_out
        marketing = [r for r, s in enumerate(self._specs) if refuses_template(s.category, True)]
        for row in marketing:
            index = self.index(row)
            self.dataChanged.emit(index, index, list(_REFUSED_ROLES))

    def refused(self, spec: TemplateSpec) -> bool:
        return refuses_template(spec.category, self._opted_out)

    def set_specs(self, specs: list[TemplateSpec]) -> None:
        # A new sync replaces the whole list: there is no row identity to keep.
        self.beginResetModel()
        self._specs = list(specs)
        self.endResetModel()

    def specs(self) -> list[TemplateSpec]:
        return self._specs

    def spec(self, row: int) -> TemplateSpec | None:
        return self._specs[row] if 0 <= row < len(self._specs) else None

    def row_of(self, name: str, language: str) -> int:
        for row, s in enumerate(self._specs):
            if (s.name, s.language) == (name, language):
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._specs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        spec = self.spec(index.row()) if index.isValid() else None
        if spec is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{' '.join(spec.body.split())}\n{self._facts(spec)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._refused_text()}\n{spec.body}" if self.refused(spec) else spec.body
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{spec.body}. {self._facts(spec)}"
        if role == Qt.ItemDataRole.ForegroundRole and self.refused(spec):
            return theme.colors(QGuiApplication.palette()).muted
        if role == TemplateRoles.SPEC:
            return spec
        if role == TemplateRoles.REFUSED:
            return self.refused(spec)
        return None

    def _facts(self, spec: TemplateSpec) -> str:
        facts = f"{spec.name} · {spec.language} · {category_label(spec.category)}"
        if self.refused(spec):
            facts += " · " + QCoreApplication.translate("TemplateList", "customer opted out")
        return facts

    @staticmethod
    def _refused_text() -> str:
        return QCoreApplication.translate(
            "TemplateList", "The customer stopped marketing messages: this one cannot be sent."
        )


class TemplateFilter(QSortFilterProxyModel):
    """Rows in which every word typed is found, best match first (``core/fuzzy.py``: the
    same search as the canned replies)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""
        # The ranking of one list of specs for one query: source row -> its place.
        self._ranked: tuple[list[TemplateSpec] | None, str] = (None, "")
        self._order: dict[int, int] = {}
        self._prepared: list[tuple[TemplateSpec, fuzzy.Prepared]] = []
        self.sort(0)

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.invalidate()  # the order changes with the query, not only the rows kept

    def _order_now(self) -> dict[int, int]:
        """The ranking, worked out again when the list or the query changed (a new list
        is a new object: the model replaces it whole)."""
        model = self.sourceModel()
        if not isinstance(model, TemplateListModel):
            return {}
        specs = model.specs()
        if self._ranked[0] is not specs:
            self._prepared = prepared(specs)  # once per list, not on every key typed
        if self._ranked[0] is not specs or self._ranked[1] != self._query:
            rows = {id(s): row for row, s in enumerate(specs)}
            ranked = fuzzy.rank_prepared(self._query, self._prepared)
            self._order = {rows[id(s)]: place for place, s in enumerate(ranked)}
            self._ranked = (specs, self._query)
        return self._order

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return source_row in self._order_now()

    def lessThan(self, left: Index, right: Index) -> bool:
        order = self._order_now()
        return order.get(left.row(), 0) < order.get(right.row(), 0)


class TemplateRowDelegate(QStyledItemDelegate):
    """Rows as wide as the list, never wider: a long body is elided at the list's edge
    (its full text is the row's tooltip) instead of growing a horizontal scroll bar."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(1, super().sizeHint(option, index).height())
