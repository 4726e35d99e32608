"""Questions asked of the model beyond one plan: marginal values, the budget frontier and which
constraint groups clash when no plan exists."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

import highspy
import numpy as np

from strategy.optimize.groups import ConstraintGroup
from strategy.optimize.model import Constraints, Entries, Plan, SolverSettings, build_model
from strategy.optimize.solvers import _highs, _matrix
from strategy.optimize.staged import solve


def marginal_values(
    entries: Entries,
    constraints: Constraints,
    base: Plan,
    settings: SolverSettings = SolverSettings(),
    prerequisites: Mapping[str, tuple[str, ...]] | None = None,
    budget_step: float = 1.0,
    staff_step: float = 1.0,
) -> dict[str, float]:
    """Value of one more unit of budget and of staff, by re-solving (not a dual-price guess)."""
    out = {}
    more_budget = replace(constraints, budget=constraints.budget + budget_step)
    plan = solve(entries, more_budget, settings, prerequisites, start=base)
    out["budget"] = (plan.objective - base.objective) / budget_step
    if constraints.staff is not None:
        more_staff = replace(constraints, staff=constraints.staff + staff_step)
        plan = solve(entries, more_staff, settings, prerequisites, start=base)
        out["staff"] = (plan.objective - base.objective) / staff_step
    return out


def frontier(
    entries: Entries,
    constraints: Constraints,
    budgets: Iterable[float],
    settings: SolverSettings = SolverSettings(),
    prerequisites: Mapping[str, tuple[str, ...]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[float, Plan]]:
    """Efficient frontier: the optimal plan at each budget.

    Budgets are solved in increasing order; each optimum starts the next solve (a plan that fits
    a budget fits every larger one). The result is in the order given. ``progress(done, total)``
    is called after each distinct budget is solved (e.g. to drive a progress bar).
    """
    budgets = [float(b) for b in budgets]
    plans: dict[float, Plan] = {}
    previous: Plan | None = None
    distinct = sorted(set(budgets))
    for done, b in enumerate(distinct, start=1):
        previous = plans[b] = solve(entries, replace(constraints, budget=b), settings, prerequisites, start=previous)
        if progress is not None:
            progress(done, len(distinct))
    return [(b, plans[b]) for b in budgets]


def explain_infeasible(
    entries: Entries,
    constraints: Constraints,
    prerequisites: Mapping[str, tuple[str, ...]] | None = None,
    settings: SolverSettings = SolverSettings(time_limit=20),
) -> dict[ConstraintGroup, float]:
    """Which of the planner's constraint groups clash, and by how much each would have to give.

    Every group gets a slack (the elastic model). A deletion filter then finds an irreducible set
    of groups that cannot hold together: each one is needed for the clash (relax any of them fully
    and the rest can hold). For each group in that set the value is the least relaxation of that
    group alone (the others kept) that makes a plan possible, in the group's unit (budget,
    countries, ...); ``inf`` when relaxing it alone is not enough because another clash remains.
    An empty dict means the constraints can all hold. Always solved with HiGHS (feasibility
    questions on the elastic model; ``settings`` gives its time limit per question).
    """
    model = build_model(entries, constraints, prerequisites, elastic=True)
    m = _matrix(model)
    col = {var: j for j, var in enumerate(model.columns)}
    slack_cols = {g: np.array([col[s] for s in ss], dtype=np.int32) for g, ss in model.slacks.items()}
    h = _highs(replace(m, cost=np.zeros_like(m.cost)), settings)

    def possible(enforced: Iterable[ConstraintGroup], minimise: ConstraintGroup | None = None) -> float | None:
        """Least total slack of ``minimise`` (0 for a plain feasibility test) with ``enforced`` held."""
        enforced = set(enforced)
        for g, cols in slack_cols.items():
            upper = 0.0 if g in enforced else math.inf
            h.changeColsBounds(len(cols), cols, np.zeros(len(cols)), np.full(len(cols), upper))
        costs = np.zeros(len(m.cost))
        if minimise is not None:
            costs[slack_cols[minimise]] = 1.0
        h.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)
        h.clearSolver()
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return float(h.getInfo().objective_function_value)

    groups = list(slack_cols)
    if possible(groups) is not None:
        return {}
    conflict = list(groups)
    for g in groups:
        rest = [other for other in conflict if other != g]
        if possible(rest) is None:
            conflict = rest
    out = {}
    for g in conflict:
        amount = possible([other for other in conflict if other != g] + [o for o in groups if o not in conflict], g)
        out[g] = math.inf if amount is None else amount
    return out
