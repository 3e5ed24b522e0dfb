"""Who may see and change what, judged from areas and stored rows.

An assignment is an area code: a tambon (6 digits), a district (4 digits: all its
tambons) or a province (2 digits: all of its tambons), expanded with ``geothai``.
An administrator's scope is every tambon.

- Records: a user may read a row of a tambon in their scope, and rows of no area
  (programme settings) whatever their role; writing a row of no area is for
  administrators.  The tambon is always the **stored** row's (or, for a child, its
  stored parent's: :func:`sync.server.storage.judged_tambon`), never the client's claim.
- Accounts: an administrator manages everyone; a supervisor manages field workers and
  coordinators who have areas, all of them inside the supervisor's own; nobody else
  manages anyone (each user may read their own account).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import geothai

from sync.records.enums import ROLE
from sync.server.errors import ApiError

FIELD_WORKER, COORDINATOR, SUPERVISOR, ADMIN = ROLE.values
ROLES: tuple[str, ...] = ROLE.values
MANAGERS = frozenset({SUPERVISOR, ADMIN})
SUPERVISED_ROLES = frozenset({FIELD_WORKER, COORDINATOR})


@cache
def all_tambons() -> frozenset[str]:
    return frozenset(s.code for p in geothai.provinces() for d in geothai.districts(p.code)
                     for s in geothai.subdistricts(d.code))


@cache
def _tambons_of_area(code: str) -> frozenset[str] | None:
    if len(code) == 6:
        return frozenset({code}) if geothai.subdistrict(code) else None
    if len(code) == 4:
        found = geothai.subdistricts(code)
    elif len(code) == 2:
        found = [s for d in geothai.districts(code) for s in geothai.subdistricts(d.code)]
    else:
        return None
    return frozenset(s.code for s in found) or None


def expand_area(code: str, *, field: str = "areas") -> frozenset[str]:
    """The tambons of an area code; ``422 area.unknown`` naming ``field`` if unknown."""
    tambons = _tambons_of_area(code) if code.isascii() and code.isdigit() else None
    if tambons is None:
        raise ApiError(422, "area.unknown", field, code=code)
    return tambons


def clean_area_codes(codes: Iterable[str], *, field: str = "areas") -> tuple[str, ...]:
    """Sorted distinct codes, each one known to geothai (or ``422 area.unknown``)."""
    unique = sorted({code.strip() for code in codes})
    for code in unique:
        expand_area(code, field=field)
    return tuple(unique)


def tambons_of_areas(role: str, areas: Iterable[str]) -> frozenset[str]:
    if role == ADMIN:
        return all_tambons()
    found: set[str] = set()
    for code in areas:
        found |= _tambons_of_area(code) or frozenset()
    return frozenset(found)


@dataclass(frozen=True)
class Actor:
    """A signed-in user as the scope rules see them (``device_id`` of the request)."""

    id: str
    role: str
    areas: tuple[str, ...]
    name: str = ""
    device_id: str | None = None

    @cached_property
    def tambons(self) -> frozenset[str]:
        return tambons_of_areas(self.role, self.areas)


def tambons_of(user: Actor) -> frozenset[str]:
    return user.tambons


def row_tambon(row: Any) -> str | None:
    """The tambon of a stored row (a mapping, a SQLAlchemy row or a ``Record``)."""
    if isinstance(row, Mapping):
        return row.get("tambon")
    mapping = getattr(row, "_mapping", None)
    return mapping["tambon"] if mapping is not None else row.tambon


def can_read_tambon(user: Actor, tambon: str | None) -> bool:
    return tambon is None or tambon in user.tambons


def can_write_tambon(user: Actor, tambon: str | None) -> bool:
    return user.role == ADMIN if tambon is None else tambon in user.tambons


def can_read(user: Actor, stored_row: Any) -> bool:
    return can_read_tambon(user, row_tambon(stored_row))


def can_write(user: Actor, stored_row: Any) -> bool:
    return can_write_tambon(user, row_tambon(stored_row))


def manages(actor: Actor, role: str, areas: Iterable[str]) -> bool:
    """Whether ``actor`` may manage an account of ``role`` assigned to ``areas``."""
    if actor.role == ADMIN:
        return True
    if actor.role != SUPERVISOR or role not in SUPERVISED_ROLES:
        return False
    codes = tuple(areas)
    return bool(codes) and tambons_of_areas(role, codes) <= actor.tambons


def check_grant(actor: Actor, role: str, areas: tuple[str, ...]) -> None:
    """Refuse (403, naming the field) a role or areas that ``actor`` may not give."""
    if actor.role == ADMIN:
        return
    if actor.role != SUPERVISOR:
        raise ApiError(403, "auth.forbidden", role=actor.role)
    if role not in SUPERVISED_ROLES:
        raise ApiError(403, "scope.role", "role", role=role)
    for code in areas:
        if not expand_area(code) <= actor.tambons:
            raise ApiError(403, "scope.out_of_area", "areas", area=code)
