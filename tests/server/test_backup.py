"""``porpiang-server backup``, ``restore`` and ``journal``: a snapshot round trip with
a new epoch, and the op journal replayed into it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sync.server import accounts, cli
from sync.server import journal as journals
from sync.server.app import create_app
from sync.server.backup import SQLITE_MAGIC
from sync.server.db import Database
from sync.server.journal import Journal
from sync.server.meta import server_meta
from sync.server.migrate import upgrade
from sync.server.models import Device
from sync.server.settings import ServerSettings
from tests.server.world import login_body


@pytest.fixture
def server(empty_database_url: str, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(cli.PASSWORD_ENV, "a long password")
    data_dir = tmp_path / "server-data"

    def run(*argv: str) -> int:
        return cli.main([*argv, "--data-dir", str(data_dir), "--database-url",
                         empty_database_url])

    run.database, run.data_dir = Database(empty_database_url), data_dir
    upgrade(run.database)
    yield run
    run.database.dispose()


def usernames_and_meta(database: Database) -> tuple[set[str], str, str]:
    with database.reading() as session:
        meta = server_meta(session)
        names = {u.username for u in accounts.list_users(session)}
        return names, meta.epoch, meta.signing_key


def test_backup_then_restore_brings_back_the_snapshot_with_a_new_epoch(server, tmp_path,
                                                                       capsys):
    assert server("user", "add", "before", "--role", "admin") == 0
    snapshot = tmp_path / "snapshot.bak"
    assert server("backup", "--out", str(snapshot)) == 0
    names, epoch, key = usernames_and_meta(server.database)
    assert server("user", "add", "after", "--role", "admin") == 0
    capsys.readouterr()
    assert server("restore", str(snapshot)) == 0
    assert "new server epoch" in capsys.readouterr().out
    restored, new_epoch, new_key = usernames_and_meta(server.database)
    assert names == {"before"}
    assert restored == {"before", "after"}  # made after the snapshot: from the journal
    assert new_epoch != epoch and new_key == key  # devices keep trusting the same key


def test_a_backup_goes_to_the_data_folder_by_default(server, capsys):
    assert server("backup") == 0
    written = list((server.data_dir / "backups").iterdir())
    assert len(written) == 1 and written[0].name.startswith("porpiang-server-")
    assert str(written[0]) in capsys.readouterr().out
    assert server("backup", "--out", str(written[0])) == 1  # never overwrites


def test_restore_refuses_what_is_not_a_snapshot_of_this_kind(server, tmp_path, capsys):
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a database", encoding="utf-8")
    assert server("restore", str(wrong)) == 1
    assert server("restore", str(tmp_path / "missing.bak")) == 1
    other_kind = tmp_path / "other.bak"
    other_kind.write_bytes(b"PGDMP" if server.database.is_sqlite else SQLITE_MAGIC)
    assert server("restore", str(other_kind)) == 1
    assert "cannot restore" in capsys.readouterr().err
    names, _, _ = usernames_and_meta(server.database)
    assert names == set()


def test_restore_replays_the_journal_so_a_revocation_after_the_snapshot_stays(server,
                                                                            tmp_path,
                                                                            capsys):
    """``run`` journals every op and registration, ``user revoke`` its revocation; a
    restore from an older snapshot replays them and prints what it did."""
    assert server("user", "add", "somchai", "--role", "field_worker", "--area",
                  "800101") == 0
    url = server.database.url.render_as_string(hide_password=False)
    settings = ServerSettings(data_dir=server.data_dir, database_url=url)
    journal = journals.attach(server.database, Journal(settings.journal_dir))
    try:
        with TestClient(create_app(settings, database=server.database)) as client:
            answer = client.post("/api/v1/auth/login",
                                 json=login_body("somchai", "a long password"))
        assert answer.status_code == 200, answer.text
    finally:
        journals.detach(server.database)
    snapshot = tmp_path / "snapshot.bak"
    assert server("backup", "--out", str(snapshot)) == 0
    capsys.readouterr()
    assert server("user", "list", "--json") == 0
    device_id = json.loads(capsys.readouterr().out)[0]["devices"][0]["id"]
    assert server("user", "revoke", "somchai", "--device", device_id) == 0  # a lost laptop
    assert [e.data["kind"] for e in journal.read().entries] == ["account", "device", "revoke"]
    capsys.readouterr()

    assert server("restore", str(snapshot)) == 0
    out = capsys.readouterr().out
    assert "journal replay: replayed 0, skipped 0 (already applied), failed 0" in out
    assert "revoked 1" in out
    with server.database.reading() as session:
        assert session.get(Device, device_id).revoked_at is not None
    assert server("journal", "replay", "--json") == 0  # again: nothing left to do
    again = json.loads(capsys.readouterr().out)
    assert (again["replayed"], again["revoked"], again["failed"]) == (0, 0, [])
    assert server("journal", "check") == 0
    assert "1 account, 1 device, 1 revoke" in capsys.readouterr().out


def test_the_journal_is_pruned_only_after_ninety_days(server, capsys):
    journal = Journal(server.data_dir / "journal")
    journal.append([{"kind": "note"}])
    journal.append([{"kind": "note"}])  # the same day: one segment
    assert server("journal", "prune", "--older-than", "30") == 1
    assert "at least 90 days" in capsys.readouterr().err
    assert server("journal", "prune", "--older-than", "90") == 0
    assert "removed 0 segment(s)" in capsys.readouterr().out
    assert len(journal.segments()) == 1
