"""``porpiang bench store``: how the local replica holds up at 100,000 households.

Prints figures, asserts nothing.  The replica (a demo-kind profile, never synced)
is built once per size under the data folder and reused; building is not timed.
Each figure is the median of several runs, with a baseline measured in the same
run: the same question asked the naive way (``LIKE`` over the member table,
sorting in Python) so that the ratio, not the machine, tells the story.
"""

from __future__ import annotations

import json
import statistics
import threading
import time
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import text

from desktop.services.demo import fill_demo
from desktop.services.profiles import ProfileService
from desktop.services.workspace import Workspace
from desktop.store.search import (
    HouseholdFilter,
    HouseholdRow,
    count_households,
    list_households,
)
from desktop.store.thai_sort import thai_sort_key

FRAGMENTS = {1: "ผ", 2: "ใจ", 3: "ทอง", 5: "แก้วม"}
RUNS = 7


def _median_ms(action: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_workspace(profiles_dir: Path, households: int) -> tuple[Workspace, float | None]:
    """The benchmark replica of ``households`` households; build seconds if it was made."""
    service = ProfileService(profiles_dir)
    name = f"bench-{households}"
    if name not in {p.name for p in service.list_profiles()}:
        service.create_demo_profile(name)
    workspace = service.unlock(name)
    built = None
    if workspace.count_households() < households:
        started = time.perf_counter()
        fill_demo(workspace, households=households - workspace.count_households())
        built = time.perf_counter() - started
    return workspace, built


def _page(workspace: Workspace, query: str = "", offset: int = 0,
          after: HouseholdRow | None = None) -> int:
    """One page of the list and the count the list shows, as the UI asks for them."""
    with workspace.database.reader.connect() as connection:
        flt = HouseholdFilter(query=query)
        rows = list_households(connection, flt, offset=offset, limit=100, after=after)
        count_households(connection, flt)
    return len(rows)


def _row_at(workspace: Workspace, offset: int) -> HouseholdRow | None:
    with workspace.database.reader.connect() as connection:
        rows = list_households(connection, HouseholdFilter(), offset=offset, limit=1)
    return rows[0] if rows else None


def _naive_search(workspace: Workspace, fragment: str) -> int:
    """The baseline: LIKE over every member's names, no index."""
    with workspace.database.reader.connect() as connection:
        return len(connection.execute(text(
            "SELECT DISTINCT household_id FROM member WHERE given_name || ' ' || family_name "
            "LIKE :q"), {"q": f"%{fragment}%"}).fetchall())


def _naive_sort(workspace: Workspace) -> int:
    """The baseline: read every head name and sort in Python."""
    with workspace.database.reader.connect() as connection:
        names = [r[0] for r in connection.execute(text("SELECT head_name FROM household_index"))]
    return len(sorted(names, key=thai_sort_key)[:100])


def _while_writing(workspace: Workspace, action: Callable[[], Any]) -> float:
    """``action``'s median time while another thread holds a long write transaction."""
    holding, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with workspace.database.writer.begin() as connection:
            connection.execute(text("UPDATE household SET notes = notes WHERE moo <= 6"))
            holding.set()
            release.wait(120)

    writer = threading.Thread(target=long_write)
    writer.start()
    holding.wait(120)
    try:
        return _median_ms(action)
    finally:
        release.set()
        writer.join()


def measure(workspace: Workspace) -> dict[str, Any]:
    middle = workspace.count_households() // 2
    after_row = _row_at(workspace, max(middle - 1, 0))
    results: dict[str, Any] = {
        "households": workspace.count_households(),
        "file_mb": round(workspace.database.path.stat().st_size / 2**20, 1),
        "first_page_ms": _median_ms(lambda: _page(workspace)),
        "deep_page_offset_ms": _median_ms(lambda: _page(workspace, offset=middle)),
        "deep_page_keyset_ms": _median_ms(lambda: _page(workspace, after=after_row)),
        "sort_first_page_ms": _median_ms(lambda: _page(workspace)),
        "sort_baseline_python_ms": _median_ms(lambda: _naive_sort(workspace), runs=3),
    }
    for length, fragment in FRAGMENTS.items():
        results[f"search_{length}_ms"] = _median_ms(lambda f=fragment: _page(workspace, f))
        results[f"search_{length}_baseline_like_ms"] = _median_ms(
            lambda f=fragment: _naive_search(workspace, f), runs=3)
        results[f"search_{length}_while_writing_ms"] = _while_writing(
            workspace, lambda f=fragment: _page(workspace, f))
    return results


def report(results: dict[str, Any]) -> str:
    lines = [f"households: {results['households']:,}   database: {results['file_mb']} MB"]
    for key, value in results.items():
        if key.endswith("_ms"):
            lines.append(f"{key:40s} {value:10.2f} ms")
    for length in FRAGMENTS:
        ours, naive = results[f"search_{length}_ms"], results[f"search_{length}_baseline_like_ms"]
        lines.append(f"search {length} chars: {naive / max(ours, 0.001):6.1f}× faster than LIKE")
    ratio = results["sort_baseline_python_ms"] / max(results["sort_first_page_ms"], 0.001)
    lines.append(f"sorted first page: {ratio:6.1f}× faster than sorting in Python")
    return "\n".join(lines)


def run(profiles_dir: Path, *, quick: bool, json_path: str | None,
        households: int | None = None) -> int:
    households = households or (10_000 if quick else 100_000)
    workspace, built = bench_workspace(profiles_dir, households)
    try:
        if built is not None:
            print(f"built the {households:,}-household replica in {built:.1f} s (not timed below)")
        results = measure(workspace)
    finally:
        workspace.close()
    print(report(results))
    if json_path:
        Path(json_path).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0
