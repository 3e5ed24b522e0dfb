"""Thai search and sort over the household index, on a real encrypted database."""

from __future__ import annotations

import itertools
import random
import threading
import time

import pytest
from sqlalchemy import insert, text

from desktop.store.household_index import refresh_households
from desktop.store.schema import RECORDS
from desktop.store.search import HouseholdFilter, count_households, list_households, search_term
from sync.records.ids import new_id
from sync.records.thai import normalize_thai

TAMBON = "800101"
GIVEN = ["น้ำผึ้ง", "สมใจ", "เกี๋ยว", "แก้วมณี", "ใจดี", "ไข่มุก", "โสภา", "ประเสริฐ", "บุญมี",
         "ศรีสุข", "กิ่งแก้ว", "ทองใบ", "อำไพ", "ฤดี", "ผึ้งหวาน", "จันทร์เพ็ญ", "มาลี", "สมชาย",
         "วิไล", "ปราณี", "เพ็ญศรี", "สุดารัตน์", "ก้องภพ", "ณัฐวุฒิ", "ธีระ", "อุไร", "Somchai"]
FAMILY = ["ใจดี", "แก้วประเสริฐ", "ทองคำ", "ศรีสวัสดิ์", "บุญเรือง", "เกษมสุข", "วงศ์ใหญ่",
          "โพธิ์ทอง", "ไชยมงคล", "พึ่งบุญ", "น้ำใจงาม", "สุขเกษม", "มั่นคง", "ฤทธิ์เดช",
          "เพชรรัตน์", "อ่อนน้อม", "แสงทอง", "ปัญญาดี", "คงกระพัน", "Smith"]


def make_names(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pairs = list(itertools.product(GIVEN, FAMILY))
    rng.shuffle(pairs)
    names = [f"{g} {f}" for g, f in pairs]
    while len(names) < count:
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        names.append(f"{g}{rng.choice(['', 'ศรี', 'ทอง'])} {f}")
    return names[:count]


def fill(database, names: list[str]) -> dict[str, str]:
    """Households with one head each (bulk insert, then the index): id -> name."""
    by_id: dict[str, str] = {}
    households, members = [], []
    for n, name in enumerate(names):
        household_id, given_family = new_id(), name.split(" ", 1)
        by_id[household_id] = name
        households.append({"id": household_id, "tambon": TAMBON, "house_no": f"{n}/1",
                           "moo": n % 9 + 1, "version": 1, "seq": n + 1})
        members.append({"id": new_id(), "tambon": TAMBON, "household_id": household_id,
                        "given_name": given_family[0], "family_name": given_family[1],
                        "relation_to_head": "head", "national_id": None,
                        "version": 1, "seq": n + 1})
    with database.writer.begin() as connection:
        connection.execute(insert(RECORDS["household"]), households)
        connection.execute(insert(RECORDS["member"]), members)
        refresh_households(connection, by_id)
    return by_id


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    from desktop.store.crypto import FAST_KDF
    from desktop.store.engine import open_database
    from desktop.store.profiles import create_profile
    profile, _ = create_profile(tmp_path_factory.mktemp("p"), "search", "password 1",
                                kdf=FAST_KDF)
    database = open_database(profile.info.database_path, profile.database_key)
    names = make_names(3000)
    by_id = fill(database, names)
    yield database, by_id
    database.close()


def all_matches(database, query: str) -> set[str]:
    with database.reader.connect() as connection:
        rows = list_households(connection, HouseholdFilter(query=query), limit=100_000)
        assert count_households(connection, HouseholdFilter(query=query)) == len(rows)
    return {r.household_id for r in rows}


@pytest.mark.parametrize("fragment", ["ผ", "ใจ", "ผึ้ง", "น้ำผึ้ง", "ไข่", "แก้ว", "ทอง", "ศรีสุ",
                                      "ฤ", "ดี ท", "mit", "เพ็ญศ", "ำ", "ึ้"])
def test_fragments_of_any_length_find_exactly_the_rows_that_contain_them(filled, fragment):
    database, by_id = filled
    expected = {i for i, name in by_id.items() if normalize_thai(fragment) in name}
    assert expected, fragment
    assert all_matches(database, fragment) == expected


def test_one_to_five_character_thai_fragments(filled):
    database, by_id = filled
    rng = random.Random(3)
    names = list(by_id.values())
    for length in (1, 2, 3, 5):
        for _ in range(6):
            name = rng.choice(names).replace(" ", "")
            start = rng.randrange(0, max(1, len(name) - length))
            fragment = name[start:start + length]
            expected = {i for i, n in by_id.items() if fragment in n}
            assert all_matches(database, fragment) == expected, fragment


def test_search_by_national_id_and_house_number(replica):
    household = replica.save("household", TAMBON, {"house_no": "99/7", "moo": 2}).record
    replica.save("member", TAMBON, {"household_id": household.id, "given_name": "สมใจ",
                                    "national_id": "1-1120-34563-56-2"})
    replica.save("household", TAMBON, {"house_no": "12", "moo": 2})
    with replica.database.reader.connect() as connection:
        for query in ("1112034563562", "๑๑๑๒๐๓๔๕๖๓๕๖๒", "1-1120-34563", "34563", "99/7"):
            found = list_households(connection, HouseholdFilter(query=query))
            assert [r.household_id for r in found] == [household.id], query
    assert search_term(" ๑-๑๑๒๐ ") == "11120"


def test_filters_and_paging(filled):
    database, by_id = filled
    with database.reader.connect() as connection:
        moo3 = count_households(connection, HouseholdFilter(moo=3))
        first = list_households(connection, HouseholdFilter(moo=3), limit=50)
        second = list_households(connection, HouseholdFilter(moo=3), offset=50, limit=50)
        nobody = count_households(connection, HouseholdFilter(tambon="100101"))
    assert moo3 == sum(1 for n in range(3000) if n % 9 + 1 == 3)
    assert len(first) == 50 and not {r.household_id for r in first} & {r.household_id for r in second}
    assert nobody == 0


def test_sort_order_equals_qcollator(filled):
    from PySide6.QtCore import QCollator, QLocale
    from functools import cmp_to_key
    database, by_id = filled
    with database.reader.connect() as connection:
        listed = [r.head_name for r in list_households(connection, HouseholdFilter(),
                                                       limit=100_000)]
    collator = QCollator(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
    expected = sorted(by_id.values(), key=cmp_to_key(collator.compare))
    assert listed == expected


def test_search_answers_while_a_long_write_is_open(filled):
    database, by_id = filled
    holding, release = threading.Event(), threading.Event()

    def long_write():
        with database.writer.begin() as connection:
            connection.execute(text("UPDATE household SET notes = 'x' WHERE moo = 1"))
            holding.set()
            release.wait(10)

    writer = threading.Thread(target=long_write)
    writer.start()
    assert holding.wait(10)
    started = time.perf_counter()
    try:
        found = all_matches(database, "ผึ้ง")
        elapsed = time.perf_counter() - started
    finally:
        release.set()
        writer.join()
    assert found == {i for i, n in by_id.items() if "ผึ้ง" in n}
    assert elapsed < 5, "a reader must not wait for the writer (busy timeout is 10 s)"


def test_keyset_pages_follow_offset_pages(filled):
    database, _ = filled
    with database.reader.connect() as connection:
        by_offset = list_households(connection, HouseholdFilter(moo=2), offset=100, limit=100)
        first = list_households(connection, HouseholdFilter(moo=2), limit=100)
        by_key = list_households(connection, HouseholdFilter(moo=2), after=first[-1], limit=100)
    assert [r.household_id for r in by_key] == [r.household_id for r in by_offset]


def test_full_text_follows_renames_and_deletes(replica):
    household = replica.save("household", TAMBON, {"house_no": "5", "moo": 1}).record
    member = replica.save("member", TAMBON, {"household_id": household.id,
                                             "given_name": "เกี๋ยวหวาน"}).record

    def found(query):
        with replica.database.reader.connect() as connection:
            return [r.household_id for r in list_households(connection,
                                                            HouseholdFilter(query=query))]

    assert found("เกี๋ยว") == [household.id]
    replica.save("member", TAMBON, {"given_name": "มะลิวัลย์"}, record_id=member.id)
    assert found("เกี๋ยว") == [] and found("มะลิ") == [household.id] and found("ลิ") == [household.id]
    replica.delete("household", household.id)
    assert found("มะลิ") == [] and found("ลิ") == []
    with replica.database.reader.connect() as connection:
        connection.execute(text(
            "INSERT INTO household_fts(household_fts, rank) VALUES ('integrity-check', 1)"))


def test_like_wildcards_in_a_short_query_are_literal(filled):
    database, _ = filled
    assert all_matches(database, "%") == set() and all_matches(database, "_") == set()
    assert all_matches(database, "%_") == set()
