"""Typed tables built from the contract store and return every record type intact."""

from __future__ import annotations

import pytest
from sqlalchemy import MetaData, create_engine, insert, select

from sync.records.registry import RECORD_TYPES
from sync.records.tables import record_tables, row_record, row_values
from tests.records.samples import sample_record


@pytest.fixture
def engine_and_tables(tmp_path):
    metadata = MetaData()
    tables = record_tables(metadata)
    engine = create_engine(f"sqlite:///{tmp_path / 'records.db'}")
    metadata.create_all(engine)
    return engine, tables


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_record_round_trips_through_its_table(engine_and_tables, name):
    engine, tables = engine_and_tables
    record = sample_record(RECORD_TYPES[name])
    with engine.begin() as connection:
        connection.execute(insert(tables[name]), [row_values(record)])
        row = connection.execute(select(tables[name])).one()
    assert row_record(name, row) == record


def test_tables_have_no_foreign_keys_and_index_parents(engine_and_tables):
    _, tables = engine_and_tables
    for table in tables.values():
        assert not table.foreign_keys
    indexed = {c.name for ix in tables["member"].indexes for c in ix.columns}
    assert {"household_id", "tambon", "seq"} <= indexed


def test_two_metadatas_can_hold_the_tables_side_by_side():
    a, b = MetaData(), MetaData()
    assert set(record_tables(a)) == set(record_tables(b, prefix="srv_")) == set(RECORD_TYPES)
    assert "srv_household" in b.tables and "household" in a.tables
    assert "household" not in b.tables
