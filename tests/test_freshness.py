"""Values of a known age: per-indicator freshness windows from the catalogue, and what they leave out."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from strategy.data import catalog_spec
from strategy.data.catalog_spec import DEFAULT_MAX_AGE, ENDED, max_age_of
from strategy.data.dataset import Dataset, load_dataset
from strategy.data.paths import DATA_DIR
from strategy.data.validation import DataValidationError
from strategy.scenario import Scenario, evaluate
from strategy.scoring.criteria import Settings, Universe, freshness_summary, prepare_criteria

REF = 2025
#: three countries, two indicators: hospital beds (catalogue window 10) and GDP (window 5)
ROWS = [
    ("VNM", "hospital_beds", 2018, 2.6),  # 7 years old: inside 10
    ("VNM", "gdp_usd", 2018, 3.0e11),  # 7 years old: outside 5
    ("THA", "hospital_beds", 2024, 2.3),
    ("THA", "gdp_usd", 2024, 5.0e11),
    ("LAO", "gdp_usd", 2025, 1.5e10),  # LAO: hospital beds never measured
]
COUNTRIES = pd.Index(["VNM", "THA", "LAO"])
INDICATORS = ["hospital_beds", "gdp_usd"]


@pytest.fixture(scope="module")
def small(dataset: Dataset) -> Dataset:
    frame = pd.DataFrame(ROWS, columns=["iso3", "indicator", "year", "value"]).assign(source_id="wdi")
    indicators = frame.astype({"iso3": "category", "indicator": "category", "source_id": "category"})
    return replace(dataset, indicators=indicators.astype({"year": np.int16}))


def test_catalogue_windows_are_the_specs(dataset: Dataset):
    assert dataset.catalog.at["hospital_beds", "max_age"] == 10
    assert dataset.catalog.at["gdp_usd", "max_age"] == 5
    assert np.isnan(dataset.catalog.at["japan_ict_memorandum", "max_age"])  # no limit
    for indicator, window in dataset.catalog["max_age"].items():
        expected = max_age_of(str(indicator))
        assert (np.isnan(window) and expected is None) or window == expected, indicator


def test_windows_for_ids_not_in_the_catalogue_are_harmless(dataset: Dataset):
    assert max_age_of("coastline_km") is None and max_age_of("japan_standard_adopted") is None
    assert max_age_of("ict_goods_imports_usd") == 8 and max_age_of("japan_aid_share") == 5
    assert max_age_of("no_such_indicator") == DEFAULT_MAX_AGE
    everything = dataset.latest_values(REF)
    pd.testing.assert_frame_equal(dataset.latest_values(REF, {"coastline_km": None, "no_such": 1}), everything)


def test_ended_series_end_where_the_raw_files_end(dataset: Dataset):
    """An ENDED entry never claims a last year the data contradicts."""
    ended = dataset.catalog["ended"].dropna()
    assert set(ended.index) == set(ENDED) & set(dataset.catalog.index)
    for indicator, year in ended.items():
        assert year == ENDED[indicator].last_year == dataset.catalog.at[indicator, "year_max"]
        assert dataset.catalog.at[indicator, "ended_note"].strip()
    assert "mobile_4g_coverage" not in ENDED  # continued by the ITU file


def test_a_value_seven_years_old_counts_within_a_ten_year_window(small: Dataset):
    criteria = prepare_criteria(small, COUNTRIES, Settings(reference_year=REF), INDICATORS)
    assert criteria.raw.at["VNM", "hospital_beds"] == 2.6
    assert criteria.age.at["VNM", "hospital_beds"] == 7
    assert not criteria.too_old.at["VNM", "hospital_beds"]
    assert criteria.available.at["VNM", "hospital_beds"]


def test_a_value_seven_years_old_is_too_old_for_a_five_year_window(small: Dataset):
    criteria = prepare_criteria(small, COUNTRIES, Settings(reference_year=REF), INDICATORS)
    assert np.isnan(criteria.raw.at["VNM", "gdp_usd"]) and not criteria.available.at["VNM", "gdp_usd"]
    assert criteria.age.at["VNM", "gdp_usd"] == 7 and criteria.too_old.at["VNM", "gdp_usd"]
    assert np.isnan(criteria.age.at["LAO", "hospital_beds"]) and not criteria.too_old.at["LAO", "hospital_beds"]
    summary = freshness_summary(criteria, small)
    assert summary.loc["gdp_usd", ["used", "too_old", "never"]].tolist() == [2, 1, 0]
    assert summary.loc["hospital_beds", ["used", "too_old", "never"]].tolist() == [2, 0, 1]
    assert summary.at["hospital_beds", "window"] == 10 and summary.at["hospital_beds", "latest_year"] == 2024


def test_one_window_for_all_is_the_old_behaviour_by_hand(small: Dataset):
    criteria = prepare_criteria(small, COUNTRIES, Settings(reference_year=REF, max_age=5), INDICATORS)
    expected = pd.DataFrame(
        {"hospital_beds": [np.nan, 2.3, np.nan], "gdp_usd": [np.nan, 5.0e11, 1.5e10]}, index=COUNTRIES
    )
    pd.testing.assert_frame_equal(criteria.raw, expected, check_names=False)
    assert criteria.too_old.loc["VNM"].all() and not criteria.too_old.loc[["THA", "LAO"]].to_numpy().any()


def test_one_window_for_all_matches_a_plain_computation_on_the_real_data(dataset: Dataset):
    countries = Universe().select(dataset)
    criteria = prepare_criteria(dataset, countries, Settings(reference_year=REF, max_age=5))
    rows = dataset.indicators[dataset.indicators["year"] <= REF].astype({"iso3": str, "indicator": str})
    latest = rows.sort_values("year").groupby(["iso3", "indicator"]).tail(1)
    kept = latest[REF - latest["year"] <= 5]
    table = kept.pivot(index="iso3", columns="indicator", values="value")
    expected = table.reindex(index=countries, columns=criteria.raw.columns)
    pd.testing.assert_frame_equal(criteria.raw, expected, check_names=False)


def test_freshness_counts_add_up_to_the_universe(dataset: Dataset):
    countries = Universe().select(dataset)
    for max_age in (None, 5):
        summary = freshness_summary(prepare_criteria(dataset, countries, Settings(max_age=max_age)), dataset)
        assert (summary[["used", "too_old", "never"]].sum(axis=1) == len(countries)).all()
        assert list(summary.index) == list(dataset.catalog.index)
    before = freshness_summary(prepare_criteria(dataset, countries, Settings(reference_year=REF, max_age=5)), dataset)
    after = freshness_summary(prepare_criteria(dataset, countries, Settings(reference_year=REF)), dataset)
    assert after["too_old"].sum() < before["too_old"].sum()
    assert after.at["business_start_days", "too_old"] == 0 < before.at["business_start_days", "too_old"]


def test_old_scenarios_with_one_window_keep_it(dataset: Dataset):
    data = json.loads(Scenario.default(dataset).to_json())
    assert data["settings"]["max_age"] is None  # new scenarios: the catalogue's windows
    data["settings"]["max_age"] = 5  # as every scenario saved before the windows
    old = Scenario.from_json(json.dumps(data))
    assert old.settings.max_age == 5
    criteria = evaluate(dataset, old).criteria
    assert (criteria.windows == 5).all()
    reference = prepare_criteria(dataset, criteria.raw.index, replace(old.settings, max_age=5))
    pd.testing.assert_frame_equal(criteria.raw, reference.raw)


def test_settings_refuse_a_negative_window():
    with pytest.raises(ValueError):
        Settings(max_age=-1)


def test_a_bad_window_in_the_catalogue_is_reported(tmp_path: Path):
    folder = tmp_path / "countries"
    shutil.copytree(DATA_DIR, folder)
    catalog = pd.read_csv(folder / "indicator_catalog.csv", dtype=str, keep_default_na=False)
    catalog.loc[0, "max_age"] = "soon"
    catalog.to_csv(folder / "indicator_catalog.csv", index=False)
    with pytest.raises(DataValidationError) as info:
        load_dataset(folder)
    assert [i.code for i in info.value.issues] == ["err.bad_window"]
    assert info.value.issues[0].row == 2 and info.value.issues[0].column == "max_age"


def test_no_limit_is_written_out_in_the_catalogue_file():
    catalog = pd.read_csv(DATA_DIR / "indicator_catalog.csv", dtype=str, keep_default_na=False).set_index("indicator")
    assert catalog.at["japan_ict_memorandum", "max_age"] == catalog_spec.NO_LIMIT_TEXT
    assert catalog.at["hospital_beds", "max_age"] == "10"


def _workbook(catalog: pd.DataFrame) -> bytes:
    values = pd.DataFrame(
        {"iso3": ["VNM", "THA"], "indicator": catalog["indicator"].iloc[0], "year": [2010, 2024], "value": [1.0, 2.0]}
    ).assign(unit="score")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        values.to_excel(writer, sheet_name="values", index=False)
        catalog.to_excel(writer, sheet_name="catalog", index=False)
    return buffer.getvalue()


@pytest.mark.parametrize(("given", "expected"), [(None, 5.0), ("", 5.0), ("none", np.nan), ("20", 20.0)])
def test_uploaded_indicators_get_their_window_or_the_default(dataset: Dataset, given: str | None, expected: float):
    catalog = pd.DataFrame(
        [
            {
                "indicator": "my_score",
                "name_en": "My score",
                "name_ja": "私のスコア",
                "unit": "score",
                "direction": "1",
                "pillar": "business",
                "transform": "none",
            }
        ]
    )
    if given is not None:
        catalog["max_age"] = given
    updated = dataset.with_indicator_upload("mine.xlsx", _workbook(catalog))
    window = updated.catalog.at["my_score", "max_age"]
    assert (np.isnan(window) and np.isnan(expected)) or window == expected
    criteria = prepare_criteria(updated, pd.Index(["VNM", "THA"]), Settings(reference_year=REF))
    assert bool(criteria.too_old.at["VNM", "my_score"]) == (expected == 5.0)  # VNM's value is 15 years old


def test_an_upload_with_a_bad_window_is_refused(dataset: Dataset):
    catalog = pd.DataFrame(
        [{"indicator": "my_score", "name_en": "My score", "name_ja": "私のスコア", "unit": "score"}]
    ).assign(direction="1", pillar="business", transform="none", max_age="-2")
    with pytest.raises(DataValidationError) as info:
        dataset.with_indicator_upload("mine.xlsx", _workbook(catalog))
    assert "err.bad_window" in [i.code for i in info.value.issues]


def test_age_discount_moves_weight_to_fresher_values(dataset: Dataset):
    from strategy.scoring.market import market_scores

    countries = Universe(memberships=("asean",)).select(dataset)
    plain = market_scores(dataset, prepare_criteria(dataset, countries, Settings(reference_year=REF)))
    off = market_scores(dataset, prepare_criteria(dataset, countries, Settings(reference_year=REF, age_discount=0.0)))
    pd.testing.assert_series_equal(plain.score, off.score)
    criteria = prepare_criteria(dataset, countries, Settings(reference_year=REF, age_discount=0.2))
    discounted = market_scores(dataset, criteria)
    age = criteria.age.where(criteria.available).reindex(plain.weights.index)
    old = (age >= 3) & (plain.weights > 0)
    assert old.to_numpy().any()
    # inside each pillar weight moves to fresher values, so each country's weighted mean age falls
    # (an old value can gain weight only from a still older one in its pillar)
    mean_age = lambda w: (w * age.fillna(0)).sum(axis=1)  # noqa: E731
    assert (mean_age(discounted.weights) <= mean_age(plain.weights) + 1e-9).all()
    assert (discounted.weights[old] < plain.weights[old] - 1e-6).to_numpy().any()
    np.testing.assert_allclose(discounted.weights.sum(axis=1), 1.0)
    with pytest.raises(ValueError):
        Settings(age_discount=1.0)
