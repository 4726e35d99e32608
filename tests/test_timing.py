"""Rivals' timing (strategy.scoring.timing): first movers, momentum, window flags and the optional
momentum factor of the rival threat; the momentum rules' validation."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from strategy.data.dataset import Dataset
from strategy.scenario import Scenario, ScenarioError, evaluate
from strategy.scoring import Universe, rival_threat
from strategy.scoring import timing as tm
from tests.data_helpers import broken_copy, load_issues

RULE = pd.Series({"window_years": 5, "rising_ratio": 1.5, "fading_ratio": 0.67, "fast_ratio": 2.0, "min_level": 0.2})


def _with_timeline(dataset: Dataset, rows: list[dict]) -> Dataset:
    """The bundled data with ``rows`` as the whole timeline (a fresh cache: ``replace``)."""
    base = {"field_id": "", "unit": "cables", "amount_usd": np.nan, "source_id": "telegeography", "detail": ""}
    frame = pd.DataFrame([{**base, **r} for r in rows])
    return replace(dataset, rival_timeline=frame[list(dataset.rival_timeline.columns)])


# --- properties ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slope", [0.1, 0.5, 1.0, 3.0])
@pytest.mark.parametrize("window", [2, 4, 5])
def test_a_series_rising_by_construction_is_rising(slope: float, window: int):
    """A strictly increasing yearly series doubles its window mean or more only if steep enough,
    but it is never steady or fading when the recent mean is at least 1.5 times the earlier one."""
    years = np.arange(2000, 2023)
    values = 1.0 + slope * (years - 2000)
    recent, previous = tm.window_means(years, values, 2022, window, True)
    state, ratio, fast = tm.classify(recent, previous, RULE)
    assert recent > previous
    assert ratio == pytest.approx(recent / previous)
    expected = "rising" if ratio >= 1.5 else "steady"
    assert state == expected
    assert fast == (ratio >= 2.0)
    falling = tm.classify(previous, recent, RULE)  # the same series backwards
    assert falling[0] == ("fading" if previous / recent <= 0.67 else "steady")


def test_first_appearance_is_rising_fast_and_nothing_is_thin():
    years = np.array([2020, 2021])
    recent, previous = tm.window_means(years, np.array([1.0, 1.0]), 2022, 5, True)
    assert tm.classify(recent, previous, RULE) == ("rising", float("inf"), True)
    assert tm.classify(0.0, 0.0, RULE)[0] == "thin"
    # a donor share with no published year in a window cannot be judged
    recent, previous = tm.window_means(np.array([2021]), np.array([0.5]), 2022, 2, False)
    assert np.isnan(previous) and tm.classify(recent, previous, RULE)[0] == "thin"


def test_synthetic_timeline_momentum_and_first_mover(dataset: Dataset):
    """Cables into one country: CHN one a year from 2018 (rising from nothing), USA two before 2018
    and none since (fading), JPN first of all in 1995."""
    rows = [
        {"iso3": "PHL", "rival_id": "CHN", "evidence": "submarine_cable_supplier", "year": y, "value": 1.0}
        for y in range(2018, 2023)
    ]
    rows += [
        {"iso3": "PHL", "rival_id": "USA", "evidence": "submarine_cable_supplier", "year": y, "value": 1.0}
        for y in (2010, 2014, 2016)
    ]
    rows.append({"iso3": "PHL", "rival_id": "JPN", "evidence": "submarine_cable_supplier", "year": 1995, "value": 1.0})
    for row in rows:
        row["field_id"] = "submarine_cable"
    ds = _with_timeline(dataset, rows)
    table = tm.momentum(ds).set_index("rival_id")
    assert table.loc["CHN", "state"] == "rising" and bool(table.loc["CHN", "fast"])
    assert table.loc["USA", "state"] == "fading"
    assert table.loc["JPN", "state"] == "thin"
    first = tm.first_movers(ds).set_index("rival_id")
    assert first.loc["JPN", "first_year"] == 1995 and bool(first.loc["JPN", "first_in_field"])
    assert first.loc["CHN", "first_year"] == 2018 and not bool(first.loc["CHN", "first_in_field"])
    assert bool(first.loc["JPN", "censored"])  # 1995 is the first year of this (tiny) timeline


def test_first_mover_is_the_earliest_measured_year(dataset: Dataset):
    """Brute force: for every (country, actor, evidence) of the bundled timeline, the first year
    is the minimum year with a value above 0, and every field the evidence maps to has it."""
    line = dataset.rival_timeline
    present = line[line["value"] > 0]
    expected = present.groupby(["iso3", "rival_id", "evidence"])["year"].min()
    first = tm.first_movers(dataset)
    fields = tm.evidence_fields(dataset)
    assert len(first) > 1000
    for row in first.sample(400, random_state=1).itertuples():
        assert row.first_year == expected[(row.iso3, row.rival_id, row.evidence)]
        assert row.field_id in fields[row.evidence]
        others = first[(first["iso3"] == row.iso3) & (first["field_id"] == row.field_id)]
        assert row.first_in_field == (row.first_year == others["first_year"].min())


def test_momentum_uses_the_rule_windows(dataset: Dataset):
    """Recompute the momentum of every bundled cable and finance series by hand."""
    line = dataset.rival_timeline
    table = tm.momentum(dataset)
    for evidence in ("submarine_cable_supplier", "china_ict_finance"):
        rule = dataset.momentum_rules.loc[evidence]
        n = int(rule["window_years"])
        rows = line[line["evidence"] == evidence]
        as_of = int(rows["year"].max())
        got = table[table["evidence"] == evidence].set_index(["iso3", "rival_id"])
        for (iso3, rival), series in rows.groupby(["iso3", "rival_id"]):
            by_year = series.groupby("year")["value"].sum()
            recent = sum(by_year.get(y, 0.0) for y in range(as_of - n + 1, as_of + 1)) / n
            previous = sum(by_year.get(y, 0.0) for y in range(as_of - 2 * n + 1, as_of - n + 1)) / n
            assert got.loc[(iso3, rival), "recent"] == pytest.approx(recent)
            assert got.loc[(iso3, rival), "previous"] == pytest.approx(previous)
            assert got.loc[(iso3, rival), "as_of"] == as_of


# --- the momentum factor ---------------------------------------------------------------------------


def test_momentum_off_is_bit_identical(dataset: Dataset):
    """Weight 0 (the default) computes no momentum and leaves every score exactly the snapshot's:
    threat = strength × presence bit for bit, and the scenario's scores equal with and without
    the field."""
    fresh = replace(dataset)
    countries = Universe().select(fresh)
    off = rival_threat(fresh, countries)
    zero = rival_threat(fresh, countries, momentum_weight=0.0)
    assert "timing_momentum" not in fresh._derived  # nothing of the timing was even computed
    detail = off.detail
    assert np.array_equal(detail["threat"].to_numpy(), (detail["strength"] * detail["presence"]).to_numpy())
    pd.testing.assert_frame_equal(off.detail, zero.detail, check_exact=True)
    pd.testing.assert_frame_equal(off.summary, zero.summary, check_exact=True)
    base = Scenario.default(fresh)
    a = evaluate(fresh, base)
    b = evaluate(fresh, replace(base, momentum_weight=0.0))
    pd.testing.assert_frame_equal(a.opportunity, b.opportunity, check_exact=True)


def test_momentum_on_raises_rising_and_lowers_fading_rivals_only(dataset: Dataset):
    countries = Universe().select(dataset)
    off = rival_threat(dataset, countries).detail
    on = rival_threat(dataset, countries, momentum_weight=0.5).detail
    signs = tm.momentum_array(dataset, countries).ravel()
    japan = on["rival_id"].eq("JPN").to_numpy()
    t0, t1 = off["threat"].to_numpy(), on["threat"].to_numpy()
    assert np.array_equal(t0[japan], t1[japan])
    rising, fading = (signs > 0) & ~japan, (signs < 0) & ~japan
    assert rising.any() and fading.any()
    assert np.allclose(t1[rising], np.minimum(t0[rising] * 1.5, 1.0))
    assert np.allclose(t1[fading], t0[fading] * 0.5)
    assert np.array_equal(t0[signs == 0], t1[signs == 0])
    assert (t1 <= 1.0).all()
    with pytest.raises(ValueError):
        rival_threat(dataset, countries, momentum_weight=1.5)


def test_scenario_round_trip_and_range(dataset: Dataset):
    scenario = replace(Scenario.default(dataset), momentum_weight=0.35)
    back = Scenario.from_json(scenario.to_json())
    assert back == scenario and back.momentum_weight == 0.35
    assert Scenario.from_dict({}).momentum_weight == 0.0  # files saved before keep the snapshot
    with pytest.raises(ScenarioError) as info:
        Scenario.from_json(json.dumps({"momentum_weight": 1.5}))
    assert [p[0] for p in info.value.problems] == ["momentum_weight"]


def test_window_flags_need_a_high_rank_and_a_fast_rival(dataset: Dataset):
    evaluation = evaluate(dataset, Scenario.default(dataset))
    table = evaluation.opportunity
    flags = tm.window_flags(dataset, table)
    assert len(flags)
    moving = tm.field_momentum(dataset).set_index(["iso3", "field_id", "rival_id"])
    for row in flags.itertuples():
        assert 1 <= row.country_rank <= tm.TOP_FIELDS
        ranked = table[table["iso3"] == row.iso3].sort_values("opportunity", ascending=False)
        assert row.field_id in list(ranked["field_id"][: tm.TOP_FIELDS])
        assert bool(moving.loc[(row.iso3, row.field_id, row.rival_id), "fast"])
        assert row.rival_id != "JPN"
    assert tm.window_flags(dataset, table, top_fields=0).empty


# --- face validity: public facts ----------------------------------------------------------------------


def _first(dataset: Dataset, iso3: str, field_id: str) -> pd.DataFrame:
    first = tm.first_movers(dataset)
    return first[(first["iso3"] == iso3) & (first["field_id"] == field_id)].set_index("rival_id")


def test_brazil_adopted_isdb_t_in_2006(dataset: Dataset):
    """Brazil chose the Japanese standard (ISDB-Tb) by Presidential Decree 5.820 of 29 June 2006."""
    first = _first(dataset, "BRA", "digital_tv")
    assert first.loc["JPN", "first_year"] == 2006 and bool(first.loc["JPN", "first_in_field"])


def test_philippines_adopted_isdb_t_in_2010(dataset: Dataset):
    """The Philippines' NTC adopted ISDB-T in June 2010 (Memorandum Circular 02-06-2010)."""
    assert _first(dataset, "PHL", "digital_tv").loc["JPN", "first_year"] == 2010


def test_cameroon_cables_europe_first_china_from_2015(dataset: Dataset):
    """SAT-3/WASC (built by Alcatel) reached Cameroon in 2002; China's first cable there is the
    Nigeria-Cameroon Submarine Cable System, built by Huawei Marine and in service in 2015."""
    first = _first(dataset, "CMR", "submarine_cable")
    assert first.loc["EUR", "first_year"] == 2002 and bool(first.loc["EUR", "first_in_field"])
    assert first.loc["CHN", "first_year"] == 2015


def test_china_finance_in_kenya_starts_before_the_fibre_backbone_loan(dataset: Dataset):
    """AidData lists a China Exim Bank loan for Kenya's national optical fibre backbone (2012);
    the first Chinese ICT finance recorded for Kenya is older (2001), so 2012 is not the first year."""
    first = _first(dataset, "KEN", "broadband_mobile")
    line = dataset.rival_timeline
    kenya = line[(line["iso3"] == "KEN") & (line["evidence"] == "china_ict_finance")]
    assert 2012 in set(kenya["year"])
    assert first.loc["CHN", "first_year"] == kenya["year"].min() == 2001


# --- validation ---------------------------------------------------------------------------------------


def test_bad_momentum_rule_rows_are_named(tmp_path):
    folder = broken_copy(
        tmp_path,
        "momentum_rules",
        {
            (0, "fast_ratio"): "1.2",  # below rising_ratio 1.5
            (1, "window_years"): "2.5",
            (2, "rationale_ja"): "",
            (2, "fading_ratio"): "1.0",
        },
    )
    issues = {(i.code, i.row, i.column) for i in load_issues(folder)}
    assert issues == {
        ("err.timing_fast_below_rising", 2, "fast_ratio"),
        ("err.timing_whole_years", 3, "window_years"),
        ("err.required_text", 4, "rationale_ja"),
        ("err.timing_fading_not_below_one", 4, "fading_ratio"),
    }


def test_bad_evidence_and_timeline_rows_are_named(tmp_path):
    folder = broken_copy(tmp_path, "momentum_rules", {(0, "evidence"): "dtt_standard"})
    issues = load_issues(folder)
    assert [(i.code, i.row, i.column) for i in issues] == [("err.bad_choice", 2, "evidence")]
    assert "momentum_rules.csv" in issues[0].message("en") and "行" in issues[0].message("ja")
    folder = broken_copy(tmp_path / "b", "rival_timeline", {(3, "rival_id"): "XXX", (5, "year"): "20x1"})
    found = {(i.code, i.row, i.column) for i in load_issues(folder)}
    assert ("err.bad_reference", 5, "rival_id") in found and ("err.not_year", 7, "year") in found


def test_entry_rivals_name_the_main_rival_its_momentum_and_the_act_soon_flag(dataset: Dataset) -> None:
    """Each chosen pair gets its main rival from the opportunity table, that rival's momentum in
    the pair from the timeline, and act-soon exactly where the window flags mark it."""
    evaluation = evaluate(dataset, Scenario.default(dataset))
    opportunity = evaluation.opportunity
    flags = tm.window_flags(dataset, opportunity)
    pairs = pd.concat([opportunity.head(30)[["iso3", "field_id"]], flags[["iso3", "field_id"]]]).drop_duplicates()
    rows = tm.entry_rivals(dataset, opportunity, pairs)
    assert list(zip(rows["iso3"], rows["field_id"], strict=True)) == list(
        zip(pairs["iso3"].astype(str), pairs["field_id"].astype(str), strict=True)
    )
    main = opportunity.set_index(["iso3", "field_id"])["main_rival"].fillna("").astype(str)
    moving = tm.field_momentum(dataset).set_index(["iso3", "field_id", "rival_id"])["state"]
    flagged = set(zip(flags["iso3"], flags["field_id"], flags["rival_id"], strict=True))
    for row in rows.itertuples():
        assert row.main_rival == main[(row.iso3, row.field_id)]
        assert row.momentum == moving.get((row.iso3, row.field_id, row.main_rival), "")
        assert row.act_soon == ((row.iso3, row.field_id, row.main_rival) in flagged)
    assert rows["act_soon"].sum() == sum(
        (i, f, r) in flagged for i, f, r in zip(rows["iso3"], rows["field_id"], rows["main_rival"], strict=True)
    )
