"""The op journal kept apart from snapshots, and restore = snapshot + replay + new epoch.

Real database files (SQLite) and a real PostgreSQL database, real laptop replicas
syncing through the app (``tests/server/laptops.py``), real journal files.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from sync.client.transport import TransportError
from sync.records.ops import SignedOp
from sync.server import accounts
from sync.server import journal as journals
from sync.server.app import create_app
from sync.server.backup import backup, restore
from sync.server.db import Database
from sync.server.devices import revoke_device
from sync.server.journal import Journal, encode_line
from sync.server.meta import server_meta
from sync.server.migrate import upgrade
from sync.server.models import AppliedOp, Device, User, UserArea
from sync.server.passwords import Passwords
from sync.server.push import push
from sync.server.replay import replay
from sync.server.settings import ServerSettings, SettingsError
from tests.server.conftest import FAST_PASSWORDS
from tests.server.laptops import (
    T1,
    T2,
    Laptop,
    ReplicaTemplate,
    add_people,
    check_converged,
    check_ops,
    live_rows,
    open_laptop,
    replica_records,
    server_state,
    settle,
    username,
)
from tests.server.world import PASSWORD


# -- the journal files ------------------------------------------------------------------
def entries(count: int, start: int = 0) -> list[dict]:
    return [{"kind": "note", "n": start + i, "text": "บ้านเลขที่ 12/3"} for i in range(count)]


def numbers(journal: Journal) -> list[int]:
    return [entry.data["n"] for entry in journal.read().entries]


def test_a_torn_last_line_is_ignored_with_a_warning_and_never_written_behind(tmp_path,
                                                                             caplog):
    journal = Journal(tmp_path / "journal")
    journal.append(entries(3))
    segment = journal.segments()[-1]
    whole = encode_line({"format": 1, "kind": "note", "n": 3})
    with segment.open("ab") as handle:  # a crash in the middle of a write
        handle.write(whole[: len(whole) // 2])
    with caplog.at_level(logging.WARNING, logger="sync.server.journal"):
        reading = journal.read()
    assert [e.data["n"] for e in reading.entries] == [0, 1, 2]
    assert reading.torn == [f"{segment.name}:4"] and reading.corrupt == []
    assert "torn line" in caplog.text
    journal.append(entries(2, start=10))  # a new segment, not behind the torn tail
    assert len(journal.segments()) == 2
    assert numbers(journal) == [0, 1, 2, 10, 11]
    assert journal.read().torn == [f"{segment.name}:4"]


def test_a_damaged_line_before_good_ones_is_corrupt_and_reported(tmp_path):
    journal = Journal(tmp_path / "journal")
    journal.append(entries(3))
    segment = journal.segments()[-1]
    lines = segment.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b'"n":1', b'"n":7')  # the checksum no longer matches
    segment.write_bytes(b"\n".join(lines))
    reading = journal.read()
    assert [e.data["n"] for e in reading.entries] == [0, 2]
    assert reading.corrupt == [f"{segment.name}:2"] and reading.torn == []


def test_lines_are_checksummed_json_and_files_private(tmp_path):
    journal = Journal(tmp_path / "journal")
    journal.append(entries(1))
    segment = journal.segments()[0]
    assert segment.name == "journal-000001.jsonl"
    line = segment.read_bytes()
    assert line.endswith(b"\n") and line[64:65] == b" "
    assert "บ้านเลขที่".encode() in line  # UTF-8, not escaped
    assert segment.stat().st_mode & 0o777 == 0o600


def test_segments_roll_over_and_prune_keeps_ninety_days(tmp_path):
    journal = Journal(tmp_path / "journal", segment_bytes=200)
    for start in range(0, 6, 2):
        journal.append(entries(2, start=start))
    segments = journal.segments()
    assert len(segments) == 3 and numbers(journal) == list(range(6))
    old = time.time() - 120 * 86400
    for path in segments:
        os.utime(path, (old, old))
    with pytest.raises(ValueError, match="90 days"):
        journal.prune(89)
    assert journal.prune(100) == segments[:-1]  # never the newest segment
    assert journal.segments() == segments[-1:]
    journal.append(entries(1, start=6))  # a day later than the newest: a new segment
    assert [p.name for p in journal.segments()] == ["journal-000003.jsonl",
                                                   "journal-000004.jsonl"]


def test_the_journal_is_never_inside_the_snapshot_folder(tmp_path):
    base = ServerSettings(data_dir=tmp_path, database_url="sqlite://")
    assert base.journal_dir == tmp_path / "journal"
    inside = ServerSettings(data_dir=tmp_path, database_url="sqlite://",
                            journal_folder=tmp_path / "backups" / "journal")
    with pytest.raises(SettingsError):
        inside.ensure_dirs()
    resolved = ServerSettings.resolve(data_dir=tmp_path, database_url="sqlite://",
                                      journal_dir=tmp_path / "elsewhere")
    assert resolved.ensure_dirs().journal_dir.is_dir()


# -- a server whose database can be restored --------------------------------------------
@dataclass
class Server:
    database: Database
    journal: Journal
    client: TestClient
    ids: dict[str, str]
    folder: Path
    template: ReplicaTemplate

    def laptop(self, name: str, owner: str) -> Laptop:
        return open_laptop(self.template, self.folder, name, owner, self.ids[owner],
                           self.client)

    def snapshot(self, name: str = "snapshot") -> Path:
        return backup(self.database, self.folder / f"{name}.bak")


@pytest.fixture
def server(empty_database_url: str, tmp_path: Path,
           replica_template: ReplicaTemplate) -> Iterator[Server]:
    database = Database(empty_database_url)
    upgrade(database)
    settings = ServerSettings(data_dir=tmp_path / "server", database_url=empty_database_url,
                              passwords=FAST_PASSWORDS).ensure_dirs()
    journal = journals.attach(database, Journal(settings.journal_dir))
    try:
        with TestClient(create_app(settings, database=database)) as client:
            yield Server(database, journal, client, add_people(database), tmp_path,
                         replica_template)
    finally:
        journals.detach(database)
        database.dispose()


def new_household(laptop: Laptop, tambon: str, house_no: str, made: list[str]) -> str:
    saved = laptop.replica.save("household", tambon, {"house_no": house_no, "moo": 2})
    made.append(saved.op.op_id)
    return saved.record.id


def edit(laptop: Laptop, household_id: str, fields: dict, made: list[str]) -> None:
    tambon = laptop.replica.get("household", household_id).tambon
    made.append(laptop.replica.save("household", tambon, fields,
                                    record_id=household_id).op.op_id)


def add_member(laptop: Laptop, household_id: str, name: str, made: list[str]) -> None:
    tambon = laptop.replica.get("household", household_id).tambon
    made.append(laptop.replica.save("member", tambon, {
        "household_id": household_id, "given_name": name}).op.op_id)


def log_in_again(laptop: Laptop) -> None:
    """A device whose token the snapshot lacks logs in again (same id, same keys)."""
    laptop.transport.login({"username": username(laptop.owner), "password": PASSWORD,
                            "device_id": laptop.replica.device_id, "device_name": laptop.name,
                            "public_keys": laptop.replica.identity.public_keys()})


def epoch_of(database: Database) -> str:
    with database.reading() as session:
        return server_meta(session).epoch


def test_a_restore_from_a_snapshot_older_than_the_last_sync_loses_no_op(server: Server):
    field, coordinator, supervisor = (server.laptop("field", "fw_1"),
                                      server.laptop("coordinator", "co_2"),
                                      server.laptop("supervisor", "sup"))
    laptops, made = [field, coordinator, supervisor], []
    first = new_household(field, T1, "1", made)
    second = new_household(coordinator, T2, "2", made)
    add_member(field, first, "สมใจ", made)
    settle(laptops)
    snapshot, before_snapshot = server.snapshot(), len(made)
    # after the snapshot: every kind of write, acknowledged to the laptops
    edit(supervisor, first, {"notes": "หลังคารั่ว"}, made)
    edit(field, first, {"house_no": "1/1"}, made)  # the base the supervisor moved past
    add_member(coordinator, second, "มาลี", made)
    third = new_household(field, T1, "3", made)
    settle(laptops)
    lost = server_state(server.database)
    old_epoch = epoch_of(server.database)
    pending = []  # made on the old epoch's rows, not yet sent
    edit(field, third, {"notes": "ยังไม่ได้ส่ง"}, pending)

    restored = restore(server.database, snapshot, journal=server.journal)
    report = restored.replay
    assert report is not None and report.clean, report.lines()
    assert (report.replayed, report.skipped) == (len(made) - before_snapshot, before_snapshot)
    assert restored.epoch != old_epoch and epoch_of(server.database) == restored.epoch
    # the replay reproduced the lost history exactly: rows, versions, seqs, results
    assert server_state(server.database) == lost

    again = replay(server.database, server.journal)  # replaying twice changes nothing
    assert (again.replayed, again.skipped, again.failed) == (0, len(made), [])
    assert server_state(server.database) == lost

    for laptop in laptops:
        sync = laptop.sync()
        assert sync.new_epoch  # re-sent what the server lacked, pulled again from 0
        assert sync.pushed == (1 if laptop is field else 0) and sync.duplicates == 0
    settle(laptops)
    check_converged(laptops, server.database)
    check_ops(laptops, server.database, made + pending)  # every op once, in applied_ops
    for laptop in laptops:
        laptop.close()


def test_conflicts_and_their_resolutions_replay_exactly(server: Server):
    """What the server writes because of an op (a conflict, its proposals, the time
    it was opened and resolved) takes its id from the op and its time from when the
    op was received: a replay writes the very same rows, and a resolution that came
    after the snapshot finds the conflict the replay opened again."""
    field, supervisor = server.laptop("field", "fw_1"), server.laptop("supervisor", "sup")
    laptops, made = [field, supervisor], []
    household = new_household(field, T1, "1", made)
    add_member(field, household, "สมใจ", made)
    settle(laptops)
    snapshot, before_snapshot = server.snapshot(), len(made)
    [member] = [key[1] for key in live_rows(field, "member")]
    for laptop, name in ((field, "สมใจดี"), (supervisor, "สมหญิง")):  # offline, both
        made.append(laptop.replica.save("member", T1, {"given_name": name},
                                        record_id=member).op.op_id)
    settle(laptops)
    [conflict] = [key[1] for key, row in replica_records(supervisor).items()
                  if key[0] == "conflict" and row["fields"]["status"] == "open"]
    made.append(supervisor.replica.save("member", T1, {"given_name": "สมหญิง"},
                                        record_id=member, resolves=[conflict]).op.op_id)
    settle(laptops)
    lost = server_state(server.database)
    assert ("conflict", conflict) in lost["records"]

    restored = restore(server.database, snapshot, journal=server.journal)
    assert restored.replay is not None and restored.replay.clean, restored.replay.lines()
    assert restored.replay.replayed == len(made) - before_snapshot
    assert server_state(server.database) == lost  # same ids, times, statuses, versions
    settle(laptops)
    check_converged(laptops, server.database)
    check_ops(laptops, server.database, made)
    for laptop in laptops:
        laptop.close()


def test_a_torn_last_journal_line_is_ignored_and_its_device_sends_the_op_again(
        server: Server):
    field, coordinator = server.laptop("field", "fw_1"), server.laptop("coordinator", "co_2")
    made: list[str] = []
    household = new_household(field, T1, "1", made)
    settle([field, coordinator])
    snapshot = server.snapshot()
    new_household(coordinator, T2, "2", made)
    edit(field, household, {"notes": "ส่งแล้ว"}, made)
    settle([coordinator, field])
    segment = server.journal.segments()[-1]
    text = segment.read_bytes()
    segment.write_bytes(text[:-40])  # the field laptop's last op: its line cut short
    last_line = text.count(b"\n")

    report = restore(server.database, snapshot, journal=server.journal).replay
    assert report is not None
    assert report.torn == [f"{segment.name}:{last_line}"]
    assert (report.replayed, report.skipped, report.failed) == (1, 1, [])
    report = field.sync()
    assert report.new_epoch and report.pushed == 1 and report.duplicates == 0
    settle([field, coordinator])
    check_converged([field, coordinator], server.database)
    check_ops([field, coordinator], server.database, made)
    field.close()
    coordinator.close()


def test_devices_registered_and_revoked_after_the_snapshot_come_back_from_the_journal(
        server: Server):
    field = server.laptop("field", "fw_1")
    made: list[str] = []
    new_household(field, T1, "1", made)
    settle([field])
    snapshot = server.snapshot()
    newcomer = server.laptop("newcomer", "fw_2")  # registered after the snapshot
    new_household(newcomer, T2, "9", made)
    settle([newcomer])
    idle = server.laptop("idle", "co_1")  # logs in, sends nothing
    with server.database.writing() as session:  # a lost laptop, revoked
        revoke_device(session, session.get(Device, idle.replica.device_id), revoked_by=None)

    report = restore(server.database, snapshot, journal=server.journal).replay
    assert report is not None and report.clean, report.lines()
    assert (report.replayed, report.devices, report.revoked) == (1, 2, 1)
    with server.database.reading() as session:
        came_back = session.get(Device, newcomer.replica.device_id)
        assert came_back is not None and came_back.token_hash is None
        assert came_back.ed25519_key == newcomer.replica.identity.public_keys()["ed25519"]
        assert session.get(Device, idle.replica.device_id).revoked_at is not None
    with pytest.raises(TransportError) as refused:
        newcomer.sync()  # its token is not in the snapshot
    assert refused.value.code == "auth.invalid_token"
    log_in_again(newcomer)
    assert newcomer.sync().new_epoch
    settle([field, newcomer])
    check_converged([field, newcomer], server.database)
    check_ops([field, newcomer], server.database, made)
    for laptop in (field, newcomer, idle):
        laptop.close()


def take_account_out(database: Database, user_id: str) -> tuple[dict, list[str]]:
    with database.writing() as session:
        user = session.get(User, user_id)
        row = user.model_dump()
        areas = list(session.execute(select(UserArea.code).where(
            UserArea.user_id == user_id)).scalars())
        session.execute(delete(UserArea).where(UserArea.user_id == user_id))
        session.delete(user)
    return row, areas


def put_account_back(database: Database, row: dict, areas: list[str]) -> None:
    with database.writing() as session:
        session.add(User(**row))
        session.flush()
        session.add_all([UserArea(user_id=row["id"], code=code) for code in areas])


def test_ops_of_an_account_the_snapshot_lacks_stay_in_the_journal_until_it_is_back(
        server: Server):
    field = server.laptop("field", "fw_1")
    made: list[str] = []
    new_household(field, T1, "1", made)
    settle([field])
    account = take_account_out(server.database, server.ids["fw_2"])
    snapshot = server.snapshot()  # before the account was made
    put_account_back(server.database, *account)
    late = server.laptop("late", "fw_2")
    new_household(late, T2, "5", made)
    settle([late])

    report = restore(server.database, snapshot, journal=server.journal).replay
    assert report is not None and not report.clean
    assert [(f.code, f.op_id is None) for f in report.failed] == [
        ("user.not_found", True), ("user.not_found", False)]  # its device, then its op
    assert username("fw_2") in report.failed[0].detail
    assert (report.replayed, report.skipped, report.devices) == (0, 1, 0)
    with server.database.reading() as session:
        assert session.get(Device, late.replica.device_id) is None

    put_account_back(server.database, *account)  # the administrator's part
    again = replay(server.database, server.journal)  # the entries are still there
    assert again.clean and (again.replayed, again.skipped, again.devices) == (1, 1, 1)
    log_in_again(late)
    assert late.sync().new_epoch
    settle([field, late])
    check_converged([field, late], server.database)
    check_ops([field, late], server.database, made)
    field.close()
    late.close()


def test_account_changes_after_the_snapshot_come_back_from_the_journal(server: Server):
    """An account made, an area taken away and a password changed after the snapshot
    are journalled and replayed in order: the op quarantined live because its author
    had lost the area is quarantined again (not applied under the snapshot's areas),
    and the old password does not come back."""
    field = server.laptop("field", "fw_1")
    made: list[str] = []
    household = new_household(field, T1, "1", made)
    settle([field])
    snapshot = server.snapshot()
    passwords = Passwords(FAST_PASSWORDS)
    with server.database.writing() as session:
        made_now = accounts.create_user(session, passwords, username="newcomer",
                                        name="สมศรี มาใหม่", role="field_worker",
                                        areas=[T2], password="รหัสผ่านใหม่-1234")
        accounts.update_user(session, session.get(User, server.ids["fw_1"]), areas=[T2])
    edit(field, household, {"notes": "หลังคารั่ว"}, made)  # T1 is no longer fw_1's
    assert field.sync().statuses == {"quarantined": 1}
    with server.database.writing() as session:
        accounts.set_password(session, passwords, session.get(User, server.ids["co_1"]),
                              "another secret 5678")
        new_hash = session.get(User, server.ids["co_1"]).password_hash
    live = server_state(server.database)["applied"]

    report = restore(server.database, snapshot, journal=server.journal).replay
    assert report is not None and report.clean, report.lines()
    assert (report.replayed, report.accounts) == (1, 3)
    assert "account changes 3" in report.summary()
    assert server_state(server.database)["applied"] == live
    with server.database.reading() as session:
        newcomer = session.get(User, made_now.id)
        assert (newcomer.username, newcomer.name, newcomer.role) == (
            "newcomer", "สมศรี มาใหม่", "field_worker")
        assert passwords.verify(newcomer.password_hash, "รหัสผ่านใหม่-1234")
        assert session.get(User, server.ids["co_1"]).password_hash == new_hash
        areas = {user_id: sorted(session.execute(select(UserArea.code).where(
            UserArea.user_id == user_id)).scalars())
            for user_id in (made_now.id, server.ids["fw_1"])}
    assert areas == {made_now.id: [T2], server.ids["fw_1"]: [T2]}
    field.close()


def test_an_account_entry_whose_username_is_taken_fails_and_stays(server: Server):
    snapshot = server.snapshot()
    passwords = Passwords(FAST_PASSWORDS)
    with server.database.writing() as session:
        accounts.create_user(session, passwords, username="somchai", name="สมชาย",
                             role="coordinator", areas=[T1], password="a long password")
    restore(server.database, snapshot)  # loaded, not replayed yet
    with server.database.writing() as session:  # someone else took the name meanwhile
        journals.suppress(session)
        accounts.create_user(session, passwords, username="somchai", name="สมชาย อื่น",
                             role="field_worker", areas=[T2], password="another password")
    report = replay(server.database, server.journal)
    assert [f.code for f in report.failed] == ["user.exists"]
    assert "somchai" in report.failed[0].detail
    with server.database.reading() as session:
        kept = session.execute(select(User).where(User.username == "somchai")).scalar_one()
    assert (kept.name, kept.role) == ("สมชาย อื่น", "field_worker")


def test_an_op_whose_journal_write_fails_is_not_applied(server: Server, monkeypatch):
    field = server.laptop("field", "fw_1")
    made: list[str] = []
    new_household(field, T1, "1", made)

    def disk_full(entries):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(server.journal, "append", disk_full)
    with pytest.raises(OSError):
        field.sync()
    assert server_state(server.database)["applied"] == []  # the batch did not commit
    assert [s.parse().op_id for s in field.replica.pending_ops(limit=5)] == made
    monkeypatch.undo()
    settle([field])
    check_ops([field], server.database, made)
    assert journalled_ops(server.journal) == made
    field.close()


def journalled_ops(journal: Journal) -> list[str]:
    return [SignedOp(e.data["op"], e.data["sig"]).parse().op_id
            for e in journal.read().entries if e.data["kind"] == "op"]


def test_concurrent_batches_are_journalled_once_each_in_commit_order(server: Server):
    laptops = [server.laptop(owner, owner) for owner in ("fw_1", "co_2", "sup")]
    for laptop in laptops:
        for n in range(8):
            tambon = T2 if laptop.owner == "co_2" else T1
            laptop.replica.save("household", tambon, {"house_no": str(n + 1), "moo": 1})
    with server.database.reading() as session:
        actors = {laptop.name: accounts.view_of(session, session.get(User, laptop.user_id))
                  .as_actor(laptop.replica.device_id) for laptop in laptops}
    errors: list[BaseException] = []

    def send(laptop: Laptop) -> None:
        try:
            ops = [s.to_json() for s in laptop.replica.pending_ops(limit=100)]
            for start in range(0, len(ops), 2):
                push(server.database, actors[laptop.name], ops[start:start + 2])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(laptop,)) for laptop in laptops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with server.database.reading() as session:
        seqs = dict(session.execute(select(AppliedOp.op_id, AppliedOp.seq)).all())
    order = journalled_ops(server.journal)
    assert sorted(order) == sorted(seqs) and len(order) == 24  # each op once
    assert [seqs[op_id] for op_id in order] == sorted(seqs.values())  # commit order
    for laptop in laptops:
        laptop.close()


def test_an_app_made_from_settings_alone_journals_what_it_verifies(empty_database_url: str,
                                                                   tmp_path: Path,
                                                                   replica_template):
    """``create_app(settings)`` (as ``uvicorn --factory`` would build it) attaches the
    settings' journal to the database it opens: a pushed op is on disk."""
    database = Database(empty_database_url)
    upgrade(database)
    ids = add_people(database)
    database.dispose()
    settings = ServerSettings(data_dir=tmp_path / "server", database_url=empty_database_url,
                              passwords=FAST_PASSWORDS).ensure_dirs()
    app = create_app(settings)
    with TestClient(app) as client:
        laptop = open_laptop(replica_template, tmp_path, "field", "fw_1", ids["fw_1"], client)
        try:
            saved = laptop.replica.save("household", T1, {"house_no": "7", "moo": 2})
            assert laptop.sync().statuses == {"applied": 1}
        finally:
            laptop.close()
    assert journals.journal_of(app.state.db).folder == settings.journal_dir
    ops = [e.data for e in Journal(settings.journal_dir).read().entries
           if e.data["kind"] == "op"]
    assert [SignedOp(e["op"], e["sig"]).parse().op_id for e in ops] == [saved.op.op_id]
