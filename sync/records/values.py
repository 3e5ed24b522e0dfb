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

from sync.records.errors import Issue, Severity
from sync.records.fields import Field, Kind
from sync.records.thai import normalize_thai, to_ascii_digits

Result = tuple[Any, list[Issue]]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


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


def _text(f: Field, value: Any, path: str) -> Result:
    if not isinstance(value, str):
        return None, [_issue(f, "field.type", path)]
    clean = normalize_thai(value)
    if not clean:
        return None, []
    if f.parse is not None:  # a formatted field: its parser judges the typed form
        return f.parse(clean, path)
    if f.max_length is not None and len(clean) > f.max_length:
        return None, [_issue(f, "field.too_long", path, max=f.max_length)]
    return clean, []


def _int(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, str) and to_ascii_digits(value.strip()).lstrip("-").isdigit():
        value = int(to_ascii_digits(value.strip()))
    if not _is_int(value):
        return None, [_issue(f, "field.type", path)]
    return value, _range(f, value, path)


def _money(f: Field, value: Any, path: str) -> Result:
    if not _is_int(value):
        return None, [_issue(f, "field.type", path)]
    if value < 0:
        return None, [_issue(f, "field.negative", path)]
    return value, _range(f, value, path)


def _decimal(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, (float, bool)) or not isinstance(value, (str, int, Decimal)):
        return None, [_issue(f, "field.type", path)]
    try:
        number = Decimal(to_ascii_digits(str(value)).strip().replace(",", ""))
    except InvalidOperation:
        return None, [_issue(f, "field.bad_decimal", path)]
    if not number.is_finite():
        return None, [_issue(f, "field.bad_decimal", path)]
    if number < 0:
        return None, [_issue(f, "field.negative", path)]
    text = format(number.normalize(), "f")
    return text, _range(f, float(number), path)


def _number(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None, [_issue(f, "field.type", path)]
    return value, _range(f, value, path)


def _bool(f: Field, value: Any, path: str) -> Result:
    if not isinstance(value, bool):
        return None, [_issue(f, "field.type", path)]
    return value, []


def _date(f: Field, value: Any, path: str) -> Result:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat(), []
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value).isoformat(), []
        except ValueError:
            pass
    return None, [_issue(f, "date.invalid", path)]


def _partial_date(f: Field, value: Any, path: str) -> Result:
    if _is_int(value):
        value = str(value)
    if isinstance(value, str) and _YEAR.match(value) and 1800 <= int(value) <= 2200:
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
    utc = value.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z", []


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
    for key in sorted(value):
        if not isinstance(key, str) or (f.enum is not None and key not in f.enum):
            return None, [_issue(f, "field.not_in_enum", path, value=key)]
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
