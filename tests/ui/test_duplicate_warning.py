"""The possible-duplicate warning in the editor: a new household typed with the
house number and moo of one already recorded, or with a member's national ID, is
warned about, and its link opens the other household."""

from __future__ import annotations

import re

import pytest

from desktop.ui.household_editor import HouseholdEditor
from desktop.ui.households import HouseholdsPage
from desktop.ui.i18n import THAI
from desktop.ui.tasks import TaskRunner
from tests.ui.editing import (  # noqa: F401  (fixtures)
    TAMBON,
    VALID_ID,
    fill_member,
    pick_area,
    shown,
    type_thai,
    workspace,
)


@pytest.fixture(scope="module")
def recorded(workspace):
    """A household at 12/3 moo 4 whose head holds VALID_ID."""
    household = workspace.save("household", {"moo": 4, "house_no": "12/3"},
                               tambon=TAMBON).record
    workspace.save("member", {"household_id": household.id, "given_name": "สมศรี",
                              "family_name": "ทองดี", "relation_to_head": "head",
                              "national_id": VALID_ID})
    return household


@pytest.fixture
def page(qtbot, thai_app, workspace, recorded):
    tasks = TaskRunner()
    page = HouseholdsPage(workspace, tasks)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.loaded)
    yield page
    for editor in page.findChildren(HouseholdEditor):
        editor.autosave_timer.stop()
        editor.done(0)
    tasks.shutdown()


def new_editor(page) -> HouseholdEditor:
    page.add_button.click()
    editor = next(e for e in page.findChildren(HouseholdEditor) if e.household_id is None
                  and e.isVisible())
    return editor


def test_same_house_number_and_moo_warns_with_a_link_that_opens_it(
        qtbot, page, recorded, ui_language):
    ui_language.switch(THAI)
    editor = new_editor(page)
    warning = editor.duplicates
    pick_area(editor)
    editor.moo.setValue(4)
    with qtbot.waitSignal(warning.checked, timeout=5000) as found:
        type_thai(editor.house_no, "๑๒/๓")  # the same number in Thai digits
    assert found.args == [1] and warning.isVisible()
    text = shown(warning)
    assert "สมศรี ทองดี" in text and "12/3" in text
    (href,) = re.findall(r'href="([^"]+)"', warning.text())
    assert href == f"household:{recorded.id}"
    warning.linkActivated.emit(href)  # what a click on the link sends

    def opened_editors():
        return [e for e in page.findChildren(HouseholdEditor)
                if e.isVisible() and e.household_id == recorded.id]

    qtbot.waitUntil(lambda: bool(opened_editors()), timeout=5000)
    opened = opened_editors()
    assert len(opened) == 1 and opened[0].form.given_name.text() == "สมศรี"
    with qtbot.waitSignal(warning.checked, timeout=5000) as found:
        editor.moo.setValue(5)  # another moo: no longer the same house
    assert found.args == [0] and not warning.isVisible()


def test_a_members_national_id_warns_about_the_household_holding_it(qtbot, page, recorded):
    editor = new_editor(page)
    warning = editor.duplicates
    pick_area(editor)
    editor.moo.setValue(9)
    editor.house_no.setText("1")
    fill_member(qtbot, editor, "สมศรี", "ทองดี")
    with qtbot.waitSignal(warning.checked, timeout=5000) as found:
        type_thai(editor.form.national_id, VALID_ID)
    assert found.args == [1]
    assert warning.found[0].household_id == recorded.id
    assert warning.found[0].national_ids == (VALID_ID,)
    assert "same national ID" in shown(warning)


def test_the_recorded_household_is_not_its_own_duplicate(qtbot, page, recorded, workspace):
    editor = HouseholdEditor(workspace, household_id=recorded.id)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.duplicates.checked, timeout=5000) as found:
        editor.show()
    assert found.args == [0] and not editor.duplicates.isVisible()
    editor.done(0)
