"""Thai input conventions: normaliser, digits, national ID, BE dates, addresses."""

from __future__ import annotations

import ast
import inspect
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.records import thai
from sync.records.errors import CATALOGUE, Severity
from sync.records.thai import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    check_fiscal_year,
    check_gps,
    fiscal_year_of,
    fiscal_year_range,
    format_national_id,
    format_thai_date,
    mask_national_id,
    national_id_check_digit,
    normalize_thai,
    parse_house_code,
    parse_house_no,
    parse_moo,
    parse_national_id,
    parse_phone,
    parse_thai_date,
    to_ascii_digits,
    to_ce_year,
    to_thai_digits,
)

NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
MAI_EK, MAI_THO, MAI_CHATTAWA = "\u0e48", "\u0e49", "\u0e4b"
SARA_II, SARA_U, SARA_UE = "\u0e35", "\u0e38", "\u0e36"


def codes(issues: list) -> list[str]:
    return [i.code for i in issues]


# ------------------------------------------------------------------ the module


def test_module_imports_only_stdlib_and_errors() -> None:
    tree = ast.parse(inspect.getsource(thai))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    allowed = {"__future__", "math", "re", "unicodedata", "datetime", "decimal"}
    assert imported <= allowed | {"sync.records.errors"}


# --------------------------------------------------------------- normalisation

NAMES = [
    "น้ำผึ้ง", "สมใจ", "เกี๋ยว", "กี่", "ก่ำ", "คำ", "น้ำ", "ดำรงค์", "ทองคำ",
    "ผึ้ง", "แม่", "กุ้ง", "ปู่", "สุขใจ", "ศรีสุข", "บุญมี", "ประยุทธ์", "จันทร์เพ็ญ",
    "เพ็ญศรี", "ก๋วยเตี๋ยว", "สมศักดิ์", "นางสาว สมหญิง ใจดี", "ไพโรจน์", "ฤดี",
]  # fmt: skip


@pytest.mark.parametrize(
    "typed, expected",
    [
        # sara am typed as nikhahit + sara aa, with the tone mark on either side
        ("น" + MAI_THO + NIKHAHIT + SARA_AA + "ผึ้ง", "น้ำผึ้ง"),
        ("น" + NIKHAHIT + MAI_THO + SARA_AA + "ผึ้ง", "น้ำผึ้ง"),
        ("ค" + NIKHAHIT + SARA_AA, "คำ"),
        ("ก" + MAI_EK + NIKHAHIT + SARA_AA, "ก่ำ"),
        ("ก" + NIKHAHIT + MAI_EK + SARA_AA, "ก่ำ"),
        ("ก" + SARA_AM + MAI_EK, "ก่ำ"),  # tone typed after sara am
        ("ก" + SARA_AM + MAI_EK + MAI_EK, "ก่ำ"),  # needs a second pass
        # tone mark typed before the upper vowel
        ("ก" + MAI_EK + SARA_II, "กี่"),
        ("เก" + MAI_CHATTAWA + SARA_II + "ยว", "เกี๋ยว"),
        ("น้ำผ" + MAI_THO + SARA_UE + "ง", "น้ำผึ้ง"),
        ("สมศ" + "\u0e31\u0e01\u0e14" + "\u0e4c" + "\u0e34", "สมศักดิ์"),  # thanthakhat
        ("ก" + MAI_THO + SARA_U + "ง", "กุ้ง"),  # lower vowel (NFC reorders this one)
        # two sara e -> sara ae
        ("\u0e40\u0e40ม่", "แม่"),
        # a mark typed twice
        ("ก" + SARA_II + SARA_II + MAI_EK, "กี่"),
        ("ก" + SARA_II + MAI_EK + MAI_EK, "กี่"),
        ("ก" + MAI_EK + SARA_II + MAI_EK, "กี่"),
        # zero-width characters and whitespace
        ("สม\u200bใจ", "สมใจ"),
        ("\ufeffสม\u200c\u200d\u2060ใจ", "สมใจ"),
        ("  นางสาว\u00a0\u00a0สมหญิง \t ใจดี  ", "นางสาว สมหญิง ใจดี"),
        # line breaks stay (notes have paragraphs); blank-line runs shrink to one
        ("หลังคารั่ว  \r\nฝาผนังผุ\n\n\n\nต้องเร่งซ่อม\n", "หลังคารั่ว\nฝาผนังผุ\n\nต้องเร่งซ่อม"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalize_thai(typed: str, expected: str) -> None:
    assert normalize_thai(typed) == expected


def test_mistyped_and_correct_words_compare_equal_only_after_normalising() -> None:
    for typed, correct in [
        ("น" + NIKHAHIT + MAI_THO + SARA_AA + "ผึ้ง", "น้ำผึ้ง"),
        ("ก" + MAI_EK + SARA_II, "กี่"),
    ]:
        assert typed != correct
        assert normalize_thai(typed) == normalize_thai(correct) == correct


@pytest.mark.parametrize("name", NAMES)
def test_correctly_typed_names_are_unchanged_and_idempotent(name: str) -> None:
    assert normalize_thai(name) == name
    assert normalize_thai(normalize_thai(name)) == normalize_thai(name)


def test_non_thai_text_only_loses_extra_whitespace() -> None:
    assert normalize_thai("  John   O'Neil\u00a0Jr. ") == "John O'Neil Jr."
    assert normalize_thai("ABC-123/4") == "ABC-123/4"
    # NFC composes, but non-Thai combining marks are not de-duplicated
    assert normalize_thai("e\u0301\u0301") == "\u00e9\u0301"


# every Thai code point, plus the marks and letters the rules touch, made likelier
THAI_AND_NOISE = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0E01, 0x0E5C)]
        + list("\u0e31\u0e33\u0e35\u0e38\u0e40\u0e48\u0e49\u0e4c\u0e4d\u0e32") * 4
        + [" ", "\u00a0", "\u200b", "a", "1", "\u0301", "\u0323", "\u0e3a"]
    ),
    max_size=12,
)


@pytest.mark.parametrize(
    "text",
    [
        "ก\u0e33\u0e48\u0e49",  # two tones after sara am
        "ก\u0301\u0e4c\u0e38",  # a Latin mark before Thai marks: NFC must hold
        "\u0e38\u0e4c\u0e3a\u0e49\u0e35\u0e4d",  # phinthu (ccc 9) after sara u
        "\u200bก\u200b\u0e48\u200b\u0e35\u200b",
    ],
)
def test_normalize_thai_is_idempotent_on_awkward_input(text: str) -> None:
    once = normalize_thai(text)
    assert normalize_thai(once) == once
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=1000)
@given(THAI_AND_NOISE)
def test_normalize_thai_is_idempotent(text: str) -> None:
    once = normalize_thai(text)
    assert normalize_thai(once) == once


@given(THAI_AND_NOISE)
def test_normalised_text_has_no_mistyped_sequences(text: str) -> None:
    out = normalize_thai(text)
    assert NIKHAHIT + SARA_AA not in out
    assert "\u0e40\u0e40" not in out and "\u200b" not in out and "  " not in out
    for tone in "\u0e48\u0e49\u0e4a\u0e4b\u0e4c":
        for vowel in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47":
            assert tone + vowel not in out


# ---------------------------------------------------------------------- digits


def test_digits() -> None:
    assert to_ascii_digits("๐๑๒๓๔๕๖๗๘๙ บ้าน 7") == "0123456789 บ้าน 7"
    assert to_thai_digits("12/3/2567 abc") == "๑๒/๓/๒๕๖๗ abc"
    assert to_ascii_digits(to_thai_digits("1234567890")) == "1234567890"


# ----------------------------------------------------------------- national ID

VALID_IDS = [
    ("1112034563562", "1112034563562"),
    ("1-1120-34563-56-2", "1112034563562"),
    (" 1 1120 34563 56 2 ", "1112034563562"),
    ("1–1120–34563–56–2", "1112034563562"),  # en dashes
    ("๑๑๑๒๐๓๔๕๖๓๕๖๒", "1112034563562"),
    ("๑-๑๑๒๐-๓๔๕๖๓-๕๖-๒", "1112034563562"),
    ("3112034563569", "3112034563569"),
    ("1000000000050", "1000000000050"),  # 11 - 1 = 10 -> check digit 0
    ("1000000000041", "1000000000041"),  # 11 - 10 = 1
    ("5100000000001", "5100000000001"),  # sum ≡ 0: 11 -> check digit 1
]
REVIEW_IDS = [
    ("0112034563564", "0"),
    ("6112034563563", "6"),
    ("7-1120-34563-56-1", "7"),
    ("๙๑๑๒๐๓๔๕๖๓๕๖๘", "9"),
]
INVALID_IDS = [
    ("1112034563561", "national_id.checksum"),
    ("1112034563563", "national_id.checksum"),
    ("0112034563565", "national_id.checksum"),  # bad checksum: no mere warning
    ("111203456356", "national_id.length"),  # 12 digits
    ("11120345635620", "national_id.length"),  # 14 digits
    ("", "national_id.length"),
    ("11120345635a2", "national_id.not_digits"),
    ("1112034563562x", "national_id.not_digits"),
    ("abc", "national_id.not_digits"),
    ("1.1120.34563.56.2", "national_id.not_digits"),
]


@pytest.mark.parametrize("typed, expected", VALID_IDS)
def test_valid_national_ids(typed: str, expected: str) -> None:
    assert parse_national_id(typed) == (expected, [])


@pytest.mark.parametrize("typed, prefix", REVIEW_IDS)
def test_review_prefix_is_flagged_not_refused(typed: str, prefix: str) -> None:
    digits, issues = parse_national_id(typed, "owner_id")
    assert digits == to_ascii_digits(typed).replace("-", "")
    assert len(issues) == 1
    issue = issues[0]
    assert (issue.code, issue.field, issue.severity) == (
        "national_id.review_prefix",
        "owner_id",
        Severity.WARNING,
    )
    assert issue.params == {"prefix": prefix}
    assert f"starting with {prefix}" in issue.message("en")


@pytest.mark.parametrize("typed, code", INVALID_IDS)
def test_invalid_national_ids(typed: str, code: str) -> None:
    digits, issues = parse_national_id(typed)
    assert digits is None
    assert codes(issues) == [code]
    assert issues[0].severity is Severity.ERROR
    assert issues[0].field == "national_id"


def test_national_id_check_digit() -> None:
    assert national_id_check_digit("111203456356") == 2
    assert national_id_check_digit("๑๑๑๒๐๓๔๕๖๓๕๖") == 2
    assert national_id_check_digit("100000000005") == 0
    assert national_id_check_digit("510000000000") == 1
    with pytest.raises(ValueError):
        national_id_check_digit("11120345635")
    with pytest.raises(ValueError):
        national_id_check_digit("11120345635a")


def test_format_and_mask_national_id() -> None:
    assert format_national_id("1112034563562") == "1-1120-34563-56-2"
    assert format_national_id("๑ ๑๑๒๐ ๓๔๕๖๓ ๕๖ ๒") == "1-1120-34563-56-2"
    assert format_national_id("12345") == "12345"
    assert mask_national_id("1112034563562") == "x-xxxx-xxxxx-56-2"
    assert mask_national_id("1-1120-34563-56-2") == "x-xxxx-xxxxx-56-2"
    assert mask_national_id("11120345") == "x-xxxx-xxxxx-xx-x"  # never leaks
    assert mask_national_id("") == ""


# ---------------------------------------------------------- Buddhist-Era dates


def test_month_names() -> None:
    assert len(THAI_MONTHS) == len(THAI_MONTHS_ABBR) == 12
    assert (THAI_MONTHS[0], THAI_MONTHS[2], THAI_MONTHS[11]) == (
        "มกราคม",
        "มีนาคม",
        "ธันวาคม",
    )
    assert (THAI_MONTHS_ABBR[0], THAI_MONTHS_ABBR[3], THAI_MONTHS_ABBR[11]) == (
        "ม.ค.",
        "เม.ย.",
        "ธ.ค.",
    )


def test_to_ce_year() -> None:
    assert to_ce_year(2567) == 2024
    assert to_ce_year(2024) == 2024
    assert to_ce_year(2401) == 1858
    assert to_ce_year(2400) == 2400  # only a year above 2400 is BE


@pytest.mark.parametrize(
    "typed",
    [
        "12/3/2567",
        "12/03/2567",
        "12-03-2567",
        "12.3.2567",
        "12 มี.ค. 2567",
        "12 มีค 2567",
        "12มี.ค.2567",
        "12 มีนาคม 2567",
        "12 มีนาคม พ.ศ. 2567",
        "  12  มีนาคม\u00a02567 ",
        "๑๒/๓/๒๕๖๗",
        "๑๒ มี.ค. ๒๕๖๗",
        "2024-03-12",
        "2567-03-12",
        "12/3/2024",
        date(2024, 3, 12),
    ],
)
def test_parse_thai_date(typed: str | date) -> None:
    assert parse_thai_date(typed) == ("2024-03-12", [])


def test_parse_thai_date_leap_day_uses_the_gregorian_year() -> None:
    assert parse_thai_date("29/2/2567") == ("2024-02-29", [])  # 2024 is a leap year
    assert codes(parse_thai_date("29/2/2566")[1]) == ["date.invalid"]


def test_parse_thai_date_year_only() -> None:
    assert parse_thai_date("2567", allow_year_only=True) == ("2024", [])
    assert parse_thai_date("๒๕๐๐", allow_year_only=True) == ("1957", [])
    assert parse_thai_date("1957", allow_year_only=True) == ("1957", [])
    assert parse_thai_date("พ.ศ. 2510", allow_year_only=True) == ("1967", [])
    assert parse_thai_date("12/3/2567", allow_year_only=True) == ("2024-03-12", [])
    value, issues = parse_thai_date("2567", "birth_date")
    assert value is None
    assert [(i.code, i.field) for i in issues] == [("date.invalid", "birth_date")]


@pytest.mark.parametrize(
    "typed",
    [
        "31/2/2567",
        "30/2/2567",
        "31/4/2567",
        "32/1/2567",
        "0/1/2567",
        "12/13/2567",
        "12/0/2567",
        "12/3/67",  # two-digit years are ambiguous
        "12 มีนาคา 2567",
        "12 March 2024",
        "2024-02-30",
        "",
        "abc",
        "12/3",
        "12/3/2567/1",
    ],
)
def test_parse_thai_date_rejects(typed: str) -> None:
    value, issues = parse_thai_date(typed, allow_year_only=True)
    assert value is None
    assert codes(issues) == ["date.invalid"]
    assert issues[0].severity is Severity.ERROR


def test_format_thai_date() -> None:
    assert format_thai_date("2024-03-12") == "12 มีนาคม 2567"
    assert format_thai_date("2024-03-12", "abbr") == "12 มี.ค. 2567"
    assert format_thai_date("2024-03-12", "numeric") == "12/03/2567"
    assert format_thai_date("2024-01-05", "numeric") == "05/01/2567"
    assert format_thai_date("2024-01-05", "long") == "5 มกราคม 2567"
    assert format_thai_date(date(2023, 12, 31), "abbr") == "31 ธ.ค. 2566"
    assert format_thai_date("2024-03-12", thai_digits=True) == "๑๒ มีนาคม ๒๕๖๗"
    assert format_thai_date("2024-03-12", "numeric", thai_digits=True) == "๑๒/๐๓/๒๕๖๗"
    for style in ("long", "abbr", "numeric"):
        assert format_thai_date("2024", style) == "2567"
    assert format_thai_date("1957", thai_digits=True) == "๒๕๐๐"
    with pytest.raises(ValueError):
        format_thai_date("2024-03-12", "short")


@pytest.mark.parametrize("style", ["long", "abbr", "numeric"])
@pytest.mark.parametrize("thai_digits", [False, True])
def test_format_then_parse_round_trips_every_day_of_a_leap_year(
    style: str, thai_digits: bool
) -> None:
    day = date(2024, 1, 1)
    while day.year == 2024:
        shown = format_thai_date(day, style, thai_digits=thai_digits)
        assert parse_thai_date(shown) == (day.isoformat(), [])
        day += timedelta(days=1)


# ----------------------------------------------------------------- fiscal year


@pytest.mark.parametrize(
    "day, fiscal_year",
    [
        (date(2024, 9, 30), 2567),
        (date(2024, 10, 1), 2568),
        (date(2023, 10, 1), 2567),
        (date(2023, 9, 30), 2566),
        (date(2024, 1, 1), 2567),
        (date(2023, 12, 31), 2567),
    ],
)
def test_fiscal_year_of(day: date, fiscal_year: int) -> None:
    assert fiscal_year_of(day) == fiscal_year


def test_fiscal_year_range() -> None:
    start, end = fiscal_year_range(2567)
    assert (start, end) == (date(2023, 10, 1), date(2024, 9, 30))
    assert fiscal_year_of(start) == fiscal_year_of(end) == 2567
    assert fiscal_year_of(start - timedelta(days=1)) == 2566
    assert fiscal_year_of(end + timedelta(days=1)) == 2568
    with pytest.raises(ValueError):
        fiscal_year_range(2024)


@pytest.mark.parametrize("value", [2569, 2540, 2700, "2569", "๒๕๖๙", " 2568 "])
def test_check_fiscal_year_accepts(value: object) -> None:
    assert check_fiscal_year(value) == []


@pytest.mark.parametrize(
    "value", [2539, 2701, 2024, "2024", "", "25x9", None, True, 2569.0]
)
def test_check_fiscal_year_rejects(value: object) -> None:
    issues = check_fiscal_year(value, "fy")
    assert [(i.code, i.field) for i in issues] == [("fiscal_year.invalid", "fy")]


# ---------------------------------------------------------------------- phones


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("0812345678", "0812345678"),
        ("081-234-5678", "0812345678"),
        ("๐๘๑ ๒๓๔ ๕๖๗๘", "0812345678"),
        ("+66 81 234 5678", "0812345678"),
        ("+66812345678", "0812345678"),
        ("66812345678", "0812345678"),
        ("+66 (0)81 234 5678", "0812345678"),
        ("0612345678", "0612345678"),
        ("09 1234 5678", "0912345678"),
        ("02-123-4567", "021234567"),
        ("(053) 123 456", "053123456"),
        ("+66 2 123 4567", "021234567"),
        ("07-712-3456", "077123456"),
    ],
)
def test_parse_phone(typed: str, expected: str) -> None:
    assert parse_phone(typed) == (expected, [])


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "0112345678",  # 01 is no Thai prefix
        "0812345",
        "08123456789",  # 11 digits
        "081234567",  # 9 digits but a mobile prefix
        "0212345678",  # 10 digits but a landline prefix
        "021234567x",
        "0812345678 ต่อ 12",
        "+1 415 555 0100",
        "abc",
    ],
)
def test_parse_phone_rejects(typed: str) -> None:
    assert parse_phone(typed, "tel") == (None, [thai.Issue("phone.invalid", "tel")])


# ------------------------------------------------------------- address parts


@pytest.mark.parametrize(
    "typed, expected",
    [(1, 1), (99, 99), ("3", 3), ("๓", 3), (" 12 ", 12), ("07", 7), ("๙๙", 99),
     ("หมู่ 4", 4), ("หมู่ที่ 5", 5), ("ม.6", 6), ("ม. ๘", 8)],
)  # fmt: skip
def test_parse_moo(typed: str | int, expected: int) -> None:
    assert parse_moo(typed) == (expected, [])


@pytest.mark.parametrize("typed", [0, 100, -1, "0", "100", "", "abc", "3ก", True, 3.0])
def test_parse_moo_rejects(typed: object) -> None:
    value, issues = parse_moo(typed)  # type: ignore[arg-type]
    assert (value, issues) == (None, [thai.Issue("moo.invalid", "moo")])


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("12", "12"),
        ("12/3", "12/3"),
        ("123/45", "123/45"),
        ("99/1ก", "99/1ก"),
        ("99/1 ก", "99/1ก"),
        ("12ข", "12ข"),
        ("๑๒/๓", "12/3"),
        ("12 / 3", "12/3"),
        (" 7 ", "7"),
    ],
)
def test_parse_house_no(typed: str, expected: str) -> None:
    assert parse_house_no(typed) == (expected, [])


@pytest.mark.parametrize(
    "typed", ["", "  ", "abc", "/3", "12//3", "12/", "0", "0/1", "12/3/4", "12ab",
              "1 2", "12-3", "ก12", "12/3กข"]
)  # fmt: skip
def test_parse_house_no_rejects(typed: str) -> None:
    expected = (None, [thai.Issue("house_no.invalid", "addr")])
    assert parse_house_no(typed, "addr") == expected


@pytest.mark.parametrize(
    "typed", ["12345678901", "1234-567890-1", "1234 5678 901", "๑๒๓๔๕๖๗๘๙๐๑"]
)
def test_parse_house_code(typed: str) -> None:
    assert parse_house_code(typed) == ("12345678901", [])


@pytest.mark.parametrize("typed", ["", "1234567890", "123456789012", "1234567890a"])
def test_parse_house_code_rejects(typed: str) -> None:
    value, issues = parse_house_code(typed)
    assert (value, codes(issues)) == (None, ["house_code.invalid"])


# ------------------------------------------------------------------------- GPS


@pytest.mark.parametrize(
    "lat, lon",
    [
        (None, None),
        (13.7563, 100.5018),  # Bangkok
        (18.79, 98.98),  # Chiang Mai
        (5.5, 97.3),
        (20.5, 105.7),
        (Decimal("7.88"), Decimal("98.39")),
        ("13.75", "100.5"),
        (14, 101),
    ],
)
def test_check_gps_accepts(lat: object, lon: object) -> None:
    assert check_gps(lat, lon) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "lat, lon, expected",
    [
        (5.4, 100.0, [("gps.latitude", "gps_lat")]),
        (20.6, 100.0, [("gps.latitude", "gps_lat")]),
        (13.0, 97.2, [("gps.longitude", "gps_lon")]),
        (13.0, 105.8, [("gps.longitude", "gps_lon")]),
        (100.5, 13.75, [("gps.latitude", "gps_lat"), ("gps.longitude", "gps_lon")]),
        (0, 0, [("gps.latitude", "gps_lat"), ("gps.longitude", "gps_lon")]),
        (float("nan"), 100.0, [("gps.latitude", "gps_lat")]),
        ("abc", 100.0, [("gps.latitude", "gps_lat")]),
        (13.0, True, [("gps.longitude", "gps_lon")]),
        (13.7, None, [("gps.pair", "gps_lon")]),
        (None, 100.5, [("gps.pair", "gps_lat")]),
    ],
)
def test_check_gps_rejects(lat: object, lon: object, expected: list) -> None:
    issues = check_gps(lat, lon)  # type: ignore[arg-type]
    assert [(i.code, i.field) for i in issues] == expected


def test_check_gps_field_names() -> None:
    issues = check_gps(1.0, None, lat_field="home_lat", lon_field="home_lon")
    assert [(i.code, i.field) for i in issues] == [("gps.pair", "home_lon")]
    issues = check_gps(1.0, 100.0, lat_field="home_lat", lon_field="home_lon")
    assert [(i.code, i.field) for i in issues] == [("gps.latitude", "home_lat")]


# ---------------------------------------------------------------- error codes


def test_every_code_produced_is_in_the_catalogue() -> None:
    issues = [
        *parse_national_id("abc")[1],
        *parse_national_id("123")[1],
        *parse_national_id("1112034563561")[1],
        *parse_national_id("0112034563564")[1],
        *parse_thai_date("31/2/2567")[1],
        *check_fiscal_year(1),
        *parse_phone("1")[1],
        *parse_moo(0)[1],
        *parse_house_no("/")[1],
        *parse_house_code("1")[1],
        *check_gps(0, 0),
        *check_gps(0, None),
    ]
    assert len(issues) == 13
    for issue in issues:
        assert issue.code in CATALOGUE
        assert issue.message("en") != issue.code
