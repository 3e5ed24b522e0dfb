"""The store benchmark runs end to end (on a small replica) and reports every figure."""

from __future__ import annotations

import json

from desktop import bench_store


def test_bench_store_reports_every_figure(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert bench_store.run(tmp_path / "profiles", quick=True, json_path=str(out),
                           households=150) == 0
    printed = capsys.readouterr().out
    results = json.loads(out.read_text())
    assert results["households"] == 150
    for length in bench_store.FRAGMENTS:
        for suffix in ("", "_baseline_like", "_while_writing"):
            assert results[f"search_{length}{suffix}_ms"] > 0
        assert f"search {length} chars:" in printed
    assert "faster than sorting in Python" in printed
    assert "built the 150-household replica" in printed
    bench_store.run(tmp_path / "profiles", quick=True, json_path=None, households=150)
    assert "built the" not in capsys.readouterr().out  # reused, not rebuilt
