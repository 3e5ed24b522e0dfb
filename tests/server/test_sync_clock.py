"""The server half of the clock rule (SYNC.md rule 9), on SQLite and PostgreSQL: an
``hlc`` more than 5 minutes ahead of the server's clock is stored and served clamped
(rows, history, conflict proposals, push results), its device is flagged
(``clock_clamped_count``, ``clock_clamped_at``, ``clock_ahead_ms``, shown to
supervisors by the devices API), and a laptop ten years ahead cannot win every
``auto`` field: a later honest edit beats it.
"""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.records.hlc import MAX_AHEAD_MS, Hlc, HybridClock, wall_ms
from sync.server import push as pushing
from sync.server.db import Database
from sync.server.models import Device, RowHistory
from tests.server.laptops import (
    T1,
    Laptop,
    ReplicaTemplate,
    add_people,
    check_converged,
    open_laptop,
    server_records,
    settle,
)
from tests.server.test_sync_flow import connect, sync

TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000
HOUR_MS = 60 * 60 * 1000
TAMBON = "800102"


class ServerClock:
    """The server's ``time`` module, ``offset_ms`` off."""

    def __init__(self, offset_ms: int) -> None:
        self.offset_ms = offset_ms

    def time_ns(self) -> int:
        return time.time_ns() + self.offset_ms * 1_000_000


@pytest.fixture
def people(database: Database) -> dict[str, str]:
    return add_people(database)


@pytest.fixture
def open_as(client: TestClient, replica_template: ReplicaTemplate, tmp_path, people):
    opened: list[Laptop] = []

    def opener(owner: str) -> Laptop:
        laptop = open_laptop(replica_template, tmp_path, owner, owner, people[owner], client)
        opened.append(laptop)
        return laptop

    yield opener
    for laptop in opened:
        laptop.close()


def flags(database: Database, device_id: str) -> tuple[int, object, int | None]:
    with database.reading() as session:
        device = session.get(Device, device_id)
        return device.clock_clamped_count, device.clock_clamped_at, device.clock_ahead_ms


def stamps_of(database: Database, record_id: str) -> list[str]:
    with database.reading() as session:
        return [h.hlc for h in session.execute(select(RowHistory).where(
            RowHistory.record_id == record_id).order_by(RowHistory.version)).scalars()]


def test_a_laptop_ten_years_ahead_is_clamped_and_flagged(open_as, client, database):
    ahead, coordinator, supervisor = open_as("fw_1"), open_as("co_1"), open_as("sup")
    ahead.replica.clock.wall = lambda: wall_ms() + TEN_YEARS_MS
    before = wall_ms()
    household = ahead.replica.save("household", T1, {"house_no": "1", "moo": 1}).record
    assert Hlc.parse(ahead.replica.get("household", household.id).hlc).ms > before + HOUR_MS
    assert ahead.sync().statuses == {"applied": 1}
    after = wall_ms()
    [stored] = stamps_of(database, household.id)
    assert before + MAX_AHEAD_MS <= Hlc.parse(stored).ms <= after + MAX_AHEAD_MS
    assert server_records(database)[("household", household.id)]["hlc"] == stored
    assert ahead.replica.get("household", household.id).hlc == stored  # the push result
    coordinator.sync()
    assert coordinator.replica.get("household", household.id).hlc == stored  # pulled
    count, at, lead = flags(database, ahead.replica.device_id)
    assert count == 1 and at is not None and lead > TEN_YEARS_MS - HOUR_MS

    ahead.replica.save("household", T1, {"notes": "หลังคารั่ว"}, record_id=household.id)
    ahead.sync()
    for sent in [d for d in ahead.adapter.delivered if d.path.endswith("/sync/push")]:
        ahead.transport.push(sent.body["ops"])  # repeats: duplicates, not counted again
    assert flags(database, ahead.replica.device_id)[0] == 2
    assert flags(database, coordinator.replica.device_id)[0] == 0

    # supervisors see the flag in the devices API
    headers = {"Authorization": f"Bearer {supervisor.transport.token}"}
    shown = client.get(f"/api/v1/devices/{ahead.replica.device_id}", headers=headers).json()
    assert shown["clock_clamped_count"] == 2 and shown["clock_clamped_at"]
    assert shown["clock_ahead_ms"] > TEN_YEARS_MS - HOUR_MS
    honest = client.get(f"/api/v1/devices/{coordinator.replica.device_id}",
                        headers=headers).json()
    assert (honest["clock_clamped_count"], honest["clock_ahead_ms"]) == (0, None)


def test_a_proposal_of_a_laptop_ahead_keeps_the_clamped_stamp(client, world, database):
    ahead, link = connect(client, world, "fw_in")
    ahead.clock = HybridClock(ahead.device_id, wall=lambda: wall_ms() + TEN_YEARS_MS)
    other, other_link = connect(client, world, "sup_in")
    household = other.save("household", TAMBON, {"house_no": "1", "moo": 1})
    sync(other, other_link)
    sync(ahead, link)
    other.save("household", TAMBON, {"house_no": "2"}, record_id=household.id)
    ahead.save("household", TAMBON, {"house_no": "3"}, record_id=household.id)
    sync(other, other_link)
    assert sync(ahead, link).statuses == {"conflict": 1}
    limit = wall_ms() + MAX_AHEAD_MS
    sync(other, other_link)
    [conflict] = [r for (t, _), r in other.rows.items() if t == "conflict"]
    [proposal] = conflict.fields["proposals"]
    assert Hlc.parse(proposal["hlc"]).ms <= limit


@pytest.mark.parametrize("first", ["earlier", "later"])
def test_the_later_honest_edit_beats_a_laptop_ahead(open_as, database, monkeypatch, first):
    """A laptop ten years ahead edits the notes (an ``auto`` group); an hour later
    two honest laptops, which had not seen that edit, edit them too.  Whatever the
    order the edits reach the server, the later honest edit wins: the stamp ten
    years ahead was stored clamped to the server's time then + 5 minutes."""
    owner, earlier, later = open_as("sup"), open_as("fw_1"), open_as("co_1")
    household = owner.replica.save("household", T1, {"house_no": "1", "moo": 1}).record
    for laptop in (owner, earlier, later):
        laptop.sync()
    owner.replica.clock.wall = lambda: wall_ms() + TEN_YEARS_MS
    owner.replica.save("household", T1, {"notes": "ค่าจากเครื่องที่นาฬิกาเร็ว"},
                       record_id=household.id)
    with monkeypatch.context() as patched:  # the server's clock reads an hour ago
        patched.setattr(pushing, "time", ServerClock(-HOUR_MS))
        assert owner.sync().statuses == {"applied": 1}
    stored = Hlc.parse(stamps_of(database, household.id)[-1])
    assert stored.ms <= wall_ms() - HOUR_MS + MAX_AHEAD_MS

    earlier.replica.save("household", T1, {"notes": "ค่าแรก"}, record_id=household.id)
    later.replica.clock.wall = lambda: wall_ms() + 1000  # made after the first, surely
    later.replica.save("household", T1, {"notes": "ค่าหลัง"}, record_id=household.id)
    order = (earlier, later) if first == "earlier" else (later, earlier)
    # "earlier" first: each edit beats what the server holds; "later" first: the
    # earlier edit arrives last and loses its auto group to the later one (merged,
    # with the group named) — never to the laptop ahead.
    assert [laptop.sync().statuses for laptop in order] == [{"merged": 1}, {"merged": 1}]
    settle([owner, earlier, later])
    check_converged([owner, earlier, later], database)
    assert server_records(database)[("household", household.id)]["fields"]["notes"] == "ค่าหลัง"
    for laptop in (owner, earlier, later):
        assert laptop.replica.get("household", household.id).fields["notes"] == "ค่าหลัง"
