"""The op: one change from one device, signed once and carried as exact bytes.

```json
{"op_id": "…", "device_id": "…", "device_seq": 311, "type": "member", "id": "…",
 "tambon": "800101", "kind": "upsert", "base": {"epoch": "…", "version": 3},
 "fields": {"given_name": "สมใจ"}, "hlc": "…", "author": "user-id",
 "resolves": [], "command": null}
```

On the wire: ``{"op": "<canonical JSON text>", "sig": "<base64 Ed25519>",
"relayed_by": null}``.  ``fields`` holds only what the user changed; a ``set``
field carries ``{"add": [...], "remove": [...]}``.  A command carries its name, an
optional comment, the versions of every row of the household subtree it acts on,
and command-specific arguments (a move's new tambon).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Mapping

from sync.records.canonical import canonical_bytes, parse_canonical, utf8
from sync.records.errors import ContractError
from sync.records.hlc import Hlc
from sync.records.ids import is_tambon, is_uuid
from sync.records.record import Record, check_envelope
from sync.records.signing import SigningKey, verify
from sync.records.thai import normalize_thai

OP_KEYS = ("op_id", "device_id", "device_seq", "type", "id", "tambon", "kind", "base",
           "fields", "hlc", "author", "resolves", "command")


class OpKind(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"
    COMMAND = "command"


@dataclass(frozen=True)
class Base:
    epoch: str
    version: int


@dataclass(frozen=True)
class Command:
    name: str
    versions: dict[str, int] = field(default_factory=dict)  # subtree row id -> version
    comment: str | None = None
    args: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "versions": dict(self.versions),
                "comment": self.comment, "args": dict(self.args)}


@dataclass(frozen=True)
class Op:
    op_id: str
    device_id: str
    device_seq: int
    type: str
    id: str
    tambon: str | None
    kind: OpKind
    base: Base | None
    fields: dict[str, Any]
    hlc: str
    author: str
    resolves: tuple[str, ...] = ()
    command: Command | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id, "device_id": self.device_id, "device_seq": self.device_seq,
            "type": self.type, "id": self.id, "tambon": self.tambon, "kind": str(self.kind),
            "base": None if self.base is None else {"epoch": self.base.epoch,
                                                    "version": self.base.version},
            "fields": normalize_payload(self.fields), "hlc": self.hlc, "author": self.author,
            "resolves": list(self.resolves),
            "command": None if self.command is None else normalize_payload(
                self.command.to_json()),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Op":
        _check_shape(data)
        base = data["base"]
        command = data["command"]
        return cls(
            op_id=data["op_id"], device_id=data["device_id"], device_seq=data["device_seq"],
            type=data["type"], id=data["id"], tambon=data["tambon"],
            kind=OpKind(data["kind"]),
            base=None if base is None else Base(base["epoch"], base["version"]),
            fields=dict(data["fields"]), hlc=data["hlc"], author=data["author"],
            resolves=tuple(data["resolves"]),
            command=None if command is None else Command(
                command["name"], dict(command.get("versions") or {}),
                command.get("comment"), dict(command.get("args") or {})),
        )


def normalize_payload(value: Any) -> Any:
    """Every string inside ``value`` through the Thai normaliser (idempotent)."""
    if isinstance(value, str):
        return normalize_thai(value)
    if isinstance(value, Mapping):
        return {k: normalize_payload(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalize_payload(v) for v in value]
    return value


def _bad(detail: str, field_name: str | None = None) -> ContractError:
    return ContractError("op.malformed", field_name, detail=detail)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_shape(data: Mapping[str, Any]) -> None:
    if not isinstance(data, Mapping) or set(data) != set(OP_KEYS):
        raise _bad("op keys")
    for key in ("op_id", "device_id"):
        if not is_uuid(data[key]):
            raise _bad(key, key)
    if not _is_count(data["device_seq"]) or data["device_seq"] < 1:
        raise _bad("device_seq", "device_seq")
    check_envelope(data["type"], data["id"], data["tambon"])
    if not isinstance(data["kind"], str) or data["kind"] not in set(OpKind):
        raise _bad("kind", "kind")
    base = data["base"]
    if base is not None and not (isinstance(base, Mapping) and set(base) == {"epoch", "version"}
                                 and isinstance(base["epoch"], str)
                                 and _is_count(base["version"])):
        raise _bad("base", "base")
    if not isinstance(data["fields"], Mapping):
        raise _bad("fields", "fields")
    if data["kind"] == OpKind.DELETE and data["fields"]:
        raise _bad("a delete carries no fields", "fields")
    if Hlc.parse(data["hlc"]).device_id != data["device_id"]:
        raise _bad("hlc device", "hlc")
    if not isinstance(data["author"], str) or not data["author"]:
        raise _bad("author", "author")
    if not isinstance(data["resolves"], list) or not all(map(is_uuid, data["resolves"])):
        raise _bad("resolves", "resolves")
    _check_command(data["kind"], data["command"], data["fields"])


def _check_command(kind: str, command: Any, fields: Mapping[str, Any]) -> None:
    if (kind == OpKind.COMMAND) != (command is not None):
        raise _bad("command goes with kind 'command'", "command")
    if command is None:
        return
    if fields:
        raise _bad("a command carries no fields", "fields")
    if not isinstance(command, Mapping) or not isinstance(command.get("name"), str):
        raise _bad("command name", "command")
    if set(command) - {"name", "versions", "comment", "args"}:
        raise _bad("command keys", "command")
    versions = command.get("versions", {})
    if not isinstance(versions, Mapping) or not all(
            is_uuid(k) and _is_count(v) for k, v in versions.items()):
        raise _bad("command versions", "command")
    if not isinstance(command.get("comment"), (str, type(None))):
        raise _bad("command comment", "command")
    if not isinstance(command.get("args", {}), Mapping):
        raise _bad("command args", "command")


# -- moves ----------------------------------------------------------------------------
# A pull page tells the replicas of a tambon that a row left it with a *moved-out
# marker*: a tombstone-shaped record of the row's type and id under the OLD tambon,
# ``deleted: true``, no fields (nothing personal) and ``extra: {"moved_to": "<new
# tambon>"}``, with a ``seq`` of its own in the old tambon's feed (below the seq of the
# row's version under the new tambon).  A replica drops its copy of the row if that
# copy still has the old tambon and a lower seq, and remembers the marker so that a
# late copy from before the move is not taken again.
MOVED_TO = "moved_to"


def moved_out_marker(type_name: str, record_id: str, old_tambon: str, new_tambon: str, *,
                     seq: int, version: int) -> Record:
    """The marker that says, at ``seq``, that the row left ``old_tambon``."""
    return Record(type_name, record_id, old_tambon, {}, {MOVED_TO: new_tambon},
                  version=version, seq=seq, deleted=True)


def moved_to(record: Record) -> str | None:
    """The tambon a moved-out marker says the row went to; ``None`` for any other record."""
    value = record.extra.get(MOVED_TO) if record.deleted and not record.fields else None
    return value if isinstance(value, str) and is_tambon(value) else None


@dataclass(frozen=True)
class SignedOp:
    """An op as exact canonical text, its signature, and who relayed it."""

    op: str
    sig: str
    relayed_by: str | None = None

    @property
    def data(self) -> bytes:
        """The op's bytes (``op.malformed`` when the text has no UTF-8 form)."""
        return utf8(self.op)

    def parse(self) -> Op:
        """The op, insisting on canonical bytes and a well-formed envelope."""
        return Op.from_json(parse_canonical(self.data))

    def verify(self, public_key: str) -> Op:
        """The op, after checking the signature against ``public_key``."""
        verify(public_key, self.data, self.sig)
        return self.parse()

    def op_hash(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def relayed(self, relayer: str) -> "SignedOp":
        """The same bytes and signature, marked as carried by ``relayer``."""
        return SignedOp(self.op, self.sig, relayer)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "sig": self.sig, "relayed_by": self.relayed_by}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "SignedOp":
        if not isinstance(data, Mapping) or not isinstance(data.get("op"), str) \
                or not isinstance(data.get("sig"), str):
            raise _bad("signed op")
        relayer = data.get("relayed_by")
        if relayer is not None and not isinstance(relayer, str):
            raise _bad("relayed_by", "relayed_by")
        return cls(data["op"], data["sig"], relayer)


def sign_op(op: Op, key: SigningKey) -> SignedOp:
    """Make the op's canonical bytes once and sign them."""
    data = canonical_bytes(op.to_json())
    Op.from_json(parse_canonical(data))  # never sign what the contract would refuse
    return SignedOp(data.decode("utf-8"), key.sign(data))
