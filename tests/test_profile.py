"""The data behind the Country profile and ASEAN + India pages (:mod:`strategy.analysis.profile`).

Profile values are the dataset's latest values (checked against ``Dataset.latest_values``), history
frames start in 2000, radar values lie in [0, 1] and are the market score's own pillar scores (the
weighted sum of the decomposition), ties with Japan and memberships read the country tables, and
the brief content is what the HTML brief prints.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from strategy import export
from strategy.analysis import profile
from strategy.data.dataset import Dataset
from strategy.export.render import _esc as html_escape
from strategy.i18n import format_value
from strategy.scenario import Evaluation, Scenario, evaluate
from strategy.scoring import Settings


@pytest.fixture(scope="module")
def full(dataset: Dataset) -> Evaluation:
    """Every country, the default (balanced) scenario: what the app shows on first start."""
    return evaluate(dataset, Scenario.default(dataset))


def test_focus_and_added_countries(dataset: Dataset) -> None:
    focus = profile.focus_markets(dataset)
    assert len(focus) == 11 and "IND" in focus and "VNM" in focus
    assert set(focus) == set(dataset.countries.index[dataset.countries["is_asean"] == 1]) | {"IND"}
    known, unknown = profile.parse_codes(dataset, " kor,CHN,,zz,KOR,vnm ")
    assert known == ["KOR", "CHN", "VNM"] and unknown == ["ZZ"]
    assert profile.parse_codes(dataset, None) == ([], [])
    compared = profile.compared_countries(dataset, ["KOR", "VNM", "NOPE", "KOR"])
    assert compared == [*focus, "KOR"]  # focus first, then new known codes once


@pytest.mark.parametrize("iso3", ["VNM", "SGP", "MMR", "KOR"])
def test_latest_indicators_are_the_datasets_latest_values(dataset: Dataset, iso3: str) -> None:
    table = profile.latest_indicators(dataset, iso3, max_age=5)
    assert list(table.index) == list(dataset.catalog.index)  # every catalogue indicator, in order
    latest = dataset.latest_values()
    latest = latest[latest["iso3"] == iso3].assign(indicator=lambda f: f["indicator"].astype(str))
    latest = latest.set_index("indicator")
    for indicator, row in latest.iterrows():
        assert table.at[indicator, "value"] == pytest.approx(row["value"])
        assert int(table.at[indicator, "year"]) == int(row["year"])
        assert table.at[indicator, "source_id"] == str(row["source_id"])
        assert table.at[indicator, "status"] == ("old" if row["age"] > 5 else "current")
    missing = table.index.difference(latest.index)
    assert (table.loc[missing, "status"] == "missing").all()
    assert table.loc[missing, "value"].isna().all()  # no value is shown as missing, never as 0
    assert table["licence"].str.strip().ne("").all() and table["unit"].str.strip().ne("").all()


def test_latest_indicators_at_a_reference_year(dataset: Dataset) -> None:
    table = profile.latest_indicators(dataset, "IDN", reference_year=2015, max_age=3)
    assert (table["year"].dropna() <= 2015).all()
    gdp = dataset.indicators[(dataset.indicators["iso3"] == "IDN") & (dataset.indicators["indicator"] == "gdp_usd")]
    expected = gdp[gdp["year"] <= 2015].sort_values("year").iloc[-1]
    assert table.at["gdp_usd", "value"] == pytest.approx(expected["value"])
    assert int(table.at["gdp_usd", "age"]) == 2015 - int(expected["year"])


def test_history_starts_in_2000_and_is_the_raw_data(dataset: Dataset) -> None:
    countries = ["VNM", "THA", "KOR"]
    keys = profile.key_indicators(dataset)
    assert 6 <= len(keys) <= 9 and keys[0] == "gdp_usd"
    history = profile.indicator_history(dataset, countries, keys)
    assert history["year"].min() >= profile.HISTORY_START == 2000
    assert set(history["iso3"]) == set(countries) and set(history["indicator"]) <= set(keys)
    data = dataset.indicators
    raw = data[data["iso3"].isin(countries) & data["indicator"].isin(keys) & (data["year"] >= 2000)]
    assert len(history) == len(raw)
    vnm = history[(history["iso3"] == "VNM") & (history["indicator"] == "internet_users")].set_index("year")["value"]
    src = raw[(raw["iso3"] == "VNM") & (raw["indicator"] == "internet_users")].set_index("year")["value"]
    pd.testing.assert_series_equal(vnm.sort_index(), src.astype(float).sort_index(), check_names=False)
    median = profile.history_median(history, countries, min_n=3)
    assert (median["n"] >= 3).all()
    one = median[(median["indicator"] == "gdp_usd") & (median["year"] == 2010)]["value"].iloc[0]
    assert one == pytest.approx(
        history[(history["indicator"] == "gdp_usd") & (history["year"] == 2010)]["value"].median()
    )


def test_radar_values_are_the_pillar_scores_of_the_decomposition(dataset: Dataset, full: Evaluation) -> None:
    market = full.market
    countries = profile.compared_countries(dataset, ["KOR", "JPN"])
    values, rescaled = profile.radar_values(market, countries)
    assert not rescaled
    finite = values.to_numpy()[np.isfinite(values.to_numpy())]
    assert finite.min() >= 0 and finite.max() <= 1
    assert values.loc["JPN"].isna().all()  # Japan is not an export market: no scores, not zeros
    groups = dataset.catalog["pillar"].reindex(market.contributions.columns)
    for iso3 in ("VNM", "IND", "KOR"):
        for pillar in values.columns:
            columns = groups.index[groups == pillar]
            weight = market.weights.loc[iso3, columns].sum()
            if weight <= 0:
                assert math.isnan(values.at[iso3, pillar])
                continue
            # the weighted sum's pillar score is the pillar's share of the decomposition
            expected = market.contributions.loc[iso3, columns].sum() / weight
            assert values.at[iso3, pillar] == pytest.approx(expected)
            assert values.at[iso3, pillar] == pytest.approx(market.pillars.at[iso3, pillar])


def test_radar_rescales_z_scores(dataset: Dataset) -> None:
    scenario = replace(Scenario.default(dataset), settings=Settings(normalisation="zscore"))
    market = evaluate(dataset, scenario).market
    values, rescaled = profile.radar_values(market, profile.focus_markets(dataset))
    assert rescaled
    finite = values.to_numpy()[np.isfinite(values.to_numpy())]
    assert finite.min() >= 0 and finite.max() <= 1
    # the order of countries on each pillar is kept
    for pillar in values.columns:
        raw = market.pillars[pillar].reindex(values.index).dropna()
        assert list(raw.sort_values().index) == list(values[pillar].dropna().sort_values().index)


def test_ties_with_japan(dataset: Dataset) -> None:
    countries = ["VNM", "PHL", "SGP", "KOR"]
    ties = profile.japan_ties(dataset, countries)
    latest = dataset.latest_values()
    aid = latest[latest["indicator"] == profile.AID_INDICATOR].set_index("iso3")
    assert ties.at["VNM", "aid_usd"] == pytest.approx(aid.at["VNM", "value"])
    assert int(ties.at["VNM", "aid_year"]) == int(aid.at["VNM", "year"])
    assert int(ties.at["SGP", "aid_age"]) > 5  # Singapore's last recorded flow is old, and says so
    assert math.isnan(ties.at["KOR", "aid_usd"]) and ties.at["KOR", "memoranda"] == ()
    assert ties.at["VNM", "memoranda"] == ("2013-09",)
    assert ties.at["PHL", "isdbt"] and ties.at["PHL", "dtt_standard"] == "ISDB-T"
    assert not ties.at["VNM", "isdbt"] and ties.at["VNM", "dtt_source"].startswith("http")


def test_memberships(dataset: Dataset) -> None:
    groups = profile.memberships(dataset, ["VNM", "IND", "KOR"])
    assert groups.at["VNM", "asean"] and not groups.at["IND", "asean"]
    assert groups.at["IND", "g20"] and groups.at["KOR", "oecd"]
    assert groups.at["IND", "income_group"] == dataset.countries.at["IND", "income_group"]


def test_fields_rivals_and_headline(dataset: Dataset, full: Evaluation) -> None:
    fields = list(dataset.fields.index)
    fit = profile.fit_matrix(full.fit, ["VNM", "JPN"], fields)
    pd.testing.assert_series_equal(fit.loc["VNM"], full.fit.fit.loc["VNM", fields].astype(float), check_names=False)
    assert fit.loc["JPN"].isna().all()
    rivals = profile.main_rivals(full.threat, ["VNM", "THA"], fields)
    assert len(rivals) == 2 * len(fields)
    summary = full.threat.summary.set_index(["iso3", "field_id"])
    for _, row in rivals.iterrows():
        assert row["main_rival"] == summary.at[(row["iso3"], row["field_id"]), "main_rival"]
    one = profile.country_fields(dataset, full.fit, full.threat, full.opportunity, "VNM")
    assert list(one.index) == list(dataset.fields.sort_values("phase", kind="stable").index)
    pairs = full.opportunity[full.opportunity["iso3"] == "VNM"].set_index("field_id")
    assert one.at["submarine_cable", "opportunity"] == pytest.approx(pairs.at["submarine_cable", "opportunity"])
    assert int(one.at["submarine_cable", "pair_rank"]) == int(pairs.at["submarine_cable", "rank"])
    detail = profile.rival_detail(dataset, full.threat, "VNM")
    assert "JPN" not in set(detail["rival_id"]) and len(detail) == len(fields) * 5

    head = profile.headline(full.market, full.opportunity, full.threat, "VNM")
    assert head.scored and head.rank == int(full.market.rank["VNM"])
    assert head.score == pytest.approx(full.market.score["VNM"])
    assert head.best_fields == tuple(pairs.sort_values("opportunity", ascending=False).index[:3].astype(str))
    counts = summary.loc["VNM"]["main_rival"].value_counts()
    assert head.main_rival_fields == counts.max() and head.main_rival in set(counts.index[counts == counts.max()])
    assert 0 <= head.main_rival_measured <= head.main_rival_fields and head.n_fields == len(fields)
    assert profile.headline(full.market, full.opportunity, full.threat, "JPN").reason == "outside"
    excluded = str(full.market.excluded.index[0])
    low = profile.headline(full.market, full.opportunity, full.threat, excluded)
    assert low.reason == "excluded" and low.rank is None and 0 <= low.coverage < 1


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_brief_content_is_what_the_html_brief_prints(dataset: Dataset, full: Evaluation, lang: str) -> None:
    brief = profile.brief(dataset, full, "VNM", lang)
    html = export.country_brief_html(dataset, full, "VNM", lang, generated=brief.generated)
    assert brief.rank == int(full.market.rank["VNM"]) and brief.n_ranked == len(full.market.score)
    np.testing.assert_allclose(brief.pillars.iloc[:, 1].to_numpy(dtype=float), full.market.pillars.loc["VNM"])
    for field in brief.fields.iloc[:, 0]:
        assert html_escape(field) in html
    for rival in brief.rivals.iloc[:, 0]:
        assert html_escape(rival) in html
    assert len(brief.data) and all(html_escape(i) in html for i in brief.data.iloc[:, 0])
    # values read as on the country page: GDP in 億ドル / US$ bn, from the same measured number
    gdp = float(full.criteria.raw.at["VNM", "gdp_usd"])
    assert f'<td class="num">{html_escape(format_value(gdp, "US$", lang))}</td>' in html
    assert ("億ドル" if lang == "ja" else "US$") in format_value(gdp, "US$", lang)
    with pytest.raises(export.ExportError):
        profile.brief(dataset, full, "JPN", lang)


def test_brief_fields_show_the_factors_of_the_rule_in_use(dataset: Dataset, full: Evaluation) -> None:
    from strategy.i18n import t
    from strategy.scoring import OpportunityWeights

    col = lambda key: t(f"ex.brief.col.{key}", "en")  # noqa: E731
    fields = profile.brief(dataset, full, "PHL", "en").fields
    assert {col("demand"), col("supply"), col("access")} <= set(fields.columns)
    best = full.opportunity[full.opportunity["iso3"].astype(str) == "PHL"].head(len(fields))
    np.testing.assert_allclose(fields[col("demand")].to_numpy(dtype=float), best["demand"].to_numpy(dtype=float))
    additive = Scenario.default(dataset)
    additive = replace(additive, opportunity_weights=OpportunityWeights(rule="sum"))
    fields = profile.brief(dataset, evaluate(dataset, additive), "PHL", "en").fields
    assert {col("fit"), col("need")} <= set(fields.columns) and col("demand") not in fields.columns
