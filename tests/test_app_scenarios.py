"""The Scenarios & exports page, headless with AppTest, on a throwaway SQLite store.

Save then load restores the settings and the scores; a stale save gets a conflict message and does
not overwrite; a bad JSON import lists the problems by path in the chosen language; rename,
duplicate and delete work; comparing shows rank shifts; exports are offered.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from apptest_helpers import assert_clean, open_app
from streamlit.testing.v1 import AppTest

from strategy.data.dataset import Dataset
from strategy.i18n import LANGS
from strategy.scenario import Scenario, evaluate
from strategy.store import ENV_URL, ScenarioStore, sqlite_url
from ui.scenario_state import read_import
from ui.texts import t

PAGE = "ui/pages/scenarios.py"


pytestmark = pytest.mark.usefixtures("bundled_data")


@pytest.fixture(autouse=True)
def _store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = sqlite_url(tmp_path / "scenarios.sqlite")
    monkeypatch.setenv(ENV_URL, url)
    return url


def start(lang: str = "en") -> AppTest:
    return open_app(PAGE, lang, timeout=120)


def save_as(at: AppTest, name: str) -> AppTest:
    at.text_input(key="scn_name").set_value(name)
    at.button(key="scn_save").click()
    return at.run()


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_with_exports_in_both_languages(lang: str) -> None:
    at = start(lang)
    assert_clean(at)
    assert at.title[0].value == t("ui.page.scenarios", lang)
    buttons = [b.proto.label for b in at.get("download_button")]
    for key in ("ui.scn.download_json", "ui.scn.csv_markets", "ui.scn.csv_pairs", "ui.scn.excel", "ui.deck.plan"):
        assert t(key, lang) in buttons
    country = at.selectbox(key="scn_brief_country")
    assert t("ui.deck.country", lang, country=country.format_func(country.value)) in buttons
    assert t("ui.scn.none_saved", lang) in [i.value for i in at.info]


def test_save_then_load_restores_weights_and_scores(_store: str, dataset: Dataset) -> None:
    at = start()
    at.slider(key="sc_w_growth").set_value(4.0).run()
    at.slider(key="sc_age_discount").set_value(0.2).run()
    at = save_as(at, "Growth first")
    assert_clean(at)
    assert t("ui.scn.saved", "en", name="Growth first", version=1) in [s.value for s in at.success]
    with ScenarioStore(_store) as store:
        saved, version = store.load("Growth first")
    assert version == 1 and saved.market_weights.pillars["growth"] == 4.0
    assert saved.settings.age_discount == 0.2
    # move the weights away, then load the saved scenario: the sliders and the scores come back
    at.slider(key="sc_w_growth").set_value(0.5).run()
    at.slider(key="sc_age_discount").set_value(0.0).run()
    at.selectbox(key="scn_chosen").set_value("Growth first")
    at.button(key="scn_load").click().run()
    assert_clean(at)
    assert at.session_state["sc_w_growth"] == 4.0
    assert at.session_state["sc_age_discount"] == 0.2
    at.switch_page("ui/pages/markets.py").run()
    assert_clean(at)
    shown = next(df.value for df in at.dataframe if "ISO3" in df.value.columns)
    expected = evaluate(dataset, saved).market.table()
    assert list(shown["ISO3"].head(10)) == list(expected.index[:10])


def test_weights_off_the_slider_steps_are_used_exactly(_store: str, dataset: Dataset) -> None:
    """A scenario from the CLI or an AHP session has weights the 0.5-step sliders cannot hold; loaded,
    the app scores with those weights exactly (what `python -m strategy rank` gives for the file),
    saves them back unchanged, and only rounds them if the planner switches to the sliders."""
    exact = {"size": 0.37, "growth": 0.21, "income": 0.13, "digital": 0.11, "business": 0.09, "stability": 0.06}
    exact |= {"need": 0.0, "ties": 0.03}
    base = Scenario(name="From the CLI")
    scenario = Scenario(**{**base.__dict__, "market_weights": replace(base.market_weights, pillars=exact)})
    with ScenarioStore(_store) as store:
        store.save(scenario, None)
    at = start()
    at.selectbox(key="scn_chosen").set_value("From the CLI")
    at.button(key="scn_load").click().run()
    assert_clean(at)
    assert t("ui.scn.note.exact", "en") in at.success[0].value
    assert at.session_state["sc_weight_mode"] == "scenario"
    # saved again from the session: the very same weights
    at = save_as(at, "From the CLI, again")
    with ScenarioStore(_store) as store:
        again, _ = store.load("From the CLI, again")
    assert again.market_weights.pillars == exact
    # the ranking is the library's for the file, to the last digit
    expected = evaluate(dataset, scenario).market.score
    at.switch_page("ui/pages/markets.py").run()
    assert_clean(at)
    shown = next(df.value for df in at.dataframe if "ISO3" in df.value.columns).set_index("ISO3")
    score = shown[t("ui.mk.col.score", "en")]
    assert score.to_numpy() == pytest.approx(expected.reindex(score.index).to_numpy(), rel=1e-12, abs=1e-12)
    assert t("ui.sc.weights_from_scenario", "en") in at.caption[0].value
    # switching to the sliders uses their nearest steps: other scores (and the scenario mode stays on offer)
    at.sidebar.radio(key="sc_weight_mode").set_value("sliders").run()
    assert_clean(at)
    rounded = next(df.value for df in at.dataframe if "ISO3" in df.value.columns).set_index("ISO3")
    assert not np.allclose(rounded[t("ui.mk.col.score", "en")].reindex(score.index), score, rtol=0, atol=1e-9)
    assert t("ui.sc.weight_mode.scenario", "en") in at.sidebar.radio(key="sc_weight_mode").options


@pytest.mark.parametrize("lang", LANGS)
def test_stale_save_gets_a_conflict_and_overwrites_nothing(lang: str, _store: str) -> None:
    at = save_as(start(lang), "Shared")
    with ScenarioStore(_store) as store:  # a colleague saves version 2 meanwhile
        theirs, version = store.load("Shared")
        store.save(Scenario(**{**theirs.__dict__, "preset": "colleague"}), version)
    at.slider(key="sc_w_size").set_value(3.0).run()
    at.button(key="scn_save").click().run()
    assert [e.value for e in at.error] == [t("store.err.conflict", lang, name="Shared", expected=1, current=2)]
    assert t("ui.scn.conflict_next", lang, name="Shared") in [w.value for w in at.warning]
    with ScenarioStore(_store) as store:
        kept, version = store.load("Shared")
    assert version == 2 and kept.preset == "colleague"  # theirs, untouched
    at.button(key="scn_load_newer").click().run()
    assert_clean(at)
    assert at.session_state["scn_loaded"] == {"name": "Shared", "version": 2}


@pytest.mark.parametrize("lang", LANGS)
def test_bad_json_import_names_the_file_and_each_path(lang: str, dataset: Dataset) -> None:
    data = json.loads(Scenario.default(dataset).to_json())
    data["settings"]["normalisation"] = "magic"
    data["constraints"]["budget"] = "lots"
    scenario, problems = read_import(json.dumps(data).encode(), "team.json", lang)
    assert scenario is None
    assert problems[0] == t("ui.scn.import_bad", lang, file="team.json")
    assert any("settings.normalisation" in m and "magic" in m for m in problems[1:])
    assert any("constraints.budget" in m for m in problems[1:])
    _, broken = read_import(b"{not json", "broken.json", lang)
    assert len(broken) == 2 and "broken.json" in broken[0]
    good, none = read_import(Scenario.default(dataset, "ok").to_json().encode(), "ok.json", lang)
    assert none == [] and good is not None and good.name == "ok"


def test_rename_duplicate_delete(_store: str) -> None:
    at = save_as(start(), "Alpha")
    at.selectbox(key="scn_chosen").set_value("Alpha")
    at.text_input(key="scn_new_name").set_value("Beta")
    at.button(key="scn_rename").click().run()
    assert_clean(at)
    with ScenarioStore(_store) as store:
        assert store.names() == ["Beta"]
    at.selectbox(key="scn_chosen").set_value("Beta")
    at.text_input(key="scn_new_name").set_value("Gamma")
    at.button(key="scn_duplicate").click().run()
    with ScenarioStore(_store) as store:
        assert store.names() == ["Beta", "Gamma"]
    at.selectbox(key="scn_chosen").set_value("Gamma")
    assert at.button(key="scn_delete").disabled  # needs the confirmation first
    at.checkbox(key="scn_delete_sure").check().run()
    at.button(key="scn_delete").click().run()
    assert_clean(at)
    with ScenarioStore(_store) as store:
        assert store.names() == ["Beta"]


def test_compare_shows_rank_shifts_and_plan_differences() -> None:
    at = save_as(start(), "Balanced")
    at.selectbox(key="preset").set_value("asean_growth").run()
    at.multiselect(key="scn_compare").set_value([0, 1]).run()  # the current one and the saved one

    assert_clean(at)
    assert t("ui.scn.slope_title", "en", n=10) in [s.value for s in at.subheader]
    caption = next(c.value for c in at.caption if "change rank" in c.value)
    assert not caption.startswith("0 countries")  # another preset moves countries
    at.button(key="scn_plans_run").click().run()
    assert_clean(at)
    assert any("in_all" in d.value.columns for d in at.dataframe)
