"""Portfolio optimiser: brute-force agreement, every constraint holds and can bind, greedy yardstick,
infeasibility explained, truthful status under time limits, multi-period rules, exact reductions."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pulp
import pytest
from brute_force import brute_force

from strategy.i18n import Message
from strategy.optimize import (
    SOLVERS,
    ConstraintGroup,
    Constraints,
    Entries,
    GroupKind,
    Plan,
    SolverSettings,
    build_model,
    explain_infeasible,
    frontier,
    greedy,
    group_text,
    instances,
    marginal_values,
    prerequisites_of,
    solve,
    solvers,
    staged,
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


# --- brute force --------------------------------------------------------------------------------

CONSTRAINT_CASES = {
    "budget": dict(budget=8.0, staff=None),
    "staff": dict(budget=30.0, staff=7.0),
    "countries": dict(budget=12.0, staff=None, max_countries=2),
    "group min": dict(budget=12.0, staff=9.0, groups=GROUP, group_min={"A": 2}),
    "group max": dict(budget=12.0, staff=9.0, groups=GROUP, group_max={"A": 1}),
    "field max": dict(budget=14.0, staff=12.0, field_max={"net": 1}),
    "must country": dict(budget=9.0, staff=8.0, must_countries=("C4",)),
    "must field": dict(budget=9.0, staff=8.0, must_fields=("city",)),
    "must pair": dict(budget=9.0, staff=8.0, must_pairs=(("C3", "city"),)),
    "exclude": dict(
        budget=9.0, staff=8.0, exclude_countries=("C0",), exclude_fields=("cyber",), exclude_pairs=(("C1", "net"),)
    ),
    "no phase order": dict(budget=9.0, staff=8.0, phase_order=False),
    "rival gap": dict(budget=9.0, staff=8.0, max_rival_gap=0.3),
    "open cost and bonus": dict(budget=10.0, staff=9.0, open_cost=2.5, package_bonus=0.3),
}


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("case", sorted(CONSTRAINT_CASES))
def test_single_period_optimum_equals_brute_force(case: str, seed: int) -> None:
    entries = instance(seed, n_countries=5 if seed == 0 else 4, ties=seed % 3 == 2)
    assert_matches_brute_force(entries, Constraints(periods=1, **CONSTRAINT_CASES[case]))


@pytest.mark.parametrize("seed", range(4))
def test_five_fields_with_two_enablers_equal_brute_force(seed: int) -> None:
    entries = instance(seed, n_countries=3, fields=tuple(FIELDS.index))
    for kw in (
        dict(budget=9.0, staff=8.0),
        dict(budget=12.0, staff=None, max_countries=2, groups=GROUP, group_min={"A": 1}),
    ):
        assert_matches_brute_force(entries, Constraints(periods=1, **kw))


@pytest.mark.parametrize("seed", range(3))
def test_prerequisite_chains_between_phase_2_fields_equal_brute_force(seed: int) -> None:
    """A phase 2 field enabled by another phase 2 field: the tighter 'opened with a phase 1 entry'
    row no longer holds for every plan, so the model falls back to 'opened with any entry'."""
    entries = instance(seed, n_countries=3, fields=("net", "cyber", "city", "pay"))
    chain = {"city": ("pay",), "pay": ("net", "cyber")}
    c = Constraints(periods=1, budget=9.0, staff=8.0)
    best, _ = brute_force(entries, c, chain)
    plan = solve(entries, c, prerequisites=chain)
    assert plan.status == "optimal" and plan.objective == pytest.approx(best, rel=1e-4)
    when = set(plan_pairs(plan))
    assert all((k, "pay") in when for k, f in when if f == "city")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(
    "kw",
    [
        dict(budget=9.0, staff=8.0, period_budget=5.0),
        dict(budget=12.0, staff=9.0, period_budget=6.0, time_preference=0.8),
        dict(budget=9.0, staff=8.0),  # no per-period budget: collapsed to period 1
        dict(budget=12.0, staff=9.0, time_preference=1.2),  # ... or to the last period
        dict(budget=9.0, staff=8.0, period_budget=9.0),  # a per-period budget that cannot bind: collapsed
    ],
    ids=["period budget", "period budget, strong preference", "collapsed", "collapsed to last", "idle period budget"],
)
def test_two_period_optimum_equals_brute_force(kw: dict, seed: int) -> None:
    entries = instance(seed, n_countries=3)
    assert_matches_brute_force(entries, Constraints(periods=2, **kw))


def test_cbc_agrees_with_brute_force() -> None:
    for seed in range(3):
        for case in ("budget", "group min", "must pair"):
            assert_matches_brute_force(instance(seed), Constraints(periods=1, **CONSTRAINT_CASES[case]), solver="cbc")
    assert_matches_brute_force(
        instance(1, n_countries=3), Constraints(periods=2, budget=9, staff=8, period_budget=5), "cbc"
    )


@pytest.mark.parametrize("seed", [5, 10, 14])
def test_second_stage_is_exact_when_the_first_is_fractional(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Instances whose counts-only relaxation ends fractional (these seeds do with HiGHS 1.16) are
    solved again with every variable binary; forcing that path everywhere gives the same optima."""
    entries = instance(seed, n_countries=3, fields=tuple(FIELDS.index))
    c = Constraints(periods=1, budget=9.0, staff=8.0)
    natural = assert_matches_brute_force(entries, c)
    monkeypatch.setattr(staged, "_whole", lambda matrix, values: None)
    forced = assert_matches_brute_force(entries, c)
    assert forced.stages == 2 and forced.objective == pytest.approx(natural.objective)
    assert_matches_brute_force(
        instance(seed, n_countries=3), Constraints(periods=2, budget=9, staff=8, period_budget=5)
    )


# --- each constraint holds and can bind -----------------------------------------------------------

# name -> (loose constraints, tight constraints chosen from the loose plan, check on the tight plan)
BIND_BASE = dict(budget=12.0, staff=None, periods=1)


def _most_common_field(p: Plan) -> str:
    return str(p.selection["field_id"].value_counts().index[0])


def _missing(p: Plan, column: str, among: list[str]) -> str:
    return next(v for v in among if v not in set(p.selection[column]))


BIND_CASES = {
    "budget": (dict(budget=40.0), lambda p: dict(budget=6.0), lambda p, q: q.budget_used <= 6.0),
    "staff": (dict(), lambda p: dict(staff=p.staff_used - 1.0), lambda p, q: q.staff_used <= p.staff_used - 1.0),
    "countries": (
        dict(),
        lambda p: dict(max_countries=len(p.countries) - 1),
        lambda p, q: len(q.countries) < len(p.countries),
    ),
    "group min": (
        dict(groups=GROUP),
        lambda p: dict(groups=GROUP, group_min={"A": 3}),
        lambda p, q: set(GROUP["A"]) <= set(q.countries["iso3"]),
    ),
    "group max": (
        dict(groups=GROUP),
        lambda p: dict(groups=GROUP, group_max={"A": 0}),
        lambda p, q: not set(GROUP["A"]) & set(q.countries["iso3"]),
    ),
    "field max": (
        dict(),
        lambda p: dict(
            field_max={_most_common_field(p): int((p.selection["field_id"] == _most_common_field(p)).sum()) - 1}
        ),
        lambda p, q: (
            (q.selection["field_id"] == _most_common_field(p)).sum()
            < (p.selection["field_id"] == _most_common_field(p)).sum()
        ),
    ),
    "must country": (
        dict(budget=6.0),
        lambda p: dict(must_countries=(_missing(p, "iso3", [f"C{k}" for k in range(5)]),)),
        lambda p, q: _missing(p, "iso3", [f"C{k}" for k in range(5)]) in set(q.countries["iso3"]),
    ),
    "must field": (
        dict(budget=6.0),
        lambda p: dict(must_fields=(_missing(p, "field_id", ["pay", "city", "net", "cyber"]),)),
        lambda p, q: _missing(p, "field_id", ["pay", "city", "net", "cyber"]) in set(q.selection["field_id"]),
    ),
    "must pair": (
        dict(budget=6.0),
        lambda p: dict(must_pairs=(("C4", "pay"),)),
        lambda p, q: ("C4", "pay") in plan_pairs(q),
    ),
    "exclude country": (
        dict(),
        lambda p: dict(exclude_countries=(str(p.countries["iso3"].iloc[0]),)),
        lambda p, q: str(p.countries["iso3"].iloc[0]) not in set(q.countries["iso3"]),
    ),
    "exclude field": (
        dict(),
        lambda p: dict(exclude_fields=(_most_common_field(p),)),
        lambda p, q: _most_common_field(p) not in set(q.selection["field_id"]),
    ),
    "exclude pair": (
        dict(),
        lambda p: dict(exclude_pairs=(sorted(plan_pairs(p))[0],)),
        lambda p, q: sorted(plan_pairs(p))[0] not in plan_pairs(q),
    ),
    "rival gap": (dict(), lambda p: dict(max_rival_gap=0.0), lambda p, q: True),
    "phase order": (
        dict(phase_order=False),
        lambda p: dict(phase_order=True),
        lambda p, q: all(("cyber" in s or "net" in s) for s in q.selection.groupby("iso3")["field_id"].agg(set)),
    ),
    "period budget": (
        dict(budget=12.0, periods=3),
        lambda p: dict(budget=12.0, periods=3, period_budget=4.5),
        lambda p, q: q.selection["period"].nunique() > 1,
    ),
}


@pytest.mark.parametrize("name", sorted(BIND_CASES))
def test_each_constraint_holds_and_can_bind(name: str) -> None:
    loose, tight, check = BIND_CASES[name]
    entries = instance(7, n_countries=5, fields=("net", "cyber", "city", "pay"))
    c_loose = Constraints(**{**BIND_BASE, **loose})
    free = solve(entries, c_loose, prerequisites=PRE)
    c_tight = Constraints(**{**BIND_BASE, **loose, **tight(free)})
    bound = solve(entries, c_tight, prerequisites=PRE)
    assert free.status == bound.status == "optimal"
    assert_plan_keeps_rules(free, c_loose)
    assert_plan_keeps_rules(bound, c_tight)
    assert check(free, bound)
    # it binds: the plan changes (a different set of entries, or the same set at other times) ...
    assert plan_pairs(bound) != plan_pairs(free) or set(bound.selection["period"]) != set(free.selection["period"])
    # ... and a tighter rule never pays more
    if name != "phase order":
        assert bound.objective <= free.objective + 1e-9


def test_binding_lists_the_limits_without_slack() -> None:
    entries = instance(7, n_countries=5, fields=("net", "cyber", "city", "pay"))
    plan = solve(entries, Constraints(budget=40.0, staff=6.0, periods=1), prerequisites=PRE)
    assert plan.binding == (ConstraintGroup(GroupKind.STAFF),)
    plan = solve(entries, Constraints(budget=7.0, staff=None, periods=1), prerequisites=PRE)
    assert ConstraintGroup(GroupKind.BUDGET) in plan.binding


def test_a_country_counts_as_opened_only_with_an_entry() -> None:
    """Group minimums count countries that get an entry; an 'opened' country without one is impossible."""
    entries = instance(2)
    c = Constraints(
        budget=30.0, staff=None, periods=1, groups={"B": ("C0", "C1")}, group_min={"B": 2}, exclude_countries=("C1",)
    )
    assert solve(entries, c, prerequisites=PRE).status == "infeasible"
    plan = solve(entries, replace(c, exclude_countries=()), prerequisites=PRE)
    assert {"C0", "C1"} <= set(plan.selection["iso3"])


# --- greedy --------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_optimum_is_never_worse_than_greedy(seed: int) -> None:
    entries = instance(seed, n_countries=12, fields=tuple(FIELDS.index))
    for kw in (
        dict(budget=15.0, staff=12.0, periods=1),
        dict(budget=20.0, staff=15.0, max_countries=4, groups=GROUP, group_min={"A": 2}, periods=1),
        dict(budget=20.0, staff=None, periods=3, period_budget=8.0, must_pairs=(("C5", "city"),)),
    ):
        c = Constraints(**kw)
        g = greedy(entries, c, PRE)
        best = solve(entries, c, prerequisites=PRE)
        assert best.status == "optimal"
        if g.status == "heuristic":
            assert_plan_keeps_rules(g, c)
            assert best.objective >= g.objective - 1e-9


def test_greedy_places_must_items_and_group_minimums_first() -> None:
    entries = instance(3, n_countries=8, fields=tuple(FIELDS.index))
    c = Constraints(budget=14.0, staff=None, periods=1, groups=GROUP, group_min={"A": 3}, must_pairs=(("C6", "agri"),))
    g = greedy(entries, c, PRE)
    assert g.status == "heuristic"
    assert_plan_keeps_rules(g, c)


# --- infeasibility --------------------------------------------------------------------------------


def test_infeasible_must_countries_over_the_country_limit() -> None:
    entries = instance(0, n_countries=6)
    c = Constraints(
        budget=100.0, staff=None, periods=1, max_countries=4, must_countries=tuple(f"C{k}" for k in range(6))
    )
    assert solve(entries, c, prerequisites=PRE).status == "infeasible"
    clash = explain_infeasible(entries, c, PRE)
    assert ConstraintGroup(GroupKind.COUNTRIES) in clash
    assert sum(g.kind is GroupKind.MUST_COUNTRY for g in clash) == 5  # any 5 musts with the limit of 4
    assert clash[ConstraintGroup(GroupKind.COUNTRIES)] == pytest.approx(2.0)  # two more countries would do


def test_infeasible_group_minimum_larger_than_the_group() -> None:
    entries = instance(0, n_countries=6)
    c = Constraints(budget=100.0, staff=None, periods=1, groups=GROUP, group_min={"A": 4})
    assert explain_infeasible(entries, c, PRE) == {ConstraintGroup(GroupKind.GROUP_MIN, "A"): pytest.approx(1.0)}


def test_infeasible_budget_below_a_must_pair() -> None:
    entries = instance(0, n_countries=6)
    c = Constraints(budget=3.0, staff=None, periods=1, must_pairs=(("C2", "city"),))
    clash = explain_infeasible(entries, c, PRE)
    assert set(clash) == {ConstraintGroup(GroupKind.BUDGET), ConstraintGroup(GroupKind.MUST_PAIR, ("C2", "city"))}
    cost = entries.table.set_index(["iso3", "field_id"])["cost"]
    need = cost["C2", "city"] + cost["C2", "net"] + 1.0  # the pair, its enabler, opening the country
    assert clash[ConstraintGroup(GroupKind.BUDGET)] == pytest.approx(need - 3.0)


def test_infeasible_phase_order_with_the_enabler_excluded() -> None:
    entries = instance(0, n_countries=4)
    c = Constraints(budget=30.0, staff=None, periods=1, must_pairs=(("C1", "city"),), exclude_pairs=(("C1", "net"),))
    assert set(explain_infeasible(entries, c, PRE)) == {
        ConstraintGroup(GroupKind.PHASE_ORDER),
        ConstraintGroup(GroupKind.MUST_PAIR, ("C1", "city")),
    }


def test_feasible_input_has_nothing_to_explain() -> None:
    assert explain_infeasible(instance(0), Constraints(budget=10.0, periods=1), PRE) == {}


# --- truthful status --------------------------------------------------------------------------------


def _hard() -> tuple[Entries, Constraints]:
    entries = instance(11, n_countries=120, fields=tuple(FIELDS.index))
    return entries, Constraints(budget=60.0, period_budget=16.0, staff=45.0, max_countries=15, periods=4)


@pytest.mark.parametrize("solver", ["highs", "cbc"])
@pytest.mark.parametrize("limit", [0.05, 0.6])
def test_time_limited_run_never_claims_optimal(solver: str, limit: float) -> None:
    entries, c = _hard()
    plan = solve(entries, c, SolverSettings(solver=solver, time_limit=limit), PRE)
    assert plan.status in ("feasible", "no solution")
    if plan.status == "feasible":
        assert plan.gap is None or plan.gap > 1e-4
        assert_plan_keeps_rules(plan, c)
    else:
        assert plan.selection.empty and plan.objective == 0.0


def test_pulp_calls_a_time_limited_cbc_run_optimal_and_we_do_not() -> None:
    entries, c = _hard()
    model = build_model(entries, c, PRE)
    model.problem.solve(solvers._cbc(msg=False, timeLimit=1))
    if model.problem.sol_status == pulp.LpSolutionIntegerFeasible:  # stopped with a solution
        assert model.problem.status == pulp.LpStatusOptimal  # PuLP's word
        assert solvers._status(model.problem) == "feasible"  # ours
    else:
        assert solvers._status(model.problem) != "optimal"


def test_status_of_each_pulp_outcome() -> None:
    prob = pulp.LpProblem("p", pulp.LpMaximize)
    for status, sol, expected in [
        (pulp.LpStatusOptimal, pulp.LpSolutionOptimal, "optimal"),
        (pulp.LpStatusOptimal, pulp.LpSolutionIntegerFeasible, "feasible"),
        (pulp.LpStatusInfeasible, pulp.LpSolutionNoSolutionFound, "infeasible"),
        (pulp.LpStatusNotSolved, pulp.LpSolutionNoSolutionFound, "no solution"),
    ]:
        prob.assignStatus(status, sol)
        assert solvers._status(prob) == expected


# --- multi-period -----------------------------------------------------------------------------------


def test_multi_period_keeps_period_budget_and_phase_order() -> None:
    entries = instance(4, n_countries=10, fields=tuple(FIELDS.index))
    c = Constraints(budget=24.0, period_budget=7.0, staff=None, periods=4, time_preference=0.9)
    plan = solve(entries, c, prerequisites=PRE)
    assert plan.status == "optimal"
    assert_plan_keeps_rules(plan, c)
    assert plan.selection["period"].nunique() >= 3
    assert not plan.notes


def test_no_period_budget_puts_everything_in_one_period_and_says_so() -> None:
    entries = instance(4, n_countries=10, fields=tuple(FIELDS.index))
    plan = solve(entries, Constraints(budget=20.0, periods=3), prerequisites=PRE)
    assert set(plan.selection["period"]) == {1}
    assert any("period 1" in note.text("en") for note in plan.notes)
    assert Message.of("plan.note.one_period", period=1, preference=0.97) in plan.notes
    assert all(note.text("ja") != note.text("en") for note in plan.notes)  # translated, not English
    later = solve(entries, Constraints(budget=20.0, periods=3, time_preference=1.1), prerequisites=PRE)
    assert set(later.selection["period"]) == {3}
    assert later.terms["entry value"] == pytest.approx(1.1**2 * later.selection["value"].sum())


def test_per_period_budget_that_cannot_bind_collapses_the_periods_and_says_so() -> None:
    entries = instance(4, n_countries=10, fields=tuple(FIELDS.index))
    free = solve(entries, Constraints(budget=20.0, periods=3), prerequisites=PRE)
    idle = solve(entries, Constraints(budget=20.0, period_budget=20.0, periods=3), prerequisites=PRE)
    assert idle.status == free.status == "optimal"
    assert idle.objective == pytest.approx(free.objective)
    assert set(idle.selection["period"]) == {1}
    assert any("can never bind" in note.text("en") for note in idle.notes)
    # just below the total it can bind, and the periods stay
    tight = solve(entries, Constraints(budget=20.0, period_budget=19.5, periods=3), prerequisites=PRE)
    assert not any("can never bind" in note.text("en") for note in tight.notes)
    assert tight.objective <= free.objective + 1e-9


# --- exact reductions ------------------------------------------------------------------------------


def test_outdone_countries_are_left_out_without_changing_the_optimum() -> None:
    """Countries outdone field by field by more countries than can be opened are dropped."""
    entries = instances.ladder_entries([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    c = Constraints(budget=20.0, staff=None, periods=1, max_countries=2)
    model = build_model(entries, c, PRE)
    assert sorted(model.entries["iso3"].unique()) == ["C0", "C1"]
    assert any("4 of 6 countries" in note.text("en") for note in model.notes)
    assert Message.of("plan.note.left_out", n=4, total=6) in model.notes
    assert sorted(build_model(entries, c, PRE, reductions=False).entries["iso3"].unique()) == [
        f"C{k}" for k in range(6)
    ]
    assert_matches_brute_force(entries, c)
    # a must-include country is never left out, nor are members of a group with a minimum
    c2 = replace(c, must_countries=("C5",))
    assert "C5" in set(build_model(entries, c2, PRE).entries["iso3"])
    assert_matches_brute_force(entries, c2)


@pytest.mark.parametrize("seed", range(6))
def test_reductions_keep_the_optimum_on_tied_instances(seed: int) -> None:
    entries = instance(seed, n_countries=6, ties=True)
    for kw in (
        dict(max_countries=2, budget=12.0),
        dict(max_countries=3, budget=10.0, groups=GROUP, group_max={"A": 1}),
    ):
        assert_matches_brute_force(entries, Constraints(periods=1, staff=None, **kw))


# --- analysis and API -------------------------------------------------------------------------------


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_frontier_is_monotone_and_optimal(solver: str) -> None:
    entries = instance(5, n_countries=10, fields=tuple(FIELDS.index))
    c = Constraints(budget=10.0, staff=None, periods=1, groups=GROUP, group_min={"A": 1})
    calls: list[tuple[int, int]] = []
    points = frontier(
        entries,
        c,
        [20.0, 5.0, 10.0, 15.0, 10.0],
        SolverSettings(solver=solver),
        prerequisites=PRE,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert [b for b, _ in points] == [20.0, 5.0, 10.0, 15.0, 10.0]
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]  # once per distinct budget, after it is solved
    values = dict(points)
    assert all(p.status == "optimal" for p in values.values())
    assert values[5.0].objective <= values[10.0].objective <= values[15.0].objective <= values[20.0].objective
    assert values[10.0].objective == pytest.approx(solve(entries, c, prerequisites=PRE).objective)


def test_marginal_values_by_re_solving() -> None:
    entries = instance(5, n_countries=10, fields=tuple(FIELDS.index))
    c = Constraints(budget=10.0, staff=8.0, periods=1)
    base = solve(entries, c, prerequisites=PRE)
    marginal = marginal_values(entries, c, base, prerequisites=PRE)
    assert marginal["budget"] >= 0 and marginal["staff"] >= 0
    more = solve(entries, replace(c, budget=11.0), prerequisites=PRE)
    assert marginal["budget"] == pytest.approx(more.objective - base.objective)


def test_plan_api_and_terms() -> None:
    entries = instance(5, n_countries=10, fields=tuple(FIELDS.index))
    c = Constraints(budget=10.0, staff=8.0, periods=1)
    plan = solve(entries, c, prerequisites=PRE)
    assert plan.has_solution and plan.gap is not None and plan.gap <= 1e-4
    assert set(plan.timings) == {"build", "solve", "total"}
    assert list(plan.selection.columns) == ["iso3", "field_id", "value", "cost", "staff", "phase", "region", "period"]
    assert plan.terms["entry value"] + plan.terms["package bonus"] == pytest.approx(plan.objective)
    assert plan.terms["package bonus"] == pytest.approx(c.package_bonus * (len(plan.selection) - len(plan.countries)))
    assert plan.terms["entry value"] == pytest.approx(plan.selection["value"].sum())
    assert plan.n_variables > 0 and plan.n_constraints > 0


def test_thread_setting_can_change_between_runs() -> None:
    entries = instance(5)
    c = Constraints(budget=10.0, periods=1)
    plans = [solve(entries, c, SolverSettings(threads=t), PRE) for t in (1, None, 2)]
    assert all(p.status == "optimal" for p in plans)
    assert len({round(p.objective, 9) for p in plans}) == 1


def test_unknown_solver_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown solver"):
        solve(instance(0), Constraints(periods=1), SolverSettings(solver="gurobi"), PRE)  # type: ignore[arg-type]


def test_real_data_plan(dataset) -> None:
    """The real inputs end to end: focus countries with an ASEAN minimum, phase order from the table."""
    entries = instances.scored_entries(dataset)
    entries = Entries(entries.table[entries.table["iso3"].isin(dataset.focus)].reset_index(drop=True))
    pre = prerequisites_of(dataset.fields)
    asean = instances.asean_members(dataset)
    c = instances.asean_constraints(asean, budget=25.0, staff=20.0, max_countries=5, periods=3, period_budget=10.0)
    plan = solve(entries, c, prerequisites=pre)
    assert plan.status == "optimal"
    assert sum(k in asean for k in plan.countries["iso3"]) >= 3
    assert plan.objective >= greedy(entries, c, pre).objective - 1e-9
    when = {
        (k, f): t
        for k, f, t in zip(plan.selection["iso3"], plan.selection["field_id"], plan.selection["period"], strict=True)
    }
    phase = dataset.fields["phase"]
    for (k, f), t in when.items():
        if phase[f] > 1:
            enablers = pre.get(f) or tuple(phase.index[phase == 1])
            assert any(when.get((k, p), 99) <= t for p in enablers)


def test_cbc_ignores_a_start_outside_a_restricted_model() -> None:
    """Step 2 of solve() restricts entries to the LP's support; a start using others is dropped."""
    entries = instance(5, n_countries=6)
    c = Constraints(budget=10.0, periods=1)
    model = build_model(entries, c, PRE)
    m = solvers._matrix(model)
    plan = solve(entries, c, SolverSettings(solver="cbc"), PRE)
    start = staged._start_vector(model, plan)
    upper = m.upper.copy()
    upper[int(np.flatnonzero(start[: len(model.entries)] > 0.5)[0])] = 0.0
    result = solvers._run_cbc(model, replace(m, upper=upper), SolverSettings(solver="cbc"), start)
    assert result.status == "optimal"
    assert result.values is not None and m.cost @ result.values <= m.cost @ start + 1e-9


def test_cost_scale_table_keeps_only_changed_countries_and_rejects_bad_cells():

    from strategy.optimize import cost_scale_from_table

    table = pd.DataFrame({"iso3": ["VNM", "THA", "LAO"], "multiplier": [1.0, 1.5, 0.8]})
    assert cost_scale_from_table(table) == {"THA": 1.5, "LAO": 0.8}
    for bad in (float("nan"), 0.0, 50.0):
        with pytest.raises(ValueError, match="VNM"):
            cost_scale_from_table(table.assign(multiplier=[bad, 1.0, 1.0]))


def test_group_text_names_the_group_in_each_language() -> None:
    pair = ConstraintGroup(GroupKind.MUST_PAIR, ("VNM", "digital_tv"))
    assert str(pair) == "must pair: VNM/digital_tv"
    names = {"VNM": "Viet Nam"}, {"digital_tv": "Digital TV"}
    assert group_text(pair, "en", *names) == "Pair to include: Viet Nam, Digital TV"
    assert group_text(pair, "ja", *names) == "必ず含める組み合わせ: Viet Nam・Digital TV"
    assert group_text(ConstraintGroup(GroupKind.GROUP_MIN, "ASEAN"), "en") == "Min ASEAN countries"
    assert group_text(ConstraintGroup(GroupKind.BUDGET), "ja") == "予算"
    assert group_text(ConstraintGroup(GroupKind.FIELD_MAX, "net"), "en") == 'Limit on field "net"'


def test_every_solver_name_has_one_backend() -> None:
    assert set(solvers.BACKENDS) == set(SOLVERS)
