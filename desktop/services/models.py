"""The plain values services hand to the UI (never live ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sync.records.errors import Issue
from sync.records.record import Record


@dataclass(frozen=True)
class ProfileSummary:
    name: str
    display_name: str
    demo: bool
    created_at: str


@dataclass(frozen=True)
class CreatedProfile:
    profile: ProfileSummary
    recovery_key: str | None  # show once; None for the demo profile


@dataclass(frozen=True)
class RecordView:
    """One record as the user sees it."""

    type: str
    id: str
    tambon: str | None
    fields: dict[str, Any]
    version: int
    conflict: bool
    deleted: bool
    updated_by: str | None

    @classmethod
    def of(cls, record: Record) -> "RecordView":
        return cls(record.type, record.id, record.tambon, dict(record.fields), record.version,
                   record.conflict, record.deleted, record.updated_by)


@dataclass(frozen=True)
class SaveResult:
    record: RecordView
    warnings: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class ProjectDetail:
    project: RecordView
    items: tuple[RecordView, ...]


@dataclass(frozen=True)
class HouseholdDetail:
    household: RecordView
    members: tuple[RecordView, ...] = ()
    consents: tuple[RecordView, ...] = ()
    surveys: tuple[RecordView, ...] = ()
    projects: tuple[ProjectDetail, ...] = ()
    attachments: tuple[RecordView, ...] = ()


@dataclass(frozen=True)
class DraftView:
    draft_id: str
    record_type: str
    record_id: str | None
    tambon: str | None
    fields: dict[str, Any]
    origin: str  # "autosave" or "rejected"
    error: Issue | None = None
    updated_at: str = ""


@dataclass(frozen=True)
class HouseholdPage:
    rows: tuple[Any, ...]  # desktop.store.search.HouseholdRow values
    total: int
    offset: int
