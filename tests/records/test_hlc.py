"""Hybrid logical clocks: monotonic, ordered as text, held near server time."""

from __future__ import annotations

from sync.records.hlc import MAX_AHEAD_MS, Hlc, HybridClock, clamp

DEVICE = "0190a000-0000-7000-8000-00000000000a"


class FakeWall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_monotonic_when_the_wall_clock_jumps_backwards():
    wall = FakeWall(1_700_000_000_000)
    clock = HybridClock(DEVICE, wall=wall)
    stamps = [clock.now()]
    wall.ms -= 3_600_000  # the laptop's clock was set back an hour
    stamps += [clock.now() for _ in range(5)]
    wall.ms += 7_200_000
    stamps.append(clock.now())
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert stamps[1].ms == stamps[0].ms and stamps[1].counter == 1
    texts = [str(s) for s in stamps]
    assert texts == sorted(texts)
    assert [Hlc.parse(t) for t in texts] == stamps


def test_text_order_equals_tuple_order():
    a = Hlc(999, 99_999, DEVICE)
    b = Hlc(1_000, 0, DEVICE)
    c = Hlc(1_000, 0, "0190a000-0000-7000-8000-00000000000b")
    assert a < b < c and str(a) < str(b) < str(c)


def test_counter_overflow_moves_to_the_next_millisecond():
    clock = HybridClock(DEVICE, last=Hlc(5, 99_999, DEVICE), wall=FakeWall(1))
    assert clock.now() == Hlc(6, 0, DEVICE)


def test_observing_moves_past_remote_timestamps():
    clock = HybridClock(DEVICE, wall=FakeWall(1_000))
    clock.observe(Hlc(5_000, 7, "other"))
    after = clock.now()
    assert after > Hlc(5_000, 7, "other") and after.device_id == DEVICE


def test_observing_never_goes_past_server_time_plus_five_minutes():
    server_time = 1_700_000_000_000
    clock = HybridClock(DEVICE, wall=FakeWall(server_time), server_time_ms=server_time)
    ten_years = 10 * 365 * 24 * 3_600_000
    clock.observe(Hlc(server_time + ten_years, 0, "runaway"))
    assert clock.now().ms == server_time + MAX_AHEAD_MS


def test_server_clamps_far_future_timestamps():
    hlc = Hlc(10_000_000, 3, DEVICE)
    clamped, flagged = clamp(hlc, 1_000)
    assert flagged and clamped == Hlc(1_000 + MAX_AHEAD_MS, 3, DEVICE)
    same, flagged = clamp(Hlc(1_000, 0, DEVICE), 1_000)
    assert not flagged and same == Hlc(1_000, 0, DEVICE)


def test_warns_when_wall_clock_is_behind_the_last_server_time():
    wall = FakeWall(1_000)
    clock = HybridClock(DEVICE, wall=wall)
    assert not clock.behind_server()
    clock.saw_server_time(50_000)
    assert clock.behind_server()
    wall.ms = 60_000
    assert not clock.behind_server()
