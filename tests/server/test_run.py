"""``porpiang-server run``: a real uvicorn on 127.0.0.1 in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from sync.server import cli
from tests.server.pg_cluster import free_port


def server_command(*argv: str, url: str, data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "sync.server.cli", *argv, "--data-dir", str(data_dir),
            "--database-url", url]


def wait_for_health(base: str, process: subprocess.Popen, seconds: float = 30) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            return httpx.get(f"{base}/health", timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not answer /health in time")


def test_run_serves_health_on_127_0_0_1(empty_database_url, tmp_path):
    data_dir, port = tmp_path / "data", free_port()
    assert cli.main(["migrate", "--data-dir", str(data_dir), "--database-url",
                     empty_database_url]) == 0
    command = server_command("run", "--port", str(port), url=empty_database_url,
                             data_dir=data_dir)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        answer = wait_for_health(f"http://127.0.0.1:{port}", process)
        assert answer.status_code == 200 and answer.headers["X-Protocol"] == "1"
        refused = httpx.get(f"http://127.0.0.1:{port}/api/v1/users", timeout=5)
        assert refused.json()["error"]["code"] == "auth.required"
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    # uvicorn shuts down cleanly, then re-raises the SIGTERM it caught
    assert process.returncode in (0, -signal.SIGTERM), errors
    assert "Application shutdown complete." in errors
    lines = [json.loads(line) for line in errors.splitlines() if line.startswith("{")]
    requests = [(e["path"], e["status"]) for e in lines if e.get("event") == "request"]
    assert ("/health", 200) in requests and ("/api/v1/users", 401) in requests


def test_run_refuses_a_database_that_is_not_migrated(empty_database_url, tmp_path, capsys):
    assert cli.main(["run", "--port", str(free_port()), "--data-dir", str(tmp_path),
                     "--database-url", empty_database_url]) == 1
    assert "porpiang-server migrate" in capsys.readouterr().err
