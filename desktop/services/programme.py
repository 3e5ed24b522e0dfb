"""The programme settings a form works with: the fiscal year's subsidy cap, the
eligibility checklist and the score weights.

They are ``programme_settings`` records (natural key programme + fiscal year) that
an administrator publishes and every laptop pulls.  Until a fiscal year's record
arrives, the defaults shipped in ``resources/settings/programme_defaults.json``
apply, and the form says so (``source == "defaults"``, no version).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from desktop.paths import programme_defaults_file
from desktop.services.workspace import Workspace
from sync.records.ids import natural_id
from sync.records.programme import default_settings_fields
from sync.records.registry import record_type
from sync.records.thai import fiscal_year_of

PROGRAMME = "baan_por_piang"


@dataclass(frozen=True)
class ProgrammeSettings:
    programme: str
    fiscal_year: int  # Buddhist Era
    subsidy_cap: int  # satang per household
    eligibility_checklist: tuple[dict[str, Any], ...]  # {key, th, en, required}
    score_weights: dict[str, int]
    source: str  # "record" (published) or "defaults" (shipped with the app)
    settings_id: str | None = None  # the record's id, when published
    version: int | None = None  # the record's version, when published


@cache
def _defaults() -> dict[str, Any]:
    return json.loads(programme_defaults_file().read_text(encoding="utf-8"))


def current_fiscal_year(today: date | None = None) -> int:
    """The Thai fiscal year (BE) of ``today``: 1 October to 30 September."""
    return fiscal_year_of(today or date.today())


def settings_for(workspace: Workspace, fiscal_year: int,
                 programme: str = PROGRAMME) -> ProgrammeSettings:
    """The published settings of the fiscal year, else the shipped defaults."""
    settings_id = natural_id(record_type("programme_settings"), None,
                             {"programme": programme, "fiscal_year": fiscal_year})
    record = workspace.replica.get("programme_settings", settings_id)
    if record is not None and not record.deleted:
        f = record.fields
        return ProgrammeSettings(
            programme, fiscal_year, int(f["subsidy_cap"]),
            tuple(dict(item) for item in f.get("eligibility_checklist") or ()),
            {str(k): int(v) for k, v in (f.get("score_weights") or {}).items()},
            "record", record.id, record.version)
    f = default_settings_fields(_defaults(), fiscal_year)
    return ProgrammeSettings(programme, fiscal_year, int(f["subsidy_cap"]),
                             tuple(f["eligibility_checklist"]), dict(f["score_weights"]),
                             "defaults")
