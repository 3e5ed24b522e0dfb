"""The Sync page and the background sync, with a real server on 127.0.0.1: a change
made offline is sent by itself once the server answers; the page shows what waits,
the attempts and their sentences; a demo cannot sync; an outdated app is told so."""

from __future__ import annotations

from desktop.services.demo import open_demo_workspace
from desktop.services.sync import SyncOutcome, SyncService
from desktop.ui.main_window import MainWindow
from tests.ui.live_server import SERVER_PASSWORD, TAMBON, USERNAME, field_server


def shown(label) -> str:
    return label.text().replace("\u200b", "")


def main_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_a_change_is_sent_in_the_background_when_the_server_answers(
        qtbot, ui_language, tmp_path, encrypted_workspace):
    ui_language.switch("en")  # English with its plural forms, whatever ran before
    workspace, window = encrypted_workspace, main_window(qtbot)
    try:
        with field_server(tmp_path / "server") as base:
            SyncService(workspace).login(base, USERNAME, SERVER_PASSWORD)
            workspace.save("household", {"house_no": "3", "moo": 1}, tambon=TAMBON)
            window.open_workspace(workspace)
            page, outcomes = window.sync_page, []
            window.sync_controller.finished.connect(outcomes.append)
            assert page.pending_label.text() == ""  # read off the GUI thread: not yet
            # nobody clicks: the status bar sees the server and the sync starts by itself
            qtbot.waitUntil(lambda: bool(outcomes), timeout=30_000)
            assert outcomes[0].ok
            qtbot.waitUntil(lambda: "0 change(s)" in shown(page.pending_label), timeout=10_000)
            assert page.model.rowCount() == 1
            page.table.selectRow(0)
            assert shown(page.details).splitlines()[:2] == [
                "Sent: 1 change", "Applied on the server: 1"]
            assert page.sync_button.isEnabled() and not page.progress.isVisible()
            page._finished(SyncOutcome(False, {}, "sync.update_required"))
            assert shown(page.notice) == ("Please update Porpiang before syncing "
                                          "(everything on this laptop is kept)")
    finally:
        window.close_workspace()


def test_a_demo_profile_cannot_sync(qtbot, thai_app, tmp_path):
    workspace = open_demo_workspace(tmp_path / "profiles", households=2)
    window = main_window(qtbot)
    try:
        window.open_workspace(workspace)
        page = window.sync_page
        assert not page.sync_button.isEnabled()
        assert shown(page.server_label) == "Demo profile: it never syncs."
        assert window.sync_controller.sync_now() is False
    finally:
        window.close_workspace()
        workspace.close()


def test_one_sync_of_a_profile_at_a_time_across_processes(qtbot, ui_language, tmp_path,
                                                         encrypted_workspace):
    """While another process holds the profile's sync lock (here: a lock taken as
    ``porpiang sync run`` takes it), the app's sync is refused with a clear message and
    starts the history of nothing; once it is free, the sync runs."""
    import pytest
    from filelock import FileLock

    from desktop.services import ServiceError
    from desktop.services.sync import SYNC_LOCK

    ui_language.switch("en")
    workspace, window = encrypted_workspace, main_window(qtbot)
    try:
        with field_server(tmp_path / "server") as base:
            SyncService(workspace).login(base, USERNAME, SERVER_PASSWORD)
            other = FileLock(workspace.profile.folder / SYNC_LOCK)
            other.acquire()
            with pytest.raises(ServiceError) as refused:
                SyncService(workspace).run()
            assert refused.value.issue.code == "sync.busy"
            window.open_workspace(workspace)
            window.sync_status.reachable.disconnect()
            page = window.sync_page
            with qtbot.waitSignal(window.sync_controller.finished, timeout=10_000) as done:
                assert window.sync_controller.sync_now()
            assert done.args[0].code == "sync.busy"
            assert shown(page.notice).startswith("This profile is already syncing")
            other.release()
            with qtbot.waitSignal(window.sync_controller.finished, timeout=30_000) as done:
                assert window.sync_controller.sync_now()
            assert done.args[0].ok
    finally:
        window.close_workspace()
