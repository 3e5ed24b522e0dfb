"""The record as it travels between replicas: the sync columns plus its fields.

```json
{"type": "household", "id": "0190…", "tambon": "800101", "version": 7, "seq": 1042,
 "deleted": false, "conflict": false, "updated_by": "user-id", "device_id": "…",
 "hlc": "…", "fields": {"house_no": "12/3", "moo": 4}, "extra": {}}
```
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from sync.records.errors import ContractError
from sync.records.ids import TAMBON, is_tambon, is_uuid  # noqa: F401 - TAMBON re-exported
from sync.records.registry import record_type

GLOBAL_AREA = "*"  # the checkpoint key of records that belong to no tambon

SYNC_COLUMNS = ("type", "id", "tambon", "version", "seq", "deleted", "conflict",
                "updated_by", "device_id", "hlc", "fields", "extra")


@dataclass(frozen=True)
class Record:
    type: str
    id: str
    tambon: str | None
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    version: int = 0  # accepted changes of the row on the server (0: never synced)
    seq: int = 0  # the server's change sequence when the row last changed
    deleted: bool = False
    conflict: bool = False
    updated_by: str | None = None
    device_id: str | None = None
    hlc: str | None = None

    @property
    def area(self) -> str:
        """The checkpoint key the record travels under."""
        return self.tambon if self.tambon is not None else GLOBAL_AREA

    def to_json(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Record":
        unknown = set(data) - set(SYNC_COLUMNS)
        if unknown:
            raise ContractError("op.malformed", sorted(unknown)[0], detail="unknown column")
        record = cls(**{k: data[k] for k in SYNC_COLUMNS if k in data})
        check_envelope(record.type, record.id, record.tambon)
        return record


def tombstone_fields(type_name: str, fields: dict[str, Any]) -> dict[str, Any]:
    """What a deleted row keeps: its links (household, parent), no personal data."""
    rtype = record_type(type_name)
    links = {rtype.parent_field, rtype.household_field} - {None, "id"}
    return {name: value for name, value in fields.items() if name in links}


def check_envelope(type_name: str, record_id: Any, tambon: Any) -> None:
    """Raise ``ContractError`` unless type, id and tambon fit the contract."""
    rtype = record_type(type_name)
    if not is_uuid(record_id):
        raise ContractError("record.bad_id", "id")
    if rtype.area_scoped and not is_tambon(tambon):
        raise ContractError("tambon.invalid", "tambon")
    if not rtype.area_scoped and tambon is not None:
        raise ContractError("tambon.invalid", "tambon")
