"""Scenario sweep speed: a 3 × 3 × 3 sweep (27 points) of the optimiser benchmark's realistic instance.

Run:  .venv/bin/python bench/bench_sweep.py [--repeat 1] [--workers 2]
(prints a Markdown section for docs/benchmarks.md)

The realistic instance (see ``bench/bench_optimizer.py``): the 11 focus countries + the 40 other
countries with the best single opportunity at the default weights, all 18 fields, budget 40, staff
30, at most 8 countries, at least 3 ASEAN countries, phase order, 3 periods without a per-period
budget. The sweep: budget 20, 30, 40 × weight preset balanced, asean_growth, digital_gap × Viet Nam's
cost multiplier 1, 1.5, 2. Rows: serial (the built-in ``map``), a pool of ``--workers`` spawned
processes, and both without the exact reuse of a looser neighbour's optimum (``reuse=False``).
Scoring (once per preset) is timed apart from the solves. Times are wall-clock seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from collections.abc import Callable

import highspy
from bench_optimizer import machine

from strategy.analysis import sweep as sw
from strategy.data.dataset import load_dataset
from strategy.optimize import instances
from strategy.scenario import Scenario

DEFINITION = sw.SweepDefinition(
    (
        sw.SweepAxis("budget", (20.0, 30.0, 40.0)),
        sw.SweepAxis("preset", ("balanced", "asean_growth", "digital_gap")),
        sw.SweepAxis("cost_scale", (1.0, 1.5, 2.0), "VNM"),
    )
)


def timed(run: Callable[[], sw.SweepResult], repeat: int) -> tuple[float, float, sw.SweepResult]:
    """Median wall-clock seconds, this process's CPU seconds in that run, and its result."""
    runs = []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = run()
        runs.append((time.perf_counter() - start, time.process_time() - cpu, result))
    runs.sort(key=lambda r: r[0])
    return runs[len(runs) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="runs per row (median reported)")
    parser.add_argument("--workers", type=int, default=2, help="processes of the pool rows")
    args = parser.parse_args()

    highspy.Highs()  # HiGHS prints its banner once per process
    load_before = os.getloadavg()
    dataset = load_dataset()
    asean = instances.asean_members(dataset)
    keep = instances.realistic_countries(instances.scored_entries(dataset).table, dataset.focus)
    base = Scenario.default(dataset)
    scenario = Scenario(market_weights=base.market_weights, constraints=instances.realistic_constraints(asean))
    start = time.perf_counter()
    tasks = sw.sweep_tasks(dataset, scenario, DEFINITION, countries=keep)
    scoring = time.perf_counter() - start

    rows = []
    with sw.process_map(args.workers) as pool:
        start = time.perf_counter()
        pool.warm()
        warm = time.perf_counter() - start
        for name, mapper, reuse in (
            ("serial", map, True),
            (f"pool of {args.workers}", pool, True),
            ("serial, no reuse", map, False),
            (f"pool of {args.workers}, no reuse", pool, False),
        ):
            total, cpu, result = timed(
                lambda m=mapper, r=reuse: sw.run_sweep(DEFINITION, tasks, map=m, reuse=r), args.repeat
            )
            solved = [p.seconds for p in result.points if p.derived_from is None]
            statuses = {p.status for p in result.points}
            rows.append((name, total, cpu if mapper is map else None, result, solved, statuses))
            print(f"{name}: {total:.2f} s", flush=True)
    load_after = os.getloadavg()
    values = [p.value for p in rows[0][3].points]
    same = all([p.value for p in r[3].points] == values for r in rows)

    print("\n## Scenario sweep (`bench/bench_sweep.py`)\n")
    print(
        f"Machine: {machine()}. Date: {dt.date.today().isoformat()}. Load average (1/5/15 min) before "
        f"{load_before[0]:.2f}/{load_before[1]:.2f}/{load_before[2]:.2f}, after "
        f"{load_after[0]:.2f}/{load_after[1]:.2f}/{load_after[2]:.2f}. Median of {args.repeat} run(s) per row."
    )
    print(
        f"Scoring and making the 27 tasks (3 presets scored once each): {scoring:.2f} s. Starting the pool's "
        f"{args.workers} spawned workers (before the pool rows, not counted in them): {warm:.2f} s.\n"
    )
    print(
        "| run | points | solves | all optimal | total s | CPU s (serial: all of it) | per solve median s | slowest solve s |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    for name, total, cpu, result, solved, statuses in rows:
        ok = "yes" if statuses == {"optimal"} else ", ".join(sorted(statuses))
        cpu_text = "–" if cpu is None else f"{cpu:.2f}"
        print(
            f"| {name} | {len(result.points)} | {len(solved)} | {ok} | **{total:.2f}** | {cpu_text} | "
            f"{statistics.median(solved):.2f} | {max(solved):.2f} |"
        )
    print(f"\nSame plan values in every row: {'yes' if same else 'NO'}.")


if __name__ == "__main__":
    main()
