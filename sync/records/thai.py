"""Thai input conventions: normalisation, digits, national ID, BE dates, addresses.

Pure functions, standard library only.  Parsers take what a person typed and return
``(value, issues)``: the normalised value, or ``None`` with ERROR issues whose codes
are in :data:`sync.records.errors.CATALOGUE`.  A parser refuses blank input (callers
decide first whether the field is optional).  Issue params never echo the typed value,
so no national ID or phone number leaks into logs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from decimal import Decimal

from sync.records.errors import Issue, Severity

# ---------------------------------------------------------------- normalisation

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"[^\S\n]+")  # Unicode whitespace but line feeds, NBSP included
_BLANK_LINES = re.compile(r"\n{3,}")
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # Thai combining marks
_MARK_RUN = re.compile(f"[{_MARKS}]{{2,}}")
_DOUBLED_MARK = re.compile(f"([{_MARKS}])\\1+")
_TONES = "\u0e48-\u0e4c"  # mai ek, mai tho, mai tri, mai chattawa, thanthakhat
_VOWEL_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e4d")
_TONE_AFTER_AM = re.compile(f"\u0e33([{_TONES}])")
_NIKHAHIT_AA = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


def _mark_rank(ch: str) -> tuple[int, int]:
    """Order in a run of marks: vowels, tones, the rest; then canonical (NFC) class."""
    if ch in _VOWEL_MARKS:
        rank = 0
    else:
        rank = 1 if "\u0e48" <= ch <= "\u0e4c" else 2
    return rank, unicodedata.combining(ch)


def _sort_marks(match: re.Match[str]) -> str:
    return "".join(sorted(match.group(), key=_mark_rank))  # stable


def _thai_pass(text: str) -> str:
    text = _TONE_AFTER_AM.sub(r"\1" + "\u0e33", text)  # กำ่ -> ก่ำ
    text = _MARK_RUN.sub(_sort_marks, text)  # ก่ี -> กี่
    text = _DOUBLED_MARK.sub(r"\1", text)  # กี่่ -> กี่
    text = _NIKHAHIT_AA.sub(r"\1" + "\u0e33", text)  # กํ่า -> ก่ำ
    text = text.replace("\u0e40\u0e40", "\u0e41")  # เเ -> แ
    return unicodedata.normalize("NFC", text)


def normalize_thai(text: str) -> str:
    """The one normaliser before validation, indexing, sorting and signing.

    NFC; zero-width characters removed; whitespace runs within a line -> one space,
    line ends stripped, line breaks kept (notes have paragraphs; at most one blank line);
    nikhahit + sara aa -> sara am (a tone mark around them goes before it); a tone
    mark typed after sara am goes before it; tone marks after upper/lower vowels; a
    Thai mark typed twice kept once; เเ -> แ.  Idempotent.
    """
    text = unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in lines)
    text = _BLANK_LINES.sub("\n\n", text).strip()
    for _ in range(len(text) + 1):  # run to a fixed point
        fixed = _thai_pass(text)
        if fixed == text:
            break
        text = fixed
    return text


# ---------------------------------------------------------------------- digits

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ASCII = str.maketrans(_THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")  # spaces and dashes


def to_ascii_digits(text: str) -> str:
    """Thai digits ๐–๙ -> 0–9; everything else unchanged."""
    return text.translate(_TO_ASCII)


def to_thai_digits(text: str) -> str:
    """ASCII digits 0–9 -> ๐–๙; everything else unchanged."""
    return text.translate(_TO_THAI)


def _digits_only(text: str) -> str:
    """Thai digits to ASCII, zero-width characters, spaces and dashes removed."""
    return _SEPARATORS.sub("", to_ascii_digits(text.translate(_ZERO_WIDTH)))


def _is_ascii_digits(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9]+", text))


# ---------------------------------------------------------------- national ID

REVIEW_PREFIXES = frozenset("0679")  # no Thai nationality / status pending: flag only


def national_id_check_digit(first12: str) -> int:
    """Check digit of the first 12 digits: (11 - Σ d[i]·(13-i) mod 11) mod 10."""
    digits = to_ascii_digits(first12)
    if len(digits) != 12 or not _is_ascii_digits(digits):
        raise ValueError("national_id_check_digit needs exactly 12 digits")
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits))
    return (11 - total % 11) % 10


def parse_national_id(
    text: str, field: str = "national_id"
) -> tuple[str | None, list[Issue]]:
    """13 ASCII digits from what was typed (Thai digits, spaces, dashes allowed).

    A valid ID starting with 0, 6, 7 or 9 is returned with a WARNING
    ``national_id.review_prefix`` (params ``{"prefix": "0"}``): flagged, never refused.
    """
    digits = _digits_only(text)
    if digits and not _is_ascii_digits(digits):
        return None, [Issue("national_id.not_digits", field)]
    if len(digits) != 13:
        return None, [Issue("national_id.length", field, {"length": len(digits)})]
    if national_id_check_digit(digits[:12]) != int(digits[12]):
        return None, [Issue("national_id.checksum", field)]
    if digits[0] in REVIEW_PREFIXES:
        warning = Issue(
            "national_id.review_prefix", field, {"prefix": digits[0]}, Severity.WARNING
        )
        return digits, [warning]
    return digits, []


def format_national_id(digits: str) -> str:
    """``1-1120-34563-56-2``; input that is not 13 digits comes back unchanged."""
    d = _digits_only(digits)
    if len(d) != 13 or not _is_ascii_digits(d):
        return digits
    return f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}"


def mask_national_id(digits: str) -> str:
    """``x-xxxx-xxxxx-56-2``: only the last 3 digits show, in the usual grouping.

    Anything that is not 13 digits is masked entirely (never leaks); "" stays "".
    """
    d = _digits_only(digits)
    if not d:
        return ""
    if len(d) != 13 or not _is_ascii_digits(d):
        return "x-xxxx-xxxxx-xx-x"
    return f"x-xxxx-xxxxx-{d[10:12]}-{d[12]}"


# ----------------------------------------------------------- Buddhist-Era dates

BE_OFFSET = 543
THAI_MONTHS: tuple[str, ...] = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
_MONTH_LOOKUP: dict[str, int] = {
    name.replace(".", ""): i + 1
    for names in (THAI_MONTHS, THAI_MONTHS_ABBR)
    for i, name in enumerate(names)
}
_DATE_SEP = r"\s*[/.\-]\s*"
_NUMERIC_DATE = re.compile(
    f"([0-9]{{1,2}}){_DATE_SEP}([0-9]{{1,2}}){_DATE_SEP}([0-9]{{4}})"
)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NAMED_DATE = re.compile(r"([0-9]{1,2})\s*([\u0e01-\u0e4e.]+?)\s*([0-9]{4})")
_ERA_MARK = re.compile(r"(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)")


def to_ce_year(year: int) -> int:
    """A year as typed -> Gregorian: above 2400 it is BE (CE = BE - 543)."""
    return year - BE_OFFSET if year > 2400 else year


def to_be_year(year_ce: int) -> int:
    """Gregorian year -> Buddhist Era."""
    return year_ce + BE_OFFSET


def _split_date(text: str) -> tuple[int, int, int] | None:
    """(year as typed, month, day) from the accepted shapes, else None."""
    if m := _ISO_DATE.fullmatch(text):
        return int(m[1]), int(m[2]), int(m[3])
    if m := _NUMERIC_DATE.fullmatch(text):
        return int(m[3]), int(m[2]), int(m[1])
    if m := _NAMED_DATE.fullmatch(text):
        month = _MONTH_LOOKUP.get(m[2].replace(".", ""))
        return (int(m[3]), month, int(m[1])) if month else None
    return None


def parse_thai_date(
    text: str | date, field: str = "date", *, allow_year_only: bool = False
) -> tuple[str | None, list[Issue]]:
    """ISO "YYYY-MM-DD" (Gregorian) from a BE or CE date as typed.

    Day first: "12/3/2567", "12-03-2567", "12 มี.ค. 2567", "12 มีนาคม พ.ศ. 2567",
    Thai digits, or ISO "2024-03-12".  Four-digit years only.  With
    ``allow_year_only`` a bare year ("2567") gives "YYYY" (CE).
    """
    if isinstance(text, date):
        return date(text.year, text.month, text.day).isoformat(), []
    invalid = None, [Issue("date.invalid", field)]
    cleaned = _ERA_MARK.sub(" ", to_ascii_digits(normalize_thai(text)))
    cleaned = " ".join(cleaned.split())
    if re.fullmatch(r"[0-9]{4}", cleaned):
        year = to_ce_year(int(cleaned))
        return (f"{year:04d}", []) if allow_year_only and year >= 1000 else invalid
    parts = _split_date(cleaned)
    if parts is None:
        return invalid
    year, month, day = parts
    try:
        return date(to_ce_year(year), month, day).isoformat(), []
    except ValueError:  # 31/2, month 13, year out of range
        return invalid


def format_thai_date(
    iso: str | date, style: str = "long", *, thai_digits: bool = False
) -> str:
    """BE for display: "12 มีนาคม 2567" (long), "12 มี.ค. 2567" (abbr), "12/03/2567"
    (numeric); a year-only value "YYYY" shows as its BE year in every style."""
    if isinstance(iso, str) and re.fullmatch(r"[0-9]{4}", iso):
        out = str(to_be_year(int(iso)))
    else:
        d = iso if isinstance(iso, date) else date.fromisoformat(iso)
        be = to_be_year(d.year)
        if style == "long":
            out = f"{d.day} {THAI_MONTHS[d.month - 1]} {be}"
        elif style == "abbr":
            out = f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {be}"
        elif style == "numeric":
            out = f"{d.day:02d}/{d.month:02d}/{be}"
        else:
            raise ValueError(f"unknown date style {style!r}")
    return to_thai_digits(out) if thai_digits else out


# ----------------------------------------------------------------- fiscal year

FISCAL_YEAR_MIN = 2540
FISCAL_YEAR_MAX = 2700


def fiscal_year_of(d: date) -> int:
    """BE fiscal year (1 Oct – 30 Sep, named by the BE year it ends in).

    2024-09-30 -> 2567, 2024-10-01 -> 2568.
    """
    return to_be_year(d.year) + (1 if d.month >= 10 else 0)


def fiscal_year_range(be_year: int) -> tuple[date, date]:
    """First and last day of a BE fiscal year: 2567 -> (2023-10-01, 2024-09-30)."""
    if be_year <= 2400:
        raise ValueError(f"{be_year} is not a Buddhist-Era year")
    ce = be_year - BE_OFFSET
    return date(ce - 1, 10, 1), date(ce, 9, 30)


def check_fiscal_year(value: object, field: str = "fiscal_year") -> list[Issue]:
    """A BE year 2540..2700, as an int or digits (Thai digits ok)."""
    year: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, str) and _is_ascii_digits(digits := _digits_only(value)) \
            and len(digits) <= 4:
        year = int(digits)
    if year is not None and FISCAL_YEAR_MIN <= year <= FISCAL_YEAR_MAX:
        return []
    params = {"min": FISCAL_YEAR_MIN, "max": FISCAL_YEAR_MAX}
    return [Issue("fiscal_year.invalid", field, params)]


# ------------------------------------------------------ phone and address parts

_PHONE_PUNCT = re.compile(r"[\s\-\u2010-\u2015().]+")
_MOBILE = re.compile(r"0[689][0-9]{8}")
_LANDLINE = re.compile(r"0[2-7][0-9]{7}")


def parse_phone(text: str, field: str = "phone") -> tuple[str | None, list[Issue]]:
    """ASCII digits with the leading 0: mobile 06/08/09 + 8 digits, landline 02–07
    + 7 digits.  Thai digits, spaces, dashes, brackets and a +66/66 prefix accepted."""
    digits = _PHONE_PUNCT.sub("", to_ascii_digits(text.translate(_ZERO_WIDTH)))
    for prefix in ("+66", "66"):
        if digits.startswith(prefix):
            rest = digits[len(prefix) :]
            digits = rest if rest.startswith("0") else "0" + rest
            break
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits):
        return digits, []
    return None, [Issue("phone.invalid", field)]


_MOO_PREFIX = re.compile(r"^(หมู่ที่|หมู่|ม\.)\s*")


def parse_moo(
    text_or_int: str | int, field: str = "moo"
) -> tuple[int | None, list[Issue]]:
    """Village number 1–99 from an int or text ("3", "๓", "หมู่ 3", "ม.3")."""
    moo: int | None = None
    if isinstance(text_or_int, int) and not isinstance(text_or_int, bool):
        moo = text_or_int
    elif isinstance(text_or_int, str):
        cleaned = _MOO_PREFIX.sub("", normalize_thai(to_ascii_digits(text_or_int)))
        moo = int(cleaned) if _is_ascii_digits(cleaned) and len(cleaned) <= 4 else None
    if moo is not None and 1 <= moo <= 99:
        return moo, []
    return None, [Issue("moo.invalid", field)]


_HOUSE_NO = re.compile(r"([0-9]+)(?:/[0-9]+)?[\u0e01-\u0e2e]?")


def parse_house_no(
    text: str, field: str = "house_no"
) -> tuple[str | None, list[Issue]]:
    """House number as text: "12", "12/3", "123/45", "99/1ก".

    At most one "/", one optional trailing Thai consonant, main number not 0.
    Thai digits -> ASCII; spaces around "/" and before the letter are removed.
    """
    cleaned = to_ascii_digits(normalize_thai(text))
    cleaned = re.sub(r"\s*/\s*", "/", cleaned)
    cleaned = re.sub(r"(?<=[0-9])\s+(?=[\u0e01-\u0e2e]$)", "", cleaned)
    m = _HOUSE_NO.fullmatch(cleaned)
    if m and m[1].strip("0"):  # not 0 (and no int() of a thousand digits)
        return cleaned, []
    return None, [Issue("house_no.invalid", field)]


def parse_house_code(
    text: str, field: str = "house_code"
) -> tuple[str | None, list[Issue]]:
    """The 11-digit house code (รหัสประจำบ้าน); spaces, dashes, Thai digits ok."""
    digits = _digits_only(text)
    if len(digits) == 11 and _is_ascii_digits(digits):
        return digits, []
    return None, [Issue("house_code.invalid", field)]


# ------------------------------------------------------------------------ GPS

LAT_RANGE = (5.5, 20.5)
LON_RANGE = (97.3, 105.7)
Coordinate = float | int | Decimal | str | None


def _in_range(value: Coordinate, bounds: tuple[float, float]) -> bool:
    if isinstance(value, str):
        value = to_ascii_digits(value).strip()
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and bounds[0] <= number <= bounds[1]


def check_gps(
    lat: Coordinate,
    lon: Coordinate,
    *,
    lat_field: str = "gps_lat",
    lon_field: str = "gps_lon",
) -> list[Issue]:
    """Both inside Thailand (lat 5.5–20.5, lon 97.3–105.7), or both None."""
    if lat is None and lon is None:
        return []
    if lat is None or lon is None:
        return [Issue("gps.pair", lat_field if lat is None else lon_field)]
    issues: list[Issue] = []
    if isinstance(lat, bool) or not _in_range(lat, LAT_RANGE):
        issues.append(Issue("gps.latitude", lat_field))
    if isinstance(lon, bool) or not _in_range(lon, LON_RANGE):
        issues.append(Issue("gps.longitude", lon_field))
    return issues
