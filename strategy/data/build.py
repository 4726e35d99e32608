"""Build the curated data in ``data/countries/`` from the raw files in ``shared/data/raw``.

Usage::

    python -m strategy.data.build                 # raw at ../shared/data/raw, output data/countries
    python -m strategy.data.build --raw DIR --seeds DIR --out DIR

The script reads only the raw files, the seed document 002 (for the ministerial ICT memoranda) and
the hand-curated ``cable_supplier_origin.csv`` (a classification with rationale, kept beside the
output). It writes the measured tables and the map shapes. Output is deterministic: running it twice
gives byte-identical files. Hand-curated judgement tables (``fields.csv``, ``field_drivers.csv``,
``rivals.csv``, ``rival_strength.csv``) are never touched.
"""

from __future__ import annotations

import argparse
import gettext
import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry
from babel import Locale

from strategy.data import build_donors, build_extra, build_timeline
from strategy.data.catalog_spec import ENDED, FRESHNESS, INDICATORS, NO_LIMIT_TEXT, UNIT_JA, max_age_of
from strategy.data.paths import DATA_DIR, REPO_ROOT, STATIC_DIR
from strategy.data.sources_spec import SEED_002, SOURCES

GENERATED_FILES: tuple[str, ...] = (
    "countries.csv",
    "indicators.csv",
    "indicator_catalog.csv",
    "sources.csv",
    "rival_presence.csv",
    "dtt_standards.csv",
    "japan_ict_memoranda.csv",
    "donor_presence.csv",
    "rival_timeline.csv",
)
MAP_FILES: tuple[str, ...] = ("world_110m.json", "world_50m.json", "asia_50m.json", "LICENSE")

FOCUS = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "IND")
FIRST_YEAR = 2000

_MEMO_LEVEL = "ministerial ICT memorandum or similar (閣僚レベルでの覚書締結等)"


def _ja_translator() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])


def build_countries(raw: Path) -> pd.DataFrame:
    """Every economy in the World Bank list or independent in ISO 3166, with names and groups."""
    meta = pd.read_csv(raw / "country_metadata.csv", dtype=str, keep_default_na=False)
    codes = pd.read_csv(raw / "country_codes_datahub.csv", dtype=str, keep_default_na=False)
    codes = codes.rename(columns={"ISO3166-1-Alpha-3": "iso3"}).set_index("iso3")
    meta = meta.join(
        codes[
            [
                "is_independent",
                "Land Locked Developing Countries (LLDC)",
                "Small Island Developing States (SIDS)",
                "Least Developed Countries (LDC)",
            ]
        ],
        on="iso3",
    )
    meta = meta.fillna("")
    is_wb = meta["wb_income_group_fy2025"].ne("") | meta["wb_region"].ne("")
    keep = is_wb | meta["is_independent"].eq("Yes")
    meta = meta[keep].copy()

    ja = _ja_translator()
    names_en, names_ja, ja_src = [], [], []
    for iso3, iso_name, wb_name in zip(meta["iso3"], meta["iso_name"], meta["wb_name"], strict=True):
        country = pycountry.countries.get(alpha_3=iso3)
        if country is not None:
            en = getattr(country, "common_name", None) or country.name
            names_en.append(en)
            names_ja.append(ja.gettext(country.name))
            ja_src.append("pycountry")
        else:
            en = wb_name or iso_name
            names_en.append(en)
            names_ja.append(en)
            ja_src.append("not in pycountry: English name shown")
    # Short Japanese names for tables (ラオス rather than ラオス人民民主共和国) from the Unicode CLDR,
    # through Babel; the official pycountry name stays in name_ja.
    cldr = Locale("ja").territories
    # Kosovo has no ISO 3166 alpha-2 code; CLDR uses the user-assigned XK, as the World Bank does.
    iso2 = [code or ("XK" if iso3 == "XKX" else "") for code, iso3 in zip(meta["iso2"], meta["iso3"], strict=True)]
    short = [cldr.get(code) or long for code, long in zip(iso2, names_ja, strict=True)]
    short_src = ["CLDR (Babel)" if cldr.get(code) else "same as name_ja (no CLDR name)" for code in iso2]
    for i, code in enumerate(iso2):
        if ja_src[i].startswith("not in pycountry") and cldr.get(code):
            names_ja[i], ja_src[i] = cldr[code], "CLDR (Babel): not in pycountry"
    flag = lambda col: meta[col].astype(str).str.strip().isin(["1", "x", "X"]).astype(int)  # noqa: E731
    out = pd.DataFrame(
        {
            "iso3": meta["iso3"],
            "iso2": meta["iso2"],
            "m49": meta["m49"],
            "name_en": names_en,
            "name_ja": names_ja,
            "name_ja_source": ja_src,
            "name_ja_short": short,
            "name_ja_short_source": short_src,
            "un_region": meta["un_region"],
            "un_subregion": meta["un_subregion"],
            "wb_region": meta["wb_region"],
            "income_group": meta["wb_income_group_fy2025"],
            "lending_category": meta["wb_lending_category_fy2025"],
            "is_sovereign": meta["is_independent"].eq("Yes").astype(int),
            "is_asean": flag("is_asean"),
            "is_apec": flag("is_apec"),
            "is_g20": flag("is_g20"),
            "is_g7": flag("is_g7"),
            "is_oecd": flag("is_oecd"),
            "is_brics": flag("is_brics"),
            "is_eu": flag("is_eu_wb"),
            "is_ldc": flag("is_ldc_wb"),
            "is_lldc": flag("Land Locked Developing Countries (LLDC)"),
            "is_sids": flag("Small Island Developing States (SIDS)"),
            "is_fcs": flag("is_fcs_wb"),
            "is_small_state": flag("is_small_state_wb"),
            "focus": meta["iso3"].isin(FOCUS).astype(int),
        }
    )
    return out.sort_values("iso3").reset_index(drop=True)


def _long(frame: pd.DataFrame, value_col: str, indicator: str, source_id: str) -> pd.DataFrame:
    out = frame[["iso3", "year", value_col]].rename(columns={value_col: "value"})
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    out = out.dropna(subset=["value"])
    out["indicator"] = indicator
    out["source_id"] = source_id
    return out


def _wide_source(raw: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(raw / name, dtype={"iso3": str})


def _emdat_affected_share(gap: pd.DataFrame, wdi: pd.DataFrame) -> pd.DataFrame:
    """10-year annual average of people affected by natural disasters, % of population.

    EM-DAT records events, not country-years: a year without a record in the file counts as zero
    people affected, but only for countries with at least one record in the file (others stay
    missing). Epidemics are excluded: they are not natural hazards that disaster ICT addresses.
    """
    cols = [c for c in gap.columns if c.endswith("_affected_annual_number") and not c.startswith("epidemic")]
    affected = gap[["iso3", "year", *cols]].copy()
    has_record = affected[cols].notna().any(axis=1)
    recorded = affected.loc[has_record, "iso3"].unique()
    last_year = int(affected.loc[has_record, "year"].max())
    affected["total"] = affected[cols].sum(axis=1, min_count=1)
    table = affected.pivot_table(index="iso3", columns="year", values="total", aggfunc="sum")
    years = list(range(FIRST_YEAR, last_year + 1))
    table = table.reindex(index=sorted(recorded), columns=years).fillna(0.0)
    rolling = table.T.rolling(window=10, min_periods=10).sum().T / 10.0
    pop = wdi.pivot_table(index="iso3", columns="year", values="SP.POP.TOTL").reindex(
        index=rolling.index, columns=years
    )
    share = (rolling / pop * 100.0).stack().rename("value").reset_index()
    share = share.dropna(subset=["value"])
    share["indicator"] = "disaster_affected_share_10y"
    share["source_id"] = "emdat"
    return share


def _continuations(raw: Path) -> list[pd.DataFrame]:
    """Newer files that continue a series past the old file's last year, each value under its own
    source_id (so indicators.csv names the file it came from)."""
    cpi = _wide_source(raw, "cpi_transparency_international_2019_2024.csv")
    parts = [_long(cpi, "cpi_score", "cpi_score", "cpi_2019")]
    itu = _wide_source(raw, "mobile_coverage_itu_recent.csv")  # long: iso3, year, technology, value
    for technology, indicator in (("3G", "mobile_3g_coverage"), ("4G", "mobile_4g_coverage")):
        parts.append(_long(itu[itu["technology"] == technology], "value", indicator, "itu_mobile_recent"))
    return parts


def build_indicators(raw: Path, memoranda: pd.DataFrame, economies: pd.Index) -> pd.DataFrame:
    """Long table iso3, indicator, year, value, source_id for every indicator of the catalogue."""
    wdi = _wide_source(raw, "wdi_indicators_wide_2000_2025.csv")
    gap = _wide_source(raw, "gapminder_sg_indicators_wide_2000_2025.csv")
    sdg = _wide_source(raw, "sdg_mobile_network_coverage.csv")
    aid = _wide_source(raw, "japan_net_bilateral_aid_by_recipient_wdi.csv")
    wgi = _wide_source(raw, "wgi_worldwide_governance_indicators_1996_2023.csv")
    cpi = _wide_source(raw, "cpi_transparency_international_2012_2018.csv")
    db = _wide_source(raw, "doing_business_rank_2006_2020.csv").rename(columns={"db_report_year": "year"})
    wri = _wide_source(raw, "worldriskindex_2016_2020.csv")
    inform = pd.read_csv(raw / "inform_risk_index_2025.csv").rename(columns={"ISO3": "iso3"})
    inform["year"] = 2025
    cables = build_cable_counts(raw)

    # sources with one column per indicator (iso3, year, <column>...)
    wide = {
        "wdi": wdi,
        "gapminder": gap,
        "sdg_mobile": sdg,
        "wdi_open_numbers": aid,
        "cpi": cpi,
        "doing_business": db,
        "wri": wri,
        "inform": inform,
    }
    parts: list[pd.DataFrame] = []
    for spec in INDICATORS:
        if spec.id in build_extra.READERS:
            parts.append(build_extra.READERS[spec.id](raw))
        elif spec.id == "japan_aid_share":
            parts.append(build_donors.japan_aid_share(raw))
        elif spec.source_id in wide:
            parts.append(_long(wide[spec.source_id], spec.column, spec.id, spec.source_id))
        elif spec.source_id == "wgi":
            sub = wgi[wgi["indicator"] == spec.column]
            parts.append(_long(sub, "estimate", spec.id, "wgi"))
        elif spec.source_id == "telegeography":
            parts.append(_long(cables, "cables", spec.id, "telegeography"))
        elif spec.source_id == "emdat":
            parts.append(_emdat_affected_share(gap, wdi))
        elif spec.source_id == "seed_002":
            parts.append(build_extra.memorandum_flags(memoranda, economies, _seed_year()))
        else:  # pragma: no cover - guarded by the catalogue test
            raise ValueError(f"no reader for source {spec.source_id}")
    parts += _continuations(raw)
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype(int)
    # A country-year in both an old file and its continuation keeps the newer vintage (the
    # continuation comes last). The CPI files do not overlap; the mobile files do not share years.
    out = out.drop_duplicates(["indicator", "iso3", "year"], keep="last")
    # Aid is the one series kept from before 2000 (BRN, SGP: last flow 1995), so the scoring can
    # see that the latest value is stale instead of seeing nothing.
    keep_year = (out["year"] >= FIRST_YEAR) | (out["indicator"] == "japan_net_aid_usd")
    out = out[keep_year & out["iso3"].isin(economies)]
    out = out[np.isfinite(out["value"])]
    out = out[["iso3", "indicator", "year", "value", "source_id"]]
    return out.sort_values(["indicator", "iso3", "year"]).reset_index(drop=True)


def _supplier_origin(data_dir: Path) -> dict[str, str]:
    origin = pd.read_csv(data_dir / "cable_supplier_origin.csv", dtype=str, keep_default_na=False)
    return dict(zip(origin["supplier"].str.strip(), origin["rival_id"].str.strip(), strict=True))


def _cables(raw: Path) -> pd.DataFrame:
    lp = pd.read_csv(raw / "submarine_cables_landing_points.csv", dtype=str, keep_default_na=False)
    lp = lp[lp["iso3"].ne("")]
    return lp.drop_duplicates(["iso3", "cable_id"])[
        ["iso3", "cable_id", "cable_name", "rfs_year", "is_planned", "suppliers"]
    ]


def build_cable_counts(raw: Path) -> pd.DataFrame:
    cables = _cables(raw)
    counts = cables.groupby("iso3").size().rename("cables").reset_index()
    counts["year"] = 2022  # the TeleGeography snapshot (2022-11-11)
    return counts


def build_rival_presence(raw: Path, data_dir: Path, dtt: pd.DataFrame, economies: pd.Index) -> pd.DataFrame:
    """Measured presence of Japan and each rival per country: cables, DTT standard, Chinese finance."""
    origin = _supplier_origin(data_dir)
    cables = _cables(raw)
    rows: list[dict] = []
    for iso3, group in cables.groupby("iso3", sort=True):
        with_supplier = group[group["suppliers"].str.strip().ne("")]
        n_known = len(with_supplier)
        if n_known == 0:
            continue
        by_rival: dict[str, list[str]] = {}
        for _, cable in with_supplier.iterrows():
            rivals = {origin.get(s.strip(), "OTHER") for s in cable["suppliers"].split(",") if s.strip()}
            for rival in rivals:
                by_rival.setdefault(rival, []).append(cable["cable_name"])
        for rival, names in sorted(by_rival.items()):
            if rival == "OTHER":
                continue
            rows.append(
                dict(
                    iso3=iso3,
                    rival_id=rival,
                    field_id="submarine_cable",
                    evidence="submarine_cable_supplier",
                    value=round(len(names) / n_known, 6),
                    unit="share of landing cables with a known supplier",
                    year=2022,
                    source_id="telegeography",
                    detail=f"{len(names)} of {n_known} cables with a known supplier: " + "; ".join(sorted(names)),
                )
            )
    standard_home = {"ISDB-T": "JPN", "ISDB-Tb": "JPN", "DVB-T": "EUR", "DVB-T2": "EUR", "ATSC": "USA", "DTMB": "CHN"}
    for row in dtt.itertuples(index=False):
        rival = standard_home.get(row.standard)
        if rival is None:
            continue
        rows.append(
            dict(
                iso3=row.iso3,
                rival_id=rival,
                field_id="digital_tv",
                evidence="dtt_standard",
                value=1.0,
                unit="standard adopted (1 = yes)",
                year=row.year_adopted,
                source_id="dtt_curated",
                detail=f"{row.standard}: {row.source}",
            )
        )
    china = pd.read_csv(raw / "china_dev_finance_ict_by_recipient.csv", dtype=str, keep_default_na=False)
    china = china[china["iso3"].ne("") & china["recommended_for_research"].eq("TRUE")]
    for iso3, group in china.groupby("iso3", sort=True):
        usd = pd.to_numeric(group["usd_defl_2014"], errors="coerce")
        amount = (
            f"; committed US$ {usd.sum():,.0f} (2014 prices) over {int(usd.notna().sum())} projects with an amount"
            if usd.notna().any()
            else "; no amounts reported"
        )
        rows.append(
            dict(
                iso3=iso3,
                rival_id="CHN",
                field_id="broadband_mobile",
                evidence="china_ict_finance",
                value=float(len(group)),
                unit="Chinese official finance projects in communications, 2000-2014",
                year=int(group["year"].astype(int).max()),
                source_id="aiddata",
                detail=f"{len(group)} projects {group['year'].min()}-{group['year'].max()}{amount}",
            )
        )
    out = pd.DataFrame(rows)
    out = out[out["iso3"].isin(economies)]
    out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    return out.sort_values(["evidence", "iso3", "rival_id"]).reset_index(drop=True)


def build_dtt(raw: Path) -> pd.DataFrame:
    dtt = pd.read_csv(raw / "dtt_standard_by_country.csv", dtype=str, keep_default_na=False)
    dtt["year_adopted"] = pd.to_numeric(dtt["year_adopted"], errors="coerce").astype("Int64")
    dtt["source_id"] = "dtt_curated"
    return dtt.sort_values("iso3").reset_index(drop=True)


def _seed_year() -> int:
    """The year of the seed document 002 (its snapshot date in SOURCES): the date as of which its
    list of memoranda is complete."""
    seed = next(s for s in SOURCES if s["source_id"] == "seed_002")
    return int(seed["snapshot_date"][:4])


def build_memoranda(seeds: Path) -> pd.DataFrame:
    """Parse the ministerial ICT memoranda listed in seed 002 (e.g. ミャンマー（H25.5）).

    Heisei year H is calendar year 1988 + H. Country names are matched to ISO3 through
    pycountry's Japanese names (exact, else the one name that contains the seed's short name).
    """
    text = (seeds / SEED_002).read_text(encoding="utf-8")
    flat = re.sub(r"\s+", "", text)
    sentence = re.search(r"例えば、(.+?)とは、閣僚レベルでの覚書締結等に至っている。", flat)
    if sentence is None:
        raise ValueError(f"{SEED_002}: the memoranda sentence was not found")
    ja = _ja_translator()
    ja_names = {ja.gettext(c.name): c.alpha_3 for c in pycountry.countries}
    rows = []
    for name, heisei, month in re.findall(r"([ァ-ヶー]+)（H(\d+)\.(\d+)）", sentence.group(1)):
        iso3 = ja_names.get(name)
        if iso3 is None:
            hits = [code for label, code in ja_names.items() if name in label]
            if len(hits) != 1:
                raise ValueError(f"{SEED_002}: cannot match {name!r} to one country ({hits})")
            iso3 = hits[0]
        rows.append(
            dict(
                iso3=iso3,
                name_in_source=name,
                date=f"{1988 + int(heisei)}-{int(month):02d}",
                level=_MEMO_LEVEL,
                source_id="seed_002",
                quote=f"{name}（H{heisei}.{month}）",
            )
        )
    return pd.DataFrame(rows).sort_values(["date", "iso3"]).reset_index(drop=True)


def build_catalog(indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: its description, source, plausible range, coverage and freshness.

    ``max_age`` is the indicator's freshness window in years, or ``none`` (no limit); ``ended`` the
    last year of a discontinued series (blank if it goes on), ``ended_note`` what happened and where
    that is said (:data:`~strategy.data.catalog_spec.FRESHNESS`, :data:`~.ENDED`).
    """
    sources = {s["source_id"]: s for s in SOURCES}
    rows = []
    for spec in INDICATORS:
        src = sources[spec.source_id]
        sub = indicators[indicators["indicator"] == spec.id]
        column = f" Raw column: {spec.column}." if spec.column else ""
        # An indicator continued by a newer file has values from more than one source. source_id
        # stays the catalogue's own (one id, as the loader checks); the licence and description
        # name every source with its years, and indicators.csv keeps the source of each value.
        used = [s for s in sources if s in set(sub["source_id"])]
        licence, origin = src["licence"], f"{src['publisher']}: {src['title']}"
        if len(used) > 1:
            years = {s: sub.loc[sub["source_id"] == s, "year"] for s in used}
            span = {s: f"{int(y.min())}-{int(y.max())}" for s, y in years.items()}
            licence = "; ".join(f"{span[s]}: {sources[s]['licence']}" for s in used)
            origin = "; ".join(f"{span[s]} {sources[s]['publisher']}: {sources[s]['title']} ({s})" for s in used)
        rows.append(
            dict(
                indicator=spec.id,
                name_en=spec.name_en,
                name_ja=spec.name_ja,
                unit=spec.unit,
                unit_ja=UNIT_JA[spec.unit],
                direction=spec.direction,
                pillar=spec.pillar,
                theme=spec.theme,
                transform=spec.transform,
                min_value=spec.min_value,
                max_value=spec.max_value,
                source_id=spec.source_id,
                licence=licence,
                description=f"{spec.name_en}. {origin}.{column}{build_extra.DESCRIPTION_NOTES.get(spec.id, '')}",
                n_countries=int(sub["iso3"].nunique()),
                year_min=int(sub["year"].min()),
                year_max=int(sub["year"].max()),
                max_age=_window_text(spec.id),
                max_age_note=FRESHNESS[spec.id].reason if spec.id in FRESHNESS else "default window",
                ended=ENDED[spec.id].last_year if spec.id in ENDED else "",
                ended_note=f"{ENDED[spec.id].note} {ENDED[spec.id].reference}" if spec.id in ENDED else "",
            )
        )
    return pd.DataFrame(rows)


def _window_text(indicator: str) -> str:
    """The catalogue's ``max_age`` cell: years, or ``none`` for no limit (written out, not blank)."""
    window = max_age_of(indicator)
    return NO_LIMIT_TEXT if window is None else str(window)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    # lineterminator fixed so the bytes do not depend on the platform
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def build(raw: Path, seeds: Path, out: Path, static: Path | None = STATIC_DIR) -> list[Path]:
    """Build every generated file into ``out`` (and the map shapes into ``static``)."""
    out.mkdir(parents=True, exist_ok=True)
    countries = build_countries(raw)
    economies = pd.Index(countries["iso3"])
    memoranda = build_memoranda(seeds)
    indicators = build_indicators(raw, memoranda, economies)
    dtt = build_dtt(raw)
    judgement_dir = out if (out / "cable_supplier_origin.csv").exists() else DATA_DIR
    presence = build_rival_presence(raw, judgement_dir, dtt, economies)
    tables = {
        "countries.csv": countries,
        "indicators.csv": indicators,
        "indicator_catalog.csv": build_catalog(indicators),
        "sources.csv": pd.DataFrame(SOURCES),
        "rival_presence.csv": presence,
        "dtt_standards.csv": dtt,
        "japan_ict_memoranda.csv": memoranda,
        "donor_presence.csv": build_donors.build_donor_presence(raw, economies),
        "rival_timeline.csv": build_timeline.build_rival_timeline(
            raw, _cables(raw), _supplier_origin(judgement_dir), dtt, economies
        ),
    }
    written = []
    for name in GENERATED_FILES:
        _write_csv(tables[name], out / name)
        written.append(out / name)
    if static is not None:
        static.mkdir(parents=True, exist_ok=True)
        for name in MAP_FILES:
            shutil.copyfile(raw / "maps" / name, static / name)
            written.append(static / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = REPO_ROOT.parent / "shared"
    parser.add_argument("--raw", type=Path, default=shared / "data" / "raw")
    parser.add_argument("--seeds", type=Path, default=shared / "seeds")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--static", type=Path, default=STATIC_DIR)
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        print(f"raw data folder not found: {args.raw}", file=sys.stderr)
        return 2
    for path in build(args.raw, args.seeds, args.out, args.static):
        print(f"wrote {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
