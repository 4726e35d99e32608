"""SMAA against hand-computable cases, properties, and stability intervals checked by re-scoring;
the weight samplers (each mode of ``sample_weights``) by the regions they must stay in."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strategy.analysis.sampling import (
    SAMPLING_MODES,
    SamplingError,
    importance_order,
    sample_ordered,
    sample_ranges,
    sample_simplex,
    sample_weights,
    spread_ranges,
)
from strategy.analysis.sensitivity import (
    move_weight,
    one_at_a_time,
    ranks_of,
    smaa,
    stability_interval,
    stability_table,
    weighted_scores,
)
from strategy.data.dataset import Dataset
from strategy.scoring import Universe, market_scores, prepare_criteria

# A wins when w1 > 0.6, B when w1 < 0.4, C in between: with w1 ~ U(0, 1) (uniform simplex, 2
# criteria) the rank-1 acceptabilities are 0.4, 0.4 and 0.2 exactly.
THREE = pd.DataFrame({"c1": [1.0, 0.0, 0.6], "c2": [0.0, 1.0, 0.6]}, index=["A", "B", "C"])


def test_hand_computable_acceptabilities():
    result = smaa(THREE, n_samples=40_000, seed=7)
    first = result.acceptability[1]
    assert first["A"] == pytest.approx(0.4, abs=0.01)
    assert first["B"] == pytest.approx(0.4, abs=0.01)
    assert first["C"] == pytest.approx(0.2, abs=0.01)
    # C is never last: it is second whenever A or B wins
    assert result.acceptability.loc["C", 3] == 0
    # central weight of A: the mean of w1 given w1 > 0.6 is 0.8
    assert result.central_weights.loc["A", "c1"] == pytest.approx(0.8, abs=0.01)
    assert result.confidence["A"] == 1.0


def test_acceptabilities_sum_to_one_and_are_reproducible():
    rng = np.random.default_rng(3)
    values = pd.DataFrame(rng.uniform(size=(12, 5)), index=[f"a{i}" for i in range(12)], columns=list("vwxyz"))
    values.iloc[2, 1] = np.nan  # missing values are allowed
    a = smaa(values, 5_000, seed=11)
    b = smaa(values, 5_000, seed=11)
    pd.testing.assert_frame_equal(a.acceptability, b.acceptability)
    np.testing.assert_allclose(a.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(a.acceptability.sum(axis=0), 1.0)
    assert (a.top_k[3] >= a.top_k[1]).all()


def test_dominating_alternative_always_first():
    values = THREE.copy()
    values.loc["D"] = [1.1, 1.1]
    result = smaa(values, 5_000, seed=0)
    assert result.acceptability.loc["D", 1] == 1.0
    assert result.top_k.loc["D", 1] == 1.0


def test_value_uncertainty_lowers_confidence():
    values = pd.DataFrame({"c1": [0.50, 0.49], "c2": [0.50, 0.49]}, index=["A", "B"])
    certain = smaa(values, 2_000, seed=0)
    assert certain.acceptability.loc["A", 1] == 1.0
    noisy = smaa(values, 2_000, seed=0, value_sd=pd.DataFrame(0.05, index=values.index, columns=values.columns))
    assert 0.5 < noisy.acceptability.loc["A", 1] < 0.9
    assert noisy.confidence["A"] < 1.0


def test_weight_samplers():
    rng = np.random.default_rng(0)
    ordered = sample_ordered(5_000, [2, 0, 1], rng)
    assert (ordered[:, 2] >= ordered[:, 0]).all() and (ordered[:, 0] >= ordered[:, 1]).all()
    np.testing.assert_allclose(ordered.sum(axis=1), 1.0)
    ranged = sample_ranges(5_000, np.array([0.1, 0.2, 0.0]), np.array([0.5, 0.6, 0.4]), rng)
    assert len(ranged) == 5_000
    assert (ranged >= [0.1, 0.2, 0.0]).all() and (ranged <= np.array([0.5, 0.6, 0.4]) + 1e-12).all()
    with pytest.raises(ValueError):
        sample_ranges(10, np.array([0.6, 0.6]), np.array([1.0, 1.0]), rng)


BASE = np.array([3.0, 1.0, 2.0, 2.0])  # two tied weights: the ordered mode keeps no order between them


@pytest.mark.parametrize("mode", SAMPLING_MODES)
def test_every_mode_gives_weights_on_the_simplex_reproducibly(mode: str):
    spread = 0.5 if mode == "ranges" else None
    a = sample_weights(mode, 2_000, rng=5, base_weights=BASE, spread=spread)  # type: ignore[arg-type]
    b = sample_weights(mode, 2_000, rng=np.random.default_rng(5), base_weights=BASE, spread=spread)  # type: ignore[arg-type]
    assert a.shape == (2_000, 4) and (a >= 0).all()
    np.testing.assert_allclose(a.sum(axis=1), 1.0)
    np.testing.assert_array_equal(a, b)  # a seed and a generator made from it draw the same
    other = sample_weights(mode, 2_000, rng=6, base_weights=BASE, spread=spread)  # type: ignore[arg-type]
    assert not np.array_equal(a, other)


def test_simplex_samples_are_the_ones_smaa_draws_by_default():
    values = THREE.assign(c3=[0.2, 0.5, 0.4])
    drawn = sample_weights("simplex", 3_000, rng=9, n_criteria=3)
    np.testing.assert_array_equal(drawn, sample_simplex(3_000, 3, np.random.default_rng(9)))
    pd.testing.assert_frame_equal(
        smaa(values, 3_000, seed=9).acceptability, smaa(values, 3_000, seed=9, weights=drawn).acceptability
    )


def test_ranges_mode_stays_within_the_spread_of_the_base_weights():
    low, high = spread_ranges(BASE, 0.3)
    np.testing.assert_allclose(low, BASE / 8 * 0.7) and np.testing.assert_allclose(high, BASE / 8 * 1.3)
    drawn = sample_weights("ranges", 3_000, rng=1, base_weights=BASE, spread=0.3)
    assert (drawn >= low - 1e-12).all() and (drawn <= high + 1e-12).all()
    given = sample_weights("ranges", 3_000, rng=1, ranges=(low, high))
    np.testing.assert_array_equal(given, drawn)  # the spread is a shorthand for these ranges
    assert drawn.std(axis=0).min() > 0.01  # the weights do move


def test_ordered_mode_keeps_the_order_of_the_base_weights_and_mixes_ties():
    drawn = sample_weights("ordered", 5_000, rng=2, base_weights=BASE)
    assert importance_order(BASE) == [0, 2, 3, 1]
    assert (drawn[:, 0] >= drawn[:, [2, 3]].max(axis=1)).all()
    assert (drawn[:, [2, 3]].min(axis=1) >= drawn[:, 1]).all()
    assert 0.45 < (drawn[:, 2] > drawn[:, 3]).mean() < 0.55  # tied weights: either may lead
    told = sample_weights("ordered", 5_000, rng=2, order=[1, 0, 3, 2])
    assert (told[:, 1] >= told[:, 0]).all() and (told[:, 0] >= told[:, 3]).all() and (told[:, 3] >= told[:, 2]).all()


@pytest.mark.parametrize(
    ("mode", "options", "reason"),
    [
        ("ranges", {"ranges": ([0.6, 0.6], [1.0, 1.0])}, "ranges"),  # the lower bounds sum to more than 1
        ("ranges", {"ranges": ([0.1, 0.5], [0.2, 0.4])}, "ranges"),  # a lower bound above its upper bound
        ("ranges", {"ranges": ([0.0, 0.0], [0.5, 0.7]), "base_weights": [1, 1], "spread": 0.5}, "ranges"),
        ("ranges", {"base_weights": [1, 1]}, "ranges"),  # neither ranges nor a spread
        ("ranges", {"base_weights": [1, 1], "spread": 0.0}, "spread"),
        ("ranges", {"base_weights": [1, -1], "spread": 0.5}, "weights"),
        ("ranges", {"spread": 0.5}, "weights"),
        ("simplex", {"base_weights": [1, 1], "spread": 0.5}, "spread"),
        ("ordered", {"order": [0, 0, 1]}, "order"),
        ("ordered", {"base_weights": [1, 1, 1], "order": [0, 1]}, "order"),
        ("ordered", {}, "order"),
        ("simplex", {}, "weights"),
        ("uniform", {"n_criteria": 3}, "mode"),
    ],
)
def test_bad_sampling_input_is_refused_with_a_reason(mode: str, options: dict, reason: str):
    with pytest.raises(SamplingError) as raised:
        sample_weights(mode, 100, rng=0, **options)  # type: ignore[arg-type]
    assert raised.value.reason == reason and isinstance(raised.value, ValueError) and str(raised.value)


def test_ranges_too_narrow_to_sample_are_refused():
    # nine weights of at most 0.01 and one of at least 0.8: a sliver of the simplex that rejection
    # sampling (200 rounds of 1,000) practically never hits
    narrow = (np.array([0.0] * 9 + [0.8]), np.array([0.01] * 9 + [1.0]))
    with pytest.raises(SamplingError, match="too narrow") as raised:
        sample_weights("ranges", 1_000, rng=0, ranges=narrow)
    assert raised.value.reason == "ranges_narrow"


def test_move_weight_keeps_proportions():
    w = np.array([0.5, 0.3, 0.2])
    moved = move_weight(w, 0, 0.6)
    assert moved.sum() == pytest.approx(1.0)
    assert moved[1] / moved[2] == pytest.approx(1.5)


@pytest.fixture(scope="module")
def pillars(dataset: Dataset) -> pd.DataFrame:
    universe = Universe().select(dataset)
    return market_scores(dataset, prepare_criteria(dataset, universe)).pillars


def test_smaa_on_real_data_is_fast_enough_and_sane(pillars: pd.DataFrame):
    result = smaa(pillars, 10_000, seed=0)
    assert result.acceptability.shape == (len(pillars), len(pillars))
    np.testing.assert_allclose(result.acceptability.sum(axis=1), 1.0)


def _top(values: pd.DataFrame, weights: dict[str, float], k: int) -> set[str]:
    w = np.array([weights[c] for c in values.columns])
    ranks = ranks_of(weighted_scores(values.to_numpy(), (w / w.sum())[None]))[0]
    return set(values.index[ranks < k])


@pytest.mark.parametrize("k", [1, 5])
def test_stability_intervals_hold_inside_and_break_outside(pillars: pd.DataFrame, k: int):
    weights = {c: 1.0 for c in pillars.columns}
    base = _top(pillars, weights, k)
    checked_outside = 0
    for criterion in pillars.columns:
        low, high = stability_interval(pillars, weights, criterion, k)
        assert low <= 1 / len(weights) <= high
        for t in (low + 1e-6, high - 1e-6, (low + high) / 2):
            w = dict(
                zip(
                    pillars.columns,
                    move_weight(np.ones(len(weights)), list(pillars.columns).index(criterion), t),
                    strict=True,
                )
            )
            assert _top(pillars, w, k) == base, (criterion, t)
        for t, inside in ((low - 1e-4, low > 1e-4), (high + 1e-4, high < 1 - 1e-4)):
            if inside:
                w = dict(
                    zip(
                        pillars.columns,
                        move_weight(np.ones(len(weights)), list(pillars.columns).index(criterion), t),
                        strict=True,
                    )
                )
                assert _top(pillars, w, k) != base, (criterion, t)
                checked_outside += 1
    assert checked_outside >= 3


def test_tornado_and_table(pillars: pd.DataFrame):
    weights = {c: 1.0 for c in pillars.columns}
    tornado = one_at_a_time(pillars, weights, change=0.3, top_n=10)
    assert len(tornado) == 2 * len(pillars.columns)
    assert tornado["changed"].between(0, 10).all()
    table = stability_table(pillars, weights, k=5)
    assert (table["top1_low"] <= table["weight"]).all() and (table["weight"] <= table["top1_high"]).all()


@pytest.mark.parametrize("seed", range(6))
def test_stability_interval_matches_a_scan_of_the_weight(seed: int):
    """Brute force: move one weight over a fine grid and watch the top-k set; the exact interval is
    the run of grid points around the current weight where the set does not change."""
    rng = np.random.default_rng(seed)
    m, c = int(rng.integers(6, 25)), int(rng.integers(2, 6))
    x = rng.random((m, c))
    x[rng.random((m, c)) < 0.15] = np.nan  # missing criteria renormalise per country
    x[np.isnan(x).all(axis=1), 0] = 0.5
    values = pd.DataFrame(x, index=[f"r{i}" for i in range(m)], columns=[f"c{i}" for i in range(c)])
    raw = rng.integers(1, 5, size=c).astype(float)
    weights = dict(zip(values.columns, raw, strict=True))
    grid = np.linspace(0, 1, 2001)
    for j, criterion in enumerate(values.columns):
        for k in (1, 3):
            base = _top(values, weights, k)
            low, high = stability_interval(values, weights, criterion, k)
            t0 = raw[j] / raw.sum()
            same = np.array(
                [_top(values, dict(zip(values.columns, move_weight(raw, j, t), strict=True)), k) == base for t in grid]
            )
            i0 = int(np.argmin(np.abs(grid - t0)))
            lo_i = i0
            while lo_i > 0 and same[lo_i - 1]:
                lo_i -= 1
            hi_i = i0
            while hi_i < len(grid) - 1 and same[hi_i + 1]:
                hi_i += 1
            step = grid[1]
            assert grid[lo_i] - step - 1e-9 <= low <= grid[lo_i] + 1e-9, (criterion, k, low, grid[lo_i])
            assert grid[hi_i] - 1e-9 <= high <= grid[hi_i] + step + 1e-9, (criterion, k, high, grid[hi_i])
