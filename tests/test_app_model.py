"""The model in the app: the sidebar's model choice (export potential by default, the earlier
weighted means on request), which model a scenario uses, "why is this pair not ranked?", the basis
of each rival presence, and the export potential's factors beside the score (and in the exports)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from apptest_helpers import assert_clean, open_app, plotly_values
from apptest_helpers import charts as plotly_specs
from streamlit.testing.v1 import AppTest

from strategy import export
from strategy.data.dataset import Dataset
from strategy.i18n import LANGS
from strategy.scenario import Scenario, evaluate
from strategy.scoring import FitWeights, OpportunityWeights
from strategy.store import ENV_URL, ScenarioStore, sqlite_url
from ui.texts import t
from ui.views.factors import demand_usd_text, factor_columns

FIELDS = "ui/pages/fields.py"
COMPETITORS = "ui/pages/competitors.py"
SCENARIOS = "ui/pages/scenarios.py"

pytestmark = pytest.mark.usefixtures("bundled_data")


def _alerts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("info", "success") for e in getattr(at, kind)).replace("\\", "")


def _best(at: AppTest, lang: str = "en") -> pd.DataFrame:
    """The best-markets table of the Fields page's field profile."""
    return next(d.value for d in at.dataframe if t("ui.fd.col.opportunity", lang) in d.value.columns)


# --- the model choice -------------------------------------------------------------------------


def test_the_model_defaults_to_export_potential_and_the_weighted_mean_changes_the_ranking() -> None:
    at = open_app(FIELDS, "en")
    at.segmented_control(key="fields_section").set_value("profile").run()
    assert_clean(at)
    assert at.radio(key="sc_opp_rule").value == "potential"
    assert at.session_state["sc_fit_rule"] == "geometric"
    keys = {s.key for s in at.sidebar.slider}
    assert {"sc_opp_environment", "sc_opp_market", "sc_opp_position", "sc_fit_need"} <= keys
    assert "sc_opp_fit" not in keys  # potential does not use the fit weight
    before = _best(at)
    assert t("ui.fx.demand", "en") in before.columns and t("ui.fx.access", "en") in before.columns
    at.radio(key="sc_opp_rule").set_value("sum").run()
    assert_clean(at)
    assert at.session_state["sc_fit_rule"] == "sum"
    keys = {s.key for s in at.sidebar.slider}
    assert "sc_opp_fit" in keys and "sc_opp_environment" not in keys
    after = _best(at)
    country = t("ui.col.country", "en")
    opportunity = t("ui.fd.col.opportunity", "en")
    assert list(before[country]) != list(after[country]) or not np.allclose(before[opportunity], after[opportunity])
    assert t("ui.sc.model_earlier", "en") in [c.value for c in at.sidebar.caption]
    assert at.session_state["sc_opp_environment"] == pytest.approx(0.2)  # a hidden weight keeps its value


# --- why is this pair not ranked? ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_fields_page_explains_why_vietnam_digital_tv_is_not_ranked(lang: str, bundled: Dataset) -> None:
    at = open_app(FIELDS, lang)
    at.session_state["fields_why_open"] = True  # the expander's content is built only while it is open
    at.run()
    at.selectbox(key="fields_why_country").set_value("VNM").run()
    at.selectbox(key="fields_why_field").set_value("digital_tv").run()
    assert_clean(at)
    text = _alerts(at)
    gate = bundled.field_gates.set_index("gate_id").loc["other_standard"]
    assert t("ui.gt.not_ranked", lang, country="", field="").split("**")[-1].strip() in text
    assert t("ui.gt.gate.other_standard", lang) in text
    assert "DVB-T2" in text and t("ui.gt.what.standard", lang) in text
    rationale = gate["rationale_ja"] if lang == "ja" else gate["rationale"]
    assert rationale[:30] in text
    # gated cells in the heatmap: a grey layer with '×' and the gate in the hover text
    layers = plotly_specs(at)[0]["data"]
    assert len(layers) == 2 and "×" in json.dumps(layers[1]["text"], ensure_ascii=False)
    assert t("ui.gt.hover.closed", lang, gate=t("ui.gt.gate.other_standard", lang)) in json.dumps(
        layers[1]["customdata"], ensure_ascii=False
    )


def test_fields_page_explains_austria_submarine_cables(bundled: Dataset) -> None:
    at = open_app(FIELDS, "en")
    at.session_state["fields_why_open"] = True
    at.run()
    at.selectbox(key="fields_why_country").set_value("AUT").run()
    at.selectbox(key="fields_why_field").set_value("submarine_cable").run()
    assert_clean(at)
    text = _alerts(at)
    assert "Austria" in text and t("ui.gt.gate.coast_or_landing", "en") in text
    # either the gate closes it (coastline and landings measured) or says it could not be checked
    assert "is not ranked" in text or "could not be checked" in text


# --- the basis of each presence ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_competitors_page_labels_the_basis_of_every_presence(lang: str) -> None:
    at = open_app(COMPETITORS, lang)
    at.segmented_control(key="competitors_section").set_value("evidence").run()
    at.selectbox(key="competitors_country").set_value("CHN").run()
    assert_clean(at)
    basis = t("ui.bs.col.basis", lang)
    table = next(d.value for d in at.dataframe if basis in d.value.columns)
    labels = {t(k, lang) for k in ("ui.cp.measured", "ui.cp.home_market", "ui.cp.assumed")}
    assert set(table[basis]) <= labels
    assert t("ui.cp.home_market", lang) in set(table[basis])  # China's own market
    measured = table[table[basis] == t("ui.cp.measured", lang)]
    assert len(measured) and (measured[t("ui.bs.col.source", lang)] != "").any()


# --- which model a scenario uses ---------------------------------------------------------------------


def test_an_earlier_model_scenario_says_so_when_imported_and_applied(dataset: Dataset) -> None:
    body = Scenario.default(dataset, "old").to_dict()
    body["schema"] = 1
    for part in ("opportunity_weights", "fit_weights"):
        body[part].pop("rule")
    at = open_app(SCENARIOS, "en", timeout=120)
    at.file_uploader(key="scn_import").set_value(("old.json", json.dumps(body).encode(), "application/json")).run()
    assert_clean(at)
    info = t("ui.scn.earlier_model", "en", model=t("ui.sc.model.sum", "en"))
    assert info in [i.value for i in at.info]
    at.button(key="scn_import_apply").click().run()
    assert_clean(at)
    assert info in [i.value for i in at.info]
    assert at.radio(key="sc_opp_rule").value == "sum" and at.session_state["sc_fit_rule"] == "sum"
    at.radio(key="sc_opp_rule").set_value("potential").run()
    assert at.session_state["sc_fit_rule"] == "geometric"


def test_saved_scenarios_list_their_model(dataset: Dataset, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "scenarios.sqlite")
    monkeypatch.setenv(ENV_URL, url)
    store = ScenarioStore(url)
    store.save(Scenario.default(dataset, "new"), None)
    old = replace(
        Scenario.default(dataset, "old"),
        opportunity_weights=OpportunityWeights(rule="sum"),
        fit_weights=FitWeights(rule="sum"),
    )
    store.save(old, None)
    at = open_app(SCENARIOS, "ja", timeout=120)
    assert_clean(at)
    listing = next(d.value for d in at.dataframe if "model" in d.value.columns).set_index("name")
    assert listing.loc["new", "model"] == t("ui.sc.model.potential", "ja")
    assert listing.loc["old", "model"] == t("ui.sc.model.sum", "ja")
    compared = [c.value for c in at.caption if t("ui.scn.models_compared", "ja", items="")[:8] in c.value]
    assert compared and t("ui.sc.model.potential", "ja") in compared[0]  # the current and the first saved
    at.selectbox(key="scn_chosen").set_value("old").run()
    at.button(key="scn_load").click().run()
    assert t("ui.scn.earlier_model", "ja", model=t("ui.sc.model.sum", "ja")) in [i.value for i in at.info]


# --- factors beside the score -----------------------------------------------------------------------


def test_pair_exports_carry_the_factors_and_the_basis(dataset: Dataset) -> None:
    evaluation = evaluate(dataset, Scenario.default(dataset))
    for lang in LANGS:
        pairs = export.pair_shortlist(dataset, evaluation, lang)
        for key in ("ex.col.demand", "ex.col.supply", "ex.col.access", "ex.col.main_basis"):
            assert t(key, lang) in pairs.columns
        bases = set(pairs[t("ex.col.main_basis", lang)])
        assert bases <= {t(k, lang) for k in ("ex.measured", "ex.home_market", "ex.assumed")}
        assert t("ex.home_market", lang) in bases


def test_demand_in_money_is_shown_when_the_table_has_it() -> None:
    rows = pd.DataFrame({"demand": [0.5], "supply": [0.6], "access": [0.7]})
    assert t("ui.fx.demand_usd", "ja") not in factor_columns(rows, "ja", OpportunityWeights())
    rows["demand_usd"], rows["demand_usd_year"] = [1.23e9], [2020]
    columns = factor_columns(rows, "en", OpportunityWeights(rule="sum"))
    assert list(columns) == [t("ui.fx.demand_usd", "en")]  # the earlier model: no factors, money still
    assert columns[t("ui.fx.demand_usd", "en")] == [demand_usd_text(1.23e9, 2020, "en")]
    assert "2020" in demand_usd_text(1.23e9, 2020, "ja")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_that_lists_pairs_offers_the_explainer(lang: str) -> None:
    pages = {
        None: None,
        FIELDS: None,
        COMPETITORS: ("competitors_section", "evidence"),
        "ui/pages/plan.py": None,
        "ui/pages/focus.py": None,
        "ui/pages/country.py": None,
    }
    for page, section in pages.items():
        at = open_app(page, lang, via_home=page == "ui/pages/country.py")
        if section is not None:
            at.segmented_control(key=section[0]).set_value(section[1]).run()
        assert_clean(at)
        assert t("ui.gt.title", lang) in [e.label for e in at.expander], page


def test_what_a_gate_read_is_said_in_words(bundled: Dataset) -> None:
    from ui.views.gates import observed_text

    assert observed_text(bundled, "coastline_km=0; submarine_cables=0", "ja") == "海岸線 0 km、陸揚げケーブル 0本"
    assert (
        observed_text(bundled, "coastline_km=0; submarine_cables=?", "en") == "coastline 0 km, cable landings: no data"
    )
    assert observed_text(bundled, "standard=DVB-T2", "ja") == "採用した地デジ方式 DVB-T2"


def test_the_field_heatmap_shows_export_potential_by_default_and_fit_on_request(dataset: Dataset) -> None:
    """The fit of the focus markets spans a narrow band; the export potential spreads several-fold
    (no need, no potential), so the default heatmap tells the fields apart."""
    at = open_app(FIELDS, "en")
    assert at.radio(key="fields_measure").value == "potential"
    spec = plotly_specs(at)[0]["data"][0]
    assert spec["colorbar"]["title"]["text"] == t("ui.fd.measure.potential", "en")
    potential = np.array(plotly_values(spec["z"]), dtype=float)
    ev = evaluate(dataset, Scenario.default(dataset))
    table = ev.opportunity[ev.opportunity["iso3"].isin(dataset.focus)]
    assert np.nanmax(potential) == pytest.approx(table["opportunity"].max())
    at.radio(key="fields_measure").set_value("fit").run()
    assert_clean(at)
    fit = np.array(plotly_values(plotly_specs(at)[0]["data"][0]["z"]), dtype=float)
    spread = lambda z: np.nanquantile(z, 0.9) / np.nanquantile(z, 0.1)  # noqa: E731
    assert spread(potential) > 1.5 * spread(fit)  # focus markets: about 3.0 against 1.6


@pytest.mark.parametrize("lang", LANGS)
def test_evidence_list_shows_the_dac_donors_largest_first(lang: str, bundled: Dataset) -> None:
    from ui.views.rivals import evidence_items

    items = evidence_items(bundled, "PHL", lang)
    rows = bundled.donor_presence[
        (bundled.donor_presence["iso3"] == "PHL") & bundled.donor_presence["rival_id"].isin(bundled.rivals.index)
    ].sort_values("share", ascending=False)
    head = t("ui.cp.donor_head", lang, start=int(rows["year_from"].iloc[0]), end=int(rows["year_to"].iloc[0]))
    assert any(head in item for item in items)
    lines = [item for item in items if item.startswith("    - ")]
    assert len(lines) == len(rows)
    largest = rows.iloc[0]
    assert f"{largest['share'] * 100:.0f}%" in lines[0]  # Japan is the Philippines' largest DAC donor
    assert not [item for item in evidence_items(bundled, "USA", lang) if item.startswith("    - ")]  # no DAC aid
