"""Re-solve one portfolio model under many objectives: build once, change only the entry values.

The plan robustness (and any other sweep over weights) solves the same programme again and again;
from one sample to the next only the entries' values v_i change, i.e. only the objective
coefficients of the x columns. :class:`Resolver` builds the model of :mod:`strategy.optimize.model`
once, hands it to HiGHS once, and for each sample changes the objective coefficients
(``changeColsCost``) and the bounds of the countries the sample's values let it leave out, then runs
the same stages as :func:`strategy.optimize.solve`, with the same gap tolerance and the same status
meanings.

What is reused, and why it stays exact:

- **The rows, the column bounds and the integrality** (the model in HiGHS, its matrix, the index of
  every column and row group). None of them depends on the values: budget, staff, counts of
  countries and fields, groups, must-include items, phase order, the cumulative-period structure and
  the counts per shape come from costs, staff, phases and the planner's rules. The collapse of the
  periods to one (no per-period budget) holds for any values (module docstring of ``model``). The
  resolver checks that each sample has exactly the template's candidates with the same cost, staff
  and phase, and refuses a sample that does not (:class:`ResolveMismatch`).
- **Not the value-dependent reduction as built.** :func:`~strategy.optimize.model._outdone_countries`
  leaves out countries outdone field by field, and "outdone" compares values: a country outdone under
  one sample's values may be needed under another's. So the resolver's model is built *without* it
  (``reductions=False``), and for each sample the reduction is recomputed from that sample's values
  and applied as upper bounds 0 on the left-out countries' columns (the same proof, per sample).
- **The LP basis** of the base values: each sample's LP relaxation starts from it. It changes how
  fast the LP is found, not which LP optimum stands for the bound.
- **The base plan as a start**, when it fits the sample's bounds (always a feasible plan: only the
  objective differs), next to the LP rounding and the restricted model of ``solve``'s steps 1-2.

Every sample starts from the same state (the base basis, the base plan, solver state cleared), never
from the previous sample's answer: a sample's plan then does not depend on which samples were
solved before it in the same process, so a run split over workers gives the plan of the serial run
sample for sample. Proof of optimality is HiGHS's, as in ``solve``: nothing is skipped.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

import highspy
import numpy as np
import pandas as pd

from strategy.i18n import Message
from strategy.optimize.groups import NOT_REPORTED, ConstraintGroup
from strategy.optimize.heuristics import _greedy
from strategy.optimize.model import (
    _PLAN_COLUMNS,
    EPS,
    Constraints,
    Entries,
    Plan,
    SolverSettings,
    _candidates,
    _outdone_countries,
    _Structure,
    _structure,
    build_model,
)
from strategy.optimize.solvers import _QUIET_HEURISTICS, _highs, _Matrix, _matrix, _Result, set_start
from strategy.optimize.staged import _FIRST_STAGE_SHARE, _whole

#: The columns a candidate's structure is compared on (a sample must not change them).
_FIXED = ("cost", "staff", "phase")


class ResolveMismatch(ValueError):
    """A sample whose candidates are not the resolver's template (another set of pairs, or another
    cost, staff or phase): the model built once does not describe it."""


@dataclass(frozen=True)
class Outcome:
    """One sample's answer as plain data (cheap to send between processes).

    ``status``, ``gap``, ``bound`` and ``stages`` mean what they mean on :class:`Plan`; ``objective``
    is the plan's value under the sample's values; ``chosen`` holds the candidate positions (in
    :attr:`Resolver.keys` order) of the entries made and ``period`` the planner's period of each;
    ``left_out`` counts the countries the sample's values let the model leave out; ``seconds`` is the
    solver's time for this sample.
    """

    status: str
    gap: float | None
    bound: float | None
    objective: float
    chosen: np.ndarray
    period: np.ndarray
    stages: int
    seconds: float
    left_out: int = 0
    interrupted: bool = False  # stopped by :meth:`Resolver.interrupt`: not an answer, only what was found

    @property
    def has_solution(self) -> bool:
        return self.status in ("optimal", "feasible", "heuristic")


class Resolver:
    """The model of ``entries`` under ``constraints``, built once and solved for many value vectors.

    ``entries`` is the template: its candidates (after the planner's exclusions) fix the model; its
    values are the base values (the LP basis kept for every sample is theirs). :meth:`values_of`
    aligns another :class:`Entries` table (same candidates, other values) with :attr:`keys`;
    :meth:`solve` solves one value vector; :meth:`plan` turns an :class:`Outcome` into a :class:`Plan`.
    Only HiGHS (``settings.solver == "highs"``); CBC has no model kept in memory to change.
    """

    def __init__(
        self,
        entries: Entries,
        constraints: Constraints,
        settings: SolverSettings = SolverSettings(),
        prerequisites: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        if settings.solver != "highs":
            raise ValueError("the resolver keeps a HiGHS model; use solve() for other solvers")
        began = time.perf_counter()
        self.constraints, self.settings, self._prerequisites = constraints, settings, prerequisites
        model = build_model(entries, constraints, prerequisites, reductions=False)
        self.model = model
        self.cand: pd.DataFrame = model.entries
        self.structure: _Structure = model.structure  # type: ignore[assignment]
        self.keys = pd.MultiIndex.from_frame(self.cand[["iso3", "field_id"]].astype(str))
        self._fixed = self.cand[list(_FIXED)].to_numpy(dtype=float)
        matrix = _matrix(model)
        self.matrix = matrix
        position = {var: j for j, var in enumerate(model.columns)}
        n_entries, n_periods = len(self.cand), len(model.periods)
        self._n = n_periods
        self._x = np.array([[position[model.x[i, t]] for t in range(1, n_periods + 1)] for i in range(n_entries)])
        self._x = self._x.reshape(n_entries, n_periods).astype(np.int32)
        countries = self.structure.countries
        self._y = np.array([[position[model.y[k, t]] for t in range(1, n_periods + 1)] for k in countries])
        self._y = self._y.reshape(len(countries), n_periods).astype(np.int32)
        self._shape_cols = [(position[var], model.shapes[shape]) for (shape, _t), var in model.counts.items()]
        self._count_t = [t for (_shape, t) in model.counts]
        # the objective: x[i,t] earns v_i (w_t − w_{t+1}); the package bonus terms do not change
        weight = [constraints.time_preference ** (p - 1) for p in model.periods]
        self._step = np.array([weight[t] - (weight[t + 1] if t + 1 < n_periods else 0.0) for t in range(n_periods)])
        self._bonus = np.zeros(len(model.columns))
        for var, coef in model.terms["package bonus"].items():
            self._bonus[position[var]] += coef
        counts = np.zeros(len(model.columns), dtype=bool)
        counts[[position[v] for v in model.counts.values()]] = True
        self._by_counts = replace(matrix, integer=matrix.integer & counts)
        rows = {id(row): r for r, row in enumerate(model.problem.constraints())}
        self._groups = [
            (group, np.array([rows[id(row)] for row in group_rows], dtype=int))
            for group, group_rows in model.groups.items()
            if group.kind not in NOT_REPORTED
        ]
        self._all = np.arange(len(model.columns), dtype=np.int32)
        self._subsets: dict[frozenset[str], tuple[pd.DataFrame, _Structure, np.ndarray]] = {}
        self.base_values = self.cand["value"].to_numpy(dtype=float)
        self._full: highspy.Highs | None = None
        self._basis: highspy.HighsBasis | None = None
        self._stop = threading.Event()
        self._tripped = False
        self._lp = self._mip = None
        if len(matrix.cost):
            lp = replace(matrix, integer=np.zeros_like(matrix.integer))
            self._lp, self._mip = _highs(lp, settings), _highs(self._by_counts, settings)
            self._mip.cbMipInterrupt += self._on_interrupt
            # the basis every sample's LP starts from: the template's own values' (fixed once, so that
            # no sample's answer depends on the samples solved before it)
            base = self._run(self._lp, lp, matrix.cost, matrix.upper, settings.time_limit, settings.gap, None, False)
            if base.status == "optimal":
                self._basis = self._lp.getBasis()
        #: Seconds to build the model, pass it to HiGHS and solve the template's LP (once).
        self.build_seconds = time.perf_counter() - began

    # --- stopping from another thread --------------------------------------------------------------

    def interrupt(self) -> None:
        """Stop the solve in progress (from another thread) and every later one until :meth:`resume`;
        their outcomes say ``interrupted``. HiGHS checks it at its MIP checkpoints (well under a
        second apart on these models)."""
        self._stop.set()

    def resume(self) -> None:
        """Let solves run again after :meth:`interrupt`. A HiGHS instance that was interrupted keeps
        stopping its later runs at once (its interrupt stays set), so those are made afresh."""
        self._stop.clear()
        if self._tripped:
            self._mip = _highs(self._by_counts, self.settings)
            self._mip.cbMipInterrupt += self._on_interrupt
            self._full, self._tripped = None, False

    def _on_interrupt(self, event) -> None:  # a HiGHS callback (cbMipInterrupt)
        if self._stop.is_set():
            self._tripped = True
            event.interrupt()

    # --- values -----------------------------------------------------------------------------------

    def values_of(self, entries: Entries) -> np.ndarray:
        """The values of ``entries`` in :attr:`keys` order; :class:`ResolveMismatch` when its
        candidates differ from the template's (another pair, cost, staff or phase)."""
        cand = _candidates(entries, self.constraints)
        keys = pd.MultiIndex.from_frame(cand[["iso3", "field_id"]].astype(str))
        if len(keys) != len(self.keys) or not keys.isin(self.keys).all():
            raise ResolveMismatch("the sample's candidate pairs differ from the resolver's")
        where = self.keys.get_indexer(keys)
        fixed = np.empty_like(self._fixed)
        fixed[where] = cand[list(_FIXED)].to_numpy(dtype=float)
        if not np.allclose(fixed, self._fixed, rtol=0.0, atol=EPS):
            raise ResolveMismatch("the sample changes a candidate's cost, staff or phase")
        values = np.empty(len(self.keys))
        values[where] = cand["value"].to_numpy(dtype=float)
        return values

    def _cost(self, values: np.ndarray) -> np.ndarray:
        cost = self._bonus.copy()
        cost[self._x.ravel()] += (values[:, None] * self._step[None, :]).ravel()
        return cost

    # --- the sample's reduction -------------------------------------------------------------------

    def _left_out(self, values: np.ndarray) -> frozenset[str]:
        if not len(self.cand):
            return frozenset()
        cand = self.cand.assign(value=values)
        return frozenset(_outdone_countries(cand, self.constraints, self.structure))

    def _subset(self, out: frozenset[str]) -> tuple[pd.DataFrame, _Structure, np.ndarray]:
        """The candidates without the countries ``out`` (and their structure, for the greedy
        rounding), kept for the sets of countries seen."""
        if out not in self._subsets:
            if len(self._subsets) > 64:
                self._subsets.clear()
            keep = np.flatnonzero(~self.cand["iso3"].isin(out).to_numpy())
            sub = self.cand.iloc[keep].reset_index(drop=True)
            self._subsets[out] = (sub, _structure(sub, self.constraints, self._prerequisites), keep)
        return self._subsets[out]

    # --- vectors ----------------------------------------------------------------------------------

    def vector(self, chosen: np.ndarray, period: np.ndarray) -> np.ndarray | None:
        """The column vector of a plan given as candidate positions and planner periods (``None``
        when a period is not one of the model's)."""
        first = {p: t for t, p in enumerate(self.model.periods)}
        start = np.zeros(len(self.model.columns))
        opened = np.full(len(self.structure.countries), self._n, dtype=int)
        for i, p in zip(chosen, period, strict=True):
            t0 = first.get(int(p), 0 if self._n == 1 else None)
            if t0 is None:
                return None
            start[self._x[i, t0:]] = 1.0
            k = self.structure.country_of[i]
            opened[k] = min(opened[k], t0)
        for k, t0 in enumerate(opened):
            if t0 < self._n:
                start[self._y[k, t0:]] = 1.0
        for (col, ids), t in zip(self._shape_cols, self._count_t, strict=True):
            start[col] = start[self._x[ids, t - 1]].sum()
        return start

    def _read(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        made = values[self._x] > 0.5
        chosen = np.flatnonzero(made[:, -1])
        first = made[chosen].argmax(axis=1)
        return chosen, np.array([self.model.periods[t] for t in first], dtype=int)

    # --- solving ----------------------------------------------------------------------------------

    def _run(
        self,
        h: highspy.Highs,
        m: _Matrix,
        cost: np.ndarray,
        upper: np.ndarray,
        limit: float,
        gap: float,
        start: np.ndarray | None,
        quiet: bool,
        basis: highspy.HighsBasis | None = None,
    ) -> _Result:
        """One HiGHS run of a kept instance from a clean state, as ``solvers._run_highs`` reads it."""
        begin = time.perf_counter()
        h.clearSolver()
        h.changeColsCost(len(cost), self._all, cost)
        h.changeColsBounds(len(cost), self._all, m.lower, upper)
        h.setOptionValue("time_limit", float(max(limit, 0.01)))
        h.setOptionValue("mip_rel_gap", float(gap))
        for option in _QUIET_HEURISTICS:
            h.setOptionValue(option, not quiet)
        if basis is not None:
            h.setBasis(basis)
        set_start(h, start)
        h.run()
        seconds = time.perf_counter() - begin
        status, info = h.getModelStatus(), h.getInfo()
        has_solution = info.primal_solution_status == 2
        values = np.array(h.getSolution().col_value, dtype=float) if has_solution else None
        found_gap = float(info.mip_gap) if has_solution and math.isfinite(info.mip_gap) else None
        if m.integer.any():
            bound = float(info.mip_dual_bound) if math.isfinite(info.mip_dual_bound) else None
        else:
            bound = float(info.objective_function_value) if status == highspy.HighsModelStatus.kOptimal else None
        S = highspy.HighsModelStatus
        if status == S.kOptimal and has_solution:
            return _Result("optimal", found_gap if found_gap is not None else 0.0, bound, values, seconds)
        if status in (S.kInfeasible, S.kUnboundedOrInfeasible):
            return _Result("infeasible", None, None, None, seconds)
        return _Result("feasible" if has_solution else "no solution", found_gap, bound, values, seconds)

    def solve(
        self, values: np.ndarray, start: Outcome | Plan | None = None, time_limit: float | None = None
    ) -> Outcome:
        """Solve the model with the entry values ``values`` (in :attr:`keys` order), as
        :func:`strategy.optimize.solve` would (same stages, gap and statuses), optionally starting
        from ``start`` (used when it fits this sample's bounds). ``time_limit`` (default
        ``settings.time_limit``) bounds the solver time of this sample."""
        begin = time.perf_counter()
        values = np.asarray(values, dtype=float)
        if values.shape != (len(self.keys),) or not np.isfinite(values).all():
            raise ResolveMismatch("the values need one finite number per candidate")
        limit = self.settings.time_limit if time_limit is None else time_limit
        gap = self.settings.gap
        m = self.matrix
        if not len(m.cost):
            ok = bool((m.row_lower <= EPS).all() and (m.row_upper >= -EPS).all())
            empty = np.zeros(0, dtype=int)
            return Outcome("optimal" if ok else "infeasible", 0.0 if ok else None, None, 0.0, empty, empty, 0, 0.0)
        out = self._left_out(values)
        upper = m.upper.copy()
        if out:
            drop = np.flatnonzero(self.cand["iso3"].isin(out).to_numpy())
            upper[self._x[drop].ravel()] = 0.0
            upper[self._y[[self.structure.countries.index(k) for k in out]].ravel()] = 0.0
        cost = self._cost(values)
        bounded = replace(m, cost=cost, upper=upper)

        def left(share: float = 1.0) -> float:
            return max(share * (limit - (time.perf_counter() - begin)), 0.01)

        def fits(x: np.ndarray | None) -> np.ndarray | None:
            return x if x is not None and bounded.feasible(x) else None

        def better(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
            if a is None or b is None:
                return b if a is None else a
            return b if cost @ b > cost @ a + EPS else a

        def done(result: _Result, stages: int) -> Outcome:
            seconds, stopped = time.perf_counter() - begin, self._stop.is_set()
            if result.values is None:
                empty = np.zeros(0, dtype=int)
                return Outcome(
                    result.status, result.gap, result.bound, 0.0, empty, empty, stages, seconds, len(out), stopped
                )
            rounded = np.where(m.integer, np.round(result.values), result.values)
            chosen, period = self._read(rounded)
            objective = float(cost @ rounded + m.offset)
            return Outcome(
                result.status, result.gap, result.bound, objective, chosen, period, stages, seconds, len(out), stopped
            )

        best = None
        if start is not None:
            best = fits(self._start_of(start))
        # 1. LP relaxation from the base basis: a bound, and a plan rounded from it
        lp_matrix = replace(bounded, integer=np.zeros_like(m.integer))
        relaxed = self._run(self._lp, lp_matrix, cost, upper, left(0.3), gap, None, False, self._basis)
        if relaxed.status == "infeasible":
            return done(relaxed, 0)
        bound = None
        if relaxed.status == "optimal" and relaxed.values is not None:
            bound = float(cost @ relaxed.values + m.offset)
            best = better(best, fits(self._rounding(values, out, relaxed.values)))
            # 2. the entries the LP uses: a small model that usually holds a near-optimal plan
            unused = relaxed.values[self._x[:, -1]] <= 1e-6
            if unused.any():
                small_upper = upper.copy()
                small_upper[self._x[unused].ravel()] = 0.0
                small = self._run(
                    self._mip, self._by_counts, cost, small_upper, left(0.25), max(gap, 1e-3), best, False
                )
                best = better(best, _whole(bounded, small.values))
        # 3. proven by the LP bound?
        if best is not None and bound is not None:
            value = float(cost @ best + m.offset)
            if max(bound - value, 0.0) / max(abs(value), 1e-9) <= gap:
                return done(_Result("optimal", max(bound - value, 0.0) / max(abs(value), 1e-9), bound, best, 0.0), 0)
        if self._stop.is_set():
            return done(_Result("no solution", None, bound, best, 0.0), 0)
        # 4. whole counts only
        result = self._run(
            self._mip, self._by_counts, cost, upper, left(_FIRST_STAGE_SHARE), gap, best, best is not None
        )
        whole = _whole(bounded, result.values)
        if whole is not None:
            return done(replace(result, values=whole), 1)
        if result.status == "infeasible" or self._stop.is_set():
            return done(result, 1)
        # 5. every variable binary, in the time left
        if self._full is None:
            self._full = _highs(m, self.settings)
            self._full.cbMipInterrupt += self._on_interrupt
        return done(self._run(self._full, m, cost, upper, left(), gap, best, False), 2)

    def _start_of(self, start: Outcome | Plan) -> np.ndarray | None:
        if isinstance(start, Outcome):
            return self.vector(start.chosen, start.period) if start.has_solution else None
        if not start.has_solution:
            return None
        sel = start.selection
        keys = pd.MultiIndex.from_arrays([sel["iso3"].astype(str), sel["field_id"].astype(str)])
        where = self.keys.get_indexer(keys)
        if (where < 0).any():
            return None
        return self.vector(where, sel["period"].to_numpy(dtype=int))

    def _rounding(self, values: np.ndarray, out: frozenset[str], lp: np.ndarray) -> np.ndarray | None:
        """``staged._lp_rounding`` on the candidates the sample keeps: the entries the LP makes fully
        (by period), then those it makes in part (largest share first), each when it still fits."""
        sub, st, keep = self._subset(out)
        sub = sub.assign(value=values[keep])
        share = lp[self._x[keep]]
        full = share >= 1 - 1e-6
        made = np.flatnonzero(full[:, -1])
        first = full[made].argmax(axis=1)
        root = np.zeros(len(sub), dtype=bool)
        for ids in st.roots:
            root[ids] = True
        value = sub["value"].to_numpy(dtype=float)
        made = made[np.lexsort((-value[made], ~root[made], first))]
        part = np.flatnonzero((share[:, -1] > 1e-6) & ~full[:, -1])
        part = part[np.argsort(-share[part, -1], kind="stable")]
        plan = _greedy(sub, st, self.constraints, list(made) + list(part))
        if not plan.has_solution:
            return None
        return self._start_of(plan)

    # --- reading back -----------------------------------------------------------------------------

    def plan(self, outcome: Outcome, values: np.ndarray) -> Plan:
        """The :class:`Plan` of ``outcome`` (solved with ``values``), as ``solve`` would report it."""
        c = self.constraints
        rows = pd.DataFrame(columns=_PLAN_COLUMNS)
        countries = pd.DataFrame(columns=["iso3", "period"])
        binding: tuple[ConstraintGroup, ...] = ()
        terms: dict[str, float] = {}
        if outcome.has_solution:
            cand = self.cand.assign(value=np.asarray(values, dtype=float))
            rows = cand.loc[outcome.chosen, _PLAN_COLUMNS[:-1]].assign(period=outcome.period)
            rows = rows.sort_values(["period", "iso3", "field_id"]).reset_index(drop=True)
            countries = rows.groupby("iso3", as_index=False)["period"].min().sort_values("iso3").reset_index(drop=True)
            x = self.vector(outcome.chosen, outcome.period)
            assert x is not None
            bonus = float(self._bonus @ x)
            terms = {"entry value": float(self._cost(np.asarray(values, float)) @ x) - bonus, "package bonus": bonus}
            terms["opening cost (budget only)"] = float(c.open_cost * len(countries))
            activity = self.matrix.activity(x)
            lo, hi = self.matrix.row_lower, self.matrix.row_upper
            tight = (activity >= hi - 1e-6) | (activity <= lo + 1e-6)
            binding = tuple(sorted((g for g, r in self._groups if tight[r].any()), key=str))
        notes = self.model.notes
        if outcome.left_out:
            total = len(self.structure.countries)
            notes += (Message.of("optimize.note.left_out", n=outcome.left_out, total=total),)
        return Plan(
            status=outcome.status,
            gap=outcome.gap,
            objective=outcome.objective,
            selection=rows,
            countries=countries,
            binding=binding,
            terms=terms,
            budget_used=float(rows["cost"].sum() + c.open_cost * len(countries)) if len(rows) else 0.0,
            staff_used=float(rows["staff"].sum()) if len(rows) else 0.0,
            solve_seconds=outcome.seconds,
            build_seconds=self.build_seconds,
            solver="highs",
            n_variables=len(self.model.columns),
            n_constraints=len(self.matrix.row_lower),
            bound=outcome.bound,
            notes=notes,
            stages=outcome.stages,
        )
