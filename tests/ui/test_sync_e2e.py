"""End to end with a real server on 127.0.0.1 and three apps: two field workers change
the same member's name offline and sync; the coordinator's app shows one conflict,
resolves it offline and syncs; all three replicas agree, and each app's sync history
says what happened to its edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.services.conflicts import conflict_rows
from desktop.services.profiles import ProfileService
from desktop.services.repairs import give, open_project
from desktop.services.sync import SyncService
from desktop.services.sync_history import attempts
from desktop.ui.household_editor import HouseholdEditor
from desktop.ui.main_window import MainWindow
from desktop.ui.sync_lines import attempt_lines
from tests.ui.editing import FAST_KDF, type_thai
from tests.ui.live_server import SERVER_PASSWORD, TAMBON, field_server
from tests.ui.test_repair_editor import complete_household

PASSWORD = "correct horse battery"


@pytest.fixture
def apps(qtbot, thai_app, tmp_path):
    """Three logged-in profiles, each in its own main window: somchai, somying, manee."""
    opened = {}
    with field_server(tmp_path / "server") as base:
        service = ProfileService(tmp_path / "profiles", kdf=FAST_KDF)
        for name in ("somchai", "somying", "manee"):
            service.create_profile(name, PASSWORD)
            workspace = service.unlock(name, password=PASSWORD)
            SyncService(workspace).login(base, name, SERVER_PASSWORD)
            window = MainWindow()
            qtbot.addWidget(window)
            window.open_workspace(workspace)
            window.sync_controller.timer.stop()  # only the syncs the test asks for: no
            window.sync_status.reachable.disconnect()  # background sync on reconnecting
            opened[name] = window
        yield opened
        for window in opened.values():
            workspace = window.workspace
            window.close_workspace()
            workspace.close()


def sync(qtbot, window: MainWindow):
    """Sync now, as the user clicks it on the Sync page; the outcome."""
    window.show_page("sync")
    with qtbot.waitSignal(window.sync_controller.finished, timeout=30_000) as done:
        qtbot.mouseClick(window.sync_page.sync_button, Qt.MouseButton.LeftButton)
    assert done.args[0].ok, done.args[0]
    return done.args[0]


def rename(qtbot, window: MainWindow, household_id: str, given: str) -> None:
    """Open the household, type the first member's new given name, save."""
    editor = HouseholdEditor(window.workspace, window, household_id=household_id)
    qtbot.addWidget(editor)
    editor.select_member(0)
    editor.form.given_name.clear()
    type_thai(editor.form.given_name, given)
    with qtbot.waitSignal(editor.household_saved, timeout=10_000):
        assert editor.save()


def last_lines(window: MainWindow) -> list[str]:
    return attempt_lines(attempts(window.workspace, limit=1)[0], "en")


def test_two_offline_edits_one_conflict_resolved_by_the_coordinator(qtbot, apps,
                                                                     ui_language):
    ui_language.switch("en")  # English with its plural forms, whatever ran before
    somchai, somying, manee = apps["somchai"], apps["somying"], apps["manee"]
    household = somchai.workspace.save("household", {"house_no": "8", "moo": 2},
                                       tambon=TAMBON).record
    member = somchai.workspace.save("member", {"household_id": household.id,
                                               "given_name": "สมศรี"}).record
    sync(qtbot, somchai)
    sync(qtbot, somying)
    sync(qtbot, manee)
    assert somying.workspace.get_record("member", member.id).fields["given_name"] == "สมศรี"

    rename(qtbot, somchai, household.id, "สมศรีย์")  # both offline
    assert somchai.workspace.pending_changes() == 1  # the member only: no empty op
    rename(qtbot, somying, household.id, "ศรีสม")
    sync(qtbot, somchai)
    assert last_lines(somchai)[:2] == ["Sent: 1 change", "Applied on the server: 1"]
    sync(qtbot, somying)
    assert "Awaiting a coordinator (conflicting edits): 1" in last_lines(somying)

    sync(qtbot, manee)
    review = manee.review_page
    manee.show_page("review")
    qtbot.waitUntil(lambda: review.model.rowCount() == 1, timeout=10_000)
    dialog = review.open_conflict(0)
    headers = [label.text() for label in dialog.header_labels]
    assert headers[:2] == ["Before both edits", "Kept now"]
    assert headers[2].startswith("สมหญิง")  # the author, by name
    base_cell = dialog.findChild(QLabel, "value_given_name_0")
    assert base_cell.text() == "สมศรี"  # the name both started from
    dialog.choices.button(dialog.first_proposal).setChecked(True)  # somying's value
    assert dialog.values() == {**dialog.values(), "given_name": "ศรีสม"}
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert manee.workspace.get_record("member", member.id).fields["given_name"] == "ศรีสม"
    qtbot.waitUntil(lambda: review.model.rows[0].resolved_here, timeout=10_000)  # offline
    assert review.summary.text().replace("\u200b", "") == "No conflict to resolve."
    assert manee.workspace.pending_changes() == 1

    sync(qtbot, manee)
    assert "Applied on the server: 1" in last_lines(manee)
    assert conflict_rows(manee.workspace) == []  # the server marked it resolved
    qtbot.waitUntil(lambda: review.model.rowCount() == 0, timeout=10_000)
    for window in (somchai, somying):
        sync(qtbot, window)
        assert "Received from the server: 1" in last_lines(window) or any(
            line.startswith("Received from the server") for line in last_lines(window))
    names = {w.workspace.get_record("member", member.id).fields["given_name"]
             for w in (somchai, somying, manee)}
    assert names == {"ศรีสม"}
    for window in (somchai, somying, manee):
        assert window.workspace.pending_changes() == 0
        assert not window.workspace.get_record("member", member.id).conflict


def test_an_edit_sent_back_reopens_in_the_editor_with_its_error(qtbot, apps, ui_language):
    """somying empties a member's given name in a case she still sees as a draft; the
    server, where somchai submitted the case meanwhile, sends the edit back
    (``field.required``); her Sync page lists it and opens it in the household editor
    with the error beside the field; correcting and saving settles it."""
    ui_language.switch("en")
    somchai, somying = apps["somchai"], apps["somying"]
    household_id = complete_household(somchai.workspace, "9/9", "ประยูร")
    project = open_project(somchai.workspace, household_id, 2569)
    sync(qtbot, somchai)
    sync(qtbot, somying)  # somying has the case as a draft
    give(somchai.workspace, project.id, "submit")
    sync(qtbot, somchai)
    member = somying.workspace.get_household(household_id).members[0]
    somying.workspace.save("member", {"given_name": None}, record_id=member.id)
    sync(qtbot, somying)
    assert any(line.startswith("Sent back to you to correct: 1") for line in last_lines(somying))
    page = somying.sync_page
    qtbot.waitUntil(lambda: page.sent_back.count() == 1, timeout=10_000)
    assert "Given name is required" in page.sent_back.item(0).text()
    page.open_sent_back(0)
    qtbot.waitUntil(lambda: bool(page.findChildren(HouseholdEditor)), timeout=10_000)
    (editor,) = page.findChildren(HouseholdEditor)
    assert editor.form.given_name.text() == ""
    assert editor.form.grid.errors["given_name"].text().replace("\u200b", "") == \
        "Given name is required"
    type_thai(editor.form.given_name, "ประยูร")
    with qtbot.waitSignal(editor.household_saved, timeout=10_000):
        assert editor.save()
    qtbot.waitUntil(lambda: not [d for d in somying.workspace.drafts()
                                 if d.origin == "rejected"], timeout=10_000)


def test_a_kept_move_is_shown_not_chosen(qtbot, thai_app, tmp_path):
    """A conflict of group ``move`` (a command kept whole) lists and opens without a
    field group of that name: the dialog shows it and offers nothing to choose."""
    from desktop.services.conflicts import ConflictRow, ConflictView, Proposal
    from desktop.ui.conflict_dialog import ConflictDialog
    from desktop.ui.review_page import ConflictsModel

    conflict = ConflictView("c1", "household", "h1", "move", "role_forbidden", TAMBON, "h1",
                            {"tambon": TAMBON}, (Proposal({"command": {"name": "move"}},
                                                          "u1", "d1", "2026-11-28T09:15:00Z",
                                                          "สมชาย"),))
    model = ConflictsModel()
    model.replace([ConflictRow(conflict, "มาลี", "1", 1)])
    assert model.index(0, 1).data() == "Household"
    dialog = ConflictDialog(None, conflict)  # no workspace: nothing can be saved
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert dialog.names == []
