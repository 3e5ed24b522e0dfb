"""FastAPI dependencies: the database, the settings, the signed-in actor."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.server.auth import actor_for_token
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.passwords import Passwords
from sync.server.scopes import MANAGERS, Actor
from sync.server.settings import ServerSettings

bearer = HTTPBearer(auto_error=False, description="the token from POST /api/v1/auth/login")


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings


def get_passwords(request: Request) -> Passwords:
    return request.app.state.passwords


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
PasswordsDep = Annotated[Passwords, Depends(get_passwords)]


def current_actor(request: Request, db: DbDep,
                  credentials: Annotated[HTTPAuthorizationCredentials | None,
                                         Depends(bearer)]) -> Actor:
    """The user of the bearer token (``401`` coded refusals otherwise)."""
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "auth.required", headers={"WWW-Authenticate": "Bearer"})
    with db.reading() as session:
        actor = actor_for_token(session, credentials.credentials)
    request.state.user_id = actor.id
    return actor


ActorDep = Annotated[Actor, Depends(current_actor)]


def current_manager(actor: ActorDep) -> Actor:
    """An administrator or a supervisor; ``403 auth.forbidden`` for anyone else."""
    if actor.role not in MANAGERS:
        raise ApiError(403, "auth.forbidden", role=actor.role)
    return actor


ManagerDep = Annotated[Actor, Depends(current_manager)]
