"""How much do the rankings depend on the weights? SMAA, one-at-a-time moves and stability intervals.

Works on a criteria matrix ``values`` (alternatives × criteria, oriented so higher is better, NaN
where missing) with the weighted-sum rule of the market score: a country's score is the weighted
mean over its available criteria (missing criteria drop out and the weights renormalise).
For the market score the criteria are the pillar scores of :class:`strategy.scoring.MarketScores`.

SMAA follows Lahdelma & Salminen (2001), "SMAA-2: Stochastic multicriteria acceptability analysis
for group decision making", Operations Research 49(3): rank acceptability b_i^r, central weight
vectors w_i^c and confidence factors p_i^c.

Weight samples come from :func:`strategy.analysis.sampling.sample_weights` (uniform on the
simplex, within ranges, or keeping an order); the same samples drive the plan robustness
(re-solving the portfolio for each sample): :func:`strategy.analysis.robustness.plan_robustness`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

# the samplers live in strategy.analysis.sampling; they stay importable from here
from strategy.analysis.sampling import (
    SAMPLING_MODES,
    SamplingError,
    SamplingMode,
    sample_ordered,
    sample_ranges,
    sample_simplex,
    sample_weights,
)

__all__ = [
    "SAMPLING_MODES",
    "SMAAResult",
    "SamplingError",
    "SamplingMode",
    "move_weight",
    "one_at_a_time",
    "ranks_of",
    "sample_ordered",
    "sample_ranges",
    "sample_simplex",
    "sample_weights",
    "smaa",
    "stability_interval",
    "stability_table",
    "weighted_scores",
]

# --- scoring many weight vectors at once ----------------------------------------------------------


def weighted_scores(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Scores (samples × alternatives) of the weighted mean over available criteria.

    ``values`` is alternatives × criteria (NaN = missing), ``weights`` samples × criteria.
    """
    have = ~np.isnan(values)
    filled = np.where(have, values, 0.0)
    numerator = weights @ filled.T
    denominator = weights @ have.T.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, -np.inf)


def ranks_of(scores: np.ndarray) -> np.ndarray:
    """Rank (0 = best) of each alternative in each sample (exact ties are broken arbitrarily)."""
    order = np.argsort(-scores, axis=1)
    ranks = np.empty_like(order)
    rows = np.arange(scores.shape[0])[:, None]
    ranks[rows, order] = np.arange(scores.shape[1])[None, :]
    return ranks


# --- SMAA -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SMAAResult:
    """SMAA-2 results for every alternative.

    ``acceptability``: alternatives × ranks (1..n), the share of samples giving that rank; each row
    sums to 1. ``central_weights``: alternatives × criteria, the mean weight vector among the
    samples where the alternative ranks first (NaN if it never does). ``confidence``: the share of
    value samples in which the alternative ranks first under its central weights (1 when values are
    certain and it wins there). ``top_k``: probability of being in the top k for k = 1, 3, 5, 10.
    """

    acceptability: pd.DataFrame
    central_weights: pd.DataFrame
    confidence: pd.Series
    top_k: pd.DataFrame
    n_samples: int
    seed: int

    def reading(self, alternative: str, k: int = 5) -> float:
        """Probability that ``alternative`` is in the top ``k``."""
        return float(self.top_k.loc[alternative, k])


def smaa(
    values: pd.DataFrame,
    n_samples: int = 10_000,
    seed: int = 0,
    weights: np.ndarray | None = None,
    value_sd: pd.DataFrame | None = None,
    top_k: Sequence[int] = (1, 3, 5, 10),
    chunk: int = 2_000,
) -> SMAAResult:
    """Stochastic multicriteria acceptability analysis on ``values`` (alternatives × criteria).

    ``weights`` are the weight samples (default: uniform on the simplex, drawn from ``seed`` exactly
    as ``sample_weights("simplex", n_samples, n_criteria=..., rng=seed)`` draws them). ``value_sd`` gives a
    standard deviation per cell (same shape as ``values``) to perturb the values with normal noise
    in each sample (e.g. WGI standard errors); None keeps them fixed. Seeded and reproducible.
    """
    rng = np.random.default_rng(seed)
    x = values.to_numpy(dtype=float)
    n_alt, n_crit = x.shape
    w_all = sample_simplex(n_samples, n_crit, rng) if weights is None else np.asarray(weights, float)
    n_samples = len(w_all)
    sd = None if value_sd is None else np.nan_to_num(value_sd.reindex_like(values).to_numpy(dtype=float))
    counts = np.zeros((n_alt, n_alt))
    first_weight_sum = np.zeros((n_alt, n_crit))
    ks = [k for k in top_k if k <= n_alt]
    in_top = np.zeros((n_alt, len(ks)))
    for start in range(0, n_samples, chunk):
        w = w_all[start : start + chunk]
        if sd is None:
            scores = weighted_scores(x, w)
        else:
            noisy = x[None, :, :] + rng.normal(size=(len(w), n_alt, n_crit)) * sd[None, :, :]
            have = ~np.isnan(noisy)
            filled = np.where(have, noisy, 0.0)
            num = np.einsum("sac,sc->sa", filled, w)
            den = np.einsum("sac,sc->sa", have.astype(float), w)
            scores = np.where(den > 0, num / np.where(den > 0, den, 1.0), -np.inf)
        ranks = ranks_of(scores)
        cells = (np.arange(n_alt)[None, :] * n_alt + ranks).ravel()
        counts += np.bincount(cells, minlength=n_alt * n_alt).reshape(n_alt, n_alt)
        winners = np.argmax(scores, axis=1)
        for c in range(n_crit):
            first_weight_sum[:, c] += np.bincount(winners, weights=w[:, c], minlength=n_alt)
        for j, k in enumerate(ks):
            in_top[:, j] += (ranks < k).sum(axis=0)
    acceptability = counts / n_samples
    wins = counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_weight_sum / wins[:, None]
    confidence = _confidence(x, central, sd, rng, n_value_samples=min(n_samples, 2_000))
    labels = values.index
    return SMAAResult(
        acceptability=pd.DataFrame(acceptability, index=labels, columns=pd.RangeIndex(1, n_alt + 1, name="rank")),
        central_weights=pd.DataFrame(central, index=labels, columns=values.columns),
        confidence=pd.Series(confidence, index=labels, name="confidence"),
        top_k=pd.DataFrame(in_top / n_samples, index=labels, columns=ks),
        n_samples=n_samples,
        seed=seed,
    )


def _confidence(
    x: np.ndarray, central: np.ndarray, sd: np.ndarray | None, rng: np.random.Generator, n_value_samples: int
) -> np.ndarray:
    """Confidence factor: share of value samples where each alternative wins with its central weights."""
    out = np.full(x.shape[0], np.nan)
    has = ~np.isnan(central).any(axis=1)
    if not has.any():
        return out
    if sd is None:
        scores = weighted_scores(x, central[has])  # one row per alternative with a central weight
        out[has] = (np.argmax(scores, axis=1) == np.flatnonzero(has)).astype(float)
        return out
    for i in np.flatnonzero(has):
        noisy = x[None] + rng.normal(size=(n_value_samples, *x.shape)) * sd[None]
        have = ~np.isnan(noisy)
        num = np.einsum("sac,c->sa", np.where(have, noisy, 0.0), central[i])
        den = np.einsum("sac,c->sa", have.astype(float), central[i])
        scores = np.where(den > 0, num / np.where(den > 0, den, 1.0), -np.inf)
        out[i] = float((np.argmax(scores, axis=1) == i).mean())
    return out


# --- one at a time --------------------------------------------------------------------------------


def move_weight(weights: np.ndarray, j: int, new_value: float) -> np.ndarray:
    """Set weight ``j`` to ``new_value`` and rescale the others so the total stays 1."""
    w = np.asarray(weights, float) / np.sum(weights)
    rest = 1.0 - w[j]
    out = w * ((1.0 - new_value) / rest) if rest > 0 else np.full_like(w, (1.0 - new_value) / (len(w) - 1))
    out[j] = new_value
    return out


def one_at_a_time(
    values: pd.DataFrame, weights: Mapping[str, float], change: float = 0.2, top_n: int = 10
) -> pd.DataFrame:
    """Tornado data: move each weight by ±``change`` (relative), renormalising the rest.

    Returns one row per (criterion, direction) with the new weight, how many of the base top
    ``top_n`` changed rank, the largest rank shift among them, and who is first.
    """
    w = np.array([weights.get(c, 0.0) for c in values.columns], float)
    w = w / w.sum()
    x = values.to_numpy(dtype=float)
    base_scores = weighted_scores(x, w[None])[0]
    base_rank = ranks_of(base_scores[None])[0]
    top = np.argsort(base_rank)[:top_n]
    rows = []
    for j, criterion in enumerate(values.columns):
        for sign in (-1, 1):
            new = float(np.clip(w[j] * (1 + sign * change), 0.0, 1.0))
            moved = move_weight(w, j, new)
            rank = ranks_of(weighted_scores(x, moved[None]))[0]
            shift = rank[top] - base_rank[top]
            rows.append(
                {
                    "criterion": criterion,
                    "direction": "+" if sign > 0 else "-",
                    "weight": new,
                    "changed": int((shift != 0).sum()),
                    "max_shift": int(np.abs(shift).max()),
                    "first": values.index[int(np.argmin(rank))],
                }
            )
    return pd.DataFrame(rows)


# --- exact stability intervals (weighted sum) -----------------------------------------------------


def _linear_parts(x: np.ndarray, w: np.ndarray, j: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Numerator and denominator of every score as a + b·t, where t is the new weight of j.

    With w_j = t and the others scaled by (1 - t) / (1 - w_j): N(t) = t·x_j + (1 - t)·R_N,
    D(t) = t·a_j + (1 - t)·R_D, with R the others' weighted sums divided by (1 - w_j).
    """
    have = ~np.isnan(x)
    filled = np.where(have, x, 0.0)
    others = np.delete(np.arange(x.shape[1]), j)
    scale = 1.0 - w[j]
    rn = filled[:, others] @ w[others] / scale
    rd = have[:, others].astype(float) @ w[others] / scale
    xn, xd = filled[:, j], have[:, j].astype(float)
    return rn, xn - rn, rd, xd - rd  # N = rn + t·(xn - rn), D = rd + t·(xd - rd)


def _interval_around(c0: np.ndarray, c1: np.ndarray, c2: np.ndarray, t0: float) -> tuple[float, float] | None:
    """The intersection over pairs of the piece of [0, 1] around ``t0`` where
    c0 + c1 t + c2 t² >= 0, or None when ``t0`` itself is outside one of them.

    Per pair (one row), the pieces lie between consecutive points of {0, 1, the real roots in
    [0, 1]}; a piece counts when it has length and the polynomial is >= 0 at its middle, and the
    first counting piece that holds ``t0`` is the pair's interval. Arrays over all pairs at once.
    """
    quadratic = np.abs(c2) > 1e-15
    linear = ~quadratic & (np.abs(c1) > 1e-15)
    disc = c1 * c1 - 4 * c2 * c0
    real = quadratic & (disc >= 0)
    root = np.sqrt(np.where(real, disc, 0.0))
    denominator = np.where(real, 2 * c2, 1.0)
    r1 = np.where(real, (-c1 - root) / denominator, np.where(linear, -c0 / np.where(linear, c1, 1.0), np.nan))
    r2 = np.where(real, (-c1 + root) / denominator, np.nan)
    points = np.stack([np.zeros_like(c0), np.ones_like(c0), r1, r2], axis=1)
    # a root outside [0, 1] (or none) becomes another 1.0: a piece of no length, never counted
    points = np.where((points >= 0.0) & (points <= 1.0), points, 1.0)
    points.sort(axis=1)
    left, right = points[:, :-1], points[:, 1:]
    mid = (left + right) / 2
    value = c0[:, None] + c1[:, None] * mid + c2[:, None] * mid * mid
    counts = (right > left) & (value >= -1e-12) & (left - 1e-12 <= t0) & (t0 <= right + 1e-12)
    if not counts.any(axis=1).all():
        return None
    first = np.argmax(counts, axis=1)[:, None]
    lows = np.take_along_axis(left, first, axis=1)
    highs = np.take_along_axis(right, first, axis=1)
    return float(max(lows.max(initial=0.0), 0.0)), float(min(highs.min(initial=1.0), 1.0))


def stability_interval(
    values: pd.DataFrame, weights: Mapping[str, float], criterion: str, k: int = 1
) -> tuple[float, float]:
    """Exact range of the weight of ``criterion`` over which the top-k set stays the same.

    The other weights keep their proportions. Computed, not sampled: every member-vs-non-member
    comparison is a quadratic inequality in the weight (ratio of linear functions, because missing
    criteria renormalise per country); the result is the connected interval that contains the
    current weight.
    """
    cols = list(values.columns)
    j = cols.index(criterion)
    w = np.array([weights.get(c, 0.0) for c in cols], float)
    w = w / w.sum()
    x = values.to_numpy(dtype=float)
    base_rank = ranks_of(weighted_scores(x, w[None]))[0]
    members = np.flatnonzero(base_rank < k)
    outsiders = np.flatnonzero(base_rank >= k)
    n0, n1, d0, d1 = _linear_parts(x, w, j)
    t0 = w[j]
    # every (member a, outsider b): N_a D_b - N_b D_a >= 0 (denominators are positive)
    a, b = np.repeat(members, len(outsiders)), np.tile(outsiders, len(members))
    c0 = n0[a] * d0[b] - n0[b] * d0[a]
    c1 = n0[a] * d1[b] + n1[a] * d0[b] - n0[b] * d1[a] - n1[b] * d0[a]
    c2 = n1[a] * d1[b] - n1[b] * d1[a]
    interval = _interval_around(c0, c1, c2, t0)
    if interval is None:  # pragma: no cover - the current weight always satisfies the current order
        return (t0, t0)
    return interval


def stability_table(values: pd.DataFrame, weights: Mapping[str, float], k: int = 5) -> pd.DataFrame:
    """Stability intervals of every weight for the top-1 and the top-k set."""
    total = sum(weights.get(c, 0.0) for c in values.columns)
    rows = []
    for c in values.columns:
        top1 = stability_interval(values, weights, c, 1)
        topk = stability_interval(values, weights, c, k)
        rows.append(
            {
                "criterion": c,
                "weight": weights.get(c, 0.0) / total,
                "top1_low": top1[0],
                "top1_high": top1[1],
                "topk_low": topk[0],
                "topk_high": topk[1],
            }
        )
    return pd.DataFrame(rows).set_index("criterion")
