"""Normalisations and aggregation methods on a countries × criteria matrix (pure numpy).

Methods follow the usual MCDA definitions and agree with ``pymcdm`` on complete data (tests
check it): weighted sum (WSM), weighted product (WPM) and TOPSIS (Hwang & Yoon 1981).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

Normalisation = Literal["minmax", "zscore", "rank", "vector"]
Method = Literal["weighted_sum", "weighted_product", "topsis"]
NORMALISATIONS: tuple[Normalisation, ...] = ("minmax", "zscore", "rank", "vector")
METHODS: tuple[Method, ...] = ("weighted_sum", "weighted_product", "topsis")


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
