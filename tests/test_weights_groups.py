"""Presets, AHP (against pymcdm and by construction) and market groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pymcdm.weights.subjective import AHP

from strategy.data.dataset import Dataset
from strategy.scoring import Universe
from strategy.scoring.groups import market_groups
from strategy.scoring.weights import SAATY_RANDOM_INDEX, ahp, pairwise_matrix, preset_ids, preset_weights


def test_required_presets_exist(dataset: Dataset):
    assert {"balanced", "asean_growth", "disaster_resilience", "digital_gap", "ties_with_japan"} <= set(
        preset_ids(dataset)
    )
    assert preset_weights(dataset, "disaster_resilience").pillars["need"] > preset_weights(
        dataset, "balanced"
    ).pillars.get("need", 0)
    with pytest.raises(KeyError):
        preset_weights(dataset, "nonsense")


def test_ahp_recovers_weights_of_a_consistent_matrix():
    w = np.array([0.5, 0.25, 0.15, 0.1])
    labels = list("abcd")
    m = pd.DataFrame(w[:, None] / w[None, :], index=labels, columns=labels)
    result = ahp(m)
    np.testing.assert_allclose(result.weights.to_numpy(), w, rtol=1e-10)
    assert result.lambda_max == pytest.approx(4.0)
    assert result.cr == pytest.approx(0.0, abs=1e-10)
    assert result.consistent


@pytest.mark.parametrize("seed", range(5))
def test_ahp_matches_pymcdm(seed: int):
    rng = np.random.default_rng(seed)
    n = 5
    scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9]
    labels = [f"c{i}" for i in range(n)]
    judgements = {(labels[i], labels[j]): float(rng.choice(scale)) for i in range(n) for j in range(i + 1, n)}
    m = pairwise_matrix(labels, judgements)
    ours = ahp(m)
    reference = AHP(matrix=m.to_numpy())
    np.testing.assert_allclose(ours.weights.to_numpy(), reference(), rtol=1e-8)
    # pymcdm divides CI by Tummala & Ling's RI; we use Saaty's: the CI must be the same
    assert ours.cr * SAATY_RANDOM_INDEX[n - 1] == pytest.approx(reference.get_cr() * reference.RI_M[n - 1], rel=1e-8)


def test_inconsistent_judgement_is_flagged_with_the_pair_to_revisit():
    labels = ["size", "growth", "digital", "ties"]
    consistent = {
        ("size", "growth"): 2,
        ("size", "digital"): 4,
        ("size", "ties"): 8,
        ("growth", "digital"): 2,
        ("growth", "ties"): 4,
        ("digital", "ties"): 2,
    }
    assert ahp(pairwise_matrix(labels, consistent)).cr == pytest.approx(0, abs=1e-9)
    for pair in consistent:  # reverse any one judgement: that pair is the one named
        result = ahp(pairwise_matrix(labels, consistent | {pair: 1 / 9}))
        assert result.cr > 0.1 and not result.consistent
        assert result.worst_pair == pair


def test_ahp_rejects_non_reciprocal():
    m = pd.DataFrame([[1, 2], [2, 1]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(ValueError):
        ahp(m)


def test_market_groups(dataset: Dataset):
    countries = Universe().select(dataset)
    groups = market_groups(dataset, countries, k=4)
    assert set(groups.labels.unique()) == {0, 1, 2, 3}
    assert -1 <= groups.silhouette <= 1 and groups.silhouette > 0.2
    assert len(groups.labels) + len(groups.left_out) == len(countries)
    # group 0 is the richest by construction; Singapore belongs there, Myanmar does not
    assert groups.labels["SGP"] == 0 and groups.labels["MMR"] != 0
    assert groups.levels.loc[0, "gni_pc_ppp"] == "high"
    again = market_groups(dataset, countries, k=4)
    pd.testing.assert_series_equal(groups.labels, again.labels)
    hier = market_groups(dataset, countries, k=3, method="hierarchical")
    assert hier.labels.nunique() == 3
