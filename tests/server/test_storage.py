"""The store of record: validation against the contract, scopes judged from stored
rows, row history, the change counter, and nothing half-written — on both databases."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func
from sqlmodel import select

from sync.records.errors import ContractError
from sync.records.ids import new_id
from sync.records.record import Record
from sync.records.registry import RECORD_TYPES
from sync.server.db import Database
from sync.server.models import RECORD_TABLES, RowHistory, ServerModel
from sync.server.scopes import Actor
from sync.server.storage import RecordInvalid, current_seq, read_record, store_record
from tests.records.samples import sample_record

ADMIN = Actor("admin-1", "admin", ())
COORDINATOR = Actor("coordinator-1", "coordinator", ("800101",))
DEVICE = "0190a0b0-0000-7000-8000-00000000d001"


def household(tambon: str = "800101", **fields) -> Record:
    return Record("household", new_id(), tambon,
                  {"house_no": "12/3", "moo": 4, **fields}, hlc=None)


def member(household_id: str | None = None, tambon: str = "800101", **fields) -> Record:
    return Record("member", new_id(), tambon, {"household_id": household_id or new_id(),
                                               "given_name": "สมใจ", **fields})


def store(database: Database, record: Record, author: Actor = COORDINATOR):
    with database.writing() as session:
        return store_record(session, record, author=author, device_id=DEVICE)


def row_counts(database: Database) -> dict[str, int]:
    with database.reading() as session:
        counts = {t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in ServerModel.metadata.sorted_tables}
        counts["seq"] = current_seq(session)
    return counts


def refused(database: Database, record: Record, author: Actor = COORDINATOR) -> ContractError:
    before = row_counts(database)
    with pytest.raises(ContractError) as caught:
        store(database, record, author)
    assert row_counts(database) == before, "something was written"
    return caught.value


@pytest.mark.parametrize("type_name", list(RECORD_TYPES))
def test_every_record_type_is_stored_typed_and_read_back(database, type_name):
    record = sample_record(RECORD_TYPES[type_name])
    stored = store(database, record, ADMIN).record
    assert (stored.version, stored.seq, stored.updated_by, stored.device_id) == (
        1, 1, ADMIN.id, DEVICE)
    with database.reading() as session:
        again = read_record(session, ADMIN, type_name, record.id)
    assert again == stored
    assert again.extra == {"future_field": "x"}  # unknown fields are kept, not dropped
    assert again.fields.keys() == record.fields.keys()


def test_versions_history_and_seq(database):
    first = store(database, household()).record
    second = store(database, replace(first, fields={**first.fields, "moo": 5,
                                                    "soi": "ซอยหนึ่ง"})).record
    assert (first.version, first.seq, second.version, second.seq) == (1, 1, 2, 2)
    with database.reading() as session:
        history = session.exec(select(RowHistory).order_by(RowHistory.version)).all()
        assert current_seq(session) == 2
    assert [h.version for h in history] == [1, 2]
    assert history[0].changed == {"house_no": "12/3", "moo": 4}
    assert history[1].changed == {"moo": 5, "soi": "ซอยหนึ่ง"}
    assert (history[1].author, history[1].device_id, history[1].relayed_by) == (
        COORDINATOR.id, DEVICE, None)


def test_relay_and_op_are_kept_in_the_history(database):
    with database.writing() as session:
        store_record(session, household(), author=COORDINATOR, device_id=DEVICE,
                     relayed_by="supervisor-device", op_id="op-1")
    with database.reading() as session:
        entry = session.exec(select(RowHistory)).one()
    assert (entry.relayed_by, entry.op_id) == ("supervisor-device", "op-1")


@pytest.mark.parametrize("fields, code, field", [
    ({"national_id": "1112034563561"}, "national_id.checksum", "national_id"),
    ({"national_id": "12345"}, "national_id.length", "national_id"),
    ({"given_name": "ก" * 101}, "field.too_long", "given_name"),
    ({"monthly_income": "lots"}, "field.type", "monthly_income"),
    ({"monthly_income": 1.5}, "field.type", "monthly_income"),
    ({"sex": "x"}, "field.not_in_enum", "sex"),
    ({"household_id": "not-a-uuid"}, "field.bad_uuid", "household_id"),
])
def test_invalid_fields_are_refused_naming_the_field(database, fields, code, field):
    error = refused(database, member(**fields))
    assert (error.issue.code, error.issue.field) == (code, field)


def test_all_issues_are_reported(database):
    error = refused(database, member(national_id="1", sex="x"))
    assert isinstance(error, RecordInvalid)
    assert {i.field for i in error.issues} == {"national_id", "sex"}


@pytest.mark.parametrize("record, code, field", [
    (Record("spaceship", new_id(), "800101"), "record.unknown_type", "type"),
    (Record("household", "42", "800101", {"house_no": "1", "moo": 1}), "record.bad_id", "id"),
    (Record("household", new_id(), "8001", {"house_no": "1", "moo": 1}), "tambon.invalid",
     "tambon"),
    (Record("household", new_id(), "800101", {"house_no": "1", "moo": 1}, hlc="soon"),
     "op.malformed", "hlc"),
])
def test_bad_envelopes_are_refused(database, record, code, field):
    error = refused(database, record, ADMIN)
    assert (error.issue.code, error.issue.field) == (code, field)


def test_warnings_do_not_refuse(database):
    stored = store(database, member(national_id="0112034563564"))
    assert [w.code for w in stored.warnings] == ["national_id.review_prefix"]


def test_writes_outside_the_authors_areas_are_refused(database):
    error = refused(database, household("800201"))
    assert (error.issue.code, error.issue.field) == ("scope.out_of_area", "tambon")
    settings = sample_record(RECORD_TYPES["programme_settings"])
    assert refused(database, settings).issue.code == "scope.out_of_area"  # admins only


def test_a_child_is_judged_by_its_stored_parent(database):
    elsewhere = store(database, household("800201"), ADMIN).record
    claims_mine = refused(database, member(elsewhere.id, "800101"))
    assert (claims_mine.issue.code, claims_mine.issue.field) == (
        "scope.parent_mismatch", "household_id")
    claims_theirs = refused(database, member(elsewhere.id, "800201"))
    assert claims_theirs.issue.code == "scope.out_of_area"
    orphan = store(database, member(tambon="800101")).record  # parent not here yet
    assert orphan.tambon == "800101"


def test_a_stored_rows_tambon_never_changes_by_an_ordinary_write(database):
    stored = store(database, household(), ADMIN).record
    error = refused(database, replace(stored, tambon="800102"), ADMIN)
    assert (error.issue.code, error.issue.field) == ("scope.tambon_changed", "tambon")


def test_a_refused_record_leaves_the_others_of_the_transaction(database):
    good, bad, also_good = household(), household("800201"), household()
    with database.writing() as session:
        store_record(session, good, author=COORDINATOR, device_id=DEVICE)
        with pytest.raises(ContractError):
            store_record(session, bad, author=COORDINATOR, device_id=DEVICE)
        store_record(session, also_good, author=COORDINATOR, device_id=DEVICE)
    with database.reading() as session:
        table = RECORD_TABLES["household"]
        rows = session.execute(select(table.c.id, table.c.seq).order_by(table.c.seq)).all()
    assert rows == [(good.id, 1), (also_good.id, 2)]


def test_a_failed_transaction_writes_nothing(database):
    before = row_counts(database)
    with pytest.raises(RuntimeError), database.writing() as session:
        store_record(session, household(), author=COORDINATOR, device_id=DEVICE)
        raise RuntimeError("the connection dropped")
    assert row_counts(database) == before


def test_reads_are_limited_to_the_readers_areas(database):
    theirs = store(database, household("800201"), ADMIN).record
    settings = store(database, sample_record(RECORD_TYPES["programme_settings"]), ADMIN).record
    with database.reading() as session:
        assert read_record(session, COORDINATOR, "household", theirs.id) is None
        assert read_record(session, ADMIN, "household", theirs.id) == theirs
        assert read_record(session, COORDINATOR, "programme_settings", settings.id) == settings
