"""Accounts: users, their roles and area assignments.

Plain functions over a session, keyword-only, used by the API routes (after the
scope checks of :mod:`sync.server.scopes`) and by the ``porpiang-server user``
commands (which act with full rights, before any user exists if need be).  Every
change is journalled (:func:`sync.server.journal.record_account`) when the database
has a journal attached, so a restore brings it back in order.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from sync.records.thai import normalize_thai
from sync.server import journal
from sync.server.errors import ApiError
from sync.server.models import User, UserArea, utcnow
from sync.server.passwords import Passwords
from sync.server.scopes import ADMIN, ROLES, Actor, clean_area_codes

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


@dataclass(frozen=True)
class UserView:
    """A user as answers show them (never the password hash)."""

    id: str
    username: str
    name: str
    role: str
    areas: tuple[str, ...]
    active: bool
    created_at: datetime
    updated_at: datetime

    def as_actor(self, device_id: str | None = None) -> Actor:
        return Actor(self.id, self.role, self.areas, self.name, device_id)

    def summary(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role, "areas": list(self.areas)}

    def detail(self) -> dict[str, Any]:
        return {**self.summary(), "username": self.username, "active": self.active,
                "created_at": self.created_at, "updated_at": self.updated_at}


def normalise_username(text: str) -> str:
    """Lower case, trimmed; ``422 user.bad_username`` unless it fits :data:`USERNAME`."""
    username = text.strip().lower()
    if not USERNAME.match(username):
        raise ApiError(422, "user.bad_username", "username")
    return username


def clean_name(text: str) -> str:
    name = normalize_thai(text).strip()
    if not 1 <= len(name) <= 200:
        raise ApiError(422, "request.invalid_value", "name")
    return name


def check_assignment(role: str, areas: Sequence[str]) -> None:
    if role not in ROLES:
        raise ApiError(422, "request.invalid_value", "role")
    if role != ADMIN and not areas:
        raise ApiError(422, "user.areas_required", "areas")


def areas_of(session: Session, user_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    ids = list(user_ids)
    found: dict[str, list[str]] = {user_id: [] for user_id in ids}
    rows = session.exec(select(UserArea).where(col(UserArea.user_id).in_(ids))) if ids else []
    for row in rows:
        found[row.user_id].append(row.code)
    return {user_id: tuple(sorted(codes)) for user_id, codes in found.items()}


def view_of(session: Session, user: User) -> UserView:
    return _view(user, areas_of(session, [user.id])[user.id])


def _view(user: User, areas: tuple[str, ...]) -> UserView:
    return UserView(user.id, user.username, user.name, user.role, areas, user.active,
                    user.created_at, user.updated_at)


def list_users(session: Session) -> list[UserView]:
    users = session.exec(select(User).order_by(col(User.username))).all()
    areas = areas_of(session, (u.id for u in users))
    return [_view(u, areas[u.id]) for u in users]


def find_user(session: Session, *, user_id: str | None = None,
              username: str | None = None) -> User | None:
    if user_id is not None:
        return session.get(User, user_id)
    statement = select(User).where(User.username == (username or "").strip().lower())
    return session.exec(statement).first()


def _set_areas(session: Session, user_id: str, areas: Sequence[str]) -> None:
    session.execute(delete(UserArea).where(col(UserArea.user_id) == user_id))
    session.add_all(UserArea(user_id=user_id, code=code) for code in areas)


def create_user(session: Session, passwords: Passwords, *, username: str, name: str,
                role: str, areas: Iterable[str], password: str) -> UserView:
    username, name = normalise_username(username), clean_name(name)
    codes = clean_area_codes(areas)
    check_assignment(role, codes)
    if find_user(session, username=username) is not None:
        raise ApiError(409, "user.exists", "username", username=username)
    now = utcnow()
    user = User(id=str(uuid.uuid4()), username=username, name=name, role=role,
                password_hash=passwords.hash(password), active=True,
                created_at=now, updated_at=now)
    session.add(user)
    session.flush()
    _set_areas(session, user.id, codes)
    session.flush()
    journal.record_account(session, user, codes)
    return _view(user, codes)


def active_admins(session: Session) -> int:
    statement = select(func.count()).select_from(User).where(
        User.role == ADMIN, col(User.active).is_(True))
    return int(session.exec(statement).one())


def update_user(session: Session, user: User, *, name: str | None = None,
                role: str | None = None, areas: Iterable[str] | None = None,
                active: bool | None = None) -> UserView:
    """Change what is given; ``409 user.last_admin`` if no active administrator would remain."""
    current = view_of(session, user)
    codes = clean_area_codes(areas) if areas is not None else current.areas
    new_role = role if role is not None else user.role
    check_assignment(new_role, codes)
    stays_admin = new_role == ADMIN and (active if active is not None else user.active)
    if user.role == ADMIN and user.active and not stays_admin and active_admins(session) <= 1:
        raise ApiError(409, "user.last_admin", "role" if role is not None else "active")
    user.name = clean_name(name) if name is not None else user.name
    user.role, user.updated_at = new_role, utcnow()
    user.active = active if active is not None else user.active
    session.add(user)
    if areas is not None:
        _set_areas(session, user.id, codes)
    session.flush()
    journal.record_account(session, user, codes)
    return _view(user, codes)


def set_password(session: Session, passwords: Passwords, user: User, password: str) -> None:
    user.password_hash = passwords.hash(password)
    user.updated_at = utcnow()
    session.add(user)
    session.flush()
    journal.record_account(session, user, view_of(session, user).areas)
