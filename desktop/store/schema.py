"""The local replica's tables: one per record type (from the contract) plus its own.

Local tables never sync: the server's copy of rows with pending ops, the outbox of
signed ops, acknowledged ops (kept ≥ 90 days
for re-sending after a server restore and for relays), moved-out markers taken,
checkpoints, drafts,
settings, sync history, the reference areas, and the household list index that
makes 100,000 households searchable and sortable in Thai.
Synced tables carry no foreign keys (children may arrive before their parents).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from sync.records.tables import record_tables

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
})

RECORDS = record_tables(metadata)

outbox = Table(
    "outbox", metadata,
    Column("device_seq", Integer, primary_key=True, autoincrement=False),
    Column("op_id", String(36), nullable=False, unique=True),
    Column("record_type", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("tambon", String(6)),
    Column("kind", String(10), nullable=False),
    Column("op", Text, nullable=False),  # the exact canonical text that was signed
    Column("sig", Text, nullable=False),
    Column("created_at", String(24), nullable=False),
    Index(None, "record_type", "record_id"),
)

# While a row has pending ops, the server's copy of it (null: the server has none
# yet); the visible row is that copy with the pending ops laid over it.  A row
# without pending ops is its own server copy and has no entry here.
server_rows = Table(
    "server_rows", metadata,
    Column("record_type", String(40), primary_key=True),
    Column("record_id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("record", JSON),
)

acked_ops = Table(
    "acked_ops", metadata,
    Column("op_id", String(36), primary_key=True),
    Column("device_seq", Integer, nullable=False, index=True),
    Column("record_type", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("tambon", String(6)),
    Column("op", Text, nullable=False),
    Column("sig", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("result", JSON),
    Column("acked_at", String(24), nullable=False, index=True),
)

# Moved-out markers the replica has taken: the row left ``old_tambon`` at ``seq``.  A
# copy of the row under that tambon with a lower seq is from before the move: never
# taken again (pages and bundles may come late).  A row with pending ops keeps its copy
# until they have their results, then it goes.
moved_out = Table(
    "moved_out", metadata,
    Column("record_type", String(40), primary_key=True),
    Column("record_id", String(36), primary_key=True),
    Column("old_tambon", String(6), primary_key=True),
    Column("new_tambon", String(6), nullable=False),
    Column("seq", BigInteger, nullable=False),
)

checkpoints = Table(
    "checkpoints", metadata,
    Column("area", String(6), primary_key=True),  # a tambon code or "*"
    Column("seq", BigInteger, nullable=False),
)

settings = Table(
    "settings", metadata,
    Column("key", String(60), primary_key=True),
    Column("value", JSON),
)

drafts = Table(
    "drafts", metadata,
    Column("draft_id", String(120), primary_key=True),  # form + record id
    Column("record_type", String(40), nullable=False),
    Column("record_id", String(36)),
    Column("tambon", String(6)),
    Column("fields", JSON, nullable=False),
    Column("origin", String(12), nullable=False),  # "autosave" or "rejected"
    Column("error", JSON),
    Column("op_id", String(36)),
    Column("updated_at", String(24), nullable=False),
)

sync_history = Table(
    "sync_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", String(24), nullable=False),
    Column("finished_at", String(24)),
    Column("channel", String(12), nullable=False),  # "network" or "bundle"
    Column("outcome", String(20)),
    Column("counts", JSON),
    Column("message", Text),
)

blobs = Table(  # attachment bytes: encrypted files under files/, by sha256
    "blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mime_type", String(100)),
    Column("state", String(10), nullable=False),  # "pending" (not on the server), "present"
    Column("created_at", String(24), nullable=False),
)

area = Table(
    "area", metadata,
    Column("code", String(6), primary_key=True),  # 2, 4 or 6 digits
    Column("level", Integer, nullable=False),  # 1 province, 2 district, 3 tambon
    Column("parent", String(4), index=True),
    Column("name_th", Text, nullable=False),
    Column("name_en", Text, nullable=False),
)

household_index = Table(
    "household_index", metadata,
    Column("row", Integer, primary_key=True),  # joins household_text and household_fts
    Column("household_id", String(36), nullable=False, unique=True),
    Column("tambon", String(6)),
    Column("moo", Integer),
    Column("village_id", String(36)),
    Column("house_no", Text),
    Column("head_name", Text),
    Column("sort_key", Text, nullable=False, default=""),
    Column("state", String(24)),  # the current repair project's case state
    Column("vuln_mask", Integer, nullable=False, default=0),
    Column("member_count", Integer, nullable=False, default=0),
    Column("conflict", Boolean, nullable=False, default=False),
    Column("pending", Boolean, nullable=False, default=False),  # ops not yet acknowledged
    Column("photo_pending", Boolean, nullable=False, default=False),
    Column("updated_at", String(24)),
    Index(None, "sort_key", "household_id"),
    Index(None, "tambon", "sort_key", "household_id"),
    Index(None, "tambon", "moo", "sort_key"),
    Index(None, "state"),
)

# The searched text of each household (names, national IDs, house number, phone),
# narrow so that a one- or two-character LIKE scan reads little; the FTS5 trigram
# table indexes it as external content (three characters or more), kept in step by
# the triggers of the initial migration.
household_text = Table(
    "household_text", metadata,
    Column("row", Integer, primary_key=True),  # = household_index.row
    Column("text", Text, nullable=False),
)
