"""Pillar-weight samples for the sensitivity analyses: the one place weights are drawn.

Three ways to draw, all uniform on (a region of) the simplex of weights that sum to 1:

- ``simplex``: any weights at all (Dirichlet(1, ..., 1)), the classic SMAA assumption of no
  weight information;
- ``ranges``: each weight within bounds, by default within ``spread`` (a fraction) either side of
  the planner's weights, ``base·(1 - spread) <= w <= base·(1 + spread)``;
- ``ordered``: any weights that keep an importance ranking of the criteria, by default the ranking
  of the planner's weights (criteria with equal weights keep no order between them).

The SMAA (:func:`strategy.analysis.sensitivity.smaa`), the plan robustness
(:func:`strategy.analysis.robustness.plan_robustness`), the Sensitivity page and the
``sensitivity`` command all draw through :func:`sample_weights`, so the same mode, weights and
seed give the same samples everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import numpy as np
from numpy.typing import ArrayLike

SamplingMode = Literal["simplex", "ranges", "ordered"]
#: The sampling modes, in the order the page and the command line offer them.
SAMPLING_MODES: tuple[SamplingMode, ...] = get_args(SamplingMode)

#: What went wrong when weights cannot be drawn (:attr:`SamplingError.reason`).
SamplingProblem = Literal["mode", "n_samples", "weights", "spread", "ranges", "ranges_narrow", "order"]


class SamplingError(ValueError):
    """Weights that cannot be drawn as asked. ``reason`` names the problem so that a caller can
    show its own translated message; the text is a plain English explanation."""

    def __init__(self, reason: SamplingProblem, message: str):
        self.reason: SamplingProblem = reason
        super().__init__(message)


# --- the samplers ---------------------------------------------------------------------------------


def sample_simplex(n_samples: int, n_criteria: int, rng: np.random.Generator) -> np.ndarray:
    """Weights uniform on the simplex (Dirichlet(1, ..., 1)), one row per sample."""
    w = rng.exponential(size=(n_samples, n_criteria))
    return w / w.sum(axis=1, keepdims=True)


def sample_ordered(n_samples: int, order: Sequence[int], rng: np.random.Generator) -> np.ndarray:
    """Uniform weights consistent with an importance order: w[order[0]] >= w[order[1]] >= ...

    Sorting a uniform simplex sample gives a uniform sample of the ordered region (the simplex is
    symmetric under permutation).
    """
    w = -np.sort(-sample_simplex(n_samples, len(order), rng), axis=1)
    out = np.empty_like(w)
    out[:, list(order)] = w
    return out


def sample_ranges(
    n_samples: int, low: np.ndarray, high: np.ndarray, rng: np.random.Generator, max_rounds: int = 200
) -> np.ndarray:
    """Uniform weights on the simplex restricted to low <= w <= high (rejection sampling).

    Raises :class:`SamplingError` (a ``ValueError``) if the ranges are incompatible or too narrow
    to sample efficiently.
    """
    low, high = np.asarray(low, float), np.asarray(high, float)
    if low.sum() > 1 + 1e-12 or high.sum() < 1 - 1e-12 or (low > high).any():
        raise SamplingError("ranges", "the weight ranges cannot sum to 1")
    # sample the slack above the lower bounds uniformly, then reject what exceeds the upper bounds
    slack = 1.0 - low.sum()
    kept: list[np.ndarray] = []
    count = 0
    for _ in range(max_rounds):
        w = low + slack * sample_simplex(max(n_samples, 1000), len(low), rng)
        ok = (w <= high + 1e-12).all(axis=1)
        kept.append(w[ok])
        count += int(ok.sum())
        if count >= n_samples:
            return np.concatenate(kept)[:n_samples]
    raise SamplingError("ranges_narrow", "the weight ranges are too narrow to sample; widen them")


# --- helpers for the modes ------------------------------------------------------------------------


def _normalised(base_weights: ArrayLike) -> np.ndarray:
    w = np.asarray(base_weights, dtype=float)
    if w.ndim != 1 or len(w) == 0 or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise SamplingError("weights", "the base weights must be non-negative numbers, not all zero")
    return w / w.sum()


def spread_ranges(base_weights: ArrayLike, spread: float) -> tuple[np.ndarray, np.ndarray]:
    """Bounds ``base·(1 ± spread)`` (clipped to [0, 1]) around the weights ``base`` scaled to sum to 1.

    ``spread`` is a fraction of each weight (0.5: each weight may move by half of itself either way).
    """
    if not np.isfinite(spread) or spread <= 0:
        raise SamplingError("spread", f"the spread must be more than 0, got {spread}")
    current = _normalised(base_weights)
    return np.clip(current * (1 - spread), 0.0, 1.0), np.clip(current * (1 + spread), 0.0, 1.0)


def importance_order(base_weights: ArrayLike) -> list[int]:
    """Indices of the criteria from the largest weight to the smallest (ties in their given order)."""
    return [int(i) for i in np.argsort(-_normalised(base_weights), kind="stable")]


def _check_order(order: Sequence[int], n_criteria: int) -> list[int]:
    indices = [int(i) for i in order]
    if sorted(indices) != list(range(n_criteria)):
        raise SamplingError("order", f"the order must name each of the {n_criteria} criteria exactly once")
    return indices


# --- the entry point ------------------------------------------------------------------------------


def sample_weights(
    mode: SamplingMode,
    n_samples: int,
    *,
    rng: np.random.Generator | int,
    base_weights: ArrayLike | None = None,
    spread: float | None = None,
    ranges: tuple[ArrayLike, ArrayLike] | None = None,
    order: Sequence[int] | None = None,
    n_criteria: int | None = None,
) -> np.ndarray:
    """``n_samples`` weight vectors (rows summing to 1, one column per criterion) drawn per ``mode``.

    ``rng`` is a generator or a seed (``np.random.default_rng(seed)``): the same seed and inputs
    give the same samples. What each mode needs:

    - ``simplex``: the number of criteria, from ``base_weights`` or ``n_criteria``;
    - ``ranges``: ``ranges=(low, high)``, or ``base_weights`` with ``spread`` (see
      :func:`spread_ranges`);
    - ``ordered``: ``order`` (criterion indices, most important first), or ``base_weights``, whose
      ranking is kept; criteria with equal base weights are shuffled within their tie in every
      sample, which gives the uniform distribution on the union of their orders (each has the
      same volume).

    Raises :class:`SamplingError` (a ``ValueError`` with a ``reason``) for an unknown mode, a
    missing or contradictory option, bad weights, a spread that is not positive, ranges that cannot
    sum to 1 or are too narrow to sample, or an order that is not a permutation of the criteria.
    """
    if mode not in SAMPLING_MODES:
        raise SamplingError("mode", f"unknown sampling mode {mode!r} (use one of {', '.join(SAMPLING_MODES)})")
    if isinstance(n_samples, bool) or int(n_samples) != n_samples or n_samples < 1:
        raise SamplingError("n_samples", f"the number of samples must be a positive whole number, got {n_samples}")
    n_samples = int(n_samples)
    if spread is not None and mode != "ranges":
        raise SamplingError("spread", "a spread goes with the ranges mode only")
    if ranges is not None and mode != "ranges":
        raise SamplingError("ranges", "weight ranges go with the ranges mode only")
    if order is not None and mode != "ordered":
        raise SamplingError("order", "an importance order goes with the ordered mode only")
    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    current = None if base_weights is None else _normalised(base_weights)

    if mode == "ranges":
        if (ranges is None) == (spread is None):
            raise SamplingError("ranges", "the ranges mode takes either ranges=(low, high) or a spread")
        if ranges is not None:
            low, high = (np.asarray(bound, dtype=float) for bound in ranges)
            if low.ndim != 1 or low.shape != high.shape or not (np.isfinite(low).all() and np.isfinite(high).all()):
                raise SamplingError("ranges", "the low and high bounds need one number per criterion each")
            if (low < 0).any() or (high > 1).any():
                raise SamplingError("ranges", "weight bounds must lie between 0 and 1")
        else:
            if current is None:
                raise SamplingError("weights", "a spread needs the base weights it spreads around")
            low, high = spread_ranges(current, float(spread))  # type: ignore[arg-type]
        return sample_ranges(n_samples, low, high, generator)

    if mode == "ordered":
        if order is not None:
            size = len(current) if current is not None else len(order)
            return sample_ordered(n_samples, _check_order(order, size), generator)
        if current is None:
            raise SamplingError("order", "the ordered mode needs an order or the base weights to take it from")
        sampled = sample_ordered(n_samples, importance_order(current), generator)
        for level in np.unique(current):
            tied = np.flatnonzero(np.isclose(current, level))
            if len(tied) > 1:
                sampled[:, tied] = generator.permuted(sampled[:, tied], axis=1)
        return sampled

    size = len(current) if current is not None else n_criteria
    if size is None or size < 1 or (n_criteria is not None and n_criteria != size):
        raise SamplingError("weights", "the simplex mode needs the number of criteria (base_weights or n_criteria)")
    return sample_simplex(n_samples, int(size), generator)
