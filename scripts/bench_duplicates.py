"""Time the possible-duplicate lookup on a large demo replica, against the list's count.

    .venv/bin/python scripts/bench_duplicates.py [--households 100000] [--data-dir DIR]

Builds (or reuses, with ``--data-dir``) a demo profile of N households, then times,
through the service and in the same run: counting all households (the baseline) and
a one-character search count, then the duplicate lookup by address, by national IDs,
both at once, and a miss.  Values are typed as a person would (Thai digits, dashes).
Prints the best and the median of the runs, and the query plans of the lookup.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, text

from desktop.services.demo import open_demo_workspace
from desktop.services.duplicates import find_possible_duplicates
from desktop.store.search import HouseholdFilter
from sync.records.thai import format_national_id, to_thai_digits

RUNS = 30
UNKNOWN_ID = "1101700230705"  # a valid ID no demo member holds (demo IDs are random)


def timed(action, runs: int = RUNS) -> tuple[float, float]:
    """(best, median) milliseconds of ``action()`` after one warm-up call."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def target(workspace) -> tuple[str, int, str, list[str], str]:
    """A household with a "/" house number and two members' IDs, and another's ID."""
    with workspace.database.reader.connect() as connection:
        household_id, moo, house_no = connection.execute(text(
            "SELECT i.household_id, i.moo, i.house_no FROM household_index i "
            "WHERE i.house_no LIKE '%/%' AND (SELECT count(national_id) FROM member m "
            "WHERE m.household_id = i.household_id AND NOT m.deleted) >= 2 "
            "ORDER BY i.row LIMIT 1 OFFSET 500")).one()
        ids = list(connection.execute(text(
            "SELECT national_id FROM member WHERE household_id = :h AND NOT deleted "
            "AND national_id IS NOT NULL LIMIT 2"), {"h": household_id}).scalars())
        other = connection.execute(text(
            "SELECT national_id FROM member WHERE household_id != :h AND NOT deleted "
            "AND national_id IS NOT NULL LIMIT 1 OFFSET 12345"), {"h": household_id}).scalar()
    return household_id, moo, house_no, ids, other


def typed_id(national_id: str) -> str:
    return to_thai_digits(format_national_id(national_id))


def cases(workspace, tambon: str) -> dict[str, dict]:
    household_id, moo, house_no, ids, other = target(workspace)
    address = {"tambon": tambon, "moo": to_thai_digits(str(moo)),
               "house_no": to_thai_digits(house_no)}
    nobody = {"tambon": None, "moo": None, "house_no": None}
    return {
        "address only": dict(**address, national_ids=[]),
        "3 IDs only": dict(**nobody, national_ids=[typed_id(i) for i in ids + [other]]),
        "both, editing": dict(**address, national_ids=[typed_id(i) for i in ids + [other]],
                              exclude_id=household_id),
        "miss": dict(**{**address, "house_no": "๙๙๙/๙"}, national_ids=[typed_id(UNKNOWN_ID)]),
    }


def plans(workspace, arguments: dict) -> list[str]:
    """The query plans of the statements one lookup runs."""
    statements: list[tuple[str, object]] = []
    engine = workspace.database.reader

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        find_possible_duplicates(workspace, **arguments)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    lines = []
    with engine.connect() as connection:
        for statement, parameters in statements:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            lines += [f"    {row[-1]}" for row in rows]
    return lines


def member_scan(workspace) -> float:
    """Best milliseconds of finding one ID's households with no index: what is avoided."""
    with workspace.database.reader.connect() as connection:
        return timed(lambda: connection.execute(text(
            "SELECT household_id FROM member WHERE national_id = :n AND NOT deleted"),
            {"n": UNKNOWN_ID}).all(), runs=3)[0]


def report(workspace, tambon: str) -> None:
    best, median = timed(lambda: workspace.count_households())
    print(f"baseline count_households(): best {best:.2f} ms, median {median:.2f} ms")
    best, median = timed(lambda: workspace.count_households(HouseholdFilter(query="1")))
    print(f"search count '1' (for scale): best {best:.2f} ms, median {median:.2f} ms")
    for name, arguments in cases(workspace, tambon).items():
        found = find_possible_duplicates(workspace, **arguments)
        reasons = sorted({r for d in found for r in d.reasons})
        best, median = timed(lambda a=arguments: find_possible_duplicates(workspace, **a))
        print(f"duplicates, {name:<14} → {len(found):>3} households {reasons}: "
              f"best {best:.2f} ms, median {median:.2f} ms")
    print(f"for scale, the member table scanned for one ID: {member_scan(workspace):.0f} ms")
    print("query plans of one lookup (both ways):")
    print("\n".join(plans(workspace, cases(workspace, tambon)["both, editing"])))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="porpiang-bench-"))
    start = time.perf_counter()
    workspace = open_demo_workspace(data_dir / "profiles", households=args.households)
    built = time.perf_counter() - start
    try:
        total = workspace.count_households()
        print(f"replica: {total} households at {data_dir} (opened/built in {built:.1f} s)")
        tambon = workspace.list_households(limit=1).rows[0].tambon
        report(workspace, tambon)
    finally:
        workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
