"""What the UI may ask of one unlocked profile: households and everything under them.

Every call opens its own connection (or the writer's transaction) and returns plain
frozen values; refusals raise :class:`ServiceError` with a coded issue naming the
field (``desktop.services.message`` turns it into Thai or English).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy import func, select

from desktop.services.consent import check_sensitive
from desktop.services.duplicates import PossibleDuplicate, find_possible_duplicates
from desktop.store.engine import Database
from desktop.store.errors import StoreError
from desktop.store.files import read_file, write_file
from desktop.store.schema import outbox
from desktop.store.household_index import CHILD_TYPES, case_state
from desktop.store.profiles import ProfileInfo
from desktop.store.replica import Blob, LocalReplica
from desktop.store.rows import children, get_record, read_setting, write_setting
from desktop.store.search import (
    HouseholdFilter,
    HouseholdRow,
    count_households,
    list_households,
)
from desktop.services.models import (
    DraftView,
    HouseholdDetail,
    HouseholdPage,
    ProjectDetail,
    RecordView,
    SaveResult,
)
from sync.records.errors import Issue
from sync.records.registry import RECORD_TYPES, SUBTREE_TYPES

ServiceError = StoreError
CLOCK_SLACK_MS = 5 * 60 * 1000  # the drift a clock may have before the warning
DAY_MS = 24 * 60 * 60 * 1000


@dataclass
class Workspace:
    profile: ProfileInfo
    database: Database
    replica: LocalReplica

    def close(self) -> None:
        self.database.close()

    # -- who is working ---------------------------------------------------------------
    @property
    def role(self) -> str:
        with self.database.reader.connect() as connection:
            return str(read_setting(connection, "role", "field_worker"))

    def set_role(self, role: str) -> None:
        with self.database.writer.begin() as connection:
            write_setting(connection, "role", role)

    def clock_warning(self, now_ms: int | None = None) -> Issue | None:
        """A coded warning when this laptop's clock reads earlier than the last server
        time the profile saw (more than 5 minutes): a dead clock battery puts laptops
        years back, and every date typed or stamped would be wrong.  ``None`` when
        the clock is fine or no server time has been seen yet."""
        with self.database.reader.connect() as connection:
            seen = read_setting(connection, "server_time_ms")
        if not isinstance(seen, int | float):
            return None
        now = time.time_ns() // 1_000_000 if now_ms is None else now_ms
        behind = int(seen) - now
        if behind <= CLOCK_SLACK_MS:
            return None
        if behind >= DAY_MS:
            return Issue("clock.behind_days", None, {"days": behind // DAY_MS})
        return Issue("clock.behind_minutes", None, {"minutes": -(-behind // 60_000)})

    # -- lists ------------------------------------------------------------------------
    def list_households(self, flt: HouseholdFilter = HouseholdFilter(), *, offset: int = 0,
                        limit: int = 100, after: HouseholdRow | None = None) -> HouseholdPage:
        """A page of the list: after the row ``after`` (keyset: stable while rows are
        added, and as fast deep in the list as at its top), or from ``offset``."""
        with self.database.reader.connect() as connection:
            rows = list_households(connection, flt, offset=offset, limit=limit, after=after)
            total = count_households(connection, flt)
        return HouseholdPage(tuple(rows), total, offset)

    def count_households(self, flt: HouseholdFilter = HouseholdFilter()) -> int:
        with self.database.reader.connect() as connection:
            return count_households(connection, flt)

    def pending_changes(self) -> int:
        """Changes made here and not yet acknowledged by the server (ops in the outbox)."""
        with self.database.reader.connect() as connection:
            return connection.execute(select(func.count()).select_from(outbox)).scalar_one()

    # -- one household ----------------------------------------------------------------
    def get_household(self, household_id: str) -> HouseholdDetail:
        with self.database.reader.connect() as connection:
            household = get_record(connection, "household", household_id)
            if household is None or household.deleted:
                raise ServiceError("record.not_found", "household_id")
            rows = {t: sorted(children(connection, t, "household_id", [household_id]),
                              key=lambda r: r.id) for t in CHILD_TYPES}
            items = children(connection, "repair_item", "project_id",
                             [p.id for p in rows["repair_project"]])
        views = {t: tuple(RecordView.of(r) for r in rs) for t, rs in rows.items()}
        projects = tuple(ProjectDetail(p, tuple(RecordView.of(i) for i in sorted(
            items, key=lambda i: i.id) if i.fields.get("project_id") == p.id))
            for p in views["repair_project"])
        return HouseholdDetail(RecordView.of(household), views["member"], views["consent"],
                               views["survey"], projects, views["attachment"])

    def get_record(self, type_name: str, record_id: str) -> RecordView:
        """One live record, as the user sees it."""
        record = self.replica.get(type_name, record_id)
        if record is None or record.deleted:
            raise ServiceError("record.not_found", "id")
        return RecordView.of(record)

    def possible_duplicates(self, *, tambon: str | None, moo: int | None,
                            house_no: str | None, national_ids: list[str | None],
                            exclude_id: str | None = None) -> list[PossibleDuplicate]:
        """Other households this one may be: see :mod:`desktop.store.duplicates`."""
        return find_possible_duplicates(self, tambon=tambon, moo=moo, house_no=house_no,
                                        national_ids=national_ids, exclude_id=exclude_id)

    def save(self, type_name: str, fields: Mapping[str, Any], *, record_id: str | None = None,
             tambon: str | None = None, draft_id: str | None = None) -> SaveResult:
        """Create or change a record (only the fields given change)."""
        return self._save(type_name, fields, record_id=record_id, tambon=tambon,
                          draft_id=draft_id)

    def _save(self, type_name: str, fields: Mapping[str, Any], *, record_id: str | None,
              tambon: str | None, draft_id: str | None = None,
              blob: Blob | None = None) -> SaveResult:
        if type_name not in RECORD_TYPES:
            raise ServiceError("record.unknown_type", "type", type=type_name)
        tambon = self._tambon(fields, tambon)
        if type_name == "member":
            with self.database.reader.connect() as connection:
                check_sensitive(connection, fields, record_id)
        state = self._case_state(type_name, record_id, fields)
        saved = self.replica.save(type_name, tambon, fields, record_id=record_id,
                                  state=state, draft_id=draft_id, blob=blob)
        return SaveResult(RecordView.of(saved.record), saved.warnings)

    def delete(self, type_name: str, record_id: str) -> None:
        self.replica.delete(type_name, record_id)

    def give_command(self, project_id: str, command: str, *,
                     comment: str | None = None) -> RecordView:
        """A workflow command on a repair project, naming every row of the household."""
        if self.replica.get("repair_project", project_id) is None:
            raise ServiceError("record.not_found", "project_id")
        self.replica.command("repair_project", project_id, command, role=self.role,
                             comment=comment)
        return RecordView.of(self.replica.get("repair_project", project_id))  # type: ignore[arg-type]

    # -- files ------------------------------------------------------------------------
    def attach_file(self, data: bytes, fields: Mapping[str, Any]) -> SaveResult:
        """Store the bytes encrypted, then the attachment record naming them."""
        sha256 = write_file(self.profile.files_dir, self.database.key, data)
        blob = Blob(sha256, len(data), fields.get("mime_type"))
        return self._save("attachment", {**fields, "sha256": sha256, "size_bytes": len(data)},
                          record_id=None, tambon=None, blob=blob)

    def read_file(self, sha256: str) -> bytes:
        return read_file(self.profile.files_dir, self.database.key, sha256)

    # -- drafts -----------------------------------------------------------------------
    def autosave(self, draft_id: str, type_name: str, fields: Mapping[str, Any], *,
                 record_id: str | None = None, tambon: str | None = None) -> None:
        self.replica.autosave(draft_id, type_name, fields, record_id=record_id, tambon=tambon)

    def drafts(self) -> list[DraftView]:
        return [DraftView(d["draft_id"], d["record_type"], d["record_id"], d["tambon"],
                          dict(d["fields"]), d["origin"], _issue(d["error"]), d["updated_at"])
                for d in self.replica.drafts()]

    def discard_draft(self, draft_id: str) -> None:
        self.replica.discard_draft(draft_id)

    # -- helpers ----------------------------------------------------------------------
    def _tambon(self, fields: Mapping[str, Any], given: str | None) -> str | None:
        """A child's tambon is its household's; a different one given is refused."""
        household_id = fields.get("household_id")
        household = (self.replica.get("household", household_id)
                     if isinstance(household_id, str) else None)
        if household is None:
            return given
        if given is not None and given != household.tambon:
            raise ServiceError("record.area", "tambon")
        return household.tambon

    def _case_state(self, type_name: str, record_id: str | None,
                    fields: Mapping[str, Any]) -> str | None:
        """The state of the case the record belongs to (draft rules apply before submit)."""
        stored = self.replica.get(type_name, record_id) if record_id else None
        if type_name == "repair_project":
            return (stored.fields.get("status") or "draft") if stored else "draft"
        if type_name not in SUBTREE_TYPES:
            return None
        household_id = record_id if type_name == "household" else (
            fields.get("household_id") or (stored.fields.get("household_id") if stored else None))
        if not isinstance(household_id, str):
            return "draft"
        with self.database.reader.connect() as connection:
            projects = children(connection, "repair_project", "household_id", [household_id])
        return case_state(projects) or "draft"

def _issue(data: Mapping[str, Any] | None) -> Issue | None:
    if not data:
        return None
    return Issue(data["code"], data.get("field"), data.get("params") or {})
