"""The household editor on a real encrypted profile: Thai typed through the input
method, the area picked from GeoThai, members checked as typed, saved, autosaved."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence

from desktop.services import HouseholdFilter, message
from desktop.ui.household_editor import NATIONAL_ID, HouseholdEditor
from desktop.ui.i18n import THAI
from desktop.ui.screenshots import distinct_colours, grab_to_png
from desktop.ui.selftest import is_thai
from tests.ui.editing import (  # noqa: F401  (fixtures)
    BAD_ID,
    TAMBON,
    THAI_DIGIT_ID,
    VALID_ID,
    editor,
    fill_member,
    pick,
    pick_area,
    shown,
    three_members,
    type_thai,
    workspace,
)


def test_a_household_with_three_thai_members_is_saved_and_found(qtbot, editor, workspace):
    pick_area(editor)
    editor.moo.setValue(4)
    qtbot.keyClicks(editor.house_no, "12/3")
    qtbot.keyClicks(editor.gps_lat, "8.4304")
    qtbot.keyClicks(editor.gps_lon, "99.9631")
    pick(editor.enum_combos["land_tenure"], "title_deed")
    pick(editor.enum_combos["structure_type"], "wood")
    three_members(qtbot, editor, "ทองประเสริฐ")
    assert editor.members.rowCount() == 3
    assert editor.members.index(0, 3).data() == "12 Mar 2503"  # abbreviated in the table
    saved = []
    editor.household_saved.connect(saved.append)
    qtbot.keyClick(editor.form.given_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    assert editor.result() == editor.DialogCode.Accepted
    detail = workspace.get_household(saved[0])
    assert detail.household.tambon == TAMBON
    assert detail.household.fields["moo"] == 4 and detail.household.fields["house_no"] == "12/3"
    assert detail.household.fields["land_tenure"] == "title_deed"
    members = {m.fields["given_name"]: m.fields for m in detail.members}
    assert set(members) == {"สมศรี", "บุญมี", "น้ำผึ้ง"}
    assert members["สมศรี"]["birth_date"] == "1960-03-12"  # 2503 BE
    assert members["บุญมี"]["birth_date"] == "1987"  # the year alone
    assert detail.household.fields["head_member_id"] in {m.id for m in detail.members}
    for fragment in ("ผึ", "บุญม"):  # 2 characters (instr) and 4 (trigram index)
        found = workspace.list_households(HouseholdFilter(query=fragment))
        assert saved[0] in {row.household_id for row in found.rows}, fragment


def test_the_area_combos_cascade_in_thai_order(editor, ui_language):
    ui_language.switch(THAI)
    pick(editor.area.province, "80")
    names = [editor.area.district.itemText(i) for i in range(1, editor.area.district.count())]
    assert "เมืองนครศรีธรรมราช" in names and all(is_thai(n) for n in names)
    pick(editor.area.district, "8001")
    assert editor.area.tambon.findData(TAMBON) > 0
    assert editor.area.tambon.itemText(editor.area.tambon.findData(TAMBON)) == "ในเมือง"


def test_gps_outside_thailand_is_refused_beside_the_field(qtbot, editor):
    qtbot.keyClicks(editor.gps_lat, "35.0")
    qtbot.keyClicks(editor.gps_lon, "99.9")
    assert shown(editor.address.errors["gps"]) == message("gps.latitude", "en")
    editor.gps_lat.setText("8.43")
    assert editor.address.errors["gps"].text() == ""
    editor.gps_lon.setText("135.0")
    assert shown(editor.address.errors["gps"]) == message("gps.longitude", "en")
    editor.gps_lon.setText("99.9")
    editor.gps_lat.setText("35.0")
    pick_area(editor)
    assert editor.save() is False


def test_a_bad_national_id_is_shown_and_keeps_that_member_back(qtbot, editor, workspace,
                                                               ui_language):
    ui_language.switch(THAI)
    pick_area(editor)
    fill_member(qtbot, editor, "ประยูร", "ศรีสุข", national_id=VALID_ID[:8])
    assert editor.form.grid.errors["national_id"].text() == ""  # still typing
    qtbot.keyClick(editor.form.national_id, Qt.Key.Key_Return)
    fill_member(qtbot, editor, "ประภา", "ศรีสุข")
    type_thai(editor.form.national_id, BAD_ID)
    error = editor.form.grid.errors["national_id"]
    assert shown(error) == message("national_id.checksum", "th") and is_thai(error.text())
    editor.select_member(0)
    editor.form.national_id.clear()  # the first member goes without an ID
    saved = []
    editor.household_saved.connect(saved.append)
    assert editor.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    assert editor.isVisible() and editor.current_member() == 1
    assert shown(editor.form.grid.errors["national_id"]) == message("national_id.checksum", "th")
    assert editor.members.index(1, NATIONAL_ID).data(Qt.ItemDataRole.ToolTipRole)
    members = workspace.get_household(saved[0]).members
    assert [m.fields["given_name"] for m in members] == ["ประยูร"]


def test_a_national_id_in_thai_digits_is_stored_in_ascii(qtbot, editor, workspace):
    pick_area(editor)
    fill_member(qtbot, editor, "ชูใจ", "ดีงาม", national_id=THAI_DIGIT_ID)
    assert editor.form.grid.errors["national_id"].text() == ""
    assert editor.members.index(0, NATIONAL_ID).data() == "1-1120-34563-56-2"
    saved = []
    editor.household_saved.connect(saved.append)
    editor.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    member = workspace.get_household(saved[0]).members[0]
    assert member.fields["national_id"] == VALID_ID


def test_autosave_writes_a_draft_that_reopens(qtbot, editor, workspace, caplog):
    caplog.set_level(logging.INFO, logger="porpiang.drafts")
    pick_area(editor)
    qtbot.keyClicks(editor.house_no, "77")
    fill_member(qtbot, editor, "มะลิ", "หอมจริง", year="2490", national_id=BAD_ID[:6])
    assert editor.autosave_timer.isActive() and editor.autosave_timer.interval() == 2000

    def drafted():
        return [d for d in workspace.drafts() if d.draft_id == editor.draft_id]

    qtbot.waitUntil(lambda: bool(drafted()), timeout=6000)
    qtbot.waitUntil(lambda: f"draft saved {editor.draft_id}" in caplog.messages, timeout=2000)
    draft = drafted()[0]
    assert draft.tambon == TAMBON and draft.fields["house_no"] == "77"
    again = HouseholdEditor.from_draft(workspace, draft)
    qtbot.addWidget(again)
    assert again.area.code() == TAMBON and again.house_no.text() == "77"
    assert again.form.given_name.text() == "มะลิ" and again.form.family_name.text() == "หอมจริง"
    assert again.form.birth_year.text() == "2490"
    assert again.form.national_id.text() == BAD_ID[:6]
    again.form.national_id.setText(VALID_ID)  # corrected before saving
    saved = []
    again.household_saved.connect(saved.append)
    again.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    assert not drafted()  # a saved household discards its draft


def test_ctrl_s_is_the_save_shortcut(editor):
    assert editor.save_shortcut.key() == QKeySequence(QKeySequence.StandardKey.Save)


def test_screenshot_in_thai_with_three_members(qtbot, editor, ui_language, tmp_path):
    ui_language.switch(THAI)
    pick_area(editor)
    editor.moo.setValue(4)
    qtbot.keyClicks(editor.house_no, "12/3")
    qtbot.keyClicks(editor.gps_lat, "8.4304")
    qtbot.keyClicks(editor.gps_lon, "99.9631")
    three_members(qtbot, editor, "ทองประเสริฐ")
    type_thai(editor.form.national_id, "๓๑๐๐๕๐๐๐๘๘๒๑๔")  # a wrong check digit, beside
    assert editor.form.grid.errors["national_id"].text()
    assert editor.width() <= 1366 and editor.height() <= 700  # a small laptop screen
    path = grab_to_png(editor, tmp_path / "household_editor_th.png")
    image = QImage(str(path))
    assert image.width() >= 1000 and distinct_colours(image) > 20
    assert editor.windowTitle() == "เพิ่มครัวเรือน"
    print(f"screenshot: {path}")


def test_the_households_page_adds_and_edits_through_the_editor(qtbot, thai_app, workspace):
    from desktop.ui.households import HouseholdsPage
    from desktop.ui.tasks import TaskRunner

    tasks = TaskRunner()
    page = HouseholdsPage(workspace, tasks)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.loaded)
    before = page.model.total
    page.add_button.click()
    editor = page.findChild(HouseholdEditor)
    assert editor is not None and editor.isVisible() and editor.household_id is None
    pick_area(editor)
    type_thai(editor.form.given_name, "ลำดวน")
    with qtbot.waitSignal(editor.finished, timeout=5000):  # closed (and deleted) once saved
        assert editor.save()
    qtbot.waitUntil(lambda: page.model.total == before + 1 and not page.model.is_loading())
    row = next(r for r, h in enumerate(page.model.rows) if h.head_name.startswith("ลำดวน"))
    page.table.doubleClicked.emit(page.model.index(row, 0))  # read off the GUI thread

    def opened_editors():
        return [e for e in page.findChildren(HouseholdEditor) if e.isVisible()]

    qtbot.waitUntil(lambda: bool(opened_editors()), timeout=5000)
    opened = opened_editors()
    assert len(opened) == 1 and opened[0].household_id == page.model.rows[row].household_id
    assert opened[0].form.given_name.text() == "ลำดวน"
    assert not opened[0].area.tambon.isEnabled()  # a saved household keeps its tambon
    opened[0].reject()
    tasks.shutdown()


def test_tab_walks_the_form_in_reading_order(qtbot, editor):
    """Tab goes down the address, then land and contact, then to the members."""
    editor.activateWindow()
    editor.area.province.setFocus()
    qtbot.waitUntil(lambda: editor.area.province.hasFocus())
    names = []
    for _ in range(15):
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
        names.append(editor.focusWidget().objectName())
    assert names == ["district", "tambon", "moo", "house_no", "soi", "road", "gps_lat",
                     "gps_lon", "land_tenure", "house_ownership", "structure_type", "phone",
                     "notes", "members_table", "add_member"]


def test_switching_language_keeps_what_is_typed(qtbot, editor, ui_language, workspace):
    """English to Thai in the middle of a form: every text and choice stays, the
    labels change, and the switch itself writes no draft."""
    pick_area(editor)
    editor.moo.setValue(7)
    qtbot.keyClicks(editor.house_no, "45/1")
    pick(editor.enum_combos["structure_type"], "wood")
    fill_member(qtbot, editor, "มะลิ", "ใจงาม", month=5, day=2)
    editor.autosave_timer.stop()
    before = editor.draft_fields()
    assert editor.address.labels["house_no"].text() == "House number"
    ui_language.switch(THAI)  # the LanguageChange events are posted: let them arrive
    qtbot.waitUntil(lambda: editor.address.labels["house_no"].text() == "บ้านเลขที่")
    assert editor.form.birth_month.currentText() == "พฤษภาคม"
    assert editor.draft_fields() == before
    assert not editor.autosave_timer.isActive()
