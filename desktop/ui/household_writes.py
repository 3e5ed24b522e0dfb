"""The household editor's writes, run on its one-thread runner: the household and
its members saved in order, and the form autosaved as a draft (no Qt here)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from desktop.services import ServiceError
from desktop.services.models import RecordView
from desktop.services.workspace import Workspace
from sync.records.errors import Issue

log = logging.getLogger("porpiang.drafts")


@dataclass(frozen=True)
class SavePlan:
    draft_id: str
    household_id: str | None
    tambon: str | None
    household: dict[str, Any]  # changed fields
    members: tuple[tuple[int, str | None, dict[str, Any]], ...]  # position, id, changes
    removed: tuple[str, ...]


@dataclass
class SaveOutcome:
    household: RecordView | None = None
    household_error: Issue | None = None
    members: dict[int, RecordView] = field(default_factory=dict)
    member_errors: dict[int, Issue] = field(default_factory=dict)


def write_household(workspace: Workspace, plan: SavePlan) -> SaveOutcome:
    """Save the household, then each member; discard the draft when all are saved."""
    outcome = SaveOutcome()
    try:
        outcome.household = workspace.save("household", plan.household,
                                           record_id=plan.household_id,
                                           tambon=plan.tambon).record
    except ServiceError as error:
        outcome.household_error = error.issue
        return outcome
    household_id = outcome.household.id
    for position, record_id, changes in plan.members:
        fields = changes if record_id else {**changes, "household_id": household_id}
        try:
            outcome.members[position] = workspace.save("member", fields,
                                                       record_id=record_id).record
        except ServiceError as error:
            outcome.member_errors[position] = error.issue
    for record_id in plan.removed:
        workspace.delete("member", record_id)
    heads = [m.id for m in outcome.members.values()
             if m.fields.get("relation_to_head") == "head"]
    if heads and outcome.household.fields.get("head_member_id") != heads[0]:
        outcome.household = workspace.save("household", {"head_member_id": heads[0]},
                                           record_id=household_id).record
    if not outcome.member_errors:
        workspace.discard_draft(plan.draft_id)
    return outcome


def write_draft(workspace: Workspace, draft_id: str, fields: dict[str, Any],
                record_id: str | None, tambon: str | None) -> str:
    workspace.autosave(draft_id, "household", fields, record_id=record_id, tambon=tambon)
    log.info("draft saved %s", draft_id)
    return draft_id



def changed(values: dict[str, Any], stored: dict[str, Any], exists: bool) -> dict[str, Any]:
    """The fields to send: for a new record the ones filled, else the ones that differ."""
    if exists:
        return {k: v for k, v in values.items() if v != stored.get(k)}
    return {k: v for k, v in values.items() if v is not None}
