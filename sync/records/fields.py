"""The meta-model of the contract: fields, field groups, record types.

A record type is declared once (see ``types_*.py``) from these frozen pieces; tables,
forms, exports, validation, merge and ``GET /schema`` all read the declaration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from sync.records.enums import Enumeration

if TYPE_CHECKING:
    from sync.records.errors import Issue


class Kind(StrEnum):
    """How a field's value travels in JSON."""

    TEXT = "text"  # str, Thai-normalised
    INT = "int"  # int
    MONEY = "money"  # int satang (1 baht = 100 satang); never a float
    DECIMAL = "decimal"  # str "12.5": exact quantities
    NUMBER = "number"  # JSON number (GPS, accuracy): not money
    BOOL = "bool"
    DATE = "date"  # "YYYY-MM-DD", Gregorian
    PARTIAL_DATE = "partial_date"  # "YYYY-MM-DD" or "YYYY" (birth year only)
    DATETIME = "datetime"  # "YYYY-MM-DDTHH:MM:SS[.fff]Z", UTC
    UUID = "uuid"  # str, canonical lower-case UUID
    ENUM = "enum"  # str, one of ``enum``
    ENUM_SET = "enum_set"  # sorted list of ``enum`` values, no duplicates
    UUID_LIST = "uuid_list"  # ordered list of UUIDs (ranked plans)
    MAP = "map"  # object str -> value of ``item`` kind (keys from ``enum`` if set)
    ROWS = "rows"  # list of objects, each with the sub-fields of ``columns``
    JSON = "json"  # any JSON value (conflict proposals); written by the server


class Policy(StrEnum):
    """What happens when two devices change the same field group concurrently."""

    AUTO = "auto"  # the higher (hlc, device_id) wins
    SET = "set"  # union of additions and removals
    REVIEW = "review"  # current value stays; the proposal joins the row's conflict


class Need(StrEnum):
    """When a field must have a value."""

    OPTIONAL = "optional"
    ALWAYS = "always"  # even a draft needs it (keys, parent links)
    ON_SUBMIT = "on_submit"  # a draft may lack it; a submitted record may not


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    th: str
    en: str
    need: Need = Need.OPTIONAL
    enum: Enumeration | None = None
    max_length: int | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    item: Kind | None = None  # MAP values
    item_enum: Enumeration | None = None  # MAP values, when ``item`` is ENUM
    columns: tuple["Field", ...] = ()  # ROWS
    personal: bool = False  # cleared by a PDPA redaction
    sensitive: bool = False  # health/disability: needs explicit consent
    immutable: bool = False  # set at creation, never changed by an ordinary edit
    pattern: str | None = None  # TEXT: the whole clean value must match (ASCII slugs)
    # A parser of text fields with a format of their own (national ID, phone, …):
    # (value, path) -> (clean value or None, issues).  Runs after Thai normalising.
    parse: Callable[[str, str], tuple[object, list["Issue"]]] | None = None

    def label(self, lang: str = "th") -> str:
        return self.th if lang == "th" else self.en


@dataclass(frozen=True)
class FieldGroup:
    """Fields that change together and merge together."""

    name: str
    policy: Policy
    fields: tuple[Field, ...]
    th: str
    en: str
    reopens_review: bool = False  # an approved case goes back for review
    command_only: bool = False  # only workflow commands change it
    server_only: bool = False  # only the server writes it


# A cross-field rule sees the whole (normalised) field dict and the case state.
Rule = Callable[[Mapping[str, object], str | None], list["Issue"]]


@dataclass(frozen=True)
class RecordType:
    name: str
    th: str
    en: str
    groups: tuple[FieldGroup, ...]
    parent: str | None = None  # record type of the parent row
    parent_field: str | None = None  # field holding the parent's id
    household_field: str | None = None  # field naming the household (subtree)
    natural_key: tuple[str, ...] = ()  # fields (or "tambon") hashed into a UUIDv5 id
    area_scoped: bool = True  # False: tambon is null, travels under "*"
    server_only: bool = False  # clients never write rows of this type
    rules: tuple[Rule, ...] = ()
    _index: dict[str, tuple[FieldGroup, Field]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for group in self.groups:
            for f in group.fields:
                if f.name in self._index:
                    raise ValueError(f"{self.name}: field {f.name} declared twice")
                self._index[f.name] = (group, f)

    def fields(self) -> Iterator[Field]:
        for group in self.groups:
            yield from group.fields

    def field(self, name: str) -> Field | None:
        found = self._index.get(name)
        return found[1] if found else None

    def group_of(self, name: str) -> FieldGroup | None:
        found = self._index.get(name)
        return found[0] if found else None

    def group(self, name: str) -> FieldGroup:
        for g in self.groups:
            if g.name == name:
                return g
        raise KeyError(name)

    def label(self, lang: str = "th") -> str:
        return self.th if lang == "th" else self.en
