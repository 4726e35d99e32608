"""The MCDA methods against published worked examples, independent computations and their defining properties.

pymcdm is the reference implementation (``tests/test_scoring.py`` cross-checks it on random
matrices); here each published number is also checked against pymcdm, so a wrong transcription of
a textbook value fails loudly instead of being "confirmed" by our own code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pymcdm import methods as pm
from pymcdm import normalizations as pn
from pymcdm.weights.subjective import AHP

from strategy.scoring import methods as mcda
from strategy.scoring.weights import SAATY_RANDOM_INDEX, ahp, consistency_index, consistency_ratio

RNG = np.random.default_rng(20261202)

# --- TOPSIS: Hwang & Yoon's fighter-aircraft example ----------------------------------------------

#: Hwang & Yoon (1981), *Multiple Attribute Decision Making: Methods and Applications*, Springer,
#: TOPSIS section, the fighter-aircraft example (also in Yoon & Hwang 1995, *Multiple Attribute
#: Decision Making: An Introduction*, Sage): four aircraft A1..A4 on maximum speed (Mach), ferry
#: range (NM), maximum payload (lb), acquisition cost ($10^6, a cost), reliability and
#: manoeuvrability (qualitative, scored 1-9: average 5, low 3, high 7, very high 9).
AIRCRAFT = np.array(
    [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
)
AIRCRAFT_WEIGHTS = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
AIRCRAFT_TYPES = np.array([1, 1, 1, -1, 1, 1])
#: The relative closeness C* printed in the example, three decimals (A1 > A3 > A4 > A2). The book
#: rounds intermediate steps, so A3 prints 0.613 where the unrounded value is 0.6135.
AIRCRAFT_CLOSENESS = np.array([0.643, 0.268, 0.613, 0.312])


def _scores(matrix, weights, types, method: str, norm: str) -> np.ndarray:
    x = mcda.oriented(mcda.normalise(matrix, norm), types, norm)
    return mcda.aggregate(x, np.broadcast_to(weights / weights.sum(), x.shape), method)


def test_topsis_reproduces_hwang_and_yoon_fighter_aircraft_example():
    ours = _scores(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_TYPES, "topsis", "vector")
    reference = pm.TOPSIS(normalization_function=pn.vector_normalization)(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_TYPES)
    np.testing.assert_allclose(reference, AIRCRAFT_CLOSENESS, atol=1e-3)  # the transcription, checked by pymcdm
    np.testing.assert_allclose(ours, AIRCRAFT_CLOSENESS, atol=1e-3)
    np.testing.assert_allclose(ours, reference, rtol=1e-12)
    assert list(np.argsort(-ours)) == [0, 2, 3, 1]  # A1 > A3 > A4 > A2


def test_topsis_equals_the_textbook_cost_rule():
    """Hwang & Yoon take the ideal of a cost criterion as its minimum; we flip cost columns first
    (1 - r, as pymcdm). A flip with slope -1 keeps every distance, so the closeness is the same."""
    r = AIRCRAFT / np.sqrt((AIRCRAFT**2).sum(axis=0))
    v = r * AIRCRAFT_WEIGHTS
    ideal = np.where(AIRCRAFT_TYPES > 0, v.max(axis=0), v.min(axis=0))
    anti = np.where(AIRCRAFT_TYPES > 0, v.min(axis=0), v.max(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    textbook = d_minus / (d_plus + d_minus)
    ours = _scores(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_TYPES, "topsis", "vector")
    np.testing.assert_allclose(ours, textbook, rtol=1e-12)


# --- AHP: Saaty's eigenvector method and consistency ratio ----------------------------------------


def test_saaty_random_index_table():
    """Saaty (1980), *The Analytic Hierarchy Process*: RI for n = 1..10."""
    assert SAATY_RANDOM_INDEX == (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)


@pytest.mark.parametrize("w", [[0.6, 0.3, 0.1], [4, 3, 2, 1], [0.3, 0.25, 0.2, 0.15, 0.1], [1, 1, 1, 1, 1, 1, 1]])
def test_a_consistent_matrix_gives_its_weights_lambda_n_and_cr_zero(w):
    """Saaty (1980): if a_ij = w_i / w_j, w is the principal eigenvector, lambda_max = n and CI = CR = 0;
    every column of the matrix is then proportional to w."""
    w = np.asarray(w, dtype=float) / np.sum(w)
    labels = [f"c{i}" for i in range(len(w))]
    m = pd.DataFrame(w[:, None] / w[None, :], index=labels, columns=labels)
    result = ahp(m)
    np.testing.assert_allclose(result.weights.to_numpy(), w, rtol=1e-10)
    for j in range(len(w)):
        column = m.iloc[:, j].to_numpy()
        np.testing.assert_allclose(column / column.sum(), w, rtol=1e-10)
    assert result.lambda_max == pytest.approx(len(w))
    assert result.ci == pytest.approx(0.0, abs=1e-10)
    assert result.cr == pytest.approx(0.0, abs=1e-10)
    assert result.consistent


INCONSISTENT = [
    [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]],
    [[1, 5, 1 / 2], [1 / 5, 1, 1 / 7], [2, 7, 1]],
    [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]],  # a cycle a > b > c > a: far from consistent
    [[1, 2, 4, 8], [1 / 2, 1, 3, 3], [1 / 4, 1 / 3, 1, 2], [1 / 8, 1 / 3, 1 / 2, 1]],
    [
        [1, 1 / 3, 5, 7, 3],
        [3, 1, 6, 8, 4],
        [1 / 5, 1 / 6, 1, 2, 1 / 3],
        [1 / 7, 1 / 8, 1 / 2, 1, 1 / 4],
        [1 / 3, 1 / 4, 3, 4, 1],
    ],
]


@pytest.mark.parametrize("a", INCONSISTENT)
def test_ahp_is_the_principal_eigenvector_with_saatys_consistency_ratio(a):
    a = np.array(a, dtype=float)
    n = len(a)
    labels = [f"c{i}" for i in range(n)]
    result = ahp(pd.DataFrame(a, index=labels, columns=labels))
    values, vectors = np.linalg.eig(a)  # computed here, independently of strategy.scoring.weights
    k = int(np.argmax(values.real))
    eigenvector = np.abs(vectors[:, k].real) / np.abs(vectors[:, k].real).sum()
    np.testing.assert_allclose(result.weights.to_numpy(), eigenvector, rtol=1e-10)
    np.testing.assert_allclose(a @ result.weights.to_numpy(), values[k].real * result.weights.to_numpy(), rtol=1e-9)
    ri = {3: 0.58, 4: 0.90, 5: 1.12}[n]
    assert result.lambda_max > n  # Saaty: lambda_max >= n, with equality only when consistent
    assert result.ci == pytest.approx((values[k].real - n) / (n - 1))
    assert result.cr == pytest.approx((values[k].real - n) / (n - 1) / ri)
    reference = AHP(matrix=a)
    np.testing.assert_allclose(result.weights.to_numpy(), reference(), rtol=1e-6)
    # pymcdm divides CI by Tummala & Ling's RI, we by Saaty's: compare the CI
    assert result.ci == pytest.approx(reference.get_cr() * reference.RI_M[n - 1], rel=1e-6)


@pytest.mark.parametrize("a", [m for m in INCONSISTENT if len(m) == 3])
def test_three_by_three_closed_forms(a):
    """For n = 3 the principal eigenvector is the normalised row geometric mean and
    lambda_max = 1 + r^(1/3) + r^(-1/3) with r = a13 / (a12 a23) (Crawford & Williams 1985)."""
    a = np.array(a, dtype=float)
    result = ahp(pd.DataFrame(a, index=list("abc"), columns=list("abc")))
    geometric = np.prod(a, axis=1) ** (1 / 3)
    np.testing.assert_allclose(result.weights.to_numpy(), geometric / geometric.sum(), rtol=1e-10)
    r = a[0, 2] / (a[0, 1] * a[1, 2])
    assert result.lambda_max == pytest.approx(1 + r ** (1 / 3) + r ** (-1 / 3))


def test_the_cycle_is_flagged_inconsistent_and_a_mild_matrix_is_not():
    cycle = np.array(INCONSISTENT[2], dtype=float)
    mild = np.array(INCONSISTENT[0], dtype=float)
    frame = lambda a: pd.DataFrame(a, index=list("abc"), columns=list("abc"))  # noqa: E731
    assert not ahp(frame(cycle)).consistent
    assert ahp(frame(mild)).consistent


def test_consistency_index_and_ratio():
    assert consistency_index(3.0, 3) == 0.0
    assert consistency_index(2.5, 2) == 0.0  # n <= 2 is always consistent
    assert consistency_index(4.27, 4) == pytest.approx(0.09)
    assert consistency_ratio(4.27, 4) == pytest.approx(0.1)
    assert consistency_ratio(5.448, 5) == pytest.approx(0.112 / 1.12)
    with pytest.raises(ValueError):
        consistency_ratio(11.5, 11)  # RI is tabulated up to n = 10


# --- properties -----------------------------------------------------------------------------------


def _random(n: int = 12, m: int = 5) -> tuple[np.ndarray, np.ndarray]:
    x = RNG.uniform(0.05, 1.0, size=(n, m))
    w = RNG.uniform(0.1, 1.0, size=m)
    return x, w / w.sum()


def test_weighted_sum_is_the_dot_product():
    for _ in range(10):
        x, w = _random()
        np.testing.assert_allclose(mcda.weighted_sum(x, w), x @ w, rtol=1e-12)
        np.testing.assert_allclose(mcda.weighted_sum(x, np.broadcast_to(w, x.shape)), x @ w, rtol=1e-12)


def test_weighted_sum_ignores_missing_cells_and_zero_weights():
    x = np.array([[1.0, np.nan, 0.5], [0.2, 0.4, np.nan]])
    w = np.array([[0.5, 0.0, 0.5], [0.25, 0.75, 0.0]])
    np.testing.assert_allclose(mcda.weighted_sum(x, w), [0.75, 0.35])


def test_weighted_product_is_the_exponential_of_the_weighted_log_sum_and_matches_triantaphyllous_ratio():
    """Triantaphyllou (2000): WPM compares A_K and A_L by R = prod_j (a_Kj / a_Lj)^w_j."""
    for _ in range(10):
        x, w = _random()
        scores = mcda.weighted_product(x, w)
        np.testing.assert_allclose(scores, np.exp(np.log(x) @ w), rtol=1e-12)
        ratio = np.prod((x[0] / x[1]) ** w)
        assert scores[0] / scores[1] == pytest.approx(ratio, rel=1e-12)
    x, _ = _random(m=4)
    np.testing.assert_allclose(mcda.weighted_product(x, np.full(4, 0.25)), np.prod(x, axis=1) ** 0.25, rtol=1e-12)


def test_weighted_product_floor_keeps_a_zero_from_zeroing_the_score():
    x = np.array([[0.0, 1.0], [1.0, 1.0]])
    w = np.array([0.5, 0.5])
    assert mcda.weighted_product(x, w)[0] == 0.0
    assert mcda.weighted_product(x, w, product_floor=0.04)[0] == pytest.approx(0.2)


def test_topsis_closeness_is_in_unit_interval_and_one_for_the_ideal():
    for _ in range(10):
        x, w = _random()
        x[0] = x.max(axis=0)  # dominates every other alternative on every criterion: the ideal
        x[1] = x.min(axis=0)  # the anti-ideal
        c = mcda.topsis(x, w)
        assert ((c >= 0) & (c <= 1)).all()
        assert c[0] == pytest.approx(1.0)
        assert c[1] == pytest.approx(0.0)


def test_topsis_of_identical_alternatives_is_one_half():
    np.testing.assert_allclose(mcda.topsis(np.ones((3, 2)), np.array([0.5, 0.5])), [0.5, 0.5, 0.5])


@pytest.mark.parametrize("method", mcda.METHODS)
def test_aggregate_dispatches_to_the_method(method):
    x, w = _random()
    direct = {"weighted_sum": mcda.weighted_sum, "weighted_product": mcda.weighted_product, "topsis": mcda.topsis}[
        method
    ]
    np.testing.assert_array_equal(mcda.aggregate(x, w, method), direct(x, w))
    with pytest.raises(ValueError):
        mcda.aggregate(x, w, "electre")


def test_normalisations_on_a_tiny_matrix():
    x = np.array([[1.0, 10.0], [2.0, 10.0], [3.0, np.nan], [6.0, 30.0]])
    np.testing.assert_allclose(mcda.minmax_normalise(x), [[0, 0], [0.2, 0], [0.4, np.nan], [1, 1]])
    np.testing.assert_allclose(mcda.vector_normalise(x)[:, 0], np.array([1, 2, 3, 6]) / np.sqrt(50))
    np.testing.assert_allclose(mcda.rank_normalise(x), [[0, 0.25], [1 / 3, 0.25], [2 / 3, np.nan], [1, 1]])
    z = mcda.zscore_normalise(x)[:, 0]
    assert z.mean() == pytest.approx(0.0, abs=1e-12)
    assert z.std() == pytest.approx(1.0)


def test_normalisation_properties():
    x = RNG.uniform(1, 100, size=(20, 4))
    m = mcda.minmax_normalise(x)
    assert m.min(axis=0) == pytest.approx(np.zeros(4)) and m.max(axis=0) == pytest.approx(np.ones(4))
    np.testing.assert_allclose(np.sqrt((mcda.vector_normalise(x) ** 2).sum(axis=0)), 1.0)
    np.testing.assert_allclose(mcda.rank_normalise(np.log(x)), mcda.rank_normalise(x))  # ranks ignore monotone maps
    for name, reference in (("minmax", pn.minmax_normalization), ("vector", pn.vector_normalization)):
        for col in range(4):
            np.testing.assert_allclose(mcda.NORMALISERS[name](x)[:, col], reference(x[:, col], cost=False), rtol=1e-12)


@pytest.mark.parametrize("kind", mcda.NORMALISATIONS)
def test_normalise_dispatches_to_the_normaliser(kind):
    x = RNG.uniform(1, 100, size=(6, 3))
    np.testing.assert_array_equal(mcda.normalise(x, kind), mcda.NORMALISERS[kind](x))
    with pytest.raises(ValueError):
        mcda.normalise(x, "softmax")
