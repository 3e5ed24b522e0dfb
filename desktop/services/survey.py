"""A household's survey: its priority score, its eligibility, and saving it.

**The priority score** is a sum of weights taken from the fiscal year's programme
settings (``ProgrammeSettings.score_weights``; see ``desktop.services.programme``):

* each vulnerability tag found among the household's live members adds the tag's
  weight once, however many members carry it (``bedridden`` 20 × 1);
* each house part surveyed as ``dangerous`` adds ``condition_dangerous``, and each
  part surveyed as ``damaged`` adds ``condition_damaged`` (two dangerous parts:
  20 × 2).  Parts in ``good`` or ``fair`` condition add nothing.

A weight the settings do not name counts 0; its line still shows, with weight 0.
Risks and eligibility answers do not change the score.

**Eligibility** is decided by the checklist's required items alone: eligible when
every required item is answered yes, not eligible when every required item is
answered and one is no, undecided (``None``) while a required item is unanswered.

**The settings used** are those of the fiscal year (BE) of the survey date, or of
today when the date is not given: the published ``programme_settings`` record, else
the defaults shipped with the app.  A saved survey keeps ``priority_score`` and, when
the settings were a published record, that record's ``settings_id`` and
``settings_version`` (both empty for the defaults).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.services.models import DraftView, HouseholdDetail, RecordView
from desktop.services.programme import (
    ProgrammeSettings,
    current_fiscal_year,
    settings_for,
)
from desktop.services.workspace import Workspace
from desktop.store.rows import children
from sync.records import enums as E
from sync.records.errors import ContractError, Issue
from sync.records.registry import record_type
from sync.records.thai import fiscal_year_of
from sync.records.validation import validate_fields

log = logging.getLogger("porpiang.drafts")

SCORED_CONDITIONS = ("dangerous", "damaged")  # the conditions that add to the score
SURVEY_FIELDS = ("survey_date", "surveyor_name", "part_conditions", "risks",
                 "eligibility_answers", "notes")
SURVEY_DATE_LABEL = {"label_th": "วันที่สำรวจ", "label_en": "Survey date"}


@dataclass(frozen=True)
class ScoreLine:
    """One term of the score: ``weight × count`` points."""

    key: str  # a vulnerability tag ("bedridden") or "condition_dangerous"/"condition_damaged"
    weight: int  # from the settings; 0 when they do not name the key
    count: int  # 1 for a tag; the number of parts for a condition
    parts: tuple[str, ...] = ()  # the house parts in that condition (the reason)

    @property
    def points(self) -> int:
        return self.weight * self.count


@dataclass(frozen=True)
class ScoreBreakdown:
    total: int
    lines: tuple[ScoreLine, ...] = ()


@dataclass(frozen=True)
class SurveyContext:
    """What the survey form reads before it shows anything (one worker-thread call)."""

    detail: HouseholdDetail
    survey: RecordView | None  # the latest live survey, if any
    draft: DraftView | None  # what was typed and autosaved before, if any
    settings: ProgrammeSettings


# -- the score -----------------------------------------------------------------------------
def _members(household: HouseholdDetail | Iterable[Any]) -> list[Mapping[str, Any]]:
    """Live members' fields from a household detail, member views or field mappings."""
    rows = household.members if isinstance(household, HouseholdDetail) else household
    out = []
    for row in rows:
        if getattr(row, "deleted", False):
            continue
        out.append(row.fields if isinstance(row, RecordView) else row)
    return out


def household_tags(household: HouseholdDetail | Iterable[Any]) -> list[str]:
    """The vulnerability tags of the household's live members, each once, in the
    enumeration's order."""
    found = {tag for fields in _members(household) for tag in fields.get("vulnerability") or ()}
    return [tag for tag in E.VULNERABILITY.values if tag in found]


def priority_score(settings: ProgrammeSettings, household: HouseholdDetail | Iterable[Any],
                   survey_fields: Mapping[str, Any]) -> ScoreBreakdown:
    """The score of the module docstring, with the lines that made it."""
    weights = settings.score_weights
    lines = [ScoreLine(tag, int(weights.get(tag, 0)), 1) for tag in household_tags(household)]
    conditions = survey_fields.get("part_conditions") or {}
    for condition in SCORED_CONDITIONS:
        parts = tuple(p for p in E.REPAIR_CATEGORY.values if conditions.get(p) == condition)
        if parts:
            key = f"condition_{condition}"
            lines.append(ScoreLine(key, int(weights.get(key, 0)), len(parts), parts))
    return ScoreBreakdown(sum(line.points for line in lines), tuple(lines))


def eligibility(settings: ProgrammeSettings,
                answers: Mapping[str, Any] | None) -> tuple[bool | None, list[str]]:
    """Eligible or not (``None`` until every required item is answered), and the
    required items not answered yet."""
    answers = answers or {}
    required = [str(item["key"]) for item in settings.eligibility_checklist
                if item.get("required")]
    missing = [key for key in required if answers.get(key) is None]
    if missing:
        return None, missing
    return all(answers.get(key) is True for key in required), []


# -- settings -------------------------------------------------------------------------------
def survey_fiscal_year(survey_date: str | None) -> int:
    """The fiscal year (BE) of the survey date; today's when there is no valid date."""
    try:
        return fiscal_year_of(date.fromisoformat(survey_date)) if survey_date else \
            current_fiscal_year()
    except ValueError:
        return current_fiscal_year()


def settings_for_survey(workspace: Workspace, survey_date: str | None) -> ProgrammeSettings:
    """The settings of the survey date's fiscal year; those of the current fiscal year
    when that year is older than any default and has no published record."""
    try:
        return settings_for(workspace, survey_fiscal_year(survey_date))
    except ContractError:
        return settings_for(workspace, current_fiscal_year())


# -- reading ---------------------------------------------------------------------------------
def survey_for(workspace: Workspace, household_id: str) -> RecordView | None:
    """The household's latest live survey (by survey date, then by last change)."""
    with workspace.database.reader.connect() as connection:
        rows = children(connection, "survey", "household_id", [household_id])
    if not rows:
        return None
    latest = max(rows, key=lambda r: (r.fields.get("survey_date") or "", r.hlc or ""))
    return RecordView.of(latest)


def survey_draft_id(household_id: str) -> str:
    """One survey draft per household: reopening the form replaces it."""
    return f"survey-{household_id}"


def survey_draft(workspace: Workspace, household_id: str) -> DraftView | None:
    wanted = survey_draft_id(household_id)
    return next((d for d in workspace.drafts()
                 if d.draft_id == wanted and d.origin == "autosave"), None)


def open_survey(workspace: Workspace, household_id: str) -> SurveyContext:
    """Everything the form needs, read in one call (meant for a worker thread)."""
    detail = workspace.get_household(household_id)
    survey = survey_for(workspace, household_id)
    draft = survey_draft(workspace, household_id)
    shown = (draft.fields if draft else survey.fields if survey else {})
    settings = settings_for_survey(workspace, shown.get("survey_date")
                                   or date.today().isoformat())
    return SurveyContext(detail, survey, draft, settings)


def head_name(detail: HouseholdDetail) -> str:
    """The head's given and family name (the first member's when no head is named)."""
    head_id = detail.household.fields.get("head_member_id")
    head = next((m.fields for m in detail.members if m.id == head_id),
                detail.members[0].fields if detail.members else {})
    return " ".join(filter(None, (head.get("given_name"), head.get("family_name"))))


# -- checking and writing --------------------------------------------------------------------
def survey_issues(fields: Mapping[str, Any], *, date_bad: bool = False) -> dict[str, Issue]:
    """What the contract refuses in the form's fields as a draft (a date in the future,
    a bad value), by top-level field; ``date_bad``: the date typed is no date."""
    clean = {k: v for k, v in fields.items() if k in SURVEY_FIELDS}
    checked = validate_fields(record_type("survey"), clean, state=None)
    issues = {name: i for i in checked.errors
              if (name := (i.field or "").split(".")[0]) in SURVEY_FIELDS}
    if date_bad:
        issues["survey_date"] = Issue("date.invalid", "survey_date", SURVEY_DATE_LABEL)
    return issues


def _norm(value: Any) -> Any:
    """A value as a record keeps it: empty is no value, a set in any order."""
    if isinstance(value, list | tuple):
        value = sorted(value)
    return None if value in ("", [], {}) else value


def _same(value: Any, stored: Any) -> bool:
    return _norm(value) == _norm(stored)


def save_survey(workspace: Workspace, household_id: str, fields: Mapping[str, Any],
                survey_id: str | None = None, *, draft_id: str | None = None) -> RecordView:
    """Save the survey with its score and the settings it used (only what changed, for
    a survey already saved); the draft named goes in the same transaction."""
    given = {k: v for k, v in fields.items() if k in SURVEY_FIELDS}
    stored = workspace.get_record("survey", survey_id).fields if survey_id else {}
    whole = {**stored, **given}
    settings = settings_for_survey(workspace, whole.get("survey_date"))
    score = priority_score(settings, workspace.get_household(household_id), whole)
    given |= {"priority_score": score.total, "settings_id": settings.settings_id,
              "settings_version": settings.version}
    if survey_id:
        change = {k: v for k, v in given.items() if not _same(v, stored.get(k))}
        if not change:
            if draft_id:
                workspace.discard_draft(draft_id)
            return workspace.get_record("survey", survey_id)
    else:
        change = {k: v for k, v in given.items() if v not in (None, "", [], {})}
        change["household_id"] = household_id
    return workspace.save("survey", change, record_id=survey_id, draft_id=draft_id).record


def write_survey_draft(workspace: Workspace, draft_id: str, fields: Mapping[str, Any],
                       survey_id: str | None, tambon: str | None) -> str:
    """The form as typed, in the drafts table (never an op)."""
    workspace.autosave(draft_id, "survey", dict(fields), record_id=survey_id, tambon=tambon)
    log.info("draft saved %s", draft_id)
    return draft_id
