"""Possible duplicate households: same address, or a member's national ID held elsewhere.

Real encrypted replica files; households and members go in through the services'
saves (so the household index is kept in step as the app keeps it).
"""

from __future__ import annotations

import pytest

from desktop.services.duplicates import find_possible_duplicates
from desktop.store.duplicates import find_possible_duplicates as find_in_store
from sync.records.thai import (
    format_national_id,
    national_id_check_digit,
    to_thai_digits,
)

TAMBON, OTHER_TAMBON = "800101", "800102"


def national_id(body: str) -> str:
    return body + str(national_id_check_digit(body))


ID_A, ID_B, ID_C = national_id("110203456789"), national_id("310100123456"), \
    national_id("560400987654")


@pytest.fixture
def workspace(encrypted_workspace):
    return encrypted_workspace


def household(workspace, house_no: str | None, moo: int | None, *members: tuple[str, str | None],
              tambon: str = TAMBON) -> tuple[str, list[str]]:
    """A household (head first among ``members``: (given name, national ID))."""
    fields = {k: v for k, v in {"house_no": house_no, "moo": moo}.items() if v is not None}
    hid = workspace.save("household", fields, tambon=tambon).record.id
    mids = []
    for n, (name, nid) in enumerate(members):
        values = {"household_id": hid, "given_name": name, "family_name": "ใจดี",
                  "relation_to_head": "head" if n == 0 else "child"}
        if nid:
            values["national_id"] = nid
        mids.append(workspace.save("member", values).record.id)
    return hid, mids


def find(workspace, tambon=TAMBON, moo=None, house_no=None, national_ids=(), exclude_id=None):
    return find_possible_duplicates(workspace, tambon=tambon, moo=moo, house_no=house_no,
                                    national_ids=national_ids, exclude_id=exclude_id)


def test_same_house_no_and_moo_in_the_same_tambon_match_as_typed(workspace):
    hid, _ = household(workspace, "12/3", 4, ("สมศรี", ID_A))
    household(workspace, "12", 4, ("มานี", None))  # another number in the same moo
    for typed_house, typed_moo in [("12/3", 4), ("๑๒/๓", "๔"), (" ๑๒ / 3 ", "หมู่ 4")]:
        found = find(workspace, moo=typed_moo, house_no=typed_house)
        assert [d.household_id for d in found] == [hid], typed_house
    [duplicate] = found
    assert duplicate.head_name == "สมศรี ใจดี"
    assert (duplicate.house_no, duplicate.moo, duplicate.tambon) == ("12/3", 4, TAMBON)
    assert duplicate.same_address and duplicate.national_ids == ()
    assert duplicate.reasons == ("house_no",)


def test_another_tambon_another_moo_or_another_number_does_not_match(workspace):
    household(workspace, "12/3", 4, ("สมศรี", ID_A))
    household(workspace, "12/3", 5, ("มานี", None))
    household(workspace, "12/3", 4, ("ชูใจ", None), tambon=OTHER_TAMBON)
    assert [d.head_name for d in find(workspace, moo=4, house_no="12/3")] == ["สมศรี ใจดี"]
    assert find(workspace, moo=6, house_no="12/3") == []
    assert find(workspace, moo=4, house_no="12/4") == []
    assert find(workspace, tambon="800103", moo=4, house_no="12/3") == []


def test_missing_address_parts_match_nothing(workspace):
    household(workspace, None, 4, ("สมศรี", None))  # no house number yet
    household(workspace, "7", None, ("มานี", None))  # no moo yet
    assert find(workspace, moo=4, house_no=None) == []
    assert find(workspace, moo=4, house_no="  ") == []
    assert find(workspace, moo=None, house_no="7") == []
    assert find(workspace, tambon=None, moo=4, house_no="7") == []


def test_a_members_national_id_in_another_household_matches(workspace):
    hid, _ = household(workspace, "99", 1, ("สมศรี", ID_A), ("สมชาย", ID_B))
    household(workspace, "98", 1, ("มานี", ID_C), tambon=OTHER_TAMBON)
    typed = [to_thai_digits(format_national_id(ID_B)), "1234567890123", "", None]
    [duplicate] = find(workspace, moo=2, house_no="5", national_ids=typed)
    assert duplicate.household_id == hid and duplicate.head_name == "สมศรี ใจดี"
    assert duplicate.national_ids == (ID_B,) and not duplicate.same_address
    assert duplicate.reasons == ("national_id",)
    # an ID is looked up wherever the household is, in any tambon of the replica
    [elsewhere] = find(workspace, national_ids=[ID_C])
    assert (elsewhere.tambon, elsewhere.national_ids) == (OTHER_TAMBON, (ID_C,))


def test_part_of_a_national_id_does_not_match(workspace):
    household(workspace, "99", 1, ("สมศรี", ID_A))
    longer = ID_A[:12] + ID_A  # contains the ID but is not one
    assert find(workspace, national_ids=[ID_A[:12], ID_A[1:], longer]) == []


def test_deleted_household_and_deleted_member_never_match(workspace):
    gone, _ = household(workspace, "12/3", 4, ("สมศรี", ID_A))
    kept, [_, left] = household(workspace, "40", 4, ("มานี", ID_B), ("ชูใจ", ID_C))
    assert {d.household_id for d in find(workspace, moo=4, house_no="12/3",
                                         national_ids=[ID_A, ID_C])} == {gone, kept}
    workspace.delete("household", gone)
    workspace.delete("member", left)
    assert find(workspace, moo=4, house_no="12/3", national_ids=[ID_A, ID_C]) == []
    assert [d.household_id for d in find(workspace, national_ids=[ID_A, ID_B, ID_C])] == [kept]


def test_the_household_being_edited_never_matches_itself(workspace):
    hid, _ = household(workspace, "12/3", 4, ("สมศรี", ID_A))
    other, _ = household(workspace, "12/3", 4, ("มานี", None))
    found = find(workspace, moo=4, house_no="12/3", national_ids=[ID_A], exclude_id=hid)
    assert [d.household_id for d in found] == [other]
    assert find(workspace, national_ids=[ID_A], exclude_id=hid) == []


def test_a_household_matching_both_ways_comes_once_with_both_reasons(workspace):
    both, _ = household(workspace, "12/3", 4, ("สมศรี", ID_A), ("สมชาย", ID_B))
    by_id, _ = household(workspace, "77", 9, ("กมล", ID_C))
    by_address, _ = household(workspace, "12/3", 4, ("ขวัญ", None))
    found = find(workspace, moo="๔", house_no="๑๒/๓", national_ids=[ID_B, ID_C, ID_A])
    assert [d.household_id for d in found] == [by_id, by_address, both]  # Thai order
    by = {d.household_id: d for d in found}
    assert by[both].reasons == ("house_no", "national_id")
    assert by[both].national_ids == (ID_B, ID_A)  # in the order given
    assert by[by_id].reasons == ("national_id",) and by[by_id].national_ids == (ID_C,)
    assert by[by_address].reasons == ("house_no",)


def test_the_store_query_reads_one_connection_and_sees_a_moved_head(workspace):
    hid, [_, second] = household(workspace, "3", 2, ("สมศรี", ID_A), ("บุญมี", ID_B))
    workspace.save("household", {"head_member_id": second}, record_id=hid)
    with workspace.database.reader.connect() as connection:
        [duplicate] = find_in_store(connection, tambon=TAMBON, moo=2, house_no="๓",
                                    national_ids=[ID_A])
    assert duplicate.head_name == "บุญมี ใจดี"  # as the list now shows it
    assert duplicate.national_ids == (ID_A,) and duplicate.same_address
