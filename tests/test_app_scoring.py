"""The scoring pages (Fields, Markets, Competitors) run headless with ``streamlit.testing.v1.AppTest``.

Every page and view renders in both languages without an exception; the main controls change what
the pages show (preset, pillar slider, method, universe, AHP, presence default); settings are shared
by the three pages and the preset and method are in the URL; the map is an offline choropleth;
every number a page shows can be traced (decomposition sums to the score, evidence names cables and
cites its page, assumed presence is said to be assumed).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import assert_clean, open_app
from apptest_helpers import charts as plotly_specs
from apptest_helpers import page_texts as texts
from streamlit.testing.v1 import AppTest

from strategy.data.dataset import Dataset
from strategy.i18n import LANGS
from strategy.scoring import Settings, Universe, market_scores, prepare_criteria
from strategy.scoring.weights import ahp, pairwise_matrix, preset_weights
from ui import views
from ui.texts import t

REPO = Path(__file__).resolve().parent.parent
MARKETS = "ui/pages/markets.py"
FIELDS = "ui/pages/fields.py"
SENSITIVITY = "ui/pages/sensitivity.py"
COMPETITORS = "ui/pages/competitors.py"
PAGES = {
    MARKETS: ("markets_section", ("ranking", "why", "groups", "weights"), "ui.page.markets"),
    FIELDS: ("fields_section", ("heatmap", "profile"), "ui.page.fields"),
    COMPETITORS: (
        "competitors_section",
        ("threat", "evidence", "head_to_head", "white_space", "timing"),
        "ui.page.competitors",
    ),
}


pytestmark = pytest.mark.usefixtures("bundled_data")


def start(page: str, lang: str = "en", **params: str) -> AppTest:
    """A session opened on ``page`` (its url path is its file name, so it can be opened first)."""
    return open_app(page, lang, **params)  # opens the page's URL directly, as a shared link would


def view(at: AppTest, page: str, section: str) -> AppTest:
    at.segmented_control(key=PAGES[page][0]).set_value(section)
    return at.run()


def ranking(at: AppTest, lang: str = "en") -> pd.DataFrame:
    """The ranked market table (the first table of the ranking view)."""
    frame = at.dataframe[0].value
    assert t("ui.mk.col.score", lang) in frame.columns
    return frame


# --- every page, every view, both languages -------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_scoring_page_and_view_renders_in_both_languages(lang: str) -> None:
    for page, (_key, sections, title) in PAGES.items():
        at = start(page, lang)
        assert_clean(at)
        assert at.title[0].value == t(title, lang)
        assert t("ui.sc.settings_title", lang) in [s.value for s in at.sidebar.subheader]
        for section in sections:
            view(at, page, section)
            assert_clean(at)
            assert at.title[0].value == t(title, lang)


def test_every_control_has_help_text() -> None:
    at = start(MARKETS)
    view(at, MARKETS, "weights")
    widgets = [*at.slider, *at.selectbox, *at.radio, *at.multiselect, *at.checkbox, *at.select_slider]
    assert len(widgets) > 30
    missing = [w.label for w in widgets if not w.help and w.key != "lang"]
    assert missing == []


# --- markets ---------------------------------------------------------------------------------


def test_ranked_table_names_are_in_the_chosen_language(bundled: Dataset) -> None:
    for lang in LANGS:
        frame = ranking(start(MARKETS, lang), lang)
        names = bundled.countries[f"name_{lang}"]
        assert set(frame[t("ui.col.country", lang)]) <= set(names)
        iso3 = frame["ISO3"]
        assert list(frame[t("ui.col.country", lang)]) == list(names.reindex(iso3))
        assert list(frame[t("ui.mk.col.rank", lang)]) == sorted(frame[t("ui.mk.col.rank", lang)])


def test_ranked_table_matches_the_library(bundled: Dataset) -> None:
    frame = ranking(start(MARKETS)).set_index("ISO3")
    countries = Universe().select(bundled)
    market = market_scores(
        bundled, prepare_criteria(bundled, countries, Settings()), preset_weights(bundled, "balanced")
    )
    assert len(frame) == len(market.score)
    score = frame[t("ui.mk.col.score", "en")]
    assert score.to_numpy() == pytest.approx(market.score.reindex(score.index).to_numpy())
    assert list(frame.index[:5]) == list(market.table().index[:5])


def test_wide_ranked_table_keeps_rank_and_country_in_view(bundled: Dataset) -> None:
    """On a laptop the pillar columns scroll sideways; rank and country are pinned so a row stays readable."""
    market = market_scores(
        bundled, prepare_criteria(bundled, Universe().select(bundled), Settings()), preset_weights(bundled, "balanced")
    )
    table = views.market_table(bundled, market, "ja")
    config = table.column_config()
    pinned = [c for c in table.frame.columns if (config.get(c) or {}).get("pinned")]
    assert pinned == [t("ui.mk.col.rank", "ja"), t("ui.col.country", "ja")]
    assert config[t("ui.col.country", "ja")]["width"] == 150  # the rest of its configuration is kept
    assert not any(v.get("pinned") for v in table.columns.values() if isinstance(v, dict))  # the table is not changed


def test_focus_universe_gives_the_eleven_focus_markets(bundled: Dataset) -> None:
    at = start(MARKETS)
    at.selectbox(key="sc_scope").set_value("focus").run()
    assert_clean(at)
    frame = ranking(at)
    assert len(frame) == 11
    assert set(frame["ISO3"]) == set(bundled.focus)
    assert "(11)" in texts(at)  # the settings line says how many countries are compared


def test_region_universe_and_an_empty_selection() -> None:
    at = start(MARKETS)
    at.selectbox(key="sc_scope").set_value("region").run()
    at.multiselect(key="sc_regions").set_value(["Africa"]).run()
    assert_clean(at)
    frame = ranking(at)
    assert 40 < len(frame) <= 54
    at.multiselect(key="sc_regions").set_value([]).run()
    assert not at.exception
    assert t("ui.sc.empty_universe", "en") in texts(at)


def test_preset_loads_its_weights_and_reorders_the_ranking() -> None:
    at = start(MARKETS)
    before = ranking(at)
    at.selectbox(key="preset").set_value("asean_growth").run()
    assert_clean(at)
    assert at.slider(key="sc_w_growth").value == 3.0
    assert at.slider(key="sc_w_size").value == 2.0
    after = ranking(at)
    assert list(after["ISO3"][:10]) != list(before["ISO3"][:10])
    assert at.query_params["preset"] == "asean_growth"  # an id in the URL, the same in both languages
    assert "ASEAN growth" in texts(at)


def test_pillar_slider_changes_scores_and_order() -> None:
    at = start(MARKETS)
    before = ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")]
    at.slider(key="sc_w_ties").set_value(5.0).run()
    assert_clean(at)
    after = ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")]
    assert not after.reindex(before.index).equals(before)
    assert list(after.index[:10]) != list(before.index[:10])
    assert t("ui.sc.modified", "en", name="Balanced (default)") in [c.value for c in at.sidebar.caption]
    # one click puts the preset's weights back
    at.button(key="sc_reset_preset").click().run()
    assert at.slider(key="sc_w_ties").value == 0.5
    assert ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")].equals(before)


def test_age_discount_moves_weight_to_fresher_values_and_follows_the_scenario(bundled: Dataset) -> None:
    from strategy.scenario import Scenario
    from strategy.scoring import MarketScores, Settings, market_scores, prepare_criteria

    at = start(MARKETS)
    before = ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")]
    at.slider(key="sc_age_discount").set_value(0.3).run()
    assert_clean(at)
    after = ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")]
    # the page shows the library's scores with the discount
    scenario = Scenario.default(bundled)
    countries = scenario.universe.select(bundled)
    library: MarketScores = market_scores(
        bundled, prepare_criteria(bundled, countries, Settings(age_discount=0.3)), scenario.market_weights
    )
    assert after.to_numpy() == pytest.approx(library.table()["score"].reindex(after.index).to_numpy(), abs=1e-3)
    assert (after.reindex(before.index) - before).abs().max() > 1e-3
    # TOPSIS needs common weights: the slider is off and the discount does not apply
    at.selectbox(key="method").set_value("topsis").run()
    assert at.slider(key="sc_age_discount").disabled


def test_topsis_changes_scores_and_goes_in_the_url() -> None:
    at = start(MARKETS)
    before = ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")]
    at.selectbox(key="method").set_value("topsis").run()
    assert_clean(at)
    after = ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")]
    assert (after.reindex(before.index) - before).abs().max() > 0.01
    assert at.query_params["method"] == "topsis"
    assert t("ui.mk.method_note.topsis", "en") in texts(at)


def test_preset_and_method_are_read_from_the_url() -> None:
    at = start(MARKETS, preset="ties_with_japan", method="weighted_product")
    assert_clean(at)
    assert at.selectbox(key="preset").value == "ties_with_japan"
    assert at.selectbox(key="method").value == "weighted_product"
    assert at.slider(key="sc_w_ties").value == 4.0
    assert at.slider(key="sc_w_income").value == 0.0


def test_weighted_product_with_z_scores_gives_a_friendly_message() -> None:
    at = start(MARKETS)
    at.selectbox(key="sc_norm").set_value("zscore").run()
    at.selectbox(key="method").set_value("weighted_product").run()
    assert not at.exception
    assert t("ui.sc.wpm_zscore", "en") in [w.value for w in at.warning]
    assert len(ranking(at)) > 100


def test_excluded_countries_are_listed_with_the_reason(bundled: Dataset) -> None:
    at = start(MARKETS)
    countries = Universe().select(bundled)
    market = market_scores(
        bundled, prepare_criteria(bundled, countries, Settings()), preset_weights(bundled, "balanced")
    )
    assert len(market.excluded) > 0
    info = "\n".join(i.value for i in at.info).replace("\\", "")
    head = t("ui.mk.excluded", "en", n=len(market.excluded), share="60", names="", common="").split(":")[0]
    assert head in info and "Most often missing" in info
    for iso3 in market.excluded.index:
        assert bundled.countries.at[iso3, "name_en"] in info
    excluded = at.dataframe[1].value.set_index("ISO3")
    assert set(excluded.index) == set(market.excluded.index)
    assert excluded[t("ui.mk.col.missing", "en")].str.len().gt(0).all()
    assert not set(excluded.index) & set(ranking(at)["ISO3"])


def test_map_is_an_offline_choropleth_of_the_score() -> None:
    at = start(MARKETS)
    chart = at.get("plotly_chart")[0]
    spec = json.loads(chart.proto.spec)
    trace = spec["data"][0]
    assert trace["type"] == "choropleth" and trace["locationmode"] == "ISO-3"
    assert len(trace["locations"]) == len(ranking(at))
    assert spec["layout"]["geo"]["resolution"] == 50
    assert json.loads(chart.proto.config)["topojsonURL"] == "app/static/"
    for name in ("world_50m.json", "world_110m.json"):
        assert (REPO / "static" / name).stat().st_size > 10_000
    # the countries left out for lack of data are drawn too, in grey, with a legend entry
    assert spec["data"][1]["name"] == t("ui.mk.map_excluded", "en")


def test_decomposition_adds_up_to_the_score_with_year_and_source() -> None:
    at = view(start(MARKETS), MARKETS, "why")
    assert_clean(at)
    assert at.selectbox(key="markets_country").value == "VNM"
    frame = at.dataframe[0].value
    score = float(re.search(r"score ([0-9.]+)\)", at.subheader[0].value).group(1))
    assert frame[t("ui.mk.col.contribution", "en")].sum() == pytest.approx(score, abs=1e-3)
    assert frame[t("ui.mk.col.weight", "en")].sum() == pytest.approx(100.0)
    have = frame[frame[t("ui.mk.col.weight", "en")] > 0]
    assert have[t("ui.mk.col.year", "en")].str.fullmatch(r"\d{4}").all()
    assert have[t("ui.mk.col.source", "en")].str.len().gt(0).all()
    assert "World Development Indicators" in " ".join(have[t("ui.mk.col.source", "en")])
    # the chart groups bars by pillar, one trace each
    names = [trace["name"] for trace in plotly_specs(at)[0]["data"]]
    assert any(n.startswith("Market size") for n in names)

    at.selectbox(key="markets_country").set_value("THA").run()
    assert "Thailand" in at.subheader[0].value
    # with TOPSIS the bars are labelled as not additive
    at.selectbox(key="method").set_value("topsis").run()
    assert t("ui.mk.decomp_note.topsis", "en") in texts(at)


def test_market_groups_named_by_profile_with_silhouette() -> None:
    at = view(start(MARKETS, "ja"), MARKETS, "groups")
    assert_clean(at)
    assert at.metric[0].label == t("ui.mk.silhouette", "ja")
    assert -1 <= float(at.metric[0].value) <= 1
    groups = at.dataframe[0].value
    assert len(groups) == 4
    names = " ".join(groups[t("ui.mk.col.group", "ja")])
    assert "高所得" in names and "低所得" in names
    at.slider(key="markets_k").set_value(6).run()
    at.radio(key="markets_group_method").set_value("hierarchical").run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 6
    assert "ベトナム" in texts(at)  # members are listed by name


def test_inconsistent_ahp_warns_and_names_the_pair_to_revisit() -> None:
    at = view(start(MARKETS), MARKETS, "weights")
    at.multiselect(key="sc_ahp_pillars").set_value(["size", "growth", "income"]).run()
    # size 9x growth, growth 9x income, but income 9x size: circular
    at.select_slider(key="sc_ahp_size__growth").set_value(-8).run()
    at.select_slider(key="sc_ahp_growth__income").set_value(-8).run()
    at.select_slider(key="sc_ahp_size__income").set_value(8).run()
    assert_clean(at)
    expected = ahp(
        pairwise_matrix(
            ["size", "growth", "income"], {("size", "growth"): 9, ("growth", "income"): 9, ("size", "income"): 1 / 9}
        )
    )
    assert expected.cr > 0.1
    a, b = expected.worst_pair
    warning = t(
        "ui.sc.ahp_inconsistent",
        "en",
        cr=f"{expected.cr:.2f}",
        a=t(f"label.pillar.{a}", "en"),
        b=t(f"label.pillar.{b}", "en"),
    )
    assert warning in [w.value for w in at.warning]

    # a consistent set is confirmed, and the weights apply everywhere once AHP is chosen
    at.select_slider(key="sc_ahp_size__income").set_value(-8).run()
    at.select_slider(key="sc_ahp_growth__income").set_value(-4).run()
    at.select_slider(key="sc_ahp_size__growth").set_value(-2).run()
    assert len(at.success) == 1 and not at.warning
    view(at, MARKETS, "ranking")
    before = ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")]
    at.radio(key="sc_weight_mode").set_value("ahp").run()
    assert_clean(at)
    after = ranking(at).set_index("ISO3")[t("ui.mk.col.score", "en")]
    assert not after.reindex(before.index).equals(before)
    assert t("ui.sc.weights_from_ahp", "en") in texts(at)


def test_indicator_weights_list_shows_every_indicator(bundled: Dataset) -> None:
    at = view(start(MARKETS), MARKETS, "weights")
    editor = [e for e in at.dataframe if "indicator_id" in e.value.columns]
    assert editor and len(editor[0].value) == len(bundled.catalog)


def test_settings_are_shared_by_the_three_pages() -> None:
    at = start(MARKETS)
    at.slider(key="sc_w_ties").set_value(4.5).run()
    at.selectbox(key="sc_scope").set_value("focus").run()
    for page in (FIELDS, COMPETITORS, "ui/pages/home.py", MARKETS):
        at.switch_page(page).run()
        assert_clean(at)
    assert at.slider(key="sc_w_ties").value == 4.5
    assert at.selectbox(key="sc_scope").value == "focus"
    assert "(11)" in texts(at)
    # ties weighted so high: every focus market still has ties data (the memoranda list is complete,
    # Japan's aid share covers every recipient), so none falls below the coverage threshold
    assert len(ranking(at)) == 11


# --- fields ----------------------------------------------------------------------------------


def test_fit_heatmap_shows_every_field_for_the_focus_markets(bundled: Dataset) -> None:
    for lang in LANGS:
        at = start(FIELDS, lang)
        spec = plotly_specs(at)[0]
        heatmap = spec["data"][0]
        assert heatmap["type"] == "heatmap"
        assert set(heatmap["x"]) == set(bundled.countries.loc[bundled.focus, f"name_{lang}"])
        assert len(heatmap["y"]) == len(bundled.fields)
        assert heatmap["colorscale"][0][1] != heatmap["colorscale"][-1][1]


def test_fit_weight_changes_the_heatmap() -> None:
    at = start(FIELDS)
    before = plotly_specs(at)[0]["data"][0]["z"]
    at.slider(key="sc_fit_strength").set_value(1.0).run()
    assert_clean(at)
    after = plotly_specs(at)[0]["data"][0]["z"]
    assert before != after
    at.selectbox(key="fields_countries").set_value("top25").run()
    assert len(plotly_specs(at)[0]["data"][0]["x"]) == 25


def test_field_profile_shows_judgement_with_rationale_reference_and_best_markets(bundled: Dataset) -> None:
    at = view(start(FIELDS, "ja"), FIELDS, "profile")
    assert_clean(at)
    field = bundled.fields.loc["disaster_ict"]
    assert at.metric[0].label == t("ui.fd.japan_strength", "ja")
    assert float(at.metric[0].value) == pytest.approx(field["japan_strength"])
    all_text = texts(at)
    assert "判断" in all_text
    assert field["japan_strength_rationale_ja"].replace("\\", "")[:20] in all_text
    assert "pna.gov.ph" in all_text  # the reference
    frames = [d.value for d in at.dataframe]
    drivers = frames[0]
    assert set(drivers[t("ui.col.role", "ja")]) == {t("ui.role.need", "ja"), t("ui.role.readiness", "ja")}
    best = frames[1]
    assert len(best) == 10 and best[t("ui.fd.col.opportunity", "ja")].is_monotonic_decreasing
    # the fit decomposition for a (field, country): value, year and contribution of each driver
    detail = frames[2]
    assert t("ui.fd.col.contribution", "ja") in detail.columns and t("ui.fd.col.year", "ja") in detail.columns
    assert "ベトナム" in all_text and "適合度" in all_text
    at.selectbox(key="fields_field").set_value("digital_tv").run()
    assert_clean(at)
    assert at.subheader[0].value == bundled.fields.at["digital_tv", "name_ja"]
    # Viet Nam adopted DVB-T2 (a cited row): the page says why the need for ISDB-T is 0
    assert t("ui.fd.standard.other", "ja", country="ベトナム", adopted="DVB-T2", ours="ISDB-T / ISDB-Tb") in [
        i.value for i in at.info
    ]
    assert t("ui.fd.standard_rule", "ja", ours="ISDB-T / ISDB-Tb") in texts(at)


# --- competitors -----------------------------------------------------------------------------


def test_threat_heatmap_names_the_main_rival_and_marks_assumed_presence() -> None:
    at = start(COMPETITORS)
    assert_clean(at)
    measured, assumed = plotly_specs(at)[0]["data"]
    assert measured["opacity"] == 1 and assumed["opacity"] < 1  # evidence in full colour, assumptions faded
    measured_cells = [c for row in measured["text"] for c in row if c]
    assumed_cells = [c for row in assumed["text"] for c in row if c]
    assert assumed_cells and all(c.endswith("*") for c in assumed_cells)
    assert {"China", "US", "Europe"} <= set(measured_cells) and not any(c.endswith("*") for c in measured_cells)
    assert len(measured_cells) + len(assumed_cells) == 11 * 18
    assert "* = no evidence of presence" in texts(at)


def test_evidence_names_cables_and_cites_the_digital_tv_page() -> None:
    at = view(start(COMPETITORS), COMPETITORS, "evidence")
    assert_clean(at)
    text = texts(at)
    assert "Southeast Asia-Japan Cable 2" in text and "TeleGeography" in text
    assert "abu.org.my" in text and "DVB-T2" in text
    assert re.search(r"\d+ are measured from evidence.*\d+ have no evidence", text)
    table = at.dataframe[0].value
    basis = set(table[t("ui.cp.col.rival_basis", "en")])
    assert basis == {t("ui.cp.measured", "en"), t("ui.cp.assumed", "en")}
    # China's ICT finance (AidData) for a country that has it
    at.selectbox(key="competitors_country").set_value("KHM").run()
    assert "AidData" in texts(at) and "project" in texts(at)


def test_head_to_head_margins_and_presence_default() -> None:
    at = view(start(COMPETITORS), COMPETITORS, "head_to_head")
    assert_clean(at)
    table = at.dataframe[0].value
    margin = table[t("ui.cp.col.margin", "en")]
    japan, rival = table[t("ui.cp.col.japan", "en")], table[t("ui.cp.col.threat", "en")]
    assert (margin - (japan - rival)).abs().max() < 1e-9
    assert margin.is_monotonic_decreasing
    at.selectbox(key="competitors_field").set_value("broadband_mobile").run()
    before = at.dataframe[0].value.set_index(t("ui.col.country", "en"))[t("ui.cp.col.threat", "en")]
    at.slider(key="sc_presence_default").set_value(0.9).run()
    after = at.dataframe[0].value.set_index(t("ui.col.country", "en"))[t("ui.cp.col.threat", "en")]
    assert (after.reindex(before.index) >= before - 1e-12).all() and (after.reindex(before.index) > before).any()


def test_white_space_separates_evidence_from_assumption() -> None:
    at = view(start(COMPETITORS), COMPETITORS, "white_space")
    assert_clean(at)
    measured, assumed = at.dataframe[0].value, at.dataframe[1].value
    basis = t("ui.cp.col.rival_basis", "en")
    assert set(measured[basis]) == {t("ui.cp.measured", "en")}
    assert set(assumed[basis]) <= {t("ui.cp.assumed", "en")}
    assert "Philippines" in set(measured[t("ui.col.country", "en")])  # ISDB-T: no rival in digital TV
    assert t("ui.cp.white_assumed_warning", "en", default="0.50") in [w.value for w in at.warning]
    at.slider(key="sc_white_space").set_value(0.05).run()
    assert len(at.dataframe[0].value) < len(measured)


# --- speed -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "key", "value", "reran"),
    [
        (MARKETS, "sc_w_growth", 4.5, "market_scores"),  # a pillar weight: only the aggregation
        (FIELDS, "sc_fit_need", 0.85, "field_fit"),  # a fit weight: only the fit
    ],
)
def test_a_weight_change_recomputes_only_its_own_step(
    page: str, key: str, value: float, reran: str, scoring_calls: Counter[str]
) -> None:
    """Speed is timed in bench/bench_pages.py; here: the criteria matrix (the slow step) and every
    step the weight does not enter are reused from the cache."""
    at = start(page)
    at.run()
    scoring_calls.clear()
    at.slider(key=key).set_value(value)
    at.run()
    assert_clean(at)
    assert scoring_calls[reran] == 1, scoring_calls
    assert {name for name, n in scoring_calls.items() if n} <= {reran, "opportunity"}, scoring_calls


def test_an_uploaded_indicator_is_scored_and_explained() -> None:
    """A session upload (a new digital indicator) flows into the market score and its decomposition."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.run().switch_page("ui/pages/data_sources.py").run()
    at.segmented_control(key="data_section").set_value("upload").run()
    content = "iso3,indicator,year,value,unit\nVNM,internet_users,2025,99.0,% of population\n"
    at.file_uploader(key="indicator_upload").set_value(("vnm.csv", content.encode(), "text/csv")).run()
    at.button(key="upload_apply").click().run()  # the page previews the file; Apply adds it
    assert len(at.success) == 1
    at.switch_page(MARKETS).run()
    view(at, MARKETS, "why")
    assert_clean(at)
    frame = at.dataframe[0].value.set_index(t("ui.col.indicator", "en"))
    row = frame.loc["Individuals using the Internet (% of population)"]
    assert row[t("ui.mk.col.value", "en")] == "99.0" and row[t("ui.mk.col.year", "en")] == "2025"


@pytest.mark.parametrize("target", ["ui/pages/plan.py", "ui/pages/sensitivity.py", "ui/pages/markets.py"])
def test_settings_survive_going_to_a_page_with_its_own_sliders(target: str) -> None:
    """Regression: entering Plan or Sensitivity used to put every sidebar slider at its minimum."""
    keys = [
        "sc_w_size",
        "sc_w_growth",
        "sc_w_ties",
        "sc_fit_need",
        "sc_opp_market",
        "sc_presence_default",
        "sc_max_age",
    ]
    at = start(SENSITIVITY if target.endswith("markets.py") else MARKETS, "en")
    at.slider(key="sc_w_growth").set_value(3.0).run()
    before = {k: at.session_state[k] for k in keys}
    assert before["sc_w_size"] == 1.0 and before["sc_w_growth"] == 3.0
    at.switch_page(target).run()
    assert_clean(at)
    assert {k: at.session_state[k] for k in keys} == before


def test_age_limit_is_the_catalogue_windows_unless_one_window_is_chosen() -> None:
    at = start(MARKETS, "en")
    assert at.radio(key="sc_age_mode").value == "catalogue"
    assert at.slider(key="sc_max_age").disabled
    assert any(t("fmt.window.catalogue", "en") in c.value for c in at.caption)
    at.radio(key="sc_age_mode").set_value("one").run()
    at.slider(key="sc_max_age").set_value(7).run()
    assert_clean(at)
    assert not at.slider(key="sc_max_age").disabled
    assert any(t("fmt.window.one", "en", age=7) in c.value for c in at.caption)
