"""The Country profile and ASEAN + India comparison pages run headless with ``AppTest``.

Both render in Japanese and English without an exception or an error box; the profile's country
comes from the URL (``?iso3=``), an unknown code falls back with a message, changing the country
changes the headline and the URL; a country added on the comparison page (or through ``?add=``)
appears in its tables and figures.
"""

from __future__ import annotations

from functools import partial

import pytest
from apptest_helpers import assert_clean, charts, frame_with, open_app, page_texts, plotly_values
from streamlit.testing.v1 import AppTest

from strategy.analysis import profile
from strategy.data.dataset import Dataset
from strategy.i18n import LANGS
from ui.texts import t

COUNTRY = "ui/pages/country.py"
FOCUS = "ui/pages/focus.py"


pytestmark = pytest.mark.usefixtures("bundled_data")


def start(page: str, lang: str = "en", **params: str) -> AppTest:
    """A session opened on ``page`` with ``params`` in the URL, as a shared link would open it.

    The comparison page's URL path ('asean') is not its file name, so the session starts on Home
    (with the same URL parameters) and switches there, as the navigation does.
    """
    return open_app(page, lang, via_home=page == FOCUS, **params)


texts = partial(page_texts, alerts=("info", "warning", "success"))
array = plotly_values


def country_name(dataset: Dataset, iso3: str, lang: str) -> str:
    return str(dataset.countries.at[iso3, f"name_{lang}"])


# --- country profile --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_profile_renders_the_brief_sections_in_both_languages(dataset: Dataset, lang: str) -> None:
    at = start(COUNTRY, lang, iso3="THA")
    assert_clean(at)
    assert at.title[0].value == t("ui.page.country", lang)
    assert at.selectbox(key="cp_country").value == "THA"
    headers = [h.value for h in at.header]
    for key in ("why", "fields", "rivals"):  # the brief's sections, in the brief's words
        assert t(f"ex.brief.{key}", lang) in headers
    for key in ("ui.cp.pf.ties_title", "ui.cp.pf.indicators_title", "ui.cp.pf.history_title"):
        assert t(key, lang) in headers
    assert country_name(dataset, "THA", lang) in at.subheader[0].value
    labels = [b.proto.label for b in at.get("download_button")]
    name = country_name(dataset, "THA", lang)
    assert labels == [t("ui.cp.pf.download", lang, country=name), t("ui.deck.country", lang, country=name)]
    indicators = frame_with(at, t("ui.cp.pf.col.licence", lang))
    assert len(indicators) == len(dataset.catalog)
    value = indicators.set_index(t("ui.cp.pf.col.indicator", lang))[t("ui.cp.pf.col.value", lang)]
    assert t("fmt.na", lang) in set(value) or len(set(value)) > 1  # missing values say 'no data'
    flagged = indicators[indicators[t("ui.cp.pf.col.status", lang)] != ""]
    assert not flagged[t("ui.cp.pf.col.used", lang)].any()  # an old or missing value is not in the score
    assert indicators[t("ui.cp.pf.col.used", lang)].sum() > 20
    assert t("ex.brief.judgement_note", lang) in texts(at)  # judgements are labelled as such


def test_changing_the_country_changes_the_headline_and_the_url(dataset: Dataset) -> None:
    at = start(COUNTRY, "en", iso3="VNM")
    assert_clean(at)
    before = at.subheader[0].value
    score_before = at.metric[0].value
    assert country_name(dataset, "VNM", "en") in before
    at.selectbox(key="cp_country").set_value("IDN").run()
    assert_clean(at)
    assert country_name(dataset, "IDN", "en") in at.subheader[0].value
    assert at.metric[0].value != score_before
    assert at.query_params["iso3"] == ["IDN"] or at.query_params["iso3"] == "IDN"
    at.run()  # a rerun keeps the choice (the URL it wrote does not pull it back)
    assert at.selectbox(key="cp_country").value == "IDN"


def test_unknown_country_in_the_url_falls_back_with_a_message() -> None:
    at = start(COUNTRY, "ja", iso3="<script>")
    assert_clean(at)
    assert at.selectbox(key="cp_country").value == "VNM"
    assert any("<script>" in w.value.replace("\\", "") for w in at.warning)


def test_country_outside_the_scores_still_shows_its_data(dataset: Dataset) -> None:
    at = start(COUNTRY, "en", iso3="VNM")
    at.selectbox(key="sc_scope").set_value("focus").run()
    at.selectbox(key="cp_country").set_value("KOR").run()
    assert_clean(at)
    assert t("ex.brief.why", "en") not in [h.value for h in at.header]
    assert "outside the current universe" in texts(at)
    assert t("ui.cp.pf.indicators_title", "en") in [h.value for h in at.header]


# --- ASEAN + India comparison ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_renders_the_eleven_focus_markets(dataset: Dataset, lang: str) -> None:
    at = start(FOCUS, lang)
    assert_clean(at)
    assert at.title[0].value == t("ui.page.focus", lang)
    pillars = frame_with(at, t("ui.mk.col.score", lang))
    assert sorted(pillars["ISO3"]) == sorted(profile.focus_markets(dataset))
    radar, history, *_ = charts(at)
    assert {trace["name"] for trace in radar["data"]} == {country_name(dataset, i, lang) for i in dataset.focus}
    assert all(0 <= r <= 1 for trace in radar["data"] for r in array(trace["r"]) if r is not None)
    assert min(min(array(trace["x"])) for trace in history["data"]) >= 2000
    ties = frame_with(at, t("ui.fc.col.aid", lang))
    assert list(ties.loc[ties["ISO3"] == "PHL", t("ui.fc.col.isdbt", lang)]) == [True]


def test_adding_a_country_adds_it_everywhere_and_to_the_url(dataset: Dataset) -> None:
    at = start(FOCUS, "en")
    at.multiselect(key="fc_add").select("KOR").run()
    assert_clean(at)
    korea = country_name(dataset, "KOR", "en")
    for column in (t("ui.mk.col.score", "en"), t("ui.fc.col.aid", "en"), t("ui.col.income_group", "en")):
        assert "KOR" in set(frame_with(at, column)["ISO3"])
    radar = charts(at)[0]
    assert korea in {trace["name"] for trace in radar["data"]}
    assert "KOR" in at.multiselect(key="fc_highlight").value  # a new country is highlighted at once
    fit = next(c for c in charts(at) if c["data"][0].get("type") == "heatmap")
    assert korea in array(fit["data"][0]["x"])
    assert "KOR" in str(at.query_params["add"])


def test_countries_to_add_come_from_the_url() -> None:
    at = start(FOCUS, "ja", add="kor,BRA,XXX")
    assert_clean(at)
    assert at.multiselect(key="fc_add").value == ["KOR", "BRA"]
    assert {"KOR", "BRA"} <= set(frame_with(at, t("ui.mk.col.score", "ja"))["ISO3"])
    assert any("XXX" in w.value for w in at.warning)  # the unknown code is named, not a traceback


#: The expanders whose content is built only while open (ui.views.widgets.lazy_expander), per page,
#: and whether each holds a table.
LAZY = {
    COUNTRY: (
        ("cp_decomposition_open", True),
        ("cp_all_fields_open", True),
        ("cp_presence_open", True),
        ("cp_timing_open", True),
        ("cp_evidence_open", None),
        ("cp_why_open", None),
        ("cp_history_sources_open", None),
    ),
    FOCUS: (("fc_rivals_open", True), ("fc_why_open", None), ("fc_history_sources_open", None)),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(LAZY))
def test_expanders_closed_build_nothing_and_open_show_their_content(page: str, lang: str) -> None:
    at = start(page, lang, iso3="PHL")
    assert_clean(at)
    tables = len(at.dataframe)
    assert all(len(e.children) == 0 for e in at.main.expander)  # closed: nothing is built inside
    for open_key, _ in LAZY[page]:
        at.session_state[open_key] = True
    at.run()
    assert_clean(at)
    assert len(at.dataframe) >= tables + sum(1 for _, table in LAZY[page] if table)
    for expander in at.main.expander:
        assert len(expander.children) > 0, expander.label  # every open expander has content


def test_a_frozen_figure_is_the_same_figure_and_serialises_once() -> None:
    import plotly.graph_objects as go

    from ui.views.charts import frozen

    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2], name="a"))
    figure.update_layout(title="t", height=300)
    copy = frozen(figure)
    assert copy.to_dict() == figure.to_dict()
    assert copy.to_dict() is copy.to_dict()  # built once, handed out again
