"""SMAA against hand-computable cases, properties, and stability intervals checked by re-scoring."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strategy.analysis.sensitivity import (
    move_weight,
    one_at_a_time,
    ranks_of,
    sample_ordered,
    sample_ranges,
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
