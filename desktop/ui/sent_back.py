"""An edit the server sent back (rejected), opened again as a draft with its error.

A household's or a member's edit opens the household editor with the values that
were sent shown over the stored ones and the error beside its field; saving the
household settles it (the sent-back draft is removed).  Edits of other records are
shown with their reason; correcting them happens in their own form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.services.models import HouseholdDetail
from desktop.services.sync_history import SentBack
from desktop.services.workspace import Workspace
from desktop.ui.changes import ChangeBus
from desktop.ui.form_fields import issue_text, show_issue
from desktop.ui.household_editor import HouseholdEditor
from desktop.ui.tasks import TaskRunner

EDITED_HERE = ("household", "member")


def household_of(workspace: Workspace, item: SentBack) -> str | None:
    """The household whose editor corrects ``item`` (None: not a household's row)."""
    if item.record_type == "household":
        return item.record_id
    if item.record_type == "member":
        given = item.fields.get("household_id")
        if isinstance(given, str):
            return given
        stored = workspace.replica.get("member", item.record_id) if item.record_id else None
        found = stored.fields.get("household_id") if stored is not None else None
        return found if isinstance(found, str) else None
    return None


def open_sent_back(workspace: Workspace, item: SentBack, parent: QWidget, *,
                   tasks: TaskRunner, changes: ChangeBus | None,
                   detail: HouseholdDetail) -> HouseholdEditor:
    """The household editor showing ``item``'s values and its error."""
    editor = HouseholdEditor(workspace, parent, household_id=detail.household.id,
                             detail=detail, changes=changes)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if item.record_type == "household":
        editor.household.show({**detail.household.fields, **item.fields},
                              detail.household.tambon, locked=True)
        label = editor.household.error_label(item.error.field) if item.error else None
        if label is not None:
            show_issue(label, item.error)
    else:
        _overlay_member(editor, item)
    editor.say_sent_back(issue_text(item.error) if item.error else "")
    editor.household_saved.connect(
        lambda _id: tasks.submit(workspace.discard_draft, item.draft_id, key=item.draft_id,
                                 on_error=lambda _error: None))
    editor.open()
    return editor


def _overlay_member(editor: HouseholdEditor, item: SentBack) -> None:
    rows = editor.members.rows
    position = next((i for i, row in enumerate(rows) if row.record_id == item.record_id),
                    None)
    if position is None:  # a new member the server refused: added as a new row
        position = editor.add_member(focus=False)
    row = rows[position]
    row.fields = {**row.fields, **{k: v for k, v in item.fields.items()
                                   if k != "household_id"}}
    row.fields.pop("_birth_parts", None)
    if item.error is not None:
        row.errors = {item.error.field or "given_name": item.error}
    editor.select_member(position)
    editor.form.show_fields(row.fields)
    editor.form.show_errors(row.errors)
