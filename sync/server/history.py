"""``GET /records/{type}/{id}/history``: every accepted version of one row.

The server writes a ``row_history`` entry with every version it accepts (the fields
that changed with their new values, author, device, relay, op, hlc, time).  This
module reads them back for one row, oldest first, a page at a time.

Scoped exactly like pull: the caller must be able to read the **stored** row's
tambon (rows of no area: everyone), and the row's type must be one pull serves to
the caller's role (conflict records: coordinators, supervisors and administrators).
A row the caller may not read answers exactly as a row that does not exist.

A deleted row keeps no personal data, and neither does its history: in every version
up to the row's last delete, the values of the fields a tombstone does not keep
(everything but the links to its household and parent, and every ``extra`` field)
are withheld — named in ``withheld``, left out of ``changed``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from sync.records.ids import is_uuid
from sync.records.record import tombstone_fields
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.models import RECORD_TABLES, RowHistory, User
from sync.server.scopes import FIELD_WORKER, Actor, can_read_tambon

MAX_LIMIT = 1000
CONFLICT_TYPE = "conflict"


def served_type(actor: Actor, type_name: str) -> bool:
    """Whether pull serves rows of ``type_name`` to the actor's role."""
    return type_name != CONFLICT_TYPE or actor.role != FIELD_WORKER


def readable_row(session: Session, actor: Actor, type_name: str,
                 record_id: str) -> Any:
    """The stored row if the actor may read it; else ``404 record.not_found`` — the
    same answer for a row that does not exist, so nothing leaks its existence."""
    if type_name not in RECORD_TABLES:
        raise ApiError(404, "record.unknown_type", "type", type=type_name[:64])
    if not is_uuid(record_id) or not served_type(actor, type_name):
        raise ApiError(404, "record.not_found")
    table = RECORD_TABLES[type_name]
    row = session.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if row is None or not can_read_tambon(actor, row["tambon"]):
        raise ApiError(404, "record.not_found")
    return row


def last_delete(session: Session, type_name: str, record_id: str) -> int:
    """The row's last version that was a tombstone (0: never deleted)."""
    found = session.execute(select(func.max(RowHistory.version)).where(
        RowHistory.record_type == type_name, RowHistory.record_id == record_id,
        RowHistory.deleted.is_(True))).scalar()
    return int(found or 0)


def author_names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.name).where(User.id.in_(sorted(ids)))).all())


def version_json(entry: RowHistory, *, withhold: bool, names: dict[str, str]) -> dict[str, Any]:
    changed = dict(entry.changed or {})
    withheld: list[str] = []
    if withhold:
        kept = tombstone_fields(entry.record_type, changed)
        withheld = sorted(set(changed) - set(kept))
        changed = kept
    return {"version": entry.version, "seq": entry.seq, "deleted": entry.deleted,
            "changed": changed, "withheld": withheld, "author": entry.author,
            "author_name": names.get(entry.author), "device_id": entry.device_id,
            "relayed_by": entry.relayed_by, "op_id": entry.op_id, "hlc": entry.hlc,
            "at": entry.recorded_at}


def history(db: Database, actor: Actor, type_name: str, record_id: str, *,
            after_version: int = 0, limit: int = MAX_LIMIT) -> dict[str, Any]:
    """Versions of the row above ``after_version``, oldest first, at most ``limit``."""
    limit = max(1, min(limit, MAX_LIMIT))
    with db.reading() as session:
        if not db.is_sqlite:  # the row, its deletes and its versions in one snapshot
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        row = readable_row(session, actor, type_name, record_id)
        deleted_at = last_delete(session, type_name, record_id)
        entries = list(session.execute(
            select(RowHistory).where(RowHistory.record_type == type_name,
                                     RowHistory.record_id == record_id,
                                     RowHistory.version > after_version)
            .order_by(RowHistory.version).limit(limit + 1)).scalars())
        page = entries[:limit]
        names = author_names(session, {e.author for e in page if e.author})
        versions = [version_json(e, withhold=e.version <= deleted_at, names=names)
                    for e in page]
    return {"type": type_name, "id": record_id, "tambon": row["tambon"],
            "version": row["version"], "deleted": bool(row["deleted"]),
            "versions": versions, "more": len(entries) > limit}
