"""The floors of ARCHITECTURE.md, checked by import-linter and by importing.

The contracts live in pyproject.toml ([tool.importlinter]).  Besides them, the
modules that must start without Qt are imported in a fresh interpreter.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports_command() -> list[str]:
    beside = Path(sys.executable).parent / "lint-imports"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is not installed (pip install import-linter)")
    return [found]


def test_all_import_contracts_are_kept():
    result = subprocess.run(
        [*lint_imports_command(), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 broken" in report, report


@pytest.mark.parametrize(
    "module", ["desktop.cli", "desktop.paths", "desktop.defaults", "sync.server.cli"]
)
def test_module_starts_without_qt(module):
    code = (
        f"import sys, {module}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_server_cli_imports_nothing_of_desktop():
    code = (
        "import sys, sync.server.cli\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'desktop']\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
