"""Sync through a network that fails: a few hundred ops, every request at risk.

Three laptops (a field worker, a coordinator and a supervisor, real ``LocalReplica``
files) make ops and sync through the real transport (retries on), whose adapter
injects faults at random with a fixed seed: a request that never leaves, an answer
lost or timed out after the server committed, an answer cut short, a delay.  They
sync until quiet (faults still on), then: each replica equals the server for its
areas, every op is in ``applied_ops`` exactly once with the status its laptop
recorded (retries made no duplicates), replays change nothing, the files are sound.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from sync.client.transport import TransportError
from sync.records import enums as E
from sync.server.db import Database
from tests.server.asgi_adapter import AppAdapter
from tests.server.faults import Fault, FaultyAdapter
from tests.server.laptops import (
    T1,
    WRITES,
    Laptop,
    ReplicaTemplate,
    add_people,
    check_everything,
    live_rows,
    open_laptop,
    settle,
)

SEED = 20261129
OPS = 300
RATES = {Fault.BEFORE: 0.08, Fault.DROP: 0.08, Fault.TIMEOUT: 0.04, Fault.TRUNCATE: 0.08,
         Fault.DELAY: 0.05}
HOUSE_NO = ("1", "12/3", "45", "7/1ก", "99")


def make_op(laptop: Laptop, rng: random.Random) -> list[str]:
    """One thing a person saves on ``laptop``: a new household or member, or an edit."""
    held = live_rows(laptop, "household", "member")
    live = sorted(held)
    households = [key for key in live if key[0] == "household"]
    roll = rng.random()
    if roll < 0.2 or not households:
        tambon = rng.choice(WRITES[laptop.owner])
        saved = laptop.replica.save("household", tambon, {"house_no": rng.choice(HOUSE_NO),
                                                          "moo": rng.randint(1, 5)})
        return [saved.op.op_id]
    if roll < 0.4:
        _, household_id = rng.choice(households)
        tambon = held[("household", household_id)]
        saved = laptop.replica.save("member", tambon, {
            "household_id": household_id, "given_name": rng.choice(("สมใจ", "มาลี")),
            "vulnerability": rng.sample(E.VULNERABILITY.values[:4], 1)})
        return [saved.op.op_id]
    if roll < 0.43:
        type_name, record_id = rng.choice(live)
        return [op.op_id for op in laptop.replica.delete(type_name, record_id)]
    type_name, record_id = rng.choice(live)
    if type_name == "household":
        fields = rng.choice(({"notes": rng.choice(("หลังคารั่ว", "ผนังผุ", None))},
                             {"house_no": rng.choice(HOUSE_NO)},
                             {"phone": rng.choice(("0812345678", "075512345"))}))
    else:
        value = rng.choice(E.VULNERABILITY.values[:4])
        fields = rng.choice(({"vulnerability": {"add": [value], "remove": []}},
                             {"vulnerability": {"add": [], "remove": [value]}},
                             {"occupation": rng.choice(("ทำสวน", "รับจ้าง"))},
                             {"given_name": rng.choice(("สมใจ", "มาลี", "บุญมี"))}))
    saved = laptop.replica.save(type_name, None, fields, record_id=record_id)
    return [saved.op.op_id]


def test_faults_leave_no_duplicates_and_no_difference(
        client: TestClient, database: Database, replica_template: ReplicaTemplate,
        tmp_path) -> None:
    ids = add_people(database)
    rng = random.Random(SEED)
    laptops = []
    for index, owner in enumerate(("fw_1", "co_2", "sup")):
        adapter = FaultyAdapter(AppAdapter(client), rng=random.Random(SEED + index),
                                rates=RATES, sleep=lambda seconds: None)
        laptops.append(open_laptop(replica_template, tmp_path, owner, owner, ids[owner],
                                   client, retries=3, pull_limit=7, push_batch=9,
                                   adapter=adapter))
    made: list[str] = []
    failed = 0
    while len(made) < OPS:
        laptop = rng.choice(laptops)
        if rng.random() < 0.75:
            made += make_op(laptop, rng)
            continue
        try:
            laptop.sync()
        except TransportError:
            failed += 1
    settle(laptops, rounds=60)  # faults still on: a failed sync is not a quiet round
    injected = sum((laptop.adapter.injected for laptop in laptops), Counter())
    assert set(injected) == set(Fault), f"not every fault happened: {injected}"
    assert len(made) == len(set(made)) >= OPS
    counts = check_everything(laptops, database, made)
    assert sum(counts.values()) == len(made)
    for laptop in laptops:
        laptop.close()
    print(f"\nfaults: {len(made)} ops, statuses {counts}, injected {dict(injected)}, "
          f"syncs given up {failed}, retries "
          f"{sum(lap.transport.counters.retries for lap in laptops)}")


@pytest.mark.parametrize("path", ["/sync/hello", "/sync/push", "/sync/pull"])
@pytest.mark.parametrize("keep", [0, 1])
def test_an_empty_or_cut_answer_is_retried(client: TestClient, database: Database,
                                           replica_template: ReplicaTemplate, tmp_path,
                                           path: str, keep: int) -> None:
    """A 200 whose body is empty or cut short is a bad answer, retried like a lost one
    (it was: an empty hello answer raised ``KeyError`` out of the engine, an empty
    push or pull answer stopped the sync instead of being retried)."""
    ids = add_people(database)
    laptop = open_laptop(replica_template, tmp_path, "fw", "fw_1", ids["fw_1"], client,
                         retries=1)
    laptop.replica.save("household", T1, {"house_no": "1", "moo": 1})
    laptop.adapter.arm(Fault.TRUNCATE, path, keep=keep)
    report = laptop.sync()
    assert laptop.transport.counters.retries == 1
    assert report.statuses == {"applied": 1} and laptop.replica.pending_ops(limit=1) == []
    laptop.close()
