"""Canonical JSON over arbitrary values: one byte string per value, parse inverts it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.records.canonical import canonical_bytes, parse_canonical

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.floats(-1e15, 1e15, allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, derandomize=True)
@given(json_values)
def test_parse_inverts_canonical(value):
    data = canonical_bytes(value)
    assert parse_canonical(data) == value
    assert canonical_bytes(parse_canonical(data)) == data


@settings(max_examples=200, derandomize=True)
@given(st.dictionaries(st.text(max_size=6), st.integers(-(2**53) + 1, 2**53 - 1), min_size=2, max_size=8))
def test_key_order_does_not_matter(mapping):
    reversed_mapping = dict(reversed(list(mapping.items())))
    assert canonical_bytes(mapping) == canonical_bytes(reversed_mapping)
