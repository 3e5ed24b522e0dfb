"""Profiles as the UI and the command line see them: list, create, unlock."""

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


def _open(unlocked: store.UnlockedProfile) -> Workspace:
    database = open_database(unlocked.info.database_path, unlocked.database_key)
    replica = LocalReplica(database, device_id=unlocked.info.device_id,
                           demo=unlocked.info.demo)
    return Workspace(unlocked.info, database, replica)
