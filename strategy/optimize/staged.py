"""The staged solve: LP bound and rounding, a restricted model, the counts model, the full model;
and the :class:`Plan` read back from the solver's values (see :func:`solve`)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import replace

import numpy as np
import pandas as pd
import pulp

from strategy.optimize.groups import NOT_REPORTED, ConstraintGroup
from strategy.optimize.heuristics import _greedy
from strategy.optimize.model import (
    _PLAN_COLUMNS,
    EPS,
    PACKAGE_PLAN_COLUMNS,
    Constraints,
    Entries,
    Model,
    Plan,
    SolverSettings,
    build_model,
)
from strategy.optimize.solvers import BACKENDS, _Matrix, _matrix, _Result

#: Share of the time limit for the first stage of :func:`solve` (the rest is kept for the full model).
_FIRST_STAGE_SHARE = 0.85


def _start_vector(model: Model, plan: Plan | None) -> np.ndarray | None:
    """A plan as a start for this model (``None`` if it does not fit the model's rows)."""
    if plan is None or not plan.has_solution:
        return None
    n = len(model.periods)
    start = np.zeros(len(model.columns))
    col = {var: j for j, var in enumerate(model.columns)}
    index_of = {
        (a, b): i for i, (a, b) in enumerate(zip(model.entries["iso3"], model.entries["field_id"], strict=True))
    }
    first = {p: t for t, p in enumerate(model.periods, start=1)}
    opened: dict[str, int] = {}
    for row in plan.selection.itertuples():
        i = index_of.get((row.iso3, row.field_id))
        t0 = first.get(int(row.period), 1 if n == 1 else None)
        if i is None or t0 is None:
            return None
        for t in range(t0, n + 1):
            start[col[model.x[i, t]]] = 1.0
        opened[row.iso3] = min(opened.get(row.iso3, t0), t0)
    for k, t0 in opened.items():
        if (k, t0) not in model.y:
            return None
        for t in range(t0, n + 1):
            start[col[model.y[k, t]]] = 1.0
    for (shape, t), var in model.counts.items():
        start[col[var]] = sum(start[col[model.x[i, t]]] for i in model.shapes[shape])
    _start_packages(model, start, col)
    return start


def _start_packages(model: Model, start: np.ndarray, col: Mapping[pulp.LpVariable, int]) -> None:
    """Give the start's countries the packages whose members it makes (largest synergy first, each
    entry in one package): a package only adds value and saves cost, so the start stays feasible."""
    if not model.z:
        return
    n = len(model.periods)
    made = {i for i in range(len(model.entries)) if start[col[model.x[i, n]]] > 0.5}
    value = model.entries["value"].to_numpy(dtype=float)
    cost = model.entries["cost"].to_numpy(dtype=float)

    def gain(key: tuple[str, str]) -> float:
        o = model.package_options[key]
        return o.package.value_bonus * value[o.members].sum() + o.package.cost_saving * cost[o.members].sum()

    used: set[int] = set()
    for key in sorted(model.z, key=gain, reverse=True):
        members = {int(i) for i in model.package_options[key].members}
        if members <= made and not members & used:
            start[col[model.z[key]]] = 1.0
            used |= members


def solve(
    entries: Entries,
    constraints: Constraints,
    settings: SolverSettings = SolverSettings(),
    prerequisites: Mapping[str, tuple[str, ...]] | None = None,
    start: Plan | None = None,
) -> Plan:
    """Build and solve the model; return the plan (with the solver's true status).

    ``start``: a plan to begin from (e.g. the optimum at a smaller budget); used when it satisfies
    this model's constraints, ignored otherwise.

    How it is solved (exactly; every step with the chosen solver):

    1. The LP relaxation gives an upper bound, and a first plan by rounding it down and filling up
       greedily (:func:`_lp_rounding`).
    2. A small model restricted to the entries the LP uses gives a better plan (a heuristic).
    3. If the best plan so far is within the gap tolerance of the LP bound, it is proven: done.
    4. Otherwise the model is solved with the entry and country variables left continuous and
       only the counts of entries per shape (field, cost, staff) and period required to be whole.
       Branching on "how many entries of each kind" is what the near-ties of compressed values
       need; on these models the optimum of that relaxation is almost always whole in every
       variable, and then it is feasible for the full model and its bound is valid for it, so the
       status and gap hold as they are. With a plan from steps 1-2 in hand, HiGHS's RINS, RENS
       and root reduced-cost heuristics are switched off here (they mostly redo that work).
    5. If it is not whole (or step 4 ran out of time without a whole plan), the full model (every
       variable binary) is solved in the time left, starting from the best plan found.

    ``Plan.stages`` says where the answer came from: 0 (steps 1-3), 1 (step 4) or 2 (step 5).
    """
    begin = time.perf_counter()
    model = build_model(entries, constraints, prerequisites)
    matrix = _matrix(model)
    best = _start_vector(model, start)
    if best is not None and not matrix.feasible(best):
        best = None
    built = time.perf_counter()
    if settings.solver not in BACKENDS:
        raise ValueError(f"unknown solver {settings.solver!r}")
    run = BACKENDS[settings.solver]
    position = {var: j for j, var in enumerate(model.columns)}
    counts = np.zeros(len(model.columns), dtype=bool)
    counts[[position[v] for v in model.counts.values()]] = True
    counts[[position[v] for v in model.z.values()]] = True  # packages: whole in the counts model too
    by_counts = replace(matrix, integer=matrix.integer & counts)

    def left(share: float = 1.0) -> SolverSettings:
        return replace(settings, time_limit=max(share * (settings.time_limit - (time.perf_counter() - built)), 0.01))

    def better(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
        if a is None or b is None:
            return b if a is None else a
        return b if matrix.cost @ b > matrix.cost @ a + EPS else a

    def answer(result: _Result, stages: int) -> Plan:
        return replace(_plan(model, matrix, constraints, settings.solver, result, built - begin), stages=stages)

    # 1. LP relaxation: a bound, and a plan rounded from it
    relaxed = run(model, replace(matrix, integer=np.zeros_like(matrix.integer)), left(0.3))
    spent = relaxed.seconds
    if relaxed.status == "infeasible":
        return answer(relaxed, 0)
    bound = None
    if relaxed.status == "optimal" and relaxed.values is not None:
        bound = float(matrix.cost @ relaxed.values + matrix.offset)
        best = better(best, _lp_rounding(model, constraints, matrix, relaxed.values))
        # 2. the entries the LP uses: a small model that usually holds a near-optimal plan
        n_x = len(model.entries) * len(model.periods)
        unused = np.repeat(relaxed.values[:n_x].reshape(len(model.entries), -1)[:, -1] <= 1e-6, len(model.periods))
        if unused.any():
            upper = matrix.upper.copy()
            upper[:n_x][unused] = 0.0
            small = run(model, replace(by_counts, upper=upper), replace(left(0.25), gap=max(settings.gap, 1e-3)), best)
            spent += small.seconds
            best = better(best, _whole(matrix, small.values))
    # 3. proven by the LP bound?
    if best is not None and bound is not None:
        value = float(matrix.cost @ best + matrix.offset)
        gap = max(bound - value, 0.0) / max(abs(value), 1e-9)
        if gap <= settings.gap:
            return answer(_Result("optimal", gap, bound, best, spent), 0)
    # 4. whole counts only
    result = run(model, by_counts, left(_FIRST_STAGE_SHARE), best, quiet=best is not None)
    result = replace(result, seconds=result.seconds + spent)
    whole = _whole(matrix, result.values)
    if whole is not None:
        return answer(replace(result, values=whole), 1)
    if result.status == "infeasible":
        return answer(result, 1)
    # 5. every variable binary, in the time left
    full = run(model, matrix, left(), best)
    return answer(replace(full, seconds=full.seconds + result.seconds), 2)


def _lp_rounding(model: Model, c: Constraints, m: _Matrix, values: np.ndarray | None) -> np.ndarray | None:
    """A start from an LP solution: the entries it makes fully (by period), then those it makes in
    part (largest share first), each taken when it still fits the rules (see :func:`_greedy`)."""
    if values is None or model.structure is None:
        return None
    cand, n = model.entries, len(model.periods)
    share = values[: len(cand) * n].reshape(len(cand), n)
    full = share >= 1 - 1e-6
    made = np.flatnonzero(full[:, -1])
    first = full[made].argmax(axis=1)
    root = np.zeros(len(cand), dtype=bool)
    for ids in model.structure.roots:
        root[ids] = True
    value = cand["value"].to_numpy(dtype=float)
    made = made[np.lexsort((-value[made], ~root[made], first))]
    part = np.flatnonzero((share[:, -1] > 1e-6) & ~full[:, -1])
    part = part[np.argsort(-share[part, -1], kind="stable")]
    plan = _greedy(cand, model.structure, c, list(made) + list(part))
    vector = _start_vector(model, plan)
    return vector if vector is not None and m.feasible(vector) else None


def _whole(m: _Matrix, values: np.ndarray | None) -> np.ndarray | None:
    """The solution rounded, if it is whole in every integer variable and meets every row."""
    if values is None:
        return None
    rounded = np.where(m.integer, np.round(values), values)
    if np.abs(rounded - values).max(initial=0.0) > 1e-6 or not m.feasible(rounded):
        return None
    return rounded


def _plan(model: Model, m: _Matrix, c: Constraints, solver: str, result: _Result, build_seconds: float) -> Plan:
    cand = model.entries
    n = len(model.periods)
    rows = pd.DataFrame(columns=_PLAN_COLUMNS)
    countries = pd.DataFrame(columns=["iso3", "period"])
    binding: tuple[ConstraintGroup, ...] = ()
    packages = pd.DataFrame(columns=PACKAGE_PLAN_COLUMNS)
    terms: dict[str, float] = {}
    objective = 0.0
    if result.values is not None:
        values = result.values
        made = values[: len(cand) * n].reshape(len(cand), n) > 0.5
        chosen = np.flatnonzero(made[:, -1])
        first = made[chosen].argmax(axis=1)
        rows = cand.loc[chosen, _PLAN_COLUMNS[:-1]].assign(period=[model.periods[t] for t in first])
        rows = rows.sort_values(["period", "iso3", "field_id"]).reset_index(drop=True)
        countries = rows.groupby("iso3", as_index=False)["period"].min().sort_values("iso3").reset_index(drop=True)
        col = {var: j for j, var in enumerate(model.columns)}
        rounded = np.where(m.integer, np.round(values), values)
        objective = float(m.cost @ rounded + m.offset)
        terms = {
            name: float(sum(coef * rounded[col[var]] for var, coef in expr.items()))
            for name, expr in model.terms.items()
        }
        terms["opening cost (budget only)"] = float(c.open_cost * len(countries))
        binding = tuple(sorted(_binding_groups(model, rounded, col), key=str))
        packages = _plan_packages(model, rounded, col)
        rows = _with_package_and_route(model, rows, packages)
    return Plan(
        status=result.status,
        gap=result.gap,
        objective=objective,
        selection=rows,
        countries=countries,
        binding=binding,
        terms=terms,
        budget_used=float(rows["cost"].sum() + c.open_cost * len(countries) - packages["saving"].sum())
        if len(rows)
        else 0.0,
        staff_used=float(rows["staff"].sum()) if len(rows) else 0.0,
        solve_seconds=result.seconds,
        build_seconds=build_seconds,
        solver=solver,
        n_variables=len(model.columns),
        n_constraints=len(m.row_lower),
        bound=result.bound,
        notes=model.notes,
        packages=packages,
    )


def _plan_packages(model: Model, values: np.ndarray, col: Mapping[pulp.LpVariable, int]) -> pd.DataFrame:
    """The packages a solution gives: one row per z[c, p] = 1 (see ``Plan.packages``)."""
    value = model.entries["value"].to_numpy(dtype=float)
    cost = model.entries["cost"].to_numpy(dtype=float)
    rows = []
    for key, var in model.z.items():
        if values[col[var]] > 0.5:
            o = model.package_options[key]
            p = o.package
            bonus, saving = p.value_bonus * value[o.members].sum(), p.cost_saving * cost[o.members].sum()
            rows.append((o.iso3, p.package_id, ";".join(p.members), p.value_bonus, p.cost_saving, bonus, saving))
    return pd.DataFrame(rows, columns=PACKAGE_PLAN_COLUMNS).sort_values(["iso3", "package_id"]).reset_index(drop=True)


def _with_package_and_route(model: Model, rows: pd.DataFrame, packages: pd.DataFrame) -> pd.DataFrame:
    """The selection with the package each entry counts toward (packages on) and its financing route
    (when the entries carry one)."""
    if model.z:
        of = {
            (k, f): pid
            for k, pid, members in packages[["iso3", "package_id", "members"]].itertuples(index=False)
            for f in members.split(";")
        }
        rows = rows.assign(package=[of.get((k, f), "") for k, f in zip(rows["iso3"], rows["field_id"], strict=True)])
    if "route" in model.entries.columns:
        route = dict(
            zip(zip(model.entries["iso3"], model.entries["field_id"], strict=True), model.entries["route"], strict=True)
        )
        rows = rows.assign(route=[route.get((k, f), "") for k, f in zip(rows["iso3"], rows["field_id"], strict=True)])
    return rows


def _binding_groups(model: Model, values: np.ndarray, col: Mapping[pulp.LpVariable, int]) -> Iterable[ConstraintGroup]:
    """The planner's limits with no slack left in the plan."""
    for group, rows in model.groups.items():
        if group.kind in NOT_REPORTED:
            continue
        for row in rows:
            activity = sum(coef * values[col[var]] for var, coef in row.items())
            lb, ub = row.getLb(), row.getUb()
            if (ub is not None and activity >= ub - 1e-6) or (lb is not None and activity <= lb + 1e-6):
                yield group
                break
