"""PDPA consent: the service refuses sensitive member data without explicit consent,
and the editor takes it through the consent dialog before the health page opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from desktop.services import ServiceError
from desktop.ui.household_editor import HouseholdEditor
from tests.ui.editing import (  # noqa: F401  (fixtures)
    TAMBON,
    editor,
    fill_member,
    pick,
    pick_area,
    shown,
    type_thai,
    workspace,
)


def new_member(workspace, name: str = "ทดสอบ"):
    household = workspace.save("household", {"moo": 1}, tambon=TAMBON).record
    member = workspace.save("member", {"household_id": household.id,
                                       "given_name": name}).record
    return household, member


def consent(workspace, household, member, **fields):
    return workspace.save("consent", {"household_id": household.id, "member_id": member.id,
                                      "purposes": ["survey"], "consenter_role": "self",
                                      "method": "verbal", "witness_name": "ผู้ใหญ่บ้าน",
                                      "consent_date": "2026-11-01", **fields}).record


def test_sensitive_fields_need_explicit_consent_in_the_service(workspace):
    household, member = new_member(workspace)
    with pytest.raises(ServiceError) as refused:
        workspace.save("member", {"vulnerability": ["bedridden"]}, record_id=member.id)
    assert refused.value.issue.code == "consent.sensitive_required"
    assert refused.value.issue.field == "vulnerability"
    with pytest.raises(ServiceError):  # a new member has no consent yet either
        workspace.save("member", {"household_id": household.id, "dependency": "bedbound"})
    given = consent(workspace, household, member, sensitive_consent=False)
    with pytest.raises(ServiceError):  # consent to the purposes is not consent to health data
        workspace.save("member", {"disability_card": True}, record_id=member.id)
    workspace.save("consent", {"sensitive_consent": True}, record_id=given.id)
    saved = workspace.save("member", {"vulnerability": ["bedridden"],
                                      "dependency": "bedbound"}, record_id=member.id).record
    assert saved.fields["vulnerability"] == ["bedridden"]
    workspace.save("consent", {"withdrawn_date": "2026-11-20"}, record_id=given.id)
    with pytest.raises(ServiceError):
        workspace.save("member", {"vulnerability": ["bedridden", "elderly"]},
                       record_id=member.id)
    cleared = workspace.save("member", {"vulnerability": [], "dependency": None},
                             record_id=member.id).record  # clearing needs no consent
    assert not cleared.fields.get("vulnerability") and cleared.fields.get("dependency") is None


def open_consent(qtbot, editor):
    editor.form.show_page(editor.form.health)
    health = editor.form.health
    assert not health.fields_box.isEnabled()  # nothing sensitive before consent
    qtbot.mouseClick(health.consent_button, Qt.MouseButton.LeftButton)
    dialog = editor.member_list.consent_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_consent_dialog_names_what_is_missing(qtbot, editor, ui_language):
    ui_language.switch("th")
    fill_member(qtbot, editor, "สมหญิง", "ใจดี")
    dialog = open_consent(qtbot, editor)
    assert dialog.consenter.text() == "สมหญิง ใจดี"  # the person themself, by default
    pick(dialog.role, "guardian")
    assert dialog.consenter.text() == ""
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    errors = {name: shown(label) for name, label in dialog.grid.errors.items() if label.text()}
    assert set(errors) == {"purposes", "method", "consenter_name"}
    assert errors["purposes"] == "กรุณากรอก วัตถุประสงค์"
    pick(dialog.method, "verbal")
    assert "witness_name" in dialog.check()
    pick(dialog.method, "thumbprint")
    assert "evidence_attachment_id" in dialog.check()
    dialog.reject()
    assert not editor.form.health.fields_box.isEnabled()


def test_consent_recorded_in_the_editor_opens_the_health_page_and_saves(
        qtbot, editor, workspace, tmp_path):
    photo = tmp_path / "thumbprint.png"
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#445566"))
    assert image.save(str(photo))
    pick_area(editor)
    qtbot.keyClicks(editor.house_no, "9")
    fill_member(qtbot, editor, "บุญเรือน", "ทองดี", year="2480")
    dialog = open_consent(qtbot, editor)
    dialog.purposes.boxes["survey"].setChecked(True)
    dialog.purposes.boxes["repair"].setChecked(True)
    qtbot.mouseClick(dialog.sensitive, Qt.MouseButton.LeftButton)
    pick(dialog.method, "thumbprint")
    type_thai(dialog.witness, "นายพยาน ดีมาก")
    dialog.set_evidence_file(str(photo))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible() and not dialog.check()
    health = editor.form.health
    assert health.fields_box.isEnabled() and health.consent == "pending"
    bedridden = health.vulnerability.boxes["bedridden"]
    editor.form.scrolls[health].ensureWidgetVisible(bedridden)  # the page scrolls
    qtbot.mouseClick(bedridden, Qt.MouseButton.LeftButton,  # on its box
                     pos=QPoint(8, bedridden.height() // 2))
    assert bedridden.isChecked()
    health.vulnerability.boxes["elderly"].setChecked(True)
    pick(health.dependency, "bedbound")
    editor.form.show_page(editor.form.livelihood)
    type_thai(editor.form.livelihood.income, "๓,๕๐๐")
    editor.form.livelihood.welfare.boxes["old_age"].setChecked(True)
    saved = []
    editor.household_saved.connect(saved.append)
    assert editor.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    assert editor.result() == editor.DialogCode.Accepted, shown(editor.status)
    detail = workspace.get_household(saved[0])
    (member,) = detail.members
    assert member.fields["vulnerability"] == ["bedridden", "elderly"]
    assert member.fields["dependency"] == "bedbound"
    assert member.fields["monthly_income"] == 350_000  # 3,500 baht in satang
    assert member.fields["welfare"] == ["old_age"]
    (given,) = detail.consents
    assert given.fields["member_id"] == member.id and given.fields["sensitive_consent"] is True
    assert given.fields["purposes"] == ["repair", "survey"]
    assert given.fields["witness_name"] == "นายพยาน ดีมาก"
    (evidence,) = detail.attachments
    assert given.fields["evidence_attachment_id"] == evidence.id
    assert evidence.fields["kind"] == "consent" and evidence.fields["owner_id"] == given.id
    assert workspace.read_file(evidence.fields["sha256"]) == photo.read_bytes()

    again = HouseholdEditor(workspace, household_id=saved[0])
    qtbot.addWidget(again)
    assert again.form.health.consent == "saved" and again.form.health.fields_box.isEnabled()
    assert again.form.health.vulnerability.values() == ["bedridden", "elderly"]
    assert again.form.livelihood.income.text() == "3,500"
    again.done(0)


def test_a_member_without_consent_keeps_sensitive_data_out_of_the_draft(qtbot, editor):
    fill_member(qtbot, editor, "สายใจ", "มั่นคง")
    health = editor.form.health
    health.vulnerability.boxes["disabled"].setChecked(True)  # disabled: not taken
    fields = editor.draft_fields()["members"][0]
    assert "vulnerability" not in fields and "dependency" not in fields
