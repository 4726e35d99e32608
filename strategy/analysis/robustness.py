"""Plan robustness: does the chosen portfolio survive other reasonable pillar weights?

For each weight sample (drawn as in the SMAA of :mod:`strategy.analysis.sensitivity`) the market score is
recomputed as the weighted sum of the pillar scores (the same model the SMAA uses; :class:`Rescore`,
in the worker that solves the sample), the opportunity of every (country, field) pair is
recomputed with :func:`strategy.scoring.opportunity`, and the optimizer is re-solved with the
planner's constraints. The answer is how often each entry is chosen, over the samples actually
solved: a time budget or a cancel stops the run early, keeps what finished and says so.

The solves dominate the time (about 0.1-0.8 s each on the real data, against about 10 ms of
re-scoring per sample). They go through :func:`strategy.analysis.runner.run_samples`: the model is
built once per worker (:class:`strategy.optimize.resolve.Resolver`: only the objective changes from
sample to sample), the samples are spread over local worker processes or a Dask cluster, and every
sample starts from the base plan, so the answer per sample does not depend on how the run is split.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from strategy.analysis.runner import FailureKind, Job, run_samples, solver_for
from strategy.analysis.runner import forget as forget_job
from strategy.analysis.sensitivity import weighted_scores
from strategy.i18n import Message
from strategy.optimize import Constraints, Entries, Plan, SolverSettings, entries_from_scores
from strategy.scoring import FieldFit, MarketScores, OpportunityWeights, RivalThreat, opportunity

#: An entry chosen in at least this share of the solved samples belongs to the stable core.
CORE_SHARE = 0.9


def default_clock() -> float:
    """Seconds on the monotonic clock (``time.perf_counter``) the time budget is measured with, unless
    a caller passes its own.

    Looked up when :func:`plan_robustness` runs, so a test can replace it (``monkeypatch``) to make
    the budget count calls instead of wall time.
    """
    return time.perf_counter()


@dataclass(frozen=True)
class PlanRobustness:
    """How often each (country, field) entry is chosen over the weight samples.

    ``table``: one row per entry chosen at least once or in the base plan: iso3, field_id, chosen
    (samples), frequency (chosen / solved), in_base (in the plan at the planner's own weights),
    mean_period (over the samples that chose it). Sorted by frequency, then base-plan entries first.
    ``runs``: one row per sample tried, in sample order: status, objective, entries (number
    chosen), same_as_base (the same set of entries as the base plan), seconds (re-scoring and solve,
    in its worker), failure (why it has no plan: a :class:`~strategy.analysis.runner.FailureKind`
    value, or "").
    ``solved`` counts samples with a plan (optimal or feasible); ``not_optimal`` those among them
    not proven optimal (time limit); ``failed`` samples without any plan, by kind in ``failures``.
    ``stopped_early`` is true when the time budget ran out before ``requested`` samples were tried,
    ``cancelled`` when the caller stopped the run; either way the samples finished are kept (in a
    parallel run they need not be the first ones). ``solve_limit`` is the time limit each solve had
    (seconds; in this process, what was left of the budget when that was less). ``where`` and
    ``workers`` say where the samples ran ("serial", "local" processes or "dask"); ``notes`` what
    the run did on its own (e.g. local cores instead of an unreachable Dask scheduler).
    """

    table: pd.DataFrame
    runs: pd.DataFrame
    base: Plan
    requested: int
    tried: int
    solved: int
    not_optimal: int
    failed: int
    same_as_base: int
    seconds: float
    stopped_early: bool
    solve_limit: float
    cancelled: bool = False
    failures: Mapping[FailureKind, int] = field(default_factory=dict)
    where: str = "serial"
    workers: int = 1
    notes: tuple[Message, ...] = ()

    def core(self, share: float = CORE_SHARE) -> pd.DataFrame:
        """Entries chosen in at least ``share`` of the solved samples."""
        return self.table[self.table["frequency"] >= share]

    def changing(self, share: float = CORE_SHARE) -> pd.DataFrame:
        """Entries chosen in some samples but fewer than ``share`` of them."""
        return self.table[(self.table["frequency"] < share) & (self.table["chosen"] > 0)]

    @property
    def same_share(self) -> float:
        """Share of the solved samples whose plan has exactly the base plan's entries (NaN if none)."""
        return self.same_as_base / self.solved if self.solved else float("nan")


def sampled_scores(market: MarketScores, samples: np.ndarray) -> np.ndarray:
    """Market scores (samples × countries) as the weighted sum of the pillar scores, all at once.

    ``samples`` holds one row of pillar weights per sample (columns as ``market.pillars``; rows
    need not sum to 1). A country missing a pillar score is scored on the pillars it has (weights
    renormalised), as in the SMAA and in :func:`strategy.scoring.market_scores`' weighted sum; a
    country with no pillar score at all scores 0, as it does there.
    """
    w = np.atleast_2d(np.asarray(samples, dtype=float))
    scores = weighted_scores(market.pillars.to_numpy(dtype=float), w)
    return np.where(np.isfinite(scores), scores, 0.0)


def sampled_market(market: MarketScores, weights: np.ndarray) -> MarketScores:
    """``market`` with its score replaced by the weighted sum of its pillar scores under ``weights``."""
    score = sampled_scores(market, np.asarray(weights, dtype=float)[None, :])[0]
    return _with_score(market, score, weights)


def _with_score(market: MarketScores, score: np.ndarray, weights: np.ndarray) -> MarketScores:
    """``market`` scored with other pillar weights: its score and the pillar shares the export
    potential model reads (renormalised over the pillars each country has)."""
    have = market.pillars.notna().to_numpy()
    shares = np.where(have, np.asarray(weights, dtype=float)[None, :], 0.0)
    total = shares.sum(axis=1, keepdims=True)
    shares = np.divide(shares, total, out=np.zeros_like(shares), where=total > 0)
    return replace(
        market,
        score=pd.Series(score, index=market.pillars.index, name="score"),
        pillar_weights=pd.DataFrame(shares, index=market.pillars.index, columns=market.pillars.columns),
    )


@dataclass(frozen=True)
class Rescore:
    """A sample's entries from its pillar weights: the market score and pillar shares re-weighted
    (:func:`sampled_market`), the opportunity of every pair (:func:`strategy.scoring.opportunity`),
    the entries (:func:`strategy.optimize.entries_from_scores`). Plain data, so that a worker
    process can re-score its own samples (the runner's ``Valuer``)."""

    market: MarketScores
    fit: FieldFit
    threat: RivalThreat
    weights: OpportunityWeights
    fields: pd.DataFrame
    countries: pd.DataFrame
    cost_scale: Mapping[str, float] | None = None

    def __call__(self, pillar_weights: np.ndarray) -> Entries:
        table = opportunity(sampled_market(self.market, pillar_weights), self.fit, self.threat, self.weights)
        return entries_from_scores(table, self.fields, self.countries, cost_scale=self.cost_scale)


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
    solve_limit: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    clock: Callable[[], float] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    fallback_local: bool = False,
) -> PlanRobustness:
    """Re-solve the plan for each row of ``samples`` (pillar weights) and count the entries chosen.

    ``market``, ``fit``, ``threat`` and ``opportunity_weights`` are the scoring steps the plan's
    entries come from; only the market score changes from sample to sample (see
    :func:`sampled_scores`). ``base_weights`` are the planner's pillar weights: the base plan is
    solved first (in this process), through the same re-scoring, so that a sample equal to them
    gives exactly the base plan. Samples come from :func:`strategy.analysis.sampling.sample_weights`
    (uniform on the simplex, within ranges, or respecting an order); pass the same seeded samples to
    get the same answer, however many workers run them.

    Time: each solve gets at most ``solve_limit`` seconds (default: ``settings.time_limit``); the
    whole run, the base solve included, at most ``time_budget`` seconds on ``clock`` (default
    :func:`default_clock`), after which it stops and keeps what finished, as it does when
    ``cancel()`` turns true. ``progress`` is called with (samples tried, samples requested).
    ``workers``, ``scheduler`` and ``fallback_local`` say where the samples run
    (:func:`strategy.analysis.runner.run_samples`: by default every local core, or this process for a
    handful of samples; a Dask scheduler from the argument or ``ICT_STRATEGY_DASK_SCHEDULER``).
    """
    settings = settings or SolverSettings()
    samples = np.atleast_2d(np.asarray(samples, dtype=float))
    base_weights = np.asarray(base_weights, dtype=float)
    n_pillars = market.pillars.shape[1]
    if samples.shape[1] != n_pillars or base_weights.shape != (n_pillars,):
        raise ValueError(f"samples and base weights need {n_pillars} pillar weights, got {samples.shape[1]}")
    if (samples < 0).any() or (samples.sum(axis=1) <= 0).any() or (base_weights < 0).any() or base_weights.sum() <= 0:
        raise ValueError("pillar weights must be non-negative and not all zero")
    if time_budget <= 0:
        raise ValueError("time_budget must be positive")
    per_solve = settings.time_limit if solve_limit is None else min(settings.time_limit, solve_limit)
    if per_solve <= 0:
        raise ValueError("solve_limit must be positive")
    now = clock if clock is not None else default_clock
    begin = now()
    rescore = Rescore(market, fit, threat, opportunity_weights, fields, countries, cost_scale)
    job = Job(rescore(base_weights), constraints, replace(settings, threads=1), rescore, prerequisites)
    try:
        base = solver_for(job).plan(base_weights, max(min(per_solve, time_budget - (now() - begin)), 0.01))
        if base.has_solution:
            sel = base.selection
            triples = zip(sel["iso3"].astype(str), sel["field_id"].astype(str), sel["period"].astype(int), strict=True)
            job = replace(job, start=tuple((a, b, int(p)) for a, b, p in triples))
        left = time_budget - (now() - begin)
        run = run_samples(
            job,
            samples,
            workers=workers,
            scheduler=scheduler,
            fallback_local=fallback_local,
            solve_limit=per_solve,
            time_budget=max(left, 1e-9),
            progress=progress,
            cancel=cancel,
            clock=now,
        )
    finally:
        forget_job(job)
    base_pairs = _pairs(base)
    counts: dict[tuple[str, str], int] = {}
    periods: dict[tuple[str, str], int] = {}
    runs: list[tuple[str, float, int, bool, float, str]] = []
    for r in run.results:
        pairs = {(a, b) for a, b, _ in r.selection}
        same = r.has_solution and pairs == base_pairs
        failure = "" if r.failure is None else r.failure.kind.value
        runs.append((r.status, r.objective, len(pairs), same, r.seconds, failure))
        if r.has_solution:
            for a, b, p in r.selection:
                counts[a, b] = counts.get((a, b), 0) + 1
                periods[a, b] = periods.get((a, b), 0) + int(p)

    run_frame = pd.DataFrame(runs, columns=["status", "objective", "entries", "same_as_base", "seconds", "failure"])
    has_plan = run_frame["status"].isin(["optimal", "feasible", "heuristic"])
    solved = int(has_plan.sum())
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
        runs=run_frame,
        base=base,
        requested=len(samples),
        tried=len(runs),
        solved=solved,
        not_optimal=int((has_plan & (run_frame["status"] != "optimal")).sum()),
        failed=len(runs) - solved,
        same_as_base=int(run_frame["same_as_base"].sum()),
        seconds=now() - begin,
        stopped_early=run.stopped_early,
        solve_limit=per_solve,
        cancelled=run.cancelled,
        failures=dict(run.failures),
        where=run.where,
        workers=run.workers,
        notes=run.notes,
    )
