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
  groups as can be opened at all is left out (:func:`_outdone_countries`). With packages on, a country
  that outdoes another field by field also outdoes it package by package (it has every package the
  other has, with no less value and, the saving being a share, no more net cost); the count of
  countries that can be opened then assumes the largest saving on every entry. With funding pools a
  country outdoes another only if each field they share goes by the same route.

Packages and funding pools (optional, off by default): :mod:`strategy.optimize.packages` has their
variables z[c,p] and rows; with packages off and no pool the model above is built exactly as it is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import pulp

from strategy.i18n import Message
from strategy.optimize.groups import ConstraintGroup, GroupKind
from strategy.optimize.packages import Package, PackageOption, package_rows, package_variables, savings

Solver = Literal["highs", "cbc"]
SOLVERS: tuple[Solver, ...] = ("highs", "cbc")
EPS = 1e-6
#: The columns of ``Plan.selection``.
_PLAN_COLUMNS = ["iso3", "field_id", "value", "cost", "staff", "phase", "region", "period"]
#: The columns of ``Plan.packages``.
PACKAGE_PLAN_COLUMNS = ["iso3", "package_id", "members", "value_bonus", "cost_saving", "bonus", "saving"]


@dataclass(frozen=True)
class Entries:
    """The candidate (country, field) pairs with their value, cost, staff and context.

    Build it with :func:`entries_from_scores`; every column is visible to the planner.
    """

    table: pd.DataFrame  # iso3, field_id, value, cost, staff, phase, region, margin, route (optional)
    #: ICT packages the model may give a country (used when ``Constraints.use_packages``).
    packages: tuple[Package, ...] = ()

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
    use_packages: bool = False  # whole ICT packages (Entries.packages); off: today's plans (docs/method.md)
    #: budget per financing route (``Entries.table["route"]``): funding pools beside the total budget
    pool_budget: Mapping[str, float] = field(default_factory=dict)


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
    phase, region, period. ``binding`` lists the planner's limits with no slack left (typed group
    keys, shown with :func:`~strategy.optimize.groups.group_text`). ``terms`` breaks the objective
    into its parts. ``notes`` says what the model did on its own (e.g. every entry in period 1 when
    there is no per-period budget), as messages translated where shown (``note.text(lang)``).
    """

    status: str
    gap: float | None
    objective: float
    selection: pd.DataFrame
    countries: pd.DataFrame
    binding: tuple[ConstraintGroup, ...]
    terms: Mapping[str, float]
    budget_used: float
    staff_used: float
    solve_seconds: float
    build_seconds: float
    solver: str
    n_variables: int
    n_constraints: int
    bound: float | None = None
    notes: tuple[Message, ...] = ()
    stages: int = 1
    #: the packages the plan gives (packages on): iso3, package_id, members (';'-joined field ids),
    #: value_bonus and cost_saving (the shares), bonus (value added) and saving (cost saved)
    packages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PACKAGE_PLAN_COLUMNS))

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
    groups: dict[ConstraintGroup, list[pulp.LpConstraint]]
    slacks: dict[ConstraintGroup, list[pulp.LpVariable]]
    terms: dict[str, pulp.LpAffineExpression]
    periods: tuple[int, ...]
    columns: list[pulp.LpVariable]
    notes: tuple[Message, ...] = ()
    counts: dict[tuple[tuple, int], pulp.LpVariable] = field(default_factory=dict)
    shapes: dict[tuple, np.ndarray] = field(default_factory=dict)
    structure: _Structure | None = None
    #: z[c, p] of :mod:`strategy.optimize.packages` by (iso3, package_id), and each one's option
    z: dict[tuple[str, str], pulp.LpVariable] = field(default_factory=dict)
    package_options: dict[tuple[str, str], PackageOption] = field(default_factory=dict)


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
    if c.pool_budget and "route" in cand.columns:  # moving a portfolio must keep each entry's pool
        routes = np.full((len(st.countries), len(fields)), "", dtype=object)
        routes[st.country_of, cols] = cand["route"].astype(str).to_numpy()
        present = ~np.isnan(grid[0])
        same = (routes[:, None, :] == routes[None, :, :]) | ~present[None, :, :]
        better &= same.all(axis=2)
    better &= (membership[:, None, :] == membership[None, :, :]).all(axis=2)
    better &= ~np.array([k in must for k in st.countries])[None, :]
    return [(int(a), int(b)) for a, b in zip(*np.nonzero(better), strict=True)]


def _outdone_countries(cand: pd.DataFrame, c: Constraints, st: _Structure, max_saving: float = 0.0) -> set[str]:
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
    if max_saving > 0:  # a package's saving can make an entry cost less than its own cost
        cost = cost * (1.0 - max_saving)
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
    notes: tuple[Message, ...] = ()
    if reductions and not elastic:
        saving = max([p.cost_saving for p in entries.packages], default=0.0) if c.use_packages else 0.0
        left_out = _outdone_countries(cand, c, st, saving)
        if left_out:
            notes += (Message.of("optimize.note.left_out", n=len(left_out), total=len(st.countries)),)
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
        if idle:
            note = Message.of(
                "optimize.note.idle_period_budget",
                period_budget=c.period_budget,
                budget=c.budget,
                period=best,
                preference=d,
            )
        else:
            note = Message.of("optimize.note.one_period", period=best, preference=d)
        notes += (note,)
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
    groups: dict[ConstraintGroup, list[pulp.LpConstraint]] = {}
    slacks: dict[ConstraintGroup, list[pulp.LpVariable]] = {}

    def add(
        group: ConstraintGroup,
        terms: Iterable[tuple[pulp.LpVariable, float]],
        sense: str,
        rhs: float,
        soft: bool = True,
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
    z, options = package_variables(prob, st.index_of, st.countries, entries.packages if c.use_packages else ())
    if z:
        terms["package synergy"] = _expr(
            (z[key], o.package.value_bonus * float(value[o.members].sum())) for key, o in options.items()
        )

    # the planner's limits
    add(
        ConstraintGroup(GroupKind.BUDGET),
        [(x[i, n], cost[i]) for i in range(len(cand))]
        + [(y[k, n], c.open_cost) for k in st.countries]
        + savings(z, options, cost),
        "<=",
        c.budget,
    )
    routes = cand["route"].astype(str).to_numpy() if "route" in cand.columns else np.full(len(cand), "")
    for route, limit in c.pool_budget.items():
        inside = routes == route
        add(
            ConstraintGroup(GroupKind.POOL, route),
            [(x[i, n], cost[i]) for i in np.flatnonzero(inside)] + savings(z, options, cost, inside),
            "<=",
            limit,
        )
    if c.period_budget is not None and not idle:
        for t in T:
            spend = [(v, a * cost[i]) for i in range(len(cand)) for v, a in made(i, t)]
            spend += [(v, a * c.open_cost) for k in st.countries for v, a in opened(k, t)]
            add(ConstraintGroup(GroupKind.PERIOD_BUDGET), spend, "<=", c.period_budget)
    if c.staff is not None:
        add(ConstraintGroup(GroupKind.STAFF), [(x[i, n], staff[i]) for i in range(len(cand))], "<=", c.staff)
    if c.max_countries is not None:
        add(ConstraintGroup(GroupKind.COUNTRIES), [(y[k, n], 1.0) for k in st.countries], "<=", c.max_countries)
    for name, members in c.groups.items():
        inside = [(y[k, n], 1.0) for k in st.countries if k in set(members)]
        if name in c.group_min:
            add(ConstraintGroup(GroupKind.GROUP_MIN, name), inside, ">=", c.group_min[name])
        if name in c.group_max:
            add(ConstraintGroup(GroupKind.GROUP_MAX, name), inside, "<=", c.group_max[name])
    for f, limit in c.field_max.items():
        add(
            ConstraintGroup(GroupKind.FIELD_MAX, f),
            [(x[i, n], 1.0) for i in np.flatnonzero(field_ids == f)],
            "<=",
            limit,
        )
    for k in c.must_countries:
        add(ConstraintGroup(GroupKind.MUST_COUNTRY, k), [(y[k, n], 1.0)] if k in st.countries else [], ">=", 1)
    for f in c.must_fields:
        add(ConstraintGroup(GroupKind.MUST_FIELD, f), [(x[i, n], 1.0) for i in np.flatnonzero(field_ids == f)], ">=", 1)
    for pair in c.must_pairs:
        rows = [(x[st.index_of[pair], n], 1.0)] if pair in st.index_of else []
        add(ConstraintGroup(GroupKind.MUST_PAIR, (pair[0], pair[1])), rows, ">=", 1)

    # structure: cumulative variables, open countries, phase order
    for t in T[1:]:
        for i in range(len(cand)):
            add(ConstraintGroup(GroupKind.ORDER), [(x[i, t - 1], 1.0), (x[i, t], -1.0)], "<=", 0, soft=False)
        for k in st.countries:
            add(ConstraintGroup(GroupKind.ORDER), [(y[k, t - 1], 1.0), (y[k, t], -1.0)], "<=", 0, soft=False)
    for t in T:
        for n_k, k in enumerate(st.countries):
            for i in st.by_country[n_k]:
                add(ConstraintGroup(GroupKind.OPEN), [(x[i, t], 1.0), (y[k, t], -1.0)], "<=", 0, soft=False)
            add(
                ConstraintGroup(GroupKind.OPENED),
                [(y[k, t], 1.0)] + [(x[j, t], -1.0) for j in st.roots[n_k]],
                "<=",
                0,
                soft=False,
            )
        for i, js in st.enablers.items():
            add(ConstraintGroup(GroupKind.PHASE_ORDER), [(x[i, t], 1.0)] + [(x[j, t], -1.0) for j in js], "<=", 0)

    for group, terms_, sense, rhs in package_rows(z, options, {i: x[i, n] for i in range(len(cand))}):
        add(group, terms_, sense, rhs, soft=False)  # a package implies its members; one package per entry

    # counts: how many entries of each shape (field, cost, staff) are made by period t
    counts: dict[tuple[tuple, int], pulp.LpVariable] = {}
    shapes: dict[tuple, np.ndarray] = {}
    if not elastic:
        pooled = ["route"] if c.pool_budget and "route" in cand.columns else []  # a pool tells routes apart
        shapes = cand.groupby(["field_id", "cost", "staff", *pooled], sort=True).indices
        for shape_no, (shape, ids) in enumerate(shapes.items()):
            for t in T:
                counts[shape, t] = v = prob.add_variable(f"n_{shape_no}_{t}", 0, len(ids), cat=pulp.LpInteger)
                columns.append(v)
                add(ConstraintGroup(GroupKind.COUNT), [(x[i, t], 1.0) for i in ids] + [(v, -1.0)], "==", 0, soft=False)

    columns += list(z.values())
    if elastic:
        prob.setObjective(_expr((s, 1.0) for group in slacks.values() for s in group))
    else:
        objective = pulp.LpAffineExpression(entry_value)
        for var, coef in bonus.items():
            objective[var] = objective.get(var, 0.0) + coef
        for var, coef in terms.get("package synergy", {}).items():
            objective[var] = objective.get(var, 0.0) + coef
        prob.setObjective(objective)
    return Model(prob, x, y, cand, groups, slacks, terms, periods, columns, notes, counts, shapes, st, z, options)


def prerequisites_of(fields: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Phase 2/3 field -> the phase 1 fields that enable it, from the judgement table."""
    out = {}
    for field_id, text in fields["prerequisite_fields"].items():
        refs = tuple(s.strip() for s in str(text).split(";") if s.strip())
        if refs:
            out[str(field_id)] = refs
    return out
