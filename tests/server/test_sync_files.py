"""Attachment bytes end to end (both databases): replicas, the real transport, the app,
real files.  ``PROTOCOL.md`` "Attachment bytes"; ``sync/server/files.py``."""

from __future__ import annotations

import asyncio
import hashlib
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, update

from desktop.services.profiles import ProfileService
from desktop.services.sync import SyncService
from desktop.store.crypto import FAST_KDF
from desktop.store.files import read_file, write_file
from desktop.store.replica import Blob
from desktop.store.schema import blobs, sync_history
from sync.client.engine import SyncEngine
from sync.client.transport import Transport, TransportError
from sync.server.files import BlobStore
from sync.server.models import RECORD_TABLES, ServerMeta, UserArea
from tests.server.asgi_adapter import AppAdapter
from tests.server.faults import Fault, FaultyAdapter
from tests.server.laptops import T1, add_people, open_laptop
from tests.server.test_sync_flow import connect, login_key, sync
from tests.server.world import PASSWORD, username_of

TAMBON = "800102"  # fw_in's; sup_in (district 8001) reads it, co_in (800101) does not


def photo(size: int = 5000) -> bytes:
    """Bytes no other test has (a JPEG's worth of noise)."""
    return b"\xff\xd8\xff\xe0" + os.urandom(size - 4)


def sha_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def store(client, tmp_path) -> BlobStore:
    """A fresh ``blobs/`` folder for this test's app."""
    chosen = BlobStore(tmp_path / "blobs")
    before = getattr(client.app.state, "blob_store", None)
    client.app.state.blob_store = chosen
    yield chosen
    client.app.state.blob_store = before


def files_in(store: BlobStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*") if p.is_file())


def attach(replica, data: bytes, tambon: str = TAMBON) -> tuple[str, str]:
    """A household and a photo of it on a memory replica: (household id, sha256)."""
    household = replica.save("household", tambon, {"moo": 1})
    replica.attach(tambon, household.id, data)
    return household.id, sha_of(data)


def upload(link: Transport, data: bytes, *, sha256: str | None = None,
           offset: int = 0, length: int | None = None, chunk: bytes | None = None):
    return link.upload_chunk(sha256 or sha_of(data), offset,
                             len(data) if length is None else length,
                             data if chunk is None else chunk)


def refused(call) -> tuple[int | None, str]:
    with pytest.raises(TransportError) as raised:
        call()
    return raised.value.status, raised.value.code


# -- upload, download, scope -------------------------------------------------------------
def test_uploaded_bytes_reach_another_user_of_the_tambon(client, world, store):
    field, field_link = connect(client, world, "fw_in")
    data = photo()
    _, sha = attach(field, data)
    report = sync(field, field_link)
    assert report.statuses == {"applied": 2}
    assert (report.files_sent, report.file_bytes_sent) == (1, len(data))
    assert field.blob_state == {sha: "present"}
    assert store.path(sha).read_bytes() == data
    assert report.summary()["files_sent"] == 1
    supervisor, supervisor_link = connect(client, world, "sup_in")
    report = sync(supervisor, supervisor_link)
    assert (report.files_received, report.file_bytes_received) == (1, len(data))
    assert supervisor.blobs[sha] == data and supervisor.blob_state[sha] == "present"
    again = sync(supervisor, supervisor_link)  # nothing left to fetch or send
    assert (again.files_received, again.files_sent, again.files_waiting) == (0, 0, 0)


def test_a_user_of_another_tambon_is_refused(client, world, store):
    field, field_link = connect(client, world, "fw_in")
    data = photo()
    _, sha = attach(field, data)
    sync(field, field_link)
    for key in ("co_in", "fw_out", "sup_out"):  # 800101, 800202, district 8002
        _, other = connect(client, world, key)
        assert refused(lambda o=other: o.download_range(sha, 0, 100)) == (
            404, "record.not_found")
        assert refused(lambda o=other: upload(o, data)) == (404, "record.not_found")
        answer = other.blobs_missing([sha])
        assert (answer["missing"], answer["unknown"]) == ([], [sha])
        # a replica of theirs never learns of the photo either
        replica, replica_link = connect(client, world, key)
        report = sync(replica, replica_link)
        assert replica.blobs == {} and report.files_received == 0
    _, admin_link = connect(client, world, "admin")
    assert admin_link.download_range(sha, 0, len(data)) == (data, len(data))


def test_bytes_with_a_wrong_sha256_are_refused_and_nothing_is_kept(client, world, store):
    field, link = connect(client, world, "fw_in")
    data = photo()
    _, sha = attach(field, data)
    sync(field, link)  # uploads the real bytes: use another photo's row for the test
    other = photo()
    _, other_sha = attach(field, other)
    field.blob_state[other_sha] = "present"  # keep the engine from sending it
    sync(field, link)
    forged = photo(len(other))  # same length, other bytes
    assert refused(lambda: upload(link, forged, sha256=other_sha)) == (422, "blob.hash_mismatch")
    assert not store.has(other_sha) and store.received(other_sha) == 0
    # a chunk beyond the length it declares, and a length above the limit
    assert refused(lambda: upload(link, other, length=10)) == (422, "request.invalid_value")
    status, code = refused(lambda: upload(link, other, length=store.max_bytes + 1))
    assert (status, code) == (413, "blob.too_large")
    assert files_in(store) == [store.path(sha)]


def test_a_repeated_upload_is_idempotent(client, world, store):
    field, link = connect(client, world, "fw_in")
    data = photo()
    _, sha = attach(field, data)
    field.blob_state[sha] = "present"  # the test sends it by hand
    sync(field, link)
    first = upload(link, data)
    written = store.path(sha).stat()
    second = upload(link, data)
    assert first == second == {"sha256": sha, "offset": len(data), "complete": True}
    assert store.path(sha).stat().st_mtime_ns == written.st_mtime_ns  # not written again
    # any offset: the file is complete, the answer says so
    assert upload(link, data, offset=7, chunk=data[7:20])["complete"] is True
    assert link.blobs_missing([sha])["missing"] == []
    # a replica that did not know re-checks and marks it present without sending
    field.blob_state[sha] = "pending"
    report = sync(field, link)
    assert report.files_sent == 0 and field.blob_state[sha] == "present"


def test_bytes_before_their_attachment_op_are_refused_then_taken(client, world, store):
    """The order problem: no row names the hash until the op is pushed."""
    field, link = connect(client, world, "fw_in")
    data = photo()
    _, sha = attach(field, data)
    assert refused(lambda: upload(link, data)) == (404, "record.not_found")
    assert link.blobs_missing([sha])["unknown"] == [sha]
    assert field.blobs_to_upload(after=None, limit=10) == []  # its op still waits
    report = sync(field, link)
    assert report.files_sent == 1 and store.has(sha)


def test_a_chunked_upload_resumes_where_the_server_stopped(client, world, store):
    field = connect(client, world, "fw_in")[0]
    faulty = FaultyAdapter(AppAdapter(client), paths=())
    link = Transport("http://testserver", adapter=faulty, retries=0)
    login_key(link, world, "fw_in", field)
    data = photo(3 * 1024 + 100)
    _, sha = attach(field, data)
    store.chunk_bytes = 1024
    faulty.arm(Fault.DROP, "/blobs/" + sha)  # the first chunk lands, its answer is lost
    with pytest.raises(TransportError) as raised:
        sync(field, link)
    assert raised.value.code == "network.unreachable"
    assert raised.value.report.statuses == {"applied": 2}  # the records went through
    assert store.received(sha) == 1024 and not store.has(sha)
    assert link.blobs_missing([sha])["offsets"] == {sha: 1024}
    assert field.blob_state[sha] == "pending"
    # A stale offset is answered with the server's; the next sync goes on from it.
    status, code = refused(lambda: upload(link, data, chunk=data[:1024]))
    assert (status, code) == (409, "blob.offset_mismatch")
    report = sync(field, link)
    assert report.files_sent == 1 and store.path(sha).read_bytes() == data
    sent = [d for d in faulty.delivered if d.path.endswith(sha)]
    assert len(sent) == 1 + 1 + 3  # the dropped chunk, the stale one, then 1024 … 3171
    assert not (store.root / "partial" / sha).exists()


def test_a_file_too_big_is_reported_and_never_blocks_the_rest(client, world, store):
    store.max_bytes = 4000
    field, link = connect(client, world, "fw_in")
    big, small = photo(6000), photo(1000)
    _, big_sha = attach(field, big)
    _, small_sha = attach(field, small)
    report = sync(field, link)
    assert report.files_sent == 1 and store.has(small_sha) and not store.has(big_sha)
    assert report.files_refused == [(big_sha, "blob.too_large")]
    assert report.summary()["files_refused"] == [{"sha256": big_sha, "code": "blob.too_large"}]
    assert field.blob_state == {big_sha: "pending", small_sha: "present"}
    # it stays on the laptop, and goes once the server takes files that large
    store.max_bytes = 10_000
    assert sync(field, link).files_sent == 1 and store.has(big_sha)


def test_a_deleted_attachment_is_no_longer_served(client, world, store):
    field, link = connect(client, world, "fw_in")
    data = photo()
    _, sha = attach(field, data)
    sync(field, link)
    attachment = next(key for key in field.rows if key[0] == "attachment")
    field.delete(*attachment)
    sync(field, link)
    assert refused(lambda: link.download_range(sha, 0, 10)) == (404, "record.not_found")


def test_the_author_may_still_upload_after_losing_the_area_but_not_read(client, world,
                                                                       store, database):
    field, link = connect(client, world, "fw_in")
    data = photo()
    _, sha = attach(field, data)
    field.blob_state[sha] = "present"  # the op goes up, the bytes not yet
    sync(field, link)
    field.blob_state[sha] = "pending"
    with database.writing() as session:  # then fw_in is moved to another tambon
        session.execute(update(UserArea.__table__).where(
            UserArea.user_id == world["fw_in"].id).values(code="800103"))
    assert link.blobs_missing([sha])["missing"] == [sha]
    report = SyncEngine(field, link).run()  # uploads before the pull purges the area
    assert report.files_sent == 1 and store.has(sha)
    assert field.blobs == {sha: data}  # the bytes stay; the row went with the area
    assert refused(lambda: link.download_range(sha, 0, 10)) == (404, "record.not_found")
    _, supervisor = connect(client, world, "sup_in")
    assert supervisor.download_range(sha, 0, len(data)) == (data, len(data))


def test_ranges_are_served(client, world, store):
    field, link = connect(client, world, "fw_in")
    data = photo(3000)
    _, sha = attach(field, data)
    sync(field, link)
    assert link.download_range(sha, 100, 199) == (data[100:200], 3000)
    assert link.download_range(sha, 2900, 9999) == (data[2900:], 3000)
    assert refused(lambda: link.download_range(sha, 3000, 3100)) == (416, "request.invalid_value")
    whole = client.get(f"/api/v1/blobs/{sha}", headers={
        "Authorization": f"Bearer {link.token}"})
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["ETag"] == f'"{sha}"'


# -- a killed upload --------------------------------------------------------------------
def send_cut_short(app, token: str, sha: str, offset: int, length: int, chunk: bytes,
                   keep: int) -> list[dict]:
    """A PATCH whose client dies after ``keep`` bytes of ``chunk`` (ASGI disconnect)."""
    messages = [{"type": "http.request", "body": chunk[:keep], "more_body": True},
                {"type": "http.disconnect"}]
    answer: list[dict] = []

    async def receive() -> dict:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        answer.append(message)

    path = f"/api/v1/blobs/{sha}"
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "PATCH", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "client": ("127.0.0.1", 50000),
             "server": ("testserver", 80), "headers": [
                 (b"host", b"testserver"), (b"authorization", f"Bearer {token}".encode()),
                 (b"content-type", b"application/octet-stream"),
                 (b"content-length", str(len(chunk)).encode()),
                 (b"upload-offset", str(offset).encode()),
                 (b"upload-length", str(length).encode())]}
    asyncio.run(app(scope, receive, send))
    return answer


def test_a_killed_upload_leaves_no_partial_file(client, world, store):
    field, link = connect(client, world, "fw_in")
    data = photo(2500)
    _, sha = attach(field, data)
    field.blob_state[sha] = "present"  # sent by hand below
    sync(field, link)
    start = send_cut_short(client.app, link.token, sha, 0, len(data), data, 1200)
    assert start[0]["status"] == 400
    assert not store.has(sha) and store.received(sha) == 0
    assert files_in(store) == []
    # after a whole first chunk, a cut second one leaves the first as it was
    assert upload(link, data, chunk=data[:1000]) == {"sha256": sha, "offset": 1000,
                                                     "complete": False}
    send_cut_short(client.app, link.token, sha, 1000, len(data), data[1000:], 700)
    assert store.received(sha) == 1000 and not store.has(sha)
    assert upload(link, data, offset=1000, chunk=data[1000:])["complete"] is True
    assert store.path(sha).read_bytes() == data
    assert files_in(store) == [store.path(sha)]


# -- desktop laptops --------------------------------------------------------------------
@pytest.fixture
def people(database):
    return add_people(database)


def laptop(replica_template, tmp_path, client, people, name: str, owner: str):
    folder = tmp_path / name  # a profile folder of its own: files/ beside the database
    folder.mkdir()
    return open_laptop(replica_template, folder, name, owner, people[owner], client)


def attach_on(lap, data: bytes) -> tuple[str, str]:
    household = lap.replica.save("household", T1, {"moo": 2}).record
    sha = write_file(lap.replica.files_dir, lap.database.key, data)
    lap.replica.save("attachment", T1, {
        "household_id": household.id, "owner_type": "household", "owner_id": household.id,
        "kind": "before", "sha256": sha, "size_bytes": len(data),
        "mime_type": "image/jpeg"}, blob=Blob(sha, len(data), "image/jpeg"))
    return household.id, sha


def blob_states(lap) -> dict[str, str]:
    with lap.database.reader.connect() as connection:
        return dict(connection.execute(select(blobs.c.sha256, blobs.c.state)).all())


def test_a_photo_taken_offline_goes_up_at_the_next_sync_and_reaches_the_coordinator(
        client, world, store, database, people, replica_template, tmp_path):
    field = laptop(replica_template, tmp_path, client, people, "field", "fw_1")
    coordinator = laptop(replica_template, tmp_path, client, people, "coordinator", "co_1")
    try:
        field.adapter.enabled = False
        data = photo(20_000)
        household, sha = attach_on(field, data)  # offline: nothing sent yet
        assert blob_states(field) == {sha: "pending"}
        report = field.sync()
        assert report.statuses == {"applied": 2}
        assert (report.files_sent, report.file_bytes_sent) == (1, len(data))
        assert blob_states(field) == {sha: "present"}
        assert store.path(sha).read_bytes() == data
        with database.reading() as session:
            row = session.execute(select(RECORD_TABLES["attachment"]).where(
                RECORD_TABLES["attachment"].c.sha256 == sha)).one()
        assert row.tambon == T1 and row.household_id == household
        # the coordinator's laptop: the row comes with the pull, the bytes right after
        report = coordinator.sync()
        assert report.pulled == 2 and report.files_received == 1
        assert blob_states(coordinator) == {sha: "present"}
        assert read_file(coordinator.replica.files_dir, coordinator.database.key, sha) == data
        assert coordinator.replica.blobs_to_fetch(after=None, limit=10) == []
        assert field.sync().files_sent == 0 and coordinator.sync().files_received == 0
    finally:
        field.close()
        coordinator.close()


def test_after_a_server_restore_lost_files_are_sent_again(
        client, world, store, database, people, replica_template, tmp_path):
    """A new epoch makes every local blob unconfirmed: the next sync asks the server
    and sends what its files folder lacks."""
    field = laptop(replica_template, tmp_path, client, people, "field", "fw_1")
    try:
        field.adapter.enabled = False
        data = photo()
        _, sha = attach_on(field, data)
        field.sync()
        store.path(sha).unlink()  # the files folder came back older than the rows
        with database.writing() as session:  # restored: a new epoch
            session.execute(update(ServerMeta.__table__).values(epoch=str(uuid.uuid4())))
        report = field.sync()
        assert report.new_epoch and report.files_sent == 1
        assert store.path(sha).read_bytes() == data
        assert blob_states(field) == {sha: "present"}
        # a file the server still holds is confirmed without being sent again
        with database.writing() as session:
            session.execute(update(ServerMeta.__table__).values(epoch=str(uuid.uuid4())))
        report = field.sync()
        assert report.new_epoch and report.files_sent == 0
        assert blob_states(field) == {sha: "present"}
    finally:
        field.close()


# -- desktop profiles through the sync service --------------------------------------------
def profile(client, tmp_path, name: str, key: str):
    service = ProfileService(tmp_path / "profiles", kdf=FAST_KDF)
    service.create_profile(name, "profile password")
    workspace = service.unlock(name, password="profile password")
    syncer = SyncService(workspace, adapter=AppAdapter(client))
    syncer.login("http://testserver", username_of(key), PASSWORD)
    return workspace, syncer


def last_counts(workspace) -> dict:
    """The counts the newest sync-history row holds (what the sync screen shows)."""
    with workspace.database.reader.connect() as connection:
        return connection.execute(select(sync_history.c.counts)
                                  .order_by(sync_history.c.id.desc())).scalars().first()


def pending_photos(workspace) -> int:
    with workspace.database.reader.connect() as connection:
        return len(connection.execute(select(blobs.c.sha256).where(
            blobs.c.state == "pending")).all())


def test_the_sync_history_counts_the_photos_both_ways(client, world, store, tmp_path):
    field, field_sync = profile(client, tmp_path, "field", "fw_in")
    supervisor, supervisor_sync = profile(client, tmp_path, "sup", "sup_in")
    try:
        household = field.save("household", {"moo": 3}, tambon=TAMBON).record
        data = photo(40_000)
        saved = field.attach_file(data, {"household_id": household.id,
                                         "owner_type": "household",
                                         "owner_id": household.id, "kind": "before",
                                         "mime_type": "image/jpeg"})
        sha = saved.record.fields["sha256"]
        assert pending_photos(field) == 1
        outcome = field_sync.run()
        assert outcome.ok, outcome
        assert (outcome.summary["files_sent"], outcome.summary["file_bytes_sent"]) == (
            1, len(data))
        assert last_counts(field)["files_sent"] == 1
        assert pending_photos(field) == 0 and store.path(sha).read_bytes() == data
        outcome = supervisor_sync.run()
        assert outcome.ok and outcome.summary["files_received"] == 1
        assert last_counts(supervisor)["file_bytes_received"] == len(data)
        assert supervisor.read_file(sha) == data  # in the supervisor's own files/ folder
        assert supervisor.replica.files_dir == supervisor.profile.files_dir
    finally:
        field.close()
        supervisor.close()
