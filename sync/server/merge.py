"""Per-field-group merge of an op against the stored row (SYNC.md rule 4).

Pure decisions over the op, the stored row and the row's history since the op's
base; ``push`` applies them.  A group is *concurrent* when a field of it changed
after the base, by another device, to a value other than the op's.  Groups that are
not concurrent apply; concurrent ones follow their policy — ``auto`` (the higher
``(hlc, device_id)`` wins), ``set`` (additions and removals unite) or ``review``
(the stored value stays, the op's joins the row's conflict).  A group the same
device already wrote with a higher ``device_seq`` is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from sync.records.fields import FieldGroup, Policy, RecordType
from sync.records.ops import Op


@dataclass(frozen=True)
class Write:
    """One accepted change of the row: which fields, by whom."""

    version: int
    changed: frozenset[str]
    device_id: str
    device_seq: int | None  # None: not written by an op (server writes)
    hlc: str | None


@dataclass
class Decision:
    apply: dict[str, Any] = field(default_factory=dict)  # fields to write
    review: dict[str, dict[str, Any]] = field(default_factory=dict)  # group -> op's fields
    lost: list[str] = field(default_factory=list)  # groups that lost an auto merge
    skipped: list[str] = field(default_factory=list)  # groups superseded by own later op

    @property
    def conflict_groups(self) -> list[str]:
        return sorted(self.review) + sorted(self.lost)


def groups_of(rtype: RecordType, fields: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The op's fields by field group (unknown fields under the group ``""``)."""
    grouped: dict[str, dict[str, Any]] = {}
    for name, value in fields.items():
        group = rtype.group_of(name)
        grouped.setdefault(group.name if group else "", {})[name] = value
    return grouped


def _differs(group: FieldGroup, offered: Mapping[str, Any], stored: Mapping[str, Any]) -> bool:
    if group.policy == Policy.SET:
        return True  # a delta always says something
    return any(stored.get(name) != value for name, value in offered.items())


def decide(rtype: RecordType, op: Op, stored: Mapping[str, Any], writes: list[Write], *,
           hlc: str, forced: frozenset[str] = frozenset()) -> Decision:
    """What of ``op`` applies to the row whose fields are ``stored``.

    ``writes``: the row's accepted changes after the op's base (all of them when the
    base is unknown or of another epoch); ``hlc``: the op's stamp as the server keeps
    it (clamped); ``forced``: groups a coordinator's resolution settles, which apply
    whatever happened meanwhile.
    """
    decision = Decision()
    for name, offered in groups_of(rtype, op.fields).items():
        if not name:
            decision.apply.update(offered)
            continue
        group = rtype.group(name)
        later = [w for w in writes if w.changed & {f.name for f in group.fields}]
        if any(w.device_id == op.device_id and (w.device_seq or 0) > op.device_seq
               for w in later):
            decision.skipped.append(name)
            continue
        others = [w for w in later if w.device_id != op.device_id]
        concurrent = bool(others) and _differs(group, offered, stored)
        if not concurrent or name in forced or group.policy == Policy.SET:
            decision.apply.update(offered)
        elif group.policy == Policy.AUTO:
            newest = max(others, key=lambda w: (w.hlc or "", w.device_id))
            if (hlc, op.device_id) > (newest.hlc or "", newest.device_id):
                decision.apply.update(offered)
            else:
                decision.lost.append(name)
        else:
            decision.review[name] = offered
    return decision
