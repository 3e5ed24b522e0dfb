"""The command lines: ``porpiang`` and ``porpiang-server``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli
from desktop.paths import DATA_DIR_ENV, AppPaths, default_data_dir, resolve_data_dir
from sync.server import cli as server_cli

NOT_YET = "is not available in this version yet"
NOT_BUILT = [
    ["sync", "export-bundle"],
    ["sync", "import-bundle"],
    ["sync", "enrolment-file"],
    ["export"],
    ["import", "households.xlsx"],
    ["print", "--form", "survey"],
    ["backup", "list"],
    ["backup", "restore"],
    ["bench", "run", "--quick"],
]


def run_porpiang(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("argv", NOT_BUILT, ids=lambda argv: " ".join(argv))
def test_commands_not_built_yet_exit_2_with_one_line(argv, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert NOT_YET in err and len(err.splitlines()) == 1


def test_help_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in cli.COMMANDS:
        assert name in out
    assert "--self-test" in out and "--data-dir" in out


@pytest.mark.parametrize("argv", [["sync", "run", "--help"], ["bench", "store", "--help"]])
def test_subcommand_help(argv, capsys):
    assert cli.main(argv) == 0
    assert "--data-dir" in capsys.readouterr().out


def test_profile_commands_take_profile_and_password_file(capsys):
    assert cli.main(["sync", "run", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--profile" in out and "--password-file" in out


def test_usage_errors_exit_2(capsys):
    assert cli.main(["no-such-command"]) == 2
    assert cli.main(["screenshots"]) == 2  # --out is required
    assert cli.main(["--self-test", "--demo"]) == 2


def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("porpiang ")


def test_password_from_file_then_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(cli.PASSWORD_ENV, "from-env")
    secret = tmp_path / "password.txt"
    secret.write_text("ลับมาก s3cret\nsecond line\n", encoding="utf-8")
    assert cli.read_password(cli.build_parser().parse_args(
        ["sync", "run", "--password-file", str(secret)])) == "ลับมาก s3cret"
    assert cli.read_password(cli.build_parser().parse_args(["sync", "run"])) == "from-env"
    monkeypatch.delenv(cli.PASSWORD_ENV)
    assert cli.read_password(cli.build_parser().parse_args(["sync", "run"])) is None
    with pytest.raises(cli.CliError):
        cli.read_password(cli.build_parser().parse_args(
            ["sync", "run", "--password-file", str(tmp_path / "missing")]))


def test_data_dir_option_wins_over_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "option") == (tmp_path / "option").resolve()
    assert resolve_data_dir() == (tmp_path / "env").resolve()
    monkeypatch.delenv(DATA_DIR_ENV)
    assert resolve_data_dir() == default_data_dir()
    assert default_data_dir().name == "porpiang"


def test_data_dir_given_before_or_after_the_command():
    parser = cli.build_parser()
    assert parser.parse_args(["--data-dir", "a", "sync", "run"]).data_dir == "a"
    assert parser.parse_args(["sync", "run", "--data-dir", "b"]).data_dir == "b"


def test_app_paths(tmp_path):
    paths = AppPaths(tmp_path / "data").ensure()
    assert paths.profiles_dir.is_dir() and paths.logs_dir.is_dir()
    assert paths.profile_dir("field-1") == tmp_path / "data" / "profiles" / "field-1"
    for bad in ("", "..", "a/b", "a\\b"):
        with pytest.raises(ValueError):
            paths.profile_dir(bad)


def test_self_test_passes_in_a_subprocess():
    result = run_porpiang("--self-test", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for check in ("database", "resources", "geography", "font", "translation", "thai breaks",
                  "photos", "window"):
        assert any(line.startswith("ok") and f" {check}:" in line for line in lines), lines
    assert lines[-1].startswith("self-test passed")


def test_screenshots_command_writes_png_files(tmp_path):
    result = run_porpiang("screenshots", "--out", str(tmp_path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    from tests.ui.test_app import SCREENSHOT_NAMES

    expected = sorted(f"{name}-en.png" for name in SCREENSHOT_NAMES)
    assert sorted(p.name for p in tmp_path.iterdir()) == expected


def test_screenshots_command_fails_on_a_missing_glyph(tmp_path, monkeypatch, capsys):
    pytest.importorskip("PySide6")
    from desktop.ui import screenshots

    def with_a_missing_glyph(out, languages):
        raise screenshots.MissingGlyphsError(["about-th: heading (QLabel): U+6F22 漢"])

    monkeypatch.setattr(screenshots, "save_screenshots", with_a_missing_glyph)
    assert cli.main(["screenshots", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "cannot draw" in err and "about-th: heading (QLabel): U+6F22" in err


def test_console_scripts_are_installed():
    bin_dir = Path(sys.executable).parent
    for script, expected in (("porpiang", 0), ("porpiang-server", 0)):
        path = bin_dir / script
        if not path.exists():
            pytest.skip(f"{script} is not installed next to {sys.executable}")
        result = subprocess.run([str(path), "--help"], capture_output=True, text=True, timeout=60)
        assert result.returncode == expected, result.stderr


def test_server_help_and_usage(capsys):
    assert server_cli.main(["--help"]) == 0
    assert "migrate" in capsys.readouterr().out
    assert server_cli.main([]) == 2


def test_missing_qt_is_reported_as_a_missing_extra(monkeypatch, capsys):
    def without_qt(args, paths):
        raise ModuleNotFoundError("No module named 'PySide6'", name="PySide6")

    monkeypatch.setitem(cli.HANDLERS, "--self-test", without_qt)
    assert cli.main(["--self-test"]) == 1
    assert "porpiang[desktop]" in capsys.readouterr().err


def test_shipped_defaults_are_thai_first():
    from desktop.defaults import load_ui_defaults, parse_ui_defaults

    defaults = load_ui_defaults()
    assert defaults.language == "th" and defaults.languages == ("th", "en")
    with pytest.raises(ValueError):
        parse_ui_defaults({"language": "fr", "languages": ["th", "en"]})


def test_resources_are_found():
    from desktop import paths

    assert paths.translation_file("th").is_file()
    assert paths.ui_defaults_file().is_file()
    assert paths.programme_defaults_file().is_file()
