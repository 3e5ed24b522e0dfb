"""Enrol a laptop with a server: a new profile, logged in, or nothing at all.

:func:`enrol` creates the profile, unlocks it and logs in with
``SyncService.login``.  When the login fails (no network, a wrong server password,
a locked account) the profile it just made is closed and its folder removed, so a
failed enrolment leaves no profile behind and the same name can be used again at
once.  Nothing was written into that profile but its empty database.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any

from requests.adapters import BaseAdapter

from desktop.services.models import CreatedProfile
from desktop.services.profiles import ProfileService
from desktop.services.sync import SyncService
from desktop.services.workspace import ServiceError, Workspace


class LoginRefused(ServiceError):
    """The server or the network refused the login; the new profile was removed.

    ``issue.field`` is the server's field when it named one (``username``,
    ``password``), otherwise None."""


@dataclass
class Enrolment:
    created: CreatedProfile  # its recovery key is shown once
    workspace: Workspace  # open, logged in
    user: dict[str, Any]  # as the server named the user: id, name, role, areas


def enrol(service: ProfileService, name: str, password: str, *, server: str,
          username: str, server_password: str, display_name: str | None = None,
          adapter: BaseAdapter | None = None, timeout: float = 30.0) -> Enrolment:
    """A new profile ``name`` logged in to ``server`` as ``username``.

    Raises the profile's own ``ServiceError`` (bad name, weak password, name taken)
    before anything is made, or :class:`LoginRefused` after removing the profile."""
    created = service.create_profile(name, password, display_name=display_name)
    workspace = service.unlock(name, password=password)
    try:
        user = SyncService(workspace, adapter=adapter, timeout=timeout).login(
            server, username, server_password)
    except ServiceError as error:
        _remove(workspace)
        refused = LoginRefused.from_issue(error.issue)
        params = getattr(error.__cause__, "params", None)  # the transport's, e.g. minutes
        if params:
            refused.issue = type(error.issue)(error.issue.code, error.issue.field,
                                              dict(params))
        raise refused from error
    except BaseException:
        _remove(workspace)
        raise
    return Enrolment(created, workspace, user)


def _remove(workspace: Workspace) -> None:
    """Close the profile just made and delete its folder."""
    folder = workspace.profile.folder
    workspace.close()
    shutil.rmtree(folder, ignore_errors=True)
