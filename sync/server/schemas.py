"""Request and answer bodies of the API (pydantic), as ``/openapi.json`` shows them.

Request bodies refuse unknown fields and values of the wrong JSON type (no "1" for
1, no 1 for true); FastAPI's validation errors become coded errors naming the field
(:func:`sync.server.errors.validation_error`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from sync.server.scopes import ROLES

RoleName = StrEnum("RoleName", {value: value for value in ROLES})  # type: ignore[misc]

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL


def text(min_length: int, max_length: int) -> type[str]:
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length,
                                            pattern=NO_NUL)]  # type: ignore[return-value]


DeviceId = Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
AreaCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}([0-9]{2}([0-9]{2})?)?$")]
Username = text(1, 64)
Password = text(1, 1024)
PersonName = text(1, 200)
PublicKey = text(1, 64)
LoginName = text(1, 256)
Areas = Annotated[list[AreaCode], Field(max_length=500)]


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PublicKeysIn(RequestBody):
    ed25519: PublicKey
    x25519: PublicKey


class LoginIn(RequestBody):
    username: LoginName
    password: Password
    device_id: DeviceId
    device_name: PersonName
    public_keys: PublicKeysIn


class UserSummary(BaseModel):
    id: str
    name: str
    role: RoleName
    areas: list[str]


class LoginOut(BaseModel):
    token: str
    user: UserSummary
    server_key: str = Field(description="the server's Ed25519 public key (URL-safe base64)")


class UserOut(UserSummary):
    username: str
    active: bool
    created_at: datetime
    updated_at: datetime


class MeOut(UserOut):
    device_id: str | None


class UserCreateIn(RequestBody):
    username: Username
    name: PersonName
    role: RoleName
    areas: Areas = []
    password: Password


class UserUpdateIn(RequestBody):
    """Only the fields given change; ``null`` is refused (leave a field out instead)."""

    name: PersonName = None  # type: ignore[assignment]
    role: RoleName = None  # type: ignore[assignment]
    areas: Areas = None  # type: ignore[assignment]
    active: StrictBool = None  # type: ignore[assignment]


class PasswordIn(RequestBody):
    password: Password


class PublicKeysOut(BaseModel):
    ed25519: str
    x25519: str


class DeviceOut(BaseModel):
    id: str
    user_id: str
    name: str
    public_keys: PublicKeysOut
    created_at: datetime
    last_login_at: datetime
    revoked_at: datetime | None
    revoked: bool
    copied_at: datetime | None = Field(
        description="when an op arrived with a device_seq this device id had already "
                    "used for another op (a copied profile); null otherwise")
    new_device_id_required: bool = Field(
        description="hello tells the device to take a new device id (copied profile)")
    clock_clamped_count: int = Field(
        description="ops whose hlc ran more than 5 minutes ahead of the server's clock")
    clock_clamped_at: datetime | None = Field(
        description="when the last such op was received")
    clock_ahead_ms: int | None = Field(
        description="how far ahead of the server's clock the last such op's hlc was (ms)")


class HealthOut(BaseModel):
    status: str
    protocol: int
    schema_version: int
