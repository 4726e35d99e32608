"""The build script: reproducible, and the committed data is exactly what it produces."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pytest

from strategy.data.build import GENERATED_FILES, MAP_FILES, build
from strategy.data.paths import DATA_DIR, REPO_ROOT, STATIC_DIR

SHARED = REPO_ROOT.parent / "shared"
RAW = SHARED / "data" / "raw"

pytestmark = pytest.mark.skipif(not RAW.is_dir(), reason=f"raw data not found at {RAW}: cannot rebuild (CI has it)")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    outs = []
    for name in ("a", "b"):
        out = tmp_path_factory.mktemp(name)
        (out / "cable_supplier_origin.csv").write_bytes((DATA_DIR / "cable_supplier_origin.csv").read_bytes())
        build(RAW, SHARED / "seeds", out, out / "static")
        outs.append(out)
    return outs[0], outs[1]


def test_build_is_byte_identical_twice(two_builds):
    a, b = two_builds
    for name in GENERATED_FILES:
        assert filecmp.cmp(a / name, b / name, shallow=False), name


def test_committed_data_matches_a_fresh_build(two_builds):
    a, _ = two_builds
    for name in GENERATED_FILES:
        assert filecmp.cmp(a / name, DATA_DIR / name, shallow=False), (
            f"{name} is stale: run python -m strategy.data.build"
        )
    for name in MAP_FILES:
        assert filecmp.cmp(a / "static" / name, STATIC_DIR / name, shallow=False), name


def test_memoranda_from_seed(two_builds):
    memo = pd.read_csv(two_builds[0] / "japan_ict_memoranda.csv")
    got = dict(zip(memo["iso3"], memo["date"], strict=True))
    assert got == {
        "MMR": "2013-05",
        "BWA": "2013-07",
        "LKA": "2013-07",
        "BRA": "2013-07",
        "VNM": "2013-09",
        "LAO": "2013-09",
        "IDN": "2013-09",
        "PHL": "2014-01",
    }


def test_values_are_copied_not_invented(two_builds):
    """Spot-check against the raw files: same number, same year, for a few series."""
    ind = pd.read_csv(two_builds[0] / "indicators.csv").set_index(["iso3", "indicator", "year"])["value"]
    wdi = pd.read_csv(RAW / "wdi_indicators_wide_2000_2025.csv").set_index(["iso3", "year"])
    assert ind[("VNM", "gdp_usd", 2020)] == wdi.loc[("VNM", 2020), "NY.GDP.MKTP.CD"]
    inform = pd.read_csv(RAW / "inform_risk_index_2025.csv").set_index("ISO3")
    assert ind[("PHL", "inform_natural_hazard", 2025)] == inform.loc["PHL", "Natural"]
    wgi = pd.read_csv(RAW / "wgi_worldwide_governance_indicators_1996_2023.csv")
    row = wgi[(wgi.iso3 == "IDN") & (wgi.year == 2023) & (wgi.indicator == "ge")].iloc[0]
    assert ind[("IDN", "wgi_government_effectiveness", 2023)] == row["estimate"]


def test_newer_files_continue_cpi_and_mobile_coverage_with_their_own_source(two_builds):
    """The 2019+ files extend series that used to stop in 2018; each value names its own file.
    Mobile values are those re-read in shared/data/raw/SOURCES.md; CPI 2024 is TI's results table."""
    ind = pd.read_csv(two_builds[0] / "indicators.csv").set_index(["iso3", "indicator", "year"])
    expected = {
        ("VNM", "mobile_4g_coverage", 2022): (99.85, "itu_mobile_recent"),
        ("MMR", "mobile_4g_coverage", 2022): (94.34, "itu_mobile_recent"),
        ("PHL", "mobile_4g_coverage", 2021): (80.0, "itu_mobile_recent"),
        ("VNM", "cpi_score", 2024): (40.0, "cpi_2019"),
    }
    for key, (value, source_id) in expected.items():
        assert ind.loc[key, "value"] == pytest.approx(value), key
        assert ind.loc[key, "source_id"] == source_id, key
    # the older years keep the older file as their source
    assert ind.loc[("VNM", "mobile_4g_coverage", 2018), "source_id"] == "sdg_mobile"
    assert ind.loc[("VNM", "cpi_score", 2018), "source_id"] == "cpi"
    catalog = pd.read_csv(two_builds[0] / "indicator_catalog.csv").set_index("indicator")
    assert catalog.loc["cpi_score", "year_max"] == 2024
    assert catalog.loc["mobile_4g_coverage", "year_max"] == 2022
    assert "cpi_2019" in catalog.loc["cpi_score", "description"]
    assert "itu_mobile_recent" in catalog.loc["mobile_3g_coverage", "description"]


def test_countries_have_japanese_names_from_pycountry(two_builds):
    countries = pd.read_csv(two_builds[0] / "countries.csv", keep_default_na=False).set_index("iso3")
    assert countries.loc["VNM", "name_ja"] == "ベトナム"
    assert countries.loc["IDN", "name_ja"] == "インドネシア"
    assert (countries["name_ja"] != "").all()
    assert countries["is_sovereign"].sum() >= 190
