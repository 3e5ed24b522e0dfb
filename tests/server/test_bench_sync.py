"""Smoke test of ``scripts/bench_sync.py`` (method: ``docs/bench-sync.md``): its main
function on 50 demo households on SQLite prints every figure and writes them as
JSON.  No timing is asserted; only that everything pushed arrived and was pulled."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_sync.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_sync", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_sync_benchmark_prints_every_figure(tmp_path):
    bench = load_bench()
    out, figures_file = io.StringIO(), tmp_path / "bench.json"
    assert bench.main(["--households", "50", "--database", "sqlite",
                       "--json", str(figures_file)], out=out) == 0
    printed = out.getvalue()
    for name in bench.FIGURES:
        assert f"[sqlite] {name} " in printed, f"{name!r} missing from:\n{printed}"
    for side in ("client thread", "server handler"):
        header = next(line for line in printed.splitlines()
                      if "by cumulative time" in line and side in line)
        table = printed.split(header, 1)[1].splitlines()[1:]
        assert "ncalls" in table[0] and "cumtime" in table[0]
        assert len([line for line in table[1:bench.TOP + 1] if "(" in line]) == bench.TOP

    figures = json.loads(figures_file.read_text(encoding="utf-8"))["databases"]["sqlite"]
    saved = figures["records saved"]
    assert figures["households"] == 50 and saved > 50 * 5
    assert figures["push records"] == saved and figures["push statuses"] == {"applied": saved}
    assert figures["rows on server"] == figures["rows pulled"] == figures["pull records"] == saved
    assert figures["push requests"] >= 1 and figures["pull requests"] >= 1
    for side in ("push", "pull"):
        assert figures[f"{side} bytes sent"] > 0 and figures[f"{side} bytes received"] > 0
    assert figures["profiled side"]["side"] in ("push", "pull")
