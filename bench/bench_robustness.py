"""Plan robustness: time to re-solve the plan over weight samples.

Run:  .venv/bin/python bench/bench_robustness.py [samples]   (prints a Markdown table)

The Plan page's default rules (budget 30, staff 25, 3 periods without a per-period budget) on two
universes (the 11 focus markets; every country with scores), HiGHS, 10 s limit per solve, weights
drawn uniformly on the simplex (seed 0), no overall time limit. Peak memory is the process's
maximum resident set size.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
import time
from dataclasses import replace

import numpy as np

from strategy.dataset import load_dataset
from strategy.optimizer import Constraints, SolverSettings, prerequisites_of
from strategy.robustness import plan_robustness
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe
from strategy.sensitivity import sample_simplex


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    ds = load_dataset()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{time.strftime('%Y-%m-%d')}; {n} samples\n"
    )
    print(
        "| universe | countries | samples solved | not optimal | same plan as base | total s | per solve s (median) | stable core / base entries |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, universe in (("focus (ASEAN-10 + India)", Universe(focus_only=True)), ("all countries", Universe())):
        scenario = replace(Scenario.default(ds), universe=universe)
        ev = evaluate(ds, scenario)
        cols = ev.market.pillars.columns
        base = np.array([scenario.market_weights.pillars.get(c, 0.0) for c in cols], float)
        samples = sample_simplex(n, len(cols), np.random.default_rng(0))
        stamps: list[float] = [time.perf_counter()]
        result = plan_robustness(
            ev.market,
            ev.fit,
            ev.threat,
            scenario.opportunity_weights,
            ds.fields,
            ds.countries,
            Constraints(),
            base,
            samples,
            settings=SolverSettings(time_limit=10.0),
            prerequisites=prerequisites_of(ds.fields),
            time_budget=3600,
            progress=lambda done, total, stamps=stamps: stamps.append(time.perf_counter()),
        )
        per = statistics.median(np.diff(stamps[1:])) if len(stamps) > 2 else float("nan")
        print(
            f"| {name} | {len(ev.market.score)} | {result.solved} | {result.not_optimal} | {result.same_as_base} | "
            f"{result.seconds:.1f} | {per:.3f} | {len(result.core())} / {len(result.base.selection)} |"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory (max RSS of the process): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
