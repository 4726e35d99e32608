"""Portfolio optimiser: which (country, field) entries, in which period, under budget and staff.

:func:`build_model` writes the integer programme the way one would on paper (sets, parameters,
variables, constraints, objective); :func:`solve` runs it with HiGHS (default) or CBC and returns a
:class:`Plan` whose status is the truth (a time-limited run is "feasible, not proven optimal").

Model
-----
Sets: candidate entries i = (country c(i), field f(i)); countries C; periods T = 1..n.
Parameters: value v_i (opportunity), cost k_i = field cost × country cost scale, staff h_i = field
staff, opening cost o (per country), package bonus b, time preference d, enablers E(i) (the entries
in the same country that open the way for a phase 2/3 entry i; any one of them suffices).
Variables, written cumulatively ("by period t"), which is tighter than one variable per period:
  x[i,t] ∈ {0,1}  entry i has been made in period t or earlier     x[i,t-1] ≤ x[i,t]
  y[c,t] ∈ {0,1}  country c has been opened in period t or earlier  y[c,t-1] ≤ y[c,t]
  n[s,t] ∈ ℤ      how many entries of shape s (same field, cost and staff) are made by period t
The entry is made in period t when x[i,t] − x[i,t−1] = 1 (x[i,0] = 0); at the horizon x[i,n] says
whether it is made at all.
Objective: max Σ_i Σ_t d^(t−1) v_i (x[i,t] − x[i,t−1]) + b (Σ_i x[i,n] − Σ_c y[c,n]) — every field
after the first in a country earns the package bonus b; nothing else is hidden in the objective.
Constraints (each a named group, so the UI can say which binds or clashes):
  budget            Σ_i k_i x[i,n] + o Σ_c y[c,n] ≤ B
  period budget     Σ_i k_i (x[i,t] − x[i,t−1]) + o Σ_c (y[c,t] − y[c,t−1]) ≤ B_t     (if given)
  staff             Σ_i h_i x[i,n] ≤ S
  countries         Σ_c y[c,n] ≤ N
  group min/max     min_G ≤ Σ_{c∈G} y[c,n] ≤ max_G        (countries opened, i.e. with an entry)
  field max         Σ_{i: f(i)=f} x[i,n] ≤ M_f
  must / exclude    x[i,n] = 1, y[c,n] = 1, Σ_{f(i)=f} x[i,n] ≥ 1; excluded entries are not candidates
  phase order       x[i,t] ≤ Σ_{j∈E(i)} x[j,t]              a phase 2/3 entry needs an enabler, earlier
                                                             or in the same period
  open              x[i,t] ≤ y[c(i),t]                      an entry needs its country open
  opened            y[c,t] ≤ Σ_{i∈R(c)} x[i,t]               and a country is open only with an entry
  count             n[s,t] = Σ_{i of shape s} x[i,t]
R(c) is the set of c's phase 1 entries when phase order is on (every entry chain starts there), else
all of c's entries. With it the relaxation of each country's own rules is as tight as it can be
(the LP bound equals the bound from enumerating every portfolio of each country); what is left of
the gap comes from budget and staff being shared, where compressed values make many near-ties.
The counts n add no restriction; they let the solver branch on "how many entries of each kind",
which is what those near-ties need (see :func:`solve`).

Exact reductions (the optimal value never changes; ``Plan.notes`` says when one applied):
- Without a per-period budget (or with one not below the total budget, which can never bind)
  nothing ties an entry to a period: every entry goes to the first period (the best one with a
  time preference ≤ 1; the last one if it is > 1) and the model has one period.
- A country outdone field by field (value, cost, staff) by at least as many countries of the same
  groups as can be opened at all is left out (:func:`_outdone_countries`).
"""

from __future__ import annotations

import itertools
import math
import os
import re
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import highspy
import numpy as np
import pandas as pd
import pulp

Solver = Literal["highs", "cbc"]
SOLVERS: tuple[Solver, ...] = ("highs", "cbc")
EPS = 1e-6
#: Constraint groups that never count as "binding" in a plan (structure, not a planner's limit).
_NOT_REPORTED = ("phase order", "must")
_SELECTION_COLUMNS = ["iso3", "field_id", "value", "cost", "staff", "phase", "region", "period"]


@dataclass(frozen=True)
class Entries:
    """The candidate (country, field) pairs with their value, cost, staff and context.

    Build it with :func:`entries_from_scores`; every column is visible to the planner.
    """

    table: pd.DataFrame  # iso3, field_id, value, cost, staff, phase, region, margin

    def __post_init__(self) -> None:
        required = {"iso3", "field_id", "value", "cost", "staff", "phase"}
        missing = required - set(self.table.columns)
        if missing:
            raise ValueError(f"entries lack columns {sorted(missing)}")


def entries_from_scores(
    opportunity: pd.DataFrame,
    fields: pd.DataFrame,
    countries: pd.DataFrame,
    cost_scale: Mapping[str, float] | None = None,
    value_column: str = "opportunity",
) -> Entries:
    """Candidate entries from the scoring's opportunity table and the field judgement table.

    ``cost_scale`` multiplies a field's cost in a country (default 1 everywhere); the planner sees
    and edits it. Staff is not scaled: the same team size is needed wherever it goes.
    """
    table = opportunity[["iso3", "field_id", value_column]].rename(columns={value_column: "value"}).copy()
    table["iso3"] = table["iso3"].astype(str)
    table["field_id"] = table["field_id"].astype(str)
    scale = table["iso3"].map(cost_scale or {}).fillna(1.0).astype(float)
    table["cost"] = table["field_id"].map(fields["cost"]).astype(float) * scale
    table["staff"] = table["field_id"].map(fields["staff"]).astype(float)
    table["phase"] = table["field_id"].map(fields["phase"]).astype(int)
    table["region"] = table["iso3"].map(countries["un_region"]).fillna("")
    if "margin" in opportunity.columns:
        table["margin"] = opportunity["margin"].to_numpy(dtype=float)
    table = table.dropna(subset=["value"]).reset_index(drop=True)
    return Entries(table)


def cost_scale_from_table(table: pd.DataFrame, allowed: tuple[float, float] = (0.1, 10.0)) -> dict[str, float]:
    """Per-country cost multipliers from an edited table (columns ``iso3``, ``multiplier``).

    Keeps only the countries whose multiplier differs from 1 (the default), so a saved scenario
    lists exactly what the planner changed. Blank or out-of-range cells raise ``ValueError``.
    """
    scale: dict[str, float] = {}
    for iso3, value in zip(table["iso3"].astype(str), pd.to_numeric(table["multiplier"], errors="coerce"), strict=True):
        if not np.isfinite(value) or not allowed[0] <= value <= allowed[1]:
            raise ValueError(f"cost multiplier for {iso3} must be between {allowed[0]} and {allowed[1]}")
        if not math.isclose(float(value), 1.0):
            scale[iso3] = float(value)
    return scale


@dataclass(frozen=True)
class Constraints:
    """Everything the planner sets. ``None`` means 'no limit'.

    ``groups`` maps a group name to its member ISO3 codes (e.g. {"ASEAN": (...)}), used by
    ``group_min`` / ``group_max`` on the number of countries opened (given at least one entry)
    from that group. ``max_rival_gap``: leave out pairs where the main rival's threat exceeds
    Japan's position by more than this (uses the ``margin`` column).
    """

    budget: float = 30.0
    period_budget: float | None = None
    staff: float | None = 25.0
    max_countries: int | None = None
    periods: int = 3
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    group_min: Mapping[str, int] = field(default_factory=dict)
    group_max: Mapping[str, int] = field(default_factory=dict)
    field_max: Mapping[str, int] = field(default_factory=dict)
    must_countries: tuple[str, ...] = ()
    must_fields: tuple[str, ...] = ()
    must_pairs: tuple[tuple[str, str], ...] = ()
    exclude_countries: tuple[str, ...] = ()
    exclude_fields: tuple[str, ...] = ()
    exclude_pairs: tuple[tuple[str, str], ...] = ()
    phase_order: bool = True
    max_rival_gap: float | None = None
    open_cost: float = 1.0
    package_bonus: float = 0.05
    time_preference: float = 0.97


@dataclass(frozen=True)
class SolverSettings:
    solver: Solver = "highs"
    time_limit: float = 30.0
    gap: float = 1e-4
    threads: int | None = None


@dataclass(frozen=True)
class Plan:
    """A solved portfolio.

    ``status`` is one of "optimal" (proven within the gap tolerance), "feasible" (a solution, not
    proven optimal: time limit), "infeasible", "no solution" (time limit before any solution), or
    "heuristic" for :func:`greedy`. ``gap`` is the relative MIP gap reported by the solver (None
    when unknown). ``selection`` has one row per entry chosen: iso3, field_id, value, cost, staff,
    phase, region, period. ``binding`` lists the planner's limits with no slack left. ``terms``
    breaks the objective into its parts. ``notes`` says in plain words what the model did on its
    own (e.g. every entry in period 1 when there is no per-period budget).
    """

    status: str
    gap: float | None
    objective: float
    selection: pd.DataFrame
    countries: pd.DataFrame
    binding: tuple[str, ...]
    terms: Mapping[str, float]
    budget_used: float
    staff_used: float
    solve_seconds: float
    build_seconds: float
    solver: str
    n_variables: int
    n_constraints: int
    bound: float | None = None
    notes: tuple[str, ...] = ()
    stages: int = 1

    @property
    def has_solution(self) -> bool:
        return self.status in ("optimal", "feasible", "heuristic")

    @property
    def timings(self) -> dict[str, float]:
        """Seconds spent building the model and in the solver."""
        return {
            "build": self.build_seconds,
            "solve": self.solve_seconds,
            "total": self.build_seconds + self.solve_seconds,
        }


@dataclass
class Model:
    """A built PuLP problem with handles to its variables and constraint groups.

    ``x[i, t]`` / ``y[c, t]`` / ``counts[s, t]`` are the variables of the module docstring over the
    model's periods ``1..len(periods)``; ``periods[t - 1]`` is the planner's period that model
    period t stands for (they differ only when the periods were collapsed); ``shapes[s]`` lists the
    entries of shape s. ``columns`` fixes the column order handed to the solver.
    """

    problem: pulp.LpProblem
    x: dict[tuple[int, int], pulp.LpVariable]
    y: dict[tuple[str, int], pulp.LpVariable]
    entries: pd.DataFrame
    groups: dict[str, list[pulp.LpConstraint]]
    slacks: dict[str, list[pulp.LpVariable]]
    terms: dict[str, pulp.LpAffineExpression]
    periods: tuple[int, ...]
    columns: list[pulp.LpVariable]
    notes: tuple[str, ...] = ()
    counts: dict[tuple[tuple, int], pulp.LpVariable] = field(default_factory=dict)
    shapes: dict[tuple, np.ndarray] = field(default_factory=dict)
    structure: _Structure | None = None


def _candidates(entries: Entries, constraints: Constraints) -> pd.DataFrame:
    t = entries.table
    drop = t["iso3"].isin(constraints.exclude_countries) | t["field_id"].isin(constraints.exclude_fields)
    if constraints.exclude_pairs:
        pairs = pd.MultiIndex.from_tuples(list(constraints.exclude_pairs))
        drop |= pd.MultiIndex.from_frame(t[["iso3", "field_id"]]).isin(pairs)
    if constraints.max_rival_gap is not None and "margin" in t.columns:
        must = pd.MultiIndex.from_frame(t[["iso3", "field_id"]]).isin(list(constraints.must_pairs))
        drop |= (t["margin"] < -constraints.max_rival_gap) & ~must
    return t[~drop].reset_index(drop=True)


@dataclass(frozen=True)
class _Structure:
    """Index sets of the model derived from the candidates (no solver objects)."""

    country_of: np.ndarray  # entry -> country position
    countries: list[str]
    by_country: list[np.ndarray]
    enablers: dict[int, list[int]]  # phase 2/3 entry -> entries that enable it (phase order on)
    roots: list[np.ndarray]  # per country: the entries a country can be opened with
    index_of: dict[tuple[str, str], int]


def _structure(cand: pd.DataFrame, c: Constraints, prerequisites: Mapping[str, tuple[str, ...]] | None) -> _Structure:
    countries = sorted(cand["iso3"].unique())
    position = {k: n for n, k in enumerate(countries)}
    country_of = cand["iso3"].map(position).to_numpy(dtype=int)
    by_country = [np.flatnonzero(country_of == n) for n in range(len(countries))]
    index_of = {(a, b): i for i, (a, b) in enumerate(zip(cand["iso3"], cand["field_id"], strict=True))}
    phase = cand["phase"].to_numpy(dtype=int)
    field_ids = cand["field_id"].to_numpy()
    enablers: dict[int, list[int]] = {}
    if c.phase_order:
        prerequisites = prerequisites or {}
        phase1 = sorted(set(cand.loc[cand["phase"] == 1, "field_id"]))
        for i in np.flatnonzero(phase > 1):
            k = cand.at[i, "iso3"]
            options = prerequisites.get(field_ids[i]) or phase1
            enablers[int(i)] = [index_of[(k, p)] for p in options if (k, p) in index_of]
        # Every chain of enablers ends at a phase 1 entry when enablers have a lower phase; then a
        # country can only be opened with one of its phase 1 entries (a tighter row, same plans).
        descending = all(phase[j] < phase[i] for i, js in enablers.items() for j in js)
        roots = [ids[phase[ids] == 1] for ids in by_country] if descending else by_country
    else:
        roots = by_country
    return _Structure(country_of, countries, by_country, enablers, roots, index_of)


def _better_or_equal(value: np.ndarray, cost: np.ndarray, staff: np.ndarray) -> np.ndarray:
    """M[a, b]: item a is worth no less than b, costs no more and needs no more staff (ties broken by
    position so that the relation has no cycle). Missing items are NaN and never compare."""
    v, k, h = value[:, None, ...], cost[:, None, ...], staff[:, None, ...]
    geq = (v >= value[None] - EPS) & (k <= cost[None] + EPS) & (h <= staff[None] + EPS)
    tie = (np.abs(v - value[None]) <= EPS) & (np.abs(k - cost[None]) <= EPS) & (np.abs(h - staff[None]) <= EPS)
    if geq.ndim == 3:  # countries x countries x fields: compare over the fields b has
        present = ~np.isnan(value)
        geq = (geq | ~present[None]).all(axis=2) & (present[:, None] | ~present[None]).all(axis=2)
        tie = (tie | ~present[None]).all(axis=2) & (present[:, None] == present[None]).all(axis=2)
    n = len(value)
    order = np.arange(n)
    return geq & ~(tie & (order[:, None] > order[None])) & ~np.eye(n, dtype=bool)


def _country_dominance(cand: pd.DataFrame, c: Constraints, st: _Structure) -> list[tuple[int, int]]:
    """Pairs (k, l) of countries where k could take l's whole portfolio and do at least as well.

    k has every field l has, each at no more cost and staff and no less value, k and l belong to
    the same constrained groups, and l is not a must-include (nor holds a must pair). Moving l's
    entries to k keeps a plan feasible and no worse, so 'l only with k' (y_l ≤ y_k at the horizon)
    keeps the optimal value.
    """
    named = sorted(set(c.group_min) | set(c.group_max))
    membership = np.array([[k in set(c.groups.get(g, ())) for g in named] for k in st.countries], dtype=bool)
    membership = membership.reshape(len(st.countries), len(named))
    must = set(c.must_countries) | {k for k, _ in c.must_pairs}
    fields = {f: n for n, f in enumerate(sorted(cand["field_id"].unique()))}
    grid = np.full((3, len(st.countries), len(fields)), np.nan)
    cols = cand["field_id"].map(fields).to_numpy()
    for n, name in enumerate(("value", "cost", "staff")):
        grid[n, st.country_of, cols] = cand[name].to_numpy(dtype=float)
    better = _better_or_equal(*grid)
    better &= (membership[:, None, :] == membership[None, :, :]).all(axis=2)
    better &= ~np.array([k in must for k in st.countries])[None, :]
    return [(int(a), int(b)) for a, b in zip(*np.nonzero(better), strict=True)]


def _outdone_countries(cand: pd.DataFrame, c: Constraints, st: _Structure) -> set[str]:
    """Countries that no optimal plan needs: outdone (see :func:`_country_dominance`) by at least as
    many countries as can be opened at all (or within one of its groups' maximum).

    Take an optimal plan and move the portfolio of any open country to a closed country that
    outdoes it, until none is left to move: the plan stays feasible and no worse, and in it every
    open country has all the countries that outdo it open too. A country outdone by N others, when
    at most N countries can be open, is therefore closed in that optimal plan.
    """
    at_most = math.inf if c.max_countries is None else c.max_countries
    cost = cand["cost"].to_numpy(dtype=float)
    staff = cand["staff"].to_numpy(dtype=float)
    cheapest = np.sort([c.open_cost + cost[ids].min() for ids in st.roots if len(ids)])
    at_most = min(at_most, int(np.searchsorted(np.cumsum(cheapest), c.budget + EPS, side="right")))
    if c.staff is not None:
        lightest = np.sort([staff[ids].min() for ids in st.roots if len(ids)])
        at_most = min(at_most, int(np.searchsorted(np.cumsum(lightest), c.staff + EPS, side="right")))
    outdone_by = np.zeros(len(st.countries), dtype=int)
    for _, b in _country_dominance(cand, c, st):
        outdone_by[b] += 1
    out = set()
    for n, k in enumerate(st.countries):
        limit = min([at_most] + [m for g, m in c.group_max.items() if k in set(c.groups.get(g, ()))])
        if 0 < outdone_by[n] >= limit:
            out.add(k)
    return out


def _expr(terms: Iterable[tuple[pulp.LpVariable, float]]) -> pulp.LpAffineExpression:
    """A linear expression from (variable, coefficient) pairs (much faster than summing terms)."""
    return pulp.LpAffineExpression(list(terms))


def per_period_budget_can_bind(c: Constraints) -> bool:
    """Whether the per-period budget can limit a plan: it is set and below the total budget (a period
    never spends more than the total). When it cannot, the periods collapse to one (module docstring)."""
    return c.period_budget is not None and c.period_budget < c.budget


def build_model(
    entries: Entries,
    constraints: Constraints,
    prerequisites: Mapping[str, tuple[str, ...]] | None = None,
    elastic: bool = False,
    reductions: bool = True,
) -> Model:
    """The integer programme of the module docstring, written group by group.

    ``prerequisites`` maps a phase 2/3 field to the fields that can open the way for it (any one of
    them suffices); a field missing from it needs any phase 1 field. With ``elastic`` every
    planner's constraint group gets a non-negative slack and the objective becomes 'minimise total
    slack': used to explain infeasibility (no counts, no countries left out). ``reductions`` leaves
    out the countries no optimal plan needs (:func:`_outdone_countries`); switch it off only to
    check or measure that.
    """
    c = constraints
    cand = _candidates(entries, c)
    st = _structure(cand, c, prerequisites)
    notes: tuple[str, ...] = ()
    if reductions and not elastic:
        left_out = _outdone_countries(cand, c, st)
        if left_out:
            notes += (
                f"{len(left_out)} of {len(st.countries)} countries are not needed for an optimal plan and were left out "
                "of the model: each is outdone field by field (value, cost, staff) by more countries of the same "
                "groups than can be opened.",
            )
            cand = cand[~cand["iso3"].isin(left_out)].reset_index(drop=True)
            st = _structure(cand, c, prerequisites)
    value = cand["value"].to_numpy(dtype=float)
    cost = cand["cost"].to_numpy(dtype=float)
    staff = cand["staff"].to_numpy(dtype=float)
    field_ids = cand["field_id"].to_numpy()
    d = c.time_preference

    # periods: without a per-period budget every entry can go to the best period (no loss); a
    # per-period budget not below the total budget can never bind (a period spends at most the total)
    idle = c.period_budget is not None and not per_period_budget_can_bind(c) and not elastic
    if (c.period_budget is None or idle) and c.periods > 1:
        best = 1 if d <= 1 else c.periods
        periods: tuple[int, ...] = (best,)
        why = (
            f"The per-period budget ({c.period_budget:g}) is not below the total budget ({c.budget:g}), so it can never "
            "bind"
            if idle
            else "No per-period budget"
        )
        notes += (
            f"{why}: every entry is placed in period {best}, the best one for a time preference of {d:g}; "
            "set a per-period budget below the total budget to spread entries over the periods.",
        )
    else:
        periods = tuple(range(1, c.periods + 1))
    n = len(periods)
    T = range(1, n + 1)
    weight = [d ** (p - 1) for p in periods]  # value of an entry made in model period t
    prob = pulp.LpProblem("ict_portfolio", pulp.LpMinimize if elastic else pulp.LpMaximize)

    # variables (cumulative: made / opened by period t)
    x = {(i, t): prob.add_variable(f"x_{i}_{t}", 0, 1, cat=pulp.LpInteger) for i in range(len(cand)) for t in T}
    y = {(k, t): prob.add_variable(f"y_{k}_{t}", 0, 1, cat=pulp.LpInteger) for k in st.countries for t in T}
    columns = list(x.values()) + list(y.values())
    groups: dict[str, list[pulp.LpConstraint]] = {}
    slacks: dict[str, list[pulp.LpVariable]] = {}

    def add(
        group: str, terms: Iterable[tuple[pulp.LpVariable, float]], sense: str, rhs: float, soft: bool = True
    ) -> None:
        """Add one row ``Σ coef·var (sense) rhs`` to a named group (with a slack in elastic mode)."""
        terms = list(terms)
        if elastic and soft:
            s = prob.add_variable(f"slack_{len(columns)}", lowBound=0)
            columns.append(s)
            slacks.setdefault(group, []).append(s)
            terms.append((s, -1.0 if sense == "<=" else 1.0))
        code = {"<=": pulp.LpConstraintLE, ">=": pulp.LpConstraintGE, "==": pulp.LpConstraintEQ}[sense]
        row = pulp.LpConstraint(_expr(terms), code, rhs=rhs)
        prob.addConstraint(row)
        groups.setdefault(group, []).append(row)

    def made(i: int, t: int) -> list[tuple[pulp.LpVariable, float]]:
        """x[i,t] − x[i,t−1] as terms: entry i is made in period t."""
        return [(x[i, t], 1.0)] + ([(x[i, t - 1], -1.0)] if t > 1 else [])

    def opened(k: str, t: int) -> list[tuple[pulp.LpVariable, float]]:
        return [(y[k, t], 1.0)] + ([(y[k, t - 1], -1.0)] if t > 1 else [])

    # objective terms
    entry_value = _expr(
        (x[i, t], value[i] * (weight[t - 1] - (weight[t] if t < n else 0.0))) for i in range(len(cand)) for t in T
    )
    bonus = _expr(
        [(x[i, n], c.package_bonus) for i in range(len(cand))] + [(y[k, n], -c.package_bonus) for k in st.countries]
    )
    terms = {"entry value": entry_value, "package bonus": bonus}

    # the planner's limits
    add(
        "budget",
        [(x[i, n], cost[i]) for i in range(len(cand))] + [(y[k, n], c.open_cost) for k in st.countries],
        "<=",
        c.budget,
    )
    if c.period_budget is not None and not idle:
        for t in T:
            spend = [(v, a * cost[i]) for i in range(len(cand)) for v, a in made(i, t)]
            spend += [(v, a * c.open_cost) for k in st.countries for v, a in opened(k, t)]
            add("period budget", spend, "<=", c.period_budget)
    if c.staff is not None:
        add("staff", [(x[i, n], staff[i]) for i in range(len(cand))], "<=", c.staff)
    if c.max_countries is not None:
        add("countries", [(y[k, n], 1.0) for k in st.countries], "<=", c.max_countries)
    for name, members in c.groups.items():
        inside = [(y[k, n], 1.0) for k in st.countries if k in set(members)]
        if name in c.group_min:
            add(f"group min: {name}", inside, ">=", c.group_min[name])
        if name in c.group_max:
            add(f"group max: {name}", inside, "<=", c.group_max[name])
    for f, limit in c.field_max.items():
        add(f"field max: {f}", [(x[i, n], 1.0) for i in np.flatnonzero(field_ids == f)], "<=", limit)
    for k in c.must_countries:
        add(f"must country: {k}", [(y[k, n], 1.0)] if k in st.countries else [], ">=", 1)
    for f in c.must_fields:
        add(f"must field: {f}", [(x[i, n], 1.0) for i in np.flatnonzero(field_ids == f)], ">=", 1)
    for pair in c.must_pairs:
        rows = [(x[st.index_of[pair], n], 1.0)] if pair in st.index_of else []
        add(f"must pair: {pair[0]}/{pair[1]}", rows, ">=", 1)

    # structure: cumulative variables, open countries, phase order
    for t in T[1:]:
        for i in range(len(cand)):
            add("order", [(x[i, t - 1], 1.0), (x[i, t], -1.0)], "<=", 0, soft=False)
        for k in st.countries:
            add("order", [(y[k, t - 1], 1.0), (y[k, t], -1.0)], "<=", 0, soft=False)
    for t in T:
        for n_k, k in enumerate(st.countries):
            for i in st.by_country[n_k]:
                add("open", [(x[i, t], 1.0), (y[k, t], -1.0)], "<=", 0, soft=False)
            add("opened", [(y[k, t], 1.0)] + [(x[j, t], -1.0) for j in st.roots[n_k]], "<=", 0, soft=False)
        for i, js in st.enablers.items():
            add("phase order", [(x[i, t], 1.0)] + [(x[j, t], -1.0) for j in js], "<=", 0)

    # counts: how many entries of each shape (field, cost, staff) are made by period t
    counts: dict[tuple[tuple, int], pulp.LpVariable] = {}
    shapes: dict[tuple, np.ndarray] = {}
    if not elastic:
        shapes = cand.groupby(["field_id", "cost", "staff"], sort=True).indices
        for shape_no, (shape, ids) in enumerate(shapes.items()):
            for t in T:
                counts[shape, t] = v = prob.add_variable(f"n_{shape_no}_{t}", 0, len(ids), cat=pulp.LpInteger)
                columns.append(v)
                add("count", [(x[i, t], 1.0) for i in ids] + [(v, -1.0)], "==", 0, soft=False)

    if elastic:
        prob.setObjective(_expr((s, 1.0) for group in slacks.values() for s in group))
    else:
        objective = pulp.LpAffineExpression(entry_value)
        for var, coef in bonus.items():
            objective[var] = objective.get(var, 0.0) + coef
        prob.setObjective(objective)
    return Model(prob, x, y, cand, groups, slacks, terms, periods, columns, notes, counts, shapes, st)


# --- solving ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Matrix:
    """The model as arrays, in ``Model.columns`` order (what the solvers and checks read)."""

    cost: np.ndarray
    offset: float
    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    start: np.ndarray
    index: np.ndarray
    value: np.ndarray
    maximise: bool

    def activity(self, x: np.ndarray) -> np.ndarray:
        """Row activities A·x."""
        rows = np.repeat(np.arange(len(self.row_lower)), np.diff(self.start))
        return np.bincount(rows, weights=self.value * x[self.index], minlength=len(self.row_lower))

    def feasible(self, x: np.ndarray, tol: float = 1e-6) -> bool:
        a = self.activity(x)
        return bool(
            (a >= self.row_lower - tol).all()
            and (a <= self.row_upper + tol).all()
            and (x >= self.lower - tol).all()
            and (x <= self.upper + tol).all()
        )


def _matrix(model: Model) -> _Matrix:
    position = {var: j for j, var in enumerate(model.columns)}
    prob = model.problem
    cost = np.zeros(len(model.columns))
    for var, coef in prob.objective.items():
        cost[position[var]] += coef
    starts, index, value, lower, upper = [0], [], [], [], []
    for row in prob.constraints():
        for var, coef in row.items():
            index.append(position[var])
            value.append(coef)
        starts.append(len(index))
        lb, ub = row.getLb(), row.getUb()
        lower.append(-math.inf if lb is None else lb)
        upper.append(math.inf if ub is None else ub)
    bounds = [(v.lowBound, v.upBound) for v in model.columns]
    return _Matrix(
        cost=cost,
        offset=float(prob.objective.constant),
        lower=np.array([-math.inf if lb is None else lb for lb, _ in bounds], dtype=float),
        upper=np.array([math.inf if ub is None else ub for _, ub in bounds], dtype=float),
        integer=np.array([v.cat == pulp.LpInteger for v in model.columns], dtype=bool),
        row_lower=np.array(lower, dtype=float),
        row_upper=np.array(upper, dtype=float),
        start=np.array(starts, dtype=np.int32),
        index=np.array(index, dtype=np.int32),
        value=np.array(value, dtype=float),
        maximise=prob.sense == pulp.LpMaximize,
    )


@dataclass(frozen=True)
class _Result:
    status: str
    gap: float | None
    bound: float | None
    values: np.ndarray | None
    seconds: float


_highs_threads: int | None = None
#: Share of the time limit for the first stage of :func:`solve` (the rest is kept for the full model).
_FIRST_STAGE_SHARE = 0.85


def _highs(m: _Matrix, settings: SolverSettings) -> highspy.Highs:
    """A HiGHS instance holding the model (passed as arrays: much faster than PuLP's row-by-row load)."""
    global _highs_threads
    if settings.threads != _highs_threads:  # HiGHS keeps one thread pool per process
        highspy.Highs.resetGlobalScheduler(True)
        _highs_threads = settings.threads
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(settings.time_limit))
    h.setOptionValue("mip_rel_gap", float(settings.gap))
    if settings.threads is not None:
        h.setOptionValue("threads", int(settings.threads))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(m.cost), len(m.row_lower)
    lp.col_cost_, lp.offset_ = m.cost, m.offset
    lp.col_lower_, lp.col_upper_ = m.lower, m.upper
    lp.row_lower_, lp.row_upper_ = m.row_lower, m.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = len(m.cost), len(m.row_lower)
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = m.start, m.index, m.value
    lp.integrality_ = [highspy.HighsVarType.kInteger if b else highspy.HighsVarType.kContinuous for b in m.integer]
    lp.sense_ = highspy.ObjSense.kMaximize if m.maximise else highspy.ObjSense.kMinimize
    h.passModel(lp)
    return h


#: HiGHS heuristics switched off when the counts model starts from a plan of steps 1-2 of :func:`solve`
#: (they mostly redo that work; measured: 20-70% less time on the bench instances, same answers).
_QUIET_HEURISTICS = {
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False,
}


def _run_highs(
    model: Model, m: _Matrix, settings: SolverSettings, start: np.ndarray | None = None, quiet: bool = False
) -> _Result:
    begin = time.perf_counter()
    if len(m.cost) == 0:  # nothing to choose: feasible iff every row accepts 0
        ok = bool((m.row_lower <= EPS).all() and (m.row_upper >= -EPS).all())
        return _Result("optimal" if ok else "infeasible", 0.0 if ok else None, None, np.zeros(0) if ok else None, 0.0)
    h = _highs(m, settings)
    for option, setting in (_QUIET_HEURISTICS if quiet else {}).items():
        h.setOptionValue(option, setting)
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = list(map(float, start))
        solution.value_valid = True
        h.setSolution(solution)
    h.run()
    seconds = time.perf_counter() - begin
    status, info = h.getModelStatus(), h.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    values = np.array(h.getSolution().col_value, dtype=float) if has_solution else None
    gap = float(info.mip_gap) if has_solution and math.isfinite(info.mip_gap) else None
    if m.integer.any():
        bound = float(info.mip_dual_bound) if math.isfinite(info.mip_dual_bound) else None
    else:  # a linear programme: its optimum is the bound
        bound = float(info.objective_function_value) if status == highspy.HighsModelStatus.kOptimal else None
    S = highspy.HighsModelStatus
    if status == S.kOptimal and has_solution:
        return _Result("optimal", gap if gap is not None else 0.0, bound, values, seconds)
    if status in (S.kInfeasible, S.kUnboundedOrInfeasible):
        return _Result("infeasible", None, None, None, seconds)
    return _Result("feasible" if has_solution else "no solution", gap, bound, values, seconds)


def _cbc(**options) -> pulp.LpSolver:
    """CBC: the binary bundled with PuLP when there is one, else a ``cbc`` on the PATH (``pulp[cbc]``)."""
    bundled = pulp.PULP_CBC_CMD.pulp_cbc_path
    if os.path.isfile(bundled) and os.access(bundled, os.X_OK):
        return pulp.COIN_CMD(path=bundled, **options)
    return pulp.COIN_CMD(**options)


_CBC_BOUND = re.compile(r"best possible (-?[0-9.eE+-]+)")


def _run_cbc(
    model: Model, m: _Matrix, settings: SolverSettings, start: np.ndarray | None = None, quiet: bool = False
) -> _Result:
    """CBC through PuLP (integer variables and bounds as in ``m``; ``quiet`` only matters for HiGHS).
    PuLP says 'Optimal' for a run stopped by its time limit; ``sol_status`` (read by :func:`_status`)
    does not. The gap comes from CBC's log."""
    handle, log_path = tempfile.mkstemp(suffix=".log")
    os.close(handle)
    kept = [(var.cat, var.lowBound, var.upBound) for var in model.columns]
    try:
        for var, integer, lower, upper in zip(model.columns, m.integer, m.lower, m.upper, strict=True):
            var.cat = pulp.LpInteger if integer else pulp.LpContinuous
            var.lowBound = None if math.isinf(lower) else float(lower)
            var.upBound = None if math.isinf(upper) else float(upper)
        if start is not None and not ((start >= m.lower - EPS) & (start <= m.upper + EPS)).all():
            start = None  # outside this model's bounds (a restricted model): no start
        if start is not None:
            for var, v in zip(model.columns, start, strict=True):
                var.setInitialValue(float(v))
        solver = _cbc(
            msg=False,
            timeLimit=settings.time_limit,
            gapRel=settings.gap,
            threads=settings.threads,
            warmStart=start is not None,
            logPath=log_path,
        )
        begin = time.perf_counter()
        model.problem.solve(solver)
        seconds = time.perf_counter() - begin
        with open(log_path, encoding="utf-8", errors="replace") as handle_:
            log = handle_.read()
    finally:
        os.unlink(log_path)
        for var, (cat, lower, upper) in zip(model.columns, kept, strict=True):
            var.cat, var.lowBound, var.upBound = cat, lower, upper
    status = _status(model.problem)
    values = None
    gap = bound = None
    if status in ("optimal", "feasible"):
        values = np.array([var.varValue or 0.0 for var in model.columns], dtype=float)
        objective = float(m.cost @ values + m.offset)
        found = _CBC_BOUND.findall(log)  # CBC minimises: for a maximisation it logs minus the bound
        if found:
            bound = -float(found[-1]) if m.maximise else float(found[-1])
            gap = abs(bound - objective) / max(abs(objective), 1e-9)
        if status == "optimal" and (gap is None or gap > settings.gap):
            gap, bound = 0.0, None  # CBC proved the gap tolerance; its last logged bound predates that
    return _Result(status, gap, bound, values, seconds)


def _status(prob: pulp.LpProblem) -> str:
    """The truthful status of a PuLP run: ``prob.status`` says 'Optimal' for a time-limited CBC run,
    ``prob.sol_status`` does not."""
    sol = prob.sol_status
    if sol == pulp.LpSolutionOptimal:
        return "optimal"
    if sol == pulp.LpSolutionIntegerFeasible:
        return "feasible"
    if sol == pulp.LpSolutionInfeasible or prob.status == pulp.LpStatusInfeasible:
        return "infeasible"
    if sol == pulp.LpSolutionUnbounded:
        return "unbounded"
    return "no solution"


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
    return start


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
    if settings.solver not in SOLVERS:
        raise ValueError(f"unknown solver {settings.solver!r}")
    run = _run_highs if settings.solver == "highs" else _run_cbc
    position = {var: j for j, var in enumerate(model.columns)}
    counts = np.zeros(len(model.columns), dtype=bool)
    counts[[position[v] for v in model.counts.values()]] = True
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
    rows = pd.DataFrame(columns=_SELECTION_COLUMNS)
    countries = pd.DataFrame(columns=["iso3", "period"])
    binding: tuple[str, ...] = ()
    terms: dict[str, float] = {}
    objective = 0.0
    if result.values is not None:
        values = result.values
        made = values[: len(cand) * n].reshape(len(cand), n) > 0.5
        chosen = np.flatnonzero(made[:, -1])
        first = made[chosen].argmax(axis=1)
        rows = cand.loc[chosen, _SELECTION_COLUMNS[:-1]].assign(period=[model.periods[t] for t in first])
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
        binding = tuple(sorted(_binding_groups(model, rounded, col)))
    return Plan(
        status=result.status,
        gap=result.gap,
        objective=objective,
        selection=rows,
        countries=countries,
        binding=binding,
        terms=terms,
        budget_used=float(rows["cost"].sum() + c.open_cost * len(countries)) if len(rows) else 0.0,
        staff_used=float(rows["staff"].sum()) if len(rows) else 0.0,
        solve_seconds=result.seconds,
        build_seconds=build_seconds,
        solver=solver,
        n_variables=len(model.columns),
        n_constraints=len(m.row_lower),
        bound=result.bound,
        notes=model.notes,
    )


def _binding_groups(model: Model, values: np.ndarray, col: Mapping[pulp.LpVariable, int]) -> Iterable[str]:
    """The planner's limits with no slack left in the plan."""
    for group, rows in model.groups.items():
        if group.startswith(_NOT_REPORTED) or group in ("order", "open", "opened", "count"):
            continue
        for row in rows:
            activity = sum(coef * values[col[var]] for var, coef in row.items())
            lb, ub = row.getLb(), row.getUb()
            if (ub is not None and activity >= ub - 1e-6) or (lb is not None and activity <= lb + 1e-6):
                yield group
                break


# --- analysis -------------------------------------------------------------------------------------


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
) -> list[tuple[float, Plan]]:
    """Efficient frontier: the optimal plan at each budget.

    Budgets are solved in increasing order; each optimum starts the next solve (a plan that fits
    a budget fits every larger one). The result is in the order given.
    """
    budgets = [float(b) for b in budgets]
    plans: dict[float, Plan] = {}
    previous: Plan | None = None
    for b in sorted(set(budgets)):
        previous = plans[b] = solve(entries, replace(constraints, budget=b), settings, prerequisites, start=previous)
    return [(b, plans[b]) for b in budgets]


def greedy(
    entries: Entries, constraints: Constraints, prerequisites: Mapping[str, tuple[str, ...]] | None = None
) -> Plan:
    """Best value per cost first, under the same rules as the model (a yardstick: the optimum is
    never worse).

    Must-include items and group minimums are placed first (each with an enabler when phase order
    asks for one), then the rest by value per cost, in two passes so that phase 2/3 fields can
    follow their enabler. Each entry goes to the earliest period that has room (period 1 when
    there is no per-period budget) and never before its enabler. Status "heuristic" when every rule
    is met, "no solution" when the greedy could not meet the must-include items or group minimums.
    """
    cand = _candidates(entries, constraints)
    return _greedy(cand, _structure(cand, constraints, prerequisites), constraints)


def _greedy(cand: pd.DataFrame, st: _Structure, c: Constraints, prefer: Iterable[int] = ()) -> Plan:
    """:func:`greedy` on prepared candidates; ``prefer`` lists entries to try (in that order) right
    after the must-include items, before the value-per-cost order (used to round an LP solution)."""
    value = cand["value"].to_numpy(dtype=float)
    cost = cand["cost"].to_numpy(dtype=float)
    staff_of = cand["staff"].to_numpy(dtype=float)
    field_ids = cand["field_id"].to_numpy()
    iso3 = cand["iso3"].to_numpy()
    if c.period_budget is None:
        periods = [1 if c.time_preference <= 1 else c.periods]
    else:
        periods = list(range(1, c.periods + 1))
    with np.errstate(divide="ignore", invalid="ignore"):  # a free entry (no cost, no opening cost) comes first
        ratio = np.where(cost + c.open_cost / 2 > 0, value / (cost + c.open_cost / 2), np.inf)
    order = [int(i) for i in np.argsort(-ratio, kind="stable")]
    chosen: dict[int, int] = {}  # entry -> period
    opened: dict[str, int] = {}  # country -> period
    spent = {p: 0.0 for p in periods}
    state = {"staff": 0.0}
    field_count: dict[str, int] = {}

    def period_for(i: int) -> int | None:
        k = iso3[i]
        extra = cost[i] + (c.open_cost if k not in opened else 0.0)
        if sum(spent.values()) + extra > c.budget + EPS:
            return None
        if c.staff is not None and state["staff"] + staff_of[i] > c.staff + EPS:
            return None
        if k not in opened:
            if c.max_countries is not None and len(opened) >= c.max_countries:
                return None
            for name, members in c.groups.items():
                if name in c.group_max and k in members and sum(m in members for m in opened) >= c.group_max[name]:
                    return None
        f = field_ids[i]
        if f in c.field_max and field_count.get(f, 0) >= c.field_max[f]:
            return None
        earliest = opened.get(k, periods[0])
        if i in st.enablers:
            ready = [chosen[j] for j in st.enablers[i] if j in chosen]
            if not ready:
                return None
            earliest = max(earliest, min(ready))
        for p in periods:
            if p >= earliest and (c.period_budget is None or spent[p] + extra <= c.period_budget + EPS):
                return p
        return None

    def take(i: int) -> bool:
        if i in chosen:
            return True
        p = period_for(i)
        if p is None:
            return False
        k = iso3[i]
        spent[p] += cost[i] + (c.open_cost if k not in opened else 0.0)
        state["staff"] += staff_of[i]
        opened.setdefault(k, p)
        field_count[field_ids[i]] = field_count.get(field_ids[i], 0) + 1
        chosen[i] = p
        return True

    def take_with_enabler(i: int) -> bool:
        if i in st.enablers and not any(j in chosen for j in st.enablers[i]):
            if not any(take(j) for j in sorted(st.enablers[i], key=lambda j: -ratio[j])):
                return False
        return take(i)

    # must-include items and group minimums first
    for pair in c.must_pairs:
        if pair in st.index_of:
            take_with_enabler(st.index_of[pair])
    for k in c.must_countries:
        if k in st.countries and k not in opened:
            roots = st.roots[st.countries.index(k)]
            any(take(int(j)) for j in sorted(roots, key=lambda j: -ratio[j]))
    for f in c.must_fields:
        if field_count.get(f, 0) == 0:
            any(take_with_enabler(int(i)) for i in order if field_ids[i] == f)
    for i in prefer:
        take(int(i))
    for name, minimum in c.group_min.items():
        members = set(c.groups.get(name, ()))
        for i in order:
            if sum(k in members for k in opened) >= minimum:
                break
            if iso3[i] in members and iso3[i] not in opened and (i not in st.enablers):
                take(i)
    for _ in range(2):  # a second pass lets phase 2/3 fields in after their phase 1 enabler
        for i in order:
            if i not in chosen:
                take(i)

    ok = (
        all(p not in st.index_of or st.index_of[p] in chosen for p in c.must_pairs)
        and all(p in st.index_of for p in c.must_pairs)
        and all(k in opened for k in c.must_countries)
        and all(field_count.get(f, 0) > 0 for f in c.must_fields)
        and all(sum(k in set(c.groups.get(g, ())) for k in opened) >= m for g, m in c.group_min.items())
    )
    idx = list(chosen)
    selection = cand.loc[idx, _SELECTION_COLUMNS[:-1]].assign(period=[chosen[i] for i in idx])
    selection = selection.sort_values(["period", "iso3", "field_id"]).reset_index(drop=True)
    if not ok:
        selection = selection.iloc[0:0]
        opened = {}
    n_open = len(opened)
    entry_value = float(sum(value[i] * c.time_preference ** (chosen[i] - 1) for i in idx)) if ok else 0.0
    bonus = c.package_bonus * (len(selection) - n_open)
    return Plan(
        status="heuristic" if ok else "no solution",
        gap=None,
        objective=entry_value + bonus,
        selection=selection,
        countries=pd.DataFrame({"iso3": sorted(opened), "period": [opened[k] for k in sorted(opened)]}),
        binding=(),
        terms={"entry value": entry_value, "package bonus": bonus, "opening cost (budget only)": c.open_cost * n_open},
        budget_used=float(selection["cost"].sum() + c.open_cost * n_open),
        staff_used=float(selection["staff"].sum()),
        solve_seconds=0.0,
        build_seconds=0.0,
        solver="greedy",
        n_variables=0,
        n_constraints=0,
    )


def explain_infeasible(
    entries: Entries,
    constraints: Constraints,
    prerequisites: Mapping[str, tuple[str, ...]] | None = None,
    settings: SolverSettings = SolverSettings(time_limit=20),
) -> dict[str, float]:
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

    def possible(enforced: Iterable[str], minimise: str | None = None) -> float | None:
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


def prerequisites_of(fields: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Phase 2/3 field -> the phase 1 fields that enable it, from the judgement table."""
    out = {}
    for field_id, text in fields["prerequisite_fields"].items():
        refs = tuple(s.strip() for s in str(text).split(";") if s.strip())
        if refs:
            out[str(field_id)] = refs
    return out


def brute_force(
    entries: Entries, constraints: Constraints, prerequisites: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[float, frozenset]:
    """Exhaustive optimum for tiny instances (tests only): best value and the set of (iso3, field_id,
    period) entries. Every assignment of each candidate to 'not chosen' or one of the periods is
    checked against the rules as the planner states them (not against the model's rows)."""
    c = constraints
    cand = _candidates(entries, c)
    n, periods = len(cand), c.periods
    if (periods + 1) ** n > 2_000_000:
        raise ValueError("too many assignments for brute force")
    when = np.array(list(itertools.product(range(periods + 1), repeat=n)), dtype=np.int8).reshape(
        -1, n
    )  # 0 = not chosen
    chosen = when > 0
    countries = sorted(cand["iso3"].unique())
    of = cand["iso3"].map({k: j for j, k in enumerate(countries)}).to_numpy()
    first = np.full((len(when), len(countries)), periods + 1, dtype=np.int8)  # period a country opens
    for i in range(n):
        first[:, of[i]] = np.where(chosen[:, i], np.minimum(first[:, of[i]], when[:, i]), first[:, of[i]])
    opened = first <= periods
    cost = cand["cost"].to_numpy(dtype=float)
    ok = chosen @ cost + c.open_cost * opened.sum(axis=1) <= c.budget + EPS
    if c.period_budget is not None:
        for t in range(1, periods + 1):
            ok &= (when == t) @ cost + c.open_cost * (first == t).sum(axis=1) <= c.period_budget + EPS
    if c.staff is not None:
        ok &= chosen @ cand["staff"].to_numpy(dtype=float) <= c.staff + EPS
    if c.max_countries is not None:
        ok &= opened.sum(axis=1) <= c.max_countries
    for f, m in c.field_max.items():
        ok &= chosen[:, (cand["field_id"] == f).to_numpy()].sum(axis=1) <= m
    for name, members in c.groups.items():
        inside = opened[:, [k in set(members) for k in countries]].sum(axis=1)
        ok &= (inside >= c.group_min.get(name, 0)) & (inside <= c.group_max.get(name, 10**9))
    for k in c.must_countries:
        ok &= opened[:, countries.index(k)] if k in countries else False
    for f in c.must_fields:
        ok &= chosen[:, (cand["field_id"] == f).to_numpy()].any(axis=1)
    pairs = list(zip(cand["iso3"], cand["field_id"], strict=True))
    for p in c.must_pairs:
        ok &= chosen[:, pairs.index(p)] if p in pairs else False
    if c.phase_order:
        phase1 = set(cand.loc[cand["phase"] == 1, "field_id"])
        prerequisites = prerequisites or {}
        for i, (k, f) in enumerate(pairs):
            if cand.at[i, "phase"] > 1:
                js = [pairs.index((k, p)) for p in (prerequisites.get(f) or phase1) if (k, p) in pairs]
                enabled = np.zeros(len(when), dtype=bool)
                for j in js:
                    enabled |= chosen[:, j] & (when[:, j] <= when[:, i])
                ok &= ~chosen[:, i] | enabled
    value = cand["value"].to_numpy(dtype=float)
    discount = np.where(chosen, c.time_preference ** (when.astype(float) - 1), 0.0)
    total = discount @ value + c.package_bonus * (chosen.sum(axis=1) - opened.sum(axis=1))
    if not ok.any():
        return -math.inf, frozenset()
    best = int(np.flatnonzero(ok)[np.argmax(total[ok])])
    picked = frozenset((pairs[i][0], pairs[i][1], int(when[best, i])) for i in np.flatnonzero(chosen[best]))
    return float(total[best]), picked
