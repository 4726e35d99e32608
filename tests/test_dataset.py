"""The loader: bundled data loads, is immutable, and a broken table is reported precisely."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest
from data_helpers import broken_copy, load_issues

from strategy.data.catalog_spec import PILLARS
from strategy.data.dataset import Dataset
from strategy.data.paths import DATA_DIR

FOCUS = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "IND"}


def test_bundled_data_loads(dataset: Dataset):
    assert set(dataset.focus) == FOCUS
    assert dataset.countries["is_sovereign"].sum() >= 190
    assert len(dataset.catalog) >= 35
    assert set(dataset.catalog["pillar"]) == set(PILLARS)
    assert dataset.indicators["year"].min() >= 1995  # aid keeps BRN/SGP's last flow (1995), all else 2000+


def test_dataset_is_frozen(dataset: Dataset):
    with pytest.raises(dataclasses.FrozenInstanceError):
        dataset.indicators = pd.DataFrame()  # type: ignore[misc]


def test_every_indicator_has_data_and_a_source(dataset: Dataset):
    used = set(dataset.indicators["indicator"].astype(str))
    assert used == set(dataset.catalog.index)
    assert set(dataset.indicators["source_id"].astype(str)) <= set(dataset.sources.index)
    assert dataset.sources["licence"].str.len().gt(0).all()


def test_every_value_keeps_source_year_and_licence(dataset: Dataset):
    latest = dataset.latest_values()
    joined = latest.join(dataset.sources["licence"], on="source_id")
    assert joined["licence"].notna().all()
    assert joined["year"].notna().all()


def test_latest_values_respects_reference_year_and_staleness(dataset: Dataset):
    latest = dataset.latest_values(reference_year=2015, max_age=5)
    assert latest["year"].max() <= 2015
    assert latest["age"].between(0, 5).all()
    # Time to start a business stops in 2017 (WDI): with reference 2025 and a 5-year window it is
    # stale everywhere. CPI (to 2024) and mobile coverage (to 2022) are current.
    current = set(dataset.latest_values(2025, max_age=5)["indicator"])
    assert "business_start_days" not in current
    assert {"cpi_score", "mobile_3g_coverage", "mobile_4g_coverage"} <= current
    vnm = dataset.latest_values(2015).set_index(["iso3", "indicator"])
    expected = dataset.indicators.query("iso3 == 'VNM' and indicator == 'gdp_usd' and year <= 2015")["year"].max()
    assert vnm.loc[("VNM", "gdp_usd"), "year"] == expected


def test_coverage_is_age_or_missing(dataset: Dataset):
    coverage = dataset.coverage(2025, countries=dataset.focus)
    assert list(coverage.columns) == list(dataset.catalog.index)
    assert coverage.loc["VNM", "gdp_usd"] >= 0
    # JPN is the donor, never a recipient of Japanese aid
    assert pd.isna(dataset.coverage(2025).loc["JPN", "japan_net_aid_usd"])


def test_judgements_are_complete(dataset: Dataset):
    fields = dataset.fields
    assert len(fields) >= 17
    assert fields["japan_strength"].between(0, 1).all()
    assert set(fields["phase"]) == {1, 2, 3}
    for role in ("need", "readiness"):
        covered = set(dataset.field_drivers.loc[dataset.field_drivers["role"] == role, "field_id"])
        assert covered == set(fields.index), role
    rivals = set(dataset.rivals.index[dataset.rivals["is_home"] == 0])
    pairs = set(zip(dataset.rival_strength["rival_id"], dataset.rival_strength["field_id"], strict=True))
    assert {(r, f) for r in rivals for f in fields.index} <= pairs


def test_measured_rival_presence(dataset: Dataset):
    presence = dataset.rival_presence
    assert {"submarine_cable_supplier", "dtt_standard", "china_ict_finance"} <= set(presence["evidence"])
    dtt = presence[presence["evidence"] == "dtt_standard"].set_index("iso3")
    # the Philippines adopted ISDB-T (Japan), Thailand DVB-T2 (Europe): rows cite their page
    assert dtt.loc["PHL", "rival_id"] == "JPN"
    assert dtt.loc["THA", "rival_id"] == "EUR"
    cables = presence[presence["evidence"] == "submarine_cable_supplier"]
    assert cables["value"].between(0, 1).all()
    assert cables["detail"].str.contains("cables with a known supplier").all()


def test_strength_out_of_range_is_reported(tmp_path: Path):
    issues = load_issues(broken_copy(tmp_path, "fields", {(2, "japan_strength"): "1.5"}))
    assert [(i.file, i.code, i.row, i.column) for i in issues] == [
        ("fields.csv", "err.out_of_range", 4, "japan_strength")
    ]
    assert "fields.csv" in issues[0].message("ja") and "4行目" in issues[0].message("ja")


def test_missing_rationale_and_unknown_reference(tmp_path: Path):
    cells = {(0, "rationale"): "", (1, "field_id"): "teleportation"}
    issues = load_issues(broken_copy(tmp_path, "rival_strength", cells))
    found = {(i.code, i.row, i.column) for i in issues}
    assert ("err.required_text", 2, "rationale") in found
    assert ("err.bad_reference", 3, "field_id") in found


def test_driver_with_unknown_indicator(tmp_path: Path):
    issues = load_issues(broken_copy(tmp_path, "field_drivers", {(0, "indicator"): "happiness"}))
    assert [(i.code, i.row, i.column) for i in issues] == [("err.unknown_indicator", 2, "indicator")]


def test_missing_file_is_named(tmp_path: Path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    (folder / "rivals.csv").unlink()
    issues = load_issues(folder)
    assert [(i.file, i.code) for i in issues] == [("rivals.csv", "err.missing_file")]


def test_bad_indicator_value_in_curated_data(tmp_path: Path):
    issues = load_issues(broken_copy(tmp_path, "indicators", {(5, "value"): "n/a"}))
    assert [(i.code, i.row, i.column) for i in issues] == [("err.not_numeric", 7, "value")]


def test_short_japanese_names_from_cldr(dataset: Dataset):
    names = dataset.countries["name_ja_short"]
    assert names["LAO"] == "ラオス" and names["BRN"] == "ブルネイ"
    assert dataset.countries["name_ja"]["LAO"] == "ラオス人民民主共和国"  # the official pycountry name is kept
    assert names.str.len().gt(0).all()
    assert set(dataset.catalog["unit_ja"].str.len().gt(0)) == {True}


def test_indicator_summary_and_upload_rows(dataset: Dataset):
    summary = dataset.indicator_summary()
    assert list(summary.index) == list(dataset.catalog.index)
    assert summary.loc["gdp_usd", "n_countries"] == dataset.catalog.loc["gdp_usd", "n_countries"]
    assert dataset.uploaded_rows().empty
    content = b"iso3,indicator,year,value,unit\nVNM,internet_users,2025,80.5,% of population\n"
    updated = dataset.with_indicator_upload("u.csv", content)
    rows = updated.uploaded_rows()
    assert rows.loc["internet_users", "rows"] == 1 and not rows.loc["internet_users", "new_indicator"]
    assert updated.indicator_summary().loc["internet_users", "year_max"] == 2025


def test_donor_share_out_of_range_is_reported(tmp_path: Path):
    issues = load_issues(broken_copy(tmp_path, "donor_presence", {(0, "share"): "1.5", (1, "rival_id"): "AUS"}))
    found = {(i.file, i.code, i.row, i.column) for i in issues}
    assert found == {
        ("donor_presence.csv", "err.out_of_range", 2, "share"),
        ("donor_presence.csv", "err.bad_reference", 3, "rival_id"),
    }
