"""Moving a household with its subtree to another tambon (SYNC.md "Ops": a move writes
a moved-out marker into the old area's feed and the rows into the new area's), on
SQLite and PostgreSQL, through real laptop replicas (``LocalReplica``) and the
in-memory reference replica.

The people are those of :mod:`tests.server.laptops` (tambons T1 and T2 of district
8001) and one more: ``co_12``, a coordinator of both tambons, who may move between
them.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from desktop.store.errors import StoreError
from desktop.store.schema import household_index
from sync.client.engine import SyncEngine, SyncReport
from sync.client.memory import MemoryReplica
from sync.client.replica import PullPage
from sync.client.transport import Transport
from sync.records.ids import natural_id
from sync.records.ops import Command, OpKind, moved_to
from sync.records.record import Record
from sync.records.registry import record_type
from sync.server.db import Database
from sync.server.models import AppliedOp, MovedOut, RowHistory, User
from tests.server import laptops
from tests.server.asgi_adapter import AppAdapter
from tests.server.laptops import (
    T1,
    T2,
    Laptop,
    ReplicaTemplate,
    acknowledged,
    add_people,
    check_everything,
    live_rows,
    open_laptop,
    replica_records,
    server_records,
    username,
)
from tests.server.test_sync_flow import connect
from tests.server.world import PASSWORD

HOUSEHOLD = {"house_no": "12/3", "moo": 4}


@pytest.fixture
def people(database: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setitem(laptops.PEOPLE, "co_12", ("coordinator", (T1, T2)))
    return add_people(database)


@pytest.fixture
def open_as(client: TestClient, replica_template: ReplicaTemplate, tmp_path, people):
    opened: list[Laptop] = []

    def opener(owner: str, name: str | None = None) -> Laptop:
        laptop = open_laptop(replica_template, tmp_path, name or owner, owner, people[owner],
                             client)
        opened.append(laptop)
        return laptop

    yield opener
    for laptop in opened:
        laptop.close()


def a_household(laptop: Laptop, tambon: str = T1) -> tuple[str, list[str]]:
    """A household with two members, saved on ``laptop``; (household id, member ids)."""
    household = laptop.replica.save("household", tambon, HOUSEHOLD).record
    members = [laptop.replica.save("member", tambon, {"household_id": household.id,
                                                      "given_name": name}).record.id
               for name in ("สมใจ", "มาลี")]
    return household.id, members


def subtree_keys(household_id: str, members: list[str]) -> set[tuple[str, str]]:
    return {("household", household_id)} | {("member", m) for m in members}


def statuses(report: SyncReport) -> dict[str, int]:
    return dict(report.statuses)


def indexed(laptop: Laptop) -> dict[str, str]:
    with laptop.database.reader.connect() as connection:
        return dict(connection.execute(select(household_index.c.household_id,
                                              household_index.c.tambon)).all())


def conflicts_of(database: Database, target_id: str) -> list[dict]:
    return [row["fields"] | {"tambon": row["tambon"]}
            for (type_name, _), row in server_records(database).items()
            if type_name == "conflict" and row["fields"]["target_id"] == target_id]


# -- the move itself ---------------------------------------------------------------------
def test_a_move_reaches_every_replica(open_as, database: Database):
    """A coordinator of both tambons moves a household with two members: the old
    area's replica drops the three rows, the new area's gets them, a replica of both
    holds them once under the new tambon; a field worker's offline edit of a moved
    member and a member it added offline under the old tambon are quarantined for the
    new area's coordinators with their values, and every replica ends equal to the
    server for its areas."""
    field, mover, old_only, new_only, both = (
        open_as("fw_1"), open_as("co_12"), open_as("co_1"), open_as("co_2"), open_as("sup"))
    household, members = a_household(field)
    keys = subtree_keys(household, members)
    assert statuses(field.sync()) == {"applied": 3}
    for laptop in (mover, old_only, new_only, both):
        laptop.sync()
    assert set(live_rows(old_only, "household", "member")) == keys

    # Offline, before the move reaches it: an edit of a member and a new member.
    edit = field.replica.save("member", None, {"given_name": "สมใจใหม่"},
                              record_id=members[0]).op
    added = field.replica.save("member", T1, {"household_id": household,
                                              "given_name": "บุญมี"}).op

    move = mover.replica.move_household(household, T2, role="coordinator", comment="ย้ายบ้าน")
    assert move.kind == OpKind.COMMAND and move.command.args == {"tambon": T2}
    assert set(move.command.versions) == {household, *members}
    assert statuses(mover.sync()) == {"applied": 1}
    assert live_rows(mover, "household", "member") == {key: T2 for key in keys}

    old_only.sync()
    assert not set(replica_records(old_only)) & keys
    assert household not in indexed(old_only)
    new_only.sync()
    assert live_rows(new_only, "household", "member") == {key: T2 for key in keys}
    assert indexed(new_only)[household] == T2
    both.sync()
    assert {k: v for k, v in live_rows(both, "household", "member").items() if k in keys} \
        == {key: T2 for key in keys}
    assert indexed(both)[household] == T2

    # The field worker's offline ops reach the server after the move: kept as
    # conflicts of the new area, never applied to the wrong area nor dropped.
    report = field.sync()
    assert statuses(report) == {"quarantined": 2}
    acked = acknowledged(field)
    assert acked[edit.op_id][0] == acked[added.op_id][0] == "quarantined"
    assert not set(replica_records(field)) & (keys | {("member", added.id)})
    assert household not in indexed(field)
    [kept] = conflicts_of(database, members[0])
    assert (kept["tambon"], kept["reason"], kept["status"], kept["group"]) == (
        T2, "moved", "open", "*")
    assert kept["proposals"][0]["fields"] == {"given_name": "สมใจใหม่"}
    [new_child] = conflicts_of(database, added.id)
    assert new_child["tambon"] == T2 and new_child["household_id"] == household
    assert new_child["proposals"][0]["fields"] == dict(added.fields)
    assert ("member", added.id) not in server_records(database)

    # The new area's coordinator sees the conflicts, and the badge on the member.
    new_only.sync()
    held = replica_records(new_only)
    assert held[("member", members[0])]["conflict"]
    assert {row["fields"]["target_id"] for (t, _), row in held.items() if t == "conflict"} \
        >= {members[0], added.id}

    everyone = [field, mover, old_only, new_only, both]
    for laptop in everyone:
        laptop.sync()
    counts = check_everything(everyone, database)
    assert counts["quarantined"] == 2


def test_the_server_moves_the_subtree_in_one_step(open_as, database: Database):
    """Every row of the household — its members, repair project and items, consent,
    tombstones, its review events and conflicts — takes the new tambon, a new version
    and a new seq, after one marker per row in the old tambon's feed; the markers carry
    no personal data; the household's village is the new tambon's of the same moo."""
    mover, other = open_as("co_12"), open_as("sup")
    village = natural_id(record_type("village"), T1, {"moo": 4})
    household = mover.replica.save("household", T1, {
        **HOUSEHOLD, "village_id": village, "land_tenure": "title_deed",
        "structure_type": "wood"}).record
    member = mover.replica.save("member", T1, {
        "household_id": household.id, "given_name": "สมใจ", "family_name": "ใจดี",
        "sex": "1", "birth_date": "1950", "relation_to_head": "head",
        "national_id_missing_reason": "no_status"}).record
    gone = mover.replica.save("member", T1, {"household_id": household.id,
                                             "given_name": "ลบ"}).record
    project = mover.replica.save("repair_project", T1, {
        "household_id": household.id, "programme": "baan_por_piang",
        "fiscal_year": 2569}).record
    mover.replica.save("repair_item", T1, {"household_id": household.id,
                                           "project_id": project.id, "category": "roof",
                                           "description": "เปลี่ยนหลังคา"})
    mover.sync()
    other.sync()
    mover.replica.delete("member", gone.id)
    mover.replica.command("repair_project", project.id, "submit", role="coordinator")
    mover.replica.save("member", None, {"family_name": "ใจงาม"}, record_id=member.id)
    other.replica.save("member", None, {"family_name": "ใจเย็น"}, record_id=member.id)
    mover.sync()
    assert statuses(other.sync()) == {"conflict": 1}
    mover.sync()
    before = server_records(database)
    moving = {key for key, row in before.items()
              if household.id in (row["id"], row["fields"].get("household_id"))}
    assert {t for t, _ in moving} == {"household", "member", "repair_project", "repair_item",
                                      "review_event", "conflict"}

    mover.replica.move_household(household.id, T2, role="coordinator")
    assert statuses(mover.sync()) == {"applied": 1}
    after = server_records(database)
    with database.reading() as session:
        markers = {(m.record_type, m.record_id): m
                   for m in session.execute(select(MovedOut)).scalars()}
        move_seqs = {(h.record_type, h.record_id): (h.seq, h.tambon, h.changed)
                     for h in session.execute(select(RowHistory)).scalars()
                     if (h.record_type, h.record_id) in moving
                     and h.version == after[(h.record_type, h.record_id)]["version"]}
    assert set(markers) == moving
    first_row_seq = min(seq for seq, _, _ in move_seqs.values())
    for key in moving:
        row, old = after[key], before[key]
        assert row["tambon"] == T2 and row["deleted"] == old["deleted"]
        assert row["version"] == old["version"] + 1 and row["seq"] > old["seq"]
        marker = markers[key]
        assert (marker.old_tambon, marker.new_tambon, marker.version) == (T1, T2,
                                                                          row["version"])
        assert marker.seq < first_row_seq  # markers first, then the rows
        assert move_seqs[key][1] == T2
    assert after[("household", household.id)]["fields"]["village_id"] == natural_id(
        record_type("village"), T2, {"moo": 4})
    assert after[("member", gone.id)]["deleted"]
    events = [r for (t, _), r in after.items() if t == "review_event"]
    [moved] = [e for e in events if e["fields"]["command"] == "move"]
    assert moved["tambon"] == T2 and moved["fields"]["household_id"] == household.id
    assert (moved["fields"]["from_state"], moved["fields"]["to_state"]) == (T1, T2)

    # The old tambon's feed: a marker per row, nothing personal.
    page = mover.transport.pull({T1: 0}, 1000)
    served = {(r["type"], r["id"]): r for r in page["records"]}
    assert set(served) == moving
    for record in served.values():
        assert record["tambon"] == T1 and record["deleted"] and record["fields"] == {}
        assert record["extra"] == {"moved_to": T2}
        assert record["updated_by"] is None and record["hlc"] is None
        assert moved_to(Record.from_json(record)) == T2
    assert member.id in {i for _, i in served}


def test_moving_back_and_forth_converges(open_as, database: Database):
    mover, old_only, new_only = open_as("co_12"), open_as("co_1"), open_as("co_2")
    household, members = a_household(mover)
    for laptop in (mover, old_only, new_only):
        laptop.sync()
    for target in (T2, T1, T2, T1):
        mover.replica.move_household(household, target, role="coordinator")
        assert statuses(mover.sync()) == {"applied": 1}, target
        old_only.sync()
    new_only.sync()
    keys = subtree_keys(household, members)
    assert live_rows(old_only, "household", "member") == {key: T1 for key in keys}
    assert not set(replica_records(new_only)) & keys
    with database.reading() as session:  # a move back takes the row out of the markers
        assert {m.old_tambon for m in session.execute(select(MovedOut)).scalars()} == {T2}
    check_everything([mover, old_only, new_only], database)


# -- who may move, and when --------------------------------------------------------------
def test_a_move_to_a_tambon_the_author_may_not_write_is_quarantined(open_as, client,
                                                                   database: Database):
    """The laptop refuses it at once; an op that reaches the server anyway (made by
    another client) is quarantined: the household stays, a conflict of group ``move``
    waits for the old area's coordinators."""
    field, old_coordinator = open_as("fw_1"), open_as("co_1")
    household, members = a_household(field)
    field.sync()
    old_coordinator.sync()
    with pytest.raises(StoreError) as refused:
        old_coordinator.replica.move_household(household, T2, role="coordinator")
    assert refused.value.issue.code == "scope.out_of_area"
    assert old_coordinator.replica.pending_ops(limit=1) == []

    replica, link = memory_replica(client, "co_1", old_coordinator.user_id)
    sync(replica, link)
    replica.move_household(household, T2)
    assert statuses(sync(replica, link)) == {"quarantined": 1}
    rows = server_records(database)
    assert rows[("household", household)]["tambon"] == T1
    assert rows[("household", household)]["conflict"]
    assert all(rows[("member", m)]["tambon"] == T1 for m in members)
    [kept] = conflicts_of(database, household)
    assert (kept["group"], kept["reason"], kept["tambon"]) == ("move", "move_out_of_area", T1)
    assert kept["current"] == {"tambon": T1}
    assert kept["proposals"][0]["fields"]["command"]["args"] == {"tambon": T2}
    with database.reading() as session:
        assert session.execute(select(MovedOut)).first() is None


def test_a_stale_move_is_a_conflict(open_as, database: Database):
    """A member changed after the mover looked: the move becomes a conflict, nothing
    moves."""
    field, mover = open_as("fw_1"), open_as("co_12")
    household, members = a_household(field)
    field.sync()
    mover.sync()
    field.replica.save("member", None, {"given_name": "ใหม่"}, record_id=members[1])
    field.sync()
    mover.replica.move_household(household, T2, role="coordinator")  # names version 1
    assert statuses(mover.sync()) == {"conflict": 1}
    rows = server_records(database)
    assert {rows[k]["tambon"] for k in subtree_keys(household, members)} == {T1}
    [kept] = conflicts_of(database, household)
    assert (kept["group"], kept["reason"], kept["tambon"]) == ("move", "stale_move", T1)
    mover.sync()  # the coordinator looks again and moves what they now see
    mover.replica.move_household(household, T2, role="coordinator")
    assert statuses(mover.sync()) == {"applied": 1}
    assert server_records(database)[("member", members[1])]["tambon"] == T2


def test_who_may_move_what(client, world, database: Database):
    """Only a household moves; never to its own tambon nor to a tambon that does not
    exist — each refusal named, returned as a draft.  A field worker's move (a role
    that may not move) is kept whole for the tambon's coordinators, like any op its
    author's role or areas no longer allow."""
    field, field_link = connect_world(client, world, "fw_in")
    household = field.save("household", "800102", HOUSEHOLD)
    member = field.save("member", "800102", {"household_id": household.id,
                                             "given_name": "สมใจ"})
    sync(field, field_link)
    sup, sup_link = connect_world(client, world, "sup_in")
    sync(sup, sup_link)
    field.move_household(household.id, "800101")
    sup.command("member", member.id, Command("move", {}, None, {"tambon": "800101"}))
    sup.move_household(household.id, "800102")
    sup.move_household(household.id, "800199")  # six digits, but no such tambon
    sup.command("household", household.id, Command("move", {}, None, {"tambon": "8001"}))
    sup.command("household", household.id,
                Command("move", {}, None, {"tambon": "800101", "moo": 3}))
    report = sync(field, field_link)
    assert report.statuses == {"quarantined": 1} and report.rejected == []
    report = sync(sup, sup_link)
    assert [e.code for _, e in report.rejected] == [
        "workflow.unknown_command", "move.same_tambon", "tambon.invalid", "tambon.invalid",
        "op.malformed"]
    assert len(field.drafts) == 0 and len(sup.drafts) == 5
    conflict = next(v for k, v in server_records(database).items() if k[0] == "conflict")
    assert (conflict["fields"]["group"], conflict["fields"]["reason"]) == ("move", "role_forbidden")
    assert server_records(database)[("household", household.id)]["tambon"] == "800102"


# -- replicas: order, late pages, pending edits -----------------------------------------
def test_marker_and_row_in_either_order(open_as, client, database: Database):
    """A replica of both tambons may get the row under its new tambon before or after
    the marker of the old one (pages of areas with other checkpoints): it ends with the
    row under the new tambon either way, and a late copy from before the move (a page
    repeated, a bundle) never brings the row back to the old tambon."""
    mover = open_as("co_12")
    household, members = a_household(mover)
    mover.sync()
    replicas = {order: memory_replica(client, "co_12", mover.user_id)
                for order in ("row first", "marker first")}
    before = {}
    for order, (replica, link) in replicas.items():
        before[order] = pull_page(link, {T1: 0, T2: 0})
        replica.apply_pull_page(before[order])
    mover.replica.move_household(household, T2, role="coordinator")
    mover.sync()
    keys = subtree_keys(household, members)
    for order, (replica, link) in replicas.items():
        cut = before[order].checkpoints[T1]
        areas = [T2, T1] if order == "row first" else [T1, T2]
        for area in areas:
            replica.apply_pull_page(pull_page(link, {area: cut}))
        assert {key: replica.rows[key].tambon for key in keys} == {k: T2 for k in keys}, order
        replica.apply_pull_page(before[order])  # late: the copy from before the move
        assert {key: replica.rows[key].tambon for key in keys} == {k: T2 for k in keys}, order


def test_an_old_areas_replica_never_takes_a_pre_move_copy_again(open_as, client,
                                                               database: Database):
    old_only = open_as("co_1")
    mover = open_as("co_12")
    household, members = a_household(mover)
    mover.sync()
    old_only.sync()
    early = pull_page(old_only.transport, {T1: 0})
    mover.replica.move_household(household, T2, role="coordinator")
    mover.sync()
    old_only.sync()
    keys = subtree_keys(household, members)
    assert not set(replica_records(old_only)) & keys
    old_only.replica.apply_pull_page(early)  # a page repeated late
    assert not set(replica_records(old_only)) & keys
    assert household not in indexed(old_only)


@pytest.mark.parametrize("kind", ["memory", "laptop"])
def test_a_pending_edit_keeps_its_row_until_the_server_has_it(open_as, client,
                                                              database: Database, kind):
    """The marker arrives while an edit of the moved member still waits (a pull
    without a push before it): the row stays with the edit on it; the edit goes to the
    server, which quarantines it, and only then does the row go."""
    mover = open_as("co_12")
    household, members = a_household(mover)
    mover.sync()
    if kind == "laptop":
        laptop = open_as("fw_1")
        replica, link = laptop.replica, laptop.transport
        draft = "member-form"
    else:
        replica, link = memory_replica(client, "fw_1", laptops_user(database, "fw_1"))
        draft = None
    sync(replica, link)
    replica.save("member", T1, {"given_name": "แก้แล้ว"}, record_id=members[0])
    if draft:
        replica.autosave(draft, "member", {"given_name": "ยังพิมพ์อยู่"}, record_id=members[1],
                         tambon=T1)
    mover.replica.move_household(household, T2, role="coordinator")
    mover.sync()

    engine = SyncEngine(replica, link)
    report = SyncReport()
    engine.pull(report, engine.hello(report))  # the marker, before the edit is pushed
    shown = see(replica, "member", members[0])
    assert shown is not None and shown.fields["given_name"] == "แก้แล้ว"
    assert see(replica, "member", members[1]) is None
    assert see(replica, "household", household) is None
    report = SyncEngine(replica, link).run()
    assert statuses(report) == {"quarantined": 1}
    assert see(replica, "member", members[0]) is None
    [kept] = conflicts_of(database, members[0])
    assert kept["tambon"] == T2 and kept["proposals"][0]["fields"] == {"given_name": "แก้แล้ว"}
    if draft:
        assert [d["draft_id"] for d in replica.drafts()] == [draft]  # the user's own draft
        mover.sync()
        check_everything([laptop, mover], database)


def test_a_pending_edit_by_someone_who_may_write_the_new_tambon_applies_there(
        open_as, database: Database):
    """A supervisor of both tambons edited the member offline before the move reached
    the laptop: the edit is judged where the row now is, and applies."""
    sup, mover = open_as("sup"), open_as("co_12")
    household, members = a_household(mover)
    mover.sync()
    sup.sync()
    sup.replica.save("member", None, {"occupation": "ทำสวน"}, record_id=members[0])
    mover.replica.move_household(household, T2, role="coordinator")
    mover.sync()
    assert statuses(sup.sync()) == {"merged": 1}
    row = server_records(database)[("member", members[0])]
    assert row["tambon"] == T2 and row["fields"]["occupation"] == "ทำสวน"
    mover.sync()
    check_everything([sup, mover], database)


def test_edits_of_a_member_added_offline_under_a_household_that_moved(
        open_as, database: Database):
    """A supervisor adds a member to a household offline and edits it twice, while the
    household moves to the other tambon: the new member is stored where its household
    now is (it was never in the old tambon), and its later edits, which still name the
    old tambon, are judged there too — not refused as a client's bug (found by the
    state machine)."""
    sup, mover = open_as("sup"), open_as("co_12")
    household, _ = a_household(mover)
    mover.sync()
    sup.sync()
    added = sup.replica.save("member", T1, {"household_id": household, "given_name": "บุญมี"})
    sup.replica.save("member", None, {"occupation": "รับจ้าง"}, record_id=added.record.id)
    sup.replica.save("member", None, {"relation_to_head": "child"}, record_id=added.record.id)
    mover.replica.move_household(household, T2, role="coordinator")
    mover.sync()
    assert statuses(sup.sync()) == {"applied": 1, "merged": 2}  # the edits had no base yet
    row = server_records(database)[("member", added.record.id)]
    assert row["tambon"] == T2
    assert (row["fields"]["occupation"], row["fields"]["relation_to_head"]) == ("รับจ้าง",
                                                                                 "child")
    mover.sync()
    check_everything([sup, mover], database)


def test_an_ordinary_edit_changing_the_tambon_is_still_refused(open_as, client,
                                                              database: Database):
    """An op naming another tambon than the row's, which the row never left, is a
    client's bug: rejected with ``scope.tambon_changed``, as before."""
    mover = open_as("co_12")
    household, _ = a_household(mover)
    mover.sync()
    replica, link = memory_replica(client, "co_12", mover.user_id)
    sync(replica, link)
    replica.save("household", T2, {"notes": "ผิดตำบล"}, record_id=household)
    report = sync(replica, link)
    assert [e.code for _, e in report.rejected] == ["scope.tambon_changed"]
    with database.reading() as session:
        codes = [a.error["code"] for a in session.execute(select(AppliedOp)).scalars()
                 if a.error]
    assert codes == ["scope.tambon_changed"]


# -- helpers ---------------------------------------------------------------------------
def see(replica, type_name: str, record_id: str) -> Record | None:
    if isinstance(replica, MemoryReplica):
        return replica.view(type_name, record_id)
    return replica.get(type_name, record_id)


def memory_replica(client: TestClient, owner: str, user_id: str):
    """An in-memory replica of a :mod:`tests.server.laptops` person, logged in."""
    replica = MemoryReplica(author=user_id)
    link = Transport("http://testserver", adapter=AppAdapter(client), retries=0)
    link.login({"username": username(owner), "password": PASSWORD,
                "device_id": replica.device_id, "device_name": "memory",
                "public_keys": {"ed25519": replica.key.public_key(),
                                "x25519": replica.key.public_key()}})
    return replica, link


def connect_world(client, world, key: str):
    return connect(client, world, key)


def laptops_user(database: Database, owner: str) -> str:
    with database.reading() as session:
        return session.execute(select(User.id).where(User.username == username(owner))).scalar_one()


def sync(replica, link) -> SyncReport:
    return SyncEngine(replica, link).run()


def pull_page(link: Transport, checkpoints: dict[str, int]) -> PullPage:
    answer = link.pull(checkpoints, 1000)
    return PullPage(tuple(Record.from_json(r) for r in answer["records"]),
                    answer["checkpoints"], answer["more"], answer["server_epoch"],
                    tuple(answer.get("removed_areas") or ()))

