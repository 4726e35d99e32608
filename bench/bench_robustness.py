"""Plan robustness: time and memory to re-solve the plan over 200 (and 2,000) pillar-weight samples.

Run:  .venv/bin/python bench/bench_robustness.py [--samples 200] [--before 50] [--many 2000] [--warm-check 0]
(prints Markdown rows for docs/benchmarks.md)

Each instance runs through ``plan_robustness`` (the resolver: the model built once per worker, only the
objective changed per sample) with 1 worker (this process) and 2 worker processes; ``--before N``
times the previous way (a fresh ``solve`` per sample, model rebuilt) on the first N samples, and
``--many`` runs that many samples of the realistic instance on 2 workers (time per sample at scale).

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
import threading
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


class WorkerMemory:
    """The largest resident set seen of any process below this one (the pool's forkserver and its
    workers, which are not direct children), sampled twice a second in a thread."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import psutil  # installed with distributed

        me = psutil.Process()
        while not self._stop.wait(0.5):
            for child in me.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss / 2**20)
                except psutil.Error:
                    pass

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def run(
    ds: Dataset, scenario: Scenario, ev: Evaluation, c: Constraints, samples: np.ndarray, workers: int = 1
) -> PlanRobustness:
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
        time_budget=36_000.0,
        workers=workers,
        scheduler="",
    )


def before(ds: Dataset, scenario: Scenario, ev: Evaluation, c: Constraints, samples: np.ndarray) -> float:
    """Seconds per sample the previous way: re-score, build the model and solve it afresh, serially."""
    pre = prerequisites_of(ds.fields)
    began = time.perf_counter()
    for w in samples:
        table = opportunity(sampled_market(ev.market, w), ev.fit, ev.threat, scenario.opportunity_weights)
        entries = entries_from_scores(table, ds.fields, ds.countries)
        solve(entries, c, SolverSettings(time_limit=SOLVE_LIMIT, threads=1), pre)
    return (time.perf_counter() - began) / len(samples)


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
    parser.add_argument("--before", type=int, default=50, help="samples timed the previous way (0: skip)")
    parser.add_argument(
        "--many", type=int, default=2000, help="samples of the realistic instance on 2 workers (0: skip)"
    )
    parser.add_argument("--warm-check", type=int, default=0, help="samples for the warm-start check (0: skip)")
    parser.add_argument("--only-many", action="store_true", help="run only the --many samples")
    args = parser.parse_args()

    highspy.Highs()  # HiGHS prints its banner once per process: keep it out of the table
    load_before = os.getloadavg()[0]
    ds = load_dataset()
    scenario = Scenario.default(ds)
    ev = evaluate(ds, scenario)
    after_load = peak_mib()
    workers_memory = WorkerMemory()
    samples = sample_simplex(args.samples, ev.market.pillars.shape[1], np.random.default_rng(0))
    realistic = realistic_rules(ds, ev)
    cases = [
        ("realistic (11 focus + 40 others)", realistic, 51),
        ("Plan page defaults, every country", Constraints(), len(ev.market.score)),
    ]

    print("## Plan robustness (`bench/bench_robustness.py`)\n")
    print(
        f"Machine: {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}. Date: {dt.date.today().isoformat()}. Load average before: {load_before:.2f}.\n"
    )
    print(
        "| instance | workers | samples solved / requested | not optimal | total s | per sample s | "
        "mean solve s (in its worker) | median | p90 | max | speed-up vs 1 worker | load avg (1 min) after |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results: dict[tuple[str, int], PlanRobustness] = {}
    for name, c, _n in [] if args.only_many else cases:
        for workers in (1, 2):
            began = time.perf_counter()
            result = run(ds, scenario, ev, c, samples, workers)
            total = time.perf_counter() - began
            results[name, workers] = result
            s = result.runs["seconds"]
            speed = results[name, 1].seconds / result.seconds if workers > 1 else 1.0
            print(
                f"| {name} | {workers} | {result.solved} / {result.requested} | {result.not_optimal} | {total:.1f} | "
                f"{total / result.requested:.3f} | {s.mean():.3f} | {s.median():.3f} | {s.quantile(0.9):.3f} | "
                f"{s.max():.3f} | {speed:.2f}× | {os.getloadavg()[0]:.2f} |",
                flush=True,
            )
        one, two = results[name, 1], results[name, 2]
        same = (one.runs["objective"].round(9) == two.runs["objective"].round(9)).all() and one.table.equals(two.table)
        print(f"|  | same answer per sample with 1 and 2 workers: {'yes' if same else 'NO'} | | | | | | | | | | |")
    if args.before and not args.only_many:
        for name, c, _n in cases:
            per = before(ds, scenario, ev, c, samples[: args.before])
            print(
                f"\nBefore (fresh build + solve per sample, serial), {name}, first {args.before} samples: "
                f"{per:.3f} s per sample (≈ {per * args.samples:.0f} s for {args.samples}).",
                flush=True,
            )
    if args.many:
        many = sample_simplex(args.many, ev.market.pillars.shape[1], np.random.default_rng(0))
        began = time.perf_counter()
        result = run(ds, scenario, ev, realistic, many, 2)
        total = time.perf_counter() - began
        print(
            f"\n{args.many:,} samples, realistic, 2 workers: {total:.1f} s, {total / args.many:.3f} s per sample "
            f"({result.solved} solved, {result.not_optimal} not optimal).",
            flush=True,
        )
    print(
        f"\nPeak memory (max RSS): {after_load:.0f} MiB after loading the data and scoring, {peak_mib():.0f} MiB "
        f"in this process after the runs, {workers_memory.stop():.0f} MiB for the largest worker process."
    )
    if args.warm_check and not args.only_many:
        first = results[cases[0][0], 1]
        print(warm_check(ds, scenario, ev, realistic, first, args.warm_check))
    print(f"Load average after: {os.getloadavg()[0]:.2f}.")


if __name__ == "__main__":
    main()
