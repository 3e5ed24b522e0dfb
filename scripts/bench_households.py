"""Time the Households list on a large demo replica, as the user feels it.

    .venv/bin/python scripts/bench_households.py [--households 20000] [--data-dir DIR]

Builds (or reuses, with ``--data-dir``) a demo profile of N households, then
measures on the real page, offscreen: opening the model until the first page is
shown, a search keystroke (the debounce excluded) until its rows are shown, for
one, two and more Thai characters, a filter change, and scrolling one page further.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from desktop.services.demo import open_demo_workspace
from desktop.ui.fonts import use_thai_font
from desktop.ui.households import HouseholdsPage
from desktop.ui.tasks import TaskRunner

QUERIES = ("ส", "สม", "สมศ", "ศรีทอง", "1")


def wait(app: QApplication, done, timeout: float = 30.0) -> float:
    """Process events until ``done()``; the seconds it took."""
    start = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the list did not load")
    return time.perf_counter() - start


def timed_load(app: QApplication, page: HouseholdsPage, action) -> float:
    """Milliseconds from ``action()`` to the model holding the answer's rows, painted."""
    start = time.perf_counter()
    action()
    wait(app, lambda: page.model.loaded and not page.model.is_loading())
    page.table.viewport().repaint()
    return (time.perf_counter() - start) * 1000


def typed(page: HouseholdsPage, text: str):
    def action() -> None:
        page.search.setText(text)
        page.apply_filter()  # as when the 250 ms pause after the keystroke ends
    return action


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="porpiang-bench-"))
    app = QApplication.instance() or QApplication([])
    use_thai_font(app)
    start = time.perf_counter()
    workspace = open_demo_workspace(data_dir / "profiles", households=args.households)
    built = time.perf_counter() - start
    total = workspace.count_households()
    print(f"replica: {total} households at {data_dir} (opened/built in {built:.1f} s)")
    tasks = TaskRunner()
    try:
        report(app, workspace, tasks)
    finally:
        tasks.shutdown()
        workspace.close()
    return 0


def report(app: QApplication, workspace, tasks: TaskRunner) -> None:
    start = time.perf_counter()
    page = HouseholdsPage(workspace, tasks)
    page.resize(1100, 700)
    page.show()
    wait(app, lambda: page.model.loaded)
    page.table.viewport().repaint()
    first = (time.perf_counter() - start) * 1000
    print(f"open page → first {page.model.rowCount()} rows shown: {first:.0f} ms "
          f"(total {page.model.total})")
    for query in QUERIES:
        runs = [timed_load(app, page, typed(page, q)) for q in ("", query, "", query)][1::2]
        print(f"search {query!r:>10} → {page.model.total:>6} rows, first page shown: "
              f"{min(runs):.0f} ms (best of 2; +250 ms typing pause)")
    page.search.clear()
    moo = timed_load(app, page, lambda: page.moo_combo.setCurrentIndex(3))
    print(f"filter moo 3 → {page.model.total} rows: {moo:.0f} ms")
    page.moo_combo.setCurrentIndex(0)
    wait(app, lambda: page.model.loaded and not page.model.is_loading())
    before = page.model.rowCount()
    start = time.perf_counter()
    page.model.fetchMore()
    wait(app, lambda: page.model.rowCount() > before)
    print(f"scroll: next page of {page.model.rowCount() - before} rows: "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
