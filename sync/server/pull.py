"""``POST /sync/hello`` and ``POST /sync/pull``: what the server tells a replica.

Pull answers from the **stored** rows' tambon: rows of the asked areas the user may
read, with ``seq`` above each area's checkpoint, in ``seq`` order across every
record type, a page at a time.  Because ``seq`` is commit order (the counter row is
taken first and held until commit), a row can never appear behind a checkpoint the
client already stored.  Conflict records go to coordinators, supervisors and
administrators only.  A row moved to another tambon is served to the replicas of the
tambon it left as a moved-out marker (``sync.records.ops.moved_out_marker``), by the
marker's own ``seq``, in the same order and pages as the rows.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from sync.records.ops import moved_out_marker
from sync.records.record import GLOBAL_AREA, Record
from sync.records.schema import PROTOCOL_VERSION, SCHEMA_VERSION
from sync.records.tables import row_record
from sync.server import accounts
from sync.server.db import Database
from sync.server.meta import server_meta
from sync.server.models import RECORD_TABLES, AppliedOp, Device, MovedOut, User
from sync.server.scopes import ADMIN, FIELD_WORKER, SUPERVISOR, Actor, tambons_of_areas

MAX_LIMIT = 5000
MOVED = MovedOut.__table__  # type: ignore[attr-defined]
AREA_TYPES = ("household", "village", "tambon_plan")


def areas_of(session: Session, actor: Actor) -> list[str]:
    """The tambons a replica of ``actor`` holds: theirs (an administrator's: those
    with data, not all 7,436)."""
    if actor.role != ADMIN:
        return sorted(actor.tambons)
    found: set[str] = set()
    for name in AREA_TYPES:
        table = RECORD_TABLES[name]
        found |= {row[0] for row in session.execute(
            select(table.c.tambon).where(table.c.tambon.is_not(None)).distinct())}
    return sorted(found)


def recipient_keys(session: Session, actor: Actor) -> list[str]:
    """X25519 keys of the supervisor devices whose areas cover one of the actor's."""
    supervisors = list(session.execute(select(User.id).where(
        User.role == SUPERVISOR, User.active.is_(True))).scalars())
    keys: set[str] = set()
    for user_id, codes in accounts.areas_of(session, supervisors).items():
        if tambons_of_areas(SUPERVISOR, codes) & actor.tambons:
            keys |= set(session.execute(select(Device.x25519_key).where(
                Device.user_id == user_id, Device.revoked_at.is_(None))).scalars())
    return sorted(keys)


def hello(db: Database, actor: Actor) -> dict[str, Any]:
    """What a replica needs before it pushes and pulls.  ``role`` is the user's role
    now (a replica that pulled under another role pulls again from 0);
    ``new_device_id_required`` is true once the device id was seen on a copied
    profile (a ``device_seq`` arrived again under another ``op_id``)."""
    with db.reading() as session:
        last = session.execute(select(func.max(AppliedOp.device_seq)).where(
            AppliedOp.device_id == actor.device_id)).scalar()
        device = session.get(Device, actor.device_id)
        copied = device is not None and device.copied_at is not None
        return {"server_epoch": server_meta(session).epoch,
                "server_time": time.time_ns() // 1_000_000,
                "protocol_min": PROTOCOL_VERSION, "protocol_max": PROTOCOL_VERSION,
                "schema": SCHEMA_VERSION, "role": actor.role,
                "areas": areas_of(session, actor),
                "last_device_seq": int(last or 0), "new_device_id_required": copied,
                "recipient_keys": recipient_keys(session, actor)}


def _conditions(table: Any, served: dict[str, int], *, tambon: str = "tambon") -> Any:
    """(tambon in areas with checkpoint c and seq > c) for each distinct checkpoint."""
    by_checkpoint: dict[int, list[str]] = defaultdict(list)
    for area, seq in served.items():
        by_checkpoint[seq].append(area)
    parts = []
    column = table.c[tambon]
    for seq, areas in by_checkpoint.items():
        tambons = [a for a in areas if a != GLOBAL_AREA]
        where = []
        if tambons:
            where.append(column.in_(tambons))
        if GLOBAL_AREA in areas:
            where.append(column.is_(None))
        parts.append(and_(or_(*where), table.c.seq > seq))
    return or_(*parts)


def _marker(row: Any) -> Record:
    return moved_out_marker(row.record_type, row.record_id, row.old_tambon, row.new_tambon,
                            seq=row.seq, version=row.version)


def pull(db: Database, actor: Actor, checkpoints: dict[str, int], limit: int) -> dict[str, Any]:
    limit = max(1, min(limit, MAX_LIMIT))
    readable = actor.tambons
    served = {a: s for a, s in checkpoints.items() if a == GLOBAL_AREA or a in readable}
    removed = sorted(a for a in checkpoints if a not in served)
    with db.reading() as session:
        if not db.is_sqlite:  # every query of the page in one snapshot (SQLite: always)
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        epoch = server_meta(session).epoch
        rows = []
        types = [t for t in RECORD_TABLES if t != "conflict" or actor.role != FIELD_WORKER]
        for type_name in types if served else []:
            table = RECORD_TABLES[type_name]
            query = select(table).where(_conditions(table, served)).order_by(table.c.seq)
            rows += [(r.seq, type_name, r) for r in session.execute(query.limit(limit + 1))]
        if served:  # moved-out markers, in the feed of the tambon the row left
            query = select(MOVED).where(_conditions(MOVED, served, tambon="old_tambon"),
                                        MOVED.c.record_type.in_(types)).order_by(MOVED.c.seq)
            rows += [(r.seq, None, r) for r in session.execute(query.limit(limit + 1))]
    rows.sort(key=lambda item: item[0])
    more = len(rows) > limit
    page = rows[:limit]
    reached = page[-1][0] if page else 0
    return {"records": [(_marker(r) if type_name is None else row_record(type_name, r)).to_json()
                        for _, type_name, r in page],
            "checkpoints": {area: max(seq, reached) for area, seq in served.items()},
            "more": more, "removed_areas": removed, "server_epoch": epoch,
            "role": actor.role}
