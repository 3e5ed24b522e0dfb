"""A repair item and a co-funding row as the editor holds them: the text typed in
each field (what drafts keep and forms show again), turned into record values and
coded issues by field.  No Qt here.

Money is typed in baht and kept in satang; the quantity is a decimal; the
completion date is typed day first in the Buddhist Era ("5/3/2569", Thai digits,
month names) and kept as an ISO date.  When a quantity and a unit price are both
given the material cost is their product, whatever was typed in its box.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop.services.repairs import baht_text, parse_baht_text, parse_quantity
from sync.records.errors import Issue
from sync.records.money import line_cost
from sync.records.thai import parse_thai_date, to_be_year

ITEM_FIELDS = ("category", "description", "quantity", "unit", "unit_price",
               "material_cost", "labour_cost", "funding_source", "item_status",
               "completed_date")
MONEY_FIELDS = ("unit_price", "material_cost", "labour_cost")
CHOICE_FIELDS = ("category", "funding_source", "item_status")
DATE_LABEL = {"label_th": "วันที่เสร็จ", "label_en": "Completion date"}


def date_text(iso: str | None) -> str:
    """An ISO date as typed back into a form: "5/3/2569" (day/month/BE year)."""
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d.day}/{d.month}/{to_be_year(d.year)}"


def typed_item(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A stored item's fields as the form shows them."""
    typed: dict[str, Any] = {name: fields.get(name) for name in CHOICE_FIELDS}
    typed["description"] = fields.get("description") or ""
    typed["unit"] = fields.get("unit") or ""
    typed["quantity"] = str(fields.get("quantity") or "")
    for name in MONEY_FIELDS:
        typed[name] = baht_text(fields.get(name))
    typed["completed_date"] = date_text(fields.get("completed_date"))
    return typed


def parse_item(typed: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Issue]]:
    """The record values of an item as typed, and the issues by field."""
    values: dict[str, Any] = {name: typed.get(name) or None for name in CHOICE_FIELDS}
    values["description"] = (typed.get("description") or "").strip() or None
    values["unit"] = (typed.get("unit") or "").strip() or None
    issues: dict[str, Issue] = {}
    values["quantity"], issue = parse_quantity(str(typed.get("quantity") or ""))
    if issue:
        issues["quantity"] = issue
    for name in MONEY_FIELDS:
        values[name], issue = parse_baht_text(str(typed.get(name) or ""), name)
        if issue:
            issues[name] = issue
    if values["quantity"] is not None and values["unit_price"] is not None:
        values["material_cost"] = line_cost(values["quantity"], values["unit_price"])
        issues.pop("material_cost", None)
    text = str(typed.get("completed_date") or "").strip()
    values["completed_date"] = None
    if text:
        values["completed_date"], found = parse_thai_date(text, "completed_date")
        if found:
            issues["completed_date"] = Issue(found[0].code, "completed_date", DATE_LABEL)
    return values, issues


def item_is_blank(typed: Mapping[str, Any]) -> bool:
    """Nothing typed but the choices a new item starts with (funding, status)."""
    return not any(typed.get(name) for name in ITEM_FIELDS
                   if name not in ("funding_source", "item_status"))


def computed_material(typed: Mapping[str, Any]) -> int | None:
    """Quantity × unit price when both are typed and valid (else None)."""
    values, issues = parse_item({k: typed.get(k) for k in ("quantity", "unit_price")})
    if "quantity" in issues or "unit_price" in issues:
        return None
    if values["quantity"] is None or values["unit_price"] is None:
        return None
    return line_cost(values["quantity"], values["unit_price"])


def parse_co_funding(typed: list[Mapping[str, Any]]
                     ) -> tuple[list[dict[str, Any]], dict[int, Issue]]:
    """The co-funding rows to store (blank rows left out), and the issues by row."""
    rows: list[dict[str, Any]] = []
    issues: dict[int, Issue] = {}
    for position, row in enumerate(typed):
        amount, issue = parse_baht_text(str(row.get("amount") or ""), "amount")
        if issue:
            issues[position] = issue
            continue
        note = (row.get("note") or "").strip() or None
        if row.get("source") or amount is not None or note:
            rows.append({"source": row.get("source") or None, "amount": amount,
                         "note": note})
    return rows, issues


def typed_co_funding(rows: list[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"source": r.get("source"), "amount": baht_text(r.get("amount")),
             "note": r.get("note") or ""} for r in rows or ()]
