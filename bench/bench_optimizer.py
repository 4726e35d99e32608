"""Optimiser speed: HiGHS and CBC side by side on the issue's instances, and a 20-point budget frontier.

Run:  .venv/bin/python bench/bench_optimizer.py [--repeat 3] [--no-cbc-frontier]
(prints a Markdown section for docs/benchmarks.md)

Instances (real data unless said otherwise; opportunity from the default scoring):
- realistic: the 11 focus countries + the 40 other countries with the best single opportunity, all 18
  fields; budget 40, staff 30, at most 8 countries, at least 3 ASEAN countries, phase order, 3 periods
  without a per-period budget (the model then puts every entry in period 1 and says so);
- realistic, per-period budget: the same with 15 per period (a real 3-period schedule);
- stress (real): every country with scores (185) × 18 fields × 5 periods, budget 120, 30 per period,
  staff 90, at most 25 countries, at least 3 ASEAN countries;
- stress (random): 200 countries × 17 fields × 5 periods, random values (country effect + noise) and
  costs scaled by 0.75/1/1.25 at random, same limits (a random group of 20 with a minimum of 3);
- frontier: the realistic instance at 20 budgets (10, 13, ..., 67), each optimum starting the next;
- with ``--packages`` (HiGHS only, instead of the above): the realistic instance with the entries' financing
  routes and the ICT packages of the data (issue 14): packages on; packages and two pools (commercial 10,
  yen loan 3: the commercial pool binds); packages and three tight pools (commercial 8, grant aid 2,
  technical cooperation 3).
Gap tolerance: 1e-4 (HiGHS's default) for the realistic instances and the frontier, 1e-3 (0.1%) for
the stress instances. Times are wall-clock seconds; HiGHS rows are medians over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import time
from dataclasses import replace
from importlib.metadata import version

import highspy

from strategy.data.dataset import load_dataset
from strategy.optimize import Constraints, Entries, Plan, SolverSettings, frontier, instances, prerequisites_of, solve

FRONTIER_BUDGETS = [10.0 + 3 * k for k in range(20)]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kib = int(next(line.split()[1] for line in handle if line.startswith("MemTotal")))
        memory = f"{kib / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration):
        memory = "RAM unknown"
    return f"{os.cpu_count()} logical CPUs ({cpu}), {memory}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def cbc_version() -> str:
    import pulp

    try:
        out = subprocess.run(
            [pulp.PULP_CBC_CMD.pulp_cbc_path, "-quit"], capture_output=True, text=True, timeout=10
        ).stdout
        return next((line.split()[1] for line in out.splitlines() if line.startswith("Version")), "?")
    except (OSError, subprocess.SubprocessError):
        return "?"


def row(name: str, size: str, plan: Plan, solve_seconds: float, build_seconds: float) -> str:
    gap = "–" if plan.gap is None else f"{plan.gap:.1e}"
    return (
        f"| {name} | {size} | {plan.n_variables:,} × {plan.n_constraints:,} | {plan.solver} | {plan.status} | {gap} | "
        f"{plan.objective:.4f} | {build_seconds:.2f} | {solve_seconds:.2f} | {build_seconds + solve_seconds:.2f} | {plan.stages} |"
    )


def timed_solve(
    entries: Entries, c: Constraints, settings: SolverSettings, pre: dict, repeat: int
) -> tuple[Plan, float, float]:
    plans = [solve(entries, c, settings, pre) for _ in range(repeat)]
    return (
        plans[len(plans) // 2],
        statistics.median(p.solve_seconds for p in plans),
        statistics.median(p.build_seconds for p in plans),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="HiGHS runs per instance (median reported)")
    parser.add_argument("--no-cbc-frontier", action="store_true", help="skip the (slow) CBC frontier")
    parser.add_argument("--cbc-limit", type=float, default=60.0, help="CBC time limit per solve, seconds")
    parser.add_argument("--packages", action="store_true", help="only the ICT package and funding pool rows (HiGHS)")
    args = parser.parse_args()
    if args.packages:
        packages_rows(args.repeat)
        return

    highspy.Highs()  # HiGHS prints its banner once per process: get it out of the way of the table
    load_before = os.getloadavg()[0]
    dataset = load_dataset()
    entries = instances.scored_entries(dataset)
    pre = prerequisites_of(dataset.fields)
    asean = instances.asean_members(dataset)
    realistic = instances.realistic_entries(entries, dataset)
    base = instances.realistic_constraints(asean)
    stress_c = instances.asean_constraints(
        asean, budget=120.0, period_budget=30.0, staff=90.0, max_countries=25, periods=5
    )
    random_set = instances.random_entries(dataset)
    group = tuple(f"R{k:03d}" for k in range(0, 200, 10))
    cases = [
        ("realistic", realistic, base, 1e-4),
        ("realistic, per-period budget 15", realistic, replace(base, period_budget=15.0), 1e-4),
        ("stress (real)", entries, stress_c, 1e-3),
        ("stress (random)", random_set, replace(stress_c, groups={"G": group}, group_min={"G": 3}), 1e-3),
    ]

    def size(e: Entries, c: Constraints) -> str:
        t = e.table
        return f"{t['iso3'].nunique()} × {t['field_id'].nunique()} × {c.periods}"

    print("## Optimiser (`bench/bench_optimizer.py`)\n")
    print(f"Machine: {machine()}. Date: {dt.date.today().isoformat()}. Load average before the run: {load_before:.2f}.")
    print(f"HiGHS {version('highspy')} (highspy), CBC {cbc_version()} (bundled with PuLP {version('pulp')}).\n")
    print(
        "| instance | countries × fields × periods | model (columns × rows) | solver | status | gap | objective | build s | solve s | total s | stage |"
    )
    print("|---|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    for name, e, c, gap in cases:
        plan, solve_s, build_s = timed_solve(
            e, c, SolverSettings(solver="highs", gap=gap, time_limit=60.0), pre, args.repeat
        )
        print(row(name, size(e, c), plan, solve_s, build_s), flush=True)
        plan = solve(e, c, SolverSettings(solver="cbc", gap=gap, time_limit=args.cbc_limit), pre)
        print(row(name, size(e, c), plan, plan.solve_seconds, plan.build_seconds), flush=True)

    print(
        "\n| frontier (realistic, 20 budgets 10–67) | solver | all optimal | total s | slowest point s | budgets at the slowest |"
    )
    print("|---|---|---|---:|---:|---|")
    solvers = ["highs"] if args.no_cbc_frontier else ["highs", "cbc"]
    for solver in solvers:
        settings = SolverSettings(solver=solver, time_limit=60.0 if solver == "highs" else args.cbc_limit)
        runs = []
        for _ in range(args.repeat if solver == "highs" else 1):
            start = time.perf_counter()
            points = frontier(realistic, base, FRONTIER_BUDGETS, settings, pre)
            runs.append((time.perf_counter() - start, points))
        total, points = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
        slowest = max(points, key=lambda bp: bp[1].solve_seconds + bp[1].build_seconds)
        statuses = {p.status for _, p in points}
        print(
            f"| 20 points | {solver} | {'yes' if statuses == {'optimal'} else ', '.join(sorted(statuses))} | "
            f"{total:.2f} | {slowest[1].solve_seconds + slowest[1].build_seconds:.2f} | {slowest[0]:g} |",
            flush=True,
        )
    print(f"\nLoad average after the run: {os.getloadavg()[0]:.2f}.")


#: The funding pools of the ``--packages`` rows (route -> budget).
POOLS: dict[str, dict[str, float]] = {
    "two pools": {"commercial": 10.0, "yen_loan": 3.0},
    "three tight pools": {"commercial": 8.0, "grant_aid": 2.0, "technical_cooperation": 3.0},
}


def packages_rows(repeat: int) -> None:
    """The realistic instance with routes and packages (see the module docstring), HiGHS medians."""
    highspy.Highs()
    load_before = os.getloadavg()
    dataset = load_dataset()
    pre = prerequisites_of(dataset.fields)
    realistic = instances.realistic_entries(instances.scored_plan_entries(dataset), dataset)
    base = instances.realistic_constraints(instances.asean_members(dataset))
    cases = [
        ("realistic, routes, packages off", base),
        ("realistic, packages", replace(base, use_packages=True)),
        *(
            (f"realistic, packages, {name}", replace(base, use_packages=True, pool_budget=pools))
            for name, pools in POOLS.items()
        ),
        *((f"realistic, no packages, {name}", replace(base, pool_budget=pools)) for name, pools in POOLS.items()),
    ]
    print(
        f"Machine: {machine()}. Date: {dt.date.today().isoformat()}. Load average before: {load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}.\n"
    )
    print(
        "| instance | model (columns × rows) | status | gap | objective | build s | solve s | total s | stage | binding | packages |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|")
    for name, c in cases:
        plan, solve_s, build_s = timed_solve(realistic, c, SolverSettings(solver="highs", time_limit=60.0), pre, repeat)
        gap = "–" if plan.gap is None else f"{plan.gap:.1e}"
        binding = ", ".join(str(g) for g in plan.binding)
        print(
            f"| {name} | {plan.n_variables:,} × {plan.n_constraints:,} | {plan.status} | {gap} | {plan.objective:.4f} | "
            f"{build_s:.2f} | {solve_s:.2f} | {build_s + solve_s:.2f} | {plan.stages} | {binding} | {len(plan.packages)} |",
            flush=True,
        )
    print(f"\nLoad average after the run: {os.getloadavg()[0]:.2f}.")


if __name__ == "__main__":
    main()
