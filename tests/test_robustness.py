"""Plan robustness: re-solving the portfolio over pillar-weight samples.

Checked against a brute-force optimum per sample on a tiny instance, and by properties: the
planner's own weights give the base plan every time, an excluded country is never chosen, the
time budget stops the run and says so, frequencies are shares of the solved samples.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from strategy.dataset import Dataset
from strategy.optimizer import Constraints, brute_force, entries_from_scores, prerequisites_of
from strategy.robustness import plan_robustness, sampled_market
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe, opportunity
from strategy.sensitivity import sample_simplex


@pytest.fixture(scope="module")
def focus(dataset: Dataset):
    scenario = replace(Scenario.default(dataset), universe=Universe(focus_only=True))
    evaluation = evaluate(dataset, scenario)
    columns = evaluation.market.pillars.columns
    base = np.array([scenario.market_weights.pillars.get(c, 0.0) for c in columns], dtype=float)
    return scenario, evaluation, base


def run(dataset, focus, constraints, samples, **kw):
    scenario, evaluation, base = focus
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


def test_the_time_budget_stops_the_run_and_says_so(dataset, focus) -> None:
    samples = sample_simplex(500, len(focus[2]), np.random.default_rng(0))
    calls: list[tuple[int, int]] = []
    result = run(dataset, focus, SMALL, samples, time_budget=1.0, progress=lambda d, n: calls.append((d, n)))
    assert result.stopped_early and 0 < result.tried < 500
    assert calls[-1] == (result.tried, 500) and len(calls) == result.tried
    assert result.seconds < 1.0 + 5.0  # the base solve plus at most one solve past the budget


def test_bad_input_is_refused(dataset, focus) -> None:
    with pytest.raises(ValueError, match="pillar weights"):
        run(dataset, focus, SMALL, np.ones((2, 3)))
    with pytest.raises(ValueError, match="time_budget"):
        run(dataset, focus, SMALL, np.ones((2, len(focus[2]))), time_budget=0)


def test_sampled_market_with_the_planners_weights_keeps_the_order(focus) -> None:
    _, evaluation, base = focus
    resampled = sampled_market(evaluation.market, base).score
    # the weighted sum of pillar scores orders countries as the weighted sum of indicators does
    assert list(resampled.sort_values(ascending=False).index[:5]) == list(
        evaluation.market.score.sort_values(ascending=False).index[:5]
    )
