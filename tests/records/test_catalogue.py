"""Every error code the project raises has Thai and English text in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

from sync.records.errors import CATALOGUE, message

ROOT = Path(__file__).resolve().parents[2]
# Issue("code", …), ContractError("code", …), _issue(f, "code", …), _bad(…) -> op.malformed
CODE_USE = re.compile(r"""(?:Issue|ContractError|_issue\(\w+,)\(?\s*["']([a-z_]+\.[a-z_.]+)["']""")


def used_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "sync").rglob("*.py"):
        codes |= set(CODE_USE.findall(path.read_text(encoding="utf-8")))
    return codes


def test_codes_in_use_are_found():
    codes = used_codes()
    assert {"national_id.checksum", "field.required", "cost.mismatch", "op.bad_signature",
            "workflow.role_forbidden", "field.type"} <= codes


def test_every_code_in_use_is_in_the_catalogue():
    assert used_codes() - set(CATALOGUE) == set()


def test_every_text_has_both_languages_and_thai_is_thai():
    for code, (th, en) in CATALOGUE.items():
        assert th and en, code
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in th), code
        assert not any("\u0e00" <= ch <= "\u0e7f" for ch in en), code


def test_parameters_are_filled():
    text = message("field.too_long", "en", label_en="Given name", max=100)
    assert text == "Given name: longer than 100 characters"
    text = message("field.too_long", "th", label_th="ชื่อ", max=100)
    assert text == "ชื่อ: ยาวเกิน 100 ตัวอักษร"


def test_records_page_is_current():
    from sync.records.describe import describe
    page = (ROOT / "docs" / "records.md").read_text(encoding="utf-8")
    assert page == describe(), "run: python -m sync.records.describe > docs/records.md"
