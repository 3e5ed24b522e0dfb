"""Possible duplicates of a household being created or edited, for the editor's warning.

A reader connection of its own, like every list call of the workspace; the rules are
in :mod:`desktop.store.duplicates`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from desktop.store.duplicates import PossibleDuplicate
from desktop.store.duplicates import find_possible_duplicates as _find

if TYPE_CHECKING:
    from desktop.services.workspace import Workspace

__all__ = ["PossibleDuplicate", "find_possible_duplicates"]


def find_possible_duplicates(workspace: Workspace, *, tambon: str | None,
                             moo: int | str | None, house_no: str | None,
                             national_ids: Iterable[str | None],
                             exclude_id: str | None = None) -> list[PossibleDuplicate]:
    """Other live households with the same tambon, moo and house number, or with a
    member holding one of ``national_ids`` (as typed: Thai digits, dashes), each once
    with its reasons; never ``exclude_id`` (the household being edited)."""
    with workspace.database.reader.connect() as connection:
        return _find(connection, tambon=tambon, moo=moo, house_no=house_no,
                     national_ids=list(national_ids), exclude_id=exclude_id)
