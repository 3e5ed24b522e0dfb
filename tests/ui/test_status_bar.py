"""The status bar's sync indicators against a real server on 127.0.0.1: reachable,
then offline once the server stops; the changes waiting to be sent, counted again
after each change event and after a sync."""

from __future__ import annotations

import pytest

from desktop.services.demo import open_demo_workspace
from desktop.services.profiles import ProfileService
from desktop.services.sync import SyncService
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.status_bar import DEMO, NO_SERVER, OFFLINE, ONLINE, SyncStatus
from desktop.ui.tasks import TaskRunner
from tests.ui.editing import FAST_KDF
from tests.ui.live_server import SERVER_PASSWORD, TAMBON, USERNAME, field_server


@pytest.fixture
def tasks():
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def status_of(qtbot, workspace, tasks) -> tuple[SyncStatus, ChangeBus]:
    changes = ChangeBus()
    status = SyncStatus(workspace, tasks, changes)
    qtbot.addWidget(status)
    status.start()
    qtbot.waitUntil(lambda: status.state != "unknown" and status.pending >= 0, timeout=10_000)
    return status, changes


def test_a_demo_profile_says_it_never_syncs(qtbot, thai_app, tmp_path, tasks):
    workspace = open_demo_workspace(tmp_path / "profiles", households=2)
    try:
        status, _ = status_of(qtbot, workspace, tasks)
        assert status.state == DEMO and status.connectivity.text() == "Demo: never syncs"
        assert status.pending_label.text() == "" and status.isHidden()
        status.stop()
    finally:
        workspace.close()


def test_online_then_offline_and_the_changes_waiting(qtbot, thai_app, tmp_path, tasks):
    service = ProfileService(tmp_path / "profiles", kdf=FAST_KDF)
    service.create_profile("somchai", "correct horse battery")
    workspace = service.unlock("somchai", password="correct horse battery")
    try:
        status, changes = status_of(qtbot, workspace, tasks)
        assert status.state == NO_SERVER and status.connectivity.text() == "No server yet"
        assert status.pending_label.text() == "All changes sent"
        with field_server(tmp_path / "server") as base:
            SyncService(workspace).login(base, USERNAME, SERVER_PASSWORD)
            status.check_server()
            qtbot.waitUntil(lambda: status.state == ONLINE, timeout=10_000)
            assert status.connectivity.text() == "Server reachable"
            saved = workspace.save("household", {"moo": 3}, tambon=TAMBON).record
            changes.announce(ChangeSet(frozenset({saved.id})))
            qtbot.waitUntil(lambda: status.pending == 1, timeout=10_000)
            assert status.pending_label.text().startswith("1 change")
            assert SyncService(workspace).run().ok
            changes.announce(ChangeSet(everything=True))
            qtbot.waitUntil(lambda: status.pending == 0, timeout=10_000)
        status.check_server()  # the server has stopped
        qtbot.waitUntil(lambda: status.state == OFFLINE, timeout=10_000)
        assert status.connectivity.text() == "Offline"
        status.stop()
    finally:
        workspace.close()
