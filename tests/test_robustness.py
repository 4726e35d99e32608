"""Plan robustness: re-solving the portfolio over pillar-weight samples.

Checked against a brute-force optimum per sample on a tiny instance, and by properties: the
planner's own weights give the base plan every time, an excluded country is never chosen, the
time budget stops the run and says so, frequencies are shares of the solved samples.

No test reads the wall clock: the budget runs on a clock that stands still (so it never runs out,
however slow the machine) or one that moves a fixed step each time it is read.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from brute_force import brute_force

from strategy.analysis import robustness
from strategy.analysis.robustness import plan_robustness, sampled_market, sampled_scores
from strategy.analysis.sampling import sample_simplex
from strategy.data.dataset import Dataset
from strategy.optimize import Constraints, entries_from_scores, prerequisites_of
from strategy.optimize.resolve import Resolver
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe, opportunity


@pytest.fixture(scope="module")
def focus(dataset: Dataset):
    scenario = replace(Scenario.default(dataset), universe=Universe(focus_only=True))
    evaluation = evaluate(dataset, scenario)
    columns = evaluation.market.pillars.columns
    base = np.array([scenario.market_weights.pillars.get(c, 0.0) for c in columns], dtype=float)
    return scenario, evaluation, base


class StepClock:
    """A clock that moves ``step`` seconds each time it is read (``now`` is its last reading)."""

    def __init__(self, step: float) -> None:
        self.step, self.now = step, 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def run(dataset, focus, constraints, samples, **kw):
    """``plan_robustness`` on the focus markets; by default on a clock that stands still."""
    scenario, evaluation, base = focus
    kw.setdefault("clock", lambda: 0.0)
    return plan_robustness(
        evaluation.market,
        evaluation.fit,
        evaluation.threat,
        scenario.opportunity_weights,
        dataset.fields,
        dataset.countries,
        constraints,
        base,
        samples,
        prerequisites=prerequisites_of(dataset.fields),
        **kw,
    )


SMALL = Constraints(budget=8.0, staff=8.0, periods=1)


def test_the_planners_weights_give_the_base_plan_every_time(dataset, focus) -> None:
    _, _, base = focus
    result = run(dataset, focus, SMALL, np.tile(base, (4, 1)))
    assert (result.tried, result.solved, result.same_as_base, result.failed) == (4, 4, 4, 0)
    assert result.table["in_base"].all()
    assert result.table["frequency"].eq(1.0).all()
    assert len(result.core()) == len(result.base.selection) and result.changing().empty


def test_frequencies_are_shares_of_the_solved_samples(dataset, focus) -> None:
    samples = sample_simplex(12, len(focus[2]), np.random.default_rng(3))
    result = run(dataset, focus, SMALL, samples)
    assert result.solved + result.failed == result.tried == 12 and not result.stopped_early
    assert result.table["frequency"].between(0, 1).all()
    assert (result.table["chosen"] / result.solved).tolist() == pytest.approx(result.table["frequency"].tolist())
    assert result.table["frequency"].is_monotonic_decreasing
    again = run(dataset, focus, SMALL, samples)  # the same samples: the same counts
    assert again.table.equals(result.table)


def test_counts_match_a_brute_force_optimum_per_sample(dataset, focus) -> None:
    scenario, evaluation, base = focus
    keep = ["PHL", "VNM", "IND", "SGP"]
    fields = ["cybersecurity", "disaster_ict"]
    others = [f for f in dataset.fields.index if f not in fields]
    rest = [k for k in evaluation.market.score.index if k not in keep]
    c = Constraints(budget=4.0, staff=6.0, periods=1, exclude_fields=tuple(others), exclude_countries=tuple(rest))
    samples = sample_simplex(6, len(base), np.random.default_rng(11))
    result = run(dataset, focus, c, samples)
    expected: dict[tuple[str, str], int] = {}
    for weights in samples:
        table = opportunity(
            sampled_market(evaluation.market, weights), evaluation.fit, evaluation.threat, scenario.opportunity_weights
        )
        entries = entries_from_scores(table, dataset.fields, dataset.countries)
        _, chosen = brute_force(entries, c, prerequisites_of(dataset.fields))
        for iso3, field_id, _period in chosen:
            expected[iso3, field_id] = expected.get((iso3, field_id), 0) + 1
    got = {(r.iso3, r.field_id): r.chosen for r in result.table.itertuples() if r.chosen}
    assert got == expected and result.solved == 6


def test_an_excluded_country_is_never_chosen(dataset, focus) -> None:
    samples = sample_simplex(5, len(focus[2]), np.random.default_rng(5))
    result = run(dataset, focus, replace(SMALL, exclude_countries=("SGP", "MYS")), samples)
    assert not result.table["iso3"].isin(["SGP", "MYS"]).any()


def test_an_excluded_entry_of_the_base_plan_is_never_chosen(dataset, focus) -> None:
    samples = sample_simplex(4, len(focus[2]), np.random.default_rng(8))
    free = run(dataset, focus, SMALL, samples[:1])
    top = free.base.selection.sort_values("value", ascending=False).iloc[0]
    pair = (str(top["iso3"]), str(top["field_id"]))
    result = run(dataset, focus, replace(SMALL, exclude_pairs=(pair,)), samples)
    assert result.solved == 4
    assert pair not in set(zip(result.table["iso3"], result.table["field_id"], strict=True))
    assert pair not in set(zip(result.base.selection["iso3"], result.base.selection["field_id"], strict=True))


def test_a_free_market_is_chosen_under_every_weight(dataset, focus) -> None:
    # Laos costs almost nothing (1e-4 of the usual cost, nothing to open) and staff is not limited.
    # Field costs are multiples of 0.5, so any plan leaves at least 0.25 of a budget of 8.25 unused:
    # room for every Laos entry. Each adds value, so every optimum holds all of them, whatever the weights.
    samples = sample_simplex(5, len(focus[2]), np.random.default_rng(2))
    assert (dataset.fields["cost"] * 2 % 1 == 0).all()
    c = replace(SMALL, budget=8.25, staff=None, open_cost=0.0)
    result = run(dataset, focus, c, samples, cost_scale={"LAO": 1e-4})
    laos = result.table[result.table["iso3"] == "LAO"]
    assert result.solved == 5 and "broadband_mobile" in set(laos["field_id"])
    assert laos["frequency"].eq(1.0).all() and laos["in_base"].all()
    assert len(laos) == (result.base.selection["iso3"] == "LAO").sum() >= 5
    assert not result.table.loc[result.table["iso3"] != "LAO", "frequency"].eq(1.0).all()  # others do move


def test_the_time_budget_stops_the_run_and_says_so(dataset, focus, monkeypatch: pytest.MonkeyPatch) -> None:
    samples = sample_simplex(500, len(focus[2]), np.random.default_rng(0))
    clock = StepClock(1.0)  # a budget of 14 "seconds" on a clock that moves with every reading
    solves: list[tuple[float, float]] = []  # (clock reading, time limit) of every solve
    real_solve = Resolver.solve

    def solve(self, values, start=None, time_limit=None):
        solves.append((clock.now, time_limit))
        return real_solve(self, values, start=start, time_limit=time_limit)

    monkeypatch.setattr(Resolver, "solve", solve)
    calls: list[tuple[int, int]] = []
    budget = 14.0
    result = run(
        dataset,
        focus,
        SMALL,
        samples,
        time_budget=budget,
        clock=clock,
        progress=lambda d, n: calls.append((d, n)),
        workers=1,  # in this process, so that the clock is read only between samples
    )
    assert result.stopped_early and not result.cancelled and 0 < result.tried < 500 and result.where == "serial"
    assert calls[-1] == (result.tried, 500) and len(calls) == result.tried == len(result.runs)
    assert len(solves) == 1 + result.tried  # the base plan, then one solve per sample tried
    begin = clock.step  # the first reading
    for reading, limit in solves:  # every solve is capped by what was left of the budget when it started
        assert 0 < limit <= min(result.solve_limit, budget - (reading - begin) + clock.step)
    # measured on the clock; at most three readings past the budget (the check that stops, two after it)
    assert result.seconds == pytest.approx(clock.now - begin) and result.seconds <= budget + 3 * clock.step
    assert result.table["chosen"].max() <= result.solved  # frequencies count solved samples only
    # what was solved is what a run of just those samples gives (same seed, same samples)
    if result.not_optimal == 0:
        monkeypatch.setattr(Resolver, "solve", real_solve)
        whole = run(dataset, focus, SMALL, samples[: result.tried])
        assert not whole.stopped_early and whole.table.equals(result.table)
        assert whole.runs["objective"].tolist() == pytest.approx(result.runs["objective"].tolist())


def test_the_budget_is_measured_on_the_default_clock(dataset, focus, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = StepClock(10.0)  # every reading moves 10 "seconds": a 60 s budget lets a few samples start
    monkeypatch.setattr(robustness, "default_clock", clock)
    samples = sample_simplex(50, len(focus[2]), np.random.default_rng(1))
    result = run(dataset, focus, SMALL, samples, clock=None, time_budget=60.0, workers=1)
    assert result.stopped_early and 0 < result.tried < 6
    assert result.seconds % 10.0 == 0.0  # measured on that clock


def test_runs_record_each_sample(dataset, focus) -> None:
    samples = sample_simplex(3, len(focus[2]), np.random.default_rng(4))
    result = run(dataset, focus, SMALL, np.vstack([focus[2], samples]), solve_limit=5.0)
    assert list(result.runs.columns) == ["status", "objective", "entries", "same_as_base", "seconds", "failure"]
    assert (result.runs["failure"] == "").all() and result.failures == {}
    assert result.runs.loc[0, "same_as_base"] and result.same_as_base == int(result.runs["same_as_base"].sum())
    assert result.runs.loc[0, "objective"] == pytest.approx(result.base.objective)
    assert result.same_share == pytest.approx(result.same_as_base / 4)
    assert result.solve_limit == 5.0


def test_bad_input_is_refused(dataset, focus) -> None:
    with pytest.raises(ValueError, match="pillar weights"):
        run(dataset, focus, SMALL, np.ones((2, 3)))
    with pytest.raises(ValueError, match="time_budget"):
        run(dataset, focus, SMALL, np.ones((2, len(focus[2]))), time_budget=0)
    with pytest.raises(ValueError, match="non-negative"):
        run(dataset, focus, SMALL, -np.ones((2, len(focus[2]))))


def test_sampled_scores_at_the_planners_weights_are_the_market_scores(focus) -> None:
    _, evaluation, base = focus
    # for the weighted sum, the weighted sum of the pillar scores (renormalised over the pillars a
    # country has) is exactly the weighted sum of the indicators
    resampled = sampled_market(evaluation.market, base).score
    assert resampled.to_numpy() == pytest.approx(evaluation.market.score.to_numpy(), abs=1e-12)
    many = sampled_scores(evaluation.market, np.vstack([base, 3 * base, np.eye(len(base))]))
    assert many.shape == (2 + len(base), len(evaluation.market.score))
    assert many[1] == pytest.approx(many[0])  # only the proportions of the weights matter
    pillars = evaluation.market.pillars.to_numpy()
    first = np.where(np.isnan(pillars[:, 0]), 0.0, pillars[:, 0])  # all weight on one pillar
    assert many[2] == pytest.approx(first)
