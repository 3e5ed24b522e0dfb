"""The replica as the sync engine drives it (``sync.client.replica.Replica``).

Each method is one writer transaction: a pulled page and its checkpoints, a batch
of push results and the rows they carry, land together or not at all.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterable, Sequence

from sqlalchemy import Connection, delete, insert, select

from desktop.store.household_index import household_of, refresh_households
from desktop.store.rows import (
    get_record,
    overlay,
    pending_for,
    put_record,
    read_setting,
    write_settings,
)
from desktop.store.schema import RECORDS, acked_ops, checkpoints, drafts, outbox
from sync.client.replica import PullPage, PushResult, ServerState, Status
from sync.records.ops import SignedOp
from sync.records.record import GLOBAL_AREA, Record

if TYPE_CHECKING:
    from desktop.store.engine import Database


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SyncSide:
    database: "Database"

    def server_state(self) -> ServerState:
        with self.database.reader.connect() as connection:
            return ServerState(read_setting(connection, "server_epoch"),  # type: ignore[arg-type]
                               read_setting(connection, "server_time_ms"),  # type: ignore[arg-type]
                               tuple(read_setting(connection, "areas", []) or []))

    def record_hello(self, state: ServerState) -> None:
        with self.database.writer.begin() as connection:
            write_settings(connection, {"server_epoch": state.epoch,
                                        "server_time_ms": state.server_time_ms,
                                        "areas": list(state.areas)})
        if state.server_time_ms is not None:
            self.clock.saw_server_time(state.server_time_ms)  # type: ignore[attr-defined]

    def start_epoch(self, epoch: str, last_device_seq: int) -> None:
        with self.database.writer.begin() as connection:
            pending = {row.op_id for row in connection.execute(select(outbox.c.op_id))}
            resend = connection.execute(select(acked_ops).where(
                acked_ops.c.device_seq > last_device_seq)).fetchall()
            for row in resend:
                if row.op_id not in pending:
                    connection.execute(insert(outbox).values(
                        device_seq=row.device_seq, op_id=row.op_id,
                        record_type=row.record_type, record_id=row.record_id,
                        tambon=row.tambon, kind=SignedOp(row.op, row.sig).parse().kind,
                        op=row.op, sig=row.sig, created_at=_now()))
            connection.execute(checkpoints.update().values(seq=0))
            write_settings(connection, {"server_epoch": epoch})

    def pending_ops(self, *, limit: int) -> list[SignedOp]:
        with self.database.reader.connect() as connection:
            rows = connection.execute(select(outbox.c.op, outbox.c.sig)
                                      .order_by(outbox.c.device_seq).limit(limit))
            return [SignedOp(row.op, row.sig) for row in rows]

    def apply_push_results(self, results: Sequence[PushResult]) -> None:
        finals = {r.op_id: r for r in results if r.final}
        if not finals:
            return
        with self.database.writer.begin() as connection:
            touched: set[str | None] = set()
            rows = connection.execute(select(outbox).where(outbox.c.op_id.in_(finals)))
            for row in rows.fetchall():
                result = finals[row.op_id]
                self._acknowledge(connection, row, result)
                if result.record is not None:
                    touched |= self._take_server_row(connection, result.record)
                current = get_record(connection, row.record_type, row.record_id)
                touched.add(household_of(current) if current else None)
            refresh_households(connection, touched)

    def _acknowledge(self, connection: Connection, row, result: PushResult) -> None:
        connection.execute(delete(outbox).where(outbox.c.op_id == row.op_id))
        connection.execute(insert(acked_ops).values(
            op_id=row.op_id, device_seq=row.device_seq, record_type=row.record_type,
            record_id=row.record_id, tambon=row.tambon, op=row.op, sig=row.sig,
            status=str(result.status), result=result.to_json(), acked_at=_now()))
        if result.status == Status.REJECTED:
            op = SignedOp(row.op, row.sig).parse()
            connection.execute(insert(drafts).values(
                draft_id=f"rejected:{row.op_id}", record_type=row.record_type,
                record_id=row.record_id, tambon=row.tambon, fields=op.fields,
                origin="rejected", op_id=row.op_id,
                error=None if result.error is None else result.error.as_json(),
                updated_at=_now()))

    def _take_server_row(self, connection: Connection, record: Record) -> set[str | None]:
        """Store the server's copy if newer, with pending local ops laid over it;
        return the households whose index depends on the row (before and after)."""
        current = get_record(connection, record.type, record.id)
        if current is not None and current.seq >= record.seq:
            return set()  # ours is as new (pages and bundles may repeat or come late)
        visible = overlay(record, pending_for(connection, record.type, record.id))
        if visible.hlc:
            self.clock.observe(visible.hlc)  # type: ignore[attr-defined]
        put_record(connection, visible)
        return {household_of(visible), household_of(current) if current else None}

    def checkpoints(self) -> dict[str, int]:
        with self.database.reader.connect() as connection:
            return {row.area: row.seq for row in connection.execute(select(checkpoints))}

    def apply_pull_page(self, page: PullPage) -> None:
        with self.database.writer.begin() as connection:
            touched: set[str | None] = set()
            for record in page.records:
                touched |= self._take_server_row(connection, record)
            for area in page.removed_areas:
                touched |= self._purge(connection, area)
            self._advance(connection, page.checkpoints, page.removed_areas)
            write_settings(connection, {"server_epoch": page.server_epoch})
            refresh_households(connection, touched)

    def _advance(self, connection: Connection, reached: dict[str, int],
                 removed: Iterable[str]) -> None:
        known = {row.area: row.seq for row in connection.execute(select(checkpoints))}
        for area, seq in reached.items():
            if area in removed or seq <= known.get(area, -1):
                continue
            connection.execute(delete(checkpoints).where(checkpoints.c.area == area))
            connection.execute(insert(checkpoints).values(area=area, seq=seq))

    def _purge(self, connection: Connection, area: str) -> set[str | None]:
        """Drop an area's rows once none of its ops still waits for a result."""
        tambon = None if area == GLOBAL_AREA else area
        waiting = select(outbox.c.device_seq).where(
            outbox.c.tambon.is_(None) if tambon is None else outbox.c.tambon == tambon)
        if connection.execute(waiting.limit(1)).first() is not None:
            return set()
        touched: set[str | None] = set()
        for table in RECORDS.values():
            where = table.c.tambon.is_(None) if tambon is None else table.c.tambon == tambon
            link = table.c.id if table.name == "household" else table.c.get("household_id")
            if link is not None:
                touched |= {r[0] for r in connection.execute(select(link).where(where))}
            connection.execute(delete(table).where(where))
        connection.execute(delete(checkpoints).where(checkpoints.c.area == area))
        return touched
