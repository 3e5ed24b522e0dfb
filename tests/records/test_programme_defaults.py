"""The shipped programme defaults are valid programme settings for every year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync.records.errors import ContractError
from sync.records.programme import default_settings_fields
from sync.records.registry import record_type
from sync.records.types_repair import PROGRAMME_DEFAULT
from sync.records.validation import validate_fields

DEFAULTS = json.loads((Path(__file__).resolve().parents[2] / "resources" / "settings"
                       / "programme_defaults.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("year, cap_baht", [(2560, 18_000), (2563, 20_000), (2567, 20_000),
                                            (2568, 40_000), (2570, 40_000)])
def test_caps_by_fiscal_year(year, cap_baht):
    fields = default_settings_fields(DEFAULTS, year)
    assert fields["subsidy_cap"] == cap_baht * 100
    checked = validate_fields(record_type("programme_settings"), fields)
    assert checked.ok, checked.errors
    assert checked.fields == fields


def test_no_default_before_the_first_listed_year():
    with pytest.raises(ContractError):
        default_settings_fields(DEFAULTS, 2559)


def test_defaults_name_the_contract_programme_and_known_vulnerabilities():
    from sync.records.enums import VULNERABILITY
    assert DEFAULTS["programme"] == PROGRAMME_DEFAULT
    weights = DEFAULTS["score_weights"]
    assert set(VULNERABILITY.values) <= set(weights)
    keys = [item["key"] for item in DEFAULTS["eligibility_checklist"]]
    assert len(keys) == len(set(keys))
