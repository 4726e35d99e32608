"""Normalisations and aggregation methods on a countries × criteria matrix (pure numpy).

Methods follow the usual MCDA definitions and agree with ``pymcdm`` on complete data (tests
check it): weighted sum (WSM), weighted product (WPM) and TOPSIS (Hwang & Yoon 1981).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
import pandas as pd

Normalisation = Literal["minmax", "zscore", "rank", "vector"]
Method = Literal["weighted_sum", "weighted_product", "topsis"]
NORMALISATIONS: tuple[Normalisation, ...] = ("minmax", "zscore", "rank", "vector")
METHODS: tuple[Method, ...] = ("weighted_sum", "weighted_product", "topsis")


# --- normalisations: each column of a countries × criteria matrix, NaN ignored ------------------


def minmax_normalise(x: np.ndarray) -> np.ndarray:
    """Min-max (linear scale) normalisation of each column: (x - min) / (max - min), in [0, 1].

    A constant column gives 1, as in pymcdm. Reference: Hwang & Yoon (1981), *Multiple Attribute
    Decision Making*, linear scale transformation; OECD/JRC (2008), *Handbook on Constructing
    Composite Indicators*, step 5 (normalisation).

    >>> minmax_normalise(np.array([[2.0, 5.0], [4.0, 5.0], [10.0, np.nan]])).tolist()
    [[0.0, 1.0], [0.25, 1.0], [1.0, nan]]
    """
    x = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        empty = np.isnan(x).all(axis=0)
        safe = np.where(empty, 0.0, x)
        lo = np.where(empty, 0.0, np.nanmin(np.where(np.isnan(x), np.inf, safe), axis=0))
        hi = np.where(empty, 0.0, np.nanmax(np.where(np.isnan(x), -np.inf, safe), axis=0))
        span = hi - lo
        return np.where(span > 0, (x - lo) / np.where(span > 0, span, 1.0), np.where(np.isnan(x), np.nan, 1.0))


def zscore_normalise(x: np.ndarray) -> np.ndarray:
    """Standardisation (z-score) of each column: (x - mean) / std, population std.

    A constant column gives 0. Values are not bounded and can be negative, so the weighted product
    cannot use them. Reference: OECD/JRC (2008), *Handbook on Constructing Composite Indicators*,
    step 5 (standardisation).

    >>> zscore_normalise(np.array([[1.0], [2.0], [3.0]])).round(4).tolist()
    [[-1.2247], [0.0], [1.2247]]
    """
    x = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean, std = np.nanmean(x, axis=0), np.nanstd(x, axis=0)
        return np.where(std > 0, (x - mean) / np.where(std > 0, std, 1.0), np.where(np.isnan(x), np.nan, 0.0))


def rank_normalise(x: np.ndarray) -> np.ndarray:
    """Rank normalisation of each column: (rank - 1) / (n - 1), average ranks for ties, in [0, 1].

    A column with one value gives 1. Reference: OECD/JRC (2008), *Handbook on Constructing
    Composite Indicators*, step 5 (ranking).

    >>> rank_normalise(np.array([[2.0], [4.0], [4.0], [10.0]])).tolist()
    [[0.0], [0.5], [0.5], [1.0]]
    """
    x = np.asarray(x, dtype=float)
    frame = pd.DataFrame(x)
    ranks = frame.rank(axis=0, method="average").to_numpy()
    n = frame.notna().sum(axis=0).to_numpy()
    return np.where(n > 1, (ranks - 1) / np.where(n > 1, n - 1, 1), np.where(np.isnan(x), np.nan, 1.0))


def vector_normalise(x: np.ndarray) -> np.ndarray:
    """Vector normalisation of each column: x / sqrt(sum x²), as in pymcdm.

    Reference: Hwang & Yoon (1981), *Multiple Attribute Decision Making*, the normalisation of TOPSIS.

    >>> vector_normalise(np.array([[3.0], [4.0]])).tolist()
    [[0.6], [0.8]]
    """
    x = np.asarray(x, dtype=float)
    norm = np.sqrt(np.nansum(x**2, axis=0))
    return x / np.where(norm > 0, norm, 1.0)


#: The normalisation behind each :data:`Normalisation` name.
NORMALISERS: dict[Normalisation, Callable[[np.ndarray], np.ndarray]] = {
    "minmax": minmax_normalise,
    "zscore": zscore_normalise,
    "rank": rank_normalise,
    "vector": vector_normalise,
}


def normalise(x: np.ndarray, kind: Normalisation) -> np.ndarray:
    """Normalise each column of ``x`` (profit orientation), ignoring NaN.

    minmax: (x - min) / (max - min), a constant column gives 1 (as pymcdm).
    zscore: (x - mean) / std (population std; a constant column gives 0).
    rank: (rank - 1) / (n - 1) with average ranks for ties, in [0, 1].
    vector: x / sqrt(sum x^2) (as pymcdm).

    >>> normalise(np.array([[1.0], [3.0]]), "minmax").tolist()
    [[0.0], [1.0]]
    """
    if kind not in NORMALISERS:
        raise ValueError(f"unknown normalisation {kind!r}")
    return NORMALISERS[kind](x)


def oriented(normalised: np.ndarray, direction: np.ndarray, kind: Normalisation) -> np.ndarray:
    """Flip cost columns (direction -1) so that higher is always better (pymcdm's cost rule).

    >>> oriented(np.array([[0.0, 0.25], [1.0, 1.0]]), np.array([1, -1]), "minmax").tolist()
    [[0.0, 0.75], [1.0, 0.0]]
    """
    cost = np.asarray(direction) < 0
    flipped = -normalised if kind == "zscore" else 1.0 - normalised
    return np.where(cost, flipped, normalised)


# --- aggregations: one score per row of an oriented matrix ----------------------------------------
# ``w`` is either one weight per criterion or one row of weights per alternative (rows sum to 1).
# A cell with weight 0 or NaN is missing: it carries no weight and adds no distance.


def _weighted_cells(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``x`` with the cells that carry no weight set to NaN (they take no part in the score)."""
    return np.where(w > 0, x, np.nan)


def weighted_sum(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted sum model (WSM): sum_j w_j x_ij.

    Reference: Triantaphyllou (2000), *Multi-Criteria Decision Making Methods: A Comparative
    Study*, Kluwer (the WSM).

    >>> weighted_sum(np.array([[1.0, 0.0], [0.5, 0.5], [0.0, np.nan]]), np.array([0.75, 0.25])).tolist()
    [0.75, 0.5, 0.0]
    """
    x = _weighted_cells(x, w)
    return np.nansum(w * x, axis=1)


def weighted_product(x: np.ndarray, w: np.ndarray, product_floor: float = 0.0) -> np.ndarray:
    """Weighted product model (WPM): prod_j x_ij ^ w_j, with x raised to at least ``product_floor``.

    The floor keeps one worst-in-class criterion from zeroing a score. Reference: Triantaphyllou
    (2000), *Multi-Criteria Decision Making Methods: A Comparative Study*, Kluwer (the WPM).

    >>> weighted_product(np.array([[1.0, 0.25], [0.0, 1.0]]), np.array([0.5, 0.5]), product_floor=0.01).round(6).tolist()
    [0.5, 0.1]
    """
    x = _weighted_cells(x, w)
    base = np.maximum(np.nan_to_num(x, nan=1.0), product_floor)
    with np.errstate(divide="ignore"):
        return np.exp(np.sum(np.where(w > 0, w * np.log(base), 0.0), axis=1))


def topsis(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """TOPSIS relative closeness to the ideal: d⁻ / (d⁺ + d⁻), in [0, 1].

    The ideal and anti-ideal are the column max and min of the weighted matrix ``w * x`` (pymcdm's
    definition, on an already normalised and oriented ``x``); d⁺ and d⁻ are Euclidean distances to
    them. A row at equal distance from both (e.g. all alternatives equal) gets 0.5. Reference:
    Hwang & Yoon (1981), *Multiple Attribute Decision Making*, TOPSIS.

    >>> topsis(np.array([[1.0, 1.0], [0.0, 0.0], [1.0, 0.0]]), np.array([0.5, 0.5])).tolist()
    [1.0, 0.0, 0.5]
    """
    v = w * _weighted_cells(x, w)
    present = ~np.isnan(v)
    pis = np.max(np.where(present, v, -np.inf), axis=0)
    nis = np.min(np.where(present, v, np.inf), axis=0)
    d_plus = np.sqrt(np.nansum((v - pis) ** 2, axis=1))
    d_minus = np.sqrt(np.nansum((v - nis) ** 2, axis=1))
    total = d_plus + d_minus
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, d_minus / total, 0.5)


def aggregate(x: np.ndarray, w: np.ndarray, method: Method, product_floor: float = 0.0) -> np.ndarray:
    """Score each row of the oriented matrix ``x`` with row weights ``w`` (rows sum to 1).

    Missing cells (NaN) carry weight 0. For TOPSIS the ideal and anti-ideal are the column max and
    min of the weighted matrix (pymcdm's definition); missing cells add no distance.
    ``product_floor`` applies to the weighted product only.

    >>> aggregate(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.75, 0.25]), "weighted_sum").tolist()
    [0.75, 0.25]
    """
    if method == "weighted_sum":
        return weighted_sum(x, w)
    if method == "weighted_product":
        return weighted_product(x, w, product_floor)
    if method == "topsis":
        return topsis(x, w)
    raise ValueError(f"unknown method {method!r}")
