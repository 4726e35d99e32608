"""Readers for the indicators added from the coastline, ICT trade and DTT files.

Each reader returns the long frame iso3, year, value, indicator, source_id that
:func:`strategy.data.build.build_indicators` concatenates. Every value is read (or computed by a
plain product) from a file in ``shared/data/raw``; nothing is typed here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

#: The ICT goods share (older open-numbers vintage) and the merchandise imports (2026-07 WDI) agree
#: only up to 2020: SOURCES.md found the 2021-2024 merchandise values revised between vintages.
ICT_IMPORTS_LAST_YEAR = 2020
#: The standards that count as Japan's (ISDB-Tb is the Brazilian variant of ISDB-T).
JAPAN_STANDARDS = ("ISDB-T", "ISDB-Tb")
#: The other standards a row can record; "mixed/undecided" is neither.
OTHER_STANDARDS = ("DVB-T", "DVB-T2", "ATSC", "DTMB")

#: Caveats appended to the catalogue description of an indicator (why a value is what it is).
DESCRIPTION_NOTES: dict[str, str] = {
    "coastline_km": (
        " Landlocked countries have 0 km. The Factbook counts the Caspian and Aral Seas as inland, so"
        " AZE, KAZ, TKM and UZB are 0 km (landlocked) and Iran's figure excludes its Caspian shore."
        " Year = the year the profile was last refreshed (as_of), not a CIA data date."
    ),
    "ict_goods_imports_usd": (
        f" Computed as TM.VAL.ICTG.ZS.UN / 100 x TM.VAL.MRCH.CD.WT (same country and year), for years up"
        f" to {ICT_IMPORTS_LAST_YEAR} only: the two series come from different WDI vintages and merchandise"
        f" imports after {ICT_IMPORTS_LAST_YEAR} were revised between them."
    ),
    "japan_standard_adopted": (
        " 1 = ISDB-T or ISDB-Tb recorded in dtt_standards.csv, 0 = DVB-T, DVB-T2, ATSC or DTMB; no value"
        " where the standard is mixed/undecided or the row has no year_adopted. Year = year_adopted."
    ),
    "japan_ict_memorandum": (
        " The seed's list is taken as complete as of its date (2014): every economy not listed has 0 in"
        " 2014; a listed country has 1 from the year signed. Japan itself has no value."
    ),
    "japan_aid_share": (
        " Japan's share of the absolute net bilateral aid of eight DAC donors (JPN, KOR, USA, DEU, FRA,"
        " GBR, EU institutions, AUS), summed over the 5 years ending in the value's year (at least 3"
        " reported years). Absolute values: a negative net flow is loan repayment to the donor, an"
        " active aid relationship, not an absent one. DAC_TOTAL (all DAC donors) is not used."
    ),
}


def _long(frame: pd.DataFrame, value_col: str, indicator: str, source_id: str) -> pd.DataFrame:
    out = frame[["iso3", "year", value_col]].rename(columns={value_col: "value"})
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    out = out.dropna(subset=["value", "iso3"])
    out["indicator"] = indicator
    out["source_id"] = source_id
    return out


def coastline_km(raw: Path) -> pd.DataFrame:
    """Coastline length in km from the CIA World Factbook (0 for landlocked countries)."""
    coast = pd.read_csv(raw / "coastline_by_country.csv", dtype={"iso3": str, "as_of": str})
    coast["year"] = coast["as_of"].str[:4].astype(int)
    return _long(coast, "coastline_km", "coastline_km", "cia_factbook")


def _ict_trade(raw: Path, code: str) -> pd.DataFrame:
    trade = pd.read_csv(raw / "wdi_ict_trade_all_countries.csv", dtype={"iso3": str, "wdi_code": str})
    return trade.loc[trade["wdi_code"] == code, ["iso3", "year", "value"]]


def ict_goods_imports_share(raw: Path) -> pd.DataFrame:
    """ICT goods imports, % of total goods imports (TM.VAL.ICTG.ZS.UN), as published."""
    return _long(_ict_trade(raw, "TM.VAL.ICTG.ZS.UN"), "value", "ict_goods_imports_share", "wdi_ict_trade")


def ict_goods_imports_usd(raw: Path) -> pd.DataFrame:
    """ICT goods imports in current US$: the ICT share of goods imports times merchandise imports.

    Only for years up to :data:`ICT_IMPORTS_LAST_YEAR`: the share comes from an older open-numbers
    snapshot and merchandise imports from the 2026-07 WDI, whose values after 2020 were revised, so
    a later product would mix two vintages of the same year.
    """
    share = _ict_trade(raw, "TM.VAL.ICTG.ZS.UN").rename(columns={"value": "share"})
    merch = _ict_trade(raw, "TM.VAL.MRCH.CD.WT").rename(columns={"value": "merch"})
    both = share.merge(merch, on=["iso3", "year"], how="inner")
    both = both[both["year"] <= ICT_IMPORTS_LAST_YEAR]
    both["usd"] = both["share"] / 100.0 * both["merch"]
    return _long(both, "usd", "ict_goods_imports_usd", "wdi_ict_trade")


def japan_standard_adopted(raw: Path) -> pd.DataFrame:
    """1 where the DTT file records ISDB-T/ISDB-Tb, 0 for another standard, in the year adopted.

    Mixed/undecided rows and rows without a year_adopted get no value (the year is the decision
    year; a service launch date is not a substitute).
    """
    dtt = pd.read_csv(raw / "dtt_standard_by_country.csv", dtype=str, keep_default_na=False)
    dtt["year"] = pd.to_numeric(dtt["year_adopted"], errors="coerce")
    known = dtt[dtt["standard"].isin(JAPAN_STANDARDS + OTHER_STANDARDS) & dtt["year"].notna()].copy()
    known["flag"] = known["standard"].isin(JAPAN_STANDARDS).astype(int)
    return _long(known, "flag", "japan_standard_adopted", "dtt_curated")


def memorandum_flags(memoranda: pd.DataFrame, economies: pd.Index, seed_year: int) -> pd.DataFrame:
    """1 for each memorandum in the year signed; 0 in ``seed_year`` for every other economy.

    The seed lists the memoranda as of its date, so a country it does not list had none then.
    Japan is the other party of every memorandum, so it gets no value.
    """
    signed = memoranda.assign(year=memoranda["date"].str[:4].astype(int), flag=1)
    others = economies[~economies.isin(signed["iso3"]) & (economies != "JPN")]
    unsigned = pd.DataFrame({"iso3": others, "year": seed_year, "flag": 0})
    return _long(pd.concat([signed, unsigned], ignore_index=True), "flag", "japan_ict_memorandum", "seed_002")


#: Indicator id -> reader of the raw folder, for the indicators of this module.
READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "coastline_km": coastline_km,
    "ict_goods_imports_share": ict_goods_imports_share,
    "ict_goods_imports_usd": ict_goods_imports_usd,
    "japan_standard_adopted": japan_standard_adopted,
}
