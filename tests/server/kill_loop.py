"""The pieces of the ``kill -9`` loop (``test_kill_loop.py``): a real ``porpiang sync
run`` process against a real uvicorn server on 127.0.0.1, killed with SIGKILL at
random points, and what tells afterwards where each kill fell.

- :class:`RequestLog` keeps the server's own access log (``porpiang.server.access``:
  path, status, duration and user of each request; the start is the end less the
  duration), so every request of a run is known, even one still running on the
  server when its client died.
- :func:`stage_of` names the stage a kill fell in, from the requests the run had
  started before the kill and from the sync-history row it left in the profile.
- :func:`open_http_laptop` is a second laptop (another account) talking to the live
  server over real HTTP, to edit on the server side between kills.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from requests.adapters import HTTPAdapter

from desktop.store.engine import open_database
from desktop.store.replica import LocalReplica
from sync.client.transport import Transport
from sync.records import enums as E
from sync.records.ids import new_id
from sync.server.logs import ACCESS_LOGGER
from tests.server.faults import FaultyAdapter
from tests.server.laptops import WRITES, Laptop, ReplicaTemplate, live_rows, username


# -- the server's access log ------------------------------------------------------------
@dataclass(frozen=True)
class Request:
    path: str  # e.g. "/api/v1/sync/push"
    status: int
    start: float  # time.time() of its start on the server
    end: float  # time.time() when the server had answered (or given up on the client)
    user_id: str | None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class RequestLog(logging.Handler):
    """Every request the server logged (its access log), in the order they ended."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.requests: list[Request] = []
        self._lock = threading.Condition()

    def emit(self, record: logging.LogRecord) -> None:
        entry = record.msg
        if not isinstance(entry, dict) or entry.get("event") != "request":
            return
        end = record.created
        request = Request(str(entry["path"]), int(entry["status"]),
                          end - float(entry["duration_ms"]) / 1000, end, entry.get("user_id"))
        with self._lock:
            self.requests.append(request)
            self._lock.notify_all()

    def between(self, start: float, end: float, user_id: str) -> list[Request]:
        """The requests of ``user_id`` that began within [start, end], by start."""
        with self._lock:
            found = [r for r in self.requests
                     if r.user_id == user_id and start <= r.start <= end]
        return sorted(found, key=lambda r: r.start)


    def answered(self, name: str, user_id: str, since: float,
                 timeout: float) -> Request | None:
        """The first ``name`` request of ``user_id`` begun since ``since`` once the
        server has answered it, waiting at most ``timeout`` seconds for it."""
        def found() -> Request | None:
            return next((r for r in self.requests if r.name == name and
                         r.user_id == user_id and r.start >= since), None)
        with self._lock:
            self._lock.wait_for(found, timeout)
            return found()


@contextmanager
def access_log() -> Iterator[RequestLog]:
    """The server's access log, kept (and not passed on: thousands of lines)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    handler, level, propagate = RequestLog(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


# -- one run of the client process ------------------------------------------------------
@dataclass(frozen=True)
class Kill:
    """When to send SIGKILL: ``delay`` seconds after the process started
    (``after="start"``), or after the server answered the run's first request of that
    name (``after="hello"``, ``after="pull"``: the kill falls within the sync however
    long the start-up took)."""

    after: str
    delay: float

    def __str__(self) -> str:
        return f"kill {self.delay:.2f} s after {self.after}"


@dataclass
class Run:
    number: int
    started: float  # time.time() just before the process was started
    kill: Kill | None  # None: left to finish
    killed_at: float | None = None  # time.time() of the SIGKILL (None: not killed)
    ended: float = 0.0
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    peak_kib: int | None = None  # the process's peak memory when it was killed
    stage: str = ""
    requests: list[Request] = field(default_factory=list)

    @property
    def killed(self) -> bool:
        return self.killed_at is not None


def run_client(argv: list[str], env: dict[str, str], number: int, kill: Kill | None,
               folder: Path, log: RequestLog, user_id: str | None, *,
               timeout: float = 120) -> Run:
    """Start ``porpiang`` with ``argv`` and SIGKILL it as ``kill`` says if it is still
    running then; wait for it to end either way."""
    out, err = folder / f"run-{number}.out", folder / f"run-{number}.err"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        started = time.time()
        process = subprocess.Popen([sys.executable, "-m", "desktop", *argv], env=env,
                                   stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
        run = Run(number, started, kill)
        try:
            anchor: float | None = started
            if kill is not None and kill.after != "start":
                assert user_id is not None
                anchor = None
                while anchor is None and process.poll() is None \
                        and time.time() < started + timeout:
                    answered = log.answered(kill.after, user_id, started, 0.02)
                    anchor = answered.end if answered else None
            if kill is not None and anchor is not None:
                try:
                    process.wait(timeout=max(0.0, anchor + kill.delay - time.time()))
                except subprocess.TimeoutExpired:
                    run.peak_kib = peak_memory_kib(process.pid)
                    process.send_signal(signal.SIGKILL)
                    run.killed_at = time.time()
            run.returncode = process.wait(timeout=timeout)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    run.ended = time.time()
    run.stdout = out.read_text(encoding="utf-8", errors="replace")
    run.stderr = err.read_text(encoding="utf-8", errors="replace")
    return run


def peak_memory_kib(pid: int) -> int | None:
    """The peak resident memory of a running process (``VmHWM``), where /proc has it."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def client_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PORPIANG_") or k == "PORPIANG_TEST_POSTGRES_URL"}
    env.update({"PORPIANG_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"})
    return env


# -- where a kill fell ------------------------------------------------------------------
def iso_time(text: str) -> float:
    """A store timestamp ("YYYY-MM-DDTHH:MM:SS.mmmZ", UTC) as time.time() seconds."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=UTC).timestamp()


# Kills before any request.  Before its history row (written once the profile is
# unlocked and open) the process was importing, or deriving the key with Argon2,
# which takes the profile's KDF memory at once: its peak memory tells which.
IMPORTING = "start-up: interpreter and imports"
UNLOCKING = "start-up: argon2 unlock, opening the profile"
OPENED = "profile open, history row written, hello not yet sent"
# Kills after the run had closed its history row: closing the profile, exiting.
FINISHED = "sync over (history row closed), process exiting"


def stage_of(run: Run, requests: list[Request], history: str | None,
             argon2_peak_kib: int | None) -> str:
    """Where the kill fell: before any request (told apart by the history row —
    ``history`` is its outcome, ``None`` when there is none — and by the peak memory
    against ``argon2_peak_kib``, what a process that is deriving its key has at
    least), after the run closed its history row, or else on the last request the
    run had begun: still on the server ("in flight": the server may commit after the
    client died) or answered (the client was applying the answer, or preparing its
    next request)."""
    assert run.killed_at is not None
    begun = [r for r in requests if r.start <= run.killed_at]
    if history == "ok":
        return FINISHED
    if not begun:
        if history is not None:
            return OPENED
        unlocking = (run.peak_kib is not None and argon2_peak_kib is not None
                     and run.peak_kib >= argon2_peak_kib)
        return UNLOCKING if unlocking else IMPORTING
    last = begun[-1]
    count = sum(1 for r in begun if r.name == last.name)
    state = "in flight" if last.end > run.killed_at else "answered"
    return f"{last.name} #{count} {state}"


def stage_group(stage: str) -> str:
    """``"push #2 answered"`` -> ``"push answered"``."""
    parts = stage.split()
    if len(parts) == 3 and parts[1].startswith("#"):
        return f"{parts[0]} {parts[2]}"
    return stage


# -- a second laptop over real HTTP -----------------------------------------------------
def open_http_laptop(template: ReplicaTemplate, folder: Path, base: str, owner: str,
                     password: str) -> Laptop:
    """A copy of the replica template opened as a new device of ``owner`` (a key of
    ``tests.server.laptops.PEOPLE``), logged in to the live server over HTTP."""
    path = folder / f"{owner}.db"
    shutil.copyfile(template.path, path)
    database = open_database(path, template.key, migrate=False)
    replica = LocalReplica(database, device_id=new_id())
    adapter = FaultyAdapter(HTTPAdapter())  # no fault rates: keeps what it delivered
    transport = Transport(base, adapter=adapter, timeout=60, retries=3, backoff=0.05)
    answer = transport.login({"username": username(owner), "password": password,
                              "device_id": replica.device_id, "device_name": owner,
                              "public_keys": replica.identity.public_keys()})
    user_id = answer["user"]["id"]
    replica.set_user(user_id)
    return Laptop(owner, owner, user_id, replica, database, adapter, transport,
                  server_key=answer["server_key"])


# -- what people save -------------------------------------------------------------------
HOUSE_NO = ("1", "12/3", "45", "7/1ก", "99")


def make_ops(laptop: Laptop, rng: random.Random, count: int) -> list[str]:
    """``count`` things a person saves on ``laptop`` (the mix of
    ``test_sync_faults.make_op``: new households and members, deletes, edits of the
    rows it holds, merging and conflicting with other devices' edits); the ids of
    the ops, in order.  The rows it holds are read once, not once per op."""
    held = live_rows(laptop, "household", "member")
    made: list[str] = []
    for _ in range(count):
        live = sorted(held)
        households = [key for key in live if key[0] == "household"]
        roll = rng.random()
        if roll < 0.2 or not households:
            tambon = rng.choice(WRITES[laptop.owner])
            saved = laptop.replica.save("household", tambon, {
                "house_no": rng.choice(HOUSE_NO), "moo": rng.randint(1, 5)})
            held[("household", saved.record.id)] = tambon
        elif roll < 0.4:
            _, household_id = rng.choice(households)
            tambon = held[("household", household_id)]
            saved = laptop.replica.save("member", tambon, {
                "household_id": household_id, "given_name": rng.choice(("สมใจ", "มาลี")),
                "vulnerability": rng.sample(E.VULNERABILITY.values[:4], 1)})
            held[("member", saved.record.id)] = tambon
        elif roll < 0.43:
            type_name, record_id = rng.choice(live)
            made += [op.op_id for op in laptop.replica.delete(type_name, record_id)]
            held = live_rows(laptop, "household", "member")  # its subtree went too
            continue
        else:
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
        made.append(saved.op.op_id)
    return made
