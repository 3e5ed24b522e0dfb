"""PDPA consent as the services keep it: sensitive member data (health, disability)
is saved only for a member with explicit consent to it.

A member's field is *sensitive* when the record contract flags it so
(``Field.sensitive``: vulnerability, disability types, disability card, dependency).
:func:`check_sensitive` refuses a save that gives a sensitive field a value unless a
live ``consent`` row for that member has ``sensitive_consent`` and no withdrawal
date.  Clearing a sensitive field never needs consent.  A new member therefore
saves in three steps: the member without its sensitive fields, its consent, then the
sensitive fields (``desktop/ui/household_writes.py`` does this).

Only this client's services enforce the rule: rows pulled from the server were
judged on the laptop that made them, and a late consent must never stop a pull.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from desktop.store.errors import StoreError
from desktop.store.rows import children, get_record
from sync.records.record import Record
from sync.records.registry import record_type

SENSITIVE_MEMBER_FIELDS: tuple[str, ...] = tuple(
    f.name for f in record_type("member").fields() if f.sensitive)


def gives_value(value: Any) -> bool:
    """Whether a field's change puts something in it (a set change that only removes,
    an empty list or ``None`` does not)."""
    if value is None:
        return False
    if isinstance(value, Mapping):
        return bool(value.get("add"))
    if isinstance(value, (list, tuple, set, frozenset)):
        return bool(value)
    return True


def sensitive_given(fields: Mapping[str, Any]) -> list[str]:
    """The sensitive member fields ``fields`` gives a value, in contract order."""
    return [name for name in SENSITIVE_MEMBER_FIELDS if gives_value(fields.get(name))]


def split_sensitive(fields: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``fields`` as (the rest, the sensitive fields that give a value)."""
    given = set(sensitive_given(fields))
    return ({k: v for k, v in fields.items() if k not in given},
            {k: v for k, v in fields.items() if k in given})


def active_sensitive_consent(connection: Connection, household_id: str,
                             member_id: str) -> Record | None:
    """The member's live consent to sensitive data, if one is recorded and not withdrawn."""
    for consent in children(connection, "consent", "household_id", [household_id]):
        f = consent.fields
        if (f.get("member_id") == member_id and f.get("sensitive_consent")
                and not f.get("withdrawn_date")):
            return consent
    return None


def check_sensitive(connection: Connection, fields: Mapping[str, Any],
                    record_id: str | None) -> None:
    """Refuse (``consent.sensitive_required``, naming the first sensitive field) a
    member save that gives sensitive data without the member's explicit consent."""
    given = sensitive_given(fields)
    if not given:
        return
    member = get_record(connection, "member", record_id) if record_id else None
    household_id = (member.fields.get("household_id") if member is not None
                    else fields.get("household_id"))
    if (member is None or not isinstance(household_id, str)
            or active_sensitive_consent(connection, household_id, member.id) is None):
        raise StoreError("consent.sensitive_required", given[0])
