"""The op envelope: canonical bytes made once, signed, verified, never re-serialised."""

from __future__ import annotations

import json
import random

import pytest

from sync.records.canonical import canonical_bytes, parse_canonical
from sync.records.errors import ContractError
from sync.records.hlc import HybridClock
from sync.records.ids import new_id
from sync.records.ops import Base, Command, Op, OpKind, SignedOp, sign_op
from sync.records.signing import SigningKey

DEVICE = new_id()


def make_op(**changes) -> Op:
    values = dict(
        op_id=new_id(), device_id=DEVICE, device_seq=311, type="member", id=new_id(),
        tambon="800101", kind=OpKind.UPSERT, base=Base("epoch-1", 3),
        fields={"given_name": "สมใจ", "vulnerability": {"add": ["elderly"], "remove": []}},
        hlc=str(HybridClock(DEVICE).now()), author="user-7")
    values.update(changes)
    return Op(**values)


def test_canonical_bytes_do_not_depend_on_key_order():
    data = {"b": [1, {"z": "น้ำ", "a": None}], "a": "สมใจ", "c": {"y": 2, "x": 1}}
    keys = list(data)
    shuffled = {}
    random.Random(4).shuffle(keys)
    for key in keys:
        shuffled[key] = data[key]
    assert canonical_bytes(data) == canonical_bytes(shuffled)
    assert canonical_bytes(data).decode() == json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_non_canonical_text_is_refused():
    assert parse_canonical(b'{"a":1,"b":2}') == {"a": 1, "b": 2}
    for text in (b'{"b":2,"a":1}', b'{"a": 1}', b'{"a":1.0}'):
        with pytest.raises(ContractError) as caught:
            parse_canonical(text)
        assert caught.value.issue.code == "op.not_canonical"


def test_sign_then_verify_returns_the_same_op():
    key = SigningKey.generate()
    op = make_op()
    signed = sign_op(op, key)
    assert signed.verify(key.public_key()) == op
    again = SignedOp.from_json(json.loads(json.dumps(signed.to_json())))
    assert again.op == signed.op and again.verify(key.public_key()) == op


def test_any_changed_byte_breaks_the_signature():
    key = SigningKey.generate()
    signed = sign_op(make_op(), key)
    data = bytearray(signed.data)
    for position in range(len(data)):
        for mask in (0x01, 0x40):  # 0x40 breaks a Thai character's UTF-8 bytes
            tampered = bytearray(data)
            tampered[position] ^= mask
            text = tampered.decode("utf-8", errors="surrogateescape")
            with pytest.raises(ContractError):  # lone surrogates too: no UnicodeEncodeError
                SignedOp(text, signed.sig).verify(key.public_key())


def test_another_devices_key_does_not_verify():
    signed = sign_op(make_op(), SigningKey.generate())
    with pytest.raises(ContractError) as caught:
        signed.verify(SigningKey.generate().public_key())
    assert caught.value.issue.code == "op.bad_signature"


def test_relaying_keeps_the_exact_bytes():
    key = SigningKey.generate()
    signed = sign_op(make_op(), key)
    relayed = signed.relayed("supervisor-device")
    assert relayed.op == signed.op and relayed.sig == signed.sig
    assert relayed.relayed_by == "supervisor-device"
    assert relayed.op_hash() == signed.op_hash()
    relayed.verify(key.public_key())


def test_thai_text_is_normalised_before_signing():
    key = SigningKey.generate()
    typed = make_op(fields={"given_name": "ก\u0e48\u0e35"})  # tone mark before sara ii
    op = sign_op(typed, key).verify(key.public_key())
    assert op.fields["given_name"] == "ก\u0e35\u0e48"


def test_round_trip_of_a_command_op():
    key = SigningKey.generate()
    command = Command("approve", {new_id(): 4, new_id(): 1}, "ตรวจแล้ว ถูกต้อง")
    op = make_op(kind=OpKind.COMMAND, fields={}, command=command, type="repair_project")
    assert sign_op(op, key).verify(key.public_key()) == op


@pytest.mark.parametrize("changes, field", [
    ({"device_seq": 0}, "device_seq"),
    ({"op_id": "not-a-uuid"}, "op_id"),
    ({"type": "spaceship"}, "type"),
    ({"tambon": "80"}, "tambon"),
    ({"kind": OpKind.DELETE}, "fields"),
    ({"kind": OpKind.COMMAND}, "command"),
    ({"hlc": str(HybridClock(new_id()).now())}, "hlc"),
    ({"author": ""}, "author"),
    ({"resolves": ("x",)}, "resolves"),
])
def test_malformed_envelopes_are_refused_before_signing(changes, field):
    with pytest.raises(ContractError) as caught:
        sign_op(make_op(**changes), SigningKey.generate())
    assert caught.value.issue.field == field


def test_unknown_keys_in_an_op_are_refused():
    data = make_op().to_json()
    data["extra_key"] = 1
    with pytest.raises(ContractError):
        Op.from_json(data)


def test_signing_key_survives_raw_export():
    key = SigningKey.generate()
    again = SigningKey.from_raw(key.raw())
    assert again.public_key() == key.public_key()
    signed = sign_op(make_op(), again)
    signed.verify(key.public_key())
