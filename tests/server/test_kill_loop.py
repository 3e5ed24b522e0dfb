"""``kill -9`` of a real client process while it syncs, over and over (SYNC.md, "What
proves it").

A real server: uvicorn on a free port of 127.0.0.1, in a thread, over the test's
database (a SQLite file; PostgreSQL in the long profile), with the default body
limit; a field worker and a coordinator of tambon 800101 added by ``porpiang-server
user add``.  A real profile made by ``porpiang profile create`` and logged in once by
``porpiang sync run --server … --username …``; the field worker's ops are made
through the replica API in this process, only while no client process runs.

The loop starts ``porpiang sync run --profile P --password-file F`` (same Python,
``PORPIANG_DATA_DIR``, offscreen) and sends it SIGKILL after a random delay (fixed
seed), timed from one of three moments (see :class:`Timing`): the process start
(over the time start-up takes: imports, the Argon2 unlock, opening the profile), the
server's answer to the run's hello (over the time the rest of the sync should take
for the ops waiting: push batches, applying their results, the pull), or the
server's answer to its pull (applying the page, closing the history row).  The
login run and one timed uncut run calibrate the delays; each run after them keeps
them calibrated.  The first killed runs hold a few hundred ops.  Between kills the
loop sometimes adds local edits (pushes keep having work) and sometimes lets the
coordinator edit rows of the same tambon and sync (pulls keep having work; merges
and conflicts happen).  Where each kill fell is read afterwards from the server's
access log, the profile's sync history and the process's peak memory, and printed.

At the end, one uncut ``sync run``, then: the outbox is empty; every op the laptop
made is acknowledged and in ``applied_ops`` exactly once with the status the laptop
recorded (and nothing else is there); the profile equals the server for its areas;
``PRAGMA integrity_check`` is ok; the profile still unlocks with its password and
with its recovery key; every killed run left a sync-history row that the next run
marked ``interrupted`` (or none, when it died before opening the profile) and every
uncut run one marked ``ok``; the profile's folder holds nothing unexpected.

The CI profile makes 50 kills on SQLite (about two minutes: each run starts a Python
process, imports, and derives the key with Argon2); the long one, 300 kills
(``PORPIANG_KILL_LOOP_KILLS``) on SQLite and on PostgreSQL, runs on request:

    bash scripts/test.sh -m slow tests/server/test_kill_loop.py -s
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from requests.adapters import HTTPAdapter
from sqlalchemy import func, select

from desktop.services.profiles import ProfileService
from desktop.store import profiles as profile_store
from desktop.store.engine import open_database
from desktop.store.replica import LocalReplica
from desktop.store.rows import read_setting
from desktop.store.schema import acked_ops, outbox, sync_history
from sync.client.transport import Transport
from sync.server.app import create_app
from sync.server.db import Database
from sync.server.settings import ServerSettings
from tests.server.faults import FaultyAdapter
from tests.server.kill_loop import (
    IMPORTING,
    UNLOCKING,
    Kill,
    RequestLog,
    Run,
    access_log,
    client_env,
    iso_time,
    make_ops,
    open_http_laptop,
    run_client,
    stage_group,
    stage_of,
)
from tests.server.laptops import (
    T1,
    Laptop,
    ReplicaTemplate,
    add_people,
    check_converged,
    check_integrity,
    check_ops,
    check_replays,
    open_laptop,
    username,
)
from tests.server.live import serving

SEED = 20261206
PROFILE = "field1"
PROFILE_PASSWORD = "profile password 1"
SERVER_PASSWORD = "server password 1"
CALIBRATION_OPS = 60  # made before the timed uncut run
INITIAL_OPS = 300  # made after it: what the first killed runs hold (CI)
INITIAL_OPS_LONG = 520  # the long profile's: two push batches
LOCAL_EDITS = (0.5, 3, 30)  # between kills: probability, fewest and most ops
SERVER_EDITS = (0.3, 3, 15)  # the coordinator: probability, fewest and most ops
START_KILLS = 0.25  # the share of kills timed from the process start,
PULL_KILLS = 0.15  # from the server's answer to the first pull (the rest: to the hello)
HISTORY_OUTCOMES = {"interrupted", "ok", "failed"}  # "running": none after the last run
DEFAULT_BODY_LIMIT = next(f.default for f in dataclasses.fields(ServerSettings)
                          if f.name == "max_body_bytes")


# -- the server ---------------------------------------------------------------------------
@pytest.fixture
def real_server(settings: ServerSettings, database: Database) -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1, in a thread (the approach of
    ``test_sync_concurrency.live_server``), with the default body limit of a real
    server rather than the tests' small one."""
    real = dataclasses.replace(settings, max_body_bytes=DEFAULT_BODY_LIMIT)
    with serving(create_app(real, database=database)) as base:
        yield base


def server_cli(*commands: list[str], folder: Path, database_url: str) -> None:
    """Run ``porpiang-server`` commands at once (each takes a second or two: imports
    and Argon2), on the test's database."""
    processes = [subprocess.Popen(
        [sys.executable, "-m", "sync.server.cli", *argv, "--data-dir",
         str(folder / "server-data"), "--database-url", database_url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for argv in commands]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, out + err


def desktop_cli(*argv: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "desktop", *argv], capture_output=True,
                          text=True, timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def progress(text: str) -> None:
    """One line on standard error (seen with ``-s``) as the loop goes."""
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


# -- the field worker's profile -------------------------------------------------------------
@dataclass
class Profile:
    """The profile, opened in this process only while no client process runs (with
    the key unwrapped once, so opening it costs no Argon2)."""

    base: str
    unlocked: profile_store.UnlockedProfile

    @contextmanager
    def opened(self, *, migrate: bool = True) -> Iterator[Laptop]:
        info = self.unlocked.info
        database = open_database(info.database_path, self.unlocked.database_key,
                                 migrate=migrate)
        try:
            replica = LocalReplica(database, device_id=info.device_id)
            with database.reader.connect() as connection:
                user_id, token, key = (read_setting(connection, name)
                                       for name in ("user_id", "token", "server_key"))
            adapter = FaultyAdapter(HTTPAdapter())  # no faults: replays use what it sent
            transport = Transport(self.base, token=token, adapter=adapter)
            yield Laptop(PROFILE, "fw_1", user_id, replica, database, adapter, transport,
                         server_key=key)
        finally:
            database.close()

    def after(self, run: Run) -> tuple[int, float | None]:
        """How many ops the outbox holds after ``run``, and when that run closed its
        history row as ``ok`` (``None``: it did not)."""
        info = self.unlocked.info
        database = open_database(info.database_path, self.unlocked.database_key,
                                 migrate=False)
        try:
            with database.reader.connect() as connection:
                waiting = int(connection.execute(select(func.count()).select_from(outbox))
                              .scalar())
                last = connection.execute(select(sync_history).order_by(
                    sync_history.c.id.desc()).limit(1)).first()
        finally:
            database.close()
        if last is None or last.outcome != "ok" or not run.started <= iso_time(
                last.started_at) <= run.ended:
            return waiting, None
        return waiting, iso_time(last.finished_at)

    def history(self) -> list[dict[str, Any]]:
        with self.opened() as laptop, laptop.database.reader.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(
                select(sync_history).order_by(sync_history.c.id))]


# -- the delays -------------------------------------------------------------------------------
@dataclass
class Timing:
    """When to kill.  Calibrated by the login run (which has nothing to send) and one
    timed uncut run of :data:`CALIBRATION_OPS` ops, then kept calibrated as the loop
    goes (the machine's load changes, and so does the work per run):

    - ``to_hello``: from the start to the server's answer to the hello (start-up),
      followed by every run that got that far;
    - ``idle`` and ``per_op``: from that answer to the end of the sync (the history
      row closed), with no op waiting, and more for each op waiting (its push and the
      results applied, its row pulled back);
    - ``after_pull``: from the server's answer to the first pull to the end of the
      sync;
    - ``scale``, for the kills timed from hello and from the pull: shrunk after each
      run whose sync was over before its kill, grown a little after the others, so
      that about one in seven such kills comes too late — the kills reach the end of
      the sync without many going to waste.
    """

    to_hello: float
    idle: float
    per_op: float
    after_pull: float
    scale: dict[str, float] = field(default_factory=lambda: {"hello": 1.0, "pull": 1.0})

    def kill(self, rng: random.Random, work: int) -> Kill:
        roll = rng.random()
        if roll < START_KILLS:
            return Kill("start", rng.uniform(0, self.to_hello))
        if roll < START_KILLS + PULL_KILLS:
            return Kill("pull", rng.uniform(0, self.scale["pull"] * self.after_pull))
        return Kill("hello", rng.uniform(0, self.scale["hello"]
                                         * (self.idle + self.per_op * work)))

    def follow(self, run: Run, log: RequestLog, user_id: str,
               finished_at: float | None) -> None:
        """Learn from ``run``, whose sync was over at ``finished_at`` (``None``: it
        never was)."""
        hello = log.answered("hello", user_id, run.started, 0.0)
        if hello is not None and hello.start <= (run.killed_at or run.ended):
            self.to_hello = 0.7 * self.to_hello + 0.3 * (hello.end - run.started)
        if run.kill is not None and run.kill.after in self.scale:
            late = finished_at is not None and (run.killed_at or run.ended) > finished_at
            self.scale[run.kill.after] *= 0.8 if late else 1.04


def timed(run: Run, log: RequestLog, user_id: str,
          finished_at: float | None) -> dict[str, float]:
    """Of an uncut run whose sync was over at ``finished_at``: seconds from its start
    to the server's answer to its hello, and from that answer, and from the answer
    to its first pull, to the end of the sync."""
    assert not run.killed and finished_at is not None
    hello = log.answered("hello", user_id, run.started, 5.0)
    pull = log.answered("pull", user_id, run.started, 5.0)
    assert hello is not None and pull is not None, f"run {run.number}: no hello or pull"
    return {"to_hello": hello.end - run.started, "after_hello": finished_at - hello.end,
            "after_pull": finished_at - pull.end}


# -- the loop ---------------------------------------------------------------------------------
@dataclass
class Loop:
    profile: Profile
    coordinator: Laptop
    rng: random.Random
    folder: Path
    env: dict[str, str]
    log: RequestLog
    user_id: str | None = None  # the field worker's, once logged in
    runs: list[Run] = field(default_factory=list)
    made: list[str] = field(default_factory=list)  # the field worker's ops
    made_elsewhere: list[str] = field(default_factory=list)  # the coordinator's
    work: dict[int, int] = field(default_factory=dict)  # run -> ops it had to sync

    def run(self, kill: Kill | None, *extra: str, work: int | None = None) -> Run:
        argv = ["sync", "run", "--profile", PROFILE, "--password-file",
                str(self.folder / "pw.txt"), *extra]
        run = run_client(argv, self.env, len(self.runs), kill, self.folder, self.log,
                         self.user_id)
        self.runs.append(run)
        if work is not None:
            self.work[run.number] = work
        progress(f"run {run.number}: work {work}, {kill}, "
                 f"{'killed' if run.killed else f'exit {run.returncode}'} after "
                 f"{(run.killed_at or run.ended) - run.started:.2f} s")
        if not run.killed:
            assert run.returncode == 0, f"run {run.number} failed:\n{run.stdout}{run.stderr}"
            if self.user_id:
                progress("    " + " ".join(
                    f"{r.name} {r.start - run.started:.2f}-{r.end - run.started:.2f}"
                    for r in self.log.between(run.started, run.ended, self.user_id)))
        return run

    def edit_locally(self, count: int) -> int:
        """Save ``count`` times on the profile; returns how many ops that made."""
        with self.profile.opened() as laptop:
            made = make_ops(laptop, self.rng, count)
        self.made += made
        return len(made)

    def edit_on_server(self, count: int) -> int:
        """The coordinator pulls, edits ``count`` times (the field worker's rows among
        others) and pushes; returns how many ops it made."""
        self.coordinator.sync()
        made = make_ops(self.coordinator, self.rng, count)
        self.made_elsewhere += made
        self.coordinator.sync()
        return len(made)


def run_kill_loop(kills: int, initial_ops: int, base: str, database: Database,
                  database_url: str, template: ReplicaTemplate, folder: Path,
                  log: RequestLog) -> dict[str, Any]:
    started = time.monotonic()
    rng = random.Random(SEED)  # the kills (which moment, how long after it)
    edits = random.Random(SEED + 1)  # what is edited, and when (it depends on the rows)
    password_file, server_password_file = folder / "pw.txt", folder / "server-pw.txt"
    password_file.write_text(PROFILE_PASSWORD + "\n", encoding="utf-8")
    server_password_file.write_text(SERVER_PASSWORD + "\n", encoding="utf-8")
    server_cli(*[["user", "add", username(owner), "--role", role, "--area", T1, "--name",
                  f"ชื่อ {owner}", "--password-file", str(server_password_file)]
                 for owner, role in (("fw_1", "field_worker"), ("co_1", "coordinator"))],
               folder=folder, database_url=database_url)
    data_dir = folder / "desktop"
    env = client_env(data_dir)
    created = desktop_cli("profile", "create", "--profile", PROFILE, "--display-name",
                          "สมชาย ใจดี", "--password-file", str(password_file), env=env)
    found = re.search(r"recovery key .*: (\S+)", created)
    assert found, created
    profile = Profile(base, profile_store.unlock_profile(
        data_dir / "profiles", PROFILE, password=PROFILE_PASSWORD))
    coordinator = open_http_laptop(template, folder, base, "co_1", SERVER_PASSWORD)
    loop = Loop(profile, coordinator, edits, folder, env, log)
    login = loop.run(None, "--server", base, "--username", username("fw_1"),
                     "--server-password-file", str(server_password_file), work=0)
    with profile.opened() as laptop:
        loop.user_id = laptop.user_id
    assert loop.user_id

    # Calibration: the login run syncs nothing; one timed uncut run syncs some ops.
    idle = timed(login, log, loop.user_id, profile.after(login)[1])["after_hello"]
    loop.edit_locally(CALIBRATION_OPS)
    run = loop.run(None, work=CALIBRATION_OPS)
    calibrated = timed(run, log, loop.user_id, profile.after(run)[1])
    timing = Timing(calibrated["to_hello"], idle,
                    max(0.0, calibrated["after_hello"] - idle) / CALIBRATION_OPS,
                    calibrated["after_pull"])
    calibration = copy.deepcopy(timing)
    progress(f"calibration: {timing}")

    work = loop.edit_locally(initial_ops)  # the outbox was empty
    setup_s = time.monotonic() - started
    while sum(run.killed for run in loop.runs) < kills:
        assert len(loop.runs) < 3 * kills, "too many runs ended before their kill"
        run = loop.run(timing.kill(rng, work), work=work)
        work, finished_at = profile.after(run)
        timing.follow(run, log, loop.user_id, finished_at)
        if edits.random() < LOCAL_EDITS[0]:
            work += loop.edit_locally(edits.randint(*LOCAL_EDITS[1:]))
        if edits.random() < SERVER_EDITS[0]:
            work += loop.edit_on_server(edits.randint(*SERVER_EDITS[1:]))  # to pull
    loop_s = time.monotonic() - started - setup_s

    # The end: everyone syncs once more, uncut.
    coordinator.sync()
    final = loop.run(None, work=work)
    coordinator.sync()

    history = profile.history()
    kdf = json.loads(profile.unlocked.info.folder.joinpath("profile.json").read_text(
        encoding="utf-8"))["keys"]["kdf"]
    stages = classify(loop.runs, history, log, loop.user_id, int(kdf["memory_kib"]))
    figures = {"kills": len(stages), "runs": len(loop.runs),
               "ops": len(loop.made), "coordinator_ops": len(loop.made_elsewhere),
               "stages": Counter(stage_group(s) for s in stages),
               "stages_detail": Counter(stages), "timing": calibration, "end_timing": timing,
               "most_work": max(loop.work.values()),
               "final_s": round(final.ended - final.started, 2),
               "setup_s": round(setup_s, 1), "loop_s": round(loop_s, 1)}
    report(figures)  # before the checks: a failure still shows where the kills fell

    with profile.opened() as laptop:
        with laptop.database.reader.connect() as connection:
            acked = {row.op_id for row in connection.execute(select(acked_ops.c.op_id))}
            waiting = {row.op_id for row in connection.execute(select(outbox.c.op_id))}
        assert not waiting, f"the outbox holds {len(waiting)} ops after the final run"
        assert len(loop.made) == len(set(loop.made))
        assert acked == set(loop.made), (
            f"made but not acknowledged: {sorted(set(loop.made) - acked)}; "
            f"acknowledged but never made: {sorted(acked - set(loop.made))}")
        laptops = [laptop, coordinator]
        check_converged(laptops, database)
        figures["statuses"] = check_ops(laptops, database, loop.made + loop.made_elsewhere)
        check_replays(laptops, database)
        check_integrity(laptops, database)
    coordinator.close()
    check_history(loop.runs, history)
    check_unlocks(data_dir, found.group(1))
    figures["total_s"] = round(time.monotonic() - started, 1)
    return figures


# -- where the kills fell -----------------------------------------------------------------------
def history_of(run: Run, history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for row in history
            if run.started <= iso_time(row["started_at"]) <= run.ended]


def classify(runs: list[Run], history: list[dict[str, Any]], log: RequestLog,
             user_id: str, kdf_memory_kib: int) -> list[str]:
    """The stage of each killed run.  A process that had sent a request had derived its
    key: the least peak memory among those, less half the KDF's memory, is what a
    process deriving its key has at least."""
    time.sleep(0.2)  # the access-log lines of requests that outlived their client
    for run in runs:
        run.requests = log.between(run.started, run.ended, user_id)
    unlocked = [run.peak_kib for run in runs if run.killed and run.peak_kib
                and any(r.start <= run.killed_at for r in run.requests)]
    argon2_peak = min(unlocked) - kdf_memory_kib // 2 if unlocked else None
    stages = []
    for run in runs:
        if run.killed:
            rows = history_of(run, history)
            run.stage = stage_of(run, run.requests, rows[0]["outcome"] if rows else None,
                                 argon2_peak)
            stages.append(run.stage)
    return stages


def check_history(runs: list[Run], history: list[dict[str, Any]]) -> None:
    """One history row per run that opened the profile: ``ok`` for an uncut run;
    ``interrupted``, never finished, for a killed one — marked so by the next run
    (``ok`` if it was killed after its row was closed); none for a run killed before it opened the profile; no row of no
    run and none in another state."""
    assert {row["outcome"] for row in history} <= HISTORY_OUTCOMES, history
    owned = 0
    for run in runs:
        rows = history_of(run, history)
        owned += len(rows)
        assert len(rows) <= 1, f"run {run.number} left {len(rows)} history rows"
        if not run.killed:
            assert [r["outcome"] for r in rows] == ["ok"], (run.number, rows)
        elif rows:
            row = rows[0]
            assert row["outcome"] in ("interrupted", "ok"), (run.number, run.stage, row)
            assert (row["finished_at"] is None) == (row["outcome"] == "interrupted"), row
        else:
            assert run.stage in (IMPORTING, UNLOCKING), (run.number, run.stage)
    assert owned == len(history), "history rows of no run"


def check_unlocks(data_dir: Path, recovery_key: str) -> None:
    service = ProfileService(data_dir / "profiles")
    service.unlock(PROFILE, password=PROFILE_PASSWORD).close()
    service.unlock(PROFILE, recovery_key=recovery_key).close()
    names = {p.name for p in (data_dir / "profiles" / PROFILE).iterdir()}
    assert names <= {"profile.json", "replica.db", "replica.db-wal", "replica.db-shm",
                     "files", "sync.lock"}, names  # the lock is free: the OS let go of it


def report(figures: dict[str, Any]) -> None:
    timing = figures["timing"]
    print(f"\nkill loop: {figures['kills']} kills in {figures['runs']} runs, "
          f"{figures['ops']} field-worker ops, {figures['coordinator_ops']} coordinator ops; "
          f"most ops waiting for one run {figures['most_work']}")
    print(f"  calibration: hello answered {timing.to_hello:.2f} s after the start, then "
          f"{timing.idle:.2f} s + {timing.per_op * 1000:.1f} ms per op to the end; "
          f"{timing.after_pull:.2f} s from the pull's answer; the final run took "
          f"{figures['final_s']} s")
    end = figures["end_timing"]
    print(f"  at the end: hello after {end.to_hello:.2f} s, window scales "
          f"{ {k: round(v, 2) for k, v in end.scale.items()} }")
    print(f"  time: setup {figures['setup_s']} s, loop {figures['loop_s']} s")
    for stage, count in sorted(figures["stages"].items(), key=lambda kv: -kv[1]):
        print(f"  {count:4d}  {stage}")
    print(f"  in detail: {dict(sorted(figures['stages_detail'].items()))}")


def kill_loop(kills: int, initial_ops: int, server: str, database: Database,
              database_url: str, template: ReplicaTemplate, folder: Path) -> None:
    with access_log() as log:
        figures = run_kill_loop(kills, initial_ops, server, database, database_url, template,
                                folder, log)
    print(f"  statuses {figures['statuses']}; {figures['total_s']} s in all")
    assert figures["kills"] >= kills


@pytest.mark.parametrize("backend", ["sqlite"], scope="session")
def test_kill_loop(real_server: str, database: Database, database_url: str,
                   replica_template: ReplicaTemplate, tmp_path: Path) -> None:
    kill_loop(50, INITIAL_OPS, real_server, database, database_url, replica_template,
              tmp_path)


@pytest.mark.slow
def test_kill_loop_long(real_server: str, database: Database, database_url: str,
                        replica_template: ReplicaTemplate, tmp_path: Path) -> None:
    """``PORPIANG_KILL_LOOP_KILLS`` kills (300), on SQLite and on PostgreSQL."""
    kills = int(os.environ.get("PORPIANG_KILL_LOOP_KILLS", "300"))
    kill_loop(kills, INITIAL_OPS_LONG, real_server, database, database_url,
              replica_template, tmp_path)


# -- what the loop found ------------------------------------------------------------------------
def test_a_push_over_the_body_limit_is_sent_in_smaller_batches(
        client: TestClient, database: Database, replica_template: ReplicaTemplate,
        settings: ServerSettings, tmp_path: Path) -> None:
    """Found by the kill loop on the tests' small body limit (256 KiB), once a few
    hundred ops were waiting; on a real server's 4 MiB it takes about 350 household
    ops with long notes (4,000 Thai characters is 12 KB)."""
    ids = add_people(database)
    laptop = open_laptop(replica_template, tmp_path, "fw", "fw_1", ids["fw_1"], client)
    note = "หลังคารั่วซึมหลายจุด " * 100  # 2,100 characters, 6 KB
    count = settings.max_body_bytes // len(note.encode("utf-8")) + 5
    for number in range(count):
        laptop.replica.save("household", T1, {"house_no": str(number + 1), "moo": 1,
                                              "notes": note})
    report = laptop.sync()
    assert report.statuses == {"applied": count}
    assert laptop.replica.pending_ops(limit=1) == []
    laptop.close()
