"""The store of record: validated, scoped writes of whole record versions.

:func:`store_record` is what the sync issue's push builds on.  For one record it

1. checks the envelope and validates the fields against the contract
   (``ContractError``/:class:`RecordInvalid`: coded issues naming the field);
2. inside a savepoint, takes the next ``seq`` from the one-row counter **first**
   (``UPDATE sync_counter SET seq = seq + 1 RETURNING seq``) — before any row lock,
   so on PostgreSQL writers queue on that row in one order and ``seq`` is commit
   order; on SQLite the writing transaction already holds the lock (``BEGIN
   IMMEDIATE``);
3. locks and reads the stored row, judges its tambon from **stored** rows (the row
   itself, else its stored parent, else the record's own claim) and checks that the
   author may write there;
4. writes the typed row (``version + 1``, the new ``seq``) and a ``row_history``
   entry with the changed fields, author, device, relay and time.

A failure at any step rolls the savepoint back: no row, no history, no counter step.
Deletes, moves, commands and merges are push's (``sync.server.apply_op``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlmodel import Session

from sync.records.errors import ContractError, Issue
from sync.records.fields import RecordType
from sync.records.hlc import Hlc
from sync.records.record import Record, check_envelope
from sync.records.registry import record_type
from sync.records.tables import row_record, row_values
from sync.records.validation import Validated, validate_fields
from sync.records.workflow import WORKFLOWS
from sync.server.models import RECORD_TABLES, MovedOut, RowHistory, utcnow
from sync.server.scopes import Actor, can_read_tambon, can_write_tambon

NEXT_SEQ = text("UPDATE sync_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq")


class RecordInvalid(ContractError):
    """A record the contract refuses: the first error, and all of them in ``issues``."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues[0].code, issues[0].field)
        self.issue, self.issues = issues[0], tuple(issues)


@dataclass(frozen=True)
class Stored:
    record: Record  # the row as the server now holds it
    warnings: tuple[Issue, ...] = ()


LOCK_COUNTER = text("UPDATE sync_counter SET seq = seq WHERE id = 1")


def lock_counter(session: Session) -> None:
    """Take the counter row's lock without moving it (held until commit).

    A push batch takes it before it looks any op up in ``applied_ops``: a repeat of a
    batch that is still being applied then waits for the original to commit and finds
    its results, instead of applying the ops a second time (PostgreSQL; SQLite's
    ``BEGIN IMMEDIATE`` already serialises writers)."""
    session.execute(LOCK_COUNTER)


def next_seq(session: Session) -> int:
    """The next change sequence number; the counter row stays locked until commit."""
    return int(session.execute(NEXT_SEQ).scalar_one())


def current_seq(session: Session) -> int:
    return int(session.execute(text("SELECT seq FROM sync_counter WHERE id = 1")).scalar_one())


def stored_row(session: Session, type_name: str, record_id: str, *,
               lock: bool = False) -> Mapping[str, Any] | None:
    table = RECORD_TABLES[type_name]
    statement = select(table).where(table.c.id == record_id)
    if lock:
        statement = statement.with_for_update()
    return session.execute(statement).mappings().first()


def parent_link(rtype: RecordType) -> tuple[str, str] | None:
    """(parent type, field holding its id) — the household for household-linked rows."""
    if rtype.parent and rtype.parent_field:
        return rtype.parent, rtype.parent_field
    if rtype.household_field and rtype.household_field != "id":
        return "household", rtype.household_field
    return None


def moved_out_of(session: Session, type_name: str, record_id: str,
                 tambon: str | None) -> bool:
    """Whether the row left ``tambon`` through a move (and has not moved back)."""
    if tambon is None:
        return False
    return session.execute(select(MovedOut.seq).where(
        MovedOut.record_type == type_name, MovedOut.record_id == record_id,
        MovedOut.old_tambon == tambon)).first() is not None


def judged_tambon(session: Session, record: Record,
                  current: Mapping[str, Any] | None) -> str | None:
    """The tambon a write is judged by: the stored row's, else its stored parent's,
    else the record's own (a child whose parent has not arrived yet).

    A record claiming another tambon than the stored row's (or its stored parent's) is
    refused: ``scope.moved`` (params: the row's ``tambon`` now) when the row or its
    parent was moved out of the claimed tambon — an op made before its device learnt of
    the move, which push judges where the row is now —, else ``scope.tambon_changed``
    or ``scope.parent_mismatch`` (a tambon changes only through a move).  The parent
    counts for a stored row too: a child created offline under a household that had
    moved meanwhile was stored in the household's new tambon without ever being in
    the old one, and the device's later edits of it still name the old one."""
    link = parent_link(record_type(record.type))
    if current is not None:
        if current["tambon"] != record.tambon:
            values = current.get("fields")  # a record's JSON, or a stored row's columns
            parent = (values if isinstance(values, Mapping) else current).get(link[1]) \
                if link else None
            if moved_out_of(session, record.type, record.id, record.tambon) or (
                    link and parent and moved_out_of(session, link[0], str(parent),
                                                     record.tambon)):
                raise ContractError("scope.moved", "tambon", tambon=current["tambon"])
            raise ContractError("scope.tambon_changed", "tambon")
        return current["tambon"]
    parent_id = record.fields.get(link[1]) if link else None
    parent = stored_row(session, link[0], parent_id) if link and parent_id else None
    if parent is None:
        return record.tambon
    if parent["tambon"] != record.tambon:
        if link and moved_out_of(session, link[0], str(parent_id), record.tambon):
            raise ContractError("scope.moved", "tambon", tambon=parent["tambon"])
        raise ContractError("scope.parent_mismatch", link[1] if link else None,
                            tambon=parent["tambon"])
    return parent["tambon"]


def validate_record(record: Record) -> Validated:
    """The record's fields checked against the contract (``RecordInvalid`` if refused)."""
    check_envelope(record.type, record.id, record.tambon)
    rtype = record_type(record.type)
    if record.hlc is not None:
        Hlc.parse(record.hlc)
    state = record.fields.get("status") if record.type in WORKFLOWS else None
    validated = validate_fields(rtype, record.fields, state=state if isinstance(state, str)
                                else None)
    if not validated.ok:
        raise RecordInvalid(validated.errors)
    return validated


def changed_values(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> dict[str, Any]:
    old = dict(before or {})
    return {k: after.get(k) for k in sorted(set(old) | set(after)) if old.get(k) != after.get(k)}


def _write_row(session: Session, stored: Record, exists: bool) -> None:
    table = RECORD_TABLES[stored.type]
    values = row_values(stored)
    if exists:
        session.execute(table.update().where(table.c.id == stored.id).values(values))
    else:
        session.execute(table.insert().values(values))


def _history(stored: Record, before: Record | None, *, relayed_by: str | None,
             op_id: str | None) -> RowHistory:
    after = {**stored.fields, **stored.extra}
    previous = {**before.fields, **before.extra} if before else None
    return RowHistory(
        record_type=stored.type, record_id=stored.id, tambon=stored.tambon,
        version=stored.version, seq=stored.seq, changed=changed_values(previous, after),
        deleted=stored.deleted, author=stored.updated_by or "", device_id=stored.device_id or "",
        relayed_by=relayed_by, op_id=op_id, hlc=stored.hlc, recorded_at=utcnow(),
    )


def store_record(session: Session, record: Record, *, author: Actor, device_id: str,
                 relayed_by: str | None = None, op_id: str | None = None) -> Stored:
    """Validate ``record``, then write it and its history entry, all or nothing."""
    validated = validate_record(record)
    with session.begin_nested():
        seq = next_seq(session)  # the counter first: one lock order for every writer
        current = stored_row(session, record.type, record.id, lock=True)
        tambon = judged_tambon(session, record, current)
        if not can_write_tambon(author, tambon):
            raise ContractError("scope.out_of_area", "tambon", area=tambon or "*")
        before = row_record(record.type, current) if current is not None else None
        stored = Record(
            record.type, record.id, tambon, validated.merged,
            {**record.extra, **validated.extra}, (before.version if before else 0) + 1, seq,
            False, before.conflict if before else False, author.id, device_id, record.hlc,
        )
        _write_row(session, stored, current is not None)
        session.add(_history(stored, before, relayed_by=relayed_by, op_id=op_id))
        session.flush()
    return Stored(stored, tuple(validated.warnings))


def read_record(session: Session, reader: Actor, type_name: str,
                record_id: str) -> Record | None:
    """The stored row if ``reader`` may see it (judged by its stored tambon), else None."""
    row = stored_row(session, record_type(type_name).name, record_id)
    if row is None or not can_read_tambon(reader, row["tambon"]):
        return None
    return row_record(type_name, row)
