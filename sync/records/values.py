"""Turning a field's incoming value into its one canonical JSON form.

``coerce(field, value)`` returns ``(clean, issues)``: ``clean`` is what is stored,
signed and compared (text Thai-normalised, money as integer satang, decimals as
exact strings, dates ISO, sets sorted); ``issues`` are coded findings naming the
field.  A value that cannot be understood yields ``None`` and an error.
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from sync.records.canonical import is_signable
from sync.records.errors import Issue, Severity
from sync.records.fields import Field, Kind
from sync.records.thai import normalize_thai, to_ascii_digits

Result = tuple[Any, list[Issue]]

# JSON integers every replica (and RFC 8785) can carry exactly: ±(2**53 − 1).
SAFE_INT = 2**53 - 1
# Exact quantities: at most 12 integer digits and 4 decimal places.
DECIMAL_INT_DIGITS, DECIMAL_PLACES = 12, 4
_QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # with fullmatch: ASCII digits only
_YEAR = re.compile(r"[0-9]{4}")
_INT_TEXT = re.compile(r"-?[0-9]{1,20}")
# Left after normalising: C0/C1 controls (line feed aside) and lone surrogates.
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _issue(f: Field, code: str, path: str, **params: Any) -> Issue:
    return Issue(code, path, {"label_th": f.th, "label_en": f.en, **params})


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _range(f: Field, value: float, path: str) -> list[Issue]:
    low = f.minimum if f.minimum is not None else -math.inf
    high = f.maximum if f.maximum is not None else math.inf
    if low <= value <= high:
        return []
    return [_issue(f, "field.out_of_range", path, min=f.minimum, max=f.maximum)]


def _safe_range(f: Field, value: int, path: str, low: int = -SAFE_INT) -> list[Issue]:
    """The field's bounds, held within the integers JSON carries exactly."""
    low = max(f.minimum, low) if f.minimum is not None else low
    high = min(f.maximum, SAFE_INT) if f.maximum is not None else SAFE_INT
    if low <= value <= high:
        return []
    return [_issue(f, "field.out_of_range", path, min=low, max=high)]


def has_bad_chars(text: str) -> bool:
    """Control characters (other than a line feed) or lone surrogates in ``text``."""
    return _BAD_CHARS.search(text) is not None


def _text(f: Field, value: Any, path: str) -> Result:
    if not isinstance(value, str):
        return None, [_issue(f, "field.type", path)]
    clean = normalize_thai(value)  # tabs become spaces, CR LF a line feed
    if has_bad_chars(clean):
        return None, [_issue(f, "field.type", path)]
    if not clean:
        return None, []
    if f.pattern is not None and not re.fullmatch(f.pattern, clean):
        return None, [_issue(f, "field.type", path)]
    if f.parse is not None:  # a formatted field: its parser judges the typed form
        return f.parse(clean, path)
    if f.max_length is not None and len(clean) > f.max_length:
        return None, [_issue(f, "field.too_long", path, max=f.max_length)]
    return clean, []


def _int(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, str):
        text = to_ascii_digits(value.strip())  # "๔" is 4; "--5" and "²" are not numbers
        value = int(text) if _INT_TEXT.fullmatch(text) else None
    if not _is_int(value):
        return None, [_issue(f, "field.type", path)]
    return value, _safe_range(f, value, path)


def _money(f: Field, value: Any, path: str) -> Result:
    if not _is_int(value):
        return None, [_issue(f, "field.type", path)]
    if value < 0:
        return None, [_issue(f, "field.negative", path)]
    return value, _safe_range(f, value, path, low=0)


def _decimal_number(value: Any) -> Decimal | None:
    """``value`` as a finite Decimal of at most 12 integer digits and 4 places."""
    try:
        number = Decimal(to_ascii_digits(str(value)).strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if number.is_zero():
        return Decimal(0)
    if number.adjusted() >= DECIMAL_INT_DIGITS or number != number.quantize(_QUANTUM):
        return None
    return number


def _decimal(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, (float, bool)) or not isinstance(value, (str, int, Decimal)):
        return None, [_issue(f, "field.type", path)]
    number = _decimal_number(value)
    if number is None:
        return None, [_issue(f, "field.bad_decimal", path, digits=DECIMAL_INT_DIGITS,
                             places=DECIMAL_PLACES)]
    if number < 0:
        return None, [_issue(f, "field.negative", path)]
    text = format(number.quantize(_QUANTUM).normalize(), "f")
    return text, _range(f, float(number), path)


def _number(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, [_issue(f, "field.type", path)]
    if isinstance(value, int) and abs(value) > SAFE_INT:  # beyond a float's exact integers
        return value, _safe_range(f, value, path)
    if not math.isfinite(value):
        return None, [_issue(f, "field.type", path)]
    return value, _range(f, value, path)


def _bool(f: Field, value: Any, path: str) -> Result:
    if not isinstance(value, bool):
        return None, [_issue(f, "field.type", path)]
    return value, []


def _date(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat(), []
    if isinstance(value, str):
        value = to_ascii_digits(value.strip())
        if _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value).isoformat(), []
            except ValueError:
                pass
    return None, [_issue(f, "date.invalid", path)]


def _partial_date(f: Field, value: Any, path: str) -> Result:
    if _is_int(value):
        value = str(value)
    if isinstance(value, str):
        value = to_ascii_digits(value.strip())  # "๑๙๘๐" is the year 1980
        if _YEAR.fullmatch(value) and 1800 <= int(value) <= 2200:
            return value, []
    return _date(f, value, path)


def _datetime(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None, [_issue(f, "date.invalid", path)]
    if not isinstance(value, datetime) or value.tzinfo is None:
        return None, [_issue(f, "date.invalid", path)]
    try:
        utc = value.astimezone(timezone.utc)
    except OverflowError:  # 0001-01-01T00:00+01:00 has no UTC time
        return None, [_issue(f, "date.invalid", path)]
    return utc.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z", []


def _uuid(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, uuid.UUID):
        return str(value), []
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value)), []
        except ValueError:
            pass
    return None, [_issue(f, "field.bad_uuid", path)]


def _enum(f: Field, value: Any, path: str) -> Result:
    assert f.enum is not None, f.name
    if not isinstance(value, str) or value not in f.enum:
        return None, [_issue(f, "field.not_in_enum", path, value=value)]
    return value, []


def _enum_set(f: Field, value: Any, path: str) -> Result:
    if not isinstance(value, (list, tuple, set, frozenset)):
        return None, [_issue(f, "field.type", path)]
    bad = [v for v in value if not isinstance(v, str) or v not in (f.enum or ())]
    if bad:
        return None, [_issue(f, "field.not_in_enum", path, value=bad[0])]
    return sorted(set(value)), []


def _uuid_list(f: Field, value: Any, path: str) -> Result:
    if not isinstance(value, (list, tuple)):
        return None, [_issue(f, "field.type", path)]
    clean: list[str] = []
    for i, v in enumerate(value):
        one, issues = _uuid(f, v, f"{path}[{i}]")
        if has_errors(issues):
            return None, issues
        if one not in clean:
            clean.append(one)
    return clean, []


def _map(f: Field, value: Any, path: str) -> Result:
    if not isinstance(value, dict):
        return None, [_issue(f, "field.type", path)]
    item = Field(f.name, f.item or Kind.JSON, f.th, f.en, enum=f.item_enum)
    clean: dict[str, Any] = {}
    for key in value:
        if not isinstance(key, str) or (f.enum is not None and key not in f.enum):
            return None, [_issue(f, "field.not_in_enum", path, value=str(key))]
        if not key or has_bad_chars(key):
            return None, [_issue(f, "field.type", path)]
    for key in sorted(value):
        one, issues = coerce(item, value[key], f"{path}.{key}")
        if has_errors(issues):
            return None, issues
        clean[key] = one
    return clean, []


def _rows(f: Field, value: Any, path: str) -> Result:
    if not isinstance(value, (list, tuple)):
        return None, [_issue(f, "field.type", path)]
    columns = {c.name: c for c in f.columns}
    rows: list[dict[str, Any]] = []
    issues: list[Issue] = []
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            return None, [_issue(f, "field.type", f"{path}[{i}]")]
        clean: dict[str, Any] = {}
        for key, v in row.items():
            column = columns.get(key)
            if column is None:
                issues.append(Issue("field.unknown", f"{path}[{i}].{key}", {"field": key}))
            elif v is not None:
                clean[key], found = coerce(column, v, f"{path}[{i}].{key}")
                issues += found
        rows.append(clean)
    return (None if has_errors(issues) else rows), issues


def _json(f: Field, value: Any, path: str) -> Result:
    if not is_signable(value):
        return None, [_issue(f, "field.type", path)]
    return value, []


_COERCERS: dict[Kind, Callable[[Field, Any, str], Result]] = {
    Kind.TEXT: _text, Kind.INT: _int, Kind.MONEY: _money, Kind.DECIMAL: _decimal,
    Kind.NUMBER: _number, Kind.BOOL: _bool, Kind.DATE: _date,
    Kind.PARTIAL_DATE: _partial_date, Kind.DATETIME: _datetime, Kind.UUID: _uuid,
    Kind.ENUM: _enum, Kind.ENUM_SET: _enum_set, Kind.UUID_LIST: _uuid_list,
    Kind.MAP: _map, Kind.ROWS: _rows, Kind.JSON: _json,
}


def coerce(f: Field, value: Any, path: str | None = None) -> Result:
    """The canonical form of ``value`` for ``f`` (``None`` stays ``None``)."""
    path = path or f.name
    if value is None:
        return None, []
    if isinstance(value, str) and f.kind not in (Kind.TEXT, Kind.JSON) and not value.strip():
        return None, []
    return _COERCERS[f.kind](f, value, path)


def has_errors(issues: list[Issue]) -> bool:
    return any(i.severity == Severity.ERROR for i in issues)
