"""Pictures of the repair screens for ``porpiang screenshots``: the repair editor
with a checklist of three items whose total is over the subsidy cap (the warning
showing), and the Repairs page.

The checklist is typed into a fiscal year the demo household has no project for
(the demo replica is a temporary one), pictured, then saved, so that the Repairs
page shows its project, with the red "over the cap" mark, in the middle.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.programme import current_fiscal_year
from desktop.services.repairs import load_case
from desktop.services.workspace import Workspace
from desktop.ui.repair_editor import RepairEditor
from desktop.ui.repairs_page import RepairsPage
from desktop.ui.tasks import TaskRunner

PAGE_SIZE = (1166, 700)  # a 1366×768 screen less the navigation and the window's frame
TIMEOUT_S = 30.0
SAMPLE_ITEMS = (  # about 45,760 baht: over the 40,000 baht cap
    {"category": "roof", "description": "เปลี่ยนหลังคาสังกะสีทั้งหลังพร้อมแปไม้",
     "quantity": "48", "unit": "แผ่น", "unit_price": "420", "labour_cost": "6,500",
     "funding_source": "programme", "item_status": "planned"},
    {"category": "bathroom", "description": "สร้างห้องส้วมพร้อมชักโครกนั่งราบ",
     "quantity": "1", "unit": "ชุด", "unit_price": "8,900", "labour_cost": "3,000",
     "funding_source": "programme", "item_status": "planned"},
    {"category": "ramp", "description": "ทำทางลาดคอนกรีตสำหรับรถเข็น",
     "quantity": "4.5", "unit": "เมตร", "unit_price": "1,200", "labour_cost": "1,800",
     "funding_source": "local_government", "item_status": "planned"},
)


def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.005)


def unused_fiscal_year(workspace: Workspace, household_id: str) -> int:
    """The first fiscal year from the current one on without a project."""
    year = current_fiscal_year()
    while load_case(workspace, household_id, year).project is not None:
        year += 1
    return year


def shoot_editor(shoot_widget: Callable[[QWidget, str], object], workspace: Workspace,
                 tasks: TaskRunner, parent: QWidget, household_id: str, code: str) -> str:
    """The editor with the sample checklist; returns the id of its project, saved."""
    year = unused_fiscal_year(workspace, household_id)
    editor = RepairEditor(workspace, household_id, parent, fiscal_year=year, tasks=tasks)
    try:
        for typed in SAMPLE_ITEMS:
            editor.checklist.add_item(dict(typed), focus=False)
        editor.autosave_timer.stop()  # a picture is no edit: no draft is written
        editor.checklist.select_item(0)
        editor.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not editor.budget.warning_shown():
            raise RuntimeError("the sample checklist should be over the cap")
        shoot_widget(editor, f"repair-editor-{code}")
        saved: list[str] = []
        editor.saved.connect(saved.append)
        editor.save()
        _wait(lambda: bool(saved), "the sample checklist to be saved")
        return saved[0]
    finally:
        editor.autosave_timer.stop()
        editor.writes.pool.waitForDone()
        editor.hide()
        editor.deleteLater()


def shoot_page(shoot_widget: Callable[[QWidget, str], object], workspace: Workspace,
               tasks: TaskRunner, code: str, project_id: str) -> None:
    page = RepairsPage(workspace, tasks)
    try:
        page.resize(*PAGE_SIZE)
        page.show()
        _wait(lambda: page.model.loaded and not page.model.is_loading(), "the repair projects")
        ids = [row.project_id for row in page.model.rows]
        if project_id in ids:
            index = page.model.index(ids.index(project_id), 0)
            page.table.doItemsLayout()  # the rows' places are known before scrolling
            page.table.scrollTo(index, page.table.ScrollHint.PositionAtCenter)
        shoot_widget(page, f"repairs-page-{code}")
    finally:
        page.hide()
        page.deleteLater()


def shoot_repairs(shoot_widget: Callable[[QWidget, str], object], workspace: Workspace,
                  tasks: TaskRunner, parent: QWidget, household_id: str, code: str) -> None:
    """``repair-editor-{code}`` (the editor, a dialog of ``parent``) and
    ``repairs-page-{code}`` (the page as a window of its own, 1166×700)."""
    project_id = shoot_editor(shoot_widget, workspace, tasks, parent, household_id, code)
    shoot_page(shoot_widget, workspace, tasks, code, project_id)
