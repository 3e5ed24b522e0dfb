"""Canonical JSON (RFC 8785, JCS): one byte string for one value.

An op's bytes are made once on the device, signed, and from then on carried as the
exact text: nobody re-serialises them, so no relay can break or alter a signature.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

from sync.records.errors import ContractError


def canonical_bytes(value: Any) -> bytes:
    """The RFC 8785 serialisation of ``value`` (UTF-8, sorted keys, no spaces)."""
    try:
        return rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError, RecursionError) as exc:
        raise ContractError("op.malformed", None, detail=str(exc)) from exc


def is_signable(value: Any) -> bool:
    """Whether ``value`` has a canonical form (JSON only, integers within ±(2**53 − 1),
    finite numbers, no lone surrogates), so an op carrying it can be signed."""
    try:
        canonical_bytes(value)
    except ContractError:
        return False
    return True


def utf8(text: str) -> bytes:
    """``text`` as UTF-8; a lone surrogate (no UTF-8 form) is ``op.malformed``."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ContractError("op.malformed", None, detail="not UTF-8 text") from exc


def parse_canonical(text: str | bytes) -> Any:
    """Parse ``text`` and insist it is already canonical (else ``op.not_canonical``)."""
    data = utf8(text) if isinstance(text, str) else text
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ContractError("op.malformed", None, detail=str(exc)) from exc
    if canonical_bytes(value) != data:
        raise ContractError("op.not_canonical")
    return value
