"""The household editor's writes, run on its one-thread runner: the household and
its members saved in order, and the form autosaved as a draft (no Qt here)."""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.services import ServiceError
from desktop.services.consent import split_sensitive
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
    # position, id, changes (with ``_consent``: a consent to record with the member)
    members: tuple[tuple[int, str | None, dict[str, Any]], ...]
    removed: tuple[str, ...]


@dataclass
class SaveOutcome:
    household: RecordView | None = None
    household_error: Issue | None = None
    members: dict[int, RecordView] = field(default_factory=dict)
    member_errors: dict[int, Issue] = field(default_factory=dict)
    consents: dict[int, RecordView] = field(default_factory=dict)


def write_household(workspace: Workspace, plan: SavePlan) -> SaveOutcome:
    """Save the household, then each member; discard the draft when all are saved."""
    outcome = SaveOutcome()
    try:
        if plan.household_id and not plan.household:  # unchanged: no empty op
            outcome.household = workspace.get_record("household", plan.household_id)
        else:
            outcome.household = workspace.save("household", plan.household,
                                               record_id=plan.household_id,
                                               tambon=plan.tambon).record
    except ServiceError as error:
        outcome.household_error = error.issue
        return outcome
    household_id = outcome.household.id
    for position, record_id, changes in plan.members:
        try:
            write_member(workspace, household_id, position, record_id, changes, outcome)
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


def write_member(workspace: Workspace, household_id: str, position: int,
                 record_id: str | None, changes: dict[str, Any], outcome: SaveOutcome) -> None:
    """One member: its plain fields, then its consent if one waits, then its sensitive
    fields (which the service takes only once consent is on record)."""
    changes = dict(changes)
    consent = changes.pop("_consent", None)
    plain, sensitive = split_sensitive(changes)
    if record_id is None or plain:
        fields = plain if record_id else {**plain, "household_id": household_id}
        outcome.members[position] = workspace.save("member", fields, record_id=record_id).record
    else:
        outcome.members[position] = workspace.get_record("member", record_id)
    member_id = outcome.members[position].id
    if isinstance(consent, dict):
        outcome.consents[position] = write_consent(workspace, household_id, member_id, consent)
    if sensitive:
        outcome.members[position] = workspace.save("member", sensitive,
                                                   record_id=member_id).record


def write_consent(workspace: Workspace, household_id: str, member_id: str,
                  consent: dict[str, Any]) -> RecordView:
    """The consent record, then its evidence photo attached to it, if one was chosen."""
    fields = {k: v for k, v in consent.items() if not k.startswith("_")}
    saved = workspace.save("consent", {**fields, "household_id": household_id,
                                       "member_id": member_id}).record
    path = consent.get("_evidence_file")
    if not path:
        return saved
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise ServiceError("file.missing", "evidence_attachment_id") from None
    attachment = workspace.attach_file(data, {
        "household_id": household_id, "owner_type": "consent", "owner_id": saved.id,
        "kind": "consent", "mime_type": mimetypes.guess_type(path)[0]}).record
    return workspace.save("consent", {"evidence_attachment_id": attachment.id},
                          record_id=saved.id).record


def write_draft(workspace: Workspace, draft_id: str, fields: dict[str, Any],
                record_id: str | None, tambon: str | None) -> str:
    workspace.autosave(draft_id, "household", fields, record_id=record_id, tambon=tambon)
    log.info("draft saved %s", draft_id)
    return draft_id



def _same(value: Any, stored: Any) -> bool:
    """Equal as a record stores them: an empty list is no value, sets in any order."""
    def norm(v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            return sorted(v) or None
        return v
    return norm(value) == norm(stored)


def changed(values: dict[str, Any], stored: dict[str, Any], exists: bool) -> dict[str, Any]:
    """The fields to send: for a new record the ones filled, else the ones that differ."""
    if exists:
        return {k: v for k, v in values.items() if not _same(v, stored.get(k))}
    return {k: v for k, v in values.items() if v is not None}
