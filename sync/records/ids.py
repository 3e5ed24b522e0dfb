"""Record ids: UUIDv7 made on the device; UUIDv5 of the natural key where one exists.

Two devices that create "the same" village, repair project, programme settings or
tambon plan offline thereby create one row, not two.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Mapping

import uuid6

from sync.records.errors import ContractError
from sync.records.fields import RecordType
from sync.records.thai import normalize_thai
from sync.records.values import coerce, has_errors

# Fixed for ever: changing it would split every natural-key row in two.
NAMESPACE = uuid.UUID("5b0c4f0e-7d1a-5c52-9a4e-706f72706961")
# A tambon code: six ASCII digits (use with ``fullmatch``; "๘๐๐๑๐๑" is not one).
TAMBON = re.compile(r"[0-9]{6}")


def is_tambon(value: object) -> bool:
    return isinstance(value, str) and TAMBON.fullmatch(value) is not None


def new_id() -> str:
    """A time-ordered UUIDv7 (index-friendly, unique without coordination)."""
    return str(uuid6.uuid7())


def op_derived_id(op_id: str, *parts: str) -> str:
    """The id of a row the server writes because of op ``op_id`` (a conflict it opens,
    a review event): a UUIDv5 of the op and what the row is about, so replaying the
    op after a restore writes the very same row, and later ops naming it still match."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(("server-row", op_id, *parts))))


def natural_id(rtype: RecordType, tambon: str | None, fields: Mapping[str, Any]) -> str:
    """The UUIDv5 of ``rtype``'s natural key, read from ``tambon`` and ``fields``' clean forms."""
    if not rtype.natural_key:
        raise ContractError("record.natural_key", "id")
    parts = [rtype.name]
    for name in rtype.natural_key:
        if name == "tambon" and not is_tambon(tambon):
            raise ContractError("tambon.invalid", "tambon")
        value = tambon if name == "tambon" else fields.get(name)
        f = rtype.field(name)
        if f is not None:  # the clean form: "๔" and 4 are the same moo
            value, issues = coerce(f, value)
            if has_errors(issues):
                params = {k: v for k, v in issues[0].params.items() if k != "field"}
                raise ContractError(issues[0].code, name, **params)
        if value is None or value == "":
            labels = {"label_th": f.th, "label_en": f.en} if f is not None else {}
            raise ContractError("field.required", name, **labels)
        parts.append(normalize_thai(str(value)))
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def is_uuid(value: object) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False
