"""The data behind the Country profile and the ASEAN + India comparison pages (pure pandas).

Nothing here scores: every number is either a measured value of the :class:`Dataset` (with its
year, source and licence) or read from what :mod:`strategy.scoring` produced (market score and
pillars, field fit, rival threat, opportunity). The profile's brief sections come from
:func:`strategy.export.country_brief_content`, the same function the HTML brief is drawn from, so
the page and the downloaded brief always say the same thing.

- :func:`compared_countries`, :func:`parse_codes`: the focus markets (ASEAN-10 + India) plus
  countries a planner adds (e.g. from the URL).
- :func:`pillar_frame`, :func:`radar_values`: pillar scores per country for the radar.
- :func:`indicator_history`, :func:`history_median`: values over time from 2000 for small multiples.
- :func:`latest_indicators`: every catalogue indicator for one country: latest value, unit, year,
  age, source, licence and a status (current / old / missing).
- :func:`memberships`, :func:`japan_ties`: groups and income level; Japan's aid, ministerial ICT
  memoranda and the digital TV standard (ISDB-T or not).
- :func:`fit_matrix`, :func:`main_rivals`, :func:`country_fields`, :func:`rival_detail`,
  :func:`headline`: fields and rivals for one or several countries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from strategy import export
from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from strategy.scenario import Evaluation
from strategy.scoring import MEMBERSHIPS, FieldFit, MarketScores, RivalThreat

#: First year of the history charts.
HISTORY_START = 2000
#: Indicators of the small multiples, in this order (those missing from the catalogue are skipped).
KEY_INDICATORS: tuple[str, ...] = (
    "gdp_usd",
    "gdp_pc_usd",
    "population",
    "gdp_growth",
    "internet_users",
    "mobile_subscriptions",
    "fixed_broadband",
    "secure_servers",
    "wgi_government_effectiveness",
)
#: Japan's net bilateral aid (US$), the measured tie shown with its year.
AID_INDICATOR = "japan_net_aid_usd"
#: Digital TV standards of the Japanese family (ISDB-T and the Brazilian ISDB-Tb).
ISDB_PREFIX = "ISDB"
STATUSES = ("current", "old", "missing")


# --- which countries ----------------------------------------------------------------------------


def focus_markets(dataset: Dataset) -> list[str]:
    """ISO3 codes of the focus markets (ASEAN-10 + India, the ``focus`` flag of the country table)."""
    return [str(i) for i in dataset.focus]


def parse_codes(dataset: Dataset, values: str | Iterable[str] | None) -> tuple[list[str], list[str]]:
    """Country codes from text (``"KOR,chn"``) or a list: (known ISO3 codes in order, unknown ones).

    Codes are trimmed and upper-cased; repeats are dropped; blanks are ignored.
    """
    if values is None:
        return [], []
    items = values.split(",") if isinstance(values, str) else [str(v) for v in values]
    known: list[str] = []
    unknown: list[str] = []
    for item in items:
        code = item.strip().upper()
        if not code or code in known or code in unknown:
            continue
        (known if code in dataset.countries.index else unknown).append(code)
    return known, unknown


def compared_countries(dataset: Dataset, added: Iterable[str] = ()) -> list[str]:
    """The focus markets, then the added countries that are known and not already in the list."""
    out = focus_markets(dataset)
    for code in added:
        if code in dataset.countries.index and code not in out:
            out.append(str(code))
    return out


# --- scores -------------------------------------------------------------------------------------


def pillar_frame(market: MarketScores, countries: Sequence[str]) -> pd.DataFrame:
    """Pillar scores (countries × weighted pillars) as the market score computed them; a country
    that is not scored (outside the universe or left out for low coverage) has a row of NaN."""
    return market.pillars.reindex(index=pd.Index(list(countries), name="iso3")).astype(float)


def radar_values(market: MarketScores, countries: Sequence[str]) -> tuple[pd.DataFrame, bool]:
    """Values for a radar chart in [0, 1]: the pillar scores themselves when they already lie in
    [0, 1] (min-max, rank, TOPSIS), else each pillar rescaled min-max over every scored country
    (z-scores). The flag says whether they were rescaled, so the page can say so."""
    frame = pillar_frame(market, countries)
    every = market.pillars.astype(float)
    finite = every.to_numpy()[np.isfinite(every.to_numpy())]
    if not len(finite) or (finite.min() >= -1e-9 and finite.max() <= 1 + 1e-9):
        return frame.clip(0.0, 1.0), False
    low, high = every.min(), every.max()
    span = (high - low).where(high - low > 0, 1.0)
    return ((frame - low) / span).clip(0.0, 1.0), True


def fit_matrix(fit: FieldFit, countries: Sequence[str], fields: Sequence[str]) -> pd.DataFrame:
    """Field fit 0-1, countries × fields; NaN where there is no fit (no need data, or the country is
    not in the universe)."""
    return fit.fit.reindex(index=pd.Index(list(countries), name="iso3"), columns=list(fields)).astype(float)


def main_rivals(threat: RivalThreat, countries: Sequence[str], fields: Sequence[str]) -> pd.DataFrame:
    """The main rival (highest threat) per country and field, long: iso3, field_id, main_rival
    ('' when nobody is present, NaN when the country was not assessed), main_threat, main_measured."""
    summary = threat.summary.assign(iso3=threat.summary["iso3"].astype(str))
    summary = summary.set_index(["iso3", "field_id"])
    grid = pd.MultiIndex.from_product([list(countries), list(fields)], names=["iso3", "field_id"])
    out = summary.reindex(grid)[["main_rival", "main_threat", "main_measured"]].reset_index()
    out["main_threat"] = out["main_threat"].astype(float)
    return out


def country_fields(
    dataset: Dataset, fit: FieldFit, threat: RivalThreat, opportunity: pd.DataFrame, iso3: str
) -> pd.DataFrame:
    """Every field for one country (phase order): phase, fit and its parts (need, readiness,
    Japan's strength: a judgement), the pair's opportunity and overall rank (NaN when the pair is
    not ranked), the export potential's factors (demand, supply, access; demand_usd and its year
    when the opportunity table has them), the main rival with its threat and whether its presence
    is measured, the basis of that presence (main_basis), Japan's position, the margin and the
    white-space flag."""
    fields = dataset.fields.sort_values("phase", kind="stable")
    out = pd.DataFrame({"phase": fields["phase"].astype(int)}, index=fields.index.rename("field_id"))
    for name, frame in (("fit", fit.fit), ("need", fit.need), ("readiness", fit.readiness)):
        out[name] = frame.loc[iso3].reindex(out.index).astype(float) if iso3 in frame.index else np.nan
    out["strength"] = fit.strength.reindex(out.index).astype(float)
    pairs = opportunity[opportunity["iso3"].astype(str) == iso3].assign(field_id=lambda f: f["field_id"].astype(str))
    pairs = pairs.set_index("field_id")
    out["opportunity"] = pairs["opportunity"].reindex(out.index).astype(float)
    out["pair_rank"] = pairs["rank"].reindex(out.index).astype("Int64")
    # the export potential's factors, and demand in money where the opportunity table has it
    for column in ("demand", "supply", "access", "demand_usd", "demand_usd_year"):
        if column in pairs:
            out[column] = pairs[column].reindex(out.index)
    summary = threat.summary[threat.summary["iso3"].astype(str) == iso3].set_index("field_id")
    for column in (
        "main_rival",
        "main_threat",
        "main_measured",
        "main_basis",
        "japan_position",
        "margin",
        "white_space",
    ):
        out[column] = summary[column].reindex(out.index) if column in summary else np.nan
    return out


def rival_detail(dataset: Dataset, threat: RivalThreat, iso3: str) -> pd.DataFrame:
    """Threat of every rival (not Japan) in every field of one country: rival_id, field_id,
    strength (judgement), presence, measured, evidence, threat."""
    home = set(dataset.rivals.index[dataset.rivals["is_home"] == 1])
    detail = threat.detail[(threat.detail["iso3"].astype(str) == iso3) & ~threat.detail["rival_id"].isin(home)]
    return detail.drop(columns="iso3").reset_index(drop=True)


@dataclass(frozen=True)
class CountryHeadline:
    """One country in a few numbers. ``reason`` says why a country has no market score:
    'excluded' (low data coverage) or 'outside' (not in the universe); None when scored."""

    iso3: str
    reason: str | None
    score: float
    rank: int | None
    n_ranked: int
    coverage: float
    best_fields: tuple[str, ...]
    main_rival: str | None
    main_rival_fields: int
    main_rival_measured: int
    n_fields: int

    @property
    def scored(self) -> bool:
        return self.reason is None


def headline(
    market: MarketScores, opportunity: pd.DataFrame, threat: RivalThreat, iso3: str, n_best: int = 3
) -> CountryHeadline:
    """Market score and rank, the best fields (by opportunity) and the main rival: the rival that is
    the main rival in the most fields of this country (ties: the higher mean threat), with in how
    many of those fields its presence is measured rather than assumed."""
    scored = iso3 in market.score.index
    if scored:
        reason = None
    elif iso3 in market.excluded.index:
        reason = "excluded"
    else:
        reason = "outside"
    coverage = (
        float(market.coverage[iso3])
        if scored
        else float(market.excluded.at[iso3, "coverage"])
        if reason == "excluded"
        else float("nan")
    )
    pairs = opportunity[opportunity["iso3"].astype(str) == iso3]
    best = tuple(str(f) for f in pairs["field_id"].astype(str).head(n_best))
    summary = threat.summary[threat.summary["iso3"].astype(str) == iso3]
    rival = summary["main_rival"].astype("string").str.strip()
    present = summary[rival.notna() & (rival != "")]
    main, count, measured = None, 0, 0
    if len(present):
        counts = present.groupby("main_rival").agg(
            n=("field_id", "size"),
            threat=("main_threat", "mean"),
            measured=("main_measured", lambda s: int(pd.Series(s, dtype=bool).sum())),
        )
        counts = counts.sort_values(["n", "threat"], ascending=False, kind="stable")
        main, count, measured = str(counts.index[0]), int(counts["n"].iloc[0]), int(counts["measured"].iloc[0])
    return CountryHeadline(
        iso3=iso3,
        reason=reason,
        score=float(market.score[iso3]) if scored else float("nan"),
        rank=int(market.rank[iso3]) if scored else None,
        n_ranked=len(market.score),
        coverage=coverage,
        best_fields=best,
        main_rival=main,
        main_rival_fields=count,
        main_rival_measured=measured,
        n_fields=len(summary),
    )


def brief(
    dataset: Dataset, evaluation: Evaluation, iso3: str, lang: Lang = "ja", plan: Any | None = None
) -> export.CountryBrief:
    """The country brief's content (the HTML brief draws the same): see
    :func:`strategy.export.country_brief_content`; raises :class:`strategy.export.ExportError`
    for a country the evaluation does not score."""
    return export.country_brief_content(dataset, evaluation, iso3, lang, plan)


# --- measured data ------------------------------------------------------------------------------


def key_indicators(dataset: Dataset, wanted: Sequence[str] = KEY_INDICATORS) -> list[str]:
    """The ``wanted`` indicators that are in the catalogue and have at least one value."""
    have = set(dataset.indicators["indicator"].astype(str).unique())
    return [i for i in wanted if i in dataset.catalog.index and i in have]


def indicator_history(
    dataset: Dataset, countries: Sequence[str], indicators: Sequence[str], start: int = HISTORY_START
) -> pd.DataFrame:
    """Values over time, long: iso3, indicator, year, value, source_id, from ``start`` on, sorted."""
    data = dataset.indicators
    rows = data[data["iso3"].isin(list(countries)) & data["indicator"].isin(list(indicators)) & (data["year"] >= start)]
    out = pd.DataFrame(
        {
            "iso3": rows["iso3"].astype(str).to_numpy(),
            "indicator": rows["indicator"].astype(str).to_numpy(),
            "year": rows["year"].astype(int).to_numpy(),
            "value": rows["value"].astype(float).to_numpy(),
            "source_id": rows["source_id"].astype(str).to_numpy(),
        }
    )
    return out.sort_values(["indicator", "iso3", "year"], kind="stable").reset_index(drop=True)


def history_median(history: pd.DataFrame, countries: Sequence[str], min_n: int = 1) -> pd.DataFrame:
    """Median per indicator and year over ``countries`` (e.g. the focus markets), with how many
    countries had a value that year: indicator, year, value, n. Years where fewer than ``min_n``
    countries have a value are left out (a median of two countries would mislead)."""
    rows = history[history["iso3"].isin(list(countries))]
    if rows.empty:
        return pd.DataFrame(columns=["indicator", "year", "value", "n"])
    out = rows.groupby(["indicator", "year"], sort=True)["value"].agg(value="median", n="size").reset_index()
    return out[out["n"] >= min_n].reset_index(drop=True)


def latest_indicators(
    dataset: Dataset,
    iso3: str,
    reference_year: int | None = None,
    max_age: int | None = None,
    indicators: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every catalogue indicator (catalogue order) for one country: pillar, the latest value at or
    before ``reference_year`` (as :meth:`Dataset.latest_values`), unit, year, age, its freshness
    ``window`` (years, NaN = no limit; ``max_age`` years for all, or None: each indicator's
    catalogue window), source, publisher, licence and a status: 'current' (within the window, so
    the scoring may use it), 'old' (older: shown but not used) or 'missing' (the source has no
    value for this country)."""
    catalog = dataset.catalog if indicators is None else dataset.catalog.loc[list(indicators)]
    latest = dataset.latest_values(reference_year)
    latest = latest[latest["iso3"].astype(str) == iso3].assign(indicator=lambda f: f["indicator"].astype(str))
    latest = latest.set_index("indicator").reindex(catalog.index)
    source_id = latest["source_id"].astype(object).where(latest["source_id"].notna(), catalog["source_id"])
    source_id = source_id.astype(str)
    sources = dataset.sources
    licence = catalog["licence"].astype(object).where(catalog["licence"].astype(str).str.strip().ne(""))
    licence = licence.fillna(source_id.map(sources["licence"]) if "licence" in sources else "")
    age = latest["age"].astype(float)
    window = dataset.windows(max_age).reindex(catalog.index)
    status = np.where(latest["value"].isna(), "missing", np.where(age > window, "old", "current"))
    out = pd.DataFrame(
        {
            "pillar": catalog["pillar"].astype(str),
            "value": latest["value"].astype(float),
            "unit": catalog["unit"].astype(str),
            "unit_ja": catalog["unit_ja"].astype(str) if "unit_ja" in catalog else catalog["unit"].astype(str),
            "year": latest["year"].astype("Int64"),
            "age": age.astype("Int64"),
            "window": window.astype(float),
            "source_id": source_id,
            "publisher": source_id.map(sources["publisher"]).fillna(""),
            "title": source_id.map(sources["title"]).fillna(""),
            "licence": licence.fillna("").astype(str),
            "status": status,
        },
        index=catalog.index.rename("indicator"),
    )
    return out


def memberships(dataset: Dataset, countries: Sequence[str], groups: Sequence[str] = MEMBERSHIPS) -> pd.DataFrame:
    """Group membership (one bool column per group id), income group, UN region and subregion."""
    c = dataset.countries.reindex(list(countries))
    out = pd.DataFrame(index=pd.Index(list(countries), name="iso3"))
    for group in groups:
        column = f"is_{group}"
        out[group] = c[column].fillna(0).astype(int).eq(1) if column in c else False
    for column in ("income_group", "un_region", "un_subregion"):
        out[column] = c[column].astype(object).where(c[column].notna(), "") if column in c else ""
    return out


def japan_ties(dataset: Dataset, countries: Sequence[str], reference_year: int | None = None) -> pd.DataFrame:
    """Ties with Japan per country: Japan's latest net bilateral aid (value, year, age, source; NaN
    when none is recorded), the ministerial ICT memoranda (dates, quote, source) and the digital TV
    standard (standard, year adopted, cited page; ``isdbt`` when it is ISDB-T or ISDB-Tb)."""
    index = pd.Index(list(countries), name="iso3")
    out = pd.DataFrame(index=index)
    latest = dataset.latest_values(reference_year)
    aid = latest[latest["indicator"].astype(str) == AID_INDICATOR].assign(iso3=lambda f: f["iso3"].astype(str))
    aid = aid.set_index("iso3").reindex(index)
    out["aid_usd"] = aid["value"].astype(float)
    out["aid_year"] = aid["year"].astype("Int64")
    out["aid_age"] = aid["age"].astype("Int64")
    out["aid_source"] = aid["source_id"].astype(object).where(aid["source_id"].notna(), "").astype(str)
    memo = dataset.memoranda.assign(iso3=dataset.memoranda["iso3"].astype(str))
    grouped = memo.sort_values("date", kind="stable").groupby("iso3")
    out["memoranda"] = [tuple(grouped.get_group(i)["date"].astype(str)) if i in grouped.groups else () for i in index]
    out["memorandum_quote"] = [
        "; ".join(grouped.get_group(i)["quote"].astype(str)) if i in grouped.groups else "" for i in index
    ]
    out["memorandum_source"] = [
        str(grouped.get_group(i)["source_id"].iloc[0]) if i in grouped.groups else "" for i in index
    ]
    dtt = dataset.dtt_standards.assign(iso3=dataset.dtt_standards["iso3"].astype(str)).drop_duplicates("iso3")
    dtt = dtt.set_index("iso3").reindex(index)
    out["dtt_standard"] = dtt["standard"].astype(object).where(dtt["standard"].notna(), "").astype(str)
    out["dtt_year"] = dtt["year_adopted"].astype("Int64")
    out["dtt_source"] = dtt["source"].astype(object).where(dtt["source"].notna(), "").astype(str)
    out["isdbt"] = out["dtt_standard"].str.upper().str.startswith(ISDB_PREFIX)
    return out
