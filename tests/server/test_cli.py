"""``porpiang-server``: migrate, the first administrator, the user commands."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sync.server import cli, cli_commands
from sync.server.app import create_app
from sync.server.settings import DATA_DIR_ENV, SQLITE_FILE, ServerSettings, default_data_dir
from tests.server.conftest import FAST_PASSWORDS
from tests.server.world import login_body


@pytest.fixture
def server(empty_database_url: str, tmp_path: Path):
    """Runs ``porpiang-server`` in this process on an empty database."""
    data_dir = tmp_path / "server-data"

    def run(*argv: str) -> int:
        return cli.main([*argv, "--data-dir", str(data_dir), "--database-url",
                         empty_database_url])

    run.url, run.data_dir = empty_database_url, data_dir
    return run


@pytest.fixture
def fast_hashing(monkeypatch):
    """Cheap argon2 for the commands of this test (the first-admin test keeps the real
    cost)."""
    real = cli_commands.settings_of
    monkeypatch.setattr(cli_commands, "settings_of",
                        lambda args: replace(real(args), passwords=FAST_PASSWORDS))


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "password.txt"
    path.write_text("รหัสผ่าน ยาวพอ\n", encoding="utf-8")
    return path


def login(server, username: str, password: str = "รหัสผ่าน ยาวพอ"):
    settings = ServerSettings(data_dir=server.data_dir, database_url=server.url)
    with TestClient(create_app(settings)) as client:
        return client.post("/api/v1/auth/login", json=login_body(username, password))


def test_the_first_admin_on_an_empty_database(server, password_file, capsys):
    assert server("user", "add", "root", "--role", "admin", "--password-file",
                  str(password_file)) == 1
    assert "porpiang-server migrate" in capsys.readouterr().err
    assert server("migrate") == 0
    assert server("user", "add", "Root", "--role", "admin", "--name", "ผู้ดูแลระบบ",
                  "--password-file", str(password_file)) == 0
    answer = login(server, "root")
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["role"] == "admin"
    assert answer.json()["user"]["name"] == "ผู้ดูแลระบบ"


def test_passwords_come_from_a_file_or_the_environment_never_a_prompt(server, monkeypatch,
                                                                      capsys, fast_hashing):
    assert server("migrate") == 0
    monkeypatch.delenv(cli.PASSWORD_ENV, raising=False)
    assert server("user", "add", "root", "--role", "admin") == 2
    assert "--password-file" in capsys.readouterr().err
    assert server("user", "add", "root", "--role", "admin", "--password-file",
                  "/nonexistent/file") == 2
    monkeypatch.setenv(cli.PASSWORD_ENV, "from the environment")
    assert server("user", "add", "root", "--role", "admin") == 0
    assert login(server, "root", "from the environment").status_code == 200


def test_user_commands(server, password_file, monkeypatch, capsys, fast_hashing):
    monkeypatch.setenv(cli.PASSWORD_ENV, "another password")
    assert server("migrate") == 0
    assert server("user", "add", "root", "--role", "admin") == 0
    assert server("user", "add", "somchai", "--role", "field_worker", "--area", "800101") == 0
    assert server("user", "set-role", "somchai", "coordinator") == 0
    assert server("user", "assign", "somchai", "8001", "800201") == 0
    assert login(server, "somchai", "another password").status_code == 200  # a device
    capsys.readouterr()
    assert server("user", "list", "--json") == 0
    users = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert (users["somchai"]["role"], users["somchai"]["areas"]) == ("coordinator",
                                                                     ["8001", "800201"])
    device_id = users["somchai"]["devices"][0]["id"]
    assert server("user", "revoke", "somchai", "--device", device_id) == 0
    assert server("user", "reset-password", "somchai", "--password-file",
                  str(password_file)) == 0
    assert login(server, "somchai").status_code == 200
    assert server("user", "revoke", "somchai") == 0
    assert login(server, "somchai").json()["error"]["code"] == "auth.user_inactive"
    capsys.readouterr()
    assert server("user", "list") == 0
    listing = capsys.readouterr().out
    assert "somchai" in listing and "deactivated" in listing and "2 revoked" in listing


REFUSALS = [
    (["user", "add", "xyz1", "--role", "field_worker", "--area", "999999"], "[area.unknown]"),
    (["user", "add", "xyz2", "--role", "coordinator"], "[user.areas_required]"),
    (["user", "add", "x", "--role", "admin"], "[user.bad_username]"),
    (["user", "add", "root", "--role", "admin"], "[user.exists]"),
    (["user", "set-role", "root", "supervisor"], "[user.areas_required]"),
    (["user", "revoke", "root"], "[user.last_admin]"),
    (["user", "assign", "nobody", "80"], "no user named 'nobody'"),
    (["user", "revoke", "root", "--device", "nope"], "has no device nope"),
]


def test_refusals_exit_1_with_the_coded_reason(server, monkeypatch, capsys, fast_hashing):
    monkeypatch.setenv(cli.PASSWORD_ENV, "a long password")
    assert server("migrate") == 0
    assert server("user", "add", "root", "--role", "admin") == 0
    for argv, message in REFUSALS:
        capsys.readouterr()
        assert server(*argv) == 1, argv
        assert message in capsys.readouterr().err, argv


def test_usage_errors_exit_2(capsys):
    assert cli.main(["user", "add", "x", "--role", "emperor"]) == 2
    assert cli.main(["user"]) == 2
    assert cli.main(["no-such-command"]) == 2
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in cli.COMMANDS)


def test_options_go_before_or_after_the_command():
    parser = cli.build_parser()
    assert parser.parse_args(["--data-dir", "a", "migrate"]).data_dir == "a"
    assert parser.parse_args(["migrate", "--data-dir", "b"]).data_dir == "b"
    assert parser.parse_args(["--database-url", "u", "user", "list"]).database_url == "u"


def test_the_default_data_folder_is_the_servers_own(tmp_path, monkeypatch):
    assert default_data_dir().name == "server" and default_data_dir().parent.name == "porpiang"
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    monkeypatch.delenv("PORPIANG_SERVER_DATABASE_URL", raising=False)
    assert cli.main(["migrate"]) == 0
    assert (tmp_path / "elsewhere" / SQLITE_FILE).is_file()
    assert (tmp_path / "elsewhere" / "backups").is_dir()
