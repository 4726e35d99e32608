"""Scores: which market, which field, which competitor.

The flow is two steps so that a weight change is cheap:

1. :func:`prepare_criteria` picks each indicator's value for the reference year, transforms it,
   normalises it across the chosen universe and handles missing values. This is the slow part and
   does not depend on weights.
2. :func:`market_scores`, :func:`field_fit`, :func:`rival_threat` and :func:`opportunity` combine
   the prepared matrix with the planner's weights. They are pure numpy on a countries × indicators
   matrix (no loops over countries).

Methods follow the usual MCDA definitions and agree with ``pymcdm`` on complete data (tests
check it): weighted sum (WSM), weighted product (WPM) and TOPSIS (Hwang & Yoon 1981).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from strategy.data.catalog_spec import PILLARS
from strategy.data.dataset import Dataset

Normalisation = Literal["minmax", "zscore", "rank", "vector"]
MissingPolicy = Literal["drop", "regional_median", "penalise"]
Method = Literal["weighted_sum", "weighted_product", "topsis"]
NORMALISATIONS: tuple[Normalisation, ...] = ("minmax", "zscore", "rank", "vector")
MISSING_POLICIES: tuple[MissingPolicy, ...] = ("drop", "regional_median", "penalise")
METHODS: tuple[Method, ...] = ("weighted_sum", "weighted_product", "topsis")
MEMBERSHIPS: tuple[str, ...] = ("asean", "apec", "g20", "g7", "oecd", "brics", "eu", "ldc", "lldc", "sids", "fcs")


# --- settings and universe ----------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How indicator values become comparable criteria.

    ``max_age``: values older than this many years before the reference year are treated as
    missing. ``winsor``: share clipped at each tail before normalising (0 = off).
    ``min_coverage``: a country whose available indicators carry less than this share of the total
    weight is excluded, with the reason stated. ``product_floor``: normalised values are raised to
    at least this before a weighted product, so one worst-in-class indicator does not zero a score.
    ``missing``: "drop" renormalises weights over a country's available indicators (weighted sum;
    TOPSIS and the weighted product use the universe median instead, as they need common weights);
    "regional_median" and "penalise" fill only indicators reported for at least half the universe.
    """

    reference_year: int | None = None
    max_age: int = 5
    normalisation: Normalisation = "minmax"
    winsor: float = 0.0
    missing: MissingPolicy = "drop"
    min_coverage: float = 0.6
    method: Method = "weighted_sum"
    product_floor: float = 0.01

    def __post_init__(self) -> None:
        if self.normalisation not in NORMALISATIONS:
            raise ValueError(f"unknown normalisation {self.normalisation!r}")
        if self.missing not in MISSING_POLICIES:
            raise ValueError(f"unknown missing-data policy {self.missing!r}")
        if self.method not in METHODS:
            raise ValueError(f"unknown method {self.method!r}")
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
    """

    raw: pd.DataFrame
    year: pd.DataFrame
    source: pd.DataFrame
    normalised: pd.DataFrame
    available: pd.DataFrame
    imputed: pd.DataFrame
    settings: Settings
    reference_year: int


def _transform(values: np.ndarray, kind: str) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "log":
            return np.where(values > 0, np.log(values), np.nan)
        if kind == "log1p":
            return np.where(values >= 0, np.log1p(values), np.nan)
        if kind == "signed_log":
            return np.sign(values) * np.log1p(np.abs(values))
    return values


def normalise(x: np.ndarray, kind: Normalisation) -> np.ndarray:
    """Normalise each column of ``x`` (profit orientation), ignoring NaN.

    minmax: (x - min) / (max - min), a constant column gives 1 (as pymcdm).
    zscore: (x - mean) / std (population std; a constant column gives 0).
    rank: (rank - 1) / (n - 1) with average ranks for ties, in [0, 1].
    vector: x / sqrt(sum x^2) (as pymcdm).
    """
    x = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        if kind == "minmax":
            empty = np.isnan(x).all(axis=0)
            safe = np.where(empty, 0.0, x)
            lo = np.where(empty, 0.0, np.nanmin(np.where(np.isnan(x), np.inf, safe), axis=0))
            hi = np.where(empty, 0.0, np.nanmax(np.where(np.isnan(x), -np.inf, safe), axis=0))
            span = hi - lo
            return np.where(span > 0, (x - lo) / np.where(span > 0, span, 1.0), np.where(np.isnan(x), np.nan, 1.0))
        if kind == "zscore":
            mean, std = np.nanmean(x, axis=0), np.nanstd(x, axis=0)
            return np.where(std > 0, (x - mean) / np.where(std > 0, std, 1.0), np.where(np.isnan(x), np.nan, 0.0))
        if kind == "rank":
            frame = pd.DataFrame(x)
            ranks = frame.rank(axis=0, method="average").to_numpy()
            n = frame.notna().sum(axis=0).to_numpy()
            return np.where(n > 1, (ranks - 1) / np.where(n > 1, n - 1, 1), np.where(np.isnan(x), np.nan, 1.0))
        if kind == "vector":
            norm = np.sqrt(np.nansum(x**2, axis=0))
            return x / np.where(norm > 0, norm, 1.0)
    raise ValueError(f"unknown normalisation {kind!r}")


def oriented(normalised: np.ndarray, direction: np.ndarray, kind: Normalisation) -> np.ndarray:
    """Flip cost columns (direction -1) so that higher is always better (pymcdm's cost rule)."""
    cost = np.asarray(direction) < 0
    flipped = -normalised if kind == "zscore" else 1.0 - normalised
    return np.where(cost, flipped, normalised)


def prepare_criteria(
    dataset: Dataset,
    countries: pd.Index,
    settings: Settings = Settings(),
    indicators: list[str] | None = None,
) -> Criteria:
    """Latest values within the staleness window, transformed and normalised across ``countries``."""
    indicators = list(dataset.catalog.index) if indicators is None else list(indicators)
    ref = int(dataset.indicators["year"].max()) if settings.reference_year is None else int(settings.reference_year)
    latest = dataset.latest_values(ref, settings.max_age)
    latest = latest[latest["iso3"].isin(countries) & latest["indicator"].isin(indicators)]
    shape = dict(index=countries, columns=pd.Index(indicators, name="indicator"))
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
        normalised=frame(n),
        available=frame(available),
        imputed=frame(imputed),
        settings=settings,
        reference_year=ref,
    )


# --- weights ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarketWeights:
    """Pillar weights and indicator weights inside each pillar (both renormalised when used).

    Indicators not named in ``indicators`` get weight 1 inside their pillar; weight 0 leaves one out.
    """

    pillars: Mapping[str, float] = field(default_factory=lambda: {p: 1.0 for p in PILLARS if p != "need"})
    indicators: Mapping[str, float] = field(default_factory=dict)

    def indicator_vector(self, catalog: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Per-indicator (pillar weight, weight inside pillar) aligned with ``catalog``."""
        pillar_w = catalog["pillar"].map(lambda p: float(self.pillars.get(p, 0.0))).to_numpy(dtype=float)
        inner = np.array([float(self.indicators.get(i, 1.0)) for i in catalog.index])
        if (pillar_w < 0).any() or (inner < 0).any():
            raise ValueError("weights must be non-negative")
        return pillar_w, inner


def effective_weights(
    available: np.ndarray, groups: np.ndarray, group_w: np.ndarray, inner_w: np.ndarray
) -> np.ndarray:
    """Row-normalised weights per country, renormalising within each group over available columns.

    ``groups`` labels each column (e.g. its pillar), ``group_w`` is the group's weight for that
    column and ``inner_w`` the column's weight inside its group. A group with nothing available
    drops out and the remaining groups share its weight. Each row sums to 1 (or 0 if empty).
    """
    a = available.astype(float) * inner_w
    labels, codes = np.unique(groups, return_inverse=True)
    onehot = np.zeros((len(groups), len(labels)))
    onehot[np.arange(len(groups)), codes] = 1.0
    inner_sum = a @ onehot  # countries × groups
    gw = np.zeros(len(labels))
    np.maximum.at(gw, codes, group_w)
    group_present = (inner_sum > 0) * gw
    group_total = group_present.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share_in_group = a / (inner_sum @ onehot.T)
        group_share = group_present / group_total
    w = np.nan_to_num(share_in_group) * np.nan_to_num(group_share @ onehot.T)
    return w


# --- aggregation --------------------------------------------------------------------------------


def aggregate(x: np.ndarray, w: np.ndarray, method: Method, product_floor: float = 0.0) -> np.ndarray:
    """Score each row of the oriented matrix ``x`` with row weights ``w`` (rows sum to 1).

    Missing cells (NaN) carry weight 0. For TOPSIS the ideal and anti-ideal are the column max and
    min of the weighted matrix (pymcdm's definition); missing cells add no distance.
    """
    x = np.where(w > 0, x, np.nan)
    if method == "weighted_sum":
        return np.nansum(w * x, axis=1)
    if method == "weighted_product":
        base = np.maximum(np.nan_to_num(x, nan=1.0), product_floor)
        with np.errstate(divide="ignore"):
            return np.exp(np.sum(np.where(w > 0, w * np.log(base), 0.0), axis=1))
    if method == "topsis":
        v = w * x
        present = ~np.isnan(v)
        pis = np.max(np.where(present, v, -np.inf), axis=0)
        nis = np.min(np.where(present, v, np.inf), axis=0)
        d_plus = np.sqrt(np.nansum((v - pis) ** 2, axis=1))
        d_minus = np.sqrt(np.nansum((v - nis) ** 2, axis=1))
        total = d_plus + d_minus
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, d_minus / total, 0.5)
    raise ValueError(f"unknown method {method!r}")


@dataclass(frozen=True)
class MarketScores:
    """Market attractiveness of every country in the universe, with its decomposition.

    ``contributions`` (countries × indicators) is the effective weight times the oriented
    normalised value: for the weighted sum its row sums equal ``score`` exactly; for the weighted
    product and TOPSIS it shows which indicators pull a country up, but the score is not its sum.
    ``excluded`` lists countries left out for low coverage, with the reason.
    """

    score: pd.Series
    rank: pd.Series
    pillars: pd.DataFrame
    contributions: pd.DataFrame
    weights: pd.DataFrame
    coverage: pd.Series
    excluded: pd.DataFrame
    criteria: Criteria
    method: Method

    def table(self) -> pd.DataFrame:
        """Ranked table: rank, score, coverage and pillar scores, best first."""
        out = pd.concat(
            [self.rank.rename("rank"), self.score.rename("score"), self.coverage.rename("coverage"), self.pillars],
            axis=1,
        )
        return out.sort_values("rank")


def market_scores(dataset: Dataset, criteria: Criteria, weights: MarketWeights = MarketWeights()) -> MarketScores:
    """Score every country of ``criteria`` on market attractiveness."""
    settings = criteria.settings
    catalog = dataset.catalog.loc[criteria.normalised.columns]
    pillar_w, inner_w = weights.indicator_vector(catalog)
    used = (pillar_w > 0) & (inner_w > 0)
    direction = catalog["direction"].to_numpy()
    x = oriented(criteria.normalised.to_numpy(), direction, settings.normalisation)
    have = ~np.isnan(x) & used
    if settings.method != "weighted_sum":
        # TOPSIS and the weighted product compare every country on the same criteria with the same
        # weights: renormalising per country would move the ideal point with each country's gaps.
        # A missing cell takes the universe median of that criterion (neutral) instead.
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            median = np.nanmedian(np.where(have, x, np.nan), axis=0)
        fill = ~have & used & have.any(axis=0)
        x = np.where(fill, median, x)
        have = ~np.isnan(x) & used
    real = criteria.available.to_numpy() & used
    groups = catalog["pillar"].to_numpy()
    w = effective_weights(have, groups, pillar_w * used, inner_w * used)

    # coverage: share of the total intended weight carried by real (not imputed) values
    full = effective_weights(np.broadcast_to(used, x.shape), groups, pillar_w * used, inner_w * used)[0]
    coverage = (real * full).sum(axis=1)
    keep = coverage >= settings.min_coverage - 1e-12
    score = aggregate(x, w, settings.method, settings.product_floor)

    index = criteria.normalised.index
    names = catalog.index.to_numpy()
    missing_names = [", ".join(names[(~real[i]) & used]) for i in np.flatnonzero(~keep)]
    excluded = pd.DataFrame({"coverage": coverage[~keep], "missing": missing_names}, index=index[~keep])
    pillar_scores = {}
    for p in PILLARS:
        cols = groups == p
        if not cols.any() or pillar_w[cols].max() <= 0:
            continue
        wp = effective_weights(have[:, cols], groups[cols], pillar_w[cols], inner_w[cols])
        pillar_scores[p] = aggregate(x[:, cols], wp, settings.method, settings.product_floor)
        pillar_scores[p][~have[:, cols].any(axis=1)] = np.nan
    pillars = pd.DataFrame(pillar_scores, index=index).loc[keep]
    scores = pd.Series(score, index=index, name="market_score").loc[keep]
    contributions = pd.DataFrame(np.where(w > 0, w * np.nan_to_num(x), 0.0), index=index, columns=catalog.index).loc[
        keep
    ]
    return MarketScores(
        score=scores,
        rank=scores.rank(ascending=False, method="min").astype(int),
        pillars=pillars,
        contributions=contributions,
        weights=pd.DataFrame(w, index=index, columns=catalog.index).loc[keep],
        coverage=pd.Series(coverage, index=index, name="coverage").loc[keep],
        excluded=excluded,
        criteria=criteria,
        method=settings.method,
    )


# --- field fit ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FitWeights:
    """How need, readiness and Japan's strength combine into a field's fit for a country."""

    need: float = 0.45
    readiness: float = 0.25
    strength: float = 0.30


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


def _driver_matrices(dataset: Dataset, role: str, indicators: pd.Index) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Fields × indicators weight matrices for positive and negative drivers of one role."""
    drivers = dataset.field_drivers[dataset.field_drivers["role"] == role]
    fields = dataset.fields.index
    pos = np.zeros((len(fields), len(indicators)))
    neg = np.zeros_like(pos)
    f_idx = fields.get_indexer(drivers["field_id"])
    i_idx = indicators.get_indexer(drivers["indicator"])
    ok = (f_idx >= 0) & (i_idx >= 0)
    target_pos = drivers["direction"].to_numpy() > 0
    np.add.at(pos, (f_idx[ok & target_pos], i_idx[ok & target_pos]), drivers["weight"].to_numpy()[ok & target_pos])
    np.add.at(neg, (f_idx[ok & ~target_pos], i_idx[ok & ~target_pos]), drivers["weight"].to_numpy()[ok & ~target_pos])
    return fields, pos, neg


def _driver_score(unit: np.ndarray, pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """Countries × fields weighted mean of drivers over the available ones (NaN when none)."""
    have = ~np.isnan(unit)
    filled = np.nan_to_num(unit)
    numerator = filled @ pos.T + ((1.0 - filled) * have) @ neg.T
    denominator = have.astype(float) @ (pos + neg).T
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


@dataclass(frozen=True)
class FieldFit:
    """Fit of every field for every country: need, readiness (own and prerequisites), strength."""

    need: pd.DataFrame
    readiness: pd.DataFrame
    strength: pd.Series
    fit: pd.DataFrame
    weights: FitWeights

    def long(self) -> pd.DataFrame:
        """One row per (iso3, field_id) with need, readiness, strength and fit."""
        parts = {"need": self.need, "readiness": self.readiness, "fit": self.fit}
        out = pd.concat({k: v.stack(future_stack=True) for k, v in parts.items()}, axis=1)
        out.index.names = ["iso3", "field_id"]
        out = out.reset_index()
        out["strength"] = out["field_id"].map(self.strength)
        return out


#: Fields that sell one broadcasting standard. Where a country has adopted another standard
#: (a cited row of ``dtt_standards``) there is no need for ours: need 0. Where nothing is recorded
#: the need is unknown (NaN: the pair leaves the ranking like any pair without need data), since
#: the indicators alone would rank a country that switched to another standard long ago as a market.
STANDARD_FIELDS: dict[str, tuple[str, ...]] = {"digital_tv": ("ISDB-T", "ISDB-Tb")}
#: Recorded standards that leave the market open (no final choice yet).
OPEN_STANDARDS: tuple[str, ...] = ("mixed/undecided",)


def standard_status(dataset: Dataset, countries: pd.Index, field_id: str) -> pd.Series:
    """Per country, for a field of :data:`STANDARD_FIELDS`: 'ours' (adopted the field's standard),
    'other' (adopted another one), 'open' (undecided or mixed) or 'unknown' (nothing recorded)."""
    ours = STANDARD_FIELDS[field_id]
    adopted = dataset.dtt_standards.drop_duplicates("iso3").set_index("iso3")["standard"].reindex(countries)
    status = np.select(
        [adopted.isin(ours), adopted.isin(OPEN_STANDARDS), adopted.notna()], ["ours", "open", "other"], "unknown"
    )
    return pd.Series(status, index=countries, name="standard_status")


def field_fit(
    dataset: Dataset,
    criteria: Criteria,
    weights: FitWeights = FitWeights(),
    japan_strength: pd.Series | None = None,
) -> FieldFit:
    """Fit per (country, field) from the field's need drivers, readiness prerequisites and strength.

    Readiness of a phase 2 or 3 field averages its own readiness drivers with the readiness of the
    phase 1 fields it needs (``prerequisite_fields``). ``japan_strength`` overrides the judgement
    table (the planner's edits). The need of a field that sells a standard follows the recorded
    adoption (:data:`STANDARD_FIELDS`).
    """
    unit = unit_criteria(criteria)
    indicators = unit.columns
    x = unit.to_numpy()
    fields, need_pos, need_neg = _driver_matrices(dataset, "need", indicators)
    _, ready_pos, ready_neg = _driver_matrices(dataset, "readiness", indicators)
    need = _driver_score(x, need_pos, need_neg)
    for field_id in set(STANDARD_FIELDS) & set(fields):
        status = standard_status(dataset, unit.index, field_id).to_numpy()
        j = fields.get_loc(field_id)
        need[:, j] = np.where(status == "other", 0.0, np.where(status == "unknown", np.nan, need[:, j]))
    own_ready = _driver_score(x, ready_pos, ready_neg)

    prereq = np.zeros((len(fields), len(fields)))
    for i, text in enumerate(dataset.fields["prerequisite_fields"]):
        for ref in filter(None, (s.strip() for s in text.split(";"))):
            prereq[i, fields.get_loc(ref)] = 1.0
    n_prereq = prereq.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        prereq_ready = np.nan_to_num(own_ready) @ prereq.T / np.where(n_prereq > 0, n_prereq, 1.0)
    # a phase 2/3 field: half its own readiness, half the readiness of the phase 1 fields it needs
    has_prereq = n_prereq > 0
    readiness = np.where(
        has_prereq & ~np.isnan(own_ready),
        0.5 * own_ready + 0.5 * prereq_ready,
        np.where(has_prereq, prereq_ready, own_ready),
    )

    strength = dataset.fields["japan_strength"] if japan_strength is None else japan_strength.reindex(fields)
    s = np.broadcast_to(strength.to_numpy(dtype=float), need.shape)
    parts = np.stack([need, readiness, s])
    w = np.array([weights.need, weights.readiness, weights.strength])[:, None, None]
    have = ~np.isnan(parts)
    with np.errstate(invalid="ignore", divide="ignore"):
        fit = np.nansum(parts * w, axis=0) / (have * w).sum(axis=0)
    fit = np.where(np.isnan(need), np.nan, fit)  # no need data: no fit (not readiness and strength alone)
    frame = lambda a: pd.DataFrame(a, index=unit.index, columns=fields)  # noqa: E731
    return FieldFit(need=frame(need), readiness=frame(readiness), strength=strength, fit=frame(fit), weights=weights)


def fit_decomposition(dataset: Dataset, criteria: Criteria, field_id: str, iso3: str) -> pd.DataFrame:
    """The drivers behind one (field, country) fit: raw value, year, oriented [0,1] value, weight."""
    unit = unit_criteria(criteria)
    drivers = dataset.field_drivers[dataset.field_drivers["field_id"] == field_id].copy()
    drivers["raw"] = [criteria.raw.at[iso3, i] for i in drivers["indicator"]]
    drivers["year"] = [criteria.year.at[iso3, i] for i in drivers["indicator"]]
    drivers["imputed"] = [bool(criteria.imputed.at[iso3, i]) for i in drivers["indicator"]]
    value = np.array([unit.at[iso3, i] for i in drivers["indicator"]], dtype=float)
    drivers["value"] = np.where(drivers["direction"].to_numpy() > 0, value, 1.0 - value)
    drivers["share"] = drivers["weight"] * ~np.isnan(value)
    drivers["share"] = drivers["share"] / drivers.groupby("role")["share"].transform("sum")
    drivers["contribution"] = drivers["share"] * np.nan_to_num(drivers["value"])
    return drivers.reset_index(drop=True)


# --- competitors --------------------------------------------------------------------------------

#: Evidence types that describe the whole market (so a rival without a row is measured absent),
#: as opposed to evidence about one rival only (absence there means 'not measured').
WHOLE_MARKET_EVIDENCE: tuple[str, ...] = ("submarine_cable_supplier", "dtt_standard")


@dataclass(frozen=True)
class RivalThreat:
    """Threat per (country, field, rival) and Japan's position against the main rival.

    ``detail`` is long: iso3, field_id, rival_id, strength (judgement), presence, measured (bool),
    evidence, threat. ``summary`` has one row per (iso3, field_id): main_rival, main_threat,
    japan_presence, japan_measured, japan_position, margin, white_space. ``wide`` holds the same
    values as countries × (column, field) for fast alignment.
    """

    detail: pd.DataFrame
    summary: pd.DataFrame
    wide: pd.DataFrame
    presence_default: float
    white_space_threshold: float


def rival_threat(
    dataset: Dataset,
    countries: pd.Index,
    presence_default: float = 0.5,
    white_space_threshold: float = 0.3,
    japan_strength: pd.Series | None = None,
) -> RivalThreat:
    """Rival threat = judged strength in the field × measured presence in the country.

    Where no evidence covers a (country, field, rival), presence is ``presence_default`` and the row
    is flagged ``measured = False`` so the UI can say it is assumed.
    """
    fields = dataset.fields.index
    actors = dataset.rivals.index
    home = dataset.rivals.index[dataset.rivals["is_home"] == 1]
    grid = pd.MultiIndex.from_product([countries, fields, actors], names=["iso3", "field_id", "rival_id"])
    presence = pd.Series(np.nan, index=grid)
    evidence = pd.Series("", index=grid, dtype=object)

    rows = dataset.rival_presence[dataset.rival_presence["iso3"].isin(countries)]
    measured_value = rows.assign(value=np.minimum(rows["value"].to_numpy(), 1.0))
    whole = measured_value[measured_value["evidence"].isin(WHOLE_MARKET_EVIDENCE)]
    covered = whole[["iso3", "field_id"]].drop_duplicates()
    if len(covered):
        keys = pd.MultiIndex.from_frame(covered)
        mask = pd.MultiIndex.from_arrays([grid.get_level_values(0), grid.get_level_values(1)]).isin(keys)
        presence[mask] = 0.0
        evidence[mask] = "measured absent"
    china = measured_value[~measured_value["evidence"].isin(WHOLE_MARKET_EVIDENCE)].assign(value=1.0)
    for frame in (whole, china):
        agg = frame.groupby(["iso3", "field_id", "rival_id"]).agg(
            value=("value", "max"), evidence=("evidence", "first")
        )
        agg = agg[agg.index.isin(grid)]
        presence.loc[agg.index] = agg["value"].to_numpy()
        evidence.loc[agg.index] = agg["evidence"].to_numpy()
    measured = presence.notna()
    presence = presence.fillna(presence_default)

    strength = dataset.rival_strength.set_index(["rival_id", "field_id"])["strength"]
    japan = dataset.fields["japan_strength"] if japan_strength is None else japan_strength
    for h in home:
        for f in fields:
            strength.loc[(h, f)] = float(japan.get(f, np.nan))
    pair = pd.MultiIndex.from_arrays([grid.get_level_values(2), grid.get_level_values(1)])
    s = strength.reindex(pair).to_numpy()
    detail = pd.DataFrame(
        {
            "strength": s,
            "presence": presence.to_numpy(),
            "measured": measured.to_numpy(),
            "evidence": evidence.to_numpy(),
        },
        index=grid,
    )
    detail["threat"] = detail["strength"] * detail["presence"]
    detail = detail.reset_index()

    rivals_only = detail[~detail["rival_id"].isin(home)]
    best = rivals_only.loc[rivals_only.groupby(["iso3", "field_id"], sort=False)["threat"].idxmax()]
    summary = best.set_index(["iso3", "field_id"])[["rival_id", "threat", "measured"]]
    summary.columns = ["main_rival", "main_threat", "main_measured"]
    summary.loc[summary["main_threat"] <= 0, "main_rival"] = ""  # nobody present: no main rival
    jp = detail[detail["rival_id"].isin(home)].set_index(["iso3", "field_id"])
    summary["japan_presence"] = jp["presence"]
    summary["japan_measured"] = jp["measured"]
    summary["japan_position"] = jp["threat"]
    summary["margin"] = summary["japan_position"] - summary["main_threat"]
    summary["white_space"] = summary["main_threat"] < white_space_threshold
    wide = summary.unstack("field_id").reindex(index=countries).reindex(columns=fields, level=1)
    return RivalThreat(
        wide=wide,
        detail=detail,
        summary=summary.reset_index(),
        presence_default=presence_default,
        white_space_threshold=white_space_threshold,
    )


# --- opportunity --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpportunityWeights:
    """How market, field fit and competitive position combine; ``rule`` is 'sum' or 'product'."""

    market: float = 0.35
    fit: float = 0.45
    position: float = 0.20
    rule: Literal["sum", "product"] = "sum"


def opportunity(
    market: MarketScores,
    fit: FieldFit,
    threat: RivalThreat,
    weights: OpportunityWeights = OpportunityWeights(),
) -> pd.DataFrame:
    """Opportunity per (country, field), one row each, best first.

    The market score is rescaled to [0, 1] across the scored universe (min-max) before combining,
    so methods with different ranges combine the same way. Competitive position is
    ``0.5 + 0.5 × margin`` (margin = Japan's position minus the main rival's threat, in [-1, 1]).
    Countries excluded from the market score (low coverage) and pairs without need data are not in
    the table.
    """
    w = np.array([weights.market, weights.fit, weights.position], dtype=float)
    if (w < 0).any() or w.sum() <= 0:
        raise ValueError("opportunity weights must be non-negative and not all zero")
    w = w / w.sum()
    countries = market.score.index
    fields = fit.fit.columns
    m = market.score.to_numpy()
    span = m.max() - m.min()
    market_unit = (m - m.min()) / span if span > 0 else np.ones_like(m)
    rows = fit.fit.index.get_indexer(countries)
    wide = threat.wide.reindex(countries)
    margin = wide["margin"].to_numpy(dtype=float)
    position = np.clip(0.5 + 0.5 * margin, 0.0, 1.0)
    fit_values = fit.fit.to_numpy()[rows]
    parts = np.stack([np.broadcast_to(market_unit[:, None], fit_values.shape), fit_values, position])
    if weights.rule == "product":
        value = np.exp(np.tensordot(w, np.log(np.maximum(parts, 1e-3)), axes=1))
    else:
        value = np.tensordot(w, parts, axes=1)
    n_c, n_f = fit_values.shape
    table = pd.DataFrame(
        {
            "iso3": pd.Categorical.from_codes(np.repeat(np.arange(n_c), n_f), categories=countries),
            "field_id": pd.Categorical.from_codes(np.tile(np.arange(n_f), n_c), categories=fields),
            "opportunity": value.ravel(),
            "market": np.repeat(market_unit, n_f),
            "fit": fit_values.ravel(),
            "need": fit.need.to_numpy()[rows].ravel(),
            "readiness": fit.readiness.to_numpy()[rows].ravel(),
            "strength": np.tile(fit.strength.reindex(fields).to_numpy(dtype=float), n_c),
            "position": position.ravel(),
            "margin": margin.ravel(),
            "main_rival": wide["main_rival"].to_numpy().ravel(),
            "main_threat": wide["main_threat"].to_numpy(dtype=float).ravel(),
            "main_measured": wide["main_measured"].to_numpy().ravel(),
            "japan_position": wide["japan_position"].to_numpy(dtype=float).ravel(),
            "japan_measured": wide["japan_measured"].to_numpy().ravel(),
            "white_space": wide["white_space"].to_numpy().ravel(),
        }
    )
    # pairs without a fit (no need data for the field) are left out of the ranking; FieldFit.need
    # shows them as missing
    table = table[table["opportunity"].notna()]
    # stable sort: ties keep the country-then-field order the table was built in
    order = np.argsort(-table["opportunity"].to_numpy(), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    table.insert(0, "rank", table["opportunity"].rank(ascending=False, method="min").astype(int))
    return table
