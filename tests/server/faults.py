"""A ``requests`` adapter that injects network faults around another adapter.

It wraps the adapter that reaches the app (``AppAdapter``: FastAPI's TestClient) and,
per request, may

- ``before``   — fail before sending (the server never sees the request);
- ``drop``     — send, let the server commit, then lose the answer (``ConnectionError``);
- ``timeout``  — the same, as a read timeout;
- ``truncate`` — send, then return only the first part of the answer's body;
- ``delay``    — wait a little, then send and answer normally.

Faults come from a seeded ``random.Random`` at the given rates, or are armed one at
a time (:meth:`FaultyAdapter.arm`) for a test that wants one exact fault.  Every
request the server received is kept in :attr:`FaultyAdapter.delivered` (path and
decoded JSON body), so a test can replay it.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import requests
from requests import PreparedRequest, Response
from requests.adapters import BaseAdapter


class Fault(StrEnum):
    BEFORE = "before"
    DROP = "drop"
    TIMEOUT = "timeout"
    TRUNCATE = "truncate"
    DELAY = "delay"


@dataclass(frozen=True)
class Delivered:
    """A request the server received (whatever became of its answer)."""

    path: str  # e.g. "/api/v1/sync/push"
    body: Any  # the decoded JSON body
    fault: Fault | None


class FaultyAdapter(BaseAdapter):
    def __init__(self, inner: BaseAdapter, *, rng: random.Random | None = None,
                 rates: Mapping[Fault, float] | None = None, paths: tuple[str, ...] = ("/sync/",),
                 max_delay: float = 0.002, sleep: Callable[[float], None] = time.sleep) -> None:
        super().__init__()
        self.inner = inner
        self.rng = rng or random.Random(0)
        self.rates = dict(rates or {})
        self.paths = paths  # faults only on URLs containing one of these
        self.max_delay, self.sleep = max_delay, sleep
        self.armed: list[tuple[Fault, str | None, int | None]] = []
        self.injected: Counter[Fault] = Counter()
        self.delivered: list[Delivered] = []
        self.enabled = True

    # -- choosing -----------------------------------------------------------------------
    def arm(self, fault: Fault, path: str | None = None, *, keep: int | None = None) -> None:
        """Inject ``fault`` into the next request whose path contains ``path``
        (``keep``: the bytes a truncated answer keeps; random if ``None``)."""
        self.armed.append((fault, path, keep))

    def disarm(self) -> None:
        self.armed.clear()

    def _choose(self, path: str) -> tuple[Fault | None, int | None]:
        for index, (fault, wanted, keep) in enumerate(self.armed):
            if wanted is None or wanted in path:
                del self.armed[index]
                return fault, keep
        if not self.enabled or not any(p in path for p in self.paths):
            return None, None
        roll = self.rng.random()
        for fault, rate in self.rates.items():
            if roll < rate:
                return fault, None
            roll -= rate
        return None, None

    # -- sending ------------------------------------------------------------------------
    def send(self, request: PreparedRequest, **kwargs: Any) -> Response:
        path = urlsplit(request.url or "").path
        fault, keep = self._choose(path)
        if fault is not None:
            self.injected[fault] += 1
        if fault == Fault.BEFORE:
            raise requests.ConnectionError(f"fault: {path} never left the laptop",
                                           request=request)
        if fault == Fault.DELAY:
            self.sleep(self.rng.uniform(0, self.max_delay))
        response = self.inner.send(request, **kwargs)
        self.delivered.append(Delivered(path, _decoded(request), fault))
        if fault == Fault.DROP:
            raise requests.ConnectionError(f"fault: the answer to {path} was lost",
                                           request=request)
        if fault == Fault.TIMEOUT:
            raise requests.ReadTimeout(f"fault: the answer to {path} timed out",
                                       request=request)
        if fault == Fault.TRUNCATE:
            content = response.content or b""
            if keep is None:
                keep = self.rng.randrange(len(content)) if content else 0
            response._content = content[:keep]
        return response

    def close(self) -> None:
        self.inner.close()


def _decoded(request: PreparedRequest) -> Any:
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    if request.headers.get("Content-Encoding", "").lower() == "gzip":
        body = gzip.decompress(body)
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None
