"""Scenario sweeps: the plan solved at every combination of a few planner's choices.

"What if the budget is 20, 30 or 40, with this preset or that one, with Vietnam's costs doubled?"
A :class:`SweepDefinition` lists the axes (:class:`SweepAxis`: budget, staff, time preference,
weight preset, scoring method, a cost multiplier for a country or a group of countries), each a
list of values; the sweep is their Cartesian product, at most :data:`MAX_SWEEP_POINTS` points
(checked, with the number, before any work: :func:`check_definition`).

Everything not on an axis is the base scenario's. Cost multipliers multiply the scenario's own
(``cost_scale``); several cost axes touching one country multiply too. A preset replaces the
pillar weights (indicator weights stay); a method replaces the scoring's aggregation method.

The work in three steps, so that it can run anywhere:

1. :func:`sweep_tasks` scores once per distinct (preset, method) — scores do not depend on budget,
   staff, time preference or costs — and makes one :class:`PointTask` per point: plain data
   (entries table, constraints, solver settings; no solver objects), so it can be pickled.
2. :func:`solve_point` (a module-level function, so a process pool can call it) solves one task.
3. :func:`run_sweep` maps :func:`solve_point` over the tasks with any ``map``-like callable —
   the serial built-in :func:`map` by default, :func:`process_map` for a process pool — calls
   ``progress`` after each point and stops when ``cancel()`` says so, keeping the finished points.

Errors a planner can cause are :class:`SweepError`, each problem a translated message naming the
axis (``strategy/i18n/messages/sweep.toml``).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from strategy.analysis.sweep_definition import (  # noqa: F401  (the definition is part of this module's interface)
    AXIS_KINDS,
    AXIS_LABELS,
    NUMERIC_RULES,
    SOLVED,
    AxisKind,
    SweepAxis,
    SweepDefinition,
    SweepError,
    canonical_target,
    check_definition,
    known_targets,
    message_text,
)
from strategy.data.dataset import Dataset
from strategy.i18n import Message
from strategy.optimize import (
    Constraints,
    Entries,
    SolverSettings,
    per_period_budget_can_bind,
    prerequisites_of,
    solve,
)
from strategy.optimize.groups import ConstraintGroup, GroupKind
from strategy.scenario import Scenario, evaluate
from strategy.scenario_schema import Vocabulary
from strategy.scoring.criteria import MEMBERSHIPS
from strategy.scoring.financing import plan_entries
from strategy.scoring.weights import preset_weights

T = TypeVar("T")
R = TypeVar("R")
#: A ``map``-like executor: (function, items) -> results (in any order; each result knows its point).
MapFn = Callable[[Callable[[T], R], Sequence[T]], Iterable[R]]


# --- tasks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointTask:
    """One point, ready to solve: plain data only (picklable; no solver objects)."""

    index: int
    values: tuple[tuple[str, Any], ...]
    entries: Entries
    constraints: Constraints
    settings: SolverSettings
    prerequisites: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: each cost axis's name and the ISO3 codes it multiplies
    cost_targets: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class PointResult:
    """The plan at one point. ``value`` is the plan's objective (NaN without a plan); ``chosen`` the
    entries as (iso3, field_id, period); ``binding`` the planner's limits with no slack left;
    ``seconds`` model building and solving; ``derived_from`` the point whose optimal plan this is,
    without a solve of its own (see :func:`run_sweep`), None when solved."""

    index: int
    values: tuple[tuple[str, Any], ...]
    status: str
    value: float
    gap: float | None
    chosen: tuple[tuple[str, str, int], ...]
    binding: tuple[ConstraintGroup, ...]
    budget_used: float
    staff_used: float
    seconds: float
    derived_from: int | None = None

    @property
    def solved(self) -> bool:
        return self.status in SOLVED


def _members(target: str, countries: pd.DataFrame, vocabulary: Vocabulary) -> list[str]:
    """The ISO3 codes a cost axis's target stands for."""
    target = canonical_target(target, vocabulary) or target
    if target in countries.index:
        return [target]
    if target in MEMBERSHIPS and f"is_{target}" in countries.columns:
        return [str(i) for i in countries.index[countries[f"is_{target}"].fillna(0).astype(int) == 1]]
    return [str(i) for i in countries.index[countries["un_region"] == target]]


def scored_variant(scenario: Scenario, dataset: Dataset, preset: str | None, method: str | None) -> Scenario:
    """``scenario`` with a preset's pillar weights and/or another scoring method (None: keep it)."""
    if preset is not None:
        weights = replace(scenario.market_weights, pillars=dict(preset_weights(dataset, preset).pillars))
        scenario = replace(scenario, preset=preset, market_weights=weights)
    if method is not None:
        scenario = replace(scenario, settings=replace(scenario.settings, method=method))
    return scenario


def _check_pools(definition: SweepDefinition, constraints: Constraints) -> None:
    """A funding pool may not exceed a budget the sweep tries (the Plan page's rule, per budget)."""
    from strategy.optimize.packages import pool_problems

    problems = []
    for axis in definition.axes:
        if axis.kind == "budget" and constraints.pool_budget:
            for budget in sorted(set(axis.values)):
                for _, key, values in pool_problems(constraints.pool_budget, float(budget)):
                    problems.append(Message.of("sweep.err.value", axis=axis.label, detail=Message.of(key, **values)))
    if problems:
        raise SweepError(problems)


def sweep_tasks(
    dataset: Dataset,
    scenario: Scenario,
    definition: SweepDefinition,
    *,
    countries: Collection[str] | None = None,
    vocabulary: Vocabulary | None = None,
) -> list[PointTask]:
    """Check ``definition`` and make one task per point on top of ``scenario``.

    Scores once per distinct (preset, method) of the sweep. ``countries``: only these countries'
    entries are candidates (e.g. the benchmark's realistic instance; default: every scored one).
    """
    from strategy.scoring.weights import preset_ids

    vocabulary = vocabulary or Vocabulary.from_dataset(dataset)
    check_definition(definition, vocabulary, preset_ids(dataset), scenario.settings.normalisation)
    _check_pools(definition, scenario.constraints)
    prerequisites = prerequisites_of(dataset.fields)
    scores: dict[tuple[str | None, str | None], pd.DataFrame] = {}
    members = {
        a.target: _members(a.target, dataset.countries, vocabulary) for a in definition.axes if a.kind == "cost_scale"
    }
    tasks = []
    for index, point in enumerate(definition.points()):
        key = (point.get("preset"), point.get("method"))
        if key not in scores:
            table = evaluate(dataset, scored_variant(scenario, dataset, *key)).opportunity
            scores[key] = table if countries is None else table[table["iso3"].isin(set(countries))]
        cost_scale = dict(scenario.cost_scale)
        for axis in definition.axes:
            if axis.kind == "cost_scale":
                for iso3 in members[axis.target]:
                    cost_scale[iso3] = cost_scale.get(iso3, 1.0) * float(point[axis.name])
        limits = {k: float(point[k]) for k in NUMERIC_RULES if k in point}
        entries = plan_entries(scores[key], dataset, cost_scale=cost_scale)  # as the Plan page and `plan` build them
        constraints = replace(scenario.constraints, **limits) if limits else scenario.constraints
        targets = tuple((a.name, tuple(members[a.target])) for a in definition.axes if a.kind == "cost_scale")
        task = PointTask(index, tuple(point.items()), entries, constraints, scenario.solver, prerequisites, targets)
        tasks.append(task)
    return tasks


# --- solving --------------------------------------------------------------------------------------


def solve_point(task: PointTask) -> PointResult:
    """Solve one point (module level, so that a process pool can run it)."""
    plan = solve(task.entries, task.constraints, task.settings, task.prerequisites)
    chosen: tuple[tuple[str, str, int], ...] = ()
    if plan.has_solution and len(plan.selection):
        s = plan.selection
        chosen = tuple((str(k), str(f), int(p)) for k, f, p in zip(s["iso3"], s["field_id"], s["period"], strict=True))
    return PointResult(
        index=task.index,
        values=task.values,
        status=plan.status,
        value=float(plan.objective) if plan.has_solution else float("nan"),
        gap=plan.gap,
        chosen=chosen,
        binding=tuple(plan.binding),
        budget_used=float(plan.budget_used),
        staff_used=float(plan.staff_used),
        seconds=float(plan.build_seconds + plan.solve_seconds),
    )


class PoolMap:
    """A ``map`` over one :class:`~concurrent.futures.ProcessPoolExecutor` of ``workers`` processes
    (default: one per CPU), kept for every call until :meth:`close` (or the end of a ``with``
    block), yielding results as they finish. Closing an iteration early (a cancelled sweep)
    cancels the points not started; the running ones finish.

    Workers are spawned, not forked: a process that has solved once holds HiGHS's thread pool,
    and a forked copy of it can spin forever waiting for threads that were not copied."""

    def __init__(self, workers: int | None = None, start_method: str = "spawn"):
        self.workers = max(int(workers or _cpus()), 1)
        self.start_method = start_method
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        return self._results(fn, list(items))

    def _results(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        if not items:
            return
        if self._pool is None:
            context = multiprocessing.get_context(self.start_method)
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        futures = [self._pool.submit(fn, item) for item in items]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()

    def warm(self) -> None:
        """Start the workers now (spawning and importing take a few seconds), not with the first points."""
        for _ in self._results(_ready, list(range(self.workers))):
            pass

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> PoolMap:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def process_map(workers: int | None = None, start_method: str = "spawn") -> PoolMap:
    """A :class:`PoolMap` of ``workers`` spawned processes (close it, or use it in a ``with`` block)."""
    return PoolMap(workers, start_method)


def _ready(_: object) -> int:
    """What a warm-up sends each worker: nothing to do once this module is imported there."""
    return 0


def _cpus() -> int:
    import os

    return max(os.cpu_count() or 1, 1)


#: Axes along which the set of feasible plans only shrinks, and which way: -1 when a larger value is
#: looser (budget, staff), +1 when a smaller one is (a cost multiplier).
MONOTONE: dict[str, int] = {"budget": -1, "staff": -1, "cost_scale": +1}
_TOL = 1e-6


def _loosest_first(definition: SweepDefinition) -> dict[str, list[Any]]:
    """Each monotone axis's values, the loosest first."""
    return {a.name: sorted(a.values, reverse=MONOTONE[a.kind] < 0) for a in definition.axes if a.kind in MONOTONE}


def _reuse(task: PointTask, donor: PointResult, axis: str) -> PointResult | None:
    """``donor``'s plan at ``task``'s point when it is optimal there too, else None.

    The donor differs from the task only on ``axis``, where it is looser: every plan feasible at the
    task's point is feasible at the donor's, with the same value, so the donor's optimum is the
    task's optimum whenever it is feasible at the task's point: within the tighter budget or staff,
    or (a cost axis) without an entry whose cost the axis raised. Its gap can only be smaller."""
    if donor.status != "optimal":
        return None
    c = task.constraints
    if axis == "budget" and donor.budget_used > c.budget + _TOL:
        return None
    if axis == "staff" and (c.staff is not None and donor.staff_used > c.staff + _TOL):
        return None
    if axis.startswith("cost_scale:"):
        raised = set(dict(task.cost_targets).get(axis, ()))
        if any(iso3 in raised for iso3, _, _ in donor.chosen):
            return None
    binding = {g for g in donor.binding if g.kind not in (GroupKind.BUDGET, GroupKind.STAFF)}
    if donor.budget_used >= c.budget - _TOL:
        binding.add(ConstraintGroup(GroupKind.BUDGET))
    if c.staff is not None and donor.staff_used >= c.staff - _TOL:
        binding.add(ConstraintGroup(GroupKind.STAFF))
    return replace(
        donor,
        index=task.index,
        values=task.values,
        binding=tuple(sorted(binding, key=str)),
        seconds=0.0,
        derived_from=donor.index,
    )


def run_sweep(
    definition: SweepDefinition,
    tasks: Sequence[PointTask],
    *,
    map: MapFn = map,  # noqa: A002 - the executor seam is named after the built-in it defaults to
    progress: Callable[[int, int, PointResult], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    basis: str = "",
    reuse: bool = True,
    clock: Callable[[], float] = time.perf_counter,
) -> SweepResult:
    """Solve every task with ``map(solve_point, tasks)``; ``progress(done, total, point)`` after each
    point; ``cancel()`` is asked before each result is taken, and True stops the run (the points
    finished so far are kept, ``cancelled`` is set). ``basis``: :func:`fingerprint` of the base scenario.

    ``reuse`` (exact): along budget, staff and cost axes the points run loosest first, in waves (one
    ``map`` call each); a point whose neighbour one step looser on such an axis has an optimal plan
    that still fits takes that plan without a solve (:func:`_reuse`), and a point that is the same
    problem as another (:func:`_problem_key`, e.g. a time preference when the periods collapse)
    takes its plan; ``derived_from`` says which point's plan it is.
    """
    begin = clock()
    done: dict[int, PointResult] = {}
    order = _loosest_first(definition) if reuse else {}
    names = definition.names

    def position(task: PointTask) -> dict[str, int]:
        values = dict(task.values)
        return {axis: values_.index(values[axis]) for axis, values_ in order.items()}

    waves: dict[int, list[PointTask]] = {}
    for task in tasks:
        waves.setdefault(sum(position(task).values()), []).append(task)
    same: dict[int, int] = {}  # task -> the first task (loosest first) that is the same problem
    if reuse:
        first: dict[str, int] = {}
        for task in (t for level in sorted(waves) for t in waves[level]):
            same[task.index] = first.setdefault(_problem_key(task), task.index)
    by_values = {}
    cancelled = False

    def finish(point: PointResult) -> None:
        done[point.index] = point
        by_values[tuple(dict(point.values)[n] for n in names)] = point
        if progress is not None:
            progress(len(done), len(tasks), point)

    def copy_of(task: PointTask) -> PointResult | None:
        twin = done.get(same.get(task.index, task.index))
        if twin is None or twin.index == task.index:
            return None
        return replace(twin, index=task.index, values=task.values, seconds=0.0, derived_from=twin.index)

    for level in sorted(waves):
        to_solve, copies = [], []
        for task in waves[level]:
            derived = copy_of(task) or (_derived(task, position(task), order, names, by_values) if level else None)
            if derived is None and same.get(task.index, task.index) != task.index:
                copies.append(task)  # the same problem as one solved in this wave: copied after it
            elif derived is None:
                to_solve.append(task)
            elif cancel is not None and cancel():
                cancelled = True
                break
            else:
                finish(derived)
        if cancelled:
            break
        results = iter(map(solve_point, to_solve) if to_solve else ())
        try:
            while True:
                if cancel is not None and cancel():
                    cancelled = True
                    break
                try:
                    point = next(results)
                except StopIteration:
                    break
                finish(point)
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()
        if cancelled:
            break
        for task in copies:
            copied = copy_of(task)
            if copied is not None:
                finish(copied)
    cancelled = cancelled and len(done) < len(tasks)
    return SweepResult.of(definition, done.values(), len(tasks), cancelled, clock() - begin, basis)


def _problem_key(task: PointTask) -> str:
    """What makes two tasks the same problem: entries, constraints, solver settings, enablers. The
    time preference is left out when the periods collapse to one (no per-period budget that can
    bind, preference at most 1): every entry is then made in period 1 and the preference has no effect."""
    constraints = task.constraints
    if not per_period_budget_can_bind(constraints) and constraints.time_preference <= 1:
        constraints = replace(constraints, time_preference=1.0)
    digest = hashlib.sha256(pd.util.hash_pandas_object(task.entries.table, index=True).to_numpy().tobytes())
    digest.update(repr((constraints, task.settings, sorted(task.prerequisites.items()))).encode())
    return digest.hexdigest()


def _derived(
    task: PointTask,
    where: Mapping[str, int],
    order: Mapping[str, list[Any]],
    names: Sequence[str],
    by_values: Mapping[tuple, PointResult],
) -> PointResult | None:
    """The task's plan from a neighbour one step looser on a monotone axis, if one fits (else None)."""
    values = dict(task.values)
    for axis, k in where.items():
        if k == 0:
            continue
        looser = {**values, axis: order[axis][k - 1]}
        donor = by_values.get(tuple(looser[n] for n in names))
        if donor is not None:
            reused = _reuse(task, donor, axis)
            if reused is not None:
                return reused
    return None


def sweep(
    dataset: Dataset,
    scenario: Scenario,
    definition: SweepDefinition,
    *,
    map: MapFn = map,  # noqa: A002
    progress: Callable[[int, int, PointResult], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    countries: Collection[str] | None = None,
) -> SweepResult:
    """:func:`sweep_tasks` then :func:`run_sweep`: the whole sweep of ``definition`` on ``scenario``."""
    tasks = sweep_tasks(dataset, scenario, definition, countries=countries)
    return run_sweep(definition, tasks, map=map, progress=progress, cancel=cancel, basis=fingerprint(scenario))


def fingerprint(scenario: Scenario) -> str:
    """A short hash of everything in ``scenario`` but its name (to tell whether a stored sweep was
    run on the settings the planner has now)."""
    text = replace(scenario, name="").to_json()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- the result -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepResult:
    """A finished (or cancelled) sweep: its definition and the points solved, by index.

    ``requested`` points were asked for; ``cancelled`` says the run stopped before all were solved.
    :attr:`table` has one row per point solved, :attr:`frequency` one row per entry chosen.
    """

    definition: SweepDefinition
    points: tuple[PointResult, ...]
    requested: int
    cancelled: bool = False
    seconds: float = 0.0
    basis: str = ""

    @classmethod
    def of(
        cls,
        definition: SweepDefinition,
        points: Iterable[PointResult],
        requested: int,
        cancelled: bool = False,
        seconds: float = 0.0,
        basis: str = "",
    ) -> SweepResult:
        ordered = tuple(sorted(points, key=lambda p: p.index))
        return cls(definition, ordered, requested, cancelled, seconds, basis)

    @property
    def solved(self) -> int:
        """Points with a plan."""
        return sum(p.solved for p in self.points)

    @property
    def table(self) -> pd.DataFrame:
        """Tidy points table: point, one column per axis, status, value, gap, entries, budget_used,
        staff_used, binding (group ids, ``; ``-separated), chosen (``iso3/field_id`` entries), seconds,
        derived_from (the point whose plan it took without a solve, else None)."""
        rows = []
        for p in self.points:
            rows.append(
                {
                    "point": p.index,
                    **dict(p.values),
                    "status": p.status,
                    "value": p.value,
                    "gap": np.nan if p.gap is None else p.gap,
                    "entries": len(p.chosen),
                    "budget_used": p.budget_used,
                    "staff_used": p.staff_used,
                    "binding": "; ".join(str(g) for g in p.binding),
                    "chosen": " ".join(f"{k}/{f}" for k, f, _ in p.chosen),
                    "seconds": p.seconds,
                    "derived_from": p.derived_from,
                }
            )
        columns = ["point", *self.definition.names, "status", "value", "gap", "entries", "budget_used"]
        columns += ["staff_used", "binding", "chosen", "seconds", "derived_from"]
        return pd.DataFrame(rows, columns=columns)

    @property
    def frequency(self) -> pd.DataFrame:
        """How often each (country, field) entry is chosen over the points with a plan: iso3,
        field_id, chosen (points), share (chosen / points with a plan), mean_period. Most often first."""
        counts: dict[tuple[str, str], list[int]] = {}
        for p in self.points:
            for iso3, field_id, period in p.chosen if p.solved else ():
                counts.setdefault((iso3, field_id), []).append(period)
        solved = self.solved
        frame = pd.DataFrame(
            [
                {
                    "iso3": k,
                    "field_id": f,
                    "chosen": len(periods),
                    "share": len(periods) / solved,
                    "mean_period": float(np.mean(periods)),
                }
                for (k, f), periods in counts.items()
            ],
            columns=["iso3", "field_id", "chosen", "share", "mean_period"],
        )
        return frame.sort_values(["chosen", "iso3", "field_id"], ascending=[False, True, True]).reset_index(drop=True)
