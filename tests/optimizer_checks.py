"""Shared checks of the optimiser tests: a plan keeps every rule as the planner states it, and
the solver's optimum equals the brute-force one (tests/brute_force.py)."""

from __future__ import annotations

import math

import pytest
from brute_force import brute_force

from strategy.optimize import (
    Constraints,
    Entries,
    Plan,
    SolverSettings,
    instances,
    solve,
)

FIELDS, PRE, GROUP = instances.FIELDS, instances.PREREQUISITES, instances.GROUP
instance = instances.small_entries


def plan_pairs(plan: Plan) -> set[tuple[str, str]]:
    return set(zip(plan.selection["iso3"], plan.selection["field_id"], strict=True))


def assert_matches_brute_force(entries: Entries, c: Constraints, solver: str = "highs") -> Plan:
    best, _ = brute_force(entries, c, PRE)
    plan = solve(entries, c, SolverSettings(solver=solver), PRE)
    if best == -math.inf:
        assert plan.status == "infeasible"
    else:
        assert plan.status == "optimal"
        assert plan.objective == pytest.approx(best, rel=1e-4, abs=1e-6)
        assert_plan_keeps_rules(plan, c)
    return plan


def assert_plan_keeps_rules(plan: Plan, c: Constraints) -> None:
    """Every rule checked on the plan itself (not on the model's rows)."""
    sel = plan.selection
    opened = plan.countries.set_index("iso3")["period"]
    assert set(opened.index) == set(sel["iso3"])  # a country is open exactly when it has an entry
    assert (sel.groupby("iso3")["period"].min() == opened.reindex(sel.groupby("iso3")["period"].min().index)).all()
    assert plan.budget_used <= c.budget + 1e-6
    assert plan.budget_used == pytest.approx(sel["cost"].sum() + c.open_cost * len(opened))
    if c.period_budget is not None:
        for t in range(1, c.periods + 1):
            spent = sel.loc[sel["period"] == t, "cost"].sum() + c.open_cost * (opened == t).sum()
            assert spent <= c.period_budget + 1e-6
    if c.staff is not None:
        assert plan.staff_used <= c.staff + 1e-6
    if c.max_countries is not None:
        assert len(opened) <= c.max_countries
    for name, members in c.groups.items():
        inside = sum(k in members for k in opened.index)
        assert c.group_min.get(name, 0) <= inside <= c.group_max.get(name, 10**9)
    for f, m in c.field_max.items():
        assert (sel["field_id"] == f).sum() <= m
    assert set(c.must_countries) <= set(opened.index)
    assert set(c.must_fields) <= set(sel["field_id"])
    assert set(c.must_pairs) <= plan_pairs(plan)
    assert not set(c.exclude_countries) & set(sel["iso3"])
    assert not set(c.exclude_fields) & set(sel["field_id"])
    assert not set(c.exclude_pairs) & plan_pairs(plan)
    assert (sel["period"].between(1, c.periods)).all()
    if c.phase_order:
        when = {(k, f): t for k, f, t in zip(sel["iso3"], sel["field_id"], sel["period"], strict=True)}
        for (k, f), t in when.items():
            if FIELDS.at[f, "phase"] > 1:
                enablers = PRE.get(f) or tuple(FIELDS.index[FIELDS["phase"] == 1])
                assert any(when.get((k, p), 99) <= t for p in enablers), f"{k}/{f} before its enabler"
