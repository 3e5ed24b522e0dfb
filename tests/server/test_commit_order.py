"""``seq`` is commit order: concurrent writers (some of them refused after taking the
counter) while a reader keeps looking — every snapshot it sees is exactly seq 1..n,
never a gap that a later commit would fill (a pull would skip that row for ever)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from sync.records.errors import ContractError
from sync.records.ids import new_id
from sync.records.record import Record
from sync.server.db import Database
from sync.server.models import RECORD_TABLES
from sync.server.scopes import Actor
from sync.server.storage import current_seq, store_record

WRITERS, WRITES_EACH = 6, 12
AUTHOR = Actor("coordinator-1", "coordinator", ("800101",))


def household(tambon: str) -> Record:
    return Record("household", new_id(), tambon, {"house_no": "1", "moo": 1})


def write_some(database: Database, failures: list[BaseException]) -> None:
    try:
        for number in range(WRITES_EACH):
            tambon = "800201" if number % 3 == 2 else "800101"  # every third is refused
            try:
                with database.writing() as session:
                    store_record(session, household(tambon), author=AUTHOR, device_id="d")
            except ContractError:
                assert tambon == "800201"
    except BaseException as exc:  # noqa: BLE001 - reported by the test
        failures.append(exc)


def watch(database: Database, stop: threading.Event, gaps: list[list[int]]) -> int:
    table, looks = RECORD_TABLES["household"], 0
    while not stop.is_set():
        with database.reading() as session:
            seqs = sorted(session.execute(select(table.c.seq)).scalars())
        if seqs != list(range(1, len(seqs) + 1)):
            gaps.append(seqs)
        looks += 1
    return looks


def test_seq_is_commit_order_under_concurrent_writers(database: Database):
    failures: list[BaseException] = []
    gaps: list[list[int]] = []
    stop = threading.Event()
    looks: list[int] = []
    reader = threading.Thread(target=lambda: looks.append(watch(database, stop, gaps)))
    writers = [threading.Thread(target=write_some, args=(database, failures))
               for _ in range(WRITERS)]
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=120)
    stop.set()
    reader.join(timeout=60)
    assert not failures, failures
    assert not gaps, f"a reader saw gaps: {gaps[:3]}"
    accepted = WRITERS * (WRITES_EACH - WRITES_EACH // 3)
    with database.reading() as session:
        table = RECORD_TABLES["household"]
        seqs = sorted(session.execute(select(table.c.seq)).scalars())
        assert current_seq(session) == accepted
    assert seqs == list(range(1, accepted + 1))
    assert looks and looks[0] > 0
