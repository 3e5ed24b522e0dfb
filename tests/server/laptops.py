"""Real laptop replicas syncing with the in-process server, and the checks of SYNC.md
"What proves it" (used by the state machine and the fault-injection test).

- **Replicas**: :class:`desktop.store.replica.LocalReplica` on their own encrypted
  database files, each a *copy* of one migrated template made once per session
  (copied before its first open: the device identity is made on first open, for the
  device id the laptop is given).
- **People**: users of each role on two tambons of district 8001, written here by
  hand with what each may read (the oracle), never computed by the server's scopes.
- **Laptops** log in through the API with their replica's public keys, and talk to
  the app through the real transport, a :class:`FaultyAdapter` and the TestClient.
- **Checks** when everything has settled: each replica equals the server for the
  areas its user may read (and holds nothing else); every op any replica made is in
  ``applied_ops`` once, with the status the replica recorded; each op's values are in
  the row's history, in a conflict's proposals, or lost an ``auto`` merge to a higher
  ``(hlc, device_id)``; replaying any push or pull changes nothing; outboxes are
  empty; ``PRAGMA integrity_check`` is ok on every file.
"""

from __future__ import annotations

import shutil
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from desktop.store import crypto
from desktop.store.engine import Database as ReplicaDatabase
from desktop.store.engine import open_database
from desktop.store.replica import LocalReplica
from desktop.store.schema import RECORDS, acked_ops, checkpoints, drafts, outbox
from sync.client.engine import SyncEngine, SyncReport
from sync.client.replica import PullPage
from sync.client.transport import Transport, TransportError
from sync.records.fields import Policy
from sync.records.hlc import Hlc, clamp
from sync.records.ids import new_id, op_derived_id
from sync.records.ops import Op, OpKind, SignedOp
from sync.records.record import Record
from sync.records.registry import record_type
from sync.records.tables import row_record
from sync.records.workflow import MOVE, WORKFLOWS
from sync.server.db import Database
from sync.server.merge import groups_of
from sync.server.models import (
    RECORD_TABLES,
    AppliedOp,
    RowHistory,
    SyncCounter,
    User,
    UserArea,
    utcnow,
)
from tests.server.asgi_adapter import AppAdapter
from tests.server.faults import FaultyAdapter
from tests.server.world import PASSWORD, password_hash

T1, T2 = "800101", "800102"  # two tambons of district 8001 (Mueang Nakhon Si Thammarat)
FAR = "800201"  # a tambon of district 8002: nobody here may read it

# key -> (role, areas): who each person is and where they work, as the accounts were
# made.  What a person may read (the oracle, :func:`reads`) is written here by hand,
# never computed by the server's scopes.  A test that changes a person's role or areas
# on the server gives its laptops a changed copy (``Laptop.people``).
Person = tuple[str, tuple[str, ...]]
PEOPLE: dict[str, Person] = {
    "fw_1": ("field_worker", (T1,)),
    "co_2": ("coordinator", (T2,)),
    "sup": ("supervisor", ("8001",)),
    "fw_2": ("field_worker", (T2,)),
    "co_1": ("coordinator", (T1,)),
}
# The laptops, in the order a test with n laptops takes them: each role and both
# tambons in the first three; the sixth is a second laptop of fw_1 (same author,
# another device).
LAPTOP_OWNERS = ("fw_1", "co_2", "sup", "fw_2", "co_1", "fw_1")
WRITES = {"fw_1": (T1,), "co_2": (T2,), "sup": (T1, T2), "fw_2": (T2,), "co_1": (T1,)}


def reads(areas: Iterable[str], tambon: str | None) -> bool:
    """May someone given ``areas`` (tambon or district codes) read a row of ``tambon``?
    Rows of no tambon (programme settings) are everyone's."""
    return tambon is None or any(tambon.startswith(code) for code in areas)


def writable(areas: Iterable[str]) -> tuple[str, ...]:
    """The tambons of this test (:data:`T1`, :data:`T2`) that ``areas`` cover."""
    return tuple(t for t in (T1, T2) if reads(areas, t))


def add_people(database: Database) -> dict[str, str]:
    """The users of :data:`PEOPLE` (no devices: laptops log in); key -> user id."""
    ids, users, areas, now = {}, [], [], utcnow()
    for key, (role, codes) in PEOPLE.items():
        ids[key] = str(uuid.uuid4())
        users.append(User(id=ids[key], username=username(key), name=f"ชื่อ {key}", role=role,
                          password_hash=password_hash(), active=True, created_at=now,
                          updated_at=now))
        areas += [UserArea(user_id=ids[key], code=code) for code in codes]
    with database.writing() as session:
        session.add_all(users)
        session.flush()
        session.add_all(areas)
    return ids


def username(key: str) -> str:
    return "laptop-" + key.replace("_", "-")


# -- replicas -------------------------------------------------------------------------
@dataclass(frozen=True)
class ReplicaTemplate:
    """A migrated, never opened-as-a-replica database file and its key."""

    path: Path
    key: bytes


def make_replica_template(folder: Path) -> ReplicaTemplate:
    folder.mkdir(parents=True, exist_ok=True)
    key = crypto.new_database_key()
    path = folder / "template.db"
    open_database(path, key).close()  # migrated; the WAL is folded in on the last close
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    return ReplicaTemplate(path, key)


@dataclass
class Laptop:
    name: str
    owner: str  # a key of PEOPLE
    user_id: str
    replica: LocalReplica
    database: ReplicaDatabase
    adapter: FaultyAdapter
    transport: Transport
    pull_limit: int = 1000
    push_batch: int = 500
    server_key: str | None = None  # from login: the engine checks every ack_sig
    people: dict[str, Person] = field(default_factory=lambda: dict(PEOPLE))

    @property
    def role(self) -> str:
        """The owner's role on the server now (the oracle; the laptop learns it at
        its next hello)."""
        return self.people[self.owner][0]

    @property
    def known_role(self) -> str:
        """The role the laptop believes its user has: the last hello's, or the one the
        account was made with before any hello."""
        return self.replica.server_state().role or PEOPLE[self.owner][0]

    @property
    def known_tambons(self) -> tuple[str, ...]:
        """The tambons the laptop believes its user may write (the last hello's areas)."""
        areas = self.replica.server_state().areas or PEOPLE[self.owner][1]
        return writable(areas)

    def __repr__(self) -> str:  # what a failing example prints
        return f"Laptop({self.name!r})"

    def may_read(self, tambon: str | None) -> bool:
        return reads(self.people[self.owner][1], tambon)

    def engine(self, replica: Any = None) -> SyncEngine:
        return SyncEngine(replica or self.replica, self.transport, pull_limit=self.pull_limit,
                          push_batch=self.push_batch, server_key=self.server_key)

    def sync(self) -> SyncReport:
        return self.engine().run()

    def close(self) -> None:
        self.database.close()


def open_laptop(template: ReplicaTemplate, folder: Path, name: str, owner: str,
                user_id: str, client: TestClient, *, retries: int = 0,
                pull_limit: int = 1000, push_batch: int = 500,
                adapter: FaultyAdapter | None = None,
                people: dict[str, Person] | None = None) -> Laptop:
    """A copy of the template opened as a new device of ``owner``, logged in
    (``people``: the roster the test changes, shared by its laptops)."""
    path = folder / f"{name}.db"
    shutil.copyfile(template.path, path)
    database = open_database(path, template.key, migrate=False)
    replica = LocalReplica(database, device_id=new_id())
    adapter = adapter or FaultyAdapter(AppAdapter(client))
    transport = Transport("http://testserver", adapter=adapter, retries=retries,
                          backoff=0.0, sleep=lambda seconds: None)
    enabled, adapter.enabled = adapter.enabled, False  # log in on a clean line
    try:
        answer = transport.login({"username": username(owner), "password": PASSWORD,
                         "device_id": replica.device_id, "device_name": name,
                         "public_keys": replica.identity.public_keys()})
    finally:
        adapter.enabled = enabled
    replica.set_user(user_id)
    return Laptop(name, owner, user_id, replica, database, adapter, transport, pull_limit,
                  push_batch, answer["server_key"],
                  people if people is not None else dict(PEOPLE))


# -- reading both sides ---------------------------------------------------------------
Key = tuple[str, str]


def replica_records(laptop: Laptop) -> dict[Key, dict[str, Any]]:
    found = {}
    with laptop.database.reader.connect() as connection:
        for name, table in RECORDS.items():
            for row in connection.execute(select(table)):
                found[(name, row.id)] = row_record(name, row).to_json()
    return found


def live_rows(laptop: Laptop, *types: str) -> dict[Key, str | None]:
    """(type, id) -> tambon of the rows of ``types`` the laptop shows, not deleted."""
    found = {}
    with laptop.database.reader.connect() as connection:
        for name in types:
            table = RECORDS[name]
            for row in connection.execute(select(table.c.id, table.c.tambon).where(
                    table.c.deleted.is_(False))):
                found[(name, row.id)] = row.tambon
    return found


def server_records(database: Database) -> dict[Key, dict[str, Any]]:
    found = {}
    with database.reading() as session:
        for name, table in RECORD_TABLES.items():
            for row in session.execute(select(table)):
                found[(name, row.id)] = row_record(name, row).to_json()
    return found


def visible_to(laptop: Laptop, records: dict[Key, dict[str, Any]]) -> dict[Key, dict[str, Any]]:
    """What the laptop's user may hold of ``records`` (conflicts: not field workers)."""
    return {key: row for key, row in records.items() if laptop.may_read(row["tambon"])
            and not (key[0] == "conflict" and laptop.role == "field_worker")}


def local_state(laptop: Laptop) -> dict[str, Any]:
    """Everything of the replica a sync may change (rows, outbox, acks, checkpoints)."""
    with laptop.database.reader.connect() as connection:
        return {"records": replica_records(laptop),
                "outbox": sorted(r.op_id for r in connection.execute(select(outbox))),
                "acked": sorted((r.op_id, r.status) for r in connection.execute(select(acked_ops))),
                "checkpoints": dict(connection.execute(select(checkpoints.c.area,
                                                              checkpoints.c.seq)).all())}


def server_state(database: Database) -> dict[str, Any]:
    """Everything of the server a push may change."""
    with database.reading() as session:
        return {"records": server_records(database),
                "applied": sorted((r.op_id, r.status, r.version)
                                  for r in session.execute(select(AppliedOp)).scalars()),
                "history": session.execute(select(func.count()).select_from(RowHistory)).scalar(),
                "counter": session.execute(select(SyncCounter.seq)).scalar()}


# -- settling -------------------------------------------------------------------------
def settle(laptops: Iterable[Laptop], *, rounds: int = 12) -> int:
    """Sync every laptop in turn until a whole round sends and receives nothing;
    returns the rounds it took.  Failed syncs (faults) make a round not quiet."""
    laptops = list(laptops)
    for round_no in range(1, rounds + 1):
        quiet = True
        for laptop in laptops:
            try:
                report = laptop.sync()
            except TransportError:
                quiet = False
                continue
            quiet = quiet and not report.pushed and not report.pulled
        if quiet:
            return round_no
    raise AssertionError(f"no quiet round after {rounds} rounds of sync")


# -- the checks -----------------------------------------------------------------------
def check_converged(laptops: Iterable[Laptop], database: Database) -> None:
    """Each replica equals the server for the areas its user may read, holds nothing
    else, and has an empty outbox."""
    server = server_records(database)
    for laptop in laptops:
        held = replica_records(laptop)
        foreign = sorted(k for k, row in held.items() if not laptop.may_read(row["tambon"])
                         or (k[0] == "conflict" and laptop.role == "field_worker"))
        assert not foreign, f"{laptop.name} holds rows it may not see: {foreign}"
        expected = visible_to(laptop, server)
        missing = sorted(set(expected) - set(held))
        extra = sorted(set(held) - set(expected))
        differ = {k: (held[k], expected[k]) for k in set(held) & set(expected)
                  if held[k] != expected[k]}
        assert not missing and not extra and not differ, (
            f"{laptop.name} differs from the server: missing {missing}, extra {extra}, "
            f"different {differ}")
        assert laptop.replica.pending_ops(limit=1) == [], f"{laptop.name}: outbox not empty"


def acknowledged(laptop: Laptop) -> dict[str, tuple[str, Op]]:
    with laptop.database.reader.connect() as connection:
        return {row.op_id: (row.status, SignedOp(row.op, row.sig).parse())
                for row in connection.execute(select(acked_ops))}


def rejected_drafts(laptop: Laptop) -> set[str]:
    with laptop.database.reader.connect() as connection:
        return {row.op_id for row in connection.execute(
            select(drafts.c.op_id).where(drafts.c.origin == "rejected"))}


def check_ops(laptops: Iterable[Laptop], database: Database,
              made: Iterable[str] | None = None) -> dict[str, int]:
    """Every op a laptop made is in ``applied_ops`` exactly once, final, with the status
    the laptop recorded; no op is there that no laptop made; each op's values are in
    the row's history or a conflict's proposals, or lost an auto merge.  Returns the
    number of ops per status."""
    laptops = list(laptops)
    ops: dict[str, Op] = {}
    statuses: dict[str, str] = {}
    for laptop in laptops:
        drafted = rejected_drafts(laptop)
        for op_id, (status, op) in acknowledged(laptop).items():
            assert op_id not in ops, f"op {op_id} acknowledged on two laptops"
            ops[op_id], statuses[op_id] = op, status
            if status == "rejected":
                assert op_id in drafted, f"{laptop.name}: rejected op {op_id} left no draft"
    if made is not None:
        made = set(made)
        assert set(ops) == made, (f"ops made but not acknowledged: {sorted(made - set(ops))}; "
                                  f"acknowledged but never made: {sorted(set(ops) - made)}")
    with database.reading() as session:
        applied = {r.op_id: r for r in session.execute(select(AppliedOp)).scalars()}
        history = list(session.execute(select(RowHistory).order_by(
            RowHistory.record_type, RowHistory.record_id, RowHistory.version)).scalars())
    assert set(applied) == set(ops), (
        f"applied_ops without a laptop's op: {sorted(set(applied) - set(ops))}; "
        f"laptop ops not in applied_ops: {sorted(set(ops) - set(applied))}")
    counts: dict[str, int] = defaultdict(int)
    for op_id, op in ops.items():
        assert applied[op_id].status == statuses[op_id], (
            f"op {op_id}: server says {applied[op_id].status}, laptop {statuses[op_id]}")
        error = applied[op_id].error
        counts[statuses[op_id] + (f" ({error['code']})" if error else "")] += 1
    records = server_records(database)
    _check_values(ops, applied, history, records)
    _check_review_events(ops, applied, history, records)
    return dict(counts)


def _states(history: list[RowHistory]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """The fields (and extra) of every row at every version, folded from the history."""
    states: dict[tuple[str, str, int], dict[str, Any]] = {}
    current: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in history:
        row = current.setdefault((entry.record_type, entry.record_id), {})
        for name, value in entry.changed.items():
            if value is None:
                row.pop(name, None)
            else:
                row[name] = value
        states[(entry.record_type, entry.record_id, entry.version)] = dict(row)
    return states


def _holds(value: Any, state: dict[str, Any], name: str) -> bool:
    if value is None:
        return name not in state
    if isinstance(value, dict) and set(value) <= {"add", "remove"}:
        now = set(state.get(name) or ())
        return set(value.get("add") or ()) <= now and not set(value.get("remove") or ()) & now
    if isinstance(value, list):
        return sorted(value) == sorted(state.get(name) or ())
    return state.get(name) == value


def _check_values(ops: dict[str, Op], applied: dict[str, AppliedOp],
                  history: list[RowHistory], records: dict[Key, dict[str, Any]]) -> None:
    states = _states(history)
    _check_authorship(history, applied, records)
    by_op: dict[tuple[str, str, str], list[RowHistory]] = defaultdict(list)
    for entry in history:
        if entry.op_id:
            by_op[(entry.op_id, entry.record_type, entry.record_id)].append(entry)
    for key, entries in by_op.items():
        assert len(entries) == 1, f"op {key[0]} wrote {key[1]} {key[2]} {len(entries)} times"
    proposed: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (type_name, _), row in records.items():
        if type_name == "conflict":
            for offered in row["fields"].get("proposals") or ():
                proposed[offered["op_id"]].append(row["fields"])
    for op_id, op in ops.items():
        result = applied[op_id]
        where = f"op {op_id} ({op.kind} {op.type} {op.id}, {result.status})"
        assert len(proposed[op_id]) == len({c["group"] for c in proposed[op_id]}), \
            f"{where}: proposed twice in one conflict group"
        if result.status == "rejected":
            continue
        in_conflict = {c["group"]: p["fields"] for c in proposed[op_id]
                       for p in c["proposals"] if p["op_id"] == op_id}
        if result.status in ("conflict", "quarantined") and "*" in in_conflict:
            assert in_conflict["*"] == ({"deleted": True} if op.kind == OpKind.DELETE
                                        else op.fields), f"{where}: proposal differs"
            continue
        if op.kind == OpKind.DELETE:
            assert result.status == "applied", where
            assert records[(op.type, op.id)]["deleted"], f"{where}: the row is not deleted"
            continue
        if op.kind == OpKind.COMMAND:
            if result.status in NOTHING_APPLIED:  # kept whole in the command's own group
                group = "move" if op.command and op.command.name == MOVE.command else "workflow"
                assert in_conflict == {group: {"command": op.command.to_json()}}, \
                    f"{where}: kept as {in_conflict}"
            continue
        entry = by_op.get((op_id, op.type, op.id))
        state = states[(op.type, op.id, entry[0].version)] if entry else None
        rtype = record_type(op.type)
        for group, offered in groups_of(rtype, op.fields).items():
            if group in in_conflict:
                assert in_conflict[group] == offered, f"{where}: group {group} proposal differs"
            elif group in (result.conflict_fields or ()):
                assert rtype.group(group).policy == Policy.AUTO, \
                    f"{where}: group {group} neither applied nor in a conflict"
                assert _lost_to_higher(op, group, history, result), \
                    f"{where}: group {group} lost to no higher (hlc, device)"
            else:
                assert state is not None, f"{where}: group {group} applied but no history"
                wrong = {name: (value, state.get(name)) for name, value in offered.items()
                         if not _holds(value, state, name)}
                assert not wrong, f"{where}: values not in the row's version: {wrong}"


REOPEN = "reopen"  # the review event of a change that sent an approved case back


def _check_review_events(ops: dict[str, Op], applied: dict[str, AppliedOp],
                         history: list[RowHistory], records: dict[Key, dict[str, Any]]) -> None:
    """Review events are written by the server and only for what happened: every
    applied workflow command (and move) wrote exactly its event — the command, the
    author, and the states the case's version written by that op went from and to —
    and every other event is a reopening, written by an op that changed the case's
    content, whose version of the case went from a reviewed state back to the
    workflow's ``reopen_to``.  A command that was not applied wrote none."""
    states = _states(history)
    written = {(e.op_id, e.record_type, e.record_id): e for e in history if e.op_id}
    events = {key[1]: row["fields"] for key, row in records.items() if key[0] == "review_event"}
    explained: set[str] = set()

    def moved(op_id: str, type_name: str, record_id: str) -> tuple[Any, Any]:
        entry = written.get((op_id, type_name, record_id))
        assert entry is not None, f"op {op_id} wrote no version of {type_name} {record_id}"
        return (states.get((type_name, record_id, entry.version - 1), {}),
                states[(type_name, record_id, entry.version)])

    for op_id, op in ops.items():
        result = applied[op_id]
        if op.kind != OpKind.COMMAND or op.command is None:
            continue
        name = op.command.name
        event_id = op_derived_id(op_id, "review_event", op.type, op.id, name)
        if result.status != "applied":
            assert event_id not in events, f"op {op_id} ({name}, {result.status}) wrote an event"
            continue
        event = events.get(event_id)
        if event is None and name == MOVE.command:  # the household was there already
            assert (op_id, op.type, op.id) not in written, f"op {op_id} moved without an event"
            continue
        assert event is not None, f"op {op_id} ({name}) applied without its review event"
        explained.add(event_id)
        assert (event["command"], event["actor"], event["record_type"], event["record_id"]) == (
            name, op.author, op.type, op.id), f"op {op_id}: event {event}"
        if name == MOVE.command:
            assert event["from_state"] != event["to_state"], f"op {op_id}: a move to itself"
            continue
        workflow = WORKFLOWS[op.type]
        before, after = moved(op_id, op.type, op.id)
        assert (before.get("status") or workflow.initial, after.get("status")) == (
            event["from_state"], event["to_state"]), (
            f"op {op_id} ({name}): the case went {before.get('status')} -> "
            f"{after.get('status')}, its event says {event['from_state']} -> "
            f"{event['to_state']}")
        assert event["to_state"] == workflow.transition(name).target, f"op {op_id}: {event}"
    changers = [op_id for op_id, op in ops.items() if op.kind != OpKind.COMMAND
                and applied[op_id].status in ("applied", "merged")]
    for event_id, event in events.items():
        if event_id in explained:
            continue
        assert event["command"] == REOPEN, f"review event {event_id} no applied op wrote: {event}"
        case = (event["record_type"], event["record_id"])
        writers = [op_id for op_id in changers if op_derived_id(
            op_id, "review_event", *case, REOPEN) == event_id]
        assert len(writers) == 1, f"reopening {event_id} was written by no op of a laptop"
        workflow = WORKFLOWS[case[0]]
        before, after = moved(writers[0], *case)
        assert before.get("status") == event["from_state"] in workflow.reopen_from \
            and after.get("status") == event["to_state"] == workflow.reopen_to, (
            f"reopening {event_id} by op {writers[0]}: the case went "
            f"{before.get('status')} -> {after.get('status')}, the event says {event}")


def _check_authorship(history: list[RowHistory], applied: dict[str, AppliedOp],
                      records: dict[Key, dict[str, Any]]) -> None:
    """A version written by an op that applied nothing (``conflict``, ``quarantined``:
    it only sets the conflict badge) keeps the author, device and stamp of the version
    before; each row names the writer of its last version."""
    last: dict[Key, RowHistory] = {}
    for entry in history:
        key = (entry.record_type, entry.record_id)
        result = applied.get(entry.op_id or "")
        if key in last and result is not None and result.status in NOTHING_APPLIED \
                and (result.record_type, result.record_id) == key:
            before = last[key]
            assert (entry.author, entry.device_id, entry.hlc) == (
                before.author, before.device_id, before.hlc), (
                f"{key} version {entry.version}: op {entry.op_id} ({result.status}) applied "
                f"nothing but named {entry.author}/{entry.device_id}/{entry.hlc} as the "
                f"row's writer instead of {before.author}/{before.device_id}/{before.hlc}")
        last[key] = entry
    for key, row in records.items():
        if key in last:
            entry = last[key]
            assert (row["updated_by"], row["device_id"], row["hlc"], row["version"]) == (
                entry.author, entry.device_id, entry.hlc, entry.version), \
                f"{key}: the row and its last history entry disagree"


NOTHING_APPLIED = ("conflict", "quarantined")


def _lost_to_higher(op: Op, group: str, history: list[RowHistory], result: AppliedOp) -> bool:
    """Another device wrote the group with a higher stamp than the op's — the op's
    stamp as the server merged it: clamped to the server's time (+5 min) when the
    laptop's clock ran ahead (the batch's time is a moment before ``applied_at``)."""
    names = {f.name for f in record_type(op.type).group(group).fields}
    at = result.applied_at
    applied_ms = int((at if at.tzinfo else at.replace(tzinfo=UTC)).timestamp() * 1000)
    stamp = str(clamp(Hlc.parse(op.hlc), applied_ms)[0])
    return any(e.record_type == op.type and e.record_id == op.id
               and e.device_id != op.device_id and set(e.changed) & names
               and (e.hlc or "", e.device_id) > (stamp, op.device_id) for e in history)


def check_replays(laptops: Iterable[Laptop], database: Database, *,
                  pulls_per_laptop: int = 2) -> None:
    """Send again every push each laptop's server received, and some of its pulls:
    the server's state does not move, every op answers as a duplicate with its
    original status, and applying the replayed pages leaves each replica as it was."""
    laptops = list(laptops)
    before = server_state(database)
    statuses = {op_id: status for op_id, status, _ in before["applied"]}
    for laptop in laptops:
        laptop.adapter.enabled = False
        laptop.adapter.disarm()
        local = local_state(laptop)
        delivered = list(laptop.adapter.delivered)
        pushes = [d for d in delivered if d.path.endswith("/sync/push") and d.body]
        for sent in pushes:
            results = laptop.transport.push(sent.body["ops"])["results"]
            for result in results:
                assert result["duplicate"], f"{laptop.name}: a replayed op was applied again"
                assert result["status"] == statuses[result["op_id"]]
        pulls = [d for d in delivered if d.path.endswith("/sync/pull") and d.body]
        chosen = pulls[:pulls_per_laptop // 2] + pulls[-(pulls_per_laptop // 2):]
        for sent in chosen:
            answer = laptop.transport.pull(sent.body["checkpoints"], sent.body["limit"])
            page = PullPage(tuple(Record.from_json(r) for r in answer["records"]),
                            answer["checkpoints"], answer["more"], answer["server_epoch"],
                            tuple(answer.get("removed_areas") or ()))
            laptop.replica.apply_pull_page(page)
        assert local_state(laptop) == local, f"{laptop.name}: a replayed pull changed it"
    assert server_state(database) == before, "a replayed request changed the server"


def check_integrity(laptops: Iterable[Laptop], database: Database) -> None:
    for laptop in laptops:
        with laptop.database.writer.connect() as connection:
            result = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
        assert result == "ok", f"{laptop.name}: {result}"
    if database.is_sqlite:
        with database.write_engine.connect() as connection:
            result = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
        assert result == "ok", f"server: {result}"


def check_everything(laptops: list[Laptop], database: Database,
                     made: Iterable[str] | None = None) -> dict[str, int]:
    check_converged(laptops, database)
    counts = check_ops(laptops, database, made)
    check_replays(laptops, database)
    check_integrity(laptops, database)
    return counts

