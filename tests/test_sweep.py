"""Scenario sweeps (strategy.analysis.sweep): the sweep is the same as solving each point on its own,
brute force agrees on a tiny instance, the definition is checked with messages naming the axis in
both languages, scores are computed once per (preset, method), the executor seam (serial and a
process pool) gives the same points, cancelling keeps the finished points, and a result survives JSON.
"""

from __future__ import annotations

import math
import pickle
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from strategy.analysis import sweep as sw
from strategy.analysis import sweep_io
from strategy.data.dataset import Dataset
from strategy.optimize import Constraints, SolverSettings, prerequisites_of, solve
from strategy.scenario import Scenario, evaluate
from strategy.scenario_schema import MAX_SWEEP_POINTS, Vocabulary
from strategy.scoring.financing import plan_entries
from strategy.scoring.weights import preset_ids

sys.path.insert(0, str(Path(__file__).parent))
from brute_force import brute_force  # noqa: E402

FOCUS = ("VNM", "THA", "IDN", "PHL", "MYS", "IND")
PRESETS = ("balanced", "asean_growth", "digital_gap")


@pytest.fixture(scope="module")
def base(dataset: Dataset) -> Scenario:
    """The default scenario with a small plan: six focus countries, budget 12, staff 12."""
    constraints = Constraints(budget=12.0, staff=12.0, max_countries=4)
    return replace(Scenario.default(dataset), constraints=constraints, solver=SolverSettings(time_limit=30.0))


def definition_3x3x3() -> sw.SweepDefinition:
    return sw.SweepDefinition(
        (
            sw.SweepAxis("budget", (8.0, 12.0, 16.0)),
            sw.SweepAxis("preset", PRESETS),
            sw.SweepAxis("cost_scale", (1.0, 2.0, 4.0), "VNM"),
        )
    )


def one_solve(dataset: Dataset, scenario: Scenario, point: dict, countries=FOCUS):
    """The plan at one point, the long way: score the preset, scale VNM's costs, solve."""
    weights = replace(scenario.market_weights, pillars=dict(_preset(dataset, point["preset"])))
    table = evaluate(dataset, replace(scenario, preset=point["preset"], market_weights=weights)).opportunity
    table = table[table["iso3"].isin(countries)]
    entries = plan_entries(table, dataset, cost_scale={"VNM": point["cost_scale:VNM"]})
    constraints = replace(scenario.constraints, budget=point["budget"])
    return entries, constraints, solve(entries, constraints, scenario.solver, prerequisites_of(dataset.fields))


def _preset(dataset: Dataset, preset: str) -> dict:
    rows = dataset.weight_presets[dataset.weight_presets["preset_id"] == preset]
    return dict(zip(rows["pillar"], rows["weight"].astype(float), strict=True))


def test_a_3x3x3_sweep_is_27_independent_solves(dataset: Dataset, base: Scenario):
    definition = definition_3x3x3()
    result = sw.sweep(dataset, base, definition, countries=FOCUS)
    assert definition.size == 27 and len(result.points) == 27 and not result.cancelled
    table = result.table
    assert list(table.columns[:4]) == ["point", "budget", "preset", "cost_scale:VNM"]
    for point, row in zip(definition.points(), result.points, strict=True):
        assert dict(row.values) == point
        _, _, plan = one_solve(dataset, base, point)
        assert row.status == plan.status == "optimal"
        assert row.value == pytest.approx(plan.objective, abs=1e-9)
        chosen = set(zip(plan.selection["iso3"], plan.selection["field_id"], plan.selection["period"], strict=True))
        assert set(row.chosen) == chosen
        assert set(row.binding) == set(plan.binding)
        assert row.budget_used == pytest.approx(plan.budget_used)
    # more budget never lowers the plan's value, higher VNM costs never raise it
    values = table.set_index(["preset", "cost_scale:VNM", "budget"])["value"]
    for (preset, scale), group in values.groupby(level=[0, 1]):
        assert group.is_monotonic_increasing, (preset, scale)
    for (preset, budget), group in values.groupby(level=[0, 2]):
        assert group.is_monotonic_decreasing, (preset, budget)
    # some points took a looser neighbour's optimum without a solve, and are still exact (above)
    derived = [p for p in result.points if p.derived_from is not None]
    assert derived and all(p.seconds == 0.0 for p in derived)
    frequency = result.frequency
    assert frequency["chosen"].sum() == sum(len(p.chosen) for p in result.points)
    assert frequency["share"].between(0, 1).all()


def test_brute_force_agrees_on_a_tiny_instance(dataset: Dataset):
    """Three countries × three fields, two periods with a per-period budget: every assignment checked."""
    keep = ("broadband_mobile", "cybersecurity", "egov_digital_id")
    constraints = Constraints(
        budget=6.0,
        period_budget=4.0,
        staff=8.0,
        periods=2,
        exclude_fields=tuple(f for f in dataset.fields.index if f not in keep),
    )
    scenario = replace(Scenario.default(dataset), constraints=constraints)
    definition = sw.SweepDefinition(
        (
            sw.SweepAxis("budget", (3.0, 6.0, 9.0)),
            sw.SweepAxis("time_preference", (0.5, 1.0)),
            sw.SweepAxis("cost_scale", (1.0, 2.0), "asean"),
        )
    )
    countries = ("VNM", "IND", "PHL")
    result = sw.sweep(dataset, scenario, definition, countries=countries)
    table = evaluate(dataset, scenario).opportunity
    table = table[table["iso3"].isin(countries)]
    asean = set(dataset.countries.index[dataset.countries["is_asean"] == 1])
    for point, row in zip(definition.points(), result.points, strict=True):
        scale = {k: point["cost_scale:asean"] for k in countries if k in asean}
        entries = plan_entries(table, dataset, cost_scale=scale)
        c = replace(constraints, budget=point["budget"], time_preference=point["time_preference"])
        best, picked = brute_force(entries, c, prerequisites_of(dataset.fields))
        assert row.value == pytest.approx(best, abs=1e-6), point
        assert len(row.chosen) == len(picked)


def test_scores_once_per_preset_and_method(dataset: Dataset, base: Scenario, monkeypatch: pytest.MonkeyPatch):
    calls = []
    original = sw.evaluate

    def counted(ds, scenario):
        calls.append((scenario.preset, scenario.settings.method))
        return original(ds, scenario)

    monkeypatch.setattr(sw, "evaluate", counted)
    definition = sw.SweepDefinition(
        (
            sw.SweepAxis("budget", (8.0, 12.0, 16.0, 20.0)),
            sw.SweepAxis("preset", PRESETS[:2]),
            sw.SweepAxis("method", ("weighted_sum", "topsis")),
        )
    )
    tasks = sw.sweep_tasks(dataset, base, definition, countries=FOCUS)
    assert len(tasks) == 16
    assert sorted(calls) == sorted({(p, m) for p in PRESETS[:2] for m in ("weighted_sum", "topsis")})
    pickle.loads(pickle.dumps(tasks[0]))  # plain data: a process pool can take it


def test_too_many_points_refused_before_any_work(dataset: Dataset, base: Scenario, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sw, "evaluate", lambda *a: pytest.fail("scored before the limit was checked"))
    values = tuple(float(v) for v in range(26))
    definition = sw.SweepDefinition((sw.SweepAxis("budget", values), sw.SweepAxis("staff", values)))
    with pytest.raises(sw.SweepError) as error:
        sw.sweep_tasks(dataset, base, definition)
    assert error.value.messages("en")[0] == (
        f"The sweep has 676 points; at most {MAX_SWEEP_POINTS} are solved in one sweep. Use fewer values."
    )
    assert error.value.messages("ja")[0] == (
        f"スイープの点が 676 個あります。一度に解けるのは {MAX_SWEEP_POINTS} 点までです。値の数を減らしてください。"
    )


@pytest.mark.parametrize(
    ("axis", "en", "ja"),
    [
        (sw.SweepAxis("budget", ()), "Budget: no values given.", "予算: 値がありません。"),
        (
            sw.SweepAxis("budget", (10.0, -5.0)),
            "Budget: must be from 0 to 1000 (given: -5).",
            "予算: 0〜1000 の範囲で指定してください（指定値: -5）。",
        ),
        (
            sw.SweepAxis("preset", ("balanced", "bold")),
            "Weight preset: there is no preset 'bold' (known: {presets}).",
            "重みプリセット: プリセット「bold」はありません（あるもの: {presets}）。",
        ),
        (
            sw.SweepAxis("cost_scale", (1.0, 2.0), "Atlantis"),
            "Cost multiplier (Atlantis): 'Atlantis' is not a country (ISO3 code), a country group (such as asean) "
            "or a region (such as Asia).",
            "費用倍率（Atlantis）: 「Atlantis」は国（ISO3 コード）、国グループ（asean など）、地域（Asia など）のいずれでもありません。",
        ),
        (
            sw.SweepAxis("time_preference", (0.0,)),
            "Time preference (discount): must be more than 0 and at most 1 (given: 0).",
            "時間選好（割引率）: 0 より大きく 1 以下で指定してください（指定値: 0）。",
        ),
        (
            sw.SweepAxis("staff", (5.0, 5.0)),
            "Staff: the value 5 is given more than once.",
            "人員: 値 5 が 2 回以上指定されています。",
        ),
    ],
)
def test_validation_names_the_axis_in_both_languages(dataset: Dataset, axis: sw.SweepAxis, en: str, ja: str):
    presets = ", ".join(preset_ids(dataset))
    with pytest.raises(sw.SweepError) as error:
        sw.check_definition(sw.SweepDefinition((axis,)), Vocabulary.from_dataset(dataset), preset_ids(dataset))
    assert error.value.messages("en") == [en.format(presets=presets)]
    assert error.value.messages("ja") == [ja.format(presets=presets)]


def test_parsing_values_and_ranges():
    assert sweep_io.parse_values("budget", "20, 30,40") == (20.0, 30.0, 40.0)
    assert sweep_io.parse_values("budget", "10:50:10") == (10.0, 20.0, 30.0, 40.0, 50.0)
    assert sweep_io.parse_values("time_preference", "0.9:1:0.05") == (0.9, 0.95, 1.0)
    assert sweep_io.parse_values("preset", "balanced,digital_gap") == ("balanced", "digital_gap")
    cases = {
        "50:10:5": (
            "Budget: the range '50:10:5' is empty (its stop is below its start).",
            "予算: 範囲「50:10:5」は空です（終了が開始より小さい）。",
        ),
        "1:2:0": ("Budget: the step of the range '1:2:0' must be more than zero.", None),
        "20,abc": ("Budget: 'abc' is not a number.", "予算: 「abc」は数値ではありません。"),
        " , ": ("Budget: no values given.", None),
        "0:1e9:1": (
            f"The sweep has 1,000,000,001+ points; at most {MAX_SWEEP_POINTS} are solved in one sweep. Use fewer values.",
            None,
        ),
    }
    for text, (en, ja) in cases.items():
        with pytest.raises(sw.SweepError) as error:
            sweep_io.parse_values("budget", text)
        assert error.value.messages("en") == [en]
        if ja:
            assert error.value.messages("ja") == [ja]
    vocabulary = Vocabulary.from_folder()
    assert sweep_io.parse_cost_axis("vnm=1,2", vocabulary) == sw.SweepAxis("cost_scale", (1.0, 2.0), "VNM")
    assert sweep_io.parse_cost_axis("ASEAN=1.5", vocabulary).target == "asean"
    assert sweep_io.parse_cost_axis("asia=2", vocabulary).target == "Asia"
    with pytest.raises(sw.SweepError, match="write 'VNM' as TARGET=values"):
        sweep_io.parse_cost_axis("VNM", vocabulary)


def test_process_pool_cancel_progress_and_json(dataset: Dataset, base: Scenario):
    definition = sw.SweepDefinition((sw.SweepAxis("budget", (6.0, 10.0, 14.0, 18.0)),))
    tasks = sw.sweep_tasks(dataset, base, definition, countries=FOCUS)
    serial = sw.run_sweep(definition, tasks)
    with sw.process_map(2) as pool:
        pooled = sw.run_sweep(definition, tasks, map=pool, reuse=False)
        again = sw.run_sweep(definition, tasks, map=pool)  # the same workers, a second time
    assert [p.value for p in again.points] == [p.value for p in serial.points]
    assert [(p.index, p.value, p.chosen) for p in pooled.points] == [
        (p.index, p.value, p.chosen) for p in serial.points
    ]

    seen: list[tuple[int, int]] = []
    stop = sw.run_sweep(
        definition, tasks, progress=lambda done, total, point: seen.append((done, total)), cancel=lambda: len(seen) >= 2
    )
    assert seen == [(1, 4), (2, 4)]
    assert stop.cancelled and len(stop.points) == 2 and stop.requested == 4
    assert stop.table["budget"].tolist() == [14.0, 18.0]  # the loosest first

    back = sweep_io.result_from_json(sweep_io.result_to_json(serial))
    assert back.definition == definition and back.requested == 4
    assert [(p.value, p.chosen, p.binding, p.status) for p in back.points] == [
        (p.value, p.chosen, p.binding, p.status) for p in serial.points
    ]
    assert back.frequency.equals(serial.frequency)
    with pytest.raises(ValueError):
        sweep_io.result_from_json('{"format": 99}')


def test_infeasible_points_are_kept_with_their_status(dataset: Dataset, base: Scenario):
    scenario = replace(base, constraints=replace(base.constraints, must_countries=("VNM", "THA", "IDN")))
    definition = sw.SweepDefinition((sw.SweepAxis("budget", (1.0, 30.0)),))
    result = sw.sweep(dataset, scenario, definition, countries=FOCUS)
    assert [p.status for p in result.points] == ["infeasible", "optimal"]
    assert math.isnan(result.table["value"].iloc[0]) and result.solved == 1
    frame = sweep_io.points_frame(result, "en")
    assert frame["Status"].tolist() == ["infeasible", "optimal"]


def test_the_same_problem_is_solved_once(dataset: Dataset, base: Scenario):
    """Without a per-period budget the periods collapse to one and the time preference changes nothing:
    each budget is solved once, the other preferences take that plan, and each still equals its own solve."""
    definition = sw.SweepDefinition(
        (sw.SweepAxis("time_preference", (0.8, 0.9, 1.0)), sw.SweepAxis("budget", (8.0, 12.0)))
    )
    result = sw.sweep(dataset, base, definition, countries=FOCUS)
    assert len([p for p in result.points if p.derived_from is None]) == 2
    table = evaluate(dataset, base).opportunity
    entries = plan_entries(table[table["iso3"].isin(FOCUS)], dataset)
    for point, row in zip(definition.points(), result.points, strict=True):
        constraints = replace(base.constraints, **point)
        plan = solve(entries, constraints, base.solver, prerequisites_of(dataset.fields))
        assert row.value == pytest.approx(plan.objective, abs=1e-9), point
    per_period = replace(base, constraints=replace(base.constraints, period_budget=5.0))
    again = sw.sweep(dataset, per_period, definition, countries=FOCUS)
    assert len([p for p in again.points if p.derived_from is None]) >= 5  # a real schedule: the preference counts


def test_a_pool_larger_than_a_swept_budget_is_refused(dataset: Dataset, base: Scenario):
    scenario = replace(base, constraints=replace(base.constraints, pool_budget={"yen_loan": 15.0}))
    definition = sw.SweepDefinition((sw.SweepAxis("budget", (10.0, 20.0)),))
    with pytest.raises(sw.SweepError) as error:
        sw.sweep_tasks(dataset, scenario, definition)
    assert error.value.messages("en") == [
        "Budget: The funding pool (15) is larger than the total budget (10). Give a pool no larger than the budget."
    ]
    tasks = sw.sweep_tasks(
        dataset, scenario, replace(definition, axes=(sw.SweepAxis("budget", (16.0, 20.0)),)), countries=FOCUS
    )
    assert "route" in tasks[0].entries.table.columns  # the Plan page's entries, with their financing route
