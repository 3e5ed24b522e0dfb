"""Many devices at once, over a real HTTP server (uvicorn on 127.0.0.1 in a thread, so
requests really run concurrently — TestClient would serialise them).

20 field devices, each its own user, login and ``MemoryReplica``, create and edit
households and members in three shared tambons (their own rows and rows every
device edits, so merges and conflicts happen under the row locks) and push them in
small batches, while 5 pullers (supervisors, a coordinator of two of the tambons, an
administrator) pull pages of a few rows without pause.  When the pushers are done,
each puller pulls until ``more`` is false, and then:

- **each** puller's copy equals the server's rows of its areas — ids, versions,
  seqs, fields, flags — checked puller by puller (a union would hide a puller that
  skipped a row); every page it got was in seq order, above its checkpoints, and no
  checkpoint went backwards;
- every pushed op has exactly one ``applied_ops`` row, with the status its device
  was told, and no request needed a retry (no 5xx, no timeout);
- each row's version counts its history entries, and no seq was given twice;
- ``seq`` was commit order all along: a watcher reading the history without pause
  never saw a snapshot that a later commit filled in below its highest seq (the
  skip a final comparison cannot see when the skipped row changed again later).
  With ``next_seq`` swapped for a plain PostgreSQL SEQUENCE, this is what fails.

The design note (SYNC.md, "What proves it") asks this of PostgreSQL; SQLite, whose
writers queue on ``BEGIN IMMEDIATE``, runs the same test.
"""

from __future__ import annotations

import bisect
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import func, select

from sync.client.engine import SyncEngine, SyncReport
from sync.client.memory import MemoryReplica
from sync.client.replica import PullPage
from sync.client.transport import Transport
from sync.records.record import GLOBAL_AREA
from sync.records.tables import row_record
from sync.server.accounts import create_user
from sync.server.app import create_app
from sync.server.db import Database
from sync.server.models import RECORD_TABLES, AppliedOp, RowHistory
from sync.server.passwords import Passwords
from sync.server.settings import ServerSettings
from tests.server.live import serving

PASSWORD = "concurrent password 1"
TAMBONS = ("800101", "800102", "800103")  # district 8001
PUSHERS = 20
ROUNDS = 6
PUSH_BATCH = 3  # ops per push request
PULL_LIMIT = 7  # rows per page for the pullers (the pushers pull in big pages)
SHARED_PER_TAMBON = 2
VULNERABILITY = ("elderly", "disabled", "bedridden", "chronic_ill", "child_orphan")
# Pullers: (username, role, areas assigned, tambons of the data they must hold).
PULLER_ACCOUNTS = (
    ("sup-a", "supervisor", ["8001"], set(TAMBONS)),
    ("sup-b", "supervisor", ["8001"], set(TAMBONS)),
    ("sup-c", "supervisor", ["8001"], set(TAMBONS)),
    ("co-ab", "coordinator", ["800101", "800102"], {"800101", "800102"}),
    ("admin-a", "admin", [], set(TAMBONS)),
)
PULLERS = len(PULLER_ACCOUNTS)  # 5
DEADLINE_S = 120  # a thread still running after this is a failure (a hang), not a wait


def pusher_areas(number: int) -> list[str]:
    """Two of the three tambons: every pair of tambons is shared by several devices."""
    return [TAMBONS[number % 3], TAMBONS[(number + 1) % 3]]


# -- the server -------------------------------------------------------------------------
@pytest.fixture
def live_server(settings: ServerSettings, database: Database) -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1, in a thread."""
    with serving(create_app(settings, database=database)) as base:
        yield base


def make_accounts(database: Database, settings: ServerSettings) -> None:
    passwords = Passwords(settings.passwords)
    with database.writing() as session:
        create_user(session, passwords, username="seeder", name="ผู้ตั้งต้น", role="coordinator",
                    areas=list(TAMBONS), password=PASSWORD)
        for number in range(PUSHERS):
            create_user(session, passwords, username=f"field-{number:02d}",
                        name=f"ผู้สำรวจ {number}", role="field_worker",
                        areas=pusher_areas(number), password=PASSWORD)
        for username, role, areas, _ in PULLER_ACCOUNTS:
            create_user(session, passwords, username=username, name=f"ชื่อ {username}",
                        role=role, areas=areas, password=PASSWORD)


# -- the clients ------------------------------------------------------------------------
class CheckingReplica(MemoryReplica):
    """A reference replica that also checks every page it is given: rows in seq order,
    each above its area's checkpoint, checkpoints never going backwards."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.violations: list[str] = []
        self.pages = 0

    def apply_pull_page(self, page: PullPage) -> None:
        held = self.checkpoints()
        seqs = [record.seq for record in page.records]
        if seqs != sorted(set(seqs)):
            self.violations.append(f"page not in strict seq order: {seqs}")
        for record in page.records:
            area = record.tambon if record.tambon is not None else GLOBAL_AREA
            if record.seq <= held.get(area, 0):
                self.violations.append(
                    f"{record.type} {record.id} seq {record.seq} at or below the "
                    f"checkpoint {held.get(area, 0)} of {area}")
            if record.seq > page.checkpoints.get(area, 0):
                self.violations.append(
                    f"{record.type} {record.id} seq {record.seq} above the page's "
                    f"checkpoint {page.checkpoints.get(area)} of {area}")
        for area, seq in page.checkpoints.items():
            if seq < held.get(area, 0):
                self.violations.append(f"checkpoint of {area} went back: "
                                       f"{held[area]} -> {seq}")
        self.pages += 1
        super().apply_pull_page(page)


@dataclass
class Device:
    username: str
    replica: CheckingReplica
    transport: Transport
    pull_limit: int
    server_key: str
    report: SyncReport = field(default_factory=SyncReport)

    def engine(self) -> SyncEngine:
        return SyncEngine(self.replica, self.transport, push_batch=PUSH_BATCH,
                          pull_limit=self.pull_limit, server_key=self.server_key)

    def sync(self) -> None:
        """hello, push the outbox, pull until ``more`` is false."""
        report = self.engine().run()
        self.report.pushed += report.pushed
        self.report.statuses.update(report.statuses)
        self.report.duplicates += report.duplicates
        self.report.pulled += report.pulled

    def push(self) -> None:
        engine = self.engine()
        engine.hello(self.report)
        engine.push(self.report)


def connect(base: str, username: str, *, pull_limit: int = 1000) -> Device:
    replica = CheckingReplica(author="")
    transport = Transport(base, timeout=60, retries=3, backoff=0.05)
    answer = transport.login({
        "username": username, "password": PASSWORD, "device_id": replica.device_id,
        "device_name": f"laptop of {username}",
        "public_keys": {"ed25519": replica.key.public_key(),
                        "x25519": replica.key.public_key()}})
    replica.author = answer["user"]["id"]
    return Device(username, replica, transport, pull_limit, answer["server_key"])


def seed_shared_rows(base: str) -> None:
    """Households and members every device of their tambon will edit."""
    seeder = connect(base, "seeder")
    for tambon in TAMBONS:
        for number in range(SHARED_PER_TAMBON):
            household = seeder.replica.save("household", tambon,
                                            {"house_no": f"{number + 1}", "moo": 1})
            seeder.replica.save("member", tambon, {"household_id": household.id,
                                                   "given_name": f"สมใจ {number}",
                                                   "vulnerability": ["elderly"]})
    seeder.sync()
    assert seeder.report.statuses == {"applied": len(TAMBONS) * SHARED_PER_TAMBON * 2}


def visible(replica: MemoryReplica, type_name: str) -> list[Any]:
    return sorted((row for (kind, _), row in replica.rows.items()
                   if kind == type_name and not row.deleted), key=lambda row: row.id)


def push_work(device: Device, number: int) -> None:
    """Rounds of creates and edits, pushed in small batches; a full sync half-way
    (fresher bases for the shared rows)."""
    rnd = random.Random(number)
    replica, areas = device.replica, pusher_areas(number)
    device.sync()  # the shared rows of its areas, and the server's epoch
    own: list[tuple[str, str]] = []  # (household id, member id) this device made
    for round_ in range(ROUNDS):
        tambon = areas[round_ % 2]
        household = replica.save("household", tambon, {"house_no": f"{number + 1}/{round_ + 1}",
                                                       "moo": round_ + 1})
        member = replica.save("member", tambon, {"household_id": household.id,
                                                 "given_name": f"คนที่ {number}-{round_}"})
        own.append((household.id, member.id))
        if round_ >= 1:  # an edit of its own row, already pushed: its base is current
            earlier, _ = own[round_ - 1]
            replica.save("household", areas[(round_ - 1) % 2],
                         {"notes": f"บันทึก {number}-{round_}"}, record_id=earlier)
        shared = [row for row in visible(replica, "household") if row.fields.get("moo") == 1
                  and "/" not in row.fields.get("house_no", "/")]
        target = rnd.choice(shared)
        change = rnd.choice([{"notes": f"ร่วม {number}-{round_}"},  # auto
                             {"phone": f"08{number:02d}{round_:06d}"},  # auto
                             {"house_no": f"{rnd.randint(1, 999)}"}])  # review
        replica.save("household", target.tambon, change, record_id=target.id)
        members = [row for row in visible(replica, "member")
                   if row.fields.get("household_id") == target.id]
        if members:  # a set group: additions of several devices unite
            replica.save("member", target.tambon, {"vulnerability": {
                "add": [rnd.choice(VULNERABILITY)], "remove": []}}, record_id=members[0].id)
        if round_ == 1:  # the same village (a natural key) made on many devices at once
            replica.save("village", tambon, {"moo": 20, "name": "บ้านร่วมใจ"})
        if round_ == 3:
            replica.delete("member", own[0][1])  # a tombstone of its own member
        if round_ == ROUNDS // 2:
            device.sync()
        else:
            device.push()


def pull_work(device: Device, pushers_done: threading.Event) -> None:
    while not pushers_done.is_set():
        device.sync()
    device.sync()  # the final pull: until ``more`` is false


def watch_commit_order(database: Database, stop: threading.Event,
                       seen: list[tuple[int, int]]) -> None:
    """Look at the history again and again: (highest seq, entries) in one statement."""
    while not stop.is_set():
        with database.reading() as session:
            top, count = session.execute(select(func.max(RowHistory.seq),
                                                func.count(RowHistory.id))).one()
        if top is not None:
            seen.append((int(top), int(count)))
        time.sleep(0.005)


def late_commits(database: Database, seen: list[tuple[int, int]]) -> list[str]:
    """Snapshots that a later commit proved incomplete: it added a change with a seq
    below the highest the snapshot showed.  A pull served from that snapshot would
    have moved its checkpoint past the late change — a skip, for ever, unless the row
    changed again (so the final comparison alone could miss it)."""
    with database.reading() as session:
        final = sorted(session.execute(select(RowHistory.seq)).scalars())
    found = []
    for top, count in seen:
        below = bisect.bisect_right(final, top)
        if below != count:
            found.append(f"a snapshot showed {count} changes up to seq {top}; "
                         f"{below} committed up to it in the end")
    return found


def run_threads(targets: list[tuple[str, Any, tuple]],
                errors: list[str]) -> list[threading.Thread]:
    def guarded(name: str, function: Any, args: tuple) -> None:
        try:
            function(*args)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(f"{name}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=guarded, args=(name, function, args), name=name,
                                daemon=True) for name, function, args in targets]
    for thread in threads:
        thread.start()
    return threads


# -- what the server holds ----------------------------------------------------------------
def server_rows(database: Database, tambons: set[str]) -> dict[tuple[str, str], dict]:
    """The server's rows of ``tambons`` (and of no area), as pull serves them."""
    with database.reading() as session:
        found = {}
        for type_name, table in RECORD_TABLES.items():
            query = select(table).where(table.c.tambon.in_(sorted(tambons))
                                        | table.c.tambon.is_(None))
            for row in session.execute(query):
                found[(type_name, row.id)] = row_record(type_name, row).to_json()
        return found


def copy_of(replica: MemoryReplica) -> dict[tuple[str, str], dict]:
    return {key: record.to_json() for key, record in replica.rows.items()}


def describe_difference(expected: dict, actual: dict) -> str:
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    differ = sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k])
    lines = [f"{len(missing)} missing, {len(extra)} extra, {len(differ)} differ"]
    for key in missing[:3]:
        lines.append(f"missing {key}: seq {expected[key]['seq']}")
    for key in extra[:3]:
        lines.append(f"extra {key}: seq {actual[key]['seq']}")
    for key in differ[:3]:
        lines.append(f"differs {key}: server v{expected[key]['version']} seq "
                     f"{expected[key]['seq']}, copy v{actual[key]['version']} seq "
                     f"{actual[key]['seq']}")
    return "; ".join(lines)


# -- the test -----------------------------------------------------------------------------
def test_twenty_pushers_and_five_pullers_agree_with_the_server(live_server, database,
                                                               settings):
    make_accounts(database, settings)
    seed_shared_rows(live_server)
    pushers = [connect(live_server, f"field-{n:02d}") for n in range(PUSHERS)]
    pullers = [connect(live_server, username, pull_limit=PULL_LIMIT)
               for username, *_ in PULLER_ACCOUNTS]
    errors: list[str] = []
    pushers_done, stop_watching = threading.Event(), threading.Event()
    snapshots: list[tuple[int, int]] = []
    watcher = run_threads([("watch", watch_commit_order,
                            (database, stop_watching, snapshots))], errors)
    started = time.monotonic()
    pulling = run_threads([(f"pull {d.username}", pull_work, (d, pushers_done))
                           for d in pullers], errors)
    pushing = run_threads([(f"push {d.username}", push_work, (d, n))
                           for n, d in enumerate(pushers)], errors)
    for thread in pushing:
        thread.join(timeout=max(1.0, DEADLINE_S - (time.monotonic() - started)))
    pushers_done.set()
    for thread in pulling:
        thread.join(timeout=max(1.0, DEADLINE_S - (time.monotonic() - started)))
    stop_watching.set()
    watcher[0].join(timeout=30)
    hung = [t.name for t in pushing + pulling + watcher if t.is_alive()]
    assert not hung, f"threads still running after {DEADLINE_S} s: {hung}"
    assert not errors, errors
    late = late_commits(database, snapshots)
    assert not late, f"seq is not commit order ({len(late)} snapshots): {late[:3]}"
    assert len(snapshots) > 20

    # Every pushed op: exactly one applied_ops row, with the status its device was told.
    told: dict[str, str] = {}
    for device in pushers:
        assert device.replica.outbox == [], f"{device.username} kept ops without a result"
        told |= {op_id: str(result.status)
                 for op_id, result in device.replica.acknowledged.items()}
    with database.reading() as session:
        applied = session.execute(select(AppliedOp.op_id, AppliedOp.status,
                                         AppliedOp.device_id, AppliedOp.device_seq)).all()
    counted = Counter(row.op_id for row in applied)
    pushed_ids = set(told)
    seeder_ops = len(TAMBONS) * SHARED_PER_TAMBON * 2
    assert len(applied) == len(pushed_ids) + seeder_ops
    assert not [op_id for op_id in pushed_ids if counted[op_id] != 1]
    assert {row.op_id: row.status for row in applied if row.op_id in pushed_ids} == told
    per_device: dict[str, list[int]] = defaultdict(list)
    for row in applied:
        per_device[row.device_id].append(row.device_seq)
    for device in pushers:
        seqs = sorted(per_device[device.replica.device_id])
        assert seqs == list(range(1, device.replica.device_seq + 1)), device.username
    statuses = Counter(told.values())
    assert statuses["applied"] > 0 and statuses["merged"] + statuses["conflict"] > 0, statuses
    assert not statuses["rejected"] and not statuses["quarantined"], statuses
    assert sum(d.report.duplicates for d in pushers) == 0
    retries = {d.username: d.transport.counters.retries for d in pushers + pullers
               if d.transport.counters.retries}
    assert not retries, f"requests failed and were retried (5xx or timeouts): {retries}"

    # Every row: its version counts its history, no seq given twice, all in our tambons.
    with database.reading() as session:
        history = Counter(session.execute(select(RowHistory.record_type,
                                                 RowHistory.record_id)).all())
        history_seqs = list(session.execute(select(RowHistory.seq)).scalars())
        outside = sum(int(session.execute(select(func.count()).select_from(table).where(
            table.c.tambon.not_in(TAMBONS))).scalar_one()) for table in RECORD_TABLES.values())
    everything = server_rows(database, set(TAMBONS))
    assert outside == 0
    assert len(history_seqs) == len(set(history_seqs))
    for (type_name, record_id), record in everything.items():
        assert history[(type_name, record_id)] == record["version"], (type_name, record_id)
    assert len({r["seq"] for r in everything.values()}) == len(everything)
    assert any(t == "conflict" for t, _ in everything), "no conflict under contention"
    villages = [r for (t, _), r in everything.items() if t == "village"]
    assert sorted(r["tambon"] for r in villages) == sorted(TAMBONS)
    assert {r["fields"]["name"] for r in villages} == {"บ้านร่วมใจ"}

    # Each puller, on its own: exactly the server's rows of its areas.
    for device, (_, _, _, tambons) in zip(pullers, PULLER_ACCOUNTS):
        assert not device.replica.violations, (device.username, device.replica.violations[:5])
        expected = server_rows(database, tambons)
        actual = copy_of(device.replica)
        assert actual == expected, f"{device.username}: {describe_difference(expected, actual)}"
        assert device.replica.pages > len(expected) // PULL_LIMIT  # small pages, many


def test_a_retry_racing_its_original_is_answered_as_a_duplicate(live_server, database,
                                                                settings):
    """A device whose push timed out sends the same batch again while the first request
    is still running (flaky networks do this).  Rule 1: the repeat gets the original
    results with ``duplicate: true`` — not an error, and never a second application."""
    make_accounts(database, settings)
    device = connect(live_server, "field-00")
    for number in range(150):  # long enough for the repeat to start inside the first
        device.replica.save("household", TAMBONS[0], {"house_no": f"{number + 1}", "moo": 2})
    batch = [signed.to_json() for signed in device.replica.pending_ops(limit=500)]
    links = [Transport(live_server, token=device.transport.token, retries=0, timeout=60)
             for _ in range(2)]
    start = threading.Barrier(2)
    answers: list[Any] = [None, None]

    def send(index: int) -> None:
        start.wait()
        time.sleep(0.05 * index)  # the repeat leaves just after the original
        try:
            answers[index] = links[index].push(batch)["results"]
        except Exception as exc:  # noqa: BLE001 - the assertion shows it
            answers[index] = exc

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE_S)
    assert all(isinstance(answer, list) for answer in answers), answers
    first, second = sorted(answers, key=lambda results: results[0]["duplicate"])
    assert [r["status"] for r in first] == [r["status"] for r in second] == \
        ["applied"] * len(batch)
    assert {r["duplicate"] for r in first} == {False}
    assert {r["duplicate"] for r in second} == {True}
    assert [r["ack_sig"] for r in first] == [r["ack_sig"] for r in second]
    with database.reading() as session:
        assert session.execute(select(func.count()).select_from(AppliedOp)).scalar_one() \
            == len(batch)
        versions = set(session.execute(select(RECORD_TABLES["household"].c.version)).scalars())
    assert versions == {1}
