"""``porpiang profile create|list`` and ``porpiang demo create`` on a real data folder."""

from __future__ import annotations

import pytest

from desktop import cli
from desktop.services.profiles import ProfileService


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def test_create_and_list_profiles(data_dir, tmp_path, capsys):
    password_file = tmp_path / "pw.txt"
    password_file.write_text("a long password\n", encoding="utf-8")
    code = cli.main(["profile", "create", "--profile", "field1", "--display-name", "สมใจ ใจดี",
                     "--password-file", str(password_file), "--data-dir", str(data_dir)])
    out = capsys.readouterr().out
    assert code == 0 and "recovery key" in out
    recovery = out.strip().splitlines()[-1].split(": ")[-1]
    assert cli.main(["profile", "list", "--data-dir", str(data_dir)]) == 0
    assert "field1\tสมใจ ใจดี" in capsys.readouterr().out
    service = ProfileService(data_dir / "profiles")
    service.unlock("field1", password="a long password").close()
    service.unlock("field1", recovery_key=recovery).close()


def test_profile_create_refuses_a_short_password_with_a_coded_message(data_dir, monkeypatch,
                                                                      capsys):
    monkeypatch.setenv("PORPIANG_PASSWORD", "short")
    code = cli.main(["profile", "create", "--profile", "field1", "--data-dir", str(data_dir)])
    assert code == 1
    assert "profile.weak_password" in capsys.readouterr().err
    assert ProfileService(data_dir / "profiles").list_profiles() == []


def test_demo_create_fills_the_demo_profile(data_dir, capsys):
    assert cli.main(["demo", "create", "--households", "30", "--data-dir", str(data_dir)]) == 0
    assert cli.main(["demo", "create", "--households", "20", "--data-dir", str(data_dir)]) == 0
    assert "added 20 demo households" in capsys.readouterr().out
    workspace = ProfileService(data_dir / "profiles").unlock("demo")
    try:
        assert workspace.count_households() == 50 and workspace.replica.demo
        assert workspace.replica.pending_ops(limit=1) == []  # demo data makes no ops
    finally:
        workspace.close()


def test_demo_create_into_another_profile_needs_its_password(data_dir, monkeypatch, capsys):
    ProfileService(data_dir / "profiles").create_profile("bench", "a long password")
    code = cli.main(["demo", "create", "--households", "5", "--profile", "bench",
                     "--data-dir", str(data_dir)])
    assert code == 1 and "profile.password_required" in capsys.readouterr().err
    monkeypatch.setenv("PORPIANG_PASSWORD", "a long password")
    assert cli.main(["demo", "create", "--households", "5", "--profile", "bench",
                     "--data-dir", str(data_dir)]) == 0
