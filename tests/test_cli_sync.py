"""``porpiang sync run`` against a real server process on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desktop import cli
from desktop.services.profiles import ProfileService
from desktop.store.schema import sync_history

SERVER_PASSWORD = "server password 1"
PROFILE_PASSWORD = "profile password 1"


def free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_cli(*argv: str, data: Path) -> None:
    subprocess.run([sys.executable, "-m", "sync.server.cli", *argv, "--data-dir", str(data)],
                   check=True, capture_output=True, text=True, timeout=120,
                   env={**os.environ, "PORPIANG_PASSWORD": SERVER_PASSWORD})


@pytest.fixture(scope="module")
def server_data(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("server")


@pytest.fixture(scope="module")
def server(server_data):
    """A migrated SQLite server with one field worker of tambon 800101, serving."""
    data, port = server_data, free_port()
    server_cli("migrate", data=data)
    server_cli("user", "add", "somchai", "--role", "field_worker", "--area", "800101",
               "--name", "สมชาย", data=data)
    process = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "run", "--port",
                                str(port), "--data-dir", str(data)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/health", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    yield base
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "desktop"


def files(tmp_path):
    profile, secret = tmp_path / "pw.txt", tmp_path / "server-pw.txt"
    profile.write_text(PROFILE_PASSWORD + "\n", encoding="utf-8")
    secret.write_text(SERVER_PASSWORD + "\n", encoding="utf-8")
    return str(profile), str(secret)


def test_login_then_sync_a_saved_household(server, data_dir, tmp_path, capsys):
    profile_pw, server_pw = files(tmp_path)
    ProfileService(data_dir / "profiles").create_profile("field1", PROFILE_PASSWORD)
    workspace = ProfileService(data_dir / "profiles").unlock("field1", password=PROFILE_PASSWORD)
    workspace.save("household", {"house_no": "1", "moo": 2}, tambon="800101")
    workspace.close()  # saved before the first login: signed again in the user's name
    code = cli.main(["sync", "run", "--profile", "field1", "--password-file", profile_pw,
                     "--server", server, "--username", "somchai",
                     "--server-password-file", server_pw, "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    out = captured.out
    assert code == 0, captured.err + out
    assert "logged in as สมชาย (field_worker)" in out and "1 applied" in out
    assert cli.main(["sync", "run", "--profile", "field1", "--password-file", profile_pw,
                     "--data-dir", str(data_dir)]) == 0
    assert "sent 0 changes" in capsys.readouterr().out
    workspace = ProfileService(data_dir / "profiles").unlock("field1", password=PROFILE_PASSWORD)
    try:
        assert workspace.replica.pending_ops(limit=5) == []
        with workspace.database.reader.connect() as connection:
            outcomes = [r.outcome for r in connection.execute(sync_history.select())]
        assert outcomes == ["ok", "ok"]
    finally:
        workspace.close()


def test_an_unreachable_server_is_reported_and_nothing_is_lost(data_dir, tmp_path, capsys):
    profile_pw, server_pw = files(tmp_path)
    ProfileService(data_dir / "profiles").create_profile("field2", PROFILE_PASSWORD)
    code = cli.main(["sync", "run", "--profile", "field2", "--password-file", profile_pw,
                     "--server", f"http://127.0.0.1:{free_port()}", "--username", "x",
                     "--server-password-file", server_pw, "--data-dir", str(data_dir)])
    assert code == 1 and "network.unreachable" in capsys.readouterr().err


def test_a_demo_profile_never_syncs(data_dir, tmp_path, capsys):
    ProfileService(data_dir / "profiles").create_demo_profile()
    code = cli.main(["sync", "run", "--profile", "demo", "--data-dir", str(data_dir)])
    assert code == 1 and "profile.demo_no_sync" in capsys.readouterr().err


def test_a_clock_behind_the_last_server_time_is_warned_about_at_start(data_dir, tmp_path,
                                                                       capsys):
    """The laptop's clock reads three days earlier than the server time its profile
    last saw (a flat clock battery): the command says so before it syncs."""
    import time

    from desktop.store.rows import write_setting

    profile_pw, server_pw = files(tmp_path)
    ProfileService(data_dir / "profiles").create_profile("field3", PROFILE_PASSWORD)
    workspace = ProfileService(data_dir / "profiles").unlock("field3", password=PROFILE_PASSWORD)
    with workspace.database.writer.begin() as connection:
        write_setting(connection, "server_time_ms", time.time_ns() // 1_000_000
                      + 3 * 86_400_000 + 60_000)
    workspace.close()
    code = cli.main(["sync", "run", "--profile", "field3", "--password-file", profile_pw,
                     "--server", f"http://127.0.0.1:{free_port()}", "--username", "x",
                     "--server-password-file", server_pw, "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 1 and "network.unreachable" in err
    assert "about 3 days behind" in err and "(clock.behind_days)" in err


def history_outcomes(data_dir: Path, name: str) -> list[str]:
    workspace = ProfileService(data_dir / "profiles").unlock(name, password=PROFILE_PASSWORD)
    try:
        with workspace.database.reader.connect() as connection:
            return [r.outcome for r in connection.execute(
                sync_history.select().order_by(sync_history.c.id))]
    finally:
        workspace.close()


def test_a_revoked_device_takes_a_new_identity_and_its_household_is_kept(
        server, server_data, data_dir, tmp_path, capsys):
    """The laptop was reported lost and its device revoked; found again, it still holds
    an unsent household.  ``sync run`` without ``--username`` takes a new identity,
    stops and says what to do; with it, the new identity logs in and the household
    goes out (kept by the server as a conflict for the tambon: its signer is the
    revoked device).  A history row left ``running`` by a killed run is marked
    ``interrupted``."""
    profile_pw, server_pw = files(tmp_path)
    ProfileService(data_dir / "profiles").create_profile("field4", PROFILE_PASSWORD)
    login = ["sync", "run", "--profile", "field4", "--password-file", profile_pw,
             "--data-dir", str(data_dir)]
    with_user = [*login, "--server", server, "--username", "somchai",
                 "--server-password-file", server_pw]
    assert cli.main(with_user) == 0
    workspace = ProfileService(data_dir / "profiles").unlock("field4", password=PROFILE_PASSWORD)
    old_id = workspace.replica.device_id
    workspace.save("household", {"house_no": "4/1", "moo": 3}, tambon="800101")
    with workspace.database.writer.begin() as connection:  # a run killed mid-sync
        connection.execute(sync_history.insert().values(
            started_at="2026-11-30T01:00:00.000Z", channel="network", outcome="running"))
    workspace.close()
    server_cli("user", "revoke", "somchai", "--device", old_id, data=server_data)
    capsys.readouterr()

    assert cli.main(login) == 1
    captured = capsys.readouterr()
    assert "(auth.device_revoked)" in captured.err and "run again with" in captured.err
    assert cli.main(with_user) == 0
    captured = capsys.readouterr()
    assert "logged in as สมชาย (field_worker)" in captured.out
    assert "1 quarantined" in captured.out, captured.out
    workspace = ProfileService(data_dir / "profiles").unlock("field4", password=PROFILE_PASSWORD)
    try:
        assert workspace.replica.device_id != old_id
        assert workspace.replica.pending_ops(limit=5) == []
    finally:
        workspace.close()
    assert history_outcomes(data_dir, "field4") == ["ok", "interrupted", "failed", "ok"]


def test_a_copied_profile_logs_in_again_with_a_new_identity_in_the_same_run(
        server, data_dir, tmp_path, capsys):
    """A profile folder copied to a second laptop: each copy saves a household under
    the same op number.  The copy's run is told to take a new device id; given
    ``--username``, it logs in again with the new identity and syncs once more in the
    same run, and nothing either laptop saved is lost."""
    import shutil

    profile_pw, server_pw = files(tmp_path)
    ProfileService(data_dir / "profiles").create_profile("field5", PROFILE_PASSWORD)
    other_dir = tmp_path / "other-laptop"

    def run(where: Path) -> int:
        return cli.main(["sync", "run", "--profile", "field5", "--password-file", profile_pw,
                         "--data-dir", str(where), "--server", server, "--username",
                         "somchai", "--server-password-file", server_pw])

    assert run(data_dir) == 0
    shutil.copytree(data_dir / "profiles", other_dir / "profiles")
    ids = []
    for where, house_no in ((data_dir, "5/1"), (other_dir, "5/2")):
        workspace = ProfileService(where / "profiles").unlock("field5",
                                                              password=PROFILE_PASSWORD)
        ids.append(workspace.replica.device_id)
        workspace.save("household", {"house_no": house_no, "moo": 5}, tambon="800101")
        workspace.close()
    assert ids[0] == ids[1]
    assert run(data_dir) == 0
    capsys.readouterr()

    assert run(other_dir) == 0
    captured = capsys.readouterr()
    assert "(sync.new_device_id_required)" in captured.err, captured.err
    assert "logged in again as สมชาย (field_worker) with a new device identity" in captured.out
    workspace = ProfileService(other_dir / "profiles").unlock("field5",
                                                              password=PROFILE_PASSWORD)
    try:
        assert workspace.replica.device_id != ids[0]
        assert workspace.replica.pending_ops(limit=5) == []
    finally:
        workspace.close()
    print(captured.out)
    assert history_outcomes(other_dir, "field5") == ["ok", "failed", "ok"]
