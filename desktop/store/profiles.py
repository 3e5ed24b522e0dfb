"""Profiles: one user on one machine, each with its own encrypted replica.

A profile is a folder ``<profiles dir>/<name>/`` holding ``profile.json`` (public
facts and the wrapped database keys — nothing readable about households),
``replica.db`` (SQLCipher) and ``files/`` (encrypted attachments).  Several staff
can share a laptop: each profile has its own random key, so none can read another.
A demo profile has no password (its key is stored plainly) and never syncs.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.store import crypto
from desktop.store.errors import StoreError
from sync.records.ids import new_id

PROFILE_FILE = "profile.json"
DATABASE_FILE = "replica.db"
FILES_DIR = "files"
FORMAT = 1
MIN_PASSWORD = 8
DEMO_NAME = "demo"
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


@dataclass(frozen=True)
class ProfileInfo:
    name: str
    display_name: str
    device_id: str
    created_at: str
    demo: bool
    folder: Path

    @property
    def database_path(self) -> Path:
        return self.folder / DATABASE_FILE

    @property
    def files_dir(self) -> Path:
        return self.folder / FILES_DIR


@dataclass(frozen=True)
class UnlockedProfile:
    info: ProfileInfo
    database_key: bytes = field(repr=False)


def _context(name: str) -> bytes:
    return f"porpiang profile {name}".encode("utf-8")


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half."""
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _read_json(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / PROFILE_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError("profile.not_found", "profile", name=folder.name) from None
    except (OSError, ValueError) as exc:
        raise StoreError("profile.damaged", "profile", detail=str(exc)) from exc


def _info(folder: Path, data: dict[str, Any]) -> ProfileInfo:
    return ProfileInfo(data["name"], data.get("display_name") or data["name"],
                       data["device_id"], data["created_at"], bool(data.get("demo")), folder)


def check_name(name: str) -> None:
    if not _NAME.match(name or ""):
        raise StoreError("profile.bad_name", "name")


def create_profile(profiles_dir: Path, name: str, password: str | None, *,
                   display_name: str | None = None, demo: bool = False,
                   kdf: crypto.KdfParams = crypto.KdfParams()) -> tuple[UnlockedProfile, str | None]:
    """Make a profile; returns it unlocked and its recovery key (to show once)."""
    check_name(name)
    if not demo and not password:
        raise StoreError("profile.password_required", "password")
    if not demo and len(password or "") < MIN_PASSWORD:
        raise StoreError("profile.weak_password", "password", min=MIN_PASSWORD)
    folder = profiles_dir / name
    try:
        folder.mkdir(parents=True, exist_ok=False)
    except FileExistsError:
        raise StoreError("profile.exists", "name", name=name) from None
    (folder / FILES_DIR).mkdir()
    key = crypto.new_database_key()
    data: dict[str, Any] = {
        "format": FORMAT, "name": name, "display_name": display_name or name,
        "device_id": new_id(), "demo": demo,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    recovery = None
    if demo:
        data["demo_key"] = key.hex()
    else:
        recovery = crypto.new_recovery_key()
        data["keys"] = _wrapped_keys(name, key, password or "", recovery, kdf)
    _write_json(folder / PROFILE_FILE, data)
    return UnlockedProfile(_info(folder, data), key), recovery


def _wrapped_keys(name: str, key: bytes, password: str, recovery: str,
                  kdf: crypto.KdfParams) -> dict[str, Any]:
    salt = os.urandom(16)
    return {
        "kdf": {"alg": "argon2id", "salt": crypto.b64(salt), **kdf.to_json()},
        "password": crypto.wrap(crypto.password_kek(password, salt, kdf), key, _context(name)),
        "recovery": crypto.wrap(crypto.recovery_kek(recovery), key, _context(name)),
        "recipients": [],
    }


def list_profiles(profiles_dir: Path) -> list[ProfileInfo]:
    if not profiles_dir.is_dir():
        return []
    found = []
    for folder in sorted(profiles_dir.iterdir()):
        if (folder / PROFILE_FILE).is_file():
            found.append(_info(folder, _read_json(folder)))
    return found


def profile_info(profiles_dir: Path, name: str) -> ProfileInfo:
    check_name(name)
    folder = profiles_dir / name
    return _info(folder, _read_json(folder))


def unlock_profile(profiles_dir: Path, name: str, *, password: str | None = None,
                   recovery_key: str | None = None) -> UnlockedProfile:
    """The profile with its database key, from the password or the recovery key."""
    info = profile_info(profiles_dir, name)
    data = _read_json(info.folder)
    if info.demo:
        return UnlockedProfile(info, bytes.fromhex(data["demo_key"]))
    keys = data["keys"]
    if recovery_key:
        kek = crypto.recovery_kek(recovery_key)
        return UnlockedProfile(info, crypto.unwrap(kek, keys["recovery"], _context(name)))
    if not password:
        raise StoreError("profile.password_required", "password")
    kdf = keys["kdf"]
    params = crypto.KdfParams(kdf["time_cost"], kdf["memory_kib"], kdf["parallelism"])
    kek = crypto.password_kek(password, crypto.unb64(kdf["salt"]), params)
    return UnlockedProfile(info, crypto.unwrap(kek, keys["password"], _context(name)))


def change_password(profile: UnlockedProfile, new_password: str, *,
                    kdf: crypto.KdfParams = crypto.KdfParams()) -> None:
    if len(new_password) < MIN_PASSWORD:
        raise StoreError("profile.weak_password", "password", min=MIN_PASSWORD)
    data = _read_json(profile.info.folder)
    salt = os.urandom(16)
    data["keys"]["kdf"] = {"alg": "argon2id", "salt": crypto.b64(salt), **kdf.to_json()}
    data["keys"]["password"] = crypto.wrap(crypto.password_kek(new_password, salt, kdf),
                                           profile.database_key, _context(profile.info.name))
    _write_json(profile.info.folder / PROFILE_FILE, data)


def set_device_id(info: ProfileInfo, device_id: str) -> ProfileInfo:
    """Name the profile's new device id in ``profile.json`` (after its database took a
    new identity, which is the authority: see ``desktop.store.identity``); the ids it
    had before are listed under ``previous_device_ids``."""
    data = _read_json(info.folder)
    if data.get("device_id") == device_id:
        return _info(info.folder, data)
    previous = [d for d in data.get("previous_device_ids") or [] if d != data["device_id"]]
    data["previous_device_ids"] = previous + [data["device_id"]]
    data["device_id"] = device_id
    _write_json(info.folder / PROFILE_FILE, data)
    return _info(info.folder, data)


def add_recipient(profile: UnlockedProfile, public_key: bytes) -> None:
    """Let the holder of an X25519 key (a district supervisor) open this profile."""
    data = _read_json(profile.info.folder)
    recipients = [r for r in data["keys"]["recipients"]
                  if r["recipient"] != crypto.b64(public_key)]
    recipients.append(crypto.wrap_for_recipient(public_key, profile.database_key,
                                                _context(profile.info.name)))
    data["keys"]["recipients"] = recipients
    _write_json(profile.info.folder / PROFILE_FILE, data)


def unlock_as_recipient(profiles_dir: Path, name: str,
                        private_key: X25519PrivateKey) -> UnlockedProfile:
    info = profile_info(profiles_dir, name)
    own = crypto.b64(crypto.raw_public(private_key.public_key()))
    for wrapped in _read_json(info.folder).get("keys", {}).get("recipients", []):
        if wrapped["recipient"] == own:
            key = crypto.unwrap_as_recipient(private_key, wrapped, _context(name))
            return UnlockedProfile(info, key)
    raise StoreError("profile.wrong_secret", "recipient")
