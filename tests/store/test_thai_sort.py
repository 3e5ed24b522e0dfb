"""The stored Thai sort key against QCollator (ICU's Thai collation) and inside SQLite."""

from __future__ import annotations

import functools
import random
import sqlite3
import time
import unicodedata

import pytest
from PySide6.QtCore import QCollator, QLocale

from desktop.store.demo_data import demo_names
from desktop.store.thai_sort import SEPARATOR, thai_sort_key
from sync.records.thai import normalize_thai

# Names the demo lists may lack: every feature the key must order like ICU.
EXTRA_NAMES = (
    "ก", "กา", "เก", "เกา", "กก", "ไก่", "ไข่", "ไก", "ขา", "ข่า", "ข้า", "ข๊า", "ข๋า", "ขาว",
    "น้ำ", "นํ้า", "น้ำผึ้ง", "นำ", "นา", "นาม", "ผึ้ง", "ผึง", "เกี๋ยว", "เกียว", "เกี่ยว",
    "กัน", "กรรณ", "ฤดี", "ฤๅษี", "รื่นฤดี", "ลือ", "ฦๅ", "ศักดิ์", "ศักดิ", "สิทธิ์", "ลักษณ์",
    "ต่างๆ", "ต่าง ๆ", "นุ่นๆ", "ธีร์", "ก็", "ก้", "เก็บ", "เเก้ว", "แก้ว", "แก้วตา",
    "สมชาย 2", "สมชาย ๒", "สมชาย 10", "สมชาย ๑๐", "บ้านเลขที่ 12/3", "หมู่ ๓", "หมู่ 3",
    "Smith", "smith", "SMITH", "Müller", "Muller", "Nguyễn", "Nguyen", "O'Brien", "OBrien",
    "de Silva", "Élodie", "Zoë", "Øster", "Łukasz", "Anna-Maria", "ANNA", "anna",
    "นาย สมชาย ใจดี", "นางสาว น้ำผึ้ง แก้วมณี", "สมชาย  ใจดี", "สมชาย-ใจดี", "(สมชาย)",
)


@pytest.fixture(scope="module")
def collator() -> QCollator:
    return QCollator(QLocale(QLocale.Thai, QLocale.Thailand))


def icu_sorted(names: list[str], collator: QCollator) -> list[str]:
    """Names in QCollator's order, compared after the same normaliser (a stable sort)."""
    normal = {name: normalize_thai(name) for name in names}
    compare = functools.cmp_to_key(lambda a, b: collator.compare(normal[a], normal[b]))
    return sorted(names, key=compare)


def realistic_names(count: int = 2400, seed: int = 7) -> list[str]:
    """Given + family names from the demo lists, some with titles or Latin family names."""
    lists = demo_names()
    rnd = random.Random(seed)
    given = lists["male"] + lists["female"]
    names = {f"{rnd.choice(given)} {rnd.choice(lists['family'])}" for _ in range(count)}
    names |= {f"{rnd.choice(given)} {rnd.choice(lists['latin_family'])}" for _ in range(60)}
    names |= {f"{g} {f}" for g in ("ใจ", "สมใจ") for f in lists["family"][:40]}
    names |= {f"{rnd.choice(['นาย', 'นาง', 'นางสาว'])}{rnd.choice(given)}" for _ in range(100)}
    names |= set(given) | set(lists["family"]) | set(EXTRA_NAMES)
    out = sorted(names)
    rnd.shuffle(out)  # neither order may depend on the input order
    return out


def test_realistic_names_sort_like_icu(collator: QCollator) -> None:
    names = realistic_names()
    assert len(names) >= 2000
    expected = icu_sorted(names, collator)
    start = time.perf_counter()
    actual = sorted(names, key=thai_sort_key)
    print(f"\n{len(names)} names keyed and sorted in {time.perf_counter() - start:.3f} s")
    assert actual == expected


def test_every_pair_of_realistic_names_compares_like_icu(collator: QCollator) -> None:
    """Not only the sorted order: equal keys exactly where ICU says equal."""
    names = [normalize_thai(n) for n in realistic_names(600, seed=11)]
    keys = {n: thai_sort_key(n) for n in names}
    for a in names[:150]:
        for b in names:
            icu = collator.compare(a, b)
            mine = (keys[a] > keys[b]) - (keys[a] < keys[b])
            assert mine == (icu > 0) - (icu < 0), (a, b)


ALPHABET = (
    [chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.name(chr(c), None)]
    + list("เแโใไ่้๊๋ำ") * 3
    + list("abzABZW09 -.'(") + ["é", "É", "ü", "ñ", "ç", "ø", "đ", "Ł", "ễ", "\u0301"]
)


def test_random_strings_compare_like_icu(collator: QCollator) -> None:
    """Thai block, ASCII and accented Latin in any order, also unlikely ones."""
    rnd = random.Random(3)
    for _ in range(20000):
        a = normalize_thai("".join(rnd.choices(ALPHABET, k=rnd.randint(1, 6))))
        i = rnd.randint(0, len(a))
        b = normalize_thai(a[:i] + rnd.choice(ALPHABET) + a[i:]) if rnd.random() < 0.6 else \
            normalize_thai("".join(rnd.choices(ALPHABET, k=rnd.randint(1, 6))))
        icu = collator.compare(a, b)
        ka, kb = thai_sort_key(a), thai_sort_key(b)
        assert (ka > kb) - (ka < kb) == (icu > 0) - (icu < 0), (a, b)


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("กา", "เก"),  # เก sorts as ก + เ: after every ก + vowel below เ
        ("ก", "เก"),
        ("กื", "เก"),  # ก + ื < ก + เ: ICU puts the leading vowels after ุ ู
        ("ไก่", "ไข่"),  # the consonant decides, not the leading vowel
        ("กาย", "ไก่"),  # ก + า < ก + ไ
        ("เกา", "ไก"),
        ("ขา", "ข่า"),  # a tone mark only breaks ties
        ("ข่า", "ข้า"),
        ("ข้า", "ขาก"),
        ("นา", "น้ำ"),  # sara am sorts as า + ํ
        ("ฤดี", "ลือ"),  # ฤ between ร and ล
        ("รื่น", "ฤดี"),
        ("9", "ก"),  # digits before Thai
        ("ฮ", "a"),  # Thai before Latin
        ("smith", "Smith"),  # lower case first, only at the last level
        ("Smith", "smithy"),
        (" ", "0"),
    ],
)
def test_hand_written_cases(lower: str, higher: str, collator: QCollator) -> None:
    assert collator.compare(lower, higher) < 0
    assert thai_sort_key(lower) < thai_sort_key(higher)


def test_tone_mark_variants_stay_together(collator: QCollator) -> None:
    words = ["ขาว", "ขา", "ข้า", "ขัด", "ข่า", "ขาก", "ข๋า", "ข๊า", "ขำ", "เขา"]
    ordered = sorted(words, key=thai_sort_key)
    assert ordered == icu_sorted(words, collator)
    start = ordered.index("ขา")
    assert ordered[start : start + 5] == ["ขา", "ข่า", "ข้า", "ข๊า", "ข๋า"]


def test_equal_for_icu_means_equal_keys(collator: QCollator) -> None:
    for a, b in [("สมชาย ๑๒", "สมชาย 12"), ("กี่", "ก่ี"), ("น้ำ", "นํ้า"), ("เเก", "แก")]:
        assert collator.compare(normalize_thai(a), normalize_thai(b)) == 0
        assert thai_sort_key(a) == thai_sort_key(b)


def test_key_is_compact_and_storable() -> None:
    names = realistic_names(2000, seed=5)
    for name in names:
        key = thai_sort_key(name)
        assert len(key) < 3 * len(name), name
        key.encode("utf-8")  # no lone surrogates: SQLite stores it as TEXT
        assert min(key) >= SEPARATOR
    ratio = sum(len(thai_sort_key(n)) for n in names) / sum(len(n) for n in names)
    print(f"\nkey length / name length: {ratio:.2f}")
    assert thai_sort_key("") == ""
    assert thai_sort_key("Ⅻ 𝔸 中文").encode("utf-8")


def test_characters_without_a_rank_sort_after_latin() -> None:
    """Documented difference from ICU: other scripts follow Latin in code point order."""
    assert thai_sort_key("zz") < thai_sort_key("ß") < thai_sort_key("Ωμέγα") < thai_sort_key("中")


def test_long_texts_keep_the_order(collator: QCollator) -> None:
    """Runs of more than MAX_RUN unmarked characters before a tone mark."""
    base = "ก" * 1500
    texts = [base, base[:999] + "่" + base[999:], base[:1000] + "่" + base[1000:],
             base[:1001] + "่" + base[1001:], base + "่", base[:2] + "้" + base[2:]]
    assert sorted(texts, key=thai_sort_key) == icu_sorted(texts, collator)


@pytest.mark.parametrize("driver", ["sqlite3", "sqlcipher3"])
def test_sqlite_orders_keys_like_python(driver: str) -> None:
    module = sqlite3 if driver == "sqlite3" else pytest.importorskip("sqlcipher3.dbapi2")
    names = realistic_names(2000, seed=9)
    db = module.connect(":memory:")
    db.execute("CREATE TABLE person (name TEXT, sort_key TEXT)")
    db.execute("CREATE INDEX person_sort ON person (sort_key)")
    db.executemany("INSERT INTO person VALUES (?, ?)", [(n, thai_sort_key(n)) for n in names])
    query = "SELECT name FROM person ORDER BY sort_key, rowid"
    plan = " ".join(str(row[-1]) for row in db.execute("EXPLAIN QUERY PLAN " + query))
    assert "person_sort" in plan and "TEMP B-TREE" not in plan
    assert [row[0] for row in db.execute(query)] == sorted(names, key=thai_sort_key)
    db.close()


def test_key_speed_printed() -> None:
    names = realistic_names(20000, seed=13) * 5
    start = time.perf_counter()
    for name in names:
        thai_sort_key(name)
    print(f"\n{len(names)} keys in {time.perf_counter() - start:.2f} s")
