"""The repair checklist of a household: its repair project for one programme and
fiscal year, the items to repair, the co-funding, the totals against the subsidy
cap, and the workflow commands the user's role may give.

Money is integer satang in records; people type and read baht (``baht_text``,
``parse_baht_text``: Thai digits and thousands commas accepted, two decimals only
when there are satang).  An item costs its material plus its labour.  Its material
cost is quantity × unit price when both are given (the contract's ``cost.mismatch``
rule refuses any other figure), else the material cost typed.  Cancelled items do
not count.  The cap is the project's own ``subsidy_cap`` when it has one, else the
fiscal year's programme settings (published record, else the shipped defaults).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.services.models import RecordView, SaveResult
from desktop.services.programme import PROGRAMME, current_fiscal_year, settings_for
from desktop.services.workspace import ServiceError, Workspace
from desktop.store.repairs_query import (
    ProjectFilter,
    ProjectListRow,
    count_projects,
    item_costs,
)
from desktop.store.repairs_query import list_projects as query_projects
from desktop.store.rows import children
from sync.records.errors import Issue, Severity
from sync.records.ids import natural_id
from sync.records.money import SATANG_PER_BAHT, line_cost
from sync.records.registry import record_type
from sync.records.thai import to_ascii_digits
from sync.records.values import coerce
from sync.records.workflow import CASE_WORKFLOW, Transition

PROJECT, ITEM = "repair_project", "repair_item"
MONEY_LABELS = {  # the fields' labels without "(satang)": people type baht
    "unit_price": ("ราคาต่อหน่วย", "Unit price"),
    "material_cost": ("ค่าวัสดุ", "Material cost"),
    "labour_cost": ("ค่าแรง", "Labour cost"),
    "amount": ("จำนวนเงิน", "Amount"),
    "subsidy_cap": ("วงเงินอุดหนุนสูงสุด", "Subsidy cap"),
}
MAX_BAHT = Decimal(100_000_000)  # no repair costs a hundred million baht


# -- money ---------------------------------------------------------------------------
def baht_text(satang: int | None) -> str:
    """"45,000" for 4,500,000 satang; "1,250.50" when there are satang; "" for None."""
    if satang is None:
        return ""
    sign = "-" if satang < 0 else ""
    baht, rest = divmod(abs(satang), SATANG_PER_BAHT)
    return f"{sign}{baht:,}" + (f".{rest:02d}" if rest else "")


def _money_issue(code: str, field: str) -> Issue:
    th, en = MONEY_LABELS.get(field, (field, field))
    return Issue(code, field, {"label_th": th, "label_en": en})


def parse_baht_text(text: str, field: str) -> tuple[int | None, Issue | None]:
    """Satang from baht as typed ("1,250.50", "๑๒๕๐", "฿300"); ``None`` for nothing
    typed; an issue naming ``field`` for anything else."""
    cleaned = to_ascii_digits(text).replace(",", "").replace("฿", "").replace(" ", "")
    if not cleaned:
        return None, None
    try:
        baht = Decimal(cleaned)
    except InvalidOperation:
        return None, _money_issue("field.type", field)
    exponent = baht.as_tuple().exponent
    if not baht.is_finite() or not isinstance(exponent, int) or exponent < -2 \
            or baht >= MAX_BAHT:
        return None, _money_issue("field.type", field)
    if baht < 0:
        return None, _money_issue("field.negative", field)
    return int(baht * SATANG_PER_BAHT), None


def parse_quantity(text: str) -> tuple[str | None, Issue | None]:
    """A quantity as the record keeps it ("2.5"), from digits as typed (Thai too)."""
    quantity = record_type(ITEM).field("quantity")
    assert quantity is not None
    value, issues = coerce(quantity, text.strip() or None)
    errors = [i for i in issues if i.severity == Severity.ERROR]
    return (None, errors[0]) if errors else (value, None)


def material_of(fields: Mapping[str, Any]) -> int | None:
    """The item's material cost: quantity × unit price when both are given."""
    quantity, price = fields.get("quantity"), fields.get("unit_price")
    if quantity not in (None, "") and isinstance(price, int):
        return line_cost(str(quantity), price)
    cost = fields.get("material_cost")
    return cost if isinstance(cost, int) else None


def item_total(fields: Mapping[str, Any]) -> int:
    """Material plus labour, in satang (0 for a cancelled item)."""
    if fields.get("item_status") == "cancelled":
        return 0
    labour = fields.get("labour_cost")
    return (material_of(fields) or 0) + (labour if isinstance(labour, int) else 0)


# -- the cap and the totals ------------------------------------------------------------
@dataclass(frozen=True)
class Cap:
    amount: int  # satang
    source: str  # "project" (its own cap), "record" (published settings), "defaults"


def cap_for(workspace: Workspace, fiscal_year: int, project: Mapping[str, Any] | None = None,
            programme: str = PROGRAMME) -> Cap:
    """The project's own cap, else the fiscal year's programme settings."""
    own = (project or {}).get("subsidy_cap")
    if isinstance(own, int):
        return Cap(own, "project")
    settings = settings_for(workspace, fiscal_year, programme)
    return Cap(settings.subsidy_cap, settings.source)


@dataclass(frozen=True)
class Totals:
    material: int
    labour: int
    cap: int
    co_funding: int

    @property
    def total(self) -> int:
        return self.material + self.labour

    @property
    def over_cap(self) -> int:
        """How far the total goes past the cap (0 within it)."""
        return max(0, self.total - self.cap)

    @property
    def uncovered(self) -> int:
        """What the co-funding leaves of the amount over the cap."""
        return max(0, self.over_cap - self.co_funding)


def totals(items: Iterable[Mapping[str, Any]], cap: int,
           co_funding: Iterable[Mapping[str, Any]] = ()) -> Totals:
    """The items' costs (their fields) against ``cap``, with the co-funding rows."""
    live = [f for f in items if f.get("item_status") != "cancelled"]
    material = sum(material_of(f) or 0 for f in live)
    labour = sum(f["labour_cost"] for f in live if isinstance(f.get("labour_cost"), int))
    funded = sum(r["amount"] for r in co_funding if isinstance(r.get("amount"), int))
    return Totals(material, labour, cap, funded)


# -- one household's case ------------------------------------------------------------
@dataclass(frozen=True)
class RepairCase:
    household: RecordView
    head_name: str
    programme: str
    fiscal_year: int  # Buddhist Era
    project_id: str  # the natural id, even before the project is saved
    project: RecordView | None  # None until the first save
    items: tuple[RecordView, ...]
    cap: Cap
    role: str

    @property
    def state(self) -> str:
        return (self.project.fields.get("status") if self.project else None) or "draft"

    @property
    def commands(self) -> tuple[Transition, ...]:
        return commands_for(self.state, self.role)

    @property
    def co_funding(self) -> list[dict[str, Any]]:
        return [dict(r) for r in (self.project.fields.get("co_funding") or [])] \
            if self.project else []

    def totals(self) -> Totals:
        return totals([i.fields for i in self.items], self.cap.amount, self.co_funding)


def project_id_for(household_id: str, fiscal_year: int, programme: str = PROGRAMME) -> str:
    """The project's id: the UUIDv5 of its natural key (household, programme, year)."""
    return natural_id(record_type(PROJECT), None, {
        "household_id": household_id, "programme": programme, "fiscal_year": fiscal_year})


def head_name(members: Iterable[RecordView], head_id: str | None) -> str:
    people = list(members)
    head = next((m for m in people if m.id == head_id), None) or next(
        (m for m in people if m.fields.get("relation_to_head") == "head"), None)
    if head is None:
        return ""
    return " ".join(p for p in (head.fields.get("given_name"),
                                head.fields.get("family_name")) if p)


def load_case(workspace: Workspace, household_id: str, fiscal_year: int | None = None,
              programme: str = PROGRAMME, *, create: bool = False) -> RepairCase:
    """The household's repair case of ``fiscal_year`` (default: the current one); the
    project is made first when ``create`` and it does not exist yet."""
    year = fiscal_year or current_fiscal_year()
    if create:
        open_project(workspace, household_id, year, programme)
    detail = workspace.get_household(household_id)
    wanted = project_id_for(household_id, year, programme)
    found = next((p for p in detail.projects if p.project.id == wanted), None)
    project = found.project if found else None
    items = tuple(sorted(found.items, key=_item_order)) if found else ()
    return RepairCase(detail.household, head_name(detail.members,
                                                  detail.household.fields.get("head_member_id")),
                      programme, year, wanted, project, items,
                      cap_for(workspace, year, project.fields if project else None, programme),
                      workspace.role)


def _item_order(item: RecordView) -> tuple[str, str]:
    return (str(item.fields.get("category") or "~"), item.id)


def open_project(workspace: Workspace, household_id: str, fiscal_year: int | None = None,
                 programme: str = PROGRAMME) -> RecordView:
    """The household's project of the fiscal year, made when it does not exist."""
    year = fiscal_year or current_fiscal_year()
    project_id = project_id_for(household_id, year, programme)
    current = workspace.replica.get(PROJECT, project_id)
    if current is not None and not current.deleted:
        return RecordView.of(current)
    return workspace.save(PROJECT, {"household_id": household_id, "programme": programme,
                                    "fiscal_year": year}).record


def list_items(workspace: Workspace, project_id: str) -> tuple[RecordView, ...]:
    with workspace.database.reader.connect() as connection:
        found = children(connection, ITEM, "project_id", [project_id])
    return tuple(sorted((RecordView.of(i) for i in found), key=_item_order))


def item_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields to store: the material cost made quantity × unit price when both
    are given (the contract refuses any other figure)."""
    clean = dict(fields)
    if clean.get("quantity") not in (None, "") and isinstance(clean.get("unit_price"), int):
        clean["material_cost"] = material_of(clean)
    return clean


def save_item(workspace: Workspace, project_id: str, fields: Mapping[str, Any], *,
              item_id: str | None = None) -> SaveResult:
    """Add an item to the project, or change one (only the fields given change)."""
    project = workspace.get_record(PROJECT, project_id)
    values = item_fields(fields)
    if item_id is None:
        values.update(household_id=project.fields["household_id"], project_id=project_id)
    else:
        values.pop("household_id", None)
        values.pop("project_id", None)
    return workspace.save(ITEM, values, record_id=item_id)


def delete_item(workspace: Workspace, item_id: str) -> None:
    workspace.delete(ITEM, item_id)


def save_co_funding(workspace: Workspace, project_id: str,
                    rows: Iterable[Mapping[str, Any]]) -> RecordView:
    """Replace the project's co-funding rows (source, amount in satang, note)."""
    kept = [{k: v for k, v in r.items() if v not in (None, "")} for r in rows]
    kept = [r for r in kept if r]
    return workspace.save(PROJECT, {"co_funding": kept or None}, record_id=project_id).record


# -- the workflow -------------------------------------------------------------------
def commands_for(state: str | None, role: str) -> tuple[Transition, ...]:
    """The commands ``role`` may give to a case in ``state``."""
    return tuple(CASE_WORKFLOW.commands_for(state or CASE_WORKFLOW.initial, role))


def give(workspace: Workspace, project_id: str, command: str,
         comment: str | None = None) -> RecordView:
    """Give a workflow command as the profile's role (refused with a coded issue when
    the state, the role, a missing comment or an incomplete household forbid it)."""
    return workspace.give_command(project_id, command, comment=(comment or "").strip() or None)


# -- the Repairs page -----------------------------------------------------------------
@dataclass(frozen=True)
class ProjectRow:
    project_id: str
    household_id: str
    head_name: str
    house_no: str | None
    moo: int | None
    fiscal_year: int | None
    state: str
    total: int  # satang
    cap: int  # satang
    item_count: int
    key: tuple[str, str, int, str]  # where the next page starts (keyset paging)
    conflict: bool = False  # a row of the household is in conflict

    @property
    def over_cap(self) -> int:
        return max(0, self.total - self.cap)


@dataclass(frozen=True)
class ProjectPage:
    rows: tuple[ProjectRow, ...]
    total: int
    offset: int


def list_projects(workspace: Workspace, fiscal_year: int | None = None,
                  state: str | None = None, offset: int = 0, limit: int = 100, *,
                  after: tuple[str, str, int, str] | None = None,
                  tambon: str | None = None, total: int | None = None) -> ProjectPage:
    """A page of repair projects (Thai order of the head's name, then fiscal year):
    after the key ``after`` (a row's ``key``), or from ``offset``.  A caller that
    knows the filter's ``total`` (from its first page) passes it: it is not counted
    again (the count reads the whole projects table)."""
    flt = ProjectFilter(fiscal_year, state, tambon)
    with workspace.database.reader.connect() as connection:
        count = count_projects(connection, flt) if total is None else total
        listed = query_projects(connection, flt, offset=offset, limit=limit, after=after,
                                matches=count)
        costs = item_costs(connection, [r.project_id for r in listed])
    caps: dict[tuple[int, str], int] = {}
    rows = tuple(_project_row(workspace, r, costs[r.project_id], caps) for r in listed)
    return ProjectPage(rows, count, offset)


def _project_row(workspace: Workspace, row: ProjectListRow, items: list[Any],
                 caps: dict[tuple[int, str], int]) -> ProjectRow:
    year, programme = row.fiscal_year or current_fiscal_year(), row.programme or PROGRAMME
    if row.subsidy_cap is not None:
        cap = row.subsidy_cap
    else:
        if (year, programme) not in caps:
            caps[year, programme] = cap_for(workspace, year, None, programme).amount
        cap = caps[year, programme]
    total = sum(item_total(fields) for fields in items)
    return ProjectRow(row.project_id, row.household_id, row.head_name, row.house_no, row.moo,
                      row.fiscal_year, row.state, total, cap, len(items),
                      (row.sort_key, row.household_id, row.fiscal_year or 0, row.project_id),
                      row.conflict)


__all__ = ["Cap", "ProjectPage", "ProjectRow", "RepairCase", "ServiceError", "Totals",
           "baht_text", "cap_for", "commands_for", "delete_item", "give", "item_fields",
           "item_total", "list_items", "list_projects", "load_case", "material_of",
           "open_project", "parse_baht_text", "parse_quantity", "project_id_for",
           "save_co_funding", "save_item", "totals"]
