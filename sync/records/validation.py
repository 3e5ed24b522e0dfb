"""Validation of records and of changes, the same on every replica.

Two entry points:

* :func:`validate_fields` — a whole record's fields (a save, a pulled row, an export).
* :func:`validate_change` — an op's ``fields`` against the row it changes: coerces only
  what changed (``set`` fields as ``{"add": [...], "remove": [...]}``), refuses changes
  to immutable, command-only and server-only fields, then validates the merged row.

Both return a :class:`Validated` with clean values and coded issues naming the field.
A draft may be incomplete; a record whose case has left the draft stage may not
(``state`` is the case state the record will be in; ``None`` means "no case").
Fields this version does not know are kept raw in ``extra``, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from sync.records.canonical import is_signable
from sync.records.errors import Issue, Severity
from sync.records.fields import Field, Kind, Need, RecordType
from sync.records.values import coerce, has_errors
from sync.records.workflow import requires_complete


@dataclass(frozen=True)
class Validated:
    fields: dict[str, Any]  # clean values of the known fields given
    extra: dict[str, Any] = field(default_factory=dict)  # unknown fields, raw
    issues: tuple[Issue, ...] = ()
    merged: dict[str, Any] = field(default_factory=dict)  # the whole row after a change

    @property
    def ok(self) -> bool:
        return not has_errors(list(self.issues))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == Severity.WARNING]


def _label(f: Field) -> dict[str, str]:
    return {"label_th": f.th, "label_en": f.en, "field": f.name}


def _coerce_each(rtype: RecordType, values: Mapping[str, Any], *,
                 current: Mapping[str, Any] | None = None, writer: str | None = None):
    """Clean values, unknown fields (raw) and issues.  With ``writer`` the values are a
    change: ``set`` fields become add/remove, and refused fields are reported."""
    clean: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    issues: list[Issue] = []
    for name, value in values.items():
        f = rtype.field(name)
        if f is None:
            extra[name] = value
            issues += [] if is_signable(value) else [Issue("field.type", name, {"field": name})]
            continue
        if writer and f.kind == Kind.ENUM_SET:
            clean[name], found = _coerce_set_change(f, value, current)
        else:
            clean[name], found = coerce(f, value)
        if writer and not has_errors(found):
            refused = _refused(rtype, f, current, clean[name], writer)
            found += [refused] if refused else []
        issues += found
    return clean, extra, issues


def completeness(rtype: RecordType, fields: Mapping[str, Any], state: str | None) -> list[Issue]:
    """``field.required`` for every field the record needs in ``state`` but lacks."""
    strict = requires_complete(state)
    missing = []
    for f in rtype.fields():
        needed = f.need == Need.ALWAYS or (f.need == Need.ON_SUBMIT and strict)
        if needed and fields.get(f.name) in (None, "", [], {}):
            missing.append(Issue("field.required", f.name, _label(f)))
    return missing


def check_rules(rtype: RecordType, fields: Mapping[str, Any], state: str | None) -> list[Issue]:
    issues: list[Issue] = []
    for rule in rtype.rules:
        issues += rule(fields, state)
    return issues


def validate_fields(rtype: RecordType, fields: Mapping[str, Any], *,
                    state: str | None = None) -> Validated:
    """Validate a whole record: values, completeness for ``state``, cross-field rules."""
    clean, extra, issues = _coerce_each(rtype, fields)
    whole = {k: v for k, v in clean.items() if v is not None}
    if not has_errors(issues):
        issues += completeness(rtype, whole, state) + check_rules(rtype, whole, state)
    return Validated(clean, extra, tuple(issues), whole)


def _coerce_set_change(f: Field, value: Any,
                       current: Mapping[str, Any] | None) -> tuple[Any, list[Issue]]:
    """A ``set`` field's change as ``{"add": [...], "remove": [...]}``: given so (a
    missing key is ``[]``), or as the whole new list (or ``None``), made into the
    difference from ``current`` — an op carries the difference, never the list."""
    if not isinstance(value, Mapping):
        members, issues = coerce(f, value)
        if has_errors(issues):
            return None, issues
        before = set((current or {}).get(f.name) or ())
        after = set(members or ())
        return {"add": sorted(after - before), "remove": sorted(before - after)}, []
    if set(value) - {"add", "remove"}:
        return None, [Issue("field.type", f.name, _label(f))]
    out: dict[str, list[str]] = {}
    for key in ("add", "remove"):
        given = value.get(key, [])
        if not isinstance(given, (list, tuple)):
            return None, [Issue("field.type", f"{f.name}.{key}", _label(f))]
        out[key], issues = coerce(f, list(given), f"{f.name}.{key}")
        if issues:
            return None, issues
    if set(out["add"]) & set(out["remove"]):  # added and removed at once: which is it?
        return None, [Issue("field.type", f.name, _label(f))]
    return out, []


def _refused(rtype: RecordType, f: Field, current: Mapping[str, Any] | None,
             value: Any, writer: str) -> Issue | None:
    group = rtype.group_of(f.name)
    assert group is not None
    if writer == "client" and (group.server_only or rtype.server_only):
        return Issue("field.server_only", f.name, _label(f))
    if writer == "client" and group.command_only:
        return Issue("field.command_only", f.name, _label(f))
    if f.immutable and current is not None and current.get(f.name) not in (None, value):
        return Issue("field.immutable", f.name, _label(f))
    return None


def apply_change(rtype: RecordType, current: Mapping[str, Any] | None,
                 change: Mapping[str, Any]) -> dict[str, Any]:
    """The row after ``change`` (clean values; ``set`` fields as add/remove)."""
    row = dict(current or {})
    for name, value in change.items():
        f = rtype.field(name)
        if f is not None and f.kind == Kind.ENUM_SET and isinstance(value, Mapping):
            members = (set(row.get(name) or ()) | set(value["add"])) - set(value["remove"])
            row[name] = sorted(members)
        else:
            row[name] = value
    return {k: v for k, v in row.items() if v not in (None, [], {})}


def validate_change(rtype: RecordType, current: Mapping[str, Any] | None,
                    change: Mapping[str, Any], *, state: str | None = None,
                    writer: str = "client") -> Validated:
    """Validate an op's ``fields`` against ``current`` (``None`` when creating)."""
    clean, extra, issues = _coerce_each(rtype, change, current=current, writer=writer)
    if has_errors(issues):
        return Validated(clean, extra, tuple(issues))
    merged = apply_change(rtype, current, clean)
    issues += completeness(rtype, merged, state) + check_rules(rtype, merged, state)
    return Validated(clean, extra, tuple(issues), merged)
