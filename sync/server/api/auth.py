"""Login, logout and the signed-in user's own account."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from sync.server import accounts, auth, devices
from sync.server.api.deps import ActorDep, DbDep, PasswordsDep, SettingsDep
from sync.server.errors import ApiError
from sync.server.models import Device, User
from sync.server.schemas import LoginIn, LoginOut, MeOut

router = APIRouter(tags=["auth"])


@router.post("/auth/login", response_model=LoginOut)
def login(body: LoginIn, db: DbDep, passwords: PasswordsDep,
          settings: SettingsDep) -> dict[str, Any]:
    """Check the password, register the device and its public keys, issue a token.

    Refusals: ``401 auth.bad_credentials``, ``401 auth.user_inactive``, ``429
    auth.locked`` (with ``Retry-After``), ``403 auth.device_revoked``, ``409
    device.taken``, ``409 device.key_mismatch``, ``422 device.bad_key``.
    """
    request = auth.LoginRequest(
        username=body.username, password=body.password, device_id=body.device_id,
        device_name=body.device_name,
        keys=devices.PublicKeys(body.public_keys.ed25519, body.public_keys.x25519),
    )
    return auth.login(db, passwords, settings.login, request)


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(actor: ActorDep, db: DbDep) -> None:
    """Forget this device's token (the device stays registered)."""
    with db.writing() as session:
        device = session.get(Device, actor.device_id)
        if device is not None:
            devices.forget_token(session, device)


@router.get("/me", response_model=MeOut)
def me(actor: ActorDep, db: DbDep) -> dict[str, Any]:
    """The signed-in user's own account, and the device of this token."""
    with db.reading() as session:
        user = session.get(User, actor.id)
        if user is None:
            raise ApiError(401, "auth.invalid_token")
        return {**accounts.view_of(session, user).detail(), "device_id": actor.device_id}
