"""Briefing deck: how long ``plan_deck`` takes for the default scenario's plan with ten country slides.

Run:  .venv/bin/python bench/bench_deck.py   (target: under 5 s for a 10-country deck)

Times the deck alone (the scores and the plan are made once beforehand), in Japanese and in
English, median of 5 runs after one warm-up (the warm-up loads python-pptx, matplotlib and the
map shapes).
"""

from __future__ import annotations

import os
import platform
import statistics
import time

from strategy import optimize
from strategy.data.dataset import load_dataset
from strategy.export.deck import plan_deck
from strategy.scenario import Scenario, evaluate

RUNS = 5


def main() -> None:
    dataset = load_dataset()
    scenario = Scenario.default(dataset)
    evaluation = evaluate(dataset, scenario)
    entries = optimize.entries_from_scores(evaluation.opportunity, dataset.fields, dataset.countries)
    plan = optimize.solve(entries, scenario.constraints, scenario.solver, optimize.prerequisites_of(dataset.fields))
    ranked = list(dict.fromkeys(evaluation.opportunity["iso3"].astype(str)))
    chosen = list(dict.fromkeys(list(plan.selection["iso3"].astype(str)) + ranked))[:10]
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}")
    print("| deck | slides | median s | max s |\n|---|---:|---:|---:|")
    for lang in ("ja", "en"):
        plan_deck(dataset, evaluation, plan, lang, countries=chosen)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            data = plan_deck(dataset, evaluation, plan, lang, countries=chosen)
            times.append(time.perf_counter() - start)
        import io

        from pptx import Presentation

        n = len(Presentation(io.BytesIO(data)).slides)
        print(f"| plan + 10 countries, {lang} | {n} | {statistics.median(times):.2f} | {max(times):.2f} |")


if __name__ == "__main__":
    main()
