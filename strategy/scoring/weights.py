"""Where weights come from: named presets (an editable judgement table) or AHP pairwise comparison."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.i18n import Lang, Message
from strategy.scoring.market import MarketWeights

#: Saaty's random consistency index RI by matrix size n (Saaty 1980, The Analytic Hierarchy Process,
#: table 1.7; n = 1..10). CR = CI / RI with CI = (lambda_max - n) / (n - 1).
SAATY_RANDOM_INDEX: tuple[float, ...] = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
CR_THRESHOLD = 0.1
#: How far a_ij * a_ji may stray from 1 and still be read as reciprocal: typed values are rounded
#: (0.1111 for 1/9, 0.33 for 1/3: 1 % off), a real disagreement (0.5 against 3) is far beyond.
RECIPROCAL_TOLERANCE = 0.02
#: At most this many problems are listed for one matrix (the rest are counted).
MAX_PROBLEMS = 10


class AHPError(ValueError):
    """A pairwise comparison matrix that cannot be used; ``problems`` are translated messages
    (``strategy/i18n/messages/ahp.toml``), each naming the cell and the values."""

    def __init__(self, problems: list[Message]):
        if len(problems) > MAX_PROBLEMS:
            problems = [*problems[:MAX_PROBLEMS], Message.of("ahp.err.more", n=len(problems) - MAX_PROBLEMS)]
        self.problems = tuple(problems)
        super().__init__(" ".join(self.messages("en")))

    def messages(self, lang: Lang = "ja") -> list[str]:
        """Every problem in ``lang``."""
        return [m.text(lang) for m in self.problems]

    def message(self, lang: Lang = "ja") -> str:
        """The problems in ``lang`` as one text, one per line."""
        return "\n".join(self.messages(lang))


def number_text(value: float) -> str:
    """A judgement as a planner typed it: 3, 0.333, 1e+03."""
    return f"{value:.4g}"


def _cell(matrix: pd.DataFrame, i: int, j: int) -> dict[str, object]:
    """Where a cell is, for a message: its row and column labels and 1-based positions."""
    return {"row": str(matrix.index[i]), "column": str(matrix.columns[j]), "i": i + 1, "j": j + 1}


def check_pairwise(matrix: pd.DataFrame) -> np.ndarray:
    """The values of a pairwise comparison matrix, checked: square with the same labels on both
    sides, at most 10 rows (Saaty's table), every cell a positive finite number, ones on the
    diagonal, and a_ji = 1 / a_ij within :data:`RECIPROCAL_TOLERANCE`. The result is made exactly
    reciprocal (a_ij = sqrt(a_ij / a_ji), the geometric mean of the two typed judgements).

    Raises :class:`AHPError` listing every problem, each naming the cell (row, column) and values.

    >>> m = pd.DataFrame([[1, 9], [0.1111, 1]], index=["a", "b"], columns=["a", "b"])
    >>> check_pairwise(m).round(2).tolist()
    [[1.0, 9.0], [0.11, 1.0]]
    """
    rows, columns = matrix.shape
    if rows == 0 or columns == 0:
        raise AHPError([Message.of("ahp.err.empty")])
    if rows != columns:
        raise AHPError([Message.of("ahp.err.not_square", rows=rows, columns=columns)])
    labels = [str(x) for x in matrix.index]
    if len(set(labels)) != len(labels):
        twice = next(x for x in labels if labels.count(x) > 1)
        raise AHPError([Message.of("ahp.err.duplicate_label", label=twice)])
    if labels != [str(x) for x in matrix.columns]:
        raise AHPError(
            [Message.of("ahp.err.labels_differ", rows=", ".join(labels), columns=", ".join(map(str, matrix.columns)))]
        )
    if rows > len(SAATY_RANDOM_INDEX):
        raise AHPError([Message.of("ahp.err.too_large", n=rows, max=len(SAATY_RANDOM_INDEX))])
    a = np.full((rows, rows), np.nan)
    problems: list[Message] = []
    for i in range(rows):
        for j in range(rows):
            raw = matrix.iat[i, j]
            value = _as_number(raw)
            if value is None:
                problems.append(Message.of("ahp.err.not_numeric", value=str(raw)[:40], **_cell(matrix, i, j)))
            elif not np.isfinite(value):
                problems.append(Message.of("ahp.err.not_finite", value=str(raw)[:40], **_cell(matrix, i, j)))
            elif value <= 0:
                problems.append(Message.of("ahp.err.not_positive", value=number_text(value), **_cell(matrix, i, j)))
            else:
                a[i, j] = value
    for i in range(rows):
        if np.isfinite(a[i, i]) and abs(a[i, i] - 1.0) > RECIPROCAL_TOLERANCE:
            problems.append(Message.of("ahp.err.diagonal", value=number_text(a[i, i]), **_cell(matrix, i, i)))
    for i in range(rows):
        for j in range(i + 1, rows):
            if np.isfinite(a[i, j]) and np.isfinite(a[j, i]) and abs(a[i, j] * a[j, i] - 1.0) > RECIPROCAL_TOLERANCE:
                problems.append(
                    Message.of(
                        "ahp.err.not_reciprocal",
                        value=number_text(a[i, j]),
                        mirror=number_text(a[j, i]),
                        expected=number_text(1.0 / a[i, j]),
                        **_cell(matrix, i, j),
                    )
                )
    if problems:
        raise AHPError(problems)
    exact = np.sqrt(a / a.T)
    np.fill_diagonal(exact, 1.0)
    return exact


def _as_number(raw: object) -> float | None:
    """A cell as a number, or None when it is not one (text, a date, a list)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float | np.integer | np.floating):
        return float(raw)
    return None


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
        raise AHPError([Message.of("ahp.err.too_large", n=n, max=len(SAATY_RANDOM_INDEX))])
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
        if not value > 0 or not np.isfinite(value):  # NaN fails both ways round
            i, j = labels.index(a), labels.index(b)
            raise AHPError([Message.of("ahp.err.not_positive", value=str(value), **_cell(m, i, j))])
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

    A matrix that cannot be used (empty, not square, a zero, a text, a_ji far from 1 / a_ij) raises
    :class:`AHPError` with translated messages naming the cells (:func:`check_pairwise`).
    """
    a = check_pairwise(matrix)
    n = a.shape[0]
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
