"""The sample runner: the same answer per sample in this process, on a local pool and on a real Dask
cluster; failures counted with their kind; cancel and the time budget keep the finished part.

No test reads the wall clock for a limit: the budget runs on a clock that moves a fixed step each
time it is read.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from runner_fakes import MARKER, CostlyRescore, DyingRescore

from strategy.analysis import runner
from strategy.analysis.robustness import Rescore
from strategy.analysis.runner import FailureKind, Job, RunnerError, run_samples
from strategy.analysis.sampling import sample_simplex
from strategy.data.dataset import Dataset
from strategy.optimize import Constraints, SolverSettings, prerequisites_of
from strategy.optimize.resolve import Outcome, Resolver
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe

RULES = Constraints(budget=10.0, staff=9.0, periods=3, max_countries=4)


@pytest.fixture(scope="module")
def setup(dataset: Dataset):
    scenario = replace(Scenario.default(dataset), universe=Universe(focus_only=True))
    ev = evaluate(dataset, scenario)
    base = np.array([scenario.market_weights.pillars.get(k, 0.0) for k in ev.market.pillars.columns], float)
    parts = (ev.market, ev.fit, ev.threat, scenario.opportunity_weights, dataset.fields, dataset.countries)
    return parts, base, prerequisites_of(dataset.fields)


def job(setup, valuer=Rescore) -> Job:
    parts, base, pre = setup
    value = valuer(*parts)
    return Job(value(base), RULES, SolverSettings(time_limit=20.0), value, pre)


def answers(result) -> list[tuple]:
    return [(r.index, r.status, round(r.objective, 9), tuple(sorted(r.selection))) for r in result.results]


class StepClock:
    def __init__(self, step: float) -> None:
        self.step, self.now = step, 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture(scope="module")
def samples(setup) -> np.ndarray:
    return sample_simplex(12, len(setup[1]), np.random.default_rng(5))


@pytest.fixture(scope="module")
def serial(setup, samples):
    result = run_samples(job(setup), samples, workers=1)
    assert result.where == "serial" and result.tried == 12 and not result.failures
    return result


def test_a_local_pool_gives_the_serial_answer_sample_for_sample(setup, samples, serial) -> None:
    calls: list[tuple[int, int]] = []
    pooled = run_samples(job(setup), samples, workers=2, chunk=2, progress=lambda d, n: calls.append((d, n)))
    assert (pooled.where, pooled.workers, pooled.tried, pooled.failures) == ("local", 2, 12, {})
    assert answers(pooled) == answers(serial)
    assert calls[-1] == (12, 12) and [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_dask_cluster_gives_the_serial_answer_sample_for_sample(setup, samples, serial, monkeypatch) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = run_samples(job(setup), samples, scheduler=cluster.scheduler_address, chunk=3)
        assert (on_dask.where, on_dask.workers, on_dask.tried, on_dask.failures) == ("dask", 2, 12, {})
        assert answers(on_dask) == answers(serial)
        monkeypatch.setenv(runner.SCHEDULER_ENV, cluster.scheduler_address)  # the address from the environment
        again = run_samples(job(setup), samples[:3])
        assert again.where == "dask" and answers(again) == answers(serial)[:3]


def test_an_unreachable_scheduler_is_said_and_falls_back_only_when_asked(setup, samples, monkeypatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", 1.0)
    address = "tcp://127.0.0.1:9"  # the discard port: nothing listens there
    with pytest.raises(RunnerError) as caught:
        run_samples(job(setup), samples[:2], scheduler=address)
    assert caught.value.message.key == "runner.err.unreachable"
    assert address in caught.value.message.text("ja") and address in caught.value.message.text("en")
    fallback = run_samples(job(setup), samples[:2], scheduler=address, fallback_local=True)
    assert fallback.where == "serial" and fallback.tried == 2
    assert [m.key for m in fallback.notes] == ["runner.note.fallback"]


def test_a_worker_that_dies_fails_its_sample_only(setup, samples, serial) -> None:
    rows = samples.copy()
    rows[4, 0] = MARKER  # this sample's worker process exits
    result = run_samples(job(setup, DyingRescore), rows, workers=2, chunk=3)
    assert result.tried == 12 and result.failures == {FailureKind.WORKER_DIED: 1}
    failed = [r for r in result.results if r.failure is not None]
    assert [r.index for r in failed] == [4] and failed[0].failure.message.key == "runner.failure.worker_died"
    assert [a for a in answers(result) if a[0] != 4] == [a for a in answers(serial) if a[0] != 4]


def test_a_sample_that_does_not_fit_the_model_is_a_mismatch(setup, samples) -> None:
    rows = samples[:3].copy()
    rows[1, 0] = MARKER
    result = run_samples(job(setup, CostlyRescore), rows, workers=1)
    assert result.failures == {FailureKind.MISMATCH: 1} and result.results[1].status == "failed"
    assert result.results[0].has_solution and result.results[2].has_solution


def test_a_solve_out_of_time_is_counted_as_timed_out(setup, samples, monkeypatch) -> None:
    real = Resolver.solve

    def no_plan_in_time(self, values, start=None, time_limit=None):
        if values[0] == self.values_of(self_rows[1])[0]:
            empty = np.zeros(0, dtype=int)
            return Outcome("no solution", None, None, 0.0, empty, empty, 1, time_limit or 0.0)
        return real(self, values, start=start, time_limit=time_limit)

    j = job(setup)
    self_rows = [j.valuer(w) for w in samples[:3]]
    monkeypatch.setattr(Resolver, "solve", no_plan_in_time)
    result = run_samples(j, samples[:3], workers=1, solve_limit=2.0)
    assert result.failures == {FailureKind.TIMED_OUT: 1}
    assert result.results[1].failure.detail == "no plan within 2 s"


def test_cancel_stops_the_run_and_keeps_the_finished_part(setup, samples, serial) -> None:
    done: list[int] = []
    result = run_samples(
        job(setup), samples, workers=2, chunk=1, progress=lambda d, n: done.append(d), cancel=lambda: len(done) >= 3
    )
    assert result.cancelled and not result.stopped_early and 3 <= result.tried < 12
    by_index = {a[0]: a for a in answers(serial)}
    assert all(a == by_index[a[0]] for a in answers(result))  # what finished is the serial answer
    serial_cancel = run_samples(job(setup), samples, workers=1, progress=lambda d, n: None, cancel=lambda: True)
    assert serial_cancel.cancelled and serial_cancel.tried == 0


def test_the_time_budget_on_an_injected_clock_stops_a_pool(setup, samples) -> None:
    clock = StepClock(1.0)
    result = run_samples(job(setup), samples, workers=2, chunk=1, time_budget=5.0, clock=clock)
    assert result.stopped_early and not result.cancelled and result.tried < 12
    assert result.seconds == clock.now - clock.step  # measured on that clock
    one = run_samples(job(setup), samples, workers=1, time_budget=4.0, clock=StepClock(1.0))
    # readings 1 (start), then 2, 3, 4 before samples 0-2 (3, 2, 1 s left); at 5 nothing is left
    assert one.stopped_early and one.tried == 3


def test_bad_arguments_are_refused(setup, samples) -> None:
    with pytest.raises(ValueError):
        run_samples(job(setup), samples, workers=0)
    with pytest.raises(ValueError):
        run_samples(job(setup), samples, time_budget=0.0)
    with pytest.raises(ValueError):
        run_samples(job(setup), samples, chunk=0, workers=2)


def test_the_robustness_command_writes_csv_and_falls_back_only_when_asked(tmp_path, capsys, monkeypatch) -> None:
    from strategy import cli
    from strategy.scenario import Scenario

    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", 1.0)
    scenario = tmp_path / "focus.json"
    scenario.write_text(
        Scenario(name="focus", universe=Universe(focus_only=True), constraints=RULES).to_json(), "utf-8"
    )
    out = tmp_path / "robust.csv"
    argv = ["robustness", "--scenario", str(scenario), "--samples", "8", "--workers", "2", "--out", str(out)]
    assert cli.main([*argv, "--lang", "en"]) == 0, capsys.readouterr().err
    err = capsys.readouterr().err
    assert "Tried 8 of 8 samples, 8 with a plan (0 failed)" in err and "on 2 local processes" in err
    text = out.read_text("utf-8-sig").splitlines()
    assert text[0].split(",") == [
        "ISO3", "Country", "Field", "Samples chosen", "Share chosen", "In the base plan", "Mean period"
    ]  # fmt: skip
    assert len(text) > 1 and all(0.0 <= float(line.split(",")[4]) <= 1.0 for line in text[1:])
    away = [*argv, "--scheduler", "tcp://127.0.0.1:9", "--fallback-local", "--lang", "ja"]
    assert cli.main(away) == 0
    assert "このコンピューターのコアで実行しました" in capsys.readouterr().err


def test_a_cancel_in_this_process_interrupts_the_solve_in_progress(setup, samples, monkeypatch) -> None:
    # rules whose solves take seconds (a per-period budget): the cancel comes while sample 1 is being solved
    parts, base, pre = setup
    value = Rescore(*parts)
    heavy = Job(
        value(base),
        Constraints(budget=14.0, period_budget=6.0, staff=12.0, periods=2),
        SolverSettings(time_limit=60.0),
        value,
        pre,
    )
    outcomes: list[Outcome] = []
    real = Resolver.solve

    def solve(self, values, start=None, time_limit=None):
        outcomes.append(None)
        outcomes[-1] = real(self, values, start=start, time_limit=time_limit)
        return outcomes[-1]

    monkeypatch.setattr(Resolver, "solve", solve)
    result = run_samples(heavy, samples, workers=1, cancel=lambda: len(outcomes) >= 2)
    assert result.cancelled and len(outcomes) == 2
    assert outcomes[1].interrupted and not outcomes[0].interrupted
    assert [r.index for r in result.results] == [0]  # the interrupted sample is not counted as an answer
    again = run_samples(heavy, samples[:1], workers=1)  # the next run solves normally (the stop is lifted)
    assert not outcomes[-1].interrupted and answers(again) == answers(result)
