"""Portfolio optimiser: infeasibility explained, truthful status under time limits, multi-period
rules, frontier and marginal values, the plan's API, constraint-group texts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pulp
import pytest
from optimizer_checks import (
    FIELDS,
    GROUP,
    PRE,
    assert_plan_keeps_rules,
    instance,
)

from strategy.i18n import Message
from strategy.optimize import (
    SOLVERS,
    ConstraintGroup,
    Constraints,
    Entries,
    GroupKind,
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


def test_a_cbc_run_stopped_by_its_time_limit_never_claims_infeasible() -> None:
    prob = pulp.LpProblem("p", pulp.LpMaximize)
    prob.assignStatus(pulp.LpStatusInfeasible, pulp.LpSolutionNoSolutionFound)
    assert solvers._cbc_status(prob, "Result - Stopped on time limit\n") == "no solution"
    assert solvers._cbc_status(prob, "Result - Linear relaxation infeasible\n") == "infeasible"
    prob.assignStatus(pulp.LpStatusOptimal, pulp.LpSolutionIntegerFeasible)
    assert solvers._cbc_status(prob, "Result - Stopped on time limit\n") == "feasible"


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
    assert Message.of("optimize.note.one_period", period=1, preference=0.97) in plan.notes
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
