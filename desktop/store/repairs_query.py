"""The repair projects list: one page of projects, in the households' Thai order.

The count comes first, from the projects table alone (about 10 ms for 100,000
projects).  When the filter keeps many projects, the page is read by walking the
household index in its stored Thai sort key (an indexed order) and joining each
household's projects through the ``household_id`` index of ``repair_project``: the
walk meets 200 matches early and nothing is sorted.  The join is written
``p.household_id = +hi.household_id`` — SQLite's way of saying "do not look the
household up by this index", which makes the household index the outer loop.  When
the filter keeps few projects (a past fiscal year, a rare state), that walk would
read every household to find them, so the projects are found first and their few
rows sorted.  The items of the page's projects are read in one more query (by the
``project_id`` index), their cost columns only.  A project whose household is not in
the index (not arrived yet) is counted but not listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    and_,
    func,
    literal_column,
    or_,
    select,
    true,
    tuple_,
)

from desktop.store.schema import RECORDS, household_index

PROJECT = RECORDS["repair_project"]
# Up to this many matches the projects are found first and sorted (see above).  On
# 100,000 households (encrypted, 2 cores) the walk costs about 3 µs a household
# passed and finding first about 45 µs a match: they meet near 1,000 matches.
SELECTIVE = 1_000


@dataclass(frozen=True)
class ProjectFilter:
    fiscal_year: int | None = None  # Buddhist Era
    state: str | None = None  # a case state ("draft" also matches a project without one)
    tambon: str | None = None


@dataclass(frozen=True)
class ProjectListRow:
    """One project as the list query reads it (costs are added by the service)."""

    project_id: str
    household_id: str
    tambon: str | None
    fiscal_year: int | None
    programme: str | None
    state: str
    subsidy_cap: int | None  # the project's own cap, if it has one
    head_name: str
    house_no: str | None
    moo: int | None
    sort_key: str  # with household_id, fiscal_year and project_id: where the next page starts
    conflict: bool = False  # a row of the household is in conflict


def _conditions(flt: ProjectFilter) -> list:
    p = PROJECT.c
    conditions = [p.deleted.is_(False)]
    if flt.fiscal_year is not None:
        conditions.append(p.fiscal_year == flt.fiscal_year)
    if flt.state == "draft":
        conditions.append(or_(p.status.is_(None), p.status == "draft"))
    elif flt.state:
        conditions.append(p.status == flt.state)
    if flt.tambon:
        conditions.append(p.tambon == flt.tambon)
    return conditions


def count_projects(connection: Connection, flt: ProjectFilter) -> int:
    """The live projects the filter keeps (from the projects table alone)."""
    query = select(func.count()).select_from(PROJECT).where(and_(true(), *_conditions(flt)))
    return connection.execute(query).scalar_one()


def list_projects(connection: Connection, flt: ProjectFilter, *, offset: int = 0,
                  limit: int = 100, after: tuple[str, str, int, str] | None = None,
                  matches: int | None = None) -> list[ProjectListRow]:
    """A page of projects in the Thai order of the head's name, then fiscal year:
    after the key ``after`` (sort key, household id, fiscal year, project id of the
    last row held: keyset paging), or from ``offset``.  ``matches`` is the filter's
    count when the caller has it (it chooses the plan; see the module's text)."""
    p, hi = PROJECT.c, household_index.c
    if matches is None:
        matches = count_projects(connection, flt)
    if matches == 0:
        return []
    walk = matches > SELECTIVE  # the household index as the outer loop
    household = literal_column("+household_index.household_id") if walk else hi.household_id
    columns = [p.id, p.household_id, p.tambon, p.fiscal_year, p.programme, p.status,
               p.subsidy_cap, hi.head_name, hi.house_no, hi.moo, hi.sort_key, hi.conflict]
    source = household_index.join(PROJECT, p.household_id == household)
    query = (select(*columns).select_from(source).where(and_(true(), *_conditions(flt)))
             .order_by(hi.sort_key, hi.household_id, p.fiscal_year, p.id))
    if after is not None:
        query = query.where(hi.sort_key >= after[0],  # lets the index start there
                            tuple_(hi.sort_key, hi.household_id, p.fiscal_year, p.id) >
                            tuple_(*after))
    rows = connection.execute(query.offset(offset).limit(limit))
    return [ProjectListRow(row.id, row.household_id, row.tambon, row.fiscal_year,
                           row.programme, row.status or "draft", row.subsidy_cap,
                           row.head_name or "", row.house_no, row.moo, row.sort_key,
                           bool(row.conflict))
            for row in rows]


COST_COLUMNS = ("quantity", "unit_price", "material_cost", "labour_cost", "item_status")


def item_costs(connection: Connection, project_ids: list[str]) -> dict[str, list[dict]]:
    """The cost fields of each project's live items, by project id (every id has a
    list; a field without a value is left out, as in a record's fields)."""
    found: dict[str, list[dict]] = {pid: [] for pid in project_ids}
    if not project_ids:
        return found
    item = RECORDS["repair_item"]
    rows = connection.execute(
        select(item.c.project_id, *(item.c[name] for name in COST_COLUMNS))
        .where(item.c.project_id.in_(project_ids), item.c.deleted.is_(False)))
    for row in rows:
        values = {name: row._mapping[name] for name in COST_COLUMNS}
        found.setdefault(row.project_id, []).append(
            {k: v for k, v in values.items() if v is not None})
    return found
