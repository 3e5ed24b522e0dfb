"""Every record type of the contract, by name."""

from __future__ import annotations

from sync.records.errors import ContractError
from sync.records.fields import RecordType
from sync.records.types_area import CONFLICT, PROGRAMME_SETTINGS, TAMBON_PLAN, VILLAGE
from sync.records.types_people import CONSENT, HOUSEHOLD, MEMBER, SURVEY
from sync.records.types_repair import ATTACHMENT, REPAIR_ITEM, REPAIR_PROJECT, REVIEW_EVENT

RECORD_TYPES: dict[str, RecordType] = {
    t.name: t
    for t in (
        HOUSEHOLD, MEMBER, CONSENT, SURVEY, REPAIR_PROJECT, REPAIR_ITEM, ATTACHMENT,
        REVIEW_EVENT, VILLAGE, PROGRAMME_SETTINGS, TAMBON_PLAN, CONFLICT,
    )
}

# The household subtree: the rows a review command covers, in a stable order.
SUBTREE_TYPES: tuple[str, ...] = (
    "household", "member", "consent", "survey", "repair_project", "repair_item", "attachment",
)


def record_type(name: str) -> RecordType:
    try:
        return RECORD_TYPES[name]
    except (KeyError, TypeError):  # TypeError: not even a string (a list from JSON)
        raise ContractError("record.unknown_type", "type", type=name) from None
