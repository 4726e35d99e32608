"""Scenarios: JSON round trip, validation with paths, and evaluation."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from strategy.data.dataset import Dataset
from strategy.scenario import Scenario, ScenarioError, evaluate
from strategy.scoring import Settings, Universe


def test_round_trip_is_exact(dataset: Dataset):
    scenario = replace(
        Scenario.default(dataset, "ASEAN 2027"),
        universe=Universe(memberships=("asean",), include=("IND",)),
        settings=Settings(method="topsis", normalisation="vector"),
        japan_strength={"digital_tv": 0.9},
        cost_scale={"SGP": 1.6, "LAO": 0.8},
    )
    again = Scenario.from_json(scenario.to_json())
    assert again == scenario
    pd_a, pd_b = evaluate(dataset, scenario).opportunity, evaluate(dataset, again).opportunity
    assert pd_a.equals(pd_b)


def test_validation_names_each_bad_path(dataset: Dataset):
    data = json.loads(Scenario.default(dataset).to_json())
    data["settings"]["normalisation"] = "magic"
    data["settings"]["max_age"] = "five"
    data["constraints"]["budget"] = "lots"
    data["colour"] = "blue"
    with pytest.raises(ScenarioError) as info:
        Scenario.from_dict(data)
    paths = {p for p, _, _ in info.value.problems}
    assert paths == {"settings.normalisation", "settings.max_age", "constraints.budget", "colour"}
    ja = info.value.messages("ja")
    assert any("settings.normalisation" in m and "magic" in m for m in ja)
    assert any("constraints.budget" in m and "数値" in m for m in ja)


def test_bad_json_and_inconsistent_settings(dataset: Dataset):
    with pytest.raises(ScenarioError):
        Scenario.from_json("{not json")
    data = json.loads(Scenario.default(dataset).to_json())
    data["settings"].update(method="weighted_product", normalisation="zscore")
    with pytest.raises(ScenarioError) as info:
        Scenario.from_dict(data)
    assert [p[:2] for p in info.value.problems] == [("settings.normalisation", "schema.err.product_zscore")]


def test_japan_strength_override_changes_fit(dataset: Dataset):
    base = Scenario.default(dataset)
    stronger = replace(base, japan_strength={"fintech_payments": 1.0})
    a = evaluate(dataset, base).fit.fit["fintech_payments"]
    b = evaluate(dataset, stronger).fit.fit["fintech_payments"]
    assert (b > a)[a.notna()].all() and a.notna().sum() > 100


def test_cost_scale_must_be_numbers_by_country(dataset: Dataset):
    data = json.loads(Scenario.default(dataset).to_json())
    data["cost_scale"] = {"SGP": "dear"}
    with pytest.raises(ScenarioError) as info:
        Scenario.from_dict(data)
    assert [p for p, _, _ in info.value.problems] == ["cost_scale.SGP"]
