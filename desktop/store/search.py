"""Household search, filters, Thai sort and paging over the household index.

Substrings of three characters or more go through the FTS5 trigram table; one or
two characters scan the narrow text table with ``LIKE`` (a trigram index cannot
answer them; Thai has no letter case, and Latin names match case-insensitively).  Thai digits are searched as Arabic digits, and a typed national ID may
keep its dashes.  Order is Thai dictionary order from the stored sort key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, Select, and_, column, func, select, text, true, tuple_

from desktop.store.household_index import VULNERABILITY_BITS
from desktop.store.schema import household_index, household_text
from sync.records.thai import normalize_thai, to_ascii_digits

_ID_LIKE = re.compile(r"^[0-9\s\-]+$")
FTS_MIN = 3


@dataclass(frozen=True)
class HouseholdFilter:
    query: str = ""
    tambon: str | None = None
    moo: int | None = None
    state: str | None = None  # a case state; "none" for households without a project
    vulnerability: str | None = None
    conflict: bool | None = None
    pending: bool | None = None


@dataclass(frozen=True)
class HouseholdRow:
    household_id: str
    tambon: str | None
    moo: int | None
    house_no: str | None
    head_name: str
    state: str | None
    member_count: int
    vulnerabilities: tuple[str, ...]
    conflict: bool
    pending: bool
    photo_pending: bool
    sort_key: str  # with household_id: where the next page starts (keyset paging)


def search_term(query: str) -> str:
    """The text actually searched for: normalised, digits Arabic, ID dashes dropped."""
    term = to_ascii_digits(normalize_thai(query))
    if _ID_LIKE.match(term) and any(ch.isdigit() for ch in term):
        term = re.sub(r"[\s\-]", "", term)
    return term


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _filtered(columns: list, flt: HouseholdFilter) -> Select:
    hi = household_index.c
    conditions = []
    if flt.tambon:
        conditions.append(hi.tambon == flt.tambon)
    if flt.moo is not None:
        conditions.append(hi.moo == flt.moo)
    if flt.state == "none":
        conditions.append(hi.state.is_(None))
    elif flt.state:
        conditions.append(hi.state == flt.state)
    if flt.vulnerability:
        conditions.append(hi.vuln_mask.op("&")(VULNERABILITY_BITS[flt.vulnerability]) != 0)
    if flt.conflict is not None:
        conditions.append(hi.conflict.is_(flt.conflict))
    if flt.pending is not None:
        conditions.append(hi.pending.is_(flt.pending))
    term = search_term(flt.query)
    source = household_index
    if len(term) >= FTS_MIN:
        matching = text("SELECT rowid FROM household_fts WHERE household_fts MATCH :q")
        conditions.append(hi.row.in_(
            matching.bindparams(q=_fts_phrase(term)).columns(column("rowid", Integer))))
    elif term:  # joined, so the sorted walk stops after one page
        source = household_index.join(household_text, household_text.c.row == hi.row)
        conditions.append(household_text.c.text.like(f"%{_escape_like(term)}%", escape="\\"))
    return select(*columns).select_from(source).where(and_(true(), *conditions))


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def count_households(connection: Connection, flt: HouseholdFilter) -> int:
    term = search_term(flt.query)
    if 0 < len(term) < FTS_MIN and flt == HouseholdFilter(query=flt.query):
        # Typing in the search box with no filter: count on the narrow table alone
        # (half the time of the join; every household has exactly one text row).
        return connection.execute(select(func.count()).select_from(household_text).where(
            household_text.c.text.like(f"%{_escape_like(term)}%", escape="\\"))).scalar_one()
    return connection.execute(_filtered([func.count()], flt)).scalar_one()


def _row(row) -> HouseholdRow:
    tags = tuple(tag for tag, bit in VULNERABILITY_BITS.items() if row.vuln_mask & bit)
    return HouseholdRow(row.household_id, row.tambon, row.moo, row.house_no,
                        row.head_name or "", row.state, row.member_count, tags,
                        bool(row.conflict), bool(row.pending), bool(row.photo_pending),
                        row.sort_key)


def list_households(connection: Connection, flt: HouseholdFilter, *, offset: int = 0,
                    limit: int = 100, after: HouseholdRow | None = None) -> list[HouseholdRow]:
    """One page of households in Thai order of the head's name: after the row ``after``
    (keyset paging: as fast deep in the list as at its top), or from ``offset``."""
    hi = household_index.c
    columns = [hi.household_id, hi.tambon, hi.moo, hi.house_no, hi.head_name, hi.state,
               hi.member_count, hi.vuln_mask, hi.conflict, hi.pending, hi.photo_pending,
               hi.sort_key]
    query = _filtered(columns, flt).order_by(hi.sort_key, hi.household_id)
    if after is not None:
        query = query.where(tuple_(hi.sort_key, hi.household_id) >
                            tuple_(after.sort_key, after.household_id))
    rows = connection.execute(query.offset(offset).limit(limit))
    return [_row(row) for row in rows]
