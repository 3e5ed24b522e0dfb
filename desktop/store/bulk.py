"""Loading many records at once (demo data, benchmarks) without one op each.

Rows go in with SQLAlchemy Core's executemany, a batch per transaction, and the
household index is computed from the batch in memory — the per-save path would
cost several queries per household.  Loaded rows are local facts with no op:
they never sync (a demo profile never does; a benchmark replica is thrown away).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from sqlalchemy import Engine, insert

from desktop.store.household_index import CHILD_TYPES, index_row, write_index_rows
from desktop.store.schema import RECORDS
from sync.records.record import Record
from sync.records.tables import row_values


def load_households(writer: Engine, households: Iterable[list[Record]]) -> int:
    """Insert each household's records (household first) and index them; one transaction."""
    rows: dict[str, list[dict]] = defaultdict(list)
    index_rows = []
    count = 0
    for records in households:
        household, subtree = records[0], defaultdict(list)
        for record in records:
            rows[record.type].append(row_values(record))
            if record.type in CHILD_TYPES:
                subtree[record.type].append(record)
        index_rows.append(index_row(household, subtree, pending=False, conflict=False,
                                    photo_pending=False))
        count += 1
    with writer.begin() as connection:
        for type_name, values in rows.items():
            connection.execute(insert(RECORDS[type_name]), values)
        write_index_rows(connection, index_rows)
    return count


def load_records(writer: Engine, records: Iterable[Record]) -> None:
    """Insert records that belong to no household (villages, settings)."""
    rows: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        rows[record.type].append(row_values(record))
    with writer.begin() as connection:
        for type_name, values in rows.items():
            connection.execute(insert(RECORDS[type_name]), values)
