"""Pictures of the household editor's parts for ``porpiang screenshots``: the health
page of a member with consent, the consent dialog filled in, and the possible-
duplicate warning over a new household typed with a recorded address."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from desktop.services.conflicts import ConflictView, Proposal
from desktop.services.workspace import Workspace
from desktop.ui.conflict_dialog import ConflictDialog
from desktop.ui.consent_dialog import ConsentDialog
from desktop.ui.household_editor import HouseholdEditor
from sync.records.registry import record_type

IDENTITY = tuple(f.name for f in record_type("member").group("identity").fields)


def consented_member(workspace: Workspace, household_id: str) -> int:
    """The position, in the editor's member list, of a member with consent."""
    detail = workspace.get_household(household_id)
    agreed = {c.fields.get("member_id") for c in detail.consents
              if c.fields.get("sensitive_consent")}
    ids = [m.id for m in detail.members]
    return next((i for i, member_id in enumerate(ids) if member_id in agreed), 0)


def shoot_health(shoot: Callable[[HouseholdEditor, str, int], None], workspace: Workspace,
                 parent: QWidget, household_id: str, code: str) -> None:
    editor = HouseholdEditor(workspace, parent, household_id=household_id)
    editor.form.show_page(editor.form.health)
    shoot(editor, f"household-health-{code}", consented_member(workspace, household_id))


def shoot_consent(shoot_widget: Callable[[QWidget, str], object], parent: QWidget,
                  code: str) -> None:
    dialog = ConsentDialog("บุญเรือน ทองดี", parent, fields={
        "purposes": ["survey", "repair", "photos"], "sensitive_consent": True,
        "consenter_role": "caregiver", "consenter_name": "สมใจ ทองดี",
        "method": "thumbprint", "witness_name": "นายอำนวย ผู้ใหญ่บ้าน",
        "consent_date": date.today().isoformat(),
        "notes": "พิมพ์ลายนิ้วมือในแบบฟอร์มกระดาษ เก็บที่ อบต."})
    dialog.set_evidence_file("/photos/thumbprint.jpg")
    try:
        shoot_widget(dialog, f"consent-{code}")
    finally:
        dialog.close()
        dialog.deleteLater()


def shoot_duplicate(shoot: Callable[[HouseholdEditor, str, int], None],
                    workspace: Workspace, parent: QWidget, household_id: str, code: str,
                    wait_until: Callable[[Callable[[], bool], str], None]) -> None:
    """A new household typed with a recorded household's address: the warning shows."""
    recorded = workspace.get_household(household_id).household
    editor = HouseholdEditor(workspace, parent)
    editor.area.set_code(recorded.tambon)
    editor.moo.setValue(recorded.fields.get("moo") or 0)
    editor.house_no.setText(recorded.fields.get("house_no") or "")
    editor.duplicates.timer.setInterval(0)
    wait_until(lambda: bool(editor.duplicates.found), "the duplicate warning")
    shoot(editor, f"household-duplicate-{code}", 0)


def shoot_conflict(shoot_widget: Callable[[QWidget, str], object], workspace: Workspace,
                   parent: QWidget, household_id: str, code: str) -> None:
    """The resolution dialog over a sample conflict of a demo member's name (a demo
    never syncs, so the competing value is made up for the picture)."""
    member = workspace.get_household(household_id).members[0]
    names = {k: member.fields.get(k) for k in ("given_name", "family_name")}
    conflict = ConflictView(
        "00000000-0000-4000-8000-000000000001", "member", member.id, "identity",
        "concurrent", member.tambon, household_id,
        {**{k: member.fields.get(k) for k in IDENTITY}, **names},
        (Proposal({**{k: member.fields.get(k) for k in IDENTITY}, **names,
                   "given_name": f"{names['given_name']}ย์"}, "user-2", "01a2c3d4e5f6",
                  "2026-11-28T09:15:00.000Z", "สมหญิง ใจดี"),),
        base={**{k: member.fields.get(k) for k in IDENTITY}, **names})
    dialog = ConflictDialog(workspace, conflict, parent)
    try:
        shoot_widget(dialog, f"conflict-{code}")
    finally:
        dialog.close()
        dialog.deleteLater()
