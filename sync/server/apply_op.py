"""Applying one verified op to the store of record, inside its own savepoint.

Order of locks, on every path: the change counter first (taken before anything is
read), then the row.  The tambon is judged from the **stored** rows; an op for an
area its author may not write is quarantined as a conflict of that area, never
dropped.  Merges follow ``merge.decide``; a merged row that breaks a rule, an edit
of a deleted row, a stale delete, a child under a deleted parent and a review
command on content that changed since the reviewer saw it become conflicts.  A
change to a ``reopens_review`` field group of a case in the workflow's ``reopen_from``
states sends the case back to ``reopen_to`` with a server-written review event, in
the op's savepoint.  A ``move`` takes a household with its subtree, review events and
conflicts to another tambon, leaving a moved-out marker per row in the old tambon's
feed; an op that still names the tambon its row was moved out of is judged where the
row is now (applied if its author may write there, else quarantined).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session

from sync.records.errors import ContractError
from sync.records.hlc import Hlc, clamp
from sync.records.ids import natural_id, op_derived_id
from sync.records.ops import Op, OpKind
from sync.records.record import Record, tombstone_fields
from sync.records.registry import SUBTREE_TYPES, record_type
from sync.records.validation import validate_change
from sync.records.workflow import MOVE, WORKFLOWS
from sync.server import conflicts
from sync.server.merge import Write, decide
from sync.server.models import RECORD_TABLES, AppliedOp, MovedOut, RowHistory, utcnow
from sync.server.scopes import Actor, all_tambons, can_write_tambon
from sync.server.storage import RecordInvalid, judged_tambon, next_seq, parent_link
from sync.server.versions import read_row, server_record, write_version

APPLIED, MERGED, CONFLICT, QUARANTINED = "applied", "merged", "conflict", "quarantined"
ROLE_FORBIDDEN = "workflow.role_forbidden"
ROLE_FORBIDDEN_REASON = "role_forbidden"  # the conflict reason of such a command
WHOLE_ROW = "*"  # the conflict group of changes that are not one field group's
MOVE_GROUP = "move"  # the conflict group of a move that did not happen
MOVED_CODE = "scope.moved"
REOPEN_COMMAND = "reopen"  # the review event of a change that sent a case back


@dataclass
class Applying:
    session: Session
    op: Op
    author: Actor
    epoch: str
    server_time_ms: int
    relayed_by: str | None
    held: str | None = None  # quarantine whatever the author may write, for this reason
    copied: bool = False  # the signing device id is flagged as a copied profile

    @property
    def at(self) -> str:
        """The server time the op was received at, as text (what the server writes
        because of the op carries it: a replay writes the same values)."""
        return conflicts.now_text(self.server_time_ms)

    @property
    def hlc(self) -> str:
        clamped, _ = clamp(Hlc.parse(self.op.hlc), self.server_time_ms)
        return str(clamped)

    def write(self, record: Record, before: Record | None) -> Record:
        return write_version(self.session, replace(record, hlc=self.hlc), before,
                             author=self.op.author, device_id=self.op.device_id,
                             op_id=self.op.op_id, relayed_by=self.relayed_by)


@dataclass(frozen=True)
class Outcome:
    status: str
    record: Record | None
    conflict_fields: tuple[str, ...] = ()


def apply(ctx: Applying) -> Outcome:
    next_seq(ctx.session)  # the counter's lock first: one lock order for every writer
    op = ctx.op
    if record_type(op.type).server_only:
        raise ContractError("field.server_only", "type")
    current = read_row(ctx.session, op.type, op.id, lock=True)
    probe = Record(op.type, op.id, op.tambon, _plain(op.fields))
    tambon, moved = _judged(ctx, probe, current)
    if ctx.held is not None or not can_write_tambon(ctx.author, tambon):
        return _to_conflict(ctx, current or replace(probe, tambon=tambon),
                            ctx.held or ("moved" if moved else "quarantined"),
                            status=QUARANTINED, groups=_whole(op))
    if op.kind == OpKind.DELETE:
        return _delete(ctx, current, tambon)
    if op.kind == OpKind.COMMAND:
        if op.command is not None and op.command.name == MOVE.command:
            return _move(ctx, current)
        return _command(ctx, current)
    if current is None:
        return _create(ctx, tambon)
    if current.deleted:
        return _to_conflict(ctx, current, "edited_after_delete")
    return _merge(ctx, current)


def _judged(ctx: Applying, probe: Record, current: Record | None) -> tuple[str | None, bool]:
    """The tambon the op is judged by, and whether its row (or new row's parent) was
    moved out of the tambon the op names: an op made before its device learnt of the
    move is judged where the row is now — applied there if its author may write that
    tambon, else quarantined as a conflict for that tambon's coordinators."""
    try:
        return judged_tambon(ctx.session, probe,
                             None if current is None else current.to_json()), False
    except ContractError as exc:
        if exc.issue.code != MOVED_CODE:
            raise
        return str(exc.issue.params["tambon"]), True


def _whole(op: Op) -> dict[str, dict[str, Any]]:
    """The conflict group of an op kept whole: a command's own group (``workflow``,
    ``move``), else the whole row."""
    if op.kind == OpKind.COMMAND and op.command is not None:
        return {MOVE_GROUP if op.command.name == MOVE.command else "workflow": _offered(op)}
    return {WHOLE_ROW: _offered(op)}


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields with set changes as their additions (enough to judge links and areas)."""
    return {k: (v.get("add", []) if isinstance(v, dict) and set(v) <= {"add", "remove"}
                else v) for k, v in fields.items()}


def _to_conflict(ctx: Applying, target: Record, reason: str, *, status: str = CONFLICT,
                 groups: dict[str, dict[str, Any]] | None = None) -> Outcome:
    """Keep the op's proposal in conflicts of ``target`` (whose row keeps its value)."""
    for group, offered in (groups or {WHOLE_ROW: _offered(ctx.op)}).items():
        conflicts.add_proposal(ctx.session, target, group,
                               conflicts.proposal(ctx.op, offered, ctx.hlc, ctx.at,
                                                  author_name=ctx.author.name),
                               reason=reason,
                               current=_current_of(target, group),
                               base_version=ctx.op.base.version if ctx.op.base else None)
    stored = read_row(ctx.session, target.type, target.id, lock=True)
    if stored is not None and not stored.conflict:
        stored = _badge(ctx, stored, True)
    return Outcome(status, stored, tuple(sorted(groups or {WHOLE_ROW: {}})))


def _badge(ctx: Applying, stored: Record, flag: bool) -> Record:
    """A version that only sets or clears the conflict badge: no field changes, so the
    row keeps the author, device and stamp of its last change."""
    return write_version(ctx.session, replace(stored, conflict=flag), stored,
                         author=stored.updated_by or ctx.op.author,
                         device_id=stored.device_id or ctx.op.device_id,
                         op_id=ctx.op.op_id, relayed_by=ctx.relayed_by)


def _offered(op: Op) -> dict[str, Any]:
    if op.kind == OpKind.DELETE:
        return {"deleted": True}
    if op.kind == OpKind.COMMAND and op.command is not None:
        return {"command": op.command.to_json()}
    return dict(op.fields)


def _current_of(target: Record, group: str) -> dict[str, Any]:
    if group == WHOLE_ROW:
        return {"deleted": target.deleted, **target.fields}
    if group == MOVE_GROUP:
        return {"tambon": target.tambon}
    names = _group_fields(target.type, group)
    return {k: v for k, v in target.fields.items() if k in names}


def _group_fields(type_name: str, group: str) -> set[str]:
    """The fields of a field group (none for ``*``, ``move`` or a group the type lacks)."""
    try:
        return {f.name for f in record_type(type_name).group(group).fields}
    except KeyError:
        return set()


def _latest_project_id(session: Session, household_id: str) -> str | None:
    """The household's current case: its live repair project of the latest fiscal year
    (ties broken by id, as every replica's household list does)."""
    table = RECORD_TABLES["repair_project"]
    rows = session.execute(select(table.c.id, table.c.fiscal_year).where(
        table.c.household_id == household_id, table.c.deleted.is_(False))).all()
    latest = max(rows, key=lambda r: (r.fiscal_year or 0, r.id), default=None)
    return None if latest is None else latest.id


def case_state(session: Session, type_name: str, fields: dict[str, Any]) -> str | None:
    """The state of the case a row belongs to (its household's latest project)."""
    if type_name == "repair_project":
        return fields.get("status") or "draft"
    household = fields.get("household_id")
    if type_name not in SUBTREE_TYPES or not isinstance(household, str):
        return None
    latest = _latest_project_id(session, household)
    row = read_row(session, "repair_project", latest) if latest else None
    return (row.fields.get("status") or "draft") if row else "draft"


# -- reopening review ----------------------------------------------------------------
@dataclass(frozen=True)
class Reopening:
    """A change that sends a case back for review: the case row (``None``: the changed
    row is the case itself), its state before, the state it returns to, and why."""

    case: Record | None
    before: str
    after: str
    groups: tuple[str, ...]


def reopening_groups(type_name: str, before: dict[str, Any] | None,
                     after: dict[str, Any] | None) -> tuple[str, ...]:
    """The ``reopens_review`` field groups whose values differ between two versions."""
    old, new = before or {}, after or {}
    return tuple(g.name for g in record_type(type_name).groups if g.reopens_review and any(
        old.get(f.name) != new.get(f.name) for f in g.fields))


def _reopening(ctx: Applying, row: Record, groups: tuple[str, ...]) -> Reopening | None:
    """Whether a change of ``groups`` of ``row`` reopens its case (the workflow row
    itself, else its household's latest repair project)."""
    if not groups:
        return None
    workflow = WORKFLOWS.get(row.type)
    case: Record | None = None
    if workflow is not None:
        state = row.fields.get("status") or workflow.initial
    else:
        household = row.id if row.type == "household" else row.fields.get("household_id")
        if row.type not in SUBTREE_TYPES or not isinstance(household, str):
            return None
        project_id = _latest_project_id(ctx.session, household)
        case = read_row(ctx.session, "repair_project", project_id, lock=True) \
            if project_id else None
        if case is None:
            return None
        workflow = WORKFLOWS[case.type]
        state = case.fields.get("status") or workflow.initial
    target = workflow.reopens(state)
    return None if target is None else Reopening(case, state, target, groups)


def _with_reopened_state(record: Record, reopening: Reopening | None) -> Record:
    """The changed row itself, when it is the case: its state goes back in the same
    version as the change."""
    if reopening is None or reopening.case is not None:
        return record
    return replace(record, fields={**record.fields, "status": reopening.after})


def _reopen(ctx: Applying, changed: Record, reopening: Reopening | None) -> None:
    """Move the case back (unless it was the changed row, already written) and write the
    review event saying which row's which groups reopened it."""
    if reopening is None:
        return
    case = changed
    if reopening.case is not None:
        case = ctx.write(replace(reopening.case, fields={**reopening.case.fields,
                                                         "status": reopening.after}),
                         reopening.case)
    reason = f"{changed.type} {changed.id}: {', '.join(reopening.groups)}"
    _review_event(ctx, case, REOPEN_COMMAND, reopening.before, reopening.after,
                  comment=reason)


def _validated(ctx: Applying, current: Record | None, change: dict[str, Any]):
    rtype = record_type(ctx.op.type)
    base = {} if current is None else current.fields
    state = case_state(ctx.session, ctx.op.type, {**base, **_plain(change)})
    return validate_change(rtype, None if current is None else current.fields, change,
                           state=state, writer="client")


def _create(ctx: Applying, tambon: str | None) -> Outcome:
    op = ctx.op
    link = parent_link(record_type(op.type))
    parent_id = op.fields.get(link[1]) if link else None
    parent = read_row(ctx.session, link[0], parent_id) if link and parent_id else None
    probe = Record(op.type, op.id, tambon, _plain(op.fields))
    if parent is not None and parent.deleted:
        return _to_conflict(ctx, probe, "parent_deleted")
    checked = _validated(ctx, None, op.fields)
    if not checked.ok:
        raise RecordInvalid(checked.errors)
    created = Record(op.type, op.id, tambon, checked.merged, checked.extra)
    reopening = _reopening(ctx, created, reopening_groups(op.type, None, checked.merged))
    stored = ctx.write(_with_reopened_state(created, reopening), None)
    _reopen(ctx, stored, reopening)
    return Outcome(APPLIED, stored)


def _base_is_current(ctx: Applying, current: Record) -> bool:
    base = ctx.op.base
    return base is not None and base.epoch == ctx.epoch and base.version == current.version


def writes_since(session: Session, record: Record, version: int) -> list[Write]:
    """The row's accepted changes after ``version``, with each op's device_seq."""
    query = (select(RowHistory, AppliedOp.device_seq)
             .join(AppliedOp, AppliedOp.op_id == RowHistory.op_id, isouter=True)
             .where(RowHistory.record_type == record.type, RowHistory.record_id == record.id,
                    RowHistory.version > version).order_by(RowHistory.version))
    return [Write(h.version, frozenset(h.changed), h.device_id, seq, h.hlc)
            for h, seq in session.execute(query).all()]


def _writes_since(ctx: Applying, record: Record, version: int) -> list[Write]:
    """:func:`writes_since`; for a device id flagged as a copied profile, its own id's
    writes count as another device's (they may be the other copy's: never skipped as
    superseded by "its own" later op)."""
    writes = writes_since(ctx.session, record, version)
    if not ctx.copied:
        return writes
    return [replace(w, device_id=f"{w.device_id}:copy") if w.device_id == ctx.op.device_id
            else w for w in writes]


def _resolving(ctx: Applying, target: Record) -> tuple[frozenset[str], dict[str, dict]]:
    """Groups the op's ``resolves`` settle, and groups whose conflict was already
    settled (a second resolution opens a new conflict)."""
    forced: set[str] = set()
    again: dict[str, dict[str, Any]] = {}
    for conflict_id in ctx.op.resolves:
        row = read_row(ctx.session, "conflict", conflict_id, lock=True)
        if row is None or row.fields.get("target_id") != target.id:
            raise ContractError("conflict.not_found", "resolves")
        group = str(row.fields.get("group"))
        if conflicts.resolve(ctx.session, conflict_id, ctx.op, ctx.at) is not None:
            forced.add(group)
        else:
            again[group] = {}
    return frozenset(forced), again


def _merge(ctx: Applying, current: Record) -> Outcome:
    op, rtype = ctx.op, record_type(ctx.op.type)
    forced, again = _resolving(ctx, current)
    if _base_is_current(ctx, current) and not again:
        applied, review, lost = dict(op.fields), {}, []
    else:
        base = op.base
        since = base.version if base is not None and base.epoch == ctx.epoch else 0
        decision = decide(rtype, op, current.fields, _writes_since(ctx, current, since),
                          hlc=ctx.hlc, forced=forced)
        applied, review, lost = decision.apply, decision.review, decision.lost
        for group in again:  # settled already: the new value waits for a new decision
            if group in decision.skipped:  # the device's own later op supersedes it
                continue
            names = _group_fields(rtype.name, group)
            offered = {k: v for k, v in op.fields.items() if k in names}
            for name in offered:
                applied.pop(name, None)
            if group in lost:
                lost.remove(group)
            review[group] = offered  # the op's values, whatever the merge made of them
    after = current
    if applied:
        checked = _validated(ctx, current, applied)
        if not checked.ok:
            if _base_is_current(ctx, current):
                raise RecordInvalid(checked.errors)
            return _to_conflict(ctx, current, "invalid_merge")
        after = replace(current, fields=checked.merged, extra={**current.extra, **checked.extra})
    for group, offered in review.items():
        conflicts.add_proposal(ctx.session, current, group,
                               conflicts.proposal(op, offered, ctx.hlc, ctx.at,
                                                  author_name=ctx.author.name),
                               reason="resolved_again" if group in again else "concurrent",
                               current=_current_of(current, group),
                               base_version=op.base.version if op.base else None)
    flag = conflicts.has_open_conflict(ctx.session, current.type, current.id)
    if applied:
        reopening = _reopening(ctx, current, reopening_groups(current.type, current.fields,
                                                              after.fields))
        stored = ctx.write(_with_reopened_state(replace(after, conflict=flag), reopening),
                           current)
        _reopen(ctx, stored, reopening)
    elif flag != current.conflict:  # only the badge: the row keeps its last writer
        stored = _badge(ctx, current, flag)
    else:
        stored = current
    status = (APPLIED if _base_is_current(ctx, current) and not review and not lost
              else MERGED if applied or not review else CONFLICT)
    return Outcome(status, stored, tuple(sorted(review)) + tuple(sorted(lost)))


def _delete(ctx: Applying, current: Record | None, tambon: str | None) -> Outcome:
    op = ctx.op
    if current is None:
        return Outcome(APPLIED, ctx.write(Record(op.type, op.id, tambon, {}, deleted=True),
                                          None))
    if current.deleted:
        return Outcome(APPLIED, current)
    if not _base_is_current(ctx, current):
        return _to_conflict(ctx, current, "stale_delete")
    tombstone = replace(current, deleted=True, extra={},
                        fields=tombstone_fields(current.type, current.fields))
    # Deleting content of a reviewed case reopens it; deleting the case itself does not.
    groups = () if current.type in WORKFLOWS else reopening_groups(
        current.type, current.fields, tombstone.fields)
    reopening = _reopening(ctx, current, groups)
    stored = ctx.write(tombstone, current)
    _reopen(ctx, stored, reopening)
    return Outcome(APPLIED, stored)


def _command(ctx: Applying, current: Record | None) -> Outcome:
    op = ctx.op
    workflow = WORKFLOWS.get(op.type)
    name = op.command.name if op.command else ""
    if workflow is None or workflow.transition(name) is None:
        raise ContractError("workflow.unknown_command", "command", command=name)
    if current is None or current.deleted:
        return _to_conflict(ctx, current or Record(op.type, op.id, op.tambon, {}),
                            "missing_row", groups=_whole(op))
    state = current.fields.get("status") or workflow.initial
    issues = workflow.check(state, name, ctx.author.role, op.command.comment)  # type: ignore[union-attr]
    if issues and issues[0].code == ROLE_FORBIDDEN:
        return _role_lost(ctx, current)
    household = current.fields.get("household_id")
    stale = _stale_rows(ctx, _subtree(ctx, household) if isinstance(household, str)
                        else [current])
    # A command given on a view the case has left (another reviewer moved it on
    # meanwhile) is the reviewer's to see again, not a client's mistake: a conflict,
    # even when the case's state no longer allows it.
    if issues and not (stale and issues[0].code == "workflow.bad_transition"):
        raise ContractError(issues[0].code, issues[0].field, **issues[0].params)
    if stale:
        return _to_conflict(ctx, current, "stale_review", groups=_whole(op))
    target = workflow.transition(name).target  # type: ignore[union-attr]
    stored = ctx.write(replace(current, fields={**current.fields, "status": target}), current)
    _review_event(ctx, current, name, state, target, comment=op.command.comment)  # type: ignore[union-attr]
    return Outcome(APPLIED, stored)


def _role_lost(ctx: Applying, target: Record) -> Outcome:
    """A command its author's role no longer allows — given offline before the role
    changed — is kept whole for the reviewers of its tambon, as an op of an area its
    author lost: quarantined, never rejected back to someone who may not give it."""
    return _to_conflict(ctx, target, ROLE_FORBIDDEN_REASON, status=QUARANTINED,
                        groups=_whole(ctx.op))


def _review_event(ctx: Applying, project: Record, command: str, before: str,
                  after: str, *, comment: str | None = None) -> None:
    fields = {"record_type": project.type, "record_id": project.id, "actor": ctx.op.author,
              "role": ctx.author.role, "command": command, "from_state": before,
              "to_state": after, "at": ctx.at}
    if comment:
        fields["comment"] = comment
    household = project.id if project.type == "household" else project.fields.get(
        "household_id")
    if isinstance(household, str):
        fields["household_id"] = household
    ctx.write(server_record("review_event", project.tambon, fields, record_id=op_derived_id(
        ctx.op.op_id, "review_event", project.type, project.id, command)), None)


def _subtree(ctx: Applying, household_id: str, types: tuple[str, ...] = SUBTREE_TYPES, *,
             lock: bool = False) -> list[Record]:
    """Every row (deleted ones too) of ``types`` that belongs to the household."""
    rows: list[Record] = []
    for type_name in types:
        table = RECORD_TABLES[type_name]
        link = table.c.id if type_name == "household" else table.c.household_id
        found = ctx.session.execute(select(table.c.id).where(link == household_id)
                                    .order_by(table.c.id)).all()
        rows += [r for r in (read_row(ctx.session, type_name, f.id, lock=lock)
                             for f in found) if r]
    return rows


def _stale_rows(ctx: Applying, rows: list[Record]) -> list[str]:
    """Rows of the household changed since the reviewer's versions by anyone but the
    reviewer's own earlier ops (an approval of content nobody saw is a conflict); for a
    device id flagged as a copied profile, by anyone at all (the copies' writes cannot
    be told apart)."""
    named = dict(ctx.op.command.versions) if ctx.op.command else {}
    stale = [row_id for row_id in named if row_id not in {r.id for r in rows}]
    for row in rows:
        if row.deleted and row.id not in named:
            continue  # deleted and not named: replicas name live rows only
        seen = named.get(row.id, 0)
        if row.version > seen and any(
                ctx.copied or w.device_id != ctx.op.device_id
                or (w.device_seq or 0) >= ctx.op.device_seq
                for w in writes_since(ctx.session, row, seen)):
            stale.append(row.id)
    return stale



# -- moving a household ---------------------------------------------------------------
# Rows that travel with a household besides its subtree: its case history and its
# conflicts (open ones must reach the new area's coordinators, who now decide them).
TRAVELLING_TYPES: tuple[str, ...] = SUBTREE_TYPES + ("review_event", "conflict")


def _move(ctx: Applying, current: Record | None) -> Outcome:
    """Move a household and everything of it to another tambon, in the op's savepoint:
    for each row a moved-out marker with its own ``seq`` in the old tambon's feed, then
    the row's next version under the new tambon (markers first: a replica that takes a
    marker as a plain tombstone still ends with the row, whose seq is higher)."""
    op = ctx.op
    command = op.command
    assert command is not None
    issues = MOVE.check(op.type, ctx.author.role, op.tambon, dict(command.args))
    if issues and issues[0].code == ROLE_FORBIDDEN:
        return _role_lost(ctx, current or Record(op.type, op.id, op.tambon, {}))
    if issues:
        raise ContractError(issues[0].code, issues[0].field, **issues[0].params)
    new = str(command.args["tambon"])
    if new not in all_tambons():
        raise ContractError("tambon.invalid", "command.args.tambon")
    if current is None or current.deleted:
        return _to_conflict(ctx, current or Record(op.type, op.id, op.tambon, {}),
                            "missing_row", groups=_whole(op))
    if not can_write_tambon(ctx.author, new):
        return _to_conflict(ctx, current, "move_out_of_area", status=QUARANTINED,
                            groups=_whole(op))
    if _stale_rows(ctx, _subtree(ctx, current.id)):
        return _to_conflict(ctx, current, "stale_move", groups=_whole(op))
    old = current.tambon
    if old == new:  # moved there already by this device's own earlier op
        return Outcome(APPLIED, current)
    rows = [r for r in _subtree(ctx, current.id, TRAVELLING_TYPES, lock=True)
            if r.tambon != new]
    for row in rows:
        _mark_moved_out(ctx, row, new)
    stored = current
    for row in rows:
        moved = ctx.write(replace(row, tambon=new, fields=_moved_fields(row, new)), row)
        stored = moved if row.type == "household" else stored
    _review_event(ctx, stored, MOVE.command, str(old), new, comment=command.comment)
    return Outcome(APPLIED, stored)


def _mark_moved_out(ctx: Applying, row: Record, new: str) -> None:
    """The row's marker in its old tambon's feed (one per row and tambon left; a move
    back into a tambon takes the row out of that tambon's markers)."""
    session = ctx.session
    assert row.tambon is not None
    session.execute(delete(MovedOut).where(
        MovedOut.record_type == row.type, MovedOut.record_id == row.id,
        MovedOut.old_tambon == new))
    session.execute(delete(MovedOut).where(
        MovedOut.record_type == row.type, MovedOut.record_id == row.id,
        MovedOut.old_tambon == row.tambon))
    session.add(MovedOut(record_type=row.type, record_id=row.id, old_tambon=row.tambon,
                         new_tambon=new, seq=next_seq(session), version=row.version + 1,
                         op_id=ctx.op.op_id, moved_at=utcnow()))
    session.flush()


def _moved_fields(row: Record, new: str) -> dict[str, Any]:
    """A moved row's fields: unchanged, but for a household's village, which is the
    village of the same moo in the new tambon (a village is a tambon's)."""
    fields = dict(row.fields)
    if row.type == "household" and fields.get("village_id"):
        moo = fields.get("moo")
        if moo:
            fields["village_id"] = natural_id(record_type("village"), new, {"moo": moo})
        else:
            del fields["village_id"]
    return fields
