"""The replica as the sync engine drives it (``sync.client.replica.Replica``).

Each method is one writer transaction: a pulled page and its checkpoints, a batch
of push results and the rows they carry, land together or not at all.

A moved-out marker in a page (``sync.records.ops.moved_to``) says a row left one of
the replica's tambons: the marker is kept in ``moved_out`` and the row's copy from
before the move is dropped — at once, or, while own ops on the row still wait for a
result, once they have it (the server keeps them: applied where the row now is, or
quarantined as a conflict there).  Autosaved drafts of the row stay.  A copy of the
row under the tambon it left with a lower ``seq`` than the marker is never taken
again; the row under its new tambon is taken as any row.

An area the server says the user lost (``removed_areas``) is purged — its rows and
moved-out markers, its checkpoint — only once no op for it waits in the outbox;
until then the page leaves its checkpoint where it was, so the next page or sync is
told again and purges then.  Drafts are the user's own typing and stay; so do the
area's acknowledged ops (SYNC.md 6: kept at least 90 days, for a server restored
from a snapshot that lacks them — it quarantines them then, it does not lose them).  A hello whose ``role`` differs from the role the checkpoints were pulled
under resets every checkpoint to 0 (more record types may be visible) and drops the
rows of types the new role does not see, with the new role, in one transaction.

Attachment bytes (``sync.client.replica.ReplicaFiles``) are the encrypted files under
the profile's ``files/`` folder (``desktop.store.files``) with their ``blobs`` row:
``pending`` until the server holds them, then ``present``; bytes fetched from the
server arrive ``present``; an attachment whose bytes are not here has no row.  A new
server epoch makes every blob ``pending`` again (the restored server may lack its
file: the next sync asks, and sends it if so).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from sqlalchemy import Connection, delete, insert, select, update

from desktop.store.files import read_file, sha256_of, write_file
from desktop.store.household_index import household_of, refresh_households
from desktop.store.errors import StoreError
from desktop.store.profiles import FILES_DIR
from desktop.store.identity import predecessors
from desktop.store.rows import (
    get_record,
    now_iso,
    read_setting,
    rebuild,
    take_server_record,
    write_settings,
)
from desktop.store.schema import (
    RECORDS,
    acked_ops,
    blobs,
    checkpoints,
    drafts,
    moved_out,
    outbox,
    server_rows,
)
from sync.client.replica import (
    BlobRef,
    PullPage,
    PushResult,
    ServerState,
    Status,
    hidden_types,
    stale_for_role,
)
from sync.records.ops import SignedOp, moved_to
from sync.records.record import GLOBAL_AREA, Record

if TYPE_CHECKING:
    from desktop.store.engine import Database


class SyncSide:
    database: "Database"

    def server_state(self) -> ServerState:
        with self.database.reader.connect() as connection:
            return ServerState(read_setting(connection, "server_epoch"),  # type: ignore[arg-type]
                               read_setting(connection, "server_time_ms"),  # type: ignore[arg-type]
                               tuple(read_setting(connection, "areas", []) or []),
                               read_setting(connection, "pulled_role"))  # type: ignore[arg-type]

    def record_hello(self, state: ServerState) -> None:
        with self.database.writer.begin() as connection:
            known = read_setting(connection, "server_epoch")
            if known is not None and known != state.epoch:
                raise StoreError("sync.epoch_changed", "server_epoch")
            if state.role is not None:
                self._take_role(connection, state.role)
            write_settings(connection, {"server_epoch": state.epoch,
                                        "server_time_ms": state.server_time_ms,
                                        "areas": list(state.areas)})
        if state.server_time_ms is not None:
            self.clock.saw_server_time(state.server_time_ms)  # type: ignore[attr-defined]

    def _take_role(self, connection: Connection, role: str) -> None:
        """The user's role from hello: when the checkpoints were pulled under another
        role (or an unknown one), every area is pulled again from 0 and rows of the
        types the role does not see are dropped.  ``role`` is what the services read."""
        pulled_as = read_setting(connection, "pulled_role")
        if pulled_as != role:
            held = connection.execute(select(checkpoints.c.area).limit(1)).first()
            if pulled_as is not None or held is not None:
                connection.execute(update(checkpoints).values(seq=0))
                for type_name in hidden_types(role):
                    connection.execute(delete(RECORDS[type_name]))
                    connection.execute(delete(server_rows).where(
                        server_rows.c.record_type == type_name))
        write_settings(connection, {"pulled_role": role, "role": role})

    def start_epoch(self, epoch: str, last_device_seq: int) -> None:
        """The server was restored: ops it lost go back to the outbox (moved out of
        ``acked_ops``), every checkpoint returns to 0, and every local row and server
        copy drops to seq 0 — unconfirmed until the new epoch's server sends it again.
        The ops sent again: this device's after ``last_device_seq``, and every op an
        earlier incarnation of the device signed (``last_device_seq`` speaks of the
        current id only; the server answers what it holds as duplicates)."""
        with self.database.writer.begin() as connection:
            pending = {row.op_id for row in connection.execute(select(outbox.c.op_id))}
            earlier = max((int(p.get("last_seq") or 0) for p in predecessors(connection)),
                          default=0)
            resend = [row for row in connection.execute(select(acked_ops).where(
                (acked_ops.c.device_seq > last_device_seq)
                | (acked_ops.c.device_seq <= earlier))).fetchall()
                if row.device_seq > last_device_seq
                or SignedOp(row.op, row.sig).parse().device_id != self.device_id]  # type: ignore[attr-defined]
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
            connection.execute(delete(moved_out))  # the new epoch's pages bring them again
            # The restored server may lack files: each is unconfirmed until it says.
            connection.execute(update(blobs).where(blobs.c.state == "present")
                               .values(state="pending"))
            refresh_households(connection, _households_with_attachments(connection))
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
            done: set[tuple[str, str]] = set()
            rows = connection.execute(select(outbox).where(outbox.c.op_id.in_(finals)))
            for row in rows.fetchall():
                result = finals[row.op_id]
                before = get_record(connection, row.record_type, row.record_id)
                self._acknowledge(connection, row, result)
                if result.record is not None and not _left_before(connection, result.record):
                    take_server_record(connection, result.record)
                after = rebuild(connection, row.record_type, row.record_id)
                touched |= {household_of(r) for r in (before, after) if r is not None}
                done.add((row.record_type, row.record_id))
            touched |= _settle_moves(connection, done)
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
        if moved_to(record) is not None:
            return _take_moved_out(connection, record)
        if _left_before(connection, record):
            return set()
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
            role = read_setting(connection, "pulled_role")
            if stale_for_role(page, role):  # type: ignore[arg-type]
                return
            hidden = hidden_types(role)  # type: ignore[arg-type]
            touched: set[str | None] = set()
            for record in page.records:
                if record.type not in hidden:
                    touched |= self._take_server_row(connection, record)
            for area in page.removed_areas:
                touched |= self._purge(connection, area)
            self._advance(connection, page.checkpoints, page.removed_areas)
            # Every tambon the replica holds rows of is asked for at the next pull, also
            # when the page's own checkpoints were not kept: the server names it in
            # removed_areas once it is not the user's, and its rows are purged.
            for tambon in {r.tambon for r in page.records if r.type not in hidden}:
                if tambon is not None and tambon not in page.removed_areas:
                    connection.execute(insert(checkpoints).prefix_with("OR IGNORE").values(
                        area=tambon, seq=0))
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
        # Its ops are final by now.  What stays: the drafts (the user's own typing) and
        # the acknowledged ops (a restored server may need them sent again).
        if tambon is not None:
            connection.execute(delete(moved_out).where(moved_out.c.old_tambon == tambon))
        connection.execute(delete(checkpoints).where(checkpoints.c.area == area))
        return touched

    # -- attachment bytes (ReplicaFiles) ------------------------------------------------
    @property
    def files_dir(self) -> Path:
        """The profile's ``files/`` folder (beside its database file)."""
        chosen = getattr(self, "_files_dir", None)
        return chosen if chosen is not None else self.database.path.parent / FILES_DIR

    @files_dir.setter
    def files_dir(self, folder: Path) -> None:
        self._files_dir = Path(folder)

    def blobs_to_upload(self, *, after: str | None, limit: int) -> list[BlobRef]:
        """Pending blobs named by a live attachment row and by no op still in the
        outbox: the row's create has its final result and the row stayed, so the
        server holds it (a refused create takes its row away)."""
        attachment = RECORDS["attachment"]
        with self.database.reader.connect() as connection:
            waiting = _hashes_in_outbox(connection)
            query = (select(blobs.c.sha256, blobs.c.size, blobs.c.mime_type)
                     .where(blobs.c.state == "pending")
                     .where(blobs.c.sha256.in_(select(attachment.c.sha256).where(
                         attachment.c.deleted.is_(False))))
                     .order_by(blobs.c.sha256))
            if after is not None:
                query = query.where(blobs.c.sha256 > after)
            found: list[BlobRef] = []
            for row in connection.execute(query):
                if row.sha256 in waiting:
                    continue
                found.append(BlobRef(row.sha256, int(row.size), row.mime_type))
                if len(found) >= limit:
                    break
            return found

    def read_blob(self, sha256: str) -> bytes:
        return read_file(self.files_dir, self.database.key, sha256)

    def blob_uploaded(self, sha256: str) -> None:
        with self.database.writer.begin() as connection:
            connection.execute(update(blobs).where(blobs.c.sha256 == sha256)
                               .values(state="present"))
            refresh_households(connection, _households_naming(connection, sha256))

    def blobs_to_fetch(self, *, after: str | None, limit: int) -> list[BlobRef]:
        attachment = RECORDS["attachment"]
        query = (select(attachment.c.sha256, attachment.c.size_bytes, attachment.c.mime_type)
                 .where(attachment.c.deleted.is_(False), attachment.c.sha256.is_not(None),
                        attachment.c.sha256.not_in(select(blobs.c.sha256)))
                 .order_by(attachment.c.sha256))
        if after is not None:
            query = query.where(attachment.c.sha256 > after)
        found: dict[str, BlobRef] = {}
        with self.database.reader.connect() as connection:
            for row in connection.execute(query):
                if row.sha256 not in found:
                    found[row.sha256] = BlobRef(row.sha256, int(row.size_bytes or 0),
                                                row.mime_type)
                    if len(found) >= limit:
                        break
        return list(found.values())

    def store_blob(self, sha256: str, data: bytes, mime_type: str | None) -> None:
        """Keep fetched bytes: the encrypted file first, then its ``present`` row (a
        file without a row is a harmless leftover, never a row without its bytes)."""
        if sha256_of(data) != sha256:
            raise StoreError("file.corrupt", "sha256")
        write_file(self.files_dir, self.database.key, data)
        with self.database.writer.begin() as connection:
            connection.execute(delete(blobs).where(blobs.c.sha256 == sha256))
            connection.execute(insert(blobs).values(
                sha256=sha256, size=len(data), mime_type=mime_type, state="present",
                created_at=now_iso()))
            refresh_households(connection, _households_naming(connection, sha256))


# -- attachment bytes -------------------------------------------------------------------
def _hashes_in_outbox(connection: Connection) -> set[str]:
    """The hashes named by attachment ops still waiting for their result."""
    found: set[str] = set()
    for row in connection.execute(select(outbox.c.op, outbox.c.sig).where(
            outbox.c.record_type == "attachment")):
        sha = SignedOp(row.op, row.sig).parse().fields.get("sha256")
        if isinstance(sha, str):
            found.add(sha)
    return found


def _households_naming(connection: Connection, sha256: str) -> set[str | None]:
    attachment = RECORDS["attachment"]
    return {row[0] for row in connection.execute(select(attachment.c.household_id).where(
        attachment.c.sha256 == sha256))}


def _households_with_attachments(connection: Connection) -> set[str | None]:
    attachment = RECORDS["attachment"]
    return {row[0] for row in connection.execute(
        select(attachment.c.household_id).where(attachment.c.sha256.is_not(None)).distinct())}


# -- moves ------------------------------------------------------------------------------
def _left_before(connection: Connection, record: Record) -> bool:
    """Whether a marker says the row left ``record``'s tambon after this copy was made."""
    if record.tambon is None:
        return False
    found = connection.execute(select(moved_out.c.seq).where(
        moved_out.c.record_type == record.type, moved_out.c.record_id == record.id,
        moved_out.c.old_tambon == record.tambon, moved_out.c.seq > record.seq)).first()
    return found is not None


def _take_moved_out(connection: Connection, marker: Record) -> set[str | None]:
    """Remember a moved-out marker (the newest per row and tambon), then drop the row's
    copy from before the move if nothing of ours on it still waits."""
    key = (moved_out.c.record_type == marker.type, moved_out.c.record_id == marker.id,
           moved_out.c.old_tambon == marker.tambon)
    known = connection.execute(select(moved_out.c.seq).where(*key)).scalar()
    if known is None:
        connection.execute(insert(moved_out).values(
            record_type=marker.type, record_id=marker.id, old_tambon=marker.tambon,
            new_tambon=moved_to(marker), seq=marker.seq))
    elif known < marker.seq:
        connection.execute(update(moved_out).where(*key).values(
            new_tambon=moved_to(marker), seq=marker.seq))
    return _settle_moves(connection, {(marker.type, marker.id)})


def _settle_moves(connection: Connection,
                  keys: Iterable[tuple[str, str]]) -> set[str | None]:
    """Drop each row whose server copy is still the one from before a marker it has,
    unless ops of its own still wait for a result; the households touched."""
    touched: set[str | None] = set()
    for type_name, record_id in sorted(set(keys)):
        if connection.execute(select(outbox.c.device_seq).where(
                outbox.c.record_type == type_name,
                outbox.c.record_id == record_id).limit(1)).first() is not None:
            continue  # pending: the server sees the op first
        row = get_record(connection, type_name, record_id)
        if row is None:
            continue
        left = connection.execute(select(moved_out.c.seq).where(
            moved_out.c.record_type == type_name, moved_out.c.record_id == record_id,
            moved_out.c.old_tambon == row.tambon, moved_out.c.seq > row.seq)).first()
        if left is None:
            continue
        connection.execute(delete(RECORDS[type_name]).where(
            RECORDS[type_name].c.id == record_id))
        connection.execute(delete(server_rows).where(
            server_rows.c.record_type == type_name, server_rows.c.record_id == record_id))
        touched.add(household_of(row))
    return touched
