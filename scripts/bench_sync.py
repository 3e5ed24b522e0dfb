#!/usr/bin/env python3
"""Sync benchmark: one field worker pushes N demo households, a supervisor pulls them.

    .venv/bin/python scripts/bench_sync.py [--households 10000]
        [--database sqlite|postgresql|both] [--replica local|memory] [--json PATH]

Prints figures, asserts nothing.  The method (what is timed and what is not) is in
``docs/bench-sync.md``.  For each database:

1. a fresh server database (a SQLite file, or a new database on a PostgreSQL
   server: ``PORPIANG_TEST_POSTGRES_URL``, else a throwaway cluster started here)
   and the real app under uvicorn on 127.0.0.1 (a free port), in a thread;
2. two users made with the server's accounts functions: a field worker of tambon
   800101 and a supervisor of its district (8001);
3. the field worker's profile (a real ``LocalReplica`` on an encrypted database,
   FAST_KDF; or ``--replica memory``) logs in and **saves** every record of N demo
   households, one signed op each (not timed as push: reported apart);
4. push: hello, then the whole outbox in batches of 500 (timed);
5. pull: a fresh supervisor profile logs in and pulls everything (timed);
6. the slower side (lower records/s) runs once more under cProfile — a second field
   device pushing a sample of new households, or a second supervisor profile pulling
   everything — and the top 15 functions by cumulative time are printed for the
   client thread and for the server's handler (its worker threads).
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a file: the repository's packages (tests too)
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from sync.client.engine import SyncEngine, SyncReport  # noqa: E402
from sync.client.memory import MemoryReplica  # noqa: E402
from sync.client.transport import Transport  # noqa: E402
from sync.records.signing import b64encode  # noqa: E402
from sync.server import pull as server_pull  # noqa: E402
from sync.server import push as server_push  # noqa: E402
from sync.server.accounts import create_user  # noqa: E402
from sync.server.app import create_app  # noqa: E402
from sync.server.db import Database  # noqa: E402
from sync.server.migrate import upgrade  # noqa: E402
from sync.server.models import RECORD_TABLES  # noqa: E402
from sync.server.passwords import Passwords  # noqa: E402
from sync.server.settings import PasswordPolicy, ServerSettings  # noqa: E402
from tests.server.pg_cluster import URL_ENV, free_port, postgres_bin_dir  # noqa: E402

TAMBON = "800101"  # ในเมือง, เมืองนครศรีธรรมราช (the demo tambon)
DISTRICT = "8001"
PASSWORD = "bench password 1"
# Accounts are made with a cheap argon2 cost: logins are not what is measured.
CHEAP_PASSWORDS = PasswordPolicy(time_cost=1, memory_cost_kib=8, parallelism=1)
PUSH_BATCH = 500  # the protocol's most per request
PULL_LIMIT = 1000  # the engine's default page
TOP = 15
PROJECT_CODE = r"/(sync|desktop)/"
# Every figure printed for each database (the smoke test checks them all).
FIGURES = (
    "households", "replica", "records saved", "save seconds", "save records/s",
    "push seconds", "push records/s", "push requests", "push bytes sent",
    "push bytes received", "push statuses", "push time split",
    "pull seconds", "pull records/s", "pull requests", "pull bytes sent",
    "pull bytes received", "pull time split", "rows on server", "rows pulled",
    "profiled side",
)


# -- timing helpers -------------------------------------------------------------------
class Stopwatch:
    """Seconds spent inside wrapped callables (any thread), summed."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0
        self._lock = threading.Lock()

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                with self._lock:
                    self.seconds += time.perf_counter() - started
                    self.calls += 1
        return timed


class TimedReplica:
    """The replica as the engine sees it, with the time spent in its calls counted."""

    def __init__(self, replica: Any, watch: Stopwatch) -> None:
        self._replica, self._watch = replica, watch

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._replica, name)
        return self._watch.wrap(value) if callable(value) else value


class ServerProfile:
    """cProfile of the server's push/pull handlers, one profiler per call (they run in
    the server's worker threads), merged into one set of stats."""

    def __init__(self) -> None:
        self.stats: pstats.Stats | None = None
        self._lock = threading.Lock()

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def profiled(*args: Any, **kwargs: Any) -> Any:
            profiler = cProfile.Profile()
            try:
                return profiler.runcall(function, *args, **kwargs)
            finally:
                with self._lock:
                    if self.stats is None:
                        self.stats = pstats.Stats(profiler)
                    else:
                        self.stats.add(profiler)
        return profiled


@contextmanager
def server_handlers(wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> Iterator[None]:
    """``sync.server.push.push`` and ``sync.server.pull.pull`` wrapped (the routes look
    them up at each call), restored afterwards."""
    originals = server_push.push, server_pull.pull
    server_push.push, server_pull.pull = wrap(originals[0]), wrap(originals[1])
    try:
        yield
    finally:
        server_push.push, server_pull.pull = originals


def top_functions(stats: pstats.Stats, limit: int = TOP, *, only: str | None = None) -> str:
    """The ``limit`` functions of most cumulative time (this script's wrappers left out;
    ``only``: a regular expression the file and function must match)."""
    buffer = io.StringIO()
    stats.stream = buffer  # type: ignore[attr-defined]
    stats.sort_stats("cumulative")
    stats.print_stats(*([only] if only else []), limit + 10)
    lines = [line.replace(str(ROOT) + "/", "") for line in buffer.getvalue().splitlines()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    rows = [line for line in lines[start + 1:]
            if line.strip() and "bench_sync.py" not in line][:limit]
    return "\n".join([lines[start], *rows])


# -- the server -----------------------------------------------------------------------
@contextmanager
def live_server(settings: ServerSettings, database: Database) -> Iterator[str]:
    """The real app under uvicorn on 127.0.0.1 (a free port), in a thread."""
    import uvicorn

    config = uvicorn.Config(create_app(settings, database=database), host="127.0.0.1",
                            port=free_port(), log_config=None, log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="bench-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the sync server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)


def _as_postgres(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@contextmanager
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server URL (``postgres`` database): ``PORPIANG_TEST_POSTGRES_URL``,
    else a throwaway cluster in a temporary folder — with fsync **on**, as a real
    server runs (the test clusters turn it off)."""
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise RuntimeError(f"PostgreSQL is not installed: apt-get install postgresql, "
                           f"or set {URL_ENV}")
    folder = Path(tempfile.mkdtemp(prefix="porpiang-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()

    def run(argv: list[str]) -> None:
        subprocess.run(_as_postgres(argv), check=True, capture_output=True, timeout=120)

    run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
         "-E", "UTF8"])
    run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
         f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"])
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


def _admin(server_url: str, statement: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@contextmanager
def fresh_database(kind: str, folder: Path, stack: ExitStack) -> Iterator[Database]:
    """A new, migrated server database of ``kind``; dropped (PostgreSQL) at the end."""
    if kind == "sqlite":
        database = Database(f"sqlite:///{folder / 'server.sqlite3'}")
        upgrade(database)
        try:
            yield database
        finally:
            database.dispose()
        return
    server_url = stack.enter_context(postgres_server())
    name = f"porpiang_bench_{uuid.uuid4().hex[:12]}"
    _admin(server_url, f"CREATE DATABASE {name}")
    database = Database(server_url.rsplit("/", 1)[0] + f"/{name}")
    try:
        upgrade(database)
        yield database
    finally:
        database.dispose()
        _admin(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def make_users(database: Database) -> None:
    passwords = Passwords(CHEAP_PASSWORDS)
    with database.writing() as session:
        create_user(session, passwords, username="bench-field", name="ผู้สำรวจ ทดสอบ",
                    role="field_worker", areas=[TAMBON], password=PASSWORD)
        create_user(session, passwords, username="bench-supervisor", name="ผู้ดูแล ทดสอบ",
                    role="supervisor", areas=[DISTRICT], password=PASSWORD)


def rows_on_server(database: Database) -> int:
    with database.reading() as session:
        return sum(int(session.execute(select(func.count()).select_from(table).where(
            table.c.tambon == TAMBON)).scalar_one()) for table in RECORD_TABLES.values())


# -- the client -----------------------------------------------------------------------
@dataclass
class Client:
    replica: Any
    transport: Transport
    close: Callable[[], None]

    def count_rows(self) -> int:
        if isinstance(self.replica, MemoryReplica):
            return len(self.replica.rows)
        from desktop.store.schema import RECORDS

        with self.replica.database.reader.connect() as connection:
            return sum(int(connection.execute(select(func.count()).select_from(table))
                           .scalar_one()) for table in RECORDS.values())


def open_client(kind: str, folder: Path, base: str, username: str, profile: str) -> Client:
    """A new profile (``local``: encrypted ``LocalReplica``; ``memory``), logged in."""
    transport = Transport(base, timeout=600, retries=0)
    if kind == "local":
        from desktop.services.profiles import ProfileService
        from desktop.store.crypto import FAST_KDF

        service = ProfileService(folder / "profiles", kdf=FAST_KDF)
        service.create_profile(profile, PASSWORD)
        workspace = service.unlock(profile, password=PASSWORD)
        replica, close = workspace.replica, workspace.close
        keys = {name: _url_safe(key) for name, key in replica.identity.public_keys().items()}
    else:
        replica = MemoryReplica(author="")
        keys = {"ed25519": replica.key.public_key(), "x25519": replica.key.public_key()}
        close = lambda: None  # noqa: E731
    answer = transport.login({"username": username, "password": PASSWORD,
                              "device_id": replica.device_id,
                              "device_name": f"bench {profile}", "public_keys": keys})
    if kind == "local":
        replica.set_user(answer["user"]["id"])
    else:
        replica.author = answer["user"]["id"]
    transport.counters.__init__()  # login is not part of any figure
    return Client(replica, transport, close)


def _url_safe(key: str) -> str:
    """A public key as the server wants it (URL-safe base64).  Committed versions of
    ``DeviceIdentity.public_keys`` before the fix gave the X25519 key in standard
    base64, which the login refuses (``device.bad_key``) about 3 times in 4."""
    return b64encode(base64.b64decode(key.translate(str.maketrans("-_", "+/"))
                                      + "=" * (-len(key) % 4)))


def demo_records(households: int, *, seed: int, villages: bool) -> Iterator[tuple[str, str,
                                                                                  dict]]:
    """``(type, id, fields)`` of the demo households, parents first.  A project's
    ``status`` is left out: only workflow commands change it (``field.command_only``),
    so every case is saved as a field worker makes it, in draft."""
    from desktop.store.demo_data import demo_households, demo_villages

    if villages:
        yield from (("village", vid, fields) for vid, fields in demo_villages(TAMBON))
    for house in demo_households(households, tambon=TAMBON, seed=seed):
        for type_name, record_id, fields in house.records():
            if type_name == "repair_project":
                fields = {k: v for k, v in fields.items() if k != "status"}
            yield type_name, record_id, fields


def save_all(client: Client, households: int, *, seed: int, villages: bool) -> int:
    saved = 0
    for type_name, record_id, fields in demo_records(households, seed=seed,
                                                     villages=villages):
        client.replica.save(type_name, TAMBON, fields, record_id=record_id)
        saved += 1
    return saved


@dataclass
class Phase:
    seconds: float = 0.0
    records: int = 0
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    replica_s: float = 0.0
    http_s: float = 0.0
    server_s: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def split(self) -> str:
        other = max(self.seconds - self.replica_s - self.http_s, 0.0)
        transfer = max(self.http_s - self.server_s, 0.0)
        parts = [("server handler", self.server_s),
                 ("HTTP+JSON+gzip+framework", transfer),
                 ("client replica", self.replica_s), ("engine", other)]
        return ", ".join(f"{name} {seconds:.1f} s ({100 * seconds / self.seconds:.0f}%)"
                         for name, seconds in parts) if self.seconds else "-"


def run_phase(client: Client, stage: str, *, profile: tuple[cProfile.Profile,
                                                             ServerProfile] | None = None
              ) -> Phase:
    """Hello (not timed), then ``stage`` ("push" or "pull") timed and split."""
    replica_watch, http_watch, server_watch = Stopwatch(), Stopwatch(), Stopwatch()
    transport = client.transport
    engine = SyncEngine(TimedReplica(client.replica, replica_watch), transport,
                        push_batch=PUSH_BATCH, pull_limit=PULL_LIMIT)
    report = SyncReport()
    hello = engine.hello(report)
    before = vars(transport.counters).copy()
    replica_watch.seconds = 0.0
    original_post = transport.post
    transport.post = http_watch.wrap(original_post)  # type: ignore[method-assign]
    wrap = server_watch.wrap if profile is None else \
        (lambda f: server_watch.wrap(profile[1].wrap(f)))
    try:
        with server_handlers(wrap):
            if profile is not None:
                profile[0].enable()
            started = time.perf_counter()
            if stage == "push":
                engine.push(report)
            else:
                engine.pull(report, hello)
            seconds = time.perf_counter() - started
            if profile is not None:
                profile[0].disable()
    finally:
        transport.post = original_post  # type: ignore[method-assign]
    after = vars(transport.counters)
    return Phase(seconds=seconds, records=report.pushed if stage == "push" else report.pulled,
                 requests=after["requests"] - before["requests"],
                 bytes_sent=after["bytes_sent"] - before["bytes_sent"],
                 bytes_received=after["bytes_received"] - before["bytes_received"],
                 replica_s=replica_watch.seconds, http_s=http_watch.seconds,
                 server_s=server_watch.seconds, statuses=dict(report.statuses))


# -- one database ---------------------------------------------------------------------
def _mib(count: int) -> str:
    return f"{count:,} B ({count / 2**20:.1f} MiB)"


def bench_database(kind: str, households: int, replica_kind: str,
                   out: TextIO) -> dict[str, Any]:
    def say(name: str, value: Any) -> None:
        print(f"[{kind}] {name:<22} {value}", file=out, flush=True)

    figures: dict[str, Any] = {}
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(
            prefix=f"porpiang-bench-{kind}-")))
        database = stack.enter_context(fresh_database(kind, folder, stack))
        make_users(database)
        settings = ServerSettings(data_dir=folder / "server", database_url=database.url
                                  .render_as_string(hide_password=False),
                                  passwords=CHEAP_PASSWORDS).ensure_dirs()
        base = stack.enter_context(live_server(settings, database))
        say("households", f"{households:,}")
        replica_name = ("LocalReplica (encrypted SQLCipher profile, FAST_KDF)"
                        if replica_kind == "local" else "MemoryReplica")
        say("replica", replica_name)
        figures.update(households=households, replica=replica_name)

        field_client = open_client(replica_kind, folder, base, "bench-field", "field")
        stack.callback(field_client.close)
        started = time.perf_counter()
        saved = save_all(field_client, households, seed=1, villages=True)
        save_seconds = time.perf_counter() - started
        say("records saved", f"{saved:,} (one signed op each)")
        say("save seconds", f"{save_seconds:.1f} (not part of push)")
        say("save records/s", f"{saved / save_seconds:,.0f}")
        figures.update({"records saved": saved, "save seconds": round(save_seconds, 3),
                        "save records/s": round(saved / save_seconds, 1)})

        push = run_phase(field_client, "push")
        _report_phase(say, figures, "push", push)
        say("push statuses", ", ".join(f"{k}={v:,}" for k, v in sorted(push.statuses.items())))
        figures["push statuses"] = push.statuses

        pull_client = open_client(replica_kind, folder, base, "bench-supervisor",
                                  "supervisor")
        stack.callback(pull_client.close)
        pull = run_phase(pull_client, "pull")
        _report_phase(say, figures, "pull", pull)
        on_server, pulled = rows_on_server(database), pull_client.count_rows()
        say("rows on server", f"{on_server:,} (tambon {TAMBON})")
        say("rows pulled", f"{pulled:,} (in the supervisor's replica)")
        figures.update({"rows on server": on_server, "rows pulled": pulled})

        slower = "push" if push.rate < pull.rate else "pull"
        client_profile, server_profile = cProfile.Profile(), ServerProfile()
        if slower == "push":
            sample = max(10, households // 10)
            again = open_client(replica_kind, folder, base, "bench-field", "field-2")
            stack.callback(again.close)
            count = save_all(again, sample, seed=2, villages=False)
            what = f"push, a second field device pushing {count:,} records of {sample:,} " \
                   f"new households"
        else:
            again = open_client(replica_kind, folder, base, "bench-supervisor",
                                "supervisor-2")
            stack.callback(again.close)
            what = "pull, a second supervisor profile pulling everything"
        profiled = run_phase(again, slower, profile=(client_profile, server_profile))
        say("profiled side", f"{what} under cProfile: {profiled.seconds:.1f} s "
                             f"({profiled.rate:,.0f} records/s with the profiler)")
        figures["profiled side"] = {"side": slower, "what": what,
                                    "seconds": round(profiled.seconds, 3)}
        print(f"[{kind}] top {TOP} by cumulative time, client thread ({slower}; the "
              f"project's functions: sync/, desktop/):", file=out)
        print(top_functions(pstats.Stats(client_profile), only=PROJECT_CODE), file=out)
        if server_profile.stats is not None:
            print(f"[{kind}] top {TOP} by cumulative time, server handler "
                  f"(sync.server.{slower}.{slower}, its worker threads):", file=out)
            print(top_functions(server_profile.stats), file=out, flush=True)
    return figures


def _report_phase(say: Callable[[str, Any], None], figures: dict[str, Any], name: str,
                  phase: Phase) -> None:
    say(f"{name} seconds", f"{phase.seconds:.1f} ({phase.records:,} records)")
    say(f"{name} records/s", f"{phase.rate:,.0f}")
    say(f"{name} requests", f"{phase.requests:,}")
    say(f"{name} bytes sent", _mib(phase.bytes_sent))
    say(f"{name} bytes received", _mib(phase.bytes_received))
    say(f"{name} time split", phase.split())
    figures.update({
        f"{name} seconds": round(phase.seconds, 3), f"{name} records": phase.records,
        f"{name} records/s": round(phase.rate, 1), f"{name} requests": phase.requests,
        f"{name} bytes sent": phase.bytes_sent,
        f"{name} bytes received": phase.bytes_received,
        f"{name} time split": {"seconds": round(phase.seconds, 3),
                               "server_handler_s": round(phase.server_s, 3),
                               "http_s": round(phase.http_s, 3),
                               "client_replica_s": round(phase.replica_s, 3)}})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=10_000,
                        help="demo households the field worker saves (default 10000)")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"),
                        default="sqlite", help="the server's database (default sqlite)")
    parser.add_argument("--replica", choices=("local", "memory"), default="local",
                        help="the client replicas: the desktop's encrypted LocalReplica "
                             "(default) or the in-memory reference replica")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    return parser


def main(argv: list[str] | None = None, *, out: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = out or sys.stdout
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    results: dict[str, Any] = {
        "households": args.households, "replica": args.replica,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "databases": {}}
    for kind in kinds:
        results["databases"][kind] = bench_database(kind, args.households, args.replica, out)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
