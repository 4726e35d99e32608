"""SMAA timing and peak memory at 10k and 100k weight samples on the real pillar matrix.

Run:  .venv/bin/python bench/bench_sensitivity.py
"""

from __future__ import annotations

import platform
import time
import tracemalloc

from strategy.analysis.sensitivity import smaa, stability_table
from strategy.data.dataset import load_dataset
from strategy.scoring import Universe, market_scores, prepare_criteria


def main() -> None:
    dataset = load_dataset()
    universe = Universe().select(dataset)
    pillars = market_scores(dataset, prepare_criteria(dataset, universe)).pillars
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}; date {time.strftime('%Y-%m-%d')}")
    print(f"Matrix: {pillars.shape[0]} countries × {pillars.shape[1]} criteria (pillar scores)\n")
    print("| run | samples | seconds | peak memory MiB |")
    print("|---|---:|---:|---:|")
    for label, n, kwargs in (
        ("SMAA, fixed values", 10_000, {}),
        ("SMAA, fixed values", 100_000, {}),
    ):
        smaa(pillars, 1_000, seed=0, **kwargs)  # warm-up
        tracemalloc.start()
        start = time.perf_counter()
        smaa(pillars, n, seed=0, **kwargs)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"| {label} | {n:,} | {seconds:.3f} | {peak:.1f} |")
    weights = {c: 1.0 for c in pillars.columns}
    start = time.perf_counter()
    stability_table(pillars, weights, k=5)
    print(
        f"| exact stability intervals, top-1 and top-5, all {pillars.shape[1]} weights | - | {time.perf_counter() - start:.3f} | - |"
    )


if __name__ == "__main__":
    main()
