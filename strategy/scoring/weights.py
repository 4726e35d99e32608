"""Where weights come from: named presets (an editable judgement table) or AHP pairwise comparison."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.scoring.market import MarketWeights

#: Saaty's random consistency index RI by matrix size n (Saaty 1980, The Analytic Hierarchy Process,
#: table 1.7; n = 1..10). CR = CI / RI with CI = (lambda_max - n) / (n - 1).
SAATY_RANDOM_INDEX: tuple[float, ...] = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
CR_THRESHOLD = 0.1


def consistency_index(lambda_max: float, n: int) -> float:
    """Saaty's consistency index CI = (lambda_max - n) / (n - 1); 0 for n <= 2 (always consistent).

    Reference: Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill.

    >>> round(consistency_index(3.0536, 3), 4)
    0.0268
    """
    return (lambda_max - n) / (n - 1) if n > 2 else 0.0


def consistency_ratio(lambda_max: float, n: int) -> float:
    """Saaty's consistency ratio CR = CI / RI, RI from :data:`SAATY_RANDOM_INDEX`; 0 for n <= 2.

    Judgements are usually accepted when CR <= 0.1 (:data:`CR_THRESHOLD`). Reference: Saaty (1980),
    *The Analytic Hierarchy Process*, McGraw-Hill.

    >>> round(consistency_ratio(3.0536, 3), 4)  # CI 0.0268 / RI 0.58
    0.0462
    >>> round(consistency_ratio(4.27, 4), 4)  # CI 0.09 / RI 0.90
    0.1
    """
    if n > len(SAATY_RANDOM_INDEX):
        raise ValueError(f"Saaty's random index is tabulated up to n = {len(SAATY_RANDOM_INDEX)}")
    ri = SAATY_RANDOM_INDEX[n - 1]
    return consistency_index(lambda_max, n) / ri if ri > 0 else 0.0


def preset_ids(dataset: Dataset) -> list[str]:
    """Preset ids in file order."""
    return list(dict.fromkeys(dataset.weight_presets["preset_id"]))


def preset_weights(dataset: Dataset, preset_id: str) -> MarketWeights:
    """Pillar weights of a named preset (pillars not listed get weight 0)."""
    rows = dataset.weight_presets[dataset.weight_presets["preset_id"] == preset_id]
    if rows.empty:
        raise KeyError(f"unknown preset {preset_id!r}")
    return MarketWeights(pillars=dict(zip(rows["pillar"], rows["weight"].astype(float), strict=True)))


@dataclass(frozen=True)
class AHPResult:
    """Weights from a pairwise comparison matrix, with Saaty's consistency check.

    ``worst_pair`` is the (row, column) comparison that disagrees most with the weights it
    produced (largest |log(a_ij * w_j / w_i)|): the one to revisit when ``cr`` exceeds 0.1.
    """

    weights: pd.Series
    lambda_max: float
    ci: float
    cr: float
    worst_pair: tuple[str, str] | None

    @property
    def consistent(self) -> bool:
        """Saaty's rule: judgements are acceptable when CR <= 0.1."""
        return self.cr <= CR_THRESHOLD


def pairwise_matrix(labels: list[str], judgements: dict[tuple[str, str], float]) -> pd.DataFrame:
    """Reciprocal matrix from upper-triangle judgements {(a, b): how much more important a is than b}.

    >>> pairwise_matrix(["a", "b"], {("a", "b"): 4}).to_numpy().tolist()
    [[1.0, 4.0], [0.25, 1.0]]
    """
    m = pd.DataFrame(np.ones((len(labels), len(labels))), index=labels, columns=labels)
    for (a, b), value in judgements.items():
        if value <= 0:
            raise ValueError(f"comparison {a} vs {b} must be positive")
        m.loc[a, b] = value
        m.loc[b, a] = 1.0 / value
    return m


def ahp(matrix: pd.DataFrame) -> AHPResult:
    """Principal-eigenvector weights of a positive reciprocal matrix (Saaty's AHP).

    Reference: Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill; Saaty (2008), "Decision
    making with the analytic hierarchy process", *Int. J. Services Sciences* 1(1):83-98. A
    consistent matrix (a_ij = w_i / w_j) gives back w, lambda_max = n and CR = 0:

    >>> m = pairwise_matrix(["a", "b", "c"], {("a", "b"): 2, ("a", "c"): 4, ("b", "c"): 2})
    >>> result = ahp(m)
    >>> result.weights.round(4).tolist(), round(result.lambda_max, 6), round(result.cr, 6)
    ([0.5714, 0.2857, 0.1429], 3.0, 0.0)
    """
    a = matrix.to_numpy(dtype=float)
    n = a.shape[0]
    if a.shape != (n, n) or (a <= 0).any():
        raise ValueError("a pairwise matrix must be square and positive")
    if not np.allclose(a * a.T, 1.0):
        raise ValueError("a pairwise matrix must be reciprocal (a_ji = 1 / a_ij)")
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    lambda_max = float(values[k].real)
    ci = consistency_index(lambda_max, n)
    cr = consistency_ratio(lambda_max, n)
    worst = None
    if n > 2:
        error = np.abs(np.log(a * w[None, :] / w[:, None]))
        i, j = np.unravel_index(np.argmax(np.triu(error, 1)), error.shape)
        worst = (str(matrix.index[i]), str(matrix.columns[j]))
    return AHPResult(pd.Series(w, index=matrix.index), lambda_max, max(ci, 0.0), max(cr, 0.0), worst)
