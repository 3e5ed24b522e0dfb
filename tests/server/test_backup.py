"""``porpiang-server backup`` and ``restore``: a snapshot round trip with a new epoch."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server import accounts, cli
from sync.server.backup import SQLITE_MAGIC
from sync.server.db import Database
from sync.server.meta import server_meta
from sync.server.migrate import upgrade


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
    assert restored == names == {"before"}
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
