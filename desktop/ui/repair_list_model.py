"""The Repairs page's model: pages of ``repairs.list_projects`` rows fetched on the
:class:`TaskRunner` (keyset paging: each page starts after the last row held; the
filter's count is asked for once, with its first page), shown in the order the
store gave them (Thai dictionary order of the head's name, then fiscal year)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktop.services.repairs import ProjectPage, ProjectRow, baht_text, list_projects
from desktop.services.workspace import Workspace
from desktop.ui.form_fields import ui_language
from desktop.ui.tasks import TaskRunner
from sync.records.workflow import CASE_STATE

PAGE_SIZE = 200
HEAD, HOUSE_NO, MOO, YEAR, STATE, TOTAL, CAP, OVER = range(8)
_ROOT = QModelIndex()
RIGHT = {TOTAL, CAP}
CENTRE = {MOO, YEAR}
OVER_TEXT, OVER_BACK = QColor("#b71c1c"), QColor("#ffebee")
_model_ids = itertools.count(1)


@dataclass(frozen=True)
class ProjectsFilter:
    fiscal_year: int | None = None
    state: str | None = None


class RepairProjectsModel(QAbstractTableModel):
    """The repair projects matching one filter, loaded page by page as the view scrolls."""

    page_loaded = Signal()
    load_failed = Signal(object)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent=None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.workspace, self.tasks, self.page_size = workspace, tasks, page_size
        self.filter = ProjectsFilter()
        self.rows: list[ProjectRow] = []
        self.total = 0
        self.loaded = False
        self._exhausted = False
        self._loading = False
        self._key = f"repair-projects-{next(_model_ids)}"

    # -- loading ----------------------------------------------------------------------
    def set_filter(self, flt: ProjectsFilter) -> None:
        self.filter = flt
        self.loaded = False
        self._request(flt, None, self.page_size, None, append=False)

    def refresh(self) -> None:
        """Load the current filter again, as many rows as are shown now."""
        self._request(self.filter, None, max(self.page_size, len(self.rows)), None,
                      append=False)

    def canFetchMore(self, parent: QModelIndex = _ROOT) -> bool:
        if parent.isValid() or self._loading or not self.loaded:
            return False
        return not self._exhausted and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex = _ROOT) -> None:
        if self.canFetchMore(parent):
            self._request(self.filter, self.rows[-1].key if self.rows else None,
                          self.page_size, self.total, append=True)

    def is_loading(self) -> bool:
        return self._loading

    def _request(self, flt: ProjectsFilter, after, limit: int, total: int | None, *,
                 append: bool) -> None:
        self._loading = True
        self.tasks.submit(self._read_page, flt, after, limit, total, key=self._key,
                          on_done=lambda page: self._arrived(page, limit, append),
                          on_error=self._failed)

    def _read_page(self, flt: ProjectsFilter, after, limit: int,
                   total: int | None) -> ProjectPage:
        return list_projects(self.workspace, flt.fiscal_year, flt.state, limit=limit,
                             after=after, total=total)

    def _arrived(self, page: ProjectPage, limit: int, append: bool) -> None:
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
        return 0 if parent.isValid() else OVER + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]

    def headers(self) -> list[str]:
        return [self.tr("Head of household"), self.tr("House no."), self.tr("Moo"),
                self.tr("Fiscal year"), self.tr("Case state"), self.tr("Total (baht)"),
                self.tr("Cap (baht)"), self.tr("Over the cap")]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if column == OVER and row.over_cap:
            return self._over_style(role)
        if column == STATE and row.conflict and role == Qt.ItemDataRole.ForegroundRole:
            return OVER_TEXT
        return None

    @staticmethod
    def _alignment(column: int) -> int | None:
        if column in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column in CENTRE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _over_style(role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return OVER_TEXT
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVER_BACK
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def text(self, row: ProjectRow, column: int) -> str:
        if column == HEAD:
            return row.head_name
        if column == HOUSE_NO:
            return row.house_no or ""
        if column == MOO:
            return "" if row.moo is None else str(row.moo)
        if column == YEAR:
            return "" if row.fiscal_year is None else str(row.fiscal_year)
        if column == STATE:
            state = CASE_STATE.label(row.state, ui_language())
            conflict = self.tr("Conflict")
            return f"{state} · {conflict}" if row.conflict else state
        if column == TOTAL:
            return baht_text(row.total)
        if column == CAP:
            return baht_text(row.cap)
        return (self.tr("Over by %1").replace("%1", baht_text(row.over_cap))
                if row.over_cap else "")

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, OVER)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, OVER))
