"""Accounts: administrators everywhere, supervisors within their own areas.

A user outside the actor's scope answers ``404 user.not_found``, exactly as a user
that does not exist, and never appears in a list.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status
from sqlmodel import Session

from sync.records.ids import is_uuid
from sync.server import accounts
from sync.server.api.deps import DbDep, ManagerDep, PasswordsDep
from sync.server.errors import ApiError
from sync.server.models import User
from sync.server.schemas import PasswordIn, UserCreateIn, UserOut, UserUpdateIn
from sync.server.scopes import Actor, check_grant, clean_area_codes, manages

router = APIRouter(prefix="/users", tags=["users"])


def managed_user(session: Session, actor: Actor, user_id: str) -> User:
    user = session.get(User, user_id) if is_uuid(user_id) else None
    if user is None or not manages(actor, user.role, accounts.view_of(session, user).areas):
        raise ApiError(404, "user.not_found")
    return user


@router.get("", response_model=list[UserOut])
def list_users(actor: ManagerDep, db: DbDep) -> list[dict[str, Any]]:
    """The users the actor manages, by username."""
    with db.reading() as session:
        return [u.detail() for u in accounts.list_users(session)
                if manages(actor, u.role, u.areas)]


@router.post("", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreateIn, actor: ManagerDep, db: DbDep,
                passwords: PasswordsDep) -> dict[str, Any]:
    """A new user; a supervisor may create field workers and coordinators in their areas."""
    areas = clean_area_codes(body.areas)
    check_grant(actor, body.role.value, areas)
    with db.writing() as session:
        view = accounts.create_user(session, passwords, username=body.username, name=body.name,
                                    role=body.role.value, areas=areas, password=body.password)
    return view.detail()


@router.get("/{user_id}", response_model=UserOut)
def get_user(user_id: str, actor: ManagerDep, db: DbDep) -> dict[str, Any]:
    with db.reading() as session:
        return accounts.view_of(session, managed_user(session, actor, user_id)).detail()


@router.patch("/{user_id}", response_model=UserOut)
def update_user(user_id: str, body: UserUpdateIn, actor: ManagerDep,
                db: DbDep) -> dict[str, Any]:
    """Change the name, role, areas or ``active`` (false deactivates: tokens stop working)."""
    with db.writing() as session:
        user = managed_user(session, actor, user_id)
        current = accounts.view_of(session, user)
        areas = clean_area_codes(body.areas) if body.areas is not None else None
        role = body.role.value if body.role is not None else None
        check_grant(actor, role or current.role, areas if areas is not None else current.areas)
        view = accounts.update_user(session, user, name=body.name, role=role,
                                    areas=areas, active=body.active)
    return view.detail()


@router.post("/{user_id}/password", status_code=status.HTTP_204_NO_CONTENT)
def reset_password(user_id: str, body: PasswordIn, actor: ManagerDep, db: DbDep,
                   passwords: PasswordsDep) -> None:
    """Set a new password (the user's devices keep their tokens)."""
    passwords.check_length(body.password)
    with db.writing() as session:
        accounts.set_password(session, passwords, managed_user(session, actor, user_id),
                              body.password)
