"""Market attractiveness: which market.

:func:`market_scores` combines the prepared criteria (:func:`strategy.scoring.prepare_criteria`)
with the planner's pillar and indicator weights. It is pure numpy on a countries × indicators
matrix (no loops over countries), so a weight change is cheap.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from strategy.data.catalog_spec import PILLARS
from strategy.data.dataset import Dataset
from strategy.scoring.criteria import Criteria, age_factor
from strategy.scoring.methods import Method, aggregate, oriented

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


@dataclass(frozen=True)
class MarketScores:
    """Market attractiveness of every country in the universe, with its decomposition.

    ``contributions`` (countries × indicators) is the effective weight times the oriented
    normalised value: for the weighted sum its row sums equal ``score`` exactly; for the weighted
    product and TOPSIS it shows which indicators pull a country up, but the score is not its sum.
    ``excluded`` lists countries left out for low coverage, with the reason. ``pillar_weights``
    (countries × the pillars of ``pillars``) is each pillar's share of the country's effective
    weight: the planner's pillar weights, renormalised over the pillars the country has data for.
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
    pillar_weights: pd.DataFrame

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
    # an older value carries less of its pillar's weight (weighted sum only; 1 everywhere when off)
    factor = age_factor(criteria) if settings.method == "weighted_sum" else np.ones(x.shape)
    w = effective_weights(have * factor, groups, pillar_w * used, inner_w * used)

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
        wp = effective_weights(have[:, cols] * factor[:, cols], groups[cols], pillar_w[cols], inner_w[cols])
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
        pillar_weights=pd.DataFrame(
            {p: w[:, groups == p].sum(axis=1) for p in pillars.columns}, index=index, columns=pillars.columns
        ).loc[keep],
    )
