"""Hybrid logical clocks: (physical ms, counter, device id), totally ordered.

Text form ``"0001732867200000:00000:<device id>"`` — fixed-width numbers, so the
text sorts like the tuple.  A clock never goes backwards when the wall clock does,
moves past every timestamp it observes, but never past the last server time it saw
plus :data:`MAX_AHEAD_MS`: one laptop whose clock runs ten years ahead cannot drag
every replica forward.  The server clamps incoming timestamps the same way.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, replace
from typing import Callable

from sync.records.errors import ContractError

MAX_AHEAD_MS = 5 * 60 * 1000
_MAX_COUNTER = 99_999
# The only text form: 16 and 5 ASCII digits, then a device id with no colon or space.
HLC_PATTERN = r"[0-9]{16}:[0-9]{5}:[^:\s]+"
_HLC = re.compile(HLC_PATTERN)


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, order=True)
class Hlc:
    ms: int
    counter: int
    device_id: str

    def __str__(self) -> str:
        return f"{self.ms:016d}:{self.counter:05d}:{self.device_id}"

    @classmethod
    def parse(cls, text: str) -> "Hlc":
        """The clock of ``text``, which must be exactly its own text form."""
        if not isinstance(text, str) or not _HLC.fullmatch(text):
            raise ContractError("op.malformed", "hlc", detail="hlc")
        ms, counter, device = text.split(":", 2)
        parsed = cls(int(ms), int(counter), device)
        if str(parsed) != text:
            raise ContractError("op.malformed", "hlc", detail="hlc")
        return parsed


def clamp(hlc: Hlc, server_time_ms: int) -> tuple[Hlc, bool]:
    """``hlc`` held to ``server_time_ms + MAX_AHEAD_MS``; the flag says it was clamped."""
    limit = server_time_ms + MAX_AHEAD_MS
    if hlc.ms <= limit:
        return hlc, False
    return replace(hlc, ms=limit), True


class HybridClock:
    """One device's clock.  Thread-safe; persist :attr:`last` between runs."""

    def __init__(self, device_id: str, *, last: Hlc | None = None,
                 server_time_ms: int | None = None,
                 wall: Callable[[], int] = wall_ms) -> None:
        self.device_id = device_id
        self.last = last or Hlc(0, 0, device_id)
        self.server_time_ms = server_time_ms
        self.wall = wall
        self._lock = threading.Lock()

    def _advance(self, ms: int) -> Hlc:
        if ms > self.last.ms:
            self.last = Hlc(ms, 0, self.device_id)
        elif self.last.counter < _MAX_COUNTER:
            self.last = Hlc(self.last.ms, self.last.counter + 1, self.device_id)
        else:
            self.last = Hlc(self.last.ms + 1, 0, self.device_id)
        return self.last

    def now(self) -> Hlc:
        """A timestamp above every one this clock has made or observed."""
        with self._lock:
            return self._advance(self.wall())

    def observe(self, remote: Hlc | str) -> None:
        """Move past a pulled timestamp (held to the last server time + 5 min)."""
        other = Hlc.parse(remote) if isinstance(remote, str) else remote
        if self.server_time_ms is not None:
            other, _ = clamp(other, self.server_time_ms)
        with self._lock:
            if other.ms > self.last.ms:
                self.last = Hlc(other.ms, other.counter, self.device_id)
            elif other.ms == self.last.ms and other.counter > self.last.counter:
                self.last = Hlc(other.ms, other.counter, self.device_id)

    def saw_server_time(self, server_time_ms: int) -> None:
        with self._lock:
            self.server_time_ms = max(self.server_time_ms or 0, server_time_ms)

    def behind_server(self) -> bool:
        """True when the wall clock reads earlier than the last server time seen."""
        return self.server_time_ms is not None and self.wall() < self.server_time_ms
