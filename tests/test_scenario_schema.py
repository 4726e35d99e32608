"""The scenario schema (``strategy/scenario_schema.py``): its ranges are the app's widgets' (a
scenario at either end of every range opens on the pages without an exception), its ids are the
data's, and its limits are checked without recursion."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import pandas as pd
import pytest
from apptest_helpers import assert_clean, open_app

from strategy import scenario_schema as schema
from strategy.data.dataset import Dataset
from strategy.scenario import Scenario, ScenarioError
from strategy.store import ENV_URL, sqlite_url


def _edge(dataset: Dataset, high: bool) -> dict:
    """A scenario with every ranged value at the top (or bottom) of its range."""
    top = dataset.latest_year
    pick = (lambda lo, hi: hi) if high else (lambda lo, hi: lo)  # noqa: E731
    return {
        "name": "x" * schema.NAME_MAX if high else "x",
        "universe": {"include": ["NRU"]},
        "settings": {
            "reference_year": pick(top - schema.YEARS_BACK, top),
            "max_age": pick(1, 15),
            "winsor": pick(0.0, 0.1),
            "min_coverage": pick(0.0, 1.0),
            "age_discount": pick(0.0, 0.9),
        },
        "market_weights": {"pillars": {"size": pick(0.001, 1000.0), "income": 1.0}, "indicators": {"gdp_usd": 0.0}},
        "fit_weights": {"need": pick(0.05, 1.0), "readiness": pick(0.0, 1.0), "strength": pick(0.0, 1.0)},
        "opportunity_weights": {"market": pick(0.05, 1.0), "fit": pick(0.0, 1.0), "position": pick(0.0, 1.0)},
        "presence_default": pick(0.0, 1.0),
        "white_space_threshold": pick(0.0, 1.0),
        "japan_strength": {"digital_tv": pick(0.0, 1.0)},
        "constraints": {
            "budget": pick(0.0, 1000.0),
            "period_budget": pick(0.0, 1000.0),
            "staff": pick(0.0, 1000.0),
            "max_countries": pick(1, 250),
            "periods": pick(1, 5),
            "max_rival_gap": pick(0.0, 2.0),
            "open_cost": pick(0.0, 100.0),
            "package_bonus": pick(0.0, 1.0),
        },
        "solver": {"time_limit": pick(1.0, 300.0), "gap": pick(0.0, 0.1)},
        "cost_scale": {"VNM": pick(0.1, 10.0)},
    }


def test_winsor_choices_are_the_sidebars() -> None:
    from ui.settings import WINSOR_OPTIONS

    assert schema.WINSOR_CHOICES == WINSOR_OPTIONS


def test_vocabulary_from_the_folder_is_the_datasets(dataset: Dataset) -> None:
    assert schema.Vocabulary.from_folder() == schema.Vocabulary.from_dataset(dataset)


@pytest.mark.parametrize("high", [False, True])
def test_both_ends_of_every_range_are_accepted(dataset: Dataset, high: bool) -> None:
    scenario = Scenario.from_dict(_edge(dataset, high))
    assert Scenario.from_json(scenario.to_json()) == scenario


def test_just_outside_is_refused_with_path_range_and_value(dataset: Dataset) -> None:
    body = _edge(dataset, True)
    body["constraints"]["budget"] = 1000.5
    body["settings"]["age_discount"] = 1.0
    body["presence_default"] = -0.01
    error = pytest.raises(ScenarioError, Scenario.from_dict, body).value
    assert error.messages("en") == [
        "Scenario field 'settings.age_discount': must be from 0 to 0.9 (given: 1).",
        "Scenario field 'presence_default': must be from 0 to 1 (given: -0.01).",
        "Scenario field 'constraints.budget': must be from 0 to 1000 (given: 1000.5).",
    ]
    assert "constraints.budget" in error.messages("ja")[2] and "0〜1000" in error.messages("ja")[2]


def test_no_value_is_clamped_or_dropped() -> None:
    body = {"universe": {"include": ["VNM", "ZZZ"]}, "cost_scale": {"VNM": 50}}
    error = pytest.raises(ScenarioError, Scenario.from_dict, body).value
    assert [p for p, _, _ in error.problems] == ["universe.include[1]", "cost_scale.VNM"]


def test_every_non_finite_number_is_found_wherever_it_is() -> None:
    text = '{"constraints": {"budget": NaN, "time_preference": -Infinity}, "market_weights": {"pillars": {"size": Infinity}}}'
    error = pytest.raises(ScenarioError, Scenario.from_json, text).value
    found = {p: v["value"] for p, k, v in error.problems if k == "schema.err.not_finite"}
    assert found == {
        "constraints.budget": "NaN",
        "constraints.time_preference": "-Infinity",
        "market_weights.pillars.size": "Infinity",
    }


def test_many_problems_are_capped_with_a_count() -> None:
    body = {"universe": {"include": [f"Z{i:02d}" for i in range(80)]}, "constraints": {"must_countries": ["XXX"] * 5}}
    error = pytest.raises(ScenarioError, Scenario.from_dict, body).value
    assert len(error.problems) == schema.MAX_PROBLEMS + 1
    assert error.messages("en")[-1] == "… and 35 more problems."


def test_depth_is_counted_outside_strings() -> None:
    deep_text = json.dumps({"name": "[" * 500})  # brackets in a text do not nest
    assert schema.scan_text(deep_text) == []
    assert schema.scan_text("[" * 21 + "]" * 21)[0][1] == "schema.err.too_deep"


def test_option_ranges_follow_the_schema() -> None:
    assert schema.rule("constraints.budget").check("--budget", math.inf, None) == []  # the scan says so
    assert schema.rule("solver.time_limit").check("--time-limit", 0.5, None)[0][1] == "schema.err.range"


@pytest.mark.usefixtures("bundled_data")
@pytest.mark.parametrize("high", [False, True])
def test_a_scenario_at_the_edges_opens_on_every_page(
    dataset: Dataset, high: bool, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_URL, sqlite_url(tmp_path / "store.sqlite"))
    body = json.dumps(_edge(dataset, high)).encode()
    at = open_app("ui/pages/scenarios.py", "en", timeout=120)
    at.file_uploader(key="scn_import").set_value(("edge.json", body, "application/json")).run()
    assert_clean(at)
    at.button(key="scn_import_apply").click().run()
    assert_clean(at)
    for page in ("ui/pages/plan.py", "ui/pages/markets.py", "ui/pages/fields.py", "ui/pages/sensitivity.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_ids_come_from_the_data_the_scenario_runs_on(dataset: Dataset) -> None:
    """A session's upload adds an indicator and a year: the app checks against its own data."""
    catalog = dataset.catalog.copy()
    catalog.loc["my_indicator"] = catalog.iloc[0]
    extra = dataset.indicators.iloc[:1].assign(indicator="my_indicator", year=dataset.latest_year + 1)
    uploaded = replace(dataset, catalog=catalog, indicators=pd.concat([dataset.indicators, extra]))
    body = {
        "market_weights": {"indicators": {"my_indicator": 2.0}},
        "settings": {"reference_year": uploaded.latest_year},
    }
    refused = pytest.raises(ScenarioError, Scenario.from_dict, body).value
    assert [p for p, _, _ in refused.problems] == ["settings.reference_year", "market_weights.indicators.my_indicator"]
    accepted = Scenario.from_dict(body, schema.Vocabulary.from_dataset(uploaded))
    assert accepted.market_weights.indicators == {"my_indicator": 2.0}
