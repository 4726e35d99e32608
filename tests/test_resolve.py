"""The resolver (build once, change the objective): the same answers as a fresh ``solve`` and as brute force.

Small instances: the template's values are replaced by random ones (each a new objective on the same
rows) and every answer is checked against the brute-force optimum and the planner's rules. Real
data: many pillar-weight samples of the focus markets, each against a fresh ``solve``. The
value-dependent reduction (countries outdone under the template's values) must not carry over to a
sample whose values make those countries the best.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from brute_force import brute_force
from optimizer_checks import GROUP, PRE, assert_plan_keeps_rules, instance, plan_pairs

from strategy.analysis.robustness import Rescore
from strategy.analysis.sampling import sample_simplex
from strategy.data.dataset import Dataset
from strategy.optimize import Constraints, Entries, SolverSettings, instances, prerequisites_of, solve
from strategy.optimize.resolve import ResolveMismatch, Resolver
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe

CASES = {
    "budget and staff": Constraints(budget=8.0, staff=7.0, periods=1),
    "countries and group": Constraints(
        budget=12.0, staff=9.0, periods=1, max_countries=2, groups=GROUP, group_min={"A": 1}
    ),
    "must and field max": Constraints(budget=10.0, staff=9.0, periods=1, must_fields=("city",), field_max={"net": 2}),
    "two periods, per-period budget": Constraints(budget=9.0, period_budget=5.0, staff=None, periods=2),
}


def with_values(entries: Entries, values: np.ndarray) -> Entries:
    return Entries(entries.table.assign(value=values))


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("seed", range(3))
def test_every_objective_equals_brute_force(case: str, seed: int) -> None:
    c = CASES[case]
    template = instance(seed, n_countries=4)
    resolver = Resolver(template, c, SolverSettings(), PRE)
    rng = np.random.default_rng(100 + seed)
    for _ in range(6):
        values = rng.uniform(0.2, 0.9, len(template.table))
        entries = with_values(template, values)
        best, picked = brute_force(entries, c, PRE)
        outcome = resolver.solve(resolver.values_of(entries))
        if best == -math.inf:
            assert outcome.status == "infeasible"
            continue
        plan = resolver.plan(outcome, resolver.values_of(entries))
        assert plan.status == "optimal"
        assert plan.objective == pytest.approx(best, rel=1e-4, abs=1e-6)
        assert_plan_keeps_rules(plan, c)
        # random continuous values: the optimum is unique, so the entries and periods are the brute force's
        assert {
            (a, b, int(p)) for a, b, p in plan.selection[["iso3", "field_id", "period"]].itertuples(index=False)
        } == set(picked)


def test_a_country_outdone_under_the_template_is_found_when_a_sample_makes_it_best() -> None:
    # C0 outdoes C1, C2, C3 field by field and at most one country can open: the template's own model
    # would leave C1-C3 out. A sample that reverses the values must still find C3's portfolio.
    template = instances.ladder_entries([0.9, 0.7, 0.5, 0.3])
    c = Constraints(budget=7.0, staff=None, periods=1, max_countries=1)
    resolver = Resolver(template, c, SolverSettings(), PRE)
    base = resolver.solve(resolver.base_values)
    assert base.left_out == 3 and set(resolver.keys[base.chosen].get_level_values(0)) == {"C0"}
    # the countries' values in reverse order (each country keeps its fields' order)
    table = template.table.assign(value=template.table["value"].to_numpy().reshape(4, 3)[::-1].ravel())
    outcome = resolver.solve(resolver.values_of(Entries(table)))
    best, picked = brute_force(Entries(table), c, PRE)
    assert outcome.objective == pytest.approx(best, rel=1e-4)
    assert {k for k, _, _ in picked} == {"C3"} == set(resolver.keys[outcome.chosen].get_level_values(0))
    assert outcome.left_out == 3  # now C0-C2 are outdone (by C3), per this sample's values


def test_answers_do_not_depend_on_the_samples_solved_before() -> None:
    template = instance(7, n_countries=5)
    c = Constraints(budget=10.0, staff=8.0, periods=2, period_budget=6.0)
    rng = np.random.default_rng(3)
    rows = [rng.uniform(0.2, 0.9, len(template.table)) for _ in range(6)]
    forward = Resolver(template, c, SolverSettings(threads=1), PRE)
    backward = Resolver(template, c, SolverSettings(threads=1), PRE)
    base = forward.solve(forward.base_values)
    ahead = [forward.solve(v, start=base) for v in rows]
    behind = [backward.solve(v, start=base) for v in rows[::-1]][::-1]
    for a, b in zip(ahead, behind, strict=True):
        assert (a.status, a.objective, a.stages) == (b.status, b.objective, b.stages)
        assert a.chosen.tolist() == b.chosen.tolist() and a.period.tolist() == b.period.tolist()


def test_a_sample_with_other_candidates_is_refused() -> None:
    template = instance(1, n_countries=3)
    resolver = Resolver(template, Constraints(budget=8.0, periods=1), SolverSettings(), PRE)
    cheaper = template.table.assign(cost=template.table["cost"] * 0.5)
    with pytest.raises(ResolveMismatch):
        resolver.values_of(Entries(cheaper))
    with pytest.raises(ResolveMismatch):
        resolver.values_of(Entries(template.table.iloc[1:]))
    with pytest.raises(ResolveMismatch):
        resolver.solve(np.full(len(resolver.keys), np.nan))
    with pytest.raises(ValueError, match="HiGHS"):
        Resolver(template, Constraints(), SolverSettings(solver="cbc"), PRE)


@pytest.fixture(scope="module")
def focus_rescore(dataset: Dataset) -> tuple[Rescore, np.ndarray]:
    scenario = replace(Scenario.default(dataset), universe=Universe(focus_only=True))
    ev = evaluate(dataset, scenario)
    base = np.array([scenario.market_weights.pillars.get(k, 0.0) for k in ev.market.pillars.columns], float)
    return Rescore(ev.market, ev.fit, ev.threat, scenario.opportunity_weights, dataset.fields, dataset.countries), base


@pytest.mark.parametrize(
    "c",
    [
        Constraints(budget=12.0, staff=10.0, periods=3, max_countries=4),
        Constraints(budget=14.0, period_budget=6.0, staff=12.0, periods=2),
    ],
    ids=["one model period", "per-period budget"],
)
def test_real_samples_match_a_fresh_solve(dataset: Dataset, focus_rescore, c: Constraints) -> None:
    rescore, base = focus_rescore
    pre = prerequisites_of(dataset.fields)
    settings = SolverSettings(time_limit=20.0, threads=1)
    resolver = Resolver(rescore(base), c, settings, pre)
    start = resolver.plan(resolver.solve(resolver.base_values), resolver.base_values)
    same = 0
    samples = sample_simplex(16, len(base), np.random.default_rng(21))
    for w in samples:
        entries = rescore(w)
        fresh = solve(entries, c, settings, pre, start=start)
        values = resolver.values_of(entries)
        plan = resolver.plan(resolver.solve(values, start=start), values)
        assert plan.status == fresh.status == "optimal"
        assert plan.objective == pytest.approx(fresh.objective, rel=settings.gap)
        assert plan.objective <= (fresh.bound or math.inf) + 1e-9 and fresh.objective <= (plan.bound or math.inf) + 1e-9
        same += plan_pairs(plan) == plan_pairs(fresh)
        assert plan.budget_used <= c.budget + 1e-6
    assert same >= len(samples) - 2  # equal optima may differ where two plans tie within the gap
