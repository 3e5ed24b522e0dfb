"""The household list index: one row per household with what the list shows.

Kept in step inside every transaction that changes a household's subtree (a save,
a pulled page, a push result), so the list of 100,000 households is one indexed
query: Thai sort key, filters (moo, case state, vulnerability, conflict), badges
(pending, photo pending) and the text searched (names, national IDs, house number,
phone), with an FTS5 trigram table beside it for substrings of three characters
or more.
"""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import Connection, delete, func, insert, select

from desktop.store.rows import children, get_record, now_iso
from desktop.store.schema import blobs, household_index, household_text, outbox
from desktop.store.thai_sort import thai_sort_key
from sync.records.enums import VULNERABILITY, TITLE
from sync.records.record import Record
from sync.records.registry import SUBTREE_TYPES
from sync.records.thai import normalize_thai

VULNERABILITY_BITS = {value: 1 << i for i, value in enumerate(VULNERABILITY.values)}
# The household's rows keyed by household_id (repair items go by their project).
CHILD_TYPES = tuple(t for t in SUBTREE_TYPES if t not in ("household", "repair_item"))


def vulnerability_mask(tags: Iterable[str]) -> int:
    mask = 0
    for tag in tags:
        mask |= VULNERABILITY_BITS.get(tag, 0)
    return mask


def household_of(record: Record) -> str | None:
    """The id of the household whose subtree holds ``record``."""
    if record.type == "household":
        return record.id
    household = record.fields.get("household_id")
    return household if isinstance(household, str) else None


def full_name(member: Record, *, with_title: bool = False) -> str:
    parts = [member.fields.get("given_name") or "", member.fields.get("family_name") or ""]
    if with_title and member.fields.get("title") in TITLE and member.fields["title"] != "other":
        parts[0] = TITLE.label(member.fields["title"]) + parts[0]
    return " ".join(p for p in parts if p)


def _head(household: Record, members: list[Record]) -> Record | None:
    head_id = household.fields.get("head_member_id")
    for member in members:
        if member.id == head_id:
            return member
    heads = [m for m in members if m.fields.get("relation_to_head") == "head"]
    return (heads or sorted(members, key=lambda m: m.id) or [None])[0]


def _search_text(household: Record, members: list[Record]) -> str:
    words = [household.fields.get("house_no"), household.fields.get("phone")]
    for member in members:
        words += [full_name(member), member.fields.get("national_id")]
    return normalize_thai(" | ".join(w for w in words if w))


def case_state(projects: list[Record]) -> str | None:
    """The state of a household's current case: its latest fiscal year's project."""
    if not projects:
        return None
    latest = max(projects, key=lambda p: (p.fields.get("fiscal_year") or 0, p.id))
    return latest.fields.get("status") or "draft"


def _subtree_ids(household_id: str, rows: dict[str, list[Record]]) -> list[str]:
    return [household_id] + [r.id for group in rows.values() for r in group]


def _flags(connection: Connection, household: Record, rows: dict[str, list[Record]]):
    ids = _subtree_ids(household.id, rows)
    items = children(connection, "repair_item", "household_id", [household.id])
    pending = connection.execute(select(outbox.c.device_seq).where(
        outbox.c.record_id.in_(ids + [i.id for i in items])).limit(1)).first() is not None
    conflict = household.conflict or any(r.conflict for g in rows.values() for r in g) \
        or any(i.conflict for i in items)
    hashes = [a.fields.get("sha256") for a in rows["attachment"]]
    photo_pending = bool(hashes) and connection.execute(select(blobs.c.sha256).where(
        blobs.c.sha256.in_(hashes), blobs.c.state == "pending").limit(1)).first() is not None
    return pending, conflict, photo_pending


def index_row(household: Record, rows: dict[str, list[Record]], *, pending: bool,
              conflict: bool, photo_pending: bool) -> dict[str, object]:
    """The index row of a live household from its subtree (``rows`` by record type)."""
    members = rows.get("member", [])
    head = _head(household, members)
    head_name = full_name(head) if head else ""
    return dict(
        household_id=household.id, tambon=household.tambon,
        moo=household.fields.get("moo"), village_id=household.fields.get("village_id"),
        house_no=household.fields.get("house_no"), head_name=head_name,
        sort_key=thai_sort_key(head_name or household.fields.get("house_no") or ""),
        state=case_state(rows.get("repair_project", [])),
        vuln_mask=vulnerability_mask(t for m in members for t in m.fields.get("vulnerability", [])),
        member_count=len(members), conflict=conflict, pending=pending,
        photo_pending=photo_pending, search_text=_search_text(household, members),
        updated_at=now_iso())


def write_index_rows(connection: Connection, rows: list[dict[str, object]]) -> None:
    """Insert index rows and their text rows (callers delete old ones first)."""
    if not rows:
        return
    start = (connection.execute(select(func.max(household_index.c.row))).scalar() or 0) + 1
    numbered = [{**r, "row": start + n} for n, r in enumerate(rows)]
    connection.execute(insert(household_index),
                       [{k: v for k, v in r.items() if k != "search_text"} for r in numbered])
    connection.execute(insert(household_text),
                       [{"row": r["row"], "text": r["search_text"]} for r in numbered])


def remove_index_row(connection: Connection, household_id: str) -> None:
    row = connection.execute(select(household_index.c.row).where(
        household_index.c.household_id == household_id)).scalar()
    if row is not None:
        connection.execute(delete(household_text).where(household_text.c.row == row))
        connection.execute(delete(household_index).where(household_index.c.row == row))


def refresh_household(connection: Connection, household_id: str) -> None:
    """Rebuild the index row and the text row of one household."""
    remove_index_row(connection, household_id)
    household = get_record(connection, "household", household_id)
    if household is None or household.deleted:
        return
    rows = {t: children(connection, t, "household_id", [household_id]) for t in CHILD_TYPES}
    pending, conflict, photo_pending = _flags(connection, household, rows)
    write_index_rows(connection, [index_row(household, rows, pending=pending,
                                            conflict=conflict, photo_pending=photo_pending)])


def refresh_households(connection: Connection, household_ids: Iterable[str | None]) -> None:
    for household_id in sorted({h for h in household_ids if h}):
        refresh_household(connection, household_id)


def households_touched(records: Iterable[Record]) -> set[str]:
    """Households whose index rows depend on ``records``."""
    return {h for h in map(household_of, records) if h}

