"""The replica as the sync engine drives it (``sync.client.replica.Replica``).

Each method is one writer transaction: a pulled page and its checkpoints, a batch
of push results and the rows they carry, land together or not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from sqlalchemy import Connection, delete, insert, select, update

from desktop.store.household_index import household_of, refresh_households
from desktop.store.errors import StoreError
from desktop.store.rows import (
    get_record,
    now_iso,
    read_setting,
    rebuild,
    take_server_record,
    write_settings,
)
from desktop.store.schema import RECORDS, acked_ops, checkpoints, drafts, outbox, server_rows
from sync.client.replica import PullPage, PushResult, ServerState, Status
from sync.records.ops import SignedOp
from sync.records.record import GLOBAL_AREA, Record

if TYPE_CHECKING:
    from desktop.store.engine import Database


class SyncSide:
    database: "Database"

    def server_state(self) -> ServerState:
        with self.database.reader.connect() as connection:
            return ServerState(read_setting(connection, "server_epoch"),  # type: ignore[arg-type]
                               read_setting(connection, "server_time_ms"),  # type: ignore[arg-type]
                               tuple(read_setting(connection, "areas", []) or []))

    def record_hello(self, state: ServerState) -> None:
        with self.database.writer.begin() as connection:
            known = read_setting(connection, "server_epoch")
            if known is not None and known != state.epoch:
                raise StoreError("sync.epoch_changed", "server_epoch")
            write_settings(connection, {"server_epoch": state.epoch,
                                        "server_time_ms": state.server_time_ms,
                                        "areas": list(state.areas)})
        if state.server_time_ms is not None:
            self.clock.saw_server_time(state.server_time_ms)  # type: ignore[attr-defined]

    def start_epoch(self, epoch: str, last_device_seq: int) -> None:
        """The server was restored: ops it lost go back to the outbox (moved out of
        ``acked_ops``), every checkpoint returns to 0, and every local row and server
        copy drops to seq 0 — unconfirmed until the new epoch's server sends it again."""
        with self.database.writer.begin() as connection:
            pending = {row.op_id for row in connection.execute(select(outbox.c.op_id))}
            resend = connection.execute(select(acked_ops).where(
                acked_ops.c.device_seq > last_device_seq)).fetchall()
            for row in resend:
                connection.execute(delete(acked_ops).where(acked_ops.c.op_id == row.op_id))
                if row.op_id in pending:
                    continue
                connection.execute(insert(outbox).values(
                    device_seq=row.device_seq, op_id=row.op_id,
                    record_type=row.record_type, record_id=row.record_id,
                    tambon=row.tambon, kind=SignedOp(row.op, row.sig).parse().kind,
                    op=row.op, sig=row.sig, created_at=now_iso()))
            for table in (*RECORDS.values(), server_rows):
                connection.execute(update(table).values(seq=0))
            connection.execute(update(checkpoints).values(seq=0))
            write_settings(connection, {"server_epoch": epoch})

    def pending_ops(self, *, limit: int) -> list[SignedOp]:
        with self.database.reader.connect() as connection:
            rows = connection.execute(select(outbox.c.op, outbox.c.sig)
                                      .order_by(outbox.c.device_seq).limit(limit))
            return [SignedOp(row.op, row.sig) for row in rows]

    def apply_push_results(self, results: Sequence[PushResult]) -> None:
        """Final results leave the outbox; each row is rebuilt from the server's copy
        (the result's row when newer) and the ops still pending — so a refused edit
        disappears from view and comes back as a draft."""
        finals = {r.op_id: r for r in results if r.final}
        if not finals:
            return
        with self.database.writer.begin() as connection:
            touched: set[str | None] = set()
            rows = connection.execute(select(outbox).where(outbox.c.op_id.in_(finals)))
            for row in rows.fetchall():
                result = finals[row.op_id]
                before = get_record(connection, row.record_type, row.record_id)
                self._acknowledge(connection, row, result)
                if result.record is not None:
                    take_server_record(connection, result.record)
                after = rebuild(connection, row.record_type, row.record_id)
                touched |= {household_of(r) for r in (before, after) if r is not None}
            self._save_clock(connection)
            refresh_households(connection, touched)

    def _acknowledge(self, connection: Connection, row, result: PushResult) -> None:
        connection.execute(delete(outbox).where(outbox.c.op_id == row.op_id))
        connection.execute(delete(acked_ops).where(acked_ops.c.op_id == row.op_id))
        connection.execute(insert(acked_ops).values(
            op_id=row.op_id, device_seq=row.device_seq, record_type=row.record_type,
            record_id=row.record_id, tambon=row.tambon, op=row.op, sig=row.sig,
            status=str(result.status), result=result.to_json(), acked_at=now_iso()))
        if result.status == Status.REJECTED:
            op = SignedOp(row.op, row.sig).parse()
            draft_id = f"rejected:{row.op_id}"
            connection.execute(delete(drafts).where(drafts.c.draft_id == draft_id))
            connection.execute(insert(drafts).values(
                draft_id=draft_id, record_type=row.record_type,
                record_id=row.record_id, tambon=row.tambon, fields=op.fields,
                origin="rejected", op_id=row.op_id,
                error=None if result.error is None else result.error.as_json(),
                updated_at=now_iso()))

    def _take_server_row(self, connection: Connection, record: Record) -> set[str | None]:
        """Keep the server's row if newer; the households whose index depends on it."""
        before = get_record(connection, record.type, record.id)
        if not take_server_record(connection, record):
            return set()
        if record.hlc:
            self.clock.observe(record.hlc)  # type: ignore[attr-defined]
        after = get_record(connection, record.type, record.id)
        return {household_of(r) for r in (before, after) if r is not None}

    def _save_clock(self, connection: Connection) -> None:
        """Persist the clock after observing pulled stamps (it must not go back on restart)."""
        write_settings(connection, {"clock_last": str(self.clock.last)})  # type: ignore[attr-defined]

    def checkpoints(self) -> dict[str, int]:
        with self.database.reader.connect() as connection:
            return {row.area: row.seq for row in connection.execute(select(checkpoints))}

    def apply_pull_page(self, page: PullPage) -> None:
        with self.database.writer.begin() as connection:
            known = read_setting(connection, "server_epoch")
            if known is not None and known != page.server_epoch:
                raise StoreError("sync.epoch_changed", "server_epoch")
            touched: set[str | None] = set()
            for record in page.records:
                touched |= self._take_server_row(connection, record)
            for area in page.removed_areas:
                touched |= self._purge(connection, area)
            self._advance(connection, page.checkpoints, page.removed_areas)
            write_settings(connection, {"server_epoch": page.server_epoch})
            self._save_clock(connection)
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
        for table in (drafts, acked_ops):  # final by now: nothing of the area stays behind
            connection.execute(delete(table).where(
                table.c.tambon.is_(None) if tambon is None else table.c.tambon == tambon))
        connection.execute(delete(checkpoints).where(checkpoints.c.area == area))
        return touched
