"""Profiles as the UI and the command line see them: list, create, unlock, and take a
new device identity.

**A new incarnation** (:func:`new_incarnation`): a profile whose folder was copied to
another machine (the server's ``hello`` says ``new_device_id_required``), whose
device was revoked, or that was restored from a backup or copied back onto a
re-installed laptop takes a new device id and new keys before it makes another op
— a restored copy would otherwise reuse ``device_seq`` values its original already
sent.  Ops of the old id stay valid (acknowledged ones are kept; pending ones are
pushed unchanged, relayed by the new id).  The new identity registers with the
server at the next login (``SyncService.login``: the server password is asked
again).  A profile backup/restore path must call :func:`new_incarnation` on the
restored profile before it is used (reason ``restored``).
"""

from __future__ import annotations

from pathlib import Path

from desktop.services.models import CreatedProfile, ProfileSummary
from desktop.services.workspace import Workspace
from desktop.store import profiles as store
from desktop.store.crypto import KdfParams
from desktop.store.engine import open_database
from desktop.store.replica import LocalReplica

DEMO_PROFILE = store.DEMO_NAME


def _summary(info: store.ProfileInfo) -> ProfileSummary:
    return ProfileSummary(info.name, info.display_name, info.demo, info.created_at)


class ProfileService:
    """The profiles of one data folder."""

    def __init__(self, profiles_dir: Path, *, kdf: KdfParams = KdfParams()) -> None:
        self.profiles_dir = profiles_dir
        self.kdf = kdf

    def list_profiles(self) -> list[ProfileSummary]:
        return [_summary(info) for info in store.list_profiles(self.profiles_dir)]

    def create_profile(self, name: str, password: str, *,
                       display_name: str | None = None) -> CreatedProfile:
        """A new profile with its empty, migrated database; the recovery key is shown once."""
        unlocked, recovery = store.create_profile(self.profiles_dir, name, password,
                                                  display_name=display_name, kdf=self.kdf)
        _open(unlocked).close()
        return CreatedProfile(_summary(unlocked.info), recovery)

    def create_demo_profile(self, name: str = DEMO_PROFILE) -> ProfileSummary:
        unlocked, _ = store.create_profile(self.profiles_dir, name, None, demo=True,
                                           display_name="สาธิต (Demo)")
        workspace = _open(unlocked)
        workspace.set_role("coordinator")
        workspace.close()
        return _summary(unlocked.info)

    def unlock(self, name: str, *, password: str | None = None,
               recovery_key: str | None = None) -> Workspace:
        unlocked = store.unlock_profile(self.profiles_dir, name, password=password,
                                        recovery_key=recovery_key)
        return _open(unlocked)

    def new_incarnation(self, workspace: Workspace, *, reason: str = "restored") -> str:
        """Give an unlocked profile a new device identity; see :func:`new_incarnation`."""
        return new_incarnation(workspace, reason=reason)


def new_incarnation(workspace: Workspace, *, reason: str) -> str:
    """The profile takes a new device id and keys (its database first, which is the
    authority, then ``profile.json``); returns the new device id.  It must log in
    again before it syncs."""
    identity = workspace.replica.new_incarnation(reason=reason)
    workspace.profile = store.set_device_id(workspace.profile, identity.device_id)
    return identity.device_id


def _open(unlocked: store.UnlockedProfile) -> Workspace:
    database = open_database(unlocked.info.database_path, unlocked.database_key)
    replica = LocalReplica(database, device_id=unlocked.info.device_id,
                           demo=unlocked.info.demo)
    info = unlocked.info
    if replica.device_id != info.device_id:  # a new identity whose profile.json lagged
        info = store.set_device_id(info, replica.device_id)
    return Workspace(info, database, replica)
