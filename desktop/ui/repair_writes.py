"""The repair editor's reads and writes, run on task runners (no Qt here): the case
and its draft read together, the checklist saved in order (the project, each item,
the items removed, the co-funding), a workflow command given after a save, and the
form autosaved as a draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.services import ServiceError
from desktop.services.models import DraftView, RecordView
from desktop.services.repairs import (
    RepairCase,
    delete_item,
    give,
    load_case,
    open_project,
    save_co_funding,
    save_item,
)
from desktop.services.workspace import Workspace
from desktop.ui.household_writes import log
from sync.records.errors import Issue

DRAFT_TYPE = "repair_project"


def draft_id_of(project_id: str) -> str:
    """One draft per case: reopening the case finds it."""
    return f"repair-{project_id}"


@dataclass(frozen=True)
class SavePlan:
    draft_id: str
    household_id: str
    fiscal_year: int
    programme: str
    items: tuple[tuple[int, str | None, dict[str, Any]], ...]  # position, id, changes
    removed: tuple[str, ...]
    co_funding: list[dict[str, Any]] | None  # None: unchanged
    keep_draft: bool = False  # an item with an error is held back: the draft stays


@dataclass
class SaveOutcome:
    case: RepairCase | None = None  # the case read again after the writes
    items: dict[int, RecordView] = field(default_factory=dict)
    item_errors: dict[int, Issue] = field(default_factory=dict)
    error: Issue | None = None  # the project or its co-funding refused
    command: str | None = None  # the command given, when one was asked for and taken
    command_error: Issue | None = None


def read_case(workspace: Workspace, household_id: str, fiscal_year: int | None,
              programme: str) -> tuple[RepairCase, DraftView | None]:
    """The case and the draft of it left by an earlier editor, if any."""
    case = load_case(workspace, household_id, fiscal_year, programme)
    wanted = draft_id_of(case.project_id)
    draft = next((d for d in workspace.drafts()
                  if d.draft_id == wanted and d.origin == "autosave"), None)
    return case, draft


def write_checklist(workspace: Workspace, plan: SavePlan) -> SaveOutcome:
    """The project (made if new), each item, the removals, then the co-funding."""
    outcome = SaveOutcome()
    try:
        project = open_project(workspace, plan.household_id, plan.fiscal_year, plan.programme)
        for position, record_id, changes in plan.items:
            try:
                saved = save_item(workspace, project.id, changes, item_id=record_id)
                outcome.items[position] = saved.record
            except ServiceError as error:
                outcome.item_errors[position] = error.issue
        for record_id in plan.removed:
            delete_item(workspace, record_id)
        if plan.co_funding is not None:
            save_co_funding(workspace, project.id, plan.co_funding)
    except ServiceError as error:
        outcome.error = error.issue
    if not (outcome.item_errors or outcome.error or plan.keep_draft):
        workspace.discard_draft(plan.draft_id)
    outcome.case = load_case(workspace, plan.household_id, plan.fiscal_year, plan.programme)
    return outcome


def write_and_give(workspace: Workspace, plan: SavePlan, command: str,
                   comment: str) -> SaveOutcome:
    """Save what is shown, then give ``command`` (not when the save was refused)."""
    outcome = write_checklist(workspace, plan)
    if outcome.item_errors or outcome.error or outcome.case is None:
        return outcome
    try:
        give(workspace, outcome.case.project_id, command, comment)
        outcome.command = command
    except ServiceError as error:
        outcome.command_error = error.issue
    outcome.case = load_case(workspace, plan.household_id, plan.fiscal_year, plan.programme)
    return outcome


def write_draft(workspace: Workspace, draft_id: str, fields: dict[str, Any],
                record_id: str | None, tambon: str | None) -> str:
    workspace.autosave(draft_id, DRAFT_TYPE, fields, record_id=record_id, tambon=tambon)
    log.info("draft saved %s", draft_id)
    return draft_id
