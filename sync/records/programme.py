"""Default programme settings: what applies until an administrator publishes the
fiscal year's ``programme_settings`` record.

The defaults ship as ``resources/settings/programme_defaults.json`` and are never
stored as records; callers read that file and pass its parsed JSON here.
"""

from __future__ import annotations

from typing import Any, Mapping

from sync.records.errors import ContractError


def default_settings_fields(defaults: Mapping[str, Any], fiscal_year: int) -> dict[str, Any]:
    """The ``programme_settings`` fields for ``fiscal_year`` (BE) from the defaults.

    A year after the last one listed takes the last listed cap; a year before the
    first has no default (``ContractError``): nobody plans years gone by afresh.
    """
    caps = {int(year): cap for year, cap in defaults["subsidy_cap_by_fiscal_year"].items()}
    known = [year for year in sorted(caps) if year <= fiscal_year]
    if not known:
        raise ContractError("fiscal_year.invalid", "fiscal_year", min=min(caps), max=2700)
    return {
        "programme": defaults["programme"],
        "fiscal_year": fiscal_year,
        "subsidy_cap": caps[known[-1]],
        "eligibility_checklist": [dict(item) for item in defaults["eligibility_checklist"]],
        "score_weights": dict(defaults["score_weights"]),
    }
