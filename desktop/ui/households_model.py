"""The households list's model: pages of ``Workspace.list_households`` rows fetched
on the :class:`TaskRunner` (keyset paging: each page starts after the last row
held), shown in the order the store sorted them (Thai dictionary order), with the
status badges drawn by :class:`BadgeDelegate`."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.services import HouseholdFilter, HouseholdRow
from desktop.services.workspace import Workspace
from desktop.ui.tasks import TaskRunner
from sync.records.workflow import CASE_STATE

PAGE_SIZE = 200
SEARCH_DELAY_MS = 250
MOO_COUNT = 20
NAME, HOUSE_NO, MOO, STATE, MEMBERS, STATUS = range(6)
_ROOT = QModelIndex()  # the invisible root: the parent of every row
BADGES_ROLE = Qt.ItemDataRole.UserRole + 1  # tuple of (text, kind) for the status column
# Each case state shown as one of four steps a field worker follows.
STATE_STEP = {"draft": "draft", "submitted": "submitted",
              "community_verified": "submitted", "tambon_reviewed": "submitted",
              "returned": "returned", "approved": "approved", "purchasing": "approved",
              "in_repair": "approved", "completed": "approved", "inspected": "approved",
              "reported": "approved"}
BADGE_COLOURS = {"conflict": "#c62828", "pending": "#ef6c00", "photo": "#6a1b9a",
                 "draft": "#616161", "submitted": "#1565c0", "returned": "#ad1457",
                 "approved": "#2e7d32"}
_model_ids = itertools.count(1)


def ui_language() -> str:
    """``"th"`` while the interface speaks Thai, else ``"en"`` (labels of enumerations)."""
    return "th" if QLocale().language() == QLocale.Language.Thai else "en"


class HouseholdsModel(QAbstractTableModel):
    """The households matching one filter, loaded page by page as the view scrolls."""

    page_loaded = Signal()  # rows arrived (the first page of a filter, or one more)
    load_failed = Signal(object)  # the exception a page request raised

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent=None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.workspace, self.tasks, self.page_size = workspace, tasks, page_size
        self.filter = HouseholdFilter()
        self.rows: list[HouseholdRow] = []
        self.total = 0
        self.loaded = False  # the first page of the current filter arrived
        self._exhausted = False
        self._loading = False
        self._key = f"households-{next(_model_ids)}"

    # -- loading ----------------------------------------------------------------------
    def set_filter(self, flt: HouseholdFilter) -> None:
        """Show the households matching ``flt`` (rows change when its first page arrives)."""
        self.filter = flt
        self.loaded = False
        self._request(flt, None, self.page_size, append=False)

    def refresh(self) -> None:
        """Load the current filter again, as many rows as are shown now."""
        self._request(self.filter, None, max(self.page_size, len(self.rows)), append=False)

    def canFetchMore(self, parent: QModelIndex = _ROOT) -> bool:
        if parent.isValid() or self._loading or not self.loaded:
            return False
        return not self._exhausted and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex = _ROOT) -> None:
        if self.canFetchMore(parent):
            self._request(self.filter, self.rows[-1] if self.rows else None,
                          self.page_size, append=True)

    def is_loading(self) -> bool:
        return self._loading

    def _request(self, flt: HouseholdFilter, after: HouseholdRow | None, limit: int, *,
                 append: bool) -> None:
        self._loading = True
        self.tasks.submit(self._read_page, flt, after, limit, key=self._key,
                          on_done=lambda page: self._arrived(page, limit, append),
                          on_error=self._failed)

    def _read_page(self, flt: HouseholdFilter, after: HouseholdRow | None, limit: int):
        return self.workspace.list_households(flt, limit=limit, after=after)

    def _arrived(self, page, limit: int, append: bool) -> None:
        self._loading = False
        self.loaded = True
        self._exhausted = len(page.rows) < limit
        if append:
            if page.rows:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
                self.rows.extend(page.rows)
                self.endInsertRows()
        else:
            self.beginResetModel()
            self.rows = list(page.rows)
            self.endResetModel()
        self.total = len(self.rows) if self._exhausted else max(page.total, len(self.rows))
        self.page_loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.load_failed.emit(error)

    # -- what the view shows ----------------------------------------------------------
    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else STATUS + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]

    def headers(self) -> list[str]:
        return [self.tr("Head of household"), self.tr("House no."), self.tr("Moo"),
                self.tr("Case state"), self.tr("Members"), self.tr("Status")]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == BADGES_ROLE and column == STATUS:
            return self.badges(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (MOO, MEMBERS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: HouseholdRow, column: int) -> str:
        if column == NAME:
            return row.head_name
        if column == HOUSE_NO:
            return row.house_no or ""
        if column == MOO:
            return "" if row.moo is None else str(row.moo)
        if column == STATE:
            return CASE_STATE.label(row.state, ui_language()) if row.state else self.tr("No case")
        if column == MEMBERS:
            return str(row.member_count)
        return " · ".join(text for text, _ in self.badges(row))

    def badges(self, row: HouseholdRow) -> tuple[tuple[str, str], ...]:
        """The status badges of ``row``: (translated text, kind) pairs."""
        found = []
        if row.conflict:
            found.append((self.tr("Conflict"), "conflict"))
        if row.pending:
            found.append((self.tr("Pending changes"), "pending"))
        if row.photo_pending:
            found.append((self.tr("Photo pending"), "photo"))
        step = STATE_STEP.get(row.state or "")
        steps = {"draft": self.tr("Draft"), "submitted": self.tr("Submitted"),
                 "returned": self.tr("Returned"), "approved": self.tr("Approved")}
        if step:
            found.append((steps[step], step))
        return tuple(found)

    def retranslate(self) -> None:
        """Headers, states and badges again, in the language now installed."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, STATUS)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, STATUS))


class BadgeDelegate(QStyledItemDelegate):
    """Draws the status column's badges as small coloured labels with white text."""

    PAD, GAP = 6, 4

    def _badges(self, index: QModelIndex) -> tuple[tuple[str, str], ...]:
        return index.data(BADGES_ROLE) or ()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        style = option.widget.style() if option.widget else None
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        metrics = option.fontMetrics
        height = metrics.height() + 4
        x = option.rect.left() + self.GAP
        top = option.rect.top() + (option.rect.height() - height) // 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for text, kind in self._badges(index):
            width = metrics.horizontalAdvance(text) + 2 * self.PAD
            box = QRect(x, top, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BADGE_COLOURS[kind]))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor("white"))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
            x += width + self.GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        metrics = option.fontMetrics
        width = sum(metrics.horizontalAdvance(t) + 2 * self.PAD + self.GAP
                    for t, _ in self._badges(index))
        return QSize(width + self.GAP, metrics.height() + 10)
