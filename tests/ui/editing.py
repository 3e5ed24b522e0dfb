"""What the editor tests share: a real encrypted profile, Thai typed through the
input method, combos picked by value, members filled in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.services.profiles import ProfileService
from desktop.store.crypto import KdfParams
from desktop.ui.household_editor import HouseholdEditor

FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
TAMBON = "800101"  # ในเมือง, เมืองนครศรีธรรมราช, นครศรีธรรมราช
VALID_ID = "1112034563562"
THAI_DIGIT_ID = "๑๑๑๒๐๓๔๕๖๓๕๖๒"  # the same ID in Thai digits
BAD_ID = "1112034563561"  # last digit wrong


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """An empty password-protected (encrypted) profile."""
    service = ProfileService(tmp_path_factory.mktemp("profiles"), kdf=FAST_KDF)
    service.create_profile("field", "correct horse battery")
    ws = service.unlock("field", password="correct horse battery")
    yield ws
    ws.close()


@pytest.fixture
def editor(qtbot, thai_app, workspace):
    dialog = HouseholdEditor(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.autosave_timer.stop()
    dialog.writes.pool.waitForDone()


def type_thai(widget, text: str) -> None:
    """Thai typed one character at a time, each committed by the input method."""
    widget.setFocus()
    for character in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(character)
        QApplication.sendEvent(widget, event)
    assert widget.text().endswith(text)


def shown(label) -> str:
    """A label's text without the word-break marks added for wrapping."""
    return label.text().replace("\u200b", "")


def pick(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def pick_area(editor: HouseholdEditor, tambon: str = TAMBON) -> None:
    pick(editor.area.province, tambon[:2])
    pick(editor.area.district, tambon[:4])
    pick(editor.area.tambon, tambon)


def fill_member(qtbot, editor, given, family, *, sex="2", year="2503", month=None, day=None,
                relation=None, national_id=None) -> None:
    form = editor.form
    type_thai(form.given_name, given)
    type_thai(form.family_name, family)
    pick(form.sex, sex)
    if relation:
        pick(form.relation, relation)
    if day:
        pick(form.birth_day, day)
    if month:
        pick(form.birth_month, month)
    qtbot.keyClicks(form.birth_year, year)
    if national_id:
        type_thai(form.national_id, national_id)


def three_members(qtbot, editor, family: str) -> None:
    fill_member(qtbot, editor, "สมศรี", family, year="2503", month=3, day=12,
                national_id=VALID_ID)
    qtbot.keyClick(editor.form.national_id, Qt.Key.Key_Return)  # Enter: the next member
    fill_member(qtbot, editor, "บุญมี", family, sex="1", year="2530", relation="child")
    qtbot.keyClick(editor.form.birth_year, Qt.Key.Key_Return)
    fill_member(qtbot, editor, "น้ำผึ้ง", family, year="2555", relation="grandchild")
