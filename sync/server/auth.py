"""Login, lockout after failed logins, and the bearer token of every other route.

Lockout (per username, whether or not it exists, so answers never tell which
usernames exist): ``LoginPolicy.max_failures`` failures (5) within
``window_minutes`` (15) lock the username for ``lock_minutes`` (15); while locked
every login — even with the right password — is ``429 auth.locked`` with
``Retry-After``.  A successful login clears the count.  Passwords are checked
outside any transaction (argon2 is slow on purpose); the outcome is written after.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from sync.server import accounts, devices
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.meta import server_public_key
from sync.server.models import LoginThrottle, User, utcnow
from sync.server.passwords import Passwords
from sync.server.scopes import Actor
from sync.server.settings import LoginPolicy


@dataclass(frozen=True)
class LoginRequest:
    username: str
    password: str
    device_id: str
    device_name: str
    keys: devices.PublicKeys


def _lock_error(locked_until: Any) -> ApiError:
    seconds = max(1, math.ceil((locked_until - utcnow()).total_seconds()))
    return ApiError(429, "auth.locked", headers={"Retry-After": str(seconds)},
                    minutes=math.ceil(seconds / 60))


def _check_not_locked(session: Session, username: str) -> None:
    throttle = session.get(LoginThrottle, username)
    if throttle and throttle.locked_until and throttle.locked_until > utcnow():
        raise _lock_error(throttle.locked_until)


def _count_failure(session: Session, username: str, policy: LoginPolicy) -> LoginThrottle:
    now = utcnow()
    throttle = session.get(LoginThrottle, username, with_for_update=True)
    stale = throttle is None or now - throttle.first_failure_at > timedelta(
        minutes=policy.window_minutes) or (throttle.locked_until is not None
                                          and throttle.locked_until <= now)
    if throttle is None:
        throttle = LoginThrottle(username=username, failures=0, first_failure_at=now)
    if stale:
        throttle.failures, throttle.first_failure_at, throttle.locked_until = 0, now, None
    throttle.failures += 1
    if throttle.failures >= policy.max_failures:
        throttle.locked_until = now + timedelta(minutes=policy.lock_minutes)
    session.add(throttle)
    return throttle


def record_failure(db: Database, username: str, policy: LoginPolicy) -> None:
    """Count a failed login (retried once if a concurrent first failure won the insert)."""
    for attempt in range(2):
        try:
            with db.writing() as session:
                _count_failure(session, username, policy)
            return
        except IntegrityError:
            if attempt:
                raise


def _complete_login(session: Session, passwords: Passwords, user: User, password: str,
                    request: LoginRequest) -> dict[str, Any]:
    throttle = session.get(LoginThrottle, user.username)
    if throttle is not None:
        session.delete(throttle)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hasher.hash(password)
        session.add(user)
    device = devices.register_device(session, user_id=user.id, device_id=request.device_id,
                                     name=request.device_name, keys=request.keys)
    token = devices.issue_token(session, device)
    view = accounts.view_of(session, user)
    return {"token": token, "user": view.summary(), "server_key": server_public_key(session)}


def login(db: Database, passwords: Passwords, policy: LoginPolicy,
          request: LoginRequest) -> dict[str, Any]:
    """The login answer ``{token, user, server_key}``, or a coded refusal."""
    username = request.username.strip().lower()
    with db.reading() as session:
        _check_not_locked(session, username)
        user = accounts.find_user(session, username=username)
        stored_hash = user.password_hash if user is not None else None
    if user is None or not passwords.verify(stored_hash, request.password):
        record_failure(db, username, policy)
        raise ApiError(401, "auth.bad_credentials")
    if not user.active:
        raise ApiError(401, "auth.user_inactive")
    with db.writing() as session:
        _check_not_locked(session, username)
        fresh = session.get(User, user.id)
        if fresh is None or not fresh.active or fresh.password_hash != stored_hash:
            raise ApiError(401, "auth.bad_credentials")
        return _complete_login(session, passwords, fresh, request.password, request)


def actor_for_token(session: Session, token: str) -> Actor:
    """The user and device a bearer token stands for, or a ``401`` coded refusal."""
    device = devices.device_by_token(session, token)
    if device is None:
        raise ApiError(401, "auth.invalid_token", headers={"WWW-Authenticate": "Bearer"})
    if device.revoked_at is not None:
        raise ApiError(401, "auth.device_revoked", headers={"WWW-Authenticate": "Bearer"})
    user = session.get(User, device.user_id)
    if user is None or not user.active:
        raise ApiError(401, "auth.user_inactive", headers={"WWW-Authenticate": "Bearer"})
    return accounts.view_of(session, user).as_actor(device.id)
