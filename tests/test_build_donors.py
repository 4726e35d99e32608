"""The indicators and the donor table added from the coastline, ICT trade, DAC and DTT files.

Values are checked against the raw rows themselves and against the numbers that
``shared/data/raw/SOURCES.md`` quotes from the original sources. ``test_build_data`` checks that the
committed files are exactly what the build writes, so these tests read the committed files.
"""

from __future__ import annotations

import pandas as pd
import pytest

from strategy.data.dataset import Dataset
from strategy.data.paths import DATA_DIR, REPO_ROOT

RAW = REPO_ROOT.parent / "shared" / "data" / "raw"
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason=f"raw data not found at {RAW}")


@pytest.fixture(scope="module")
def ind() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "indicators.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def donors() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "donor_presence.csv", keep_default_na=False)


def _values(ind: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return ind[ind["indicator"] == indicator]


def _latest(ind: pd.DataFrame, indicator: str) -> pd.Series:
    sub = _values(ind, indicator).sort_values("year")
    return sub.groupby("iso3")["value"].last()


# --- coastline --------------------------------------------------------------------------------


def test_coastline_is_the_factbook_figure_and_landlocked_is_zero(ind):
    coast = _values(ind, "coastline_km").set_index("iso3")
    for iso3 in ("LAO", "AUT", "MNG", "KAZ"):  # KAZ: the Caspian counts as inland in the Factbook
        assert coast.loc[iso3, "value"] == 0, iso3
    # re-read from the Factbook JSON in SOURCES.md: PHL "36,289 km", IDN "54,716 km", MMR "1,930 km"
    assert coast.loc["PHL", "value"] == 36289
    assert coast.loc["IDN", "value"] == 54716
    assert coast.loc["MMR", "value"] == 1930
    assert set(coast["source_id"]) == {"cia_factbook"}
    assert coast.loc["PHL", "year"] == 2026  # the profile's as_of (2026-01-21)


@needs_raw
def test_coastline_copies_every_raw_number(ind):
    raw = pd.read_csv(RAW / "coastline_by_country.csv", dtype={"iso3": str}).dropna(subset=["iso3", "coastline_km"])
    coast = _values(ind, "coastline_km").set_index("iso3")["value"]
    joined = raw.set_index("iso3")["coastline_km"].reindex(coast.index)
    assert (joined == coast).all()


# --- ICT goods imports ------------------------------------------------------------------------


def test_ict_goods_imports_share_as_published(ind):
    share = _values(ind, "ict_goods_imports_share").set_index(["iso3", "year"])["value"]
    # SOURCES.md: TM.VAL.ICTG.ZS.UN VNM 2020 30.63203; MYS 2021 27.03743
    assert share[("VNM", 2020)] == pytest.approx(30.63203, abs=1e-9)
    assert share[("MYS", 2021)] == pytest.approx(27.03743, abs=1e-9)


@needs_raw
def test_ict_goods_imports_usd_is_share_times_merchandise_imports_to_2020(ind):
    usd = _values(ind, "ict_goods_imports_usd")
    assert usd["year"].max() <= 2020  # two vintages: merchandise imports after 2020 were revised
    assert set(usd["source_id"]) == {"wdi_ict_trade"}
    trade = pd.read_csv(RAW / "wdi_ict_trade_all_countries.csv").set_index(["iso3", "year", "wdi_code"])["value"]
    merch = trade[("VNM", 2020, "TM.VAL.MRCH.CD.WT")]
    got = usd.set_index(["iso3", "year"])["value"][("VNM", 2020)]
    assert got == pytest.approx(30.63203 / 100 * merch, rel=1e-12)
    assert usd["iso3"].nunique() >= 180


# --- ties: memoranda, DTT standard, aid share -------------------------------------------------


def test_memorandum_is_zero_for_every_unlisted_economy(ind, dataset: Dataset):
    memo = _values(ind, "japan_ict_memorandum").set_index("iso3")
    assert memo.loc["MMR", "value"] == 1 and memo.loc["MMR", "year"] == 2013
    assert memo.loc["FRA", "value"] == 0 and memo.loc["FRA", "year"] == 2014  # the seed's date
    assert set(memo["source_id"]) == {"seed_002"}
    assert "JPN" not in memo.index  # Japan is the other party of every memorandum
    assert set(memo.index) == set(dataset.countries.index) - {"JPN"}
    assert int(memo["value"].sum()) == 8
    assert "0 = not listed" in dataset.catalog.loc["japan_ict_memorandum", "name_en"]
    assert "complete" in dataset.catalog.loc["japan_ict_memorandum", "description"]


def test_japan_standard_adopted_from_the_dtt_table(ind):
    flag = _values(ind, "japan_standard_adopted").set_index("iso3")
    assert flag.loc["PHL", "value"] == 1 and flag.loc["PHL", "year"] == 2010
    assert flag.loc["BRA", "value"] == 1  # ISDB-Tb counts as Japan's
    assert flag.loc["THA", "value"] == 0 and flag.loc["IDN", "value"] == 0  # DVB-T2 with a decision year
    assert flag.loc["CUB", "value"] == 0 and flag.loc["MEX", "value"] == 0  # DTMB, ATSC
    # no value: mixed/undecided (KHM), and DVB-T2 rows without a year_adopted (VNM, MYS, MMR)
    for iso3 in ("KHM", "VNM", "MYS", "MMR"):
        assert iso3 not in flag.index, iso3
    dtt = pd.read_csv(DATA_DIR / "dtt_standards.csv", keep_default_na=False)
    dated = dtt[(dtt["year_adopted"] != "") & (dtt["standard"] != "mixed/undecided")]
    assert set(flag.index) == set(dated["iso3"])
    assert set(flag["source_id"]) == {"dtt_curated"}


def test_japan_aid_share_covers_every_aid_recipient(ind):
    share = _values(ind, "japan_aid_share")
    assert share["iso3"].nunique() >= 140
    assert not set(share["iso3"]) & {"SGP", "BRN", "JPN"}
    assert share["value"].between(0, 100).all()
    assert share["year"].min() >= 2007  # a window needs 3 reported years; the file starts in 2005
    assert set(share["source_id"]) == {"dac_donors"}


@needs_raw
def test_japan_aid_share_recomputed_from_raw_rows(ind):
    dac = pd.read_csv(RAW / "dac_net_bilateral_aid_by_donor_recipient.csv")
    rows = dac[(dac["iso3"] == "THA") & dac["year"].between(2019, 2023) & (dac["donor_code"] != "DAC_TOTAL")]
    japan = rows.loc[rows["donor_code"] == "JPN", "value_usd_current"]
    assert (japan < 0).any()  # Thailand repays Japanese loans: the flow is counted in absolute value
    expected = 100 * japan.abs().sum() / rows["value_usd_current"].abs().sum()
    got = _values(ind, "japan_aid_share").set_index(["iso3", "year"])["value"][("THA", 2023)]
    assert got == pytest.approx(expected, rel=1e-12)


# --- donor_presence.csv -----------------------------------------------------------------------


def test_donor_presence_shares(donors):
    assert list(donors.columns) == [
        "iso3",
        "donor",
        "rival_id",
        "year_from",
        "year_to",
        "n_years",
        "flow_usd",
        "all_donors_flow_usd",
        "share",
        "relative",
        "source_id",
    ]
    assert set(donors["donor"]) == {"JPN", "KOR", "USA", "EUR", "AUS"}
    assert set(donors.loc[donors["donor"] == "AUS", "rival_id"]) == {""}
    assert (donors.loc[donors["donor"] != "AUS", "rival_id"] == donors.loc[donors["donor"] != "AUS", "donor"]).all()
    assert set(donors["year_from"]) == {2019} and set(donors["year_to"]) == {2023}
    per_country = donors.groupby("iso3")
    # the five groups cover the eight donors, so the shares add up to 1 (each rounded to 6 decimals)
    assert (per_country["share"].sum() <= 1 + 5 * 0.5e-6).all()
    assert (per_country["relative"].max() == 1.0).all()
    assert (per_country.size() == 5).all()
    assert donors["share"].between(0, 1).all() and donors["relative"].between(0, 1).all()
    assert not set(donors["iso3"]) & {"SGP", "BRN", "JPN"}  # no rows: absent, not zero
    assert donors["iso3"].nunique() >= 130


@needs_raw
def test_donor_presence_recomputed_from_raw_rows(donors):
    dac = pd.read_csv(RAW / "dac_net_bilateral_aid_by_donor_recipient.csv")
    window = dac[(dac["iso3"] == "VNM") & dac["year"].between(2019, 2023) & (dac["donor_code"] != "DAC_TOTAL")]
    vnm = donors[donors["iso3"] == "VNM"].set_index("donor")
    europe = window[window["donor_code"].isin(["EUI", "DEU", "FRA", "GBR"])]["value_usd_current"].abs().sum()
    total = window["value_usd_current"].abs().sum()
    assert vnm.loc["EUR", "flow_usd"] == pytest.approx(europe, abs=0.01)
    assert vnm.loc["JPN", "all_donors_flow_usd"] == pytest.approx(total, abs=0.01)
    assert vnm.loc["JPN", "share"] == pytest.approx(
        window.loc[window["donor_code"] == "JPN", "value_usd_current"].abs().sum() / total, abs=1e-6
    )
    # Japan is the largest of the five in Thailand (60% of the eight donors' flows, 2019-2023)
    assert donors[(donors["iso3"] == "THA") & (donors["donor"] == "JPN")]["relative"].item() == 1.0


def test_donor_presence_is_loaded_and_validated(dataset: Dataset):
    presence = dataset.donor_presence
    assert presence["share"].dtype == float
    assert set(presence["source_id"]) <= set(dataset.sources.index)
    assert set(presence["rival_id"]) - {""} <= set(dataset.rivals.index)
