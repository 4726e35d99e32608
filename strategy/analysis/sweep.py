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
import itertools
import math
import multiprocessing
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd

from strategy import scenario_schema
from strategy.data.dataset import Dataset
from strategy.i18n import Lang, Message, t
from strategy.optimize import Constraints, Entries, SolverSettings, entries_from_scores, prerequisites_of, solve
from strategy.optimize.groups import ConstraintGroup
from strategy.scenario import Scenario, evaluate
from strategy.scenario_schema import MAX_SWEEP_POINTS, Vocabulary
from strategy.scoring.criteria import MEMBERSHIPS
from strategy.scoring.methods import METHODS
from strategy.scoring.weights import preset_weights

AxisKind = Literal["budget", "staff", "time_preference", "preset", "method", "cost_scale"]
#: The kinds of axis, in the order the page offers them.
AXIS_KINDS: tuple[AxisKind, ...] = ("budget", "staff", "time_preference", "preset", "method", "cost_scale")
#: Numeric axes and the scenario schema's rule their values follow (the Plan page's ranges).
NUMERIC_RULES: dict[str, str] = {
    "budget": "constraints.budget",
    "staff": "constraints.staff",
    "time_preference": "constraints.time_preference",
}
#: The message naming each kind of axis (a cost axis names its target too).
AXIS_LABELS: dict[str, str] = {
    "budget": "sweep.axis.budget",
    "staff": "sweep.axis.staff",
    "time_preference": "sweep.axis.time_preference",
    "preset": "sweep.axis.preset",
    "method": "sweep.axis.method",
    "cost_scale": "sweep.axis.cost_scale",
}
#: Statuses of a point that has a plan.
SOLVED = ("optimal", "feasible")

T = TypeVar("T")
R = TypeVar("R")
#: A ``map``-like executor: (function, items) -> results (in any order; each result knows its point).
MapFn = Callable[[Callable[[T], R], Sequence[T]], Iterable[R]]


class SweepError(ValueError):
    """A sweep definition that cannot be run; ``problems`` are messages naming the axis and value."""

    def __init__(self, problems: Sequence[Message]):
        self.problems = tuple(problems)
        super().__init__(" ".join(self.messages("en")))

    def messages(self, lang: Lang = "ja") -> list[str]:
        """Every problem in ``lang``."""
        return [message_text(m, lang) for m in self.problems]


def message_text(message: Message, lang: Lang) -> str:
    """A message in ``lang`` whose parameters may be messages themselves (an axis's name)."""
    values = {k: message_text(v, lang) if isinstance(v, Message) else v for k, v in message.params}
    return t(message.key, lang, **values)


# --- the definition -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepAxis:
    """One axis: a ``kind`` and its ``values`` (numbers, or preset / method ids). ``target`` is what a
    ``cost_scale`` axis multiplies: an ISO3 code, a membership (``asean``) or a UN region (``Asia``)."""

    kind: AxisKind
    values: tuple[Any, ...]
    target: str | None = None

    @property
    def name(self) -> str:
        """The axis's column name: the kind, ``cost_scale:VNM`` for a cost multiplier."""
        return f"cost_scale:{self.target}" if self.kind == "cost_scale" else self.kind

    @property
    def label(self) -> Message:
        """The axis's name for people."""
        if self.kind == "cost_scale":
            return Message.of("sweep.axis.cost_scale", target=self.target or "?")
        return Message.of(AXIS_LABELS[self.kind])


@dataclass(frozen=True)
class SweepDefinition:
    """The axes of a sweep; its points are the Cartesian product of their values (first axis slowest)."""

    axes: tuple[SweepAxis, ...]

    @property
    def size(self) -> int:
        """How many points the sweep has."""
        return math.prod(len(a.values) for a in self.axes) if self.axes else 0

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.axes]

    def points(self) -> list[dict[str, Any]]:
        """Every point as {axis name: value}, in order."""
        return [
            dict(zip(self.names, combo, strict=True)) for combo in itertools.product(*(a.values for a in self.axes))
        ]

    def to_dict(self) -> dict[str, Any]:
        return {"axes": [{"kind": a.kind, "target": a.target, "values": list(a.values)} for a in self.axes]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SweepDefinition:
        axes = tuple(SweepAxis(a["kind"], tuple(a["values"]), a.get("target")) for a in data["axes"])
        return cls(axes)


def known_targets(vocabulary: Vocabulary) -> dict[str, str]:
    """What a cost axis may multiply: {how it may be written, lower case: its id}."""
    names = {m: m for m in MEMBERSHIPS}
    names.update({r.lower(): r for r in vocabulary.region})
    names.update({c.lower(): c for c in vocabulary.country})
    return names


def canonical_target(text: str, vocabulary: Vocabulary) -> str | None:
    """A cost axis's target as the data spells it (``vnm`` -> ``VNM``, ``ASEAN`` -> ``asean``), or None."""
    return known_targets(vocabulary).get(str(text).strip().lower())


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_definition(
    definition: SweepDefinition,
    vocabulary: Vocabulary,
    presets: Collection[str],
    normalisation: str | None = None,
) -> None:
    """Raise :class:`SweepError` listing every problem of ``definition``: no axis, an axis twice, an
    empty axis, a value twice, a number out of the Plan page's range (negative budget, ...), an unknown
    preset, method or cost target, and first of all more than :data:`MAX_SWEEP_POINTS` points.
    ``normalisation``: the base scenario's (the weighted product refuses z-scores)."""
    problems: list[Message] = []
    if definition.size > MAX_SWEEP_POINTS:
        problems.append(Message.of("sweep.err.too_many", n=f"{definition.size:,}", max=f"{MAX_SWEEP_POINTS:,}"))
    if not definition.axes:
        problems.append(Message.of("sweep.err.no_axes"))
    seen: set[str] = set()
    for axis in definition.axes:
        if axis.kind not in AXIS_KINDS:
            problems.append(Message.of("sweep.err.kind", value=str(axis.kind), allowed=", ".join(AXIS_KINDS)))
            continue
        if axis.name in seen:
            problems.append(Message.of("sweep.err.axis_twice", axis=axis.label))
        seen.add(axis.name)
        problems += _axis_problems(axis, vocabulary, presets, normalisation)
    if problems:
        raise SweepError(problems)


def _axis_problems(
    axis: SweepAxis, vocabulary: Vocabulary, presets: Collection[str], normalisation: str | None
) -> list[Message]:
    problems: list[Message] = []
    label = axis.label
    if not axis.values:
        return [Message.of("sweep.err.empty", axis=label)]
    if axis.kind == "cost_scale" and (axis.target is None or canonical_target(axis.target, vocabulary) is None):
        problems.append(Message.of("sweep.err.unknown_target", axis=label, value=str(axis.target)))
    shown = [scenario_schema.shown(v) for v in axis.values]
    for value in dict.fromkeys(v for v in shown if shown.count(v) > 1):
        problems.append(Message.of("sweep.err.value_twice", axis=label, value=value))
    for value in axis.values[:MAX_SWEEP_POINTS]:
        if axis.kind in ("preset", "method"):
            known = list(presets) if axis.kind == "preset" else list(METHODS)
            if value not in known:
                key = f"sweep.err.unknown_{axis.kind}"
                problems.append(Message.of(key, axis=label, value=str(value)[:60], allowed=", ".join(known)))
            elif axis.kind == "method" and value == "weighted_product" and normalisation == "zscore":
                problems.append(Message.of("sweep.err.product_zscore", axis=label))
            continue
        if not _number(value):
            problems.append(Message.of("sweep.err.not_number", axis=label, value=scenario_schema.shown(value)))
            continue
        rule = scenario_schema.SCHEMA["cost_scale"].values if axis.kind == "cost_scale" else None
        rule = rule or scenario_schema.rule(NUMERIC_RULES[axis.kind])
        for _, key, values in rule.check(axis.name, value, vocabulary):
            problems.append(Message.of("sweep.err.value", axis=label, detail=Message.of(key, **values)))
    return problems


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


@dataclass(frozen=True)
class PointResult:
    """The plan at one point. ``value`` is the plan's objective (NaN without a plan); ``chosen`` the
    entries as (iso3, field_id, period); ``binding`` the planner's limits with no slack left;
    ``seconds`` model building and solving."""

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
        entries = entries_from_scores(scores[key], dataset.fields, dataset.countries, cost_scale=cost_scale)
        constraints = replace(scenario.constraints, **limits) if limits else scenario.constraints
        tasks.append(PointTask(index, tuple(point.items()), entries, constraints, scenario.solver, prerequisites))
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


def process_map(workers: int | None = None, start_method: str = "spawn") -> MapFn:
    """A ``map`` over a :class:`~concurrent.futures.ProcessPoolExecutor` of ``workers`` processes
    (default: one per CPU), yielding results as they finish. Closing the iterator early (a
    cancelled sweep) cancels the points not started and waits for the running ones.

    Workers are spawned, not forked: a process that has solved once holds HiGHS's thread pool,
    and a forked copy of it can spin forever waiting for threads that were not copied."""

    def pool_map(fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        if not items:
            return
        context = multiprocessing.get_context(start_method)
        with ProcessPoolExecutor(max_workers=min(workers or _cpus(), len(items)), mp_context=context) as pool:
            futures = [pool.submit(fn, item) for item in items]
            try:
                for future in as_completed(futures):
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()

    return pool_map


def _cpus() -> int:
    import os

    return max(os.cpu_count() or 1, 1)


def run_sweep(
    definition: SweepDefinition,
    tasks: Sequence[PointTask],
    *,
    map: MapFn = map,  # noqa: A002 - the executor seam is named after the built-in it defaults to
    progress: Callable[[int, int, PointResult], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    basis: str = "",
    clock: Callable[[], float] = time.perf_counter,
) -> SweepResult:
    """Solve every task with ``map(solve_point, tasks)``; ``progress(done, total, point)`` after each
    point; ``cancel()`` is asked before each result is taken, and True stops the run (the points
    finished so far are kept, ``cancelled`` is set). ``basis``: :func:`fingerprint` of the base scenario."""
    begin = clock()
    done: list[PointResult] = []
    cancelled = False
    results = iter(map(solve_point, tasks))
    try:
        while True:
            if cancel is not None and cancel():
                cancelled = len(done) < len(tasks)
                break
            try:
                point = next(results)
            except StopIteration:
                break
            done.append(point)
            if progress is not None:
                progress(len(done), len(tasks), point)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    return SweepResult.of(definition, done, len(tasks), cancelled, clock() - begin, basis)


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
        staff_used, binding (group ids, ``; ``-separated), chosen (``iso3/field_id`` entries), seconds."""
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
                }
            )
        columns = ["point", *self.definition.names, "status", "value", "gap", "entries", "budget_used"]
        columns += ["staff_used", "binding", "chosen", "seconds"]
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
