"""Devices: list and revoke (a lost laptop), within the actor's scope.

A device is in scope when the actor manages its user; others answer ``404
device.not_found`` and never appear in a list.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from sync.records.ids import is_uuid
from sync.server import accounts, devices
from sync.server.api.deps import DbDep, ManagerDep
from sync.server.errors import ApiError
from sync.server.models import Device
from sync.server.schemas import DeviceOut
from sync.server.scopes import Actor, manages

router = APIRouter(prefix="/devices", tags=["devices"])


def managed_user_ids(session: Session, actor: Actor) -> list[str]:
    return [u.id for u in accounts.list_users(session) if manages(actor, u.role, u.areas)]


def managed_device(session: Session, actor: Actor, device_id: str) -> Device:
    device = session.get(Device, device_id) if is_uuid(device_id) else None
    if device is None or device.user_id not in managed_user_ids(session, actor):
        raise ApiError(404, "device.not_found")
    return device


@router.get("", response_model=list[DeviceOut])
def list_devices(actor: ManagerDep, db: DbDep) -> list[dict[str, Any]]:
    """Devices of the users the actor manages, oldest first."""
    with db.reading() as session:
        owners = managed_user_ids(session, actor)
        return [devices.device_json(d) for d in devices.devices_of(session, owners)]


@router.get("/{device_id}", response_model=DeviceOut)
def get_device(device_id: str, actor: ManagerDep, db: DbDep) -> dict[str, Any]:
    with db.reading() as session:
        return devices.device_json(managed_device(session, actor, device_id))


@router.post("/{device_id}/revoke", response_model=DeviceOut)
def revoke_device(device_id: str, actor: ManagerDep, db: DbDep) -> dict[str, Any]:
    """Revoke for good: the token answers ``401 auth.device_revoked`` from now on."""
    with db.writing() as session:
        device = managed_device(session, actor, device_id)
        return devices.device_json(devices.revoke_device(session, device, revoked_by=actor.id))
