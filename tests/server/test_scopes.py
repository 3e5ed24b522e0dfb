"""Area codes and the scope rules, without a database."""

from __future__ import annotations

import pytest

from sync.server.errors import ApiError
from sync.server.scopes import (
    Actor,
    all_tambons,
    can_read,
    can_write,
    check_grant,
    clean_area_codes,
    expand_area,
    manages,
    tambons_of,
)

SUPERVISOR = Actor("s", "supervisor", ("8001",))
COORDINATOR = Actor("c", "coordinator", ("800101",))
ADMIN = Actor("a", "admin", ())


def test_area_codes_expand_to_tambons():
    assert expand_area("800101") == {"800101"}
    district = expand_area("8001")
    assert len(district) == 16 and all(t.startswith("8001") for t in district)
    province = expand_area("80")
    assert district < province and all(t.startswith("80") for t in province)
    assert len(all_tambons()) == 7436 and tambons_of(ADMIN) == all_tambons()


@pytest.mark.parametrize("code", ["800104", "999999", "9999", "99", "8", "8001011", "๘๐", "",
                                  "80 "])
def test_unknown_codes_are_refused_naming_the_field(code):
    with pytest.raises(ApiError) as caught:
        expand_area(code, field="areas")
    assert (caught.value.status, caught.value.code, caught.value.field) == (
        422, "area.unknown", "areas")


def test_codes_are_cleaned_sorted_and_unique():
    assert clean_area_codes(["84", "800101", "84"]) == ("800101", "84")


def test_rows_are_judged_by_their_tambon():
    assert can_read(COORDINATOR, {"tambon": "800101"})
    assert not can_read(COORDINATOR, {"tambon": "800102"})
    assert can_read(COORDINATOR, {"tambon": None})  # programme settings
    assert not can_write(COORDINATOR, {"tambon": None})
    assert can_write(ADMIN, {"tambon": None}) and can_write(ADMIN, {"tambon": "840101"})
    assert can_write(SUPERVISOR, {"tambon": "800122"})


def test_who_manages_whom():
    assert manages(SUPERVISOR, "field_worker", ["800101"])
    assert manages(SUPERVISOR, "coordinator", ["8001"])
    assert not manages(SUPERVISOR, "coordinator", ["800101", "800201"])
    assert not manages(SUPERVISOR, "supervisor", ["8001"])
    assert not manages(SUPERVISOR, "field_worker", [])
    assert not manages(COORDINATOR, "field_worker", ["800101"])
    assert manages(ADMIN, "admin", [])


def test_what_a_supervisor_may_grant():
    check_grant(SUPERVISOR, "field_worker", ("800101",))
    for role, areas, code in [("supervisor", ("8001",), "scope.role"),
                              ("field_worker", ("800201",), "scope.out_of_area"),
                              ("field_worker", ("80",), "scope.out_of_area")]:
        with pytest.raises(ApiError) as caught:
            check_grant(SUPERVISOR, role, areas)
        assert caught.value.code == code
    with pytest.raises(ApiError) as caught:
        check_grant(COORDINATOR, "field_worker", ("800101",))
    assert caught.value.code == "auth.forbidden"
