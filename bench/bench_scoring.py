"""Scoring speed: load, prepare, re-score after a weight change, and TOPSIS against pymcdm.

Run:  .venv/bin/python bench/bench_scoring.py   (prints a Markdown table for docs/benchmarks.md)

"Re-score" is what a slider change costs: market score of every country, field fit of every
(country, field) pair and the opportunity table, from an already prepared criteria matrix.
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable

import numpy as np

from strategy import scoring
from strategy.data.dataset import load_dataset


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and p90 wall time in milliseconds over ``repeat`` runs (after one warm-up)."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.9 * (len(samples) - 1))]


def main() -> None:
    rows: list[tuple[str, float, float, str]] = []
    start = time.perf_counter()
    dataset = load_dataset()
    rows.append(
        (
            "load_dataset (read + validate 13 tables)",
            (time.perf_counter() - start) * 1000,
            float("nan"),
            "once per app process (cached)",
        )
    )
    universe = scoring.Universe(sovereign_only=False, exclude=()).select(dataset)
    criteria = scoring.prepare_criteria(dataset, universe)
    threat = scoring.rival_threat(dataset, universe)
    n_c, n_i, n_f = len(universe), criteria.normalised.shape[1], len(dataset.fields)
    rng = np.random.default_rng(0)
    pillars = ["size", "growth", "income", "digital", "business", "stability", "ties"]

    def rescore() -> object:
        weights = scoring.MarketWeights(pillars={p: float(rng.uniform(0.1, 1)) for p in pillars})
        market = scoring.market_scores(dataset, criteria, weights)
        fit = scoring.field_fit(dataset, criteria, scoring.FitWeights(need=float(rng.uniform(0.2, 0.6))))
        return scoring.opportunity(market, fit, threat)

    rows.append(
        (
            f"prepare_criteria ({n_c} countries × {n_i} indicators)",
            *timed(lambda: scoring.prepare_criteria(dataset, universe), 20),
            "after a change of year, universe or normalisation",
        )
    )
    rows.append(
        (
            f"rival_threat ({n_c} × {n_f} fields × {len(dataset.rivals)} actors)",
            *timed(lambda: scoring.rival_threat(dataset, universe), 10),
            "after a change of presence default",
        )
    )
    rows.append(
        (
            f"re-score after a weight change (market + fit + opportunity, {n_c * n_f} pairs)",
            *timed(rescore, 200),
            "target < 20 ms median",
        )
    )
    for method in ("weighted_product", "topsis"):
        crit = scoring.prepare_criteria(dataset, universe, scoring.Settings(method=method))
        rows.append((f"market_scores, {method}", *timed(lambda c=crit: scoring.market_scores(dataset, c), 100), ""))

    # TOPSIS on the same complete matrix: ours vs pymcdm
    from pymcdm import methods as pm
    from pymcdm import normalizations as pn

    matrix = criteria.raw.dropna(axis=1, thresh=int(0.9 * n_c)).dropna(axis=0).to_numpy()
    directions = dataset.catalog.loc[criteria.raw.dropna(axis=1, thresh=int(0.9 * n_c)).columns, "direction"].to_numpy()
    weights = np.full(matrix.shape[1], 1 / matrix.shape[1])
    reference = pm.TOPSIS(pn.minmax_normalization)

    def ours():
        return scoring.topsis(scoring.oriented(scoring.minmax_normalise(matrix), directions, "minmax"), weights)

    theirs = lambda: reference(matrix, weights, directions, validation=False)  # noqa: E731
    assert np.allclose(ours(), theirs())
    shape = f"{matrix.shape[0]} × {matrix.shape[1]}"
    rows.append(
        (f"TOPSIS, this project (complete matrix {shape})", *timed(ours, 200), "same values as pymcdm (asserted)")
    )
    rows.append((f"TOPSIS, pymcdm 1.x (same matrix {shape})", *timed(theirs, 200), ""))

    print(
        f"Machine: {platform.processor() or platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
    print(f"Date: {time.strftime('%Y-%m-%d')}\n")
    print("| operation | median ms | p90 ms | note |")
    print("|---|---:|---:|---|")
    for name, median, p90, note in rows:
        p90_text = "" if np.isnan(p90) else f"{p90:.2f}"
        print(f"| {name} | {median:.2f} | {p90_text} | {note} |")


if __name__ == "__main__":
    main()
