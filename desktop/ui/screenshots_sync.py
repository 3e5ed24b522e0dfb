"""The Sync page with a history, for ``porpiang screenshots``: a demo never syncs, so
a profile of its own gets a server address and three sample attempts (one that sent
edits with every outcome, one that found no network, one cut short) and one edit the
server sent back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlalchemy import insert

from desktop.services.profiles import ProfileService
from desktop.store.crypto import FAST_KDF
from desktop.store.rows import now_iso, write_settings
from desktop.store.schema import drafts, sync_history
from desktop.ui.changes import ChangeBus
from desktop.ui.sync_controller import SyncController
from desktop.ui.sync_page import SyncPage
from desktop.ui.tasks import TaskRunner

SERVER = "https://porpiang.example.org"
ATTEMPTS = (
    ("2026-11-28T02:10:00.000Z", "2026-11-28T02:10:04.000Z", "ok", None, {
        "pushed": 14, "statuses": {"applied": 11, "merged": 1, "conflict": 1, "rejected": 1},
        "rejected": [{"op_id": "x", "error": {"code": "field.required", "field": "given_name",
                                              "params": {"label_th": "ชื่อ",
                                                         "label_en": "Given name"}}}],
        "pulled": 37}),
    ("2026-11-29T08:30:00.000Z", "2026-11-29T08:30:31.000Z", "failed",
     "network.unreachable", {}),
    ("2026-11-30T01:05:00.000Z", None, "interrupted", None, {}),
)


def sample_history(service: ProfileService, name: str, password: str):
    """A profile with a server address, three attempts and an edit sent back."""
    service.create_profile(name, password)
    workspace = service.unlock(name, password=password)
    with workspace.database.writer.begin() as connection:
        write_settings(connection, {"server_url": SERVER})
        for started, finished, outcome, code, counts in ATTEMPTS:
            connection.execute(insert(sync_history).values(
                started_at=started, finished_at=finished, channel="network",
                outcome=outcome, counts=counts, message=code))
        connection.execute(insert(drafts).values(
            draft_id="rejected:x", record_type="member", record_id=None, tambon="800101",
            fields={"family_name": "ใจดี"}, origin="rejected", op_id="x",
            error={"code": "field.required", "field": "given_name",
                   "params": {"label_th": "ชื่อ", "label_en": "Given name"}},
            updated_at=now_iso()))
    return workspace


def shoot_sync(shoot_widget: Callable[[QWidget, str], object], folder: Path,
               wait_until: Callable[[Callable[[], bool], str], None], code: str) -> None:
    """``sync-history-{code}``: the page of a sample profile, its latest attempt chosen."""
    service = ProfileService(folder / "sync-sample", kdf=FAST_KDF)
    workspace = sample_history(service, f"sample-{code}", "a long password 1")
    tasks, changes = TaskRunner(), ChangeBus()
    controller = SyncController(workspace, changes)
    page = SyncPage(workspace, tasks, controller, changes)
    page.resize(960, 640)
    try:
        wait_until(lambda: page.model.rowCount() == len(ATTEMPTS), "the sync history")
        page.table.selectRow(2)  # the attempt that sent edits
        shoot_widget(page, f"sync-history-{code}")
    finally:
        tasks.shutdown()
        controller.stop()
        page.deleteLater()
        workspace.close()
