"""ICT packages and funding pools in the optimiser: the MIP optimum equals enumeration (tests/brute_force.py)
on small cases, packages off is today's model exactly, the plan says which package each country gets,
pools bind and are named when they clash."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from brute_force import brute_force
from optimizer_checks import FIELDS, PRE, instance

from strategy.optimize import (
    ConstraintGroup,
    Constraints,
    Entries,
    GroupKind,
    build_model,
    explain_infeasible,
    greedy,
    group_text,
    solve,
)
from strategy.optimize.packages import Package, pool_problems
from strategy.optimize.solvers import _matrix

ALL_FIELDS = tuple(FIELDS.index)  # net, cyber (phase 1), city, pay (phase 2), agri (phase 3)
PACKAGES = (
    Package("city_agri", ("city", "agri"), value_bonus=0.2, cost_saving=0.2),
    Package("net_city", ("net", "city"), value_bonus=0.1, cost_saving=0.3),  # shares city with city_agri
    Package("cyber_pay", ("cyber", "pay"), value_bonus=0.15, cost_saving=0.1),
)


def with_packages(entries: Entries, seed: int) -> Entries:
    """The entries with :data:`PACKAGES` and a random route (grant aid or yen loan) per entry."""
    rng = np.random.default_rng(100 + seed)
    table = entries.table.assign(route=rng.choice(["grant_aid", "yen_loan"], len(entries.table)))
    return Entries(table, PACKAGES)


def check(entries: Entries, c: Constraints) -> None:
    best, _ = brute_force(entries, c, PRE)
    plan = solve(entries, c, prerequisites=PRE)
    if best == -math.inf:
        assert plan.status == "infeasible"
        return
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(best, rel=1e-4, abs=1e-6)
    sel = plan.selection
    chosen = set(zip(sel["iso3"], sel["field_id"], strict=True))
    for k, members in zip(plan.packages["iso3"], plan.packages["members"], strict=True):
        assert {(k, f) for f in members.split(";")} <= chosen  # a package implies its members
    assert plan.budget_used <= c.budget + 1e-6
    for route, limit in c.pool_budget.items():
        spent = sel.loc[sel["route"] == route, "cost"].sum()
        saved = sum(
            p.cost_saving
            * sel.loc[(sel["iso3"] == k) & (sel["package"] == pid) & (sel["route"] == route), "cost"].sum()
            for k, pid in zip(plan.packages["iso3"], plan.packages["package_id"], strict=True)
            for p in PACKAGES
            if p.package_id == pid
        )
        assert spent - saved <= limit + 1e-6


CASES = {
    "budget": dict(budget=9.0, staff=None),
    "staff": dict(budget=30.0, staff=9.0),
    "tight budget, big bonus": dict(budget=7.0, staff=None, package_bonus=0.0),
    "pool": dict(budget=12.0, staff=None, pool_budget={"grant_aid": 4.0}),
    "two pools": dict(budget=14.0, staff=None, pool_budget={"grant_aid": 5.0, "yen_loan": 3.5}),
    "countries": dict(budget=12.0, staff=None, max_countries=1),
    "no phase order": dict(budget=8.0, staff=None, phase_order=False),
}


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("case", sorted(CASES))
def test_packages_and_pools_optimum_equals_brute_force(case: str, seed: int) -> None:
    entries = with_packages(instance(seed, n_countries=3, fields=ALL_FIELDS, ties=seed == 3), seed)
    check(entries, Constraints(periods=1, use_packages=True, **CASES[case]))


@pytest.mark.parametrize("seed", range(3))
def test_packages_respect_periods_and_phase_order(seed: int) -> None:
    """Two periods with a per-period budget: members of a package still follow their enablers."""
    entries = with_packages(instance(seed, n_countries=2, fields=ALL_FIELDS), seed)
    c = Constraints(periods=2, budget=10.0, period_budget=5.5, staff=None, use_packages=True, time_preference=0.9)
    check(entries, c)


@pytest.mark.parametrize("seed", range(3))
def test_pools_without_packages_equal_brute_force(seed: int) -> None:
    entries = with_packages(instance(seed, n_countries=3, fields=ALL_FIELDS), seed)
    check(entries, Constraints(periods=1, budget=12.0, staff=None, pool_budget={"yen_loan": 3.0}))


def _model_text(entries: Entries, c: Constraints) -> tuple:
    model = build_model(entries, c, PRE)
    m = _matrix(model)
    names = [v.name for v in model.columns]
    rows = [(str(g), len(r)) for g, r in model.groups.items()]
    arrays = (m.cost, m.lower, m.upper, m.integer, m.row_lower, m.row_upper, m.start, m.index, m.value)
    return names, rows, [a.tolist() for a in arrays], sorted(model.terms)


@pytest.mark.parametrize("periods", [1, 3])
def test_packages_off_is_todays_model(periods: int) -> None:
    """Packages given but off, routes given but no pool: the model is the one without them, bit for bit."""
    plain = instance(0, n_countries=4, fields=ALL_FIELDS)
    c = Constraints(periods=periods, budget=10.0, period_budget=6.0 if periods > 1 else None)
    assert _model_text(with_packages(plain, 0), c) == _model_text(plain, c)
    assert _model_text(with_packages(plain, 0), replace(c, use_packages=True)) != _model_text(plain, c)


def test_plan_names_packages_and_their_synergy() -> None:
    entries = with_packages(instance(1, n_countries=3, fields=ALL_FIELDS), 1)
    plan = solve(entries, Constraints(periods=1, budget=30.0, staff=None, use_packages=True), prerequisites=PRE)
    assert plan.status == "optimal" and len(plan.packages)
    assert plan.terms["package synergy"] == pytest.approx(plan.packages["bonus"].sum())
    sel = plan.selection
    assert plan.budget_used == pytest.approx(sel["cost"].sum() + len(plan.countries) - plan.packages["saving"].sum())
    for row in plan.packages.itertuples():
        members = set(sel.loc[(sel["iso3"] == row.iso3) & (sel["package"] == row.package_id), "field_id"])
        assert members == set(row.members.split(";"))
    # every field chosen, so each country gets city_agri or net_city (they share city) and cyber_pay
    assert set(plan.packages.groupby("iso3").size()) == {2}


def test_pool_binds_and_is_named() -> None:
    entries = with_packages(instance(2, n_countries=3, fields=ALL_FIELDS), 2)
    c = Constraints(periods=1, budget=30.0, staff=None, pool_budget={"grant_aid": 2.0})
    plan = solve(entries, c, prerequisites=PRE)
    assert ConstraintGroup(GroupKind.POOL, "grant_aid") in plan.binding
    assert group_text(ConstraintGroup(GroupKind.POOL, "grant_aid"), "ja") == "資金枠：無償資金協力"
    assert group_text(ConstraintGroup(GroupKind.POOL, "yen_loan"), "en") == "Funding pool: Yen loan"


def test_greedy_meets_pools() -> None:
    entries = with_packages(instance(2, n_countries=3, fields=ALL_FIELDS), 2)
    c = Constraints(periods=1, budget=30.0, staff=None, pool_budget={"grant_aid": 2.0, "yen_loan": 3.0})
    sel = greedy(entries, c, PRE).selection.merge(entries.table[["iso3", "field_id", "route"]])
    for route, limit in c.pool_budget.items():
        assert sel.loc[sel["route"] == route, "cost"].sum() <= limit + 1e-9


def test_infeasibility_names_the_pool() -> None:
    entries = with_packages(instance(0, n_countries=3, fields=ALL_FIELDS), 0)
    must = tuple(
        entries.table.loc[entries.table["route"] == "yen_loan", ["iso3", "field_id"]]
        .head(3)
        .itertuples(index=False, name=None)
    )
    c = Constraints(
        periods=1, budget=30.0, staff=None, must_pairs=must, phase_order=False, pool_budget={"yen_loan": 0.5}
    )
    assert solve(entries, c, prerequisites=PRE).status == "infeasible"
    clash = explain_infeasible(entries, c, PRE)
    assert ConstraintGroup(GroupKind.POOL, "yen_loan") in clash


def test_pool_problems() -> None:
    assert pool_problems({"grant_aid": 5.0}, 10.0) == []
    ((route, key, values),) = pool_problems({"grant_aid": 12.0}, 10.0)
    assert (route, key, values["value"], values["budget"]) == ("grant_aid", "schema.err.pool_over_budget", "12", "10")
    assert pool_problems({"gift": 1.0}, 10.0)[0][1] == "schema.err.unknown_route"


def test_package_needs_members_and_synergy_in_range() -> None:
    with pytest.raises(ValueError):
        Package("empty", ())
    with pytest.raises(ValueError):
        Package("big", ("net",), cost_saving=0.8)
