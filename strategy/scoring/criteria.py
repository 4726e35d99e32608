"""Criteria: which countries are compared and how indicator values become comparable.

:func:`prepare_criteria` picks each indicator's value for the reference year, transforms it,
normalises it across the chosen universe and handles missing values. This is the slow part and
does not depend on weights; the scores (:mod:`strategy.scoring.market`, :mod:`~.fields`,
:mod:`~.rivals`, :mod:`~.opportunities`) combine the prepared matrix with the planner's weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.scoring.gates import GateCheck, check_gates
from strategy.scoring.methods import METHODS, NORMALISATIONS, Method, Normalisation, normalise

MissingPolicy = Literal["drop", "regional_median", "penalise"]
MISSING_POLICIES: tuple[MissingPolicy, ...] = ("drop", "regional_median", "penalise")
MEMBERSHIPS: tuple[str, ...] = ("asean", "apec", "g20", "g7", "oecd", "brics", "eu", "ldc", "lldc", "sids", "fcs")


# --- settings and universe ----------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How indicator values become comparable criteria.

    ``max_age``: values older than this many years before the reference year are treated as
    missing; ``None`` (the default) uses each indicator's own window from the catalogue (its
    ``max_age`` column: 3 years for growth rates, 10 for WHO surveys, no limit for a memorandum),
    an int applies one window to every indicator (how scenarios saved before the catalogue had
    windows behave). ``winsor``: share clipped at each tail before normalising (0 = off).
    ``min_coverage``: a country whose available indicators carry less than this share of the total
    weight is excluded, with the reason stated. ``product_floor``: normalised values are raised to
    at least this before a weighted product, so one worst-in-class indicator does not zero a score.
    ``missing``: "drop" renormalises weights over a country's available indicators (weighted sum;
    TOPSIS and the weighted product use the universe median instead, as they need common weights);
    "regional_median" and "penalise" fill only indicators reported for at least half the universe.
    ``age_discount``: with the weighted sum, a value ``a`` years old keeps ``(1 - age_discount) ** a``
    of its weight inside its pillar (the rest goes to the country's fresher indicators of that
    pillar); 0 (the default) = off. TOPSIS and the weighted product ignore it: they need common weights.
    """

    reference_year: int | None = None
    max_age: int | None = None
    normalisation: Normalisation = "minmax"
    winsor: float = 0.0
    missing: MissingPolicy = "drop"
    min_coverage: float = 0.6
    method: Method = "weighted_sum"
    product_floor: float = 0.01
    age_discount: float = 0.0

    def __post_init__(self) -> None:
        if self.max_age is not None and (isinstance(self.max_age, bool) or self.max_age < 0):
            raise ValueError("max_age must be None (catalogue windows) or a number of years, 0 or more")
        if self.normalisation not in NORMALISATIONS:
            raise ValueError(f"unknown normalisation {self.normalisation!r}")
        if self.missing not in MISSING_POLICIES:
            raise ValueError(f"unknown missing-data policy {self.missing!r}")
        if self.method not in METHODS:
            raise ValueError(f"unknown method {self.method!r}")
        if not 0.0 <= self.age_discount < 1.0:
            raise ValueError("age_discount must be in [0, 1)")
        if not 0.0 <= self.winsor < 0.5:
            raise ValueError("winsor must be in [0, 0.5)")
        if self.method == "weighted_product" and self.normalisation == "zscore":
            raise ValueError("the weighted product needs positive normalised values: use min-max, rank or vector")


@dataclass(frozen=True)
class Universe:
    """Which countries are compared. Empty filters mean 'all'. Memberships match any of the given."""

    regions: tuple[str, ...] = ()
    income_groups: tuple[str, ...] = ()
    memberships: tuple[str, ...] = ()
    focus_only: bool = False
    sovereign_only: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ("JPN",)  # the home market is not an export market

    def select(self, dataset: Dataset) -> pd.Index:
        """The iso3 codes of the countries of ``dataset`` this universe compares, in dataset order."""
        c = dataset.countries
        keep = pd.Series(True, index=c.index)
        if self.sovereign_only:
            keep &= (c["is_sovereign"] == 1) | c.index.isin(["TWN", "HKG", "XKX"])
        if self.regions:
            keep &= c["un_region"].isin(self.regions)
        if self.income_groups:
            keep &= c["income_group"].isin(self.income_groups)
        if self.memberships:
            member = np.zeros(len(c), dtype=bool)
            for group in self.memberships:
                member |= c[f"is_{group}"].to_numpy() == 1
            keep &= member
        if self.focus_only:
            keep &= c["focus"] == 1
        keep |= c.index.isin(self.include)
        keep &= ~c.index.isin(self.exclude)
        return c.index[keep.to_numpy()]


# --- criteria matrix ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    """Indicator values of a universe, ready to be weighted.

    ``normalised`` is oriented 'higher = more of the quantity' (direction +1) for every indicator;
    :func:`oriented` flips columns for a given direction. ``imputed`` marks values filled by the
    missing-data policy; ``available`` marks real values within the staleness window.
    ``age`` is the age in years of each country's latest value at or before the reference year,
    used or not (NaN = never measured); ``too_old`` marks values that exist but are older than
    the indicator's window (``windows``: years per indicator, NaN = no limit), so are not used.
    """

    raw: pd.DataFrame
    year: pd.DataFrame
    source: pd.DataFrame
    age: pd.DataFrame
    too_old: pd.DataFrame
    windows: pd.Series
    normalised: pd.DataFrame
    available: pd.DataFrame
    imputed: pd.DataFrame
    settings: Settings
    reference_year: int
    #: the field gates for these countries and this reference year (they do not depend on weights,
    #: so they are checked once here, with the other slow step)
    gates: GateCheck | None = None


def _transform(values: np.ndarray, kind: str) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "log":
            return np.where(values > 0, np.log(values), np.nan)
        if kind == "log1p":
            return np.where(values >= 0, np.log1p(values), np.nan)
        if kind == "signed_log":
            return np.sign(values) * np.log1p(np.abs(values))
    return values


def prepare_criteria(
    dataset: Dataset,
    countries: pd.Index,
    settings: Settings = Settings(),
    indicators: list[str] | None = None,
) -> Criteria:
    """Latest values within each indicator's freshness window (``settings.max_age``), transformed
    and normalised across ``countries``."""
    indicators = list(dataset.catalog.index) if indicators is None else list(indicators)
    ref = dataset.latest_year if settings.reference_year is None else int(settings.reference_year)
    latest = dataset.latest_values(ref)  # every latest value, so that the too-old ones can be counted
    latest = latest[latest["iso3"].isin(countries) & latest["indicator"].isin(indicators)]
    shape = dict(index=countries, columns=pd.Index(indicators, name="indicator"))
    windows = dataset.windows(settings.max_age).reindex(shape["columns"])
    age = latest.pivot(index="iso3", columns="indicator", values="age").reindex(**shape).astype(float)
    too_old = age.gt(windows, axis=1)  # NaN (no limit, or no value) compares False
    window = latest["indicator"].astype(str).map(windows).to_numpy(dtype=float)
    latest = latest[np.isnan(window) | (latest["age"].to_numpy() <= window)]
    raw = latest.pivot(index="iso3", columns="indicator", values="value").reindex(**shape)
    year = latest.pivot(index="iso3", columns="indicator", values="year").reindex(**shape)
    source = latest.pivot(index="iso3", columns="indicator", values="source_id").reindex(**shape)

    transforms = dataset.catalog.loc[indicators, "transform"].to_numpy()
    x = raw.to_numpy(dtype=float).copy()
    for kind in set(transforms):
        cols = transforms == kind
        x[:, cols] = _transform(x[:, cols], kind)
    if settings.winsor > 0:
        lo = np.nanquantile(x, settings.winsor, axis=0)
        hi = np.nanquantile(x, 1 - settings.winsor, axis=0)
        x = np.clip(x, lo, hi)
    available = ~np.isnan(x)
    n = normalise(x, settings.normalisation)

    imputed = np.zeros_like(available)
    if settings.missing != "drop":
        # only criteria reported for at least half the universe are filled: filling a series that
        # exists for a few countries (e.g. Japan's aid, focus countries only) would rank by the gap
        missing = ~available & (available.mean(axis=0) >= 0.5)
        if settings.missing == "penalise":
            fill = np.broadcast_to(np.nanmin(n, axis=0), n.shape)
        else:
            region = dataset.countries["un_subregion"].reindex(countries).fillna("").to_numpy()
            frame = pd.DataFrame(n, index=region)
            fill = frame.groupby(level=0).transform("median").to_numpy()
            fill = np.where(np.isnan(fill), np.nanmedian(n, axis=0), fill)
        n = np.where(missing, fill, n)
        imputed = missing
    frame = lambda a: pd.DataFrame(a, **shape)  # noqa: E731
    return Criteria(
        raw=raw,
        year=year,
        source=source,
        age=age,
        too_old=too_old,
        windows=windows,
        normalised=frame(n),
        available=frame(available),
        imputed=frame(imputed),
        settings=settings,
        reference_year=ref,
        gates=check_gates(dataset, countries, ref),
    )


def age_factor(criteria: Criteria) -> np.ndarray:
    """Per cell, the share of its weight a value keeps for its age (``Settings.age_discount``):
    ``(1 - discount) ** age``; 1 where the discount is off, for imputed cells and cells without a value."""
    discount = criteria.settings.age_discount
    if discount <= 0:
        return np.ones(criteria.age.shape)
    age = np.where(criteria.available.to_numpy(), np.nan_to_num(criteria.age.to_numpy(dtype=float)), 0.0)
    return (1.0 - discount) ** age


def unit_criteria(criteria: Criteria) -> pd.DataFrame:
    """The criteria on [0, 1] (profit orientation), whatever the chosen normalisation.

    Min-max and rank already are; z-score and vector are rescaled by min-max, a monotone map that
    keeps every comparison. Field fit and opportunity combine scores with judgements on [0, 1].
    """
    if criteria.settings.normalisation in ("minmax", "rank"):
        return criteria.normalised
    return pd.DataFrame(
        normalise(criteria.normalised.to_numpy(), "minmax"),
        index=criteria.normalised.index,
        columns=criteria.normalised.columns,
    )


def freshness_summary(criteria: Criteria, dataset: Dataset) -> pd.DataFrame:
    """Per indicator of ``criteria``, how its freshness window shapes what the scoring sees.

    Columns: ``window`` (years, NaN = no limit), ``used`` (countries of the universe with a value
    within the window), ``too_old`` (a value exists but is older), ``never`` (no value at or
    before the reference year); the three add up to the universe size. ``latest_year`` is the
    indicator's most recent year at or before the reference year in any country, ``ended`` the
    last year of a discontinued series (NaN if it goes on) and ``ended_note`` why.
    """
    measured = criteria.age.notna()
    used = measured & ~criteria.too_old
    ref = criteria.reference_year
    rows = dataset.indicators[dataset.indicators["year"] <= ref]
    latest_year = rows.groupby(rows["indicator"].astype(str))["year"].max()
    columns = criteria.age.columns
    catalog = dataset.catalog.reindex(columns)
    return pd.DataFrame(
        {
            "window": criteria.windows.reindex(columns).astype(float),
            "used": used.sum().astype(int),
            "too_old": criteria.too_old.sum().astype(int),
            "never": (~measured).sum().astype(int),
            "latest_year": latest_year.reindex(columns).astype("Int64"),
            "ended": catalog["ended"].astype(float) if "ended" in catalog else np.nan,
            "ended_note": catalog["ended_note"].fillna("").astype(str) if "ended_note" in catalog else "",
        },
        index=columns,
    )
