"""Services: plain values out, coded errors naming the field, nothing changed on refusal."""

from __future__ import annotations

import hashlib

import pytest

from desktop.services import ServiceError, message
from desktop.services.profiles import ProfileService
from desktop.store.crypto import FAST_KDF
from sync.records.ids import new_id
from sync.records.registry import record_type

TAMBON = "800101"
NAME, NATIONAL_ID = "น้ำผึ้ง", "1112034563562"


@pytest.fixture
def service(tmp_path):
    return ProfileService(tmp_path / "profiles", kdf=FAST_KDF)


@pytest.fixture
def workspace(service):
    service.create_profile("field1", "password 123")
    opened = service.unlock("field1", password="password 123")
    yield opened
    opened.close()


def household_with_member(workspace):
    """A household and its head, complete enough to be submitted."""
    household = workspace.save("household", {"house_no": "12/3", "moo": 4,
                                             "land_tenure": "title_deed",
                                             "structure_type": "wood"}, tambon=TAMBON).record
    member = workspace.save("member", {"household_id": household.id, "given_name": NAME,
                                       "family_name": "ใจดี", "national_id": NATIONAL_ID,
                                       "relation_to_head": "head", "sex": "2",
                                       "birth_date": "1950"}).record
    return household, member


def snapshot(workspace):
    detail_count = workspace.count_households()
    return detail_count, len(workspace.replica.pending_ops(limit=10_000)), workspace.drafts()


def test_household_round_trip_through_services(workspace):
    household, member = household_with_member(workspace)
    assert member.tambon == TAMBON  # a child takes its household's tambon
    detail = workspace.get_household(household.id)
    assert detail.household.fields["house_no"] == "12/3"
    assert [m.fields["given_name"] for m in detail.members] == [NAME]
    page = workspace.list_households()
    assert page.total == 1 and page.rows[0].head_name == f"{NAME} ใจดี"
    project = workspace.save("repair_project", {"household_id": household.id,
                                                "programme": "baan_por_piang",
                                                "fiscal_year": 2569}).record
    workspace.save("repair_item", {"household_id": household.id, "project_id": project.id,
                                   "category": "roof", "quantity": "2", "unit_price": 15_000,
                                   "material_cost": 30_000})
    detail = workspace.get_household(household.id)
    assert len(detail.projects) == 1 and len(detail.projects[0].items) == 1


BAD_INPUT = [
    ("household", {"moo": 0}, "moo", "field.out_of_range"),
    ("household", {"phone": "12345"}, "phone", "phone.invalid"),
    ("household", {"gps_lat": 40.0, "gps_lon": 100.0}, "gps_lat", "gps.latitude"),
    ("member", {"national_id": "1112034563561"}, "national_id", "national_id.checksum"),
    ("member", {"sex": "x"}, "sex", "field.not_in_enum"),
    ("member", {"birth_date": "31/02/2567"}, "birth_date", "date.invalid"),
    ("member", {"monthly_income": 12.5}, "monthly_income", "field.type"),
    ("consent", {"consent_date": "2024-05-01", "withdrawn_date": "2024-01-01"},
     "withdrawn_date", "consent.withdrawn_before_given"),
    ("survey", {"part_conditions": {"roof": "terrible"}}, "part_conditions.roof",
     "field.not_in_enum"),
    ("repair_item", {"quantity": "2", "unit_price": 100, "material_cost": 150},
     "material_cost", "cost.mismatch"),
    ("attachment", {"sha256": "not-a-hash"}, "sha256", "field.type"),
]


@pytest.mark.parametrize("type_name, fields, field, code", BAD_INPUT)
def test_bad_input_gets_a_coded_error_naming_the_field_and_changes_nothing(
        workspace, type_name, fields, field, code):
    household, member = household_with_member(workspace)
    links = {"household_id": household.id, "member_id": member.id, "project_id": new_id(),
             "owner_type": "household", "owner_id": household.id, "kind": "before",
             "sha256": "ab" * 32}
    declared = {f.name for f in record_type(type_name).fields()}
    needed = {f: v for f, v in links.items() if f in declared}
    before = snapshot(workspace)
    with pytest.raises(ServiceError) as caught:
        workspace.save(type_name, {**needed, **fields}, tambon=TAMBON)
    assert (caught.value.issue.code, caught.value.issue.field) == (code, field)
    assert message(caught.value.issue.code, "th", **caught.value.issue.params)
    assert snapshot(workspace) == before


def test_submitting_an_incomplete_household_is_refused_naming_the_field(workspace):
    household = workspace.save("household", {"moo": 4}, tambon=TAMBON).record
    project = workspace.save("repair_project", {"household_id": household.id,
                                                "programme": "baan_por_piang",
                                                "fiscal_year": 2569}).record
    before = snapshot(workspace)
    with pytest.raises(ServiceError) as caught:
        workspace.give_command(project.id, "submit")
    assert (caught.value.issue.code, caught.value.issue.field) == ("field.required", "house_no")
    assert snapshot(workspace) == before


def test_a_child_takes_its_households_tambon(workspace):
    household, _ = household_with_member(workspace)
    with pytest.raises(ServiceError) as caught:
        workspace.save("member", {"household_id": household.id, "given_name": "ก"},
                       tambon="800102")
    assert (caught.value.issue.code, caught.value.issue.field) == ("record.area", "tambon")


def test_a_refused_attachment_leaves_no_pending_blob(workspace):
    household, _ = household_with_member(workspace)
    with pytest.raises(ServiceError) as caught:
        workspace.attach_file(b"bytes", {"household_id": household.id,
                                         "owner_type": "household", "owner_id": household.id,
                                         "kind": "selfie"})
    assert caught.value.issue.field == "kind"
    assert not workspace.list_households().rows[0].photo_pending
    with workspace.database.reader.connect() as connection:
        assert connection.exec_driver_sql("select count(*) from blobs").scalar() == 0


def test_unknown_type_and_missing_records(workspace):
    with pytest.raises(ServiceError) as caught:
        workspace.save("spaceship", {})
    assert caught.value.issue.code == "record.unknown_type"
    with pytest.raises(ServiceError) as caught:
        workspace.get_household(new_id())
    assert (caught.value.issue.code, caught.value.issue.field) == ("record.not_found",
                                                                  "household_id")
    with pytest.raises(ServiceError):
        workspace.delete("household", new_id())
    with pytest.raises(ServiceError) as caught:
        workspace.give_command(new_id(), "submit")
    assert caught.value.issue.field == "project_id"


def test_submitting_needs_a_complete_case(workspace):
    household, _ = household_with_member(workspace)
    project = workspace.save("repair_project", {"household_id": household.id,
                                                "programme": "baan_por_piang",
                                                "fiscal_year": 2569}).record
    submitted = workspace.give_command(project.id, "submit")
    assert submitted.fields["status"] == "submitted"
    with pytest.raises(ServiceError) as caught:  # a submitted case may not lose its moo
        workspace.save("household", {"moo": None}, record_id=household.id)
    assert (caught.value.issue.code, caught.value.issue.field) == ("field.required", "moo")


def test_command_names_the_versions_of_the_whole_household(workspace):
    household, member = household_with_member(workspace)
    project = workspace.save("repair_project", {"household_id": household.id,
                                                "programme": "baan_por_piang",
                                                "fiscal_year": 2569}).record
    workspace.give_command(project.id, "submit")
    op = workspace.replica.pending_ops(limit=100)[-1].parse()
    assert op.command.name == "submit"
    assert set(op.command.versions) == {household.id, member.id, project.id}


def test_autosave_and_drafts(workspace):
    workspace.autosave("form:1", "household", {"house_no": "12/", "moo": "๔"})
    [draft] = workspace.drafts()
    assert draft.origin == "autosave" and draft.fields["moo"] == "๔"
    workspace.discard_draft("form:1")
    assert workspace.drafts() == []


def test_files_are_stored_encrypted_by_hash(workspace, tmp_path):
    household, _ = household_with_member(workspace)
    photo = b"\x89PNG fake photo of " + NAME.encode() + NATIONAL_ID.encode()
    saved = workspace.attach_file(photo, {"household_id": household.id,
                                          "owner_type": "household", "owner_id": household.id,
                                          "kind": "before", "mime_type": "image/png"})
    sha256 = hashlib.sha256(photo).hexdigest()
    assert saved.record.fields["sha256"] == sha256
    assert workspace.read_file(sha256) == photo
    stored = [p for p in workspace.profile.files_dir.rglob("*") if p.is_file()]
    assert len(stored) == 1 and sha256 not in stored[0].name
    raw = stored[0].read_bytes()
    assert NAME.encode() not in raw and NATIONAL_ID.encode() not in raw
    assert workspace.list_households().rows[0].photo_pending


def test_database_and_files_hold_no_readable_name_or_id(service, tmp_path):
    service.create_profile("field2", "password 123")
    workspace = service.unlock("field2", password="password 123")
    household_with_member(workspace)
    workspace.autosave("form:2", "member", {"given_name": NAME, "national_id": NATIONAL_ID})
    assert_unreadable(workspace.profile.folder, expect={"replica.db", "replica.db-wal"})
    workspace.close()
    assert_unreadable(workspace.profile.folder, expect={"replica.db"})


def assert_unreadable(folder, *, expect: set[str]) -> None:
    """No file of the profile (database, WAL, files) holds a name or ID in clear."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert expect <= {p.name for p in files}
    for path in files:
        raw = path.read_bytes()
        for secret in (NAME, NATIONAL_ID, "1-1120-34563-56-2"):
            assert secret.encode("utf-8") not in raw, (path.name, secret)


def test_demo_profile_needs_no_password(service):
    summary = service.create_demo_profile()
    assert summary.demo and summary.name == "demo"
    workspace = service.unlock("demo")
    assert workspace.replica.demo and workspace.role == "coordinator"
    workspace.close()


def test_a_clock_behind_the_last_server_time_is_warned_about(service, workspace):
    from sync.client.replica import ServerState

    assert workspace.clock_warning() is None  # no server time seen yet
    seen = 1_795_000_000_000  # the server's clock at the last hello
    workspace.replica.record_hello(ServerState("epoch-1", seen, (TAMBON,)))
    assert workspace.clock_warning(now_ms=seen + 60_000) is None  # ahead: fine
    assert workspace.clock_warning(now_ms=seen - 4 * 60_000) is None  # within the slack
    minutes = workspace.clock_warning(now_ms=seen - 42 * 60_000)
    assert (minutes.code, dict(minutes.params)) == ("clock.behind_minutes", {"minutes": 42})
    # A flat clock battery: the laptop believes it is three years earlier.
    days = workspace.clock_warning(now_ms=seen - 3 * 365 * 86_400_000)
    assert (days.code, dict(days.params)) == ("clock.behind_days", {"days": 1095})
    assert "1095" in message(days.code, "th", **days.params)
    assert "days behind" in message(days.code, "en", **days.params)
    # The last server time is stored: the warning comes again after a restart.
    workspace.close()
    reopened = service.unlock("field1", password="password 123")
    try:
        assert reopened.clock_warning(now_ms=seen - 2 * 86_400_000).code == "clock.behind_days"
        assert reopened.clock_warning() is None  # this machine's clock is fine
    finally:
        reopened.close()
