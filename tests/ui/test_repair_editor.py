"""The repair checklist on a real encrypted profile: three items typed (Thai through
the input method, Thai digits in an amount) and submitted; the cap warning over the
cap and gone when an item is reduced; errors beside their field and the draft
reopened; a coordinator's comment; the Repairs page listing a project and opening it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.services import message
from desktop.services.repairs import load_case, open_project, save_item
from desktop.ui.changes import ChangeBus
from desktop.ui.i18n import THAI
from desktop.ui.photos import PhotoStrip
from desktop.ui.repair_editor import RepairEditor
from desktop.ui.repair_list_model import OVER, TOTAL
from desktop.ui.repairs_page import RepairsPage
from desktop.ui.tasks import TaskRunner
from tests.ui.editing import TAMBON, VALID_ID, pick, shown, type_thai, workspace  # noqa: F401

YEAR = 2569  # the shipped defaults give it a cap of 40,000 baht
ROOF = ("roof", "เปลี่ยนหลังคาสังกะสีทั้งหลัง", "48", "แผ่น", "420", "6,500")  # 26,660
TOILET = ("bathroom", "สร้างห้องส้วมนั่งราบ", "1", "ชุด", "๘,๙๐๐", "3000")  # 11,900
RAMP = ("ramp", "ทำทางลาดคอนกรีต", "4.5", "เมตร", "1,200", "1,800")  # 7,200


def complete_household(workspace, house_no: str, given: str) -> str:
    """A household with what a submission needs: address, tenure, structure, a head."""
    household = workspace.save("household", {
        "house_no": house_no, "moo": 4, "land_tenure": "title_deed",
        "structure_type": "wood"}, tambon=TAMBON).record
    workspace.save("member", {
        "household_id": household.id, "given_name": given, "family_name": "ทองดี",
        "sex": "2", "birth_date": "1950", "relation_to_head": "head",
        "national_id": VALID_ID})
    return household.id


@pytest.fixture
def editors(qtbot, thai_app, workspace):
    """Opens repair editors; each is closed (and its writes awaited) at the end."""
    opened: list[RepairEditor] = []

    def open_editor(household_id: str, **kw) -> RepairEditor:
        editor = RepairEditor(workspace, household_id, fiscal_year=YEAR, **kw)
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitExposed(editor)
        opened.append(editor)
        return editor

    yield open_editor
    for editor in opened:
        editor.autosave_timer.stop()
        editor.writes.pool.waitForDone()


def add_item(qtbot, editor: RepairEditor, category, description, quantity, unit, price,
             labour) -> None:
    qtbot.mouseClick(editor.checklist.add_button, Qt.MouseButton.LeftButton)
    form = editor.form
    pick(form.combos["category"], category)
    type_thai(form.edits["description"], description)
    qtbot.keyClicks(form.edits["quantity"], quantity)
    type_thai(form.edits["unit"], unit)
    type_thai(form.edits["unit_price"], price)  # Thai digits come through the input method
    qtbot.keyClicks(form.edits["labour_cost"], labour)


def wait_saved(qtbot, editor: RepairEditor, action) -> None:
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        action()


def test_a_checklist_of_three_items_is_entered_and_submitted(qtbot, editors, workspace):
    household_id = complete_household(workspace, "7/1", "บุญมี")
    bus = ChangeBus()
    announced = []
    bus.data_changed.connect(lambda change_set, _who: announced.append(change_set))
    editor = editors(household_id, changes=bus)
    assert editor.case.project is None and list(editor.commands.buttons) == ["submit"]
    for item in (ROOF, TOILET, RAMP):
        add_item(qtbot, editor, *item)
    assert editor.items.rowCount() == 3
    assert editor.form.edits["material_cost"].text() == "5,400"  # 4.5 × 1,200
    assert editor.form.edits["material_cost"].isReadOnly()
    assert editor.items.index(1, 4).data() == "8,900"  # typed ๘,๙๐๐
    wait_saved(qtbot, editor, lambda: qtbot.mouseClick(editor.commands.buttons["submit"],
                                                       Qt.MouseButton.LeftButton))
    case = load_case(workspace, household_id, YEAR)
    assert case.state == "submitted"
    stored = {i.fields["description"]: i.fields for i in case.items}
    assert set(stored) == {ROOF[1], TOILET[1], RAMP[1]}
    assert stored[ROOF[1]]["material_cost"] == 48 * 42_000
    assert stored[TOILET[1]]["unit_price"] == 890_000
    assert stored[RAMP[1]]["quantity"] == "4.5" and stored[RAMP[1]]["labour_cost"] == 180_000
    assert case.totals().total == 2_666_000 + 1_190_000 + 720_000
    assert shown(editor.header.state_label) == "Submitted"
    assert editor.commands.buttons == {}  # a field worker waits for the tambon now
    assert announced and announced[-1].households == frozenset({household_id})
    assert not [d for d in workspace.drafts() if d.draft_id == editor.draft_id]
    editor.tabs.setCurrentWidget(editor.photos_scroll)  # the photos of the saved project
    strip = editor.project_photos_box.strip
    assert isinstance(strip, PhotoStrip)
    assert (strip.owner_type, strip.owner_id) == ("repair_project", case.project_id)
    assert editor.item_photos_box.strip.owner_type == "repair_item"


def test_the_cap_warning_shows_over_the_cap_and_goes_when_an_item_is_reduced(qtbot, editors,
                                                                            workspace):
    editor = editors(complete_household(workspace, "8", "มาลี"))
    add_item(qtbot, editor, *ROOF)
    add_item(qtbot, editor, *TOILET)
    assert not editor.budget.warning_shown()  # 38,560 of 40,000
    add_item(qtbot, editor, *RAMP)
    assert editor.budget.warning_shown()
    assert shown(editor.budget.cap_warning).startswith(
        "The total of 45,760 baht exceeds the subsidy cap of 40,000 baht by 5,760 baht.")
    assert "#b71c1c" in editor.budget.cap_warning.styleSheet()  # red
    qtbot.mouseClick(editor.budget.add_button, Qt.MouseButton.LeftButton)
    row = editor.budget.rows[0]
    pick(row.source, "local_government")
    qtbot.keyClicks(row.amount, "4,000")
    assert shown(editor.budget.cap_warning).endswith(
        "The co-funding of 4,000 baht leaves 1,760 baht uncovered.")
    row.amount.setText("6000")
    assert shown(editor.budget.cap_warning).endswith("The co-funding of 6,000 baht covers it.")
    editor.checklist.select_item(0)
    price = editor.form.edits["unit_price"]
    price.selectAll()
    qtbot.keyClicks(price, "250")  # the roof: 48 × 250 + 6,500 = 18,500
    assert not editor.budget.warning_shown()
    assert "37,600" in shown(editor.budget.totals_label)
    wait_saved(qtbot, editor, editor.save)
    case = load_case(workspace, editor.household_id, YEAR)
    assert case.co_funding == [{"source": "local_government", "amount": 600_000}]
    assert case.totals().total == 3_760_000 and case.totals().over_cap == 0


def test_errors_show_beside_their_field_and_the_draft_reopens(qtbot, editors, workspace):
    household_id = complete_household(workspace, "9", "ทองใบ")
    editor = editors(household_id, autosave_ms=50)
    qtbot.mouseClick(editor.checklist.add_button, Qt.MouseButton.LeftButton)
    pick(editor.form.combos["category"], "walls")
    qtbot.keyClicks(editor.form.edits["unit_price"], "12x")
    qtbot.keyClicks(editor.form.edits["completed_date"], "31/2/2569")
    errors = editor.form
    assert shown(errors.error_label("unit_price")) == message(
        "field.type", "en", label_en="Unit price")
    assert shown(errors.error_label("completed_date")) == message(
        "date.invalid", "en", label_en="Completion date")
    qtbot.waitUntil(lambda: any(d.draft_id == editor.draft_id for d in workspace.drafts()),
                    timeout=5000)
    wait_saved(qtbot, editor, editor.save)  # the item with errors is held back
    assert "except the items marked in red" in editor.status.text()
    assert load_case(workspace, household_id, YEAR).items == ()
    editor.reject()
    again = editors(household_id)
    assert again.items.rowCount() == 1
    assert again.form.edits["unit_price"].text() == "12x"
    assert "Reopened what you were typing" in again.status.text()
    again.discard_draft()
    again.writes.pool.waitForDone()
    assert not [d for d in workspace.drafts() if d.draft_id == again.draft_id]


def test_a_coordinator_returns_a_case_only_with_a_comment(qtbot, editors, workspace):
    household_id = complete_household(workspace, "10", "สมพร")
    project = open_project(workspace, household_id, YEAR)
    save_item(workspace, project.id, {"category": "floor", "description": "ปูพื้นไม้"})
    workspace.give_command(project.id, "submit")
    workspace.set_role("coordinator")
    try:
        editor = editors(household_id)
        assert list(editor.commands.buttons) == ["verify_community", "return", "reject",
                                                 "cancel"]
        assert editor.commands.comment.isVisible()
        qtbot.mouseClick(editor.commands.buttons["return"], Qt.MouseButton.LeftButton)
        assert shown(editor.commands.comment_error).startswith("Command “")
        assert load_case(workspace, household_id, YEAR).state == "submitted"
        type_thai_plain(editor.commands.comment, "ขอรูปพื้นก่อนซ่อม")
        wait_saved(qtbot, editor, lambda: qtbot.mouseClick(editor.commands.buttons["return"],
                                                           Qt.MouseButton.LeftButton))
        assert load_case(workspace, household_id, YEAR).state == "returned"
        assert editor.commands.comment.toPlainText() == ""
    finally:
        workspace.set_role("field_worker")


def type_thai_plain(widget, text: str) -> None:
    """Thai committed by the input method into a plain-text box."""
    widget.setFocus()
    for character in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(character)
        QApplication.sendEvent(widget, event)
    assert widget.toPlainText().endswith(text)


def double_click(qtbot, page: RepairsPage, project_id: str) -> RepairEditor:
    """Double-click the project's row; the editor opens once the case is read."""
    index = page.model.index([r.project_id for r in page.model.rows].index(project_id), 0)
    page.table.scrollTo(index)
    where = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # press,
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # again
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    return page.editor


def test_the_repairs_page_lists_the_project_and_opens_it(qtbot, thai_app, workspace):
    household_id = complete_household(workspace, "11", "ประเสริฐ")
    project = open_project(workspace, household_id, YEAR)
    save_item(workspace, project.id, {"category": "rebuild", "description": "สร้างใหม่",
                                      "material_cost": 3_800_000, "labour_cost": 700_000})
    tasks, bus = TaskRunner(), ChangeBus()
    page = RepairsPage(workspace, tasks, changes=bus)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.loaded and not page.model.is_loading(), timeout=10_000)
    ids = [row.project_id for row in page.model.rows]
    assert project.id in ids and page.model.total == len(ids)
    position = ids.index(project.id)
    assert page.model.index(position, TOTAL).data() == "45,000"
    assert page.model.index(position, OVER).data() == "Over by 5,000"
    pick(page.state_combo, "submitted")
    qtbot.waitUntil(lambda: page.model.loaded and not page.model.is_loading(), timeout=10_000)
    assert project.id not in [row.project_id for row in page.model.rows]
    pick(page.state_combo, "draft")
    qtbot.waitUntil(lambda: page.model.loaded and not page.model.is_loading()
                    and project.id in [r.project_id for r in page.model.rows], timeout=10_000)
    editor = double_click(qtbot, page, project.id)
    try:
        assert editor.case.project_id == project.id and editor.items.rowCount() == 1
        assert editor.budget.warning_shown()
        editor.checklist.select_item(0)
        editor.form.edits["material_cost"].setText("3,000")  # far below the cap now
        wait_saved(qtbot, editor, editor.save)
        qtbot.waitUntil(lambda: not page.model.is_loading() and any(
            r.project_id == project.id and r.total == 1_000_000 for r in page.model.rows),
            timeout=10_000)  # the change event made the page read its rows again
    finally:
        editor.autosave_timer.stop()
        editor.writes.pool.waitForDone()
        editor.close()
        tasks.shutdown()


def test_switching_to_thai_retranslates_the_editor_and_keeps_what_was_typed(
        qtbot, editors, workspace, ui_language):
    editor = editors(complete_household(workspace, "12", "จันทร์เพ็ญ"))
    add_item(qtbot, editor, *ROOF)
    assert editor.items.index(0, 0).data() == "Roof"
    ui_language.switch(THAI)
    QApplication.sendPostedEvents()  # the LanguageChange events are posted
    assert shown(editor.header.state_label) == "ร่าง"
    assert editor.items.index(0, 0).data() == "หลังคา"
    assert editor.form.combos["category"].currentText() == "หลังคา"
    assert [editor.commands.buttons["submit"].text()] == ["ส่งตรวจ"]
    assert editor.form.edits["description"].text() == ROOF[1]
    assert editor.form.edits["material_cost"].text() == "20,160"
