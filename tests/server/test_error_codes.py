"""Every code the server answers with has Thai and English texts in the catalogue, is
used somewhere, and is listed in docs/server.md."""

from __future__ import annotations

import re
from pathlib import Path

from sync.records.errors import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
CODE_USE = re.compile(
    r"""(?:ApiError\(\s*\d{3},|error_response\(\s*request,\s*\d{3},|ContractError\(|Issue\()"""
    r"""\s*["']([a-z_]+\.[a-z_.]+)["']""")
SERVER_PREFIXES = ("request.", "auth.", "scope.", "area.", "user.", "device.", "server.")


def server_codes_in_use() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "sync" / "server").rglob("*.py"):
        codes |= set(CODE_USE.findall(path.read_text(encoding="utf-8")))
    return codes


def test_codes_in_use_are_found_and_catalogued():
    used = server_codes_in_use()
    assert {"auth.locked", "request.too_large", "scope.out_of_area", "area.unknown"} <= used
    assert used - set(CATALOGUE) == set()


def test_every_server_code_of_the_catalogue_is_used():
    catalogued = {code for code in CATALOGUE if code.startswith(SERVER_PREFIXES)}
    assert catalogued - server_codes_in_use() == set()


def test_docs_list_every_server_code():
    page = (ROOT / "docs" / "server.md").read_text(encoding="utf-8")
    missing = {code for code in CATALOGUE if code.startswith(SERVER_PREFIXES)
               and f"`{code}`" not in page}
    assert missing == set()
