"""Valid sample values for every field kind, so tests cover every record type."""

from __future__ import annotations

from typing import Any

from sync.records.fields import Field, Kind, RecordType
from sync.records.ids import natural_id, new_id
from sync.records.record import Record

TAMBON = "800101"

# Fields whose format a parser checks: a valid value of that format.
FORMATTED = {
    "national_id": "1112034563562",
    "house_no": "12/3",
    "house_code": "12345678901",
    "phone": "0812345678",
    "sha256": "ab" * 32,
    "gps_lat": 8.43,
    "gps_lon": 99.96,
}


def sample_value(f: Field, record: RecordType) -> Any:
    if f.name in FORMATTED:
        return FORMATTED[f.name]
    kind = f.kind
    if kind == Kind.TEXT:
        return "สมใจ ใจดี" if f.name != "programme" else "baan_por_piang"
    if kind == Kind.INT:
        return 2567 if f.name == "fiscal_year" else max(int(f.minimum or 0), 4)
    if kind == Kind.MONEY:
        return 150_000
    if kind == Kind.DECIMAL:
        return "2.5"
    if kind == Kind.NUMBER:
        return 3.5
    if kind == Kind.BOOL:
        return True
    if kind == Kind.DATE:
        return "2024-03-12"
    if kind == Kind.PARTIAL_DATE:
        return "1950"
    if kind == Kind.DATETIME:
        return "2024-03-12T08:30:00.000Z"
    if kind == Kind.UUID:
        return new_id()
    if kind == Kind.ENUM:
        return f.enum.values[0]  # type: ignore[union-attr]
    if kind == Kind.ENUM_SET:
        return sorted(f.enum.values[:2])  # type: ignore[union-attr]
    if kind == Kind.UUID_LIST:
        return [new_id(), new_id()]
    if kind == Kind.MAP:
        key = f.enum.values[0] if f.enum else "k1"
        value = f.item_enum.values[0] if f.item_enum else (True if f.item == Kind.BOOL else 5)
        return {key: value}
    if kind == Kind.ROWS:
        return [{c.name: sample_value(c, record) for c in f.columns}]
    return {"any": ["json", 1]}


def sample_fields(rtype: RecordType) -> dict[str, Any]:
    fields = {f.name: sample_value(f, rtype) for f in rtype.fields()}
    if rtype.name == "repair_item":  # quantity × unit price = material cost
        fields.update(quantity="2.5", unit_price=10_050, material_cost=25_125)
    if rtype.name == "repair_project":
        fields.update(subsidy_cap=2_000_000, approved_amount=1_800_000)
    if rtype.name == "consent":
        fields.update(consent_date="2024-03-12", withdrawn_date="2024-05-01")
    return fields


def sample_record(rtype: RecordType) -> Record:
    fields = sample_fields(rtype)
    tambon = TAMBON if rtype.area_scoped else None
    record_id = natural_id(rtype, tambon, fields) if rtype.natural_key else new_id()
    return Record(rtype.name, record_id, tambon, fields, extra={"future_field": "x"},
                  version=3, seq=42, updated_by="user-1", device_id=new_id(),
                  hlc=f"{1732867200000:016d}:00000:{new_id()}")
