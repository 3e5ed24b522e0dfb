"""The whole contract as one JSON Schema document (served as ``GET /schema``).

Standard JSON Schema (2020-12) describes the shape of every record type; ``x-``
keywords carry what JSON Schema has no words for: Thai and English labels, field
groups and their merge policies, when a field is required, the workflows, the
enumerations' labels and the error catalogue.  A third-party client needs this
document and ``sync/PROTOCOL.md``, nothing else.
"""

from __future__ import annotations

from typing import Any

from sync.records.enums import ALL_ENUMS, Enumeration
from sync.records.errors import catalogue_json
from sync.records.fields import Field, FieldGroup, Kind, Need, RecordType
from sync.records.hlc import HLC_PATTERN
from sync.records.ops import OP_KEYS, OpKind
from sync.records.record import SYNC_COLUMNS
from sync.records.registry import RECORD_TYPES
from sync.records.values import DECIMAL_INT_DIGITS, DECIMAL_PLACES, SAFE_INT
from sync.records.workflow import WORKFLOWS, Workflow

PROTOCOL_VERSION = 1
SCHEMA_VERSION = 1

UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
TAMBON_PATTERN = "^[0-9]{6}$"
# Stored text holds no control characters but line feeds (and tabs).
TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]*$"
DECIMAL_PATTERN = f"^[0-9]{{1,{DECIMAL_INT_DIGITS}}}(\\.[0-9]{{1,{DECIMAL_PLACES}}})?$"
_PLAIN: dict[Kind, dict[str, Any]] = {
    Kind.TEXT: {"type": "string", "pattern": TEXT_PATTERN},
    Kind.INT: {"type": "integer", "minimum": -SAFE_INT, "maximum": SAFE_INT},
    Kind.MONEY: {"type": "integer", "minimum": 0, "maximum": SAFE_INT, "x-unit": "satang"},
    Kind.DECIMAL: {"type": "string", "pattern": DECIMAL_PATTERN},
    Kind.NUMBER: {"type": "number"},
    Kind.BOOL: {"type": "boolean"},
    Kind.DATE: {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    Kind.PARTIAL_DATE: {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$"},
    Kind.DATETIME: {"type": "string", "format": "date-time"},
    Kind.UUID: {"type": "string", "pattern": UUID_PATTERN},
    Kind.JSON: {},
}


def _labels(th: str, en: str) -> dict[str, str]:
    return {"th": th, "en": en}


def _enum_schema(enum: Enumeration) -> dict[str, Any]:
    return {"type": "string", "enum": list(enum.values), "x-enum": enum.name}


def value_schema(f: Field) -> dict[str, Any]:
    """The JSON Schema of one field's (non-null) value."""
    if f.kind == Kind.ENUM:
        schema = _enum_schema(f.enum)  # type: ignore[arg-type]
    elif f.kind == Kind.ENUM_SET:
        schema = {"type": "array", "items": _enum_schema(f.enum),  # type: ignore[arg-type]
                  "uniqueItems": True}
    elif f.kind == Kind.UUID_LIST:
        schema = {"type": "array", "items": _PLAIN[Kind.UUID], "uniqueItems": True}
    elif f.kind == Kind.MAP:
        item = Field(f.name, f.item or Kind.JSON, f.th, f.en, enum=f.item_enum)
        schema = {"type": "object", "additionalProperties": value_schema(item)}
        if f.enum is not None:
            schema["propertyNames"] = _enum_schema(f.enum)
    elif f.kind == Kind.ROWS:
        schema = {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "properties": {c.name: field_schema(c) for c in f.columns}}}
    else:
        schema = dict(_PLAIN[f.kind])
    if f.pattern is not None:
        schema["pattern"] = f"^{f.pattern}$"
    for key, value in (("maxLength", f.max_length), ("minimum", f.minimum),
                       ("maximum", f.maximum)):
        if value is not None and not (key == "maxLength" and f.kind != Kind.TEXT):
            schema[key] = value
    return schema


def field_schema(f: Field) -> dict[str, Any]:
    return {
        "anyOf": [value_schema(f), {"type": "null"}],
        "title": f.en, "x-label": _labels(f.th, f.en), "x-kind": str(f.kind),
        "x-need": str(f.need), "x-personal": f.personal, "x-sensitive": f.sensitive,
        "x-immutable": f.immutable,
    }


def group_schema(g: FieldGroup) -> dict[str, Any]:
    return {"name": g.name, "policy": str(g.policy), "fields": [f.name for f in g.fields],
            "label": _labels(g.th, g.en), "reopens_review": g.reopens_review,
            "command_only": g.command_only, "server_only": g.server_only}


def _always_unless_deleted(t: RecordType) -> dict[str, Any]:
    """The fields every live row has; a tombstone (``deleted: true``) keeps only links."""
    always = [f.name for f in t.fields() if f.need == Need.ALWAYS]
    if not always:
        return {}
    return {"if": {"properties": {"deleted": {"const": True}}, "required": ["deleted"]},
            "else": {"properties": {"fields": {"required": always}}}}


def op_fields_schema(t: RecordType) -> dict[str, Any]:
    """An op's ``fields`` for ``t``: only what changed, ``null`` clears a field, a
    ``set`` field as ``{"add": [...], "remove": [...]}``, unknown fields kept raw."""
    properties: dict[str, Any] = {}
    for f in t.fields():
        if f.kind == Kind.ENUM_SET:
            members = value_schema(f)
            properties[f.name] = {"type": "object", "additionalProperties": False,
                                  "properties": {"add": members, "remove": members},
                                  "x-kind": "set_change"}
        else:
            properties[f.name] = {"anyOf": [value_schema(f), {"type": "null"}]}
    return {"type": "object", "properties": properties,
            "description": "fields of an upsert op: the changed fields only"}


def record_schema(t: RecordType) -> dict[str, Any]:
    fields = {f.name: field_schema(f) for f in t.fields()}
    tambon = ({"type": "string", "pattern": TAMBON_PATTERN} if t.area_scoped
              else {"type": "null"})
    return {
        "type": "object", "title": t.en, "x-label": _labels(t.th, t.en),
        "additionalProperties": False, "required": ["type", "id", "tambon", "fields"],
        "properties": {
            **_envelope_properties(), "type": {"const": t.name}, "tambon": tambon,
            "fields": {"type": "object", "properties": fields, "additionalProperties": False},
        },
        **_always_unless_deleted(t),
        "x-required": [f.name for f in t.fields() if f.need == Need.ALWAYS],
        "x-op-fields": op_fields_schema(t),
        "x-groups": [group_schema(g) for g in t.groups],
        "x-required-on-submit": [f.name for f in t.fields() if f.need == Need.ON_SUBMIT],
        "x-parent": t.parent, "x-parent-field": t.parent_field,
        "x-household-field": t.household_field, "x-natural-key": list(t.natural_key),
        "x-area-scoped": t.area_scoped, "x-server-only": t.server_only,
    }


def _envelope_properties() -> dict[str, Any]:
    nullable_text = {"type": ["string", "null"]}
    return {
        "id": _PLAIN[Kind.UUID], "version": {"type": "integer", "minimum": 0},
        "seq": {"type": "integer", "minimum": 0}, "deleted": {"type": "boolean"},
        "conflict": {"type": "boolean"}, "updated_by": nullable_text,
        "device_id": nullable_text,
        "hlc": {"anyOf": [{"type": "string", "pattern": f"^{HLC_PATTERN}$"}, {"type": "null"}]},
        "extra": {"type": "object", "description": "fields this schema version does not know"},
    }


def workflow_schema(w: Workflow) -> dict[str, Any]:
    return {
        "states": [{"value": c.value, "label": _labels(c.th, c.en)} for c in w.states.choices],
        "initial": w.initial,
        "transitions": [{
            "command": t.command, "from": sorted(t.sources), "to": t.target,
            "roles": sorted(t.roles), "comment_required": t.comment_required,
            "label": _labels(t.th, t.en)} for t in w.transitions],
        "reopen_from": sorted(w.reopen_from), "reopen_to": w.reopen_to,
    }


def op_schema() -> dict[str, Any]:
    uuid = _PLAIN[Kind.UUID]
    return {
        "type": "object", "additionalProperties": False, "required": list(OP_KEYS),
        "properties": {
            "op_id": uuid, "device_id": uuid, "device_seq": {"type": "integer", "minimum": 1},
            "type": {"enum": sorted(RECORD_TYPES)}, "id": uuid,
            "tambon": {"anyOf": [{"type": "string", "pattern": TAMBON_PATTERN},
                                 {"type": "null"}]},
            "kind": {"enum": [str(k) for k in OpKind]},
            "base": {"anyOf": [{"type": "null"}, {
                "type": "object", "required": ["epoch", "version"],
                "properties": {"epoch": {"type": "string"},
                               "version": {"type": "integer", "minimum": 0}}}]},
            "fields": {"type": "object",
                       "description": "see x-op-fields of the record type; empty for a "
                                      "delete or a command"},
            "hlc": {"type": "string", "pattern": f"^{HLC_PATTERN}$"},
            "author": {"type": "string", "minLength": 1},
            "resolves": {"type": "array", "items": uuid},
            "command": {"anyOf": [{"type": "null"}, _command_schema()]},
        },
    }


def _command_schema() -> dict[str, Any]:
    return {
        "type": "object", "additionalProperties": False, "required": ["name"],
        "properties": {
            "name": {"type": "string"},
            "versions": {"type": "object", "propertyNames": {"pattern": UUID_PATTERN},
                         "additionalProperties": {"type": "integer", "minimum": 0}},
            "comment": {"type": ["string", "null"]},
            "args": {"type": "object"},
        },
    }


def contract_schema() -> dict[str, Any]:
    """Every record type, the op, the workflows, enumerations and error texts."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:porpiang:records",
        "x-protocol": PROTOCOL_VERSION, "x-schema-version": SCHEMA_VERSION,
        "x-sync-columns": list(SYNC_COLUMNS),
        "$defs": {**{name: record_schema(t) for name, t in RECORD_TYPES.items()},
                  "op": op_schema()},
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in RECORD_TYPES],
        "x-workflows": {name: workflow_schema(w) for name, w in WORKFLOWS.items()},
        "x-enums": {e.name: [{"value": c.value, "label": _labels(c.th, c.en)}
                             for c in e.choices] for e in ALL_ENUMS},
        "x-errors": catalogue_json(),
    }
