"""The two MIP back-ends behind :func:`strategy.optimize.staged.solve`: the model as arrays
(:class:`_Matrix`), HiGHS (passed the arrays) and CBC (through PuLP), each returning a :class:`_Result`
with the solver's true status."""

from __future__ import annotations

import math
import os
import re
import tempfile
import time
from dataclasses import dataclass
from typing import Protocol

import highspy
import numpy as np
import pulp

from strategy.optimize.model import EPS, Model, SolverSettings


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


def set_start(h: highspy.Highs, start: np.ndarray | None) -> None:
    """Hand HiGHS a starting solution (a feasible plan it may use as its first incumbent)."""
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = list(map(float, start))
        solution.value_valid = True
        h.setSolution(solution)


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
    set_start(h, start)
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
    status = _cbc_status(model.problem, log)
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


def _cbc_status(prob: pulp.LpProblem, log: str) -> str:
    """:func:`_status` of a CBC run, read with its log: a run its time limit stopped has proved
    nothing, so an 'infeasible' it reports then (seen on a loaded machine) is 'no solution'."""
    status = _status(prob)
    if status == "infeasible" and "Stopped on time" in log:
        return "no solution"
    return status


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


class Backend(Protocol):
    """One MIP back-end: solve ``m`` (the arrays of ``model``) within ``settings``, optionally from
    ``start``; ``quiet`` switches off heuristics that redo a start's work (where the back-end has them)."""

    def __call__(
        self, model: Model, m: _Matrix, settings: SolverSettings, start: np.ndarray | None = None, quiet: bool = False
    ) -> _Result: ...


#: The back-ends by the name a planner picks (``SolverSettings.solver``); keys are ``model.SOLVERS``.
BACKENDS: dict[str, Backend] = {"highs": _run_highs, "cbc": _run_cbc}
