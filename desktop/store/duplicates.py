"""Possible duplicate households: the warning shown while a household is created.

Another live household is a possible duplicate when it has the same tambon, moo and
house number (house numbers in their stored form: Thai digits as Arabic, spaces
around "/" removed — what ``parse_house_no`` makes of what was typed), or when one of
its live members holds one of the given national IDs (13 digits, what
``parse_national_id`` makes of what was typed).

Both are indexed lookups over the household list index: the address through its
(tambon, moo, …) index, the IDs through the FTS5 trigram table over the searched text
(which holds every live member's ID) — then confirmed on the member rows, by their
household index.  Deleted households have no index row and deleted members are in
neither the searched text nor the confirmation, so neither ever matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, Row, column, select, text, true

from desktop.store.schema import RECORDS, household_index
from sync.records.thai import (
    normalize_thai,
    parse_house_no,
    parse_moo,
    parse_national_id,
    to_ascii_digits,
)

HOUSE_NO = "house_no"  # a reason: same tambon, moo and house number
NATIONAL_ID = "national_id"  # a reason: a member holds one of the given IDs


@dataclass(frozen=True)
class PossibleDuplicate:
    """Another household the one being edited may be: enough to show it and open it."""

    household_id: str
    head_name: str  # as the household list shows it
    house_no: str | None
    moo: int | None
    tambon: str | None
    same_address: bool  # same tambon, moo and house number
    national_ids: tuple[str, ...]  # the given IDs one of its live members holds

    @property
    def reasons(self) -> tuple[str, ...]:
        """``"house_no"`` and/or ``"national_id"``, in that order."""
        reasons = (HOUSE_NO,) if self.same_address else ()
        return reasons + ((NATIONAL_ID,) if self.national_ids else ())


def house_no_key(typed: str | None) -> str | None:
    """A house number as stored (``"๑๒ / ๓"`` -> ``"12/3"``); ``None`` when blank."""
    cleaned = to_ascii_digits(normalize_thai(typed or ""))
    if not cleaned:
        return None
    parsed, _ = parse_house_no(cleaned)
    return parsed or cleaned


def moo_key(typed: int | str | None) -> int | None:
    """A moo as stored (``"๓"``, ``"หมู่ 3"`` -> 3); ``None`` when blank or not a moo."""
    if typed is None or typed == "":
        return None
    moo, _ = parse_moo(typed)
    return moo


def national_id_keys(typed: Iterable[str | None]) -> tuple[str, ...]:
    """The valid IDs among ``typed`` as stored (13 ASCII digits), once each, in order."""
    keys: dict[str, None] = {}
    for value in typed:
        parsed, _ = parse_national_id(value or "")
        if parsed is not None:
            keys[parsed] = None
    return tuple(keys)


_COLUMNS = (household_index.c.household_id, household_index.c.head_name,
            household_index.c.house_no, household_index.c.moo, household_index.c.tambon,
            household_index.c.sort_key)


def _not_excluded(exclude_id: str | None):
    return household_index.c.household_id != exclude_id if exclude_id else true()


def _same_address(connection: Connection, tambon: str | None, moo: int | None,
                  house_no: str | None, exclude_id: str | None) -> list[Row]:
    """Index rows at the same address (tambon, moo and house number all given)."""
    if not (tambon and moo is not None and house_no):
        return []
    hi = household_index.c
    return list(connection.execute(select(*_COLUMNS).where(
        hi.tambon == tambon, hi.moo == moo, hi.house_no == house_no,
        _not_excluded(exclude_id))))


def _fts_any(national_ids: tuple[str, ...]) -> str:
    return " OR ".join(f'"{national_id}"' for national_id in national_ids)


def _holding_ids(connection: Connection, national_ids: tuple[str, ...],
                 exclude_id: str | None) -> dict[str, tuple[Row, tuple[str, ...]]]:
    """Index rows of households whose live members hold any of ``national_ids``, with
    the IDs each holds: candidates from the trigram table, confirmed on the members."""
    if not national_ids:
        return {}
    matching = text("SELECT rowid FROM household_fts WHERE household_fts MATCH :q")
    candidates = {row.household_id: row for row in connection.execute(
        select(*_COLUMNS).where(household_index.c.row.in_(
            matching.bindparams(q=_fts_any(national_ids)).columns(column("rowid", Integer))),
            _not_excluded(exclude_id)))}
    if not candidates:
        return {}
    member = RECORDS["member"]
    held: dict[str, set[str]] = {}
    for household_id, national_id in connection.execute(
            select(member.c.household_id, member.c.national_id).where(
                member.c.household_id.in_(list(candidates)),
                member.c.national_id.in_(national_ids), member.c.deleted.is_(False))):
        held.setdefault(household_id, set()).add(national_id)
    return {h: (candidates[h], tuple(i for i in national_ids if i in ids))
            for h, ids in held.items()}


def find_possible_duplicates(connection: Connection, *, tambon: str | None,
                             moo: int | str | None, house_no: str | None,
                             national_ids: Iterable[str | None],
                             exclude_id: str | None = None) -> list[PossibleDuplicate]:
    """Other live households that may be the one being edited (``exclude_id``), each
    once with every reason it matched, in the list's Thai order of the head's name.

    Values may be as typed: Thai digits, spaces, dashes in IDs.  An address matches
    only when tambon, moo and house number are all given; invalid IDs match nothing.
    """
    address = _same_address(connection, tambon, moo_key(moo), house_no_key(house_no),
                            exclude_id)
    holding = _holding_ids(connection, national_id_keys(national_ids), exclude_id)
    rows = {row.household_id: row for row in address}
    rows.update((h, row) for h, (row, _) in holding.items())
    same = {row.household_id for row in address}
    ordered = sorted(rows.values(), key=lambda r: (r.sort_key, r.household_id))
    return [PossibleDuplicate(
        household_id=row.household_id, head_name=row.head_name or "",
        house_no=row.house_no, moo=row.moo, tambon=row.tambon,
        same_address=row.household_id in same,
        national_ids=holding[row.household_id][1] if row.household_id in holding else ())
        for row in ordered]
