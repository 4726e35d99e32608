"""Solve the portfolio for many samples: in this process, on local worker processes, or on Dask.

:func:`run_samples` takes a :class:`Job` (the template entries, the planner's rules, the solver
settings and a *valuer* that turns one row of sample weights into that sample's entries: all plain,
picklable data, no solver objects) and the sample rows. Each worker builds one
:class:`~strategy.optimize.resolve.Resolver` for the job and solves its chunks of samples with it.
Where the work runs:

- ``workers=1``: in this process, one sample after another (the reference run);
- otherwise a local process pool (``workers`` processes, default every core; each HiGHS solve uses
  one thread), started with ``forkserver`` so that no solver thread of this process is copied;
- a Dask ``distributed`` cluster when a scheduler address is given (``scheduler=`` or the
  :data:`SCHEDULER_ENV` variable). An unreachable scheduler raises :class:`RunnerError` with a
  translated message; only with ``fallback_local=True`` does the run go to local cores instead, and
  :attr:`RunResult.notes` says so.

Every sample starts from the same state (see :mod:`strategy.optimize.resolve`), so the answer for
sample k is the same whichever way the run is split. A run on worker processes or Dask stops within
a fraction of a second when ``cancel()`` turns true or the time budget (on ``clock``) is used up (the
workers are ended), and keeps the samples that finished; a run in this process interrupts the solve
in progress (HiGHS's MIP interrupt) and drops that one sample. A sample that fails (its worker process died, its solve ran out of time without a plan,
its values do not fit the model) is counted by :class:`FailureKind` with the reason.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from strategy.i18n import Message
from strategy.optimize import Constraints, Entries, Plan, SolverSettings, solve
from strategy.optimize.resolve import ResolveMismatch, Resolver

#: Environment variable with the Dask scheduler address (e.g. ``tcp://10.0.0.5:8786``).
SCHEDULER_ENV = "ICT_STRATEGY_DASK_SCHEDULER"
#: Seconds to wait for a Dask scheduler to answer before calling it unreachable.
CONNECT_TIMEOUT = 5.0
#: How often (seconds) the waiting loop looks at the cancel flag and the clock.
_POLL = 0.1
#: Below this many seconds left of the time budget no new sample starts (in this process).
_MIN_LEFT = 0.05
#: Fewer samples than this run in this process: starting worker processes would cost more.
_POOL_MIN = 8

#: Turns one row of sample weights into that sample's entries (picklable: a module-level class).
Valuer = Callable[[np.ndarray], Entries]


class FailureKind(StrEnum):
    """Why a sample has no answer."""

    WORKER_DIED = "worker_died"  # the process solving it ended (killed, out of memory, crashed)
    TIMED_OUT = "timed_out"  # the solve ran out of its time limit before any plan
    INFEASIBLE = "infeasible"  # no plan meets the rules with this sample's values
    MISMATCH = "mismatch"  # the sample's entries are not the model's candidates
    ERROR = "error"  # anything else raised while solving it (the detail says what)


@dataclass(frozen=True)
class Failure:
    """A failed sample: the kind, and a plain detail for the log (not shown as such to a user)."""

    kind: FailureKind
    detail: str = ""

    @property
    def message(self) -> Message:
        return Message.of(f"runner.failure.{self.kind.value}")


@dataclass(frozen=True)
class SampleResult:
    """One sample tried: its index in the sample rows, the status and value of its plan, the entries
    chosen as (iso3, field_id, period), the seconds its worker spent on it, and why it failed, if it did."""

    index: int
    status: str
    objective: float
    gap: float | None
    selection: tuple[tuple[str, str, int], ...]
    seconds: float
    failure: Failure | None = None

    @property
    def has_solution(self) -> bool:
        return self.status in ("optimal", "feasible", "heuristic")


@dataclass(frozen=True)
class Job:
    """What every worker needs, as plain data: the template ``entries`` (fixing the candidates),
    ``constraints``, ``settings`` (``threads`` is set to 1 per solve by :func:`run_samples`),
    ``prerequisites``, the ``valuer`` of a sample row, and ``start``, a plan every sample may start
    from (as (iso3, field_id, period) triples; usually the base plan). ``token`` names the job in a
    worker's cache of resolvers."""

    entries: Entries
    constraints: Constraints
    settings: SolverSettings
    valuer: Valuer
    prerequisites: Mapping[str, tuple[str, ...]] | None = None
    start: tuple[tuple[str, str, int], ...] | None = None
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class RunResult:
    """The samples tried, in sample order (``results``), and how the run went: ``requested`` rows,
    ``cancelled`` (by the caller) or ``stopped_early`` (time budget) with the finished part kept,
    ``failures`` per kind, where it ran (``where``: "serial", "local" or "dask", with ``workers``),
    ``notes`` for the reader (e.g. the fallback to local cores), and the ``seconds`` it took."""

    results: tuple[SampleResult, ...]
    requested: int
    cancelled: bool
    stopped_early: bool
    failures: Mapping[FailureKind, int]
    where: str
    workers: int
    notes: tuple[Message, ...]
    seconds: float

    @property
    def tried(self) -> int:
        return len(self.results)


class RunnerError(RuntimeError):
    """A run that cannot start (e.g. the Dask scheduler does not answer): ``message`` is translated
    where shown; the text is English for logs."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.text("en"))


# --- the worker side --------------------------------------------------------------------------------


class _Solver:
    """One worker's solver for a job: a :class:`Resolver` (HiGHS), or a fresh ``solve`` per sample
    for the other solvers (which keep no model in memory)."""

    def __init__(self, job: Job):
        self.resolver = (
            Resolver(job.entries, job.constraints, job.settings, job.prerequisites)
            if job.settings.solver == "highs"
            else None
        )
        self.use(job)

    last_interrupted = False  # the last sample's solve was stopped by :meth:`interrupt` (not an answer)

    def interrupt(self) -> None:
        """Stop the solve in progress (from another thread), when it is the resolver's."""
        if self.resolver is not None:
            self.resolver.interrupt()

    def use(self, job: Job) -> None:
        """Solve for ``job`` (the same candidates and rules; its start plan may differ)."""
        self.job = job
        self.start = None if job.start is None else _as_plan(job.start)

    def plan(self, weights: np.ndarray, limit: float) -> Plan:
        """The full :class:`Plan` for one row of weights (e.g. the base plan), from no start."""
        entries = self.job.valuer(weights)
        if self.resolver is None:
            settings = replace(self.job.settings, time_limit=limit)
            return solve(entries, self.job.constraints, settings, self.job.prerequisites)
        values = self.resolver.values_of(entries)
        return self.resolver.plan(self.resolver.solve(values, time_limit=limit), values)

    def one(self, index: int, weights: np.ndarray, limit: float) -> SampleResult:
        """One sample, never raising: a failure is part of the answer."""
        began = time.perf_counter()
        try:
            entries = self.job.valuer(weights)
            if self.resolver is not None:
                values = self.resolver.values_of(entries)
                outcome = self.resolver.solve(values, start=self.start, time_limit=limit)
                self.last_interrupted = outcome.interrupted
                keys = self.resolver.keys
                selection = tuple(
                    (str(keys[i][0]), str(keys[i][1]), int(p))
                    for i, p in zip(outcome.chosen, outcome.period, strict=True)
                )
                status, objective, gap = outcome.status, outcome.objective, outcome.gap
            else:
                settings = replace(self.job.settings, time_limit=limit)
                plan = solve(entries, self.job.constraints, settings, self.job.prerequisites, start=self.start)
                sel = plan.selection
                selection = tuple(
                    (str(a), str(b), int(p))
                    for a, b, p in zip(sel["iso3"], sel["field_id"], sel["period"], strict=True)
                )
                status, objective, gap = plan.status, plan.objective, plan.gap
        except ResolveMismatch as exc:
            return _failed(index, FailureKind.MISMATCH, str(exc), began)
        except Exception as exc:  # a worker reports, never dies on a sample (the run counts it)
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            return _failed(index, FailureKind.ERROR, detail, began)
        failure = None
        if status == "no solution":
            failure = Failure(FailureKind.TIMED_OUT, f"no plan within {limit:g} s")
        elif status == "infeasible":
            failure = Failure(FailureKind.INFEASIBLE)
        return SampleResult(index, status, objective, gap, selection, time.perf_counter() - began, failure)


def _failed(index: int, kind: FailureKind, detail: str, began: float) -> SampleResult:
    return SampleResult(index, "failed", math.nan, None, (), time.perf_counter() - began, Failure(kind, detail))


def _as_plan(triples: Sequence[tuple[str, str, int]]) -> Plan:
    """A start plan from (iso3, field_id, period) triples (only its selection is read)."""
    selection = pd.DataFrame(list(triples), columns=["iso3", "field_id", "period"])
    return Plan("feasible", None, 0.0, selection, pd.DataFrame(), (), {}, 0.0, 0.0, 0.0, 0.0, "start", 0, 0)


#: Per worker process: the solver of each job seen (by token), built once.
_SOLVERS: dict[str, _Solver] = {}
#: The job a local pool's workers were started with (set by their initializer).
_POOL_JOB: list[Job] = []


def solver_for(job: Job) -> _Solver:
    """This process's solver for ``job``, built on first use (one job kept at a time)."""
    if job.token not in _SOLVERS:
        _SOLVERS.clear()  # one job at a time per process: drop the last one's model
        _SOLVERS[job.token] = _Solver(job)
    solver = _SOLVERS[job.token]
    if (solver.job.settings, solver.job.constraints) != (job.settings, job.constraints):
        solver = _SOLVERS[job.token] = _Solver(job)  # another model: build it
    elif solver.job is not job:
        solver.use(job)
    return solver


def forget(job: Job) -> None:
    """Drop this process's solver for ``job`` (its model and HiGHS instances)."""
    _SOLVERS.pop(job.token, None)


def _init_pool(job: Job) -> None:
    _POOL_JOB[:] = [job]


def _pool_chunk(indices: Sequence[int], weights: np.ndarray, limit: float) -> list[SampleResult]:
    """A local pool's task: solve one chunk of samples with this worker's resolver."""
    solver = solver_for(_POOL_JOB[0])
    return [solver.one(i, w, limit) for i, w in zip(indices, weights, strict=True)]


def dask_chunk(job: Job, indices: Sequence[int], weights: np.ndarray, limit: float) -> list[SampleResult]:
    """A Dask worker's task: as a pool's, with the job sent once per worker (scattered)."""
    solver = solver_for(job)
    return [solver.one(i, w, limit) for i, w in zip(indices, weights, strict=True)]


# --- the caller's side ------------------------------------------------------------------------------


def default_clock() -> float:
    """Seconds on the monotonic clock (the default ``clock`` of :func:`run_samples`)."""
    return time.perf_counter()


def scheduler_address(scheduler: str | None = None) -> str | None:
    """The Dask scheduler to use: ``scheduler`` if given (an empty string means none), else the
    :data:`SCHEDULER_ENV` variable, else ``None`` (local)."""
    if scheduler is not None:
        return scheduler.strip() or None
    return os.environ.get(SCHEDULER_ENV, "").strip() or None


def _chunks(n: int, size: int) -> list[np.ndarray]:
    return [np.arange(a, min(a + size, n)) for a in range(0, n, size)]


def _chunk_size(n: int, workers: int, chunk: int | None) -> int:
    if chunk is not None:
        if chunk < 1:
            raise ValueError("chunk must be at least 1")
        return chunk
    return max(1, min(4, math.ceil(n / (4 * max(workers, 1)))))


class _Progress:
    """Counts finished samples and failures and tells the caller."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None):
        self.total, self.progress = total, progress
        self.done: dict[int, SampleResult] = {}

    def add(self, results: Sequence[SampleResult]) -> None:
        for r in results:
            self.done[r.index] = r
        if self.progress is not None and results:
            self.progress(len(self.done), self.total)


def run_samples(
    job: Job,
    weights: np.ndarray,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    fallback_local: bool = False,
    chunk: int | None = None,
    solve_limit: float | None = None,
    time_budget: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    clock: Callable[[], float] | None = None,
) -> RunResult:
    """Solve ``job`` for every row of ``weights``; see the module docstring for where it runs.

    ``workers``: local processes (default: every core, or this process alone for fewer than
    :data:`_POOL_MIN` samples; 1 runs in this process). ``scheduler``: a Dask scheduler address (default
    :data:`SCHEDULER_ENV`; ``""`` for none). ``fallback_local``: run on local cores when the
    scheduler does not answer (else :class:`RunnerError`). ``chunk``: samples per task (default: up to
    4, so that progress is fine-grained and a cancelled run loses little). ``solve_limit``: seconds per
    solve (default ``job.settings.time_limit``). ``time_budget``: seconds for the whole run on
    ``clock`` (default :func:`default_clock`; ``None``: no limit). ``progress(done, total)`` after each
    chunk; ``cancel()`` is polled several times a second.
    """
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    n = len(weights)
    now = clock if clock is not None else default_clock
    begin = now()
    limit = job.settings.time_limit if solve_limit is None else min(job.settings.time_limit, solve_limit)
    if limit <= 0 or (time_budget is not None and time_budget <= 0):
        raise ValueError("the time limits must be positive")
    if job.settings.threads != 1:
        job = replace(job, settings=replace(job.settings, threads=1))
    cancel = cancel or (lambda: False)
    tracker = _Progress(n, progress)

    def out_of_time() -> bool:
        return time_budget is not None and time_budget - (now() - begin) <= _MIN_LEFT

    notes: tuple[Message, ...] = ()
    address = scheduler_address(scheduler)
    where, used = "serial", 1
    stopped = cancelled = False
    if address is not None:
        try:
            client = _connect(address)
        except RunnerError:
            if not fallback_local:
                raise
            notes += (Message.of("runner.note.fallback", address=address),)
            address = None
        else:
            where = "dask"
            try:
                used = max(1, len(client.scheduler_info().get("workers", {})))
                stopped, cancelled = _run_dask(
                    client, job, weights, _chunk_size(n, used, chunk), limit, tracker, cancel, out_of_time
                )
            finally:
                client.close()
    if address is None:
        if workers is not None and workers < 1:
            raise ValueError("workers must be at least 1")
        used = min((os.cpu_count() or 1) if workers is None else workers, max(n, 1))
        if workers is None and n < _POOL_MIN:
            used = 1
        if used == 1:
            stopped, cancelled = _run_serial(job, weights, limit, tracker, cancel, now, begin, time_budget)
        else:
            where = "local"
            size = _chunk_size(n, used, chunk)
            stopped, cancelled = _run_pool(job, weights, used, size, limit, tracker, cancel, out_of_time)
    results = tuple(tracker.done[k] for k in sorted(tracker.done))
    failures: dict[FailureKind, int] = {}
    for r in results:
        if r.failure is not None:
            failures[r.failure.kind] = failures.get(r.failure.kind, 0) + 1
    return RunResult(results, n, cancelled, stopped, failures, where, used, notes, now() - begin)


def _run_serial(
    job: Job,
    weights: np.ndarray,
    limit: float,
    tracker: _Progress,
    cancel: Callable[[], bool],
    now: Callable[[], float],
    begin: float,
    time_budget: float | None,
) -> tuple[bool, bool]:
    """In this process. A watcher thread looks at ``cancel()`` several times a second and stops the
    solve in progress (HiGHS's MIP interrupt), whose sample is then not counted: a cancel takes
    effect within a fraction of a second here too."""
    solver = solver_for(job)
    if solver.resolver is not None:
        solver.resolver.resume()
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(_POLL):
            if cancel():
                solver.interrupt()
                return

    watcher = threading.Thread(target=watch, name="runner-cancel", daemon=True)
    watcher.start()
    try:
        for k, w in enumerate(weights):
            if cancel():
                return False, True
            left = math.inf if time_budget is None else time_budget - (now() - begin)
            if left <= _MIN_LEFT:
                return True, False
            result = solver.one(k, w, max(min(limit, left), 0.01))
            if solver.last_interrupted:
                return False, True  # stopped half-way: not an answer
            tracker.add([result])
        return False, False
    finally:
        finished.set()
        watcher.join()
        if solver.resolver is not None:
            solver.resolver.resume()


def _pool(job: Job, workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["strategy.analysis.runner"])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_pool, initargs=(job,))


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool now: pending tasks dropped, running worker processes (started by it) terminated."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=1.0)


def _run_pool(
    job: Job,
    weights: np.ndarray,
    workers: int,
    size: int,
    limit: float,
    tracker: _Progress,
    cancel: Callable[[], bool],
    out_of_time: Callable[[], bool],
) -> tuple[bool, bool]:
    """The local pool. A worker that dies breaks the pool and every task not finished with it; those
    samples are tried again one by one on a single worker, where the one running when its worker
    dies is the one that killed it: it fails as :attr:`FailureKind.WORKER_DIED`, the rest go on."""
    todo = _chunks(len(weights), size)
    first = True
    while todo:
        pool = _pool(job, min(workers, len(todo)) if first else 1)
        running: dict[Any, np.ndarray] = {}
        broken = False
        try:
            for c in todo:
                # a worker may die while the rest are still being handed out (a loaded machine
                # starts the first chunks early): the pool then refuses new tasks
                try:
                    running[pool.submit(_pool_chunk, c, weights[c], limit)] = c
                except BrokenProcessPool:
                    broken = True
                    break
            while running:
                if cancel():
                    return False, True
                if out_of_time():
                    return True, False
                finished, _ = wait(list(running), timeout=_POLL, return_when=FIRST_COMPLETED)
                for future in finished:
                    running.pop(future)
                    try:
                        tracker.add(future.result())
                    except BrokenProcessPool:
                        broken = True
        finally:
            _stop(pool)
        if not broken:
            return False, False
        left = [c for c in todo if int(c[0]) not in tracker.done]
        if first:
            todo, first = [np.array([i]) for c in left for i in c], False
        else:
            tracker.add(
                [_failed(int(left[0][0]), FailureKind.WORKER_DIED, "worker process ended", time.perf_counter())]
            )
            todo = left[1:]
    return False, False


def check_scheduler(address: str) -> None:
    """Raise :class:`RunnerError` now if the Dask scheduler at ``address`` does not answer (so that a
    command can say so before its slow steps)."""
    _connect(address).close()


def _connect(address: str) -> Any:
    """A Dask client for ``address``, or :class:`RunnerError` when it cannot be reached."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise RunnerError(Message.of("runner.err.no_dask")) from exc
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        # the detail (the library's own English) goes to the log only, through the exception chain
        raise RunnerError(
            Message.of("runner.err.unreachable", address=address, seconds=f"{CONNECT_TIMEOUT:g}")
        ) from exc


def _run_dask(
    client: Any,
    job: Job,
    weights: np.ndarray,
    size: int,
    limit: float,
    tracker: _Progress,
    cancel: Callable[[], bool],
    out_of_time: Callable[[], bool],
) -> tuple[bool, bool]:
    shared = client.scatter(job, broadcast=True, hash=False)
    running = {
        client.submit(dask_chunk, shared, c, weights[c], limit, pure=False, retries=0): c
        for c in _chunks(len(weights), size)
    }
    try:
        while running:
            if cancel():
                return False, True
            if out_of_time():
                return True, False
            finished = [f for f in running if f.done()]
            if not finished:
                time.sleep(_POLL)
                continue
            for future in finished:
                indices = running.pop(future)
                if future.status == "finished":
                    tracker.add(future.result())
                else:  # the worker holding it died (KilledWorker) or the task itself raised
                    detail = repr(future.exception())
                    tracker.add(
                        [_failed(int(i), FailureKind.WORKER_DIED, detail, time.perf_counter()) for i in indices]
                    )
        return False, False
    finally:
        if running:
            client.cancel(list(running))
