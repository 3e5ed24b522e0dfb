"""A throwaway PostgreSQL cluster for the server tests.

``PORPIANG_TEST_POSTGRES_URL`` (set by ``.ci/run``) names a running server to use: a
URL of a database the tests may connect to and create databases from (``postgres``).
Without it, the tests start their own cluster in a temporary folder when the
PostgreSQL binaries are installed (``initdb`` under ``/usr/lib/postgresql/*/bin`` or
on ``PATH``), as the ``postgres`` user when running as root (PostgreSQL refuses
root), and stop it at the end of the session.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

URL_ENV = "PORPIANG_TEST_POSTGRES_URL"


def postgres_bin_dir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``, or ``None`` if PostgreSQL is missing."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    on_path = shutil.which("initdb")
    for found in [*candidates, on_path]:
        if found and os.access(found, os.X_OK):
            return Path(found).parent
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_cluster_owner(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


def _run(argv: list[str]) -> None:
    result = subprocess.run(_as_cluster_owner(argv), capture_output=True, text=True,
                            timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {result.stdout}{result.stderr}")


@contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[str]:
    """Start a cluster on a free port of 127.0.0.1; yield the ``postgres`` database URL."""
    folder = Path(tempfile.mkdtemp(prefix="porpiang-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    _run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
          "-E", "UTF8", "--no-sync"])
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
          str(folder / "log"), "-w", "start"])
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(folder, ignore_errors=True)
