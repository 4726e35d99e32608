"""Rivals' presence by year (``rival_timeline.csv``), from the same raw files as the presence snapshot.

One row per (country, actor, evidence, year) with a measured value, so that the timing analysis
(:mod:`strategy.analysis.rival_timing`) can say who came first and whose presence is rising:

- ``submarine_cable_supplier``: cables landing in the country that entered service that year with a
  supplier from the actor's home economies (``cable_supplier_origin.csv``). TeleGeography's
  ready-for-service year; planned cables (not in service at the 2022-11-11 snapshot) and cables
  without a year or a known supplier are left out: they are not measured presence yet.
- ``china_ict_finance``: Chinese official finance projects in communications committed that year
  (AidData 1.0, 2000-2014, projects recommended for research), with the committed amount in 2014
  US$ where one is reported.
- ``dtt_standard``: the year the country adopted the actor's digital-TV standard, where the curated
  table cites one (a single event, value 1).
- ``dac_aid``: the donor group's share of the eight DAC donors' absolute net bilateral aid that year
  (2005-2023; the same groups and absolute values as ``donor_presence.csv``), with the flow in
  current US$. A group with no published flow in a year where others have one has share 0. Its
  ``field_id`` is blank: donor aid counts in the aid-financed fields (``aid_financed_fields.csv``),
  as in the presence snapshot.

``unit`` is a short code (:data:`UNITS` says what each counts); the app names it in its language.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from strategy.data import build_donors

COLUMNS: tuple[str, ...] = (
    "iso3",
    "rival_id",
    "field_id",
    "evidence",
    "year",
    "value",
    "unit",
    "amount_usd",
    "source_id",
    "detail",
)
#: What ``value`` counts, per ``unit`` code.
UNITS: dict[str, str] = {
    "cables": "cables entering service that year with a supplier of this actor",
    "projects": "Chinese official finance projects in communications committed that year",
    "adopted": "standard adopted that year (1 = yes)",
    "aid_share": "share of the eight DAC donors' absolute net bilateral aid that year",
}
#: Digital-TV standard -> the actor whose standard it is (as in the presence snapshot).
STANDARD_HOME: dict[str, str] = {
    "ISDB-T": "JPN",
    "ISDB-Tb": "JPN",
    "DVB-T": "EUR",
    "DVB-T2": "EUR",
    "ATSC": "USA",
    "DTMB": "CHN",
}
_MAX_NAMES = 3  # cable or project names written into ``detail`` (the rest are counted)


def _names(names: list[str]) -> str:
    names = sorted(names)
    more = f" (+{len(names) - _MAX_NAMES})" if len(names) > _MAX_NAMES else ""
    return "; ".join(names[:_MAX_NAMES]) + more


def cable_rows(cables: pd.DataFrame, origin: dict[str, str]) -> pd.DataFrame:
    """Cables entering service per (country, supplier's actor, year); ``cables`` has one row per
    (iso3, cable) with rfs_year, is_planned and suppliers as TeleGeography publishes them."""
    year = pd.to_numeric(cables["rfs_year"], errors="coerce")
    live = cables[year.notna() & cables["is_planned"].ne("True") & cables["suppliers"].str.strip().ne("")]
    rows: dict[tuple[str, str, int], list[str]] = {}
    for iso3, name, rfs, suppliers in zip(
        live["iso3"], live["cable_name"], year[live.index].astype(int), live["suppliers"], strict=True
    ):
        actors = {origin.get(s.strip(), "OTHER") for s in suppliers.split(",") if s.strip()} - {"OTHER"}
        for actor in actors:
            rows.setdefault((iso3, actor, int(rfs)), []).append(name)
    return pd.DataFrame(
        [
            dict(
                iso3=iso3,
                rival_id=actor,
                field_id="submarine_cable",
                evidence="submarine_cable_supplier",
                year=rfs,
                value=float(len(names)),
                unit="cables",
                amount_usd=np.nan,
                source_id="telegeography",
                detail=_names(names),
            )
            for (iso3, actor, rfs), names in rows.items()
        ]
    )


def china_rows(raw: Path) -> pd.DataFrame:
    """Chinese ICT finance projects per (country, commitment year), recommended for research."""
    china = pd.read_csv(raw / "china_dev_finance_ict_by_recipient.csv", dtype=str, keep_default_na=False)
    china = china[china["iso3"].ne("") & china["recommended_for_research"].eq("TRUE")]
    rows = []
    for (iso3, year), group in china.groupby(["iso3", "year"], sort=True):
        usd = pd.to_numeric(group["usd_defl_2014"], errors="coerce")
        rows.append(
            dict(
                iso3=iso3,
                rival_id="CHN",
                field_id="broadband_mobile",
                evidence="china_ict_finance",
                year=int(year),
                value=float(len(group)),
                unit="projects",
                amount_usd=round(float(usd.sum()), 2) if usd.notna().any() else np.nan,
                source_id="aiddata",
                detail=_names(list(group["title"].str.strip())),
            )
        )
    return pd.DataFrame(rows)


def dtt_rows(dtt: pd.DataFrame) -> pd.DataFrame:
    """The adoption year of a standard, where the curated table cites one."""
    rows = []
    for row in dtt.itertuples(index=False):
        actor = STANDARD_HOME.get(row.standard)
        if actor is None or pd.isna(row.year_adopted):
            continue
        rows.append(
            dict(
                iso3=row.iso3,
                rival_id=actor,
                field_id="digital_tv",
                evidence="dtt_standard",
                year=int(row.year_adopted),
                value=1.0,
                unit="adopted",
                amount_usd=np.nan,
                source_id="dtt_curated",
                detail=f"{row.standard}: {row.source}",
            )
        )
    return pd.DataFrame(rows)


def dac_rows(raw: Path) -> pd.DataFrame:
    """Each donor group's yearly share of the eight DAC donors' absolute net bilateral aid."""
    dac = build_donors.read_single_donors(raw)
    flows = dac.groupby(["iso3", "year", "group"])["flow"].sum().unstack("group")
    flows = flows.reindex(columns=list(build_donors.DONOR_GROUPS)).fillna(0.0)
    total = flows.sum(axis=1)
    flows, total = flows[total > 0], total[total > 0]
    share = flows.div(total, axis=0)
    rows = []
    for group, rival in build_donors.RIVAL_OF_GROUP.items():
        if not rival:  # Australia: in the denominator only
            continue
        rows.append(
            pd.DataFrame(
                {
                    "iso3": share.index.get_level_values("iso3"),
                    "rival_id": rival,
                    "field_id": "",
                    "evidence": "dac_aid",
                    "year": share.index.get_level_values("year").astype(int),
                    "value": share[group].round(6).to_numpy(),
                    "unit": "aid_share",
                    "amount_usd": flows[group].round(2).to_numpy(),
                    "source_id": build_donors.SOURCE_ID,
                    "detail": "",
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def build_rival_timeline(
    raw: Path, cables: pd.DataFrame, origin: dict[str, str], dtt: pd.DataFrame, economies: pd.Index
) -> pd.DataFrame:
    """Every measured (country, actor, evidence, year) value of the four sources, sorted."""
    parts = [cable_rows(cables, origin), china_rows(raw), dtt_rows(dtt), dac_rows(raw)]
    out = pd.concat([p for p in parts if len(p)], ignore_index=True)
    out = out[out["iso3"].isin(economies)]
    out["year"] = out["year"].astype(int)
    out = out.sort_values(["evidence", "iso3", "rival_id", "year"], kind="stable")
    return out[list(COLUMNS)].reset_index(drop=True)
