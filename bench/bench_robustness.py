"""Plan robustness: time and memory to re-solve the plan over 200 pillar-weight samples.

Run:  .venv/bin/python bench/bench_robustness.py [--samples 200] [--warm-check 30]
(prints a Markdown section for docs/benchmarks.md)

Instances (real data, default scoring; the market score's min-max range spans every scored country,
as on the Plan page):
- realistic: the optimiser benchmark's instance: the 11 focus countries + the 40 other countries
  with the best single opportunity at the default weights (the rest excluded), all 18 fields,
  3 periods without a per-period budget; budget 40, staff 30, at most 8 countries, at least
  3 ASEAN countries, phase order;
- Plan page defaults: every scored country, the Plan page's default rules (budget 30, staff 25,
  3 periods).
Weights drawn uniformly on the simplex (seed 0), HiGHS, gap 1e-4, at most 10 s per solve, no overall
time limit. "per sample" is one sample's re-scoring plus its solve (``PlanRobustness.runs``).
Peak memory is the process's maximum resident set size (after loading the data and the run).
The warm-start check re-solves the first ``--warm-check`` samples of the realistic instance with
and without the base plan as a start.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import time

import highspy
import numpy as np

from strategy.analysis.robustness import PlanRobustness, plan_robustness, sampled_market
from strategy.analysis.sensitivity import sample_simplex
from strategy.data.dataset import Dataset, load_dataset
from strategy.optimize import Constraints, SolverSettings, entries_from_scores, instances, prerequisites_of, solve
from strategy.scenario import Evaluation, Scenario, evaluate
from strategy.scoring import opportunity

SOLVE_LIMIT = 10.0


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def realistic_rules(ds: Dataset, ev: Evaluation, others: int = 40) -> Constraints:
    """The optimiser benchmark's realistic instance, as constraints on every scored country."""
    keep = instances.realistic_countries(ev.opportunity, ds.focus, others, value="opportunity")
    rest = tuple(sorted(str(k) for k in ev.market.score.index if k not in keep))
    return instances.realistic_constraints(instances.asean_members(ds), exclude_countries=rest)


def run(ds: Dataset, scenario: Scenario, ev: Evaluation, c: Constraints, samples: np.ndarray) -> PlanRobustness:
    cols = ev.market.pillars.columns
    base = np.array([scenario.market_weights.pillars.get(k, 0.0) for k in cols], float)
    return plan_robustness(
        ev.market,
        ev.fit,
        ev.threat,
        scenario.opportunity_weights,
        ds.fields,
        ds.countries,
        c,
        base,
        samples,
        settings=SolverSettings(time_limit=SOLVE_LIMIT),
        prerequisites=prerequisites_of(ds.fields),
        time_budget=3600.0,
    )


def warm_check(ds: Dataset, scenario: Scenario, ev: Evaluation, c: Constraints, result: PlanRobustness, n: int) -> str:
    """Median seconds per solve from the base plan and from nothing, on the same samples."""
    samples = sample_simplex(n, ev.market.pillars.shape[1], np.random.default_rng(0))
    pre = prerequisites_of(ds.fields)
    times: dict[str, list[float]] = {"warm": [], "cold": []}
    same = 0
    for i, w in enumerate(samples):
        table = opportunity(sampled_market(ev.market, w), ev.fit, ev.threat, scenario.opportunity_weights)
        entries = entries_from_scores(table, ds.fields, ds.countries)
        plans = {}
        order = [("warm", result.base), ("cold", None)]
        for name, start in order[:: 1 if i % 2 == 0 else -1]:  # alternate which goes first
            began = time.perf_counter()
            plans[name] = solve(entries, c, SolverSettings(time_limit=SOLVE_LIMIT), pre, start=start)
            times[name].append(time.perf_counter() - began)
        same += abs(plans["warm"].objective - plans["cold"].objective) <= 1e-6 * max(1.0, abs(plans["cold"].objective))
    return (
        f"Warm start (realistic, first {n} samples): median {statistics.median(times['warm']):.3f} s per solve "
        f"from the base plan, {statistics.median(times['cold']):.3f} s from nothing; same objective in {same}/{n}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--warm-check", type=int, default=30, help="samples for the warm-start check (0: skip)")
    args = parser.parse_args()

    highspy.Highs()  # HiGHS prints its banner once per process: keep it out of the table
    load_before = os.getloadavg()[0]
    ds = load_dataset()
    scenario = Scenario.default(ds)
    ev = evaluate(ds, scenario)
    after_load = peak_mib()
    samples = sample_simplex(args.samples, ev.market.pillars.shape[1], np.random.default_rng(0))
    realistic = realistic_rules(ds, ev)
    instances = [
        ("realistic (11 focus + 40 others)", realistic, 51),
        ("Plan page defaults, every country", Constraints(), len(ev.market.score)),
    ]

    print("## Plan robustness (`bench/bench_robustness.py`)\n")
    print(
        f"Machine: {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}. Date: {dt.date.today().isoformat()}. Load average before: {load_before:.2f}.\n"
    )
    print(
        "| instance | countries × fields × periods | samples solved / requested | not optimal | same plan as base "
        "| total s | per sample mean s | median s | p90 s | max s | stable core / base entries | entries ever chosen |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    results = {}
    for name, c, n_countries in instances:
        result = run(ds, scenario, ev, c, samples)
        results[name] = result
        s = result.runs["seconds"]
        print(
            f"| {name} | {n_countries} × {len(ds.fields)} × {c.periods} | {result.solved} / {result.requested} | "
            f"{result.not_optimal} | {result.same_as_base} | {result.seconds:.1f} | {s.mean():.3f} | "
            f"{s.median():.3f} | {s.quantile(0.9):.3f} | {s.max():.3f} | "
            f"{len(result.core())} / {len(result.base.selection)} | {int((result.table['chosen'] > 0).sum())} |",
            flush=True,
        )
    # re-scoring alone (what the solve loop adds per sample besides the solve)
    began = time.perf_counter()
    for w in samples[:50]:
        table = opportunity(sampled_market(ev.market, w), ev.fit, ev.threat, scenario.opportunity_weights)
        entries_from_scores(table, ds.fields, ds.countries)
    rescoring = (time.perf_counter() - began) / 50
    print(f"\nRe-scoring one sample (opportunity of {len(table):,} pairs + entries): {rescoring * 1000:.1f} ms.")
    print(
        f"Peak memory (max RSS): {after_load:.0f} MiB after loading the data and scoring, {peak_mib():.0f} MiB "
        "after the runs."
    )
    if args.warm_check:
        first = results[instances[0][0]]
        print(warm_check(ds, scenario, ev, realistic, first, args.warm_check))
    print(f"Load average after: {os.getloadavg()[0]:.2f}.")


if __name__ == "__main__":
    main()
