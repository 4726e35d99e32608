"""Rivals' timing in the app: the Competitors page's timing section, the Country profile's timeline
panel (a lazily built expander) and the sidebar's momentum weight."""

from __future__ import annotations

import pytest
from apptest_helpers import assert_clean, charts, frame_with, open_app, page_texts

from strategy.i18n import LANGS
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe
from strategy.scoring import timing as tm
from ui.labels import country_name, field_names, rival_label
from ui.session import Key
from ui.texts import t
from ui.views.rivals import evidence_text

pytestmark = pytest.mark.usefixtures("bundled_data")

COMPETITORS = "ui/pages/competitors.py"
COUNTRY = "ui/pages/country.py"


def _timing_section(lang: str, iso3: str):
    at = open_app(COMPETITORS, lang)
    at.segmented_control(key="competitors_section").set_value("timing").run()
    at.selectbox(key="competitors_country").set_value(iso3).run()
    assert_clean(at)
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_competitors_timing_shows_timeline_first_movers_and_windows(lang: str, dataset) -> None:
    at = _timing_section(lang, "PHL")
    texts = page_texts(at)
    assert t("ui.tm.title", lang) in texts
    figure = next(c for c in charts(at) if c["layout"].get("annotations"))
    titles = {a["text"] for a in figure["layout"]["annotations"]}
    assert t("ui.tm.panel.submarine_cable_supplier", lang) in titles and t("ui.tm.panel.dac_aid", lang) in titles
    names = {trace["name"] for trace in figure["data"]}
    assert t("ui.tm.col.rival", lang) not in names and len(names) >= 3  # one legend entry per actor
    table = frame_with(at, t("ui.tm.col.first", lang))
    # the Philippines chose ISDB-T in 2010: Japan's row of the digital-TV evidence says so
    dtt = table[table[t("ui.tm.col.evidence", lang)] == evidence_text("dtt_standard", lang)]
    assert list(dtt[t("ui.tm.col.rival", lang)]) == [rival_label(dataset, "JPN", lang)]
    assert "2010" in set(dtt[t("ui.tm.col.first", lang)])
    # every momentum state shown is one of the four, in the language
    states = set(table[t("ui.tm.col.state", lang)]) - {""}
    assert states <= {t(f"ui.tm.state.{s}", lang) for s in tm.STATES}
    assert t("ui.tm.factor_off", lang) in page_texts(at)  # the factor is off by default


def test_competitors_timing_window_flags_match_the_library(dataset) -> None:
    """The page's window table (focus markets, default settings) is the library's, labelled."""
    at = _timing_section("en", "PHL")
    table = frame_with(at, t("ui.tm.wcol.rank", "en"))
    evaluation = evaluate(dataset, Scenario.default(dataset))
    flags = tm.window_flags(dataset, evaluation.opportunity)
    flags = flags[flags["iso3"].isin(dataset.focus)]
    fields = field_names(dataset, "en")
    expected = {
        (country_name(dataset, i, "en"), str(fields[f]), rival_label(dataset, r, "en"))
        for i, f, r in zip(flags["iso3"], flags["field_id"], flags["rival_id"], strict=True)
    }
    got = set(zip(*(table[t(f"ui.tm.wcol.{k}", "en")] for k in ("country", "field", "rival")), strict=True))
    assert got == expected and len(got) > 0
    assert (table[t("ui.tm.wcol.rank", "en")] <= tm.TOP_FIELDS).all()


def test_competitors_timing_rules_expander_is_lazy_and_shows_the_judgement() -> None:
    at = _timing_section("ja", "VNM")
    tables = len(at.dataframe)
    rules = next(e for e in at.main.expander if e.label == t("ui.tm.rules_title", "ja"))
    assert len(rules.children) == 0
    at.session_state["competitors_rules_open"] = True
    at.run()
    assert_clean(at)
    assert len(at.dataframe) == tables + 1
    frame = frame_with(at, t("ui.tm.rcol.rationale", "ja"))
    assert len(frame) == 3 and frame[t("ui.tm.rcol.rationale", "ja")].str.contains("窓").all()


def test_a_country_without_timeline_says_so(dataset) -> None:
    universe = Universe().select(dataset)
    quiet = sorted(set(universe) - set(dataset.rival_timeline["iso3"]))
    assert quiet  # e.g. a rich landlocked economy: no cable, no Chinese finance listed, no DAC aid
    at = _timing_section("en", quiet[0])
    assert t("ui.tm.no_timeline", "en") in page_texts(at)
    assert not any(c["layout"].get("annotations") for c in charts(at))


@pytest.mark.parametrize("lang", LANGS)
def test_country_profile_timeline_panel_is_lazy(lang: str, dataset) -> None:
    at = open_app(COUNTRY, lang, iso3="CMR")
    assert_clean(at)
    panel = next(e for e in at.main.expander if e.label == t("ui.tm.panel_title", lang))
    assert len(panel.children) == 0
    before = len(charts(at))
    at.session_state["cp_timing_open"] = True
    at.run()
    assert_clean(at)
    assert len(charts(at)) == before + 1
    table = frame_with(at, t("ui.tm.col.first", lang))
    # Cameroon: SAT-3/WASC (Europe's suppliers) landed in 2002, China's first cable came in 2015
    cables = table[table[t("ui.tm.col.rival", lang)].isin(["China", "中国"])]
    assert "2015" in set(cables[t("ui.tm.col.first", lang)])
    assert t("ui.tm.table_caption", lang) in page_texts(at)
    # and the country's window flags: the library's, for Cameroon only
    windows = frame_with(at, t("ui.tm.wcol.rank", lang))
    assert len(windows) >= 1 and set(windows[t("ui.tm.wcol.country", lang)]) == {country_name(dataset, "CMR", lang)}


def test_momentum_weight_from_the_sidebar_changes_the_threat_and_is_saved() -> None:
    at = open_app(COMPETITORS, "en")
    assert at.slider(key=Key.MOMENTUM_WEIGHT).value == 0.0
    at.slider(key=Key.MOMENTUM_WEIGHT).set_value(0.5).run()
    at.segmented_control(key="competitors_section").set_value("timing").run()
    assert_clean(at)
    assert t("ui.tm.factor_on", "en", weight="0.50") in page_texts(at)


def test_data_page_lists_the_momentum_rules_with_the_judgements() -> None:
    at = open_app("ui/pages/data_sources.py", "ja", via_home=True)
    at.segmented_control(key=Key.DATA_SECTION).set_value("judgement").run()
    assert_clean(at)
    frame = frame_with(at, t("ui.tm.rcol.rationale", "ja"))
    assert len(frame) == 3 and frame[t("ui.tm.rcol.reference", "ja")].str.len().gt(0).all()
    assert "momentum_rules.csv" in page_texts(at)
