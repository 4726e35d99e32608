"""Plan robustness: does the chosen portfolio survive other reasonable pillar weights?

For each weight sample (drawn as in the SMAA of :mod:`strategy.sensitivity`) the market score is
recomputed as the weighted sum of the pillar scores (the same model the SMAA uses), the
opportunity of every (country, field) pair is recomputed with :func:`strategy.scoring.opportunity`,
and the optimizer is re-solved with the planner's constraints. The answer is how often each
entry is chosen, over the samples actually solved: a time budget stops the run early and says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from strategy.optimizer import Constraints, Plan, SolverSettings, entries_from_scores, solve
from strategy.scoring import FieldFit, MarketScores, OpportunityWeights, RivalThreat, opportunity

#: An entry chosen in at least this share of the solved samples belongs to the stable core.
CORE_SHARE = 0.9


@dataclass(frozen=True)
class PlanRobustness:
    """How often each (country, field) entry is chosen over the weight samples.

    ``table``: one row per entry chosen at least once or in the base plan: iso3, field_id, chosen
    (samples), frequency (chosen / solved), in_base (in the plan at the planner's own weights),
    mean_period (over the samples that chose it). Sorted by frequency, then base-plan entries first.
    ``solved`` counts samples with a plan (optimal or feasible); ``not_optimal`` those among them
    not proven optimal (time limit); ``failed`` samples without any plan. ``stopped_early`` is true
    when the time budget ran out before ``requested`` samples were tried.
    """

    table: pd.DataFrame
    base: Plan
    requested: int
    tried: int
    solved: int
    not_optimal: int
    failed: int
    same_as_base: int
    seconds: float
    stopped_early: bool

    def core(self, share: float = CORE_SHARE) -> pd.DataFrame:
        """Entries chosen in at least ``share`` of the solved samples."""
        return self.table[self.table["frequency"] >= share]

    def changing(self, share: float = CORE_SHARE) -> pd.DataFrame:
        """Entries chosen in some samples but fewer than ``share`` of them."""
        return self.table[(self.table["frequency"] < share) & (self.table["chosen"] > 0)]


def sampled_market(market: MarketScores, weights: np.ndarray) -> MarketScores:
    """``market`` with its score replaced by the weighted sum of its pillar scores.

    ``weights`` (one per pillar column of ``market.pillars``) need not sum to 1. Countries with a
    missing pillar score are scored on the pillars they have (weights renormalised), as the SMAA does.
    """
    pillars = market.pillars.to_numpy(dtype=float)
    w = np.asarray(weights, dtype=float)
    have = ~np.isnan(pillars)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.nansum(pillars * w, axis=1) / (have * w).sum(axis=1)
    return replace(market, score=pd.Series(score, index=market.pillars.index, name="score"))


def _pairs(plan: Plan) -> set[tuple[str, str]]:
    s = plan.selection
    return set(zip(s["iso3"].astype(str), s["field_id"].astype(str), strict=True)) if len(s) else set()


def plan_robustness(
    market: MarketScores,
    fit: FieldFit,
    threat: RivalThreat,
    opportunity_weights: OpportunityWeights,
    fields: pd.DataFrame,
    countries: pd.DataFrame,
    constraints: Constraints,
    base_weights: np.ndarray,
    samples: np.ndarray,
    *,
    settings: SolverSettings | None = None,
    prerequisites: Mapping[str, tuple[str, ...]] | None = None,
    cost_scale: Mapping[str, float] | None = None,
    time_budget: float = 60.0,
    progress: Callable[[int, int], None] | None = None,
) -> PlanRobustness:
    """Re-solve the plan for each row of ``samples`` (pillar weights) and count the entries chosen.

    ``base_weights`` are the planner's pillar weights: the base plan is solved first, through the
    same re-scoring, so that a sample equal to them gives exactly the base plan. Each solve gets
    at most ``settings.time_limit`` seconds and never more than what is left of ``time_budget``;
    each starts from the base plan when that plan fits the sample's constraints. ``progress`` is
    called with (samples tried, samples requested) after every solve.
    """
    settings = settings or SolverSettings()
    samples = np.atleast_2d(np.asarray(samples, dtype=float))
    if samples.shape[1] != market.pillars.shape[1]:
        raise ValueError(f"samples need {market.pillars.shape[1]} pillar weights, got {samples.shape[1]}")
    if time_budget <= 0:
        raise ValueError("time_budget must be positive")
    begin = time.perf_counter()

    def plan_for(weights: np.ndarray, limit: float, start: Plan | None) -> Plan:
        table = opportunity(sampled_market(market, weights), fit, threat, opportunity_weights)
        entries = entries_from_scores(table, fields, countries, cost_scale=cost_scale)
        return solve(entries, constraints, replace(settings, time_limit=limit), prerequisites, start=start)

    base = plan_for(np.asarray(base_weights, dtype=float), settings.time_limit, None)
    base_pairs = _pairs(base)
    counts: dict[tuple[str, str], int] = {}
    periods: dict[tuple[str, str], int] = {}
    tried = solved = not_optimal = failed = same = 0
    for weights in samples:
        left = time_budget - (time.perf_counter() - begin)
        if left <= 0.05:
            break
        plan = plan_for(weights, min(settings.time_limit, left), base if base.has_solution else None)
        tried += 1
        if plan.has_solution:
            solved += 1
            not_optimal += plan.status != "optimal"
            pairs = _pairs(plan)
            same += pairs == base_pairs
            sel = plan.selection
            for k, f, p in zip(sel["iso3"].astype(str), sel["field_id"].astype(str), sel["period"], strict=True):
                counts[k, f] = counts.get((k, f), 0) + 1
                periods[k, f] = periods.get((k, f), 0) + int(p)
        else:
            failed += 1
        if progress is not None:
            progress(tried, len(samples))

    keys = sorted(set(counts) | base_pairs)
    chosen = np.array([counts.get(k, 0) for k in keys], dtype=int)
    table = pd.DataFrame(
        {
            "iso3": [k for k, _ in keys],
            "field_id": [f for _, f in keys],
            "chosen": chosen,
            "frequency": chosen / solved if solved else np.full(len(keys), np.nan),
            "in_base": [k in base_pairs for k in keys],
            "mean_period": [periods[k] / counts[k] if counts.get(k) else np.nan for k in keys],
        }
    )
    table = table.sort_values(["frequency", "in_base", "iso3", "field_id"], ascending=[False, False, True, True])
    return PlanRobustness(
        table=table.reset_index(drop=True),
        base=base,
        requested=len(samples),
        tried=tried,
        solved=solved,
        not_optimal=not_optimal,
        failed=failed,
        same_as_base=same,
        seconds=time.perf_counter() - begin,
        stopped_early=tried < len(samples),
    )
