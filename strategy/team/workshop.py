"""Group weight elicitation (a workshop): each participant gives pillar weights, either directly
(sliders) or as an AHP pairwise comparison matrix; the group's weights are a geometric mean.

- **All usable inputs are pairwise matrices: AIJ** (aggregation of individual judgements). The
  matrices are combined element-wise by the geometric mean, which keeps the result reciprocal, and
  the group's weights are its principal eigenvector (:func:`strategy.scoring.weights.ahp`).
  Aczél & Saaty (1983), "Procedures for synthesizing ratio judgements", *J. Math. Psychology*
  27(1):93-102: the geometric mean is the only separable synthesis that keeps reciprocity and
  unanimity.
- **Otherwise (slider weights, or a mix): AIP** (aggregation of individual priorities). Each
  participant's weights are normalised to sum 1 (a matrix's are its eigenvector), the group weight
  of a criterion is the geometric mean of the participants' weights, normalised again. Forman &
  Peniwati (1998), "Aggregating individual judgments and priorities with the analytic hierarchy
  process", *EJOR* 108(1):165-169, on when AIJ or AIP fits (AIJ: a group acting as one; AIP:
  individuals each with their own view). A zero weight makes the group's weight zero (the
  geometric mean is a veto); :attr:`WorkshopResult.vetoed` names such criteria.
- A matrix with Saaty's consistency ratio CR > 0.1 is **flagged and left out** of the group result
  (never silently used): the participant should revisit the pair named in ``worst_pair``.

The spread per criterion (lowest, highest, range of the participants' normalised weights) shows
where the group agrees; :attr:`WorkshopResult.disagreement` orders the criteria by range.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from strategy.scoring.weights import AHPResult, ahp, check_pairwise

Kind = Literal["weights", "pairwise"]


@dataclass(frozen=True)
class Judgement:
    """One participant's input: ``weights`` (criterion → weight ≥ 0) or a pairwise ``matrix``."""

    participant: str
    kind: Kind
    weights: Mapping[str, float] | None = None
    matrix: pd.DataFrame | None = None

    @classmethod
    def of_weights(cls, participant: str, weights: Mapping[str, float]) -> Judgement:
        return cls(participant, "weights", weights={str(k): float(v) for k, v in weights.items()})

    @classmethod
    def of_matrix(cls, participant: str, matrix: pd.DataFrame) -> Judgement:
        check_pairwise(matrix)  # raises AHPError with translated messages
        return cls(participant, "pairwise", matrix=matrix.astype(float))

    def to_json(self) -> str:
        """The input as JSON text (what the store keeps)."""
        if self.kind == "weights":
            return json.dumps({"kind": "weights", "weights": dict(self.weights or {})}, sort_keys=True)
        m = self.matrix
        assert m is not None
        return json.dumps({"kind": "pairwise", "labels": list(map(str, m.index)), "matrix": m.to_numpy().tolist()})

    @classmethod
    def from_json(cls, participant: str, text: str) -> Judgement:
        data = json.loads(text)
        if data.get("kind") == "pairwise":
            labels = [str(x) for x in data["labels"]]
            return cls.of_matrix(participant, pd.DataFrame(data["matrix"], index=labels, columns=labels))
        return cls.of_weights(participant, data["weights"])


@dataclass(frozen=True)
class Individual:
    """A participant's weights on the workshop's criteria (sum 1), and a matrix's consistency."""

    participant: str
    kind: Kind
    weights: pd.Series
    ahp: AHPResult | None = None

    @property
    def usable(self) -> bool:
        """Slider weights with a positive total, or a matrix with CR <= 0.1."""
        return bool(self.weights.sum() > 0) and (self.ahp is None or self.ahp.consistent)


@dataclass(frozen=True)
class WorkshopResult:
    """The group's weights and how the participants differ."""

    #: the group's weights on the criteria (sum 1); empty when no input is usable
    weights: pd.Series
    #: "aij" (all usable inputs pairwise) or "aip"
    method: str
    individuals: tuple[Individual, ...]
    #: the participants left out: an inconsistent matrix (CR > 0.1) or all-zero weights
    excluded: tuple[str, ...]
    #: the combined matrix's AHP (AIJ only): its CR says how consistent the group matrix is
    group_ahp: AHPResult | None
    #: per criterion: lowest, highest weight and range over the usable participants
    spread: pd.DataFrame

    @property
    def table(self) -> pd.DataFrame:
        """Participants (rows) × criteria: each one's normalised weights."""
        return pd.DataFrame({i.participant: i.weights for i in self.individuals}).T

    @property
    def disagreement(self) -> list[str]:
        """Criteria from the most to the least disputed (largest range first)."""
        return list(self.spread.sort_values("range", ascending=False, kind="stable").index)

    @property
    def vetoed(self) -> list[str]:
        """Criteria the group weight is zero for because a participant gave them zero (AIP)."""
        return [c for c in self.weights.index if self.weights[c] == 0 and self.spread.loc[c, "high"] > 0]


def _individual(judgement: Judgement, criteria: Sequence[str]) -> Individual:
    if judgement.kind == "pairwise":
        assert judgement.matrix is not None
        matrix = judgement.matrix.loc[list(criteria), list(criteria)]
        result = ahp(matrix)
        return Individual(judgement.participant, "pairwise", result.weights.reindex(criteria), result)
    raw = pd.Series({c: float((judgement.weights or {}).get(c, 0.0)) for c in criteria})
    if (raw < 0).any() or not np.isfinite(raw).all():
        raise ValueError("weights must be finite and >= 0")
    total = raw.sum()
    return Individual(judgement.participant, "weights", raw / total if total > 0 else raw)


def geometric_mean_matrix(matrices: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Element-wise geometric mean of pairwise matrices on the same labels (reciprocal again)."""
    logs = np.mean([np.log(m.to_numpy(dtype=float)) for m in matrices], axis=0)
    first = matrices[0]
    return pd.DataFrame(np.exp(logs), index=first.index, columns=first.columns)


def normalised_geometric_mean(weights: pd.DataFrame) -> pd.Series:
    """Column-wise geometric mean of the rows (participants × criteria), normalised to sum 1."""
    with np.errstate(divide="ignore"):
        mean = np.exp(np.log(weights.to_numpy(dtype=float)).mean(axis=0))
    mean = pd.Series(mean, index=weights.columns)
    total = mean.sum()
    return mean / total if total > 0 else mean


def aggregate(judgements: Sequence[Judgement], criteria: Sequence[str]) -> WorkshopResult:
    """The group's weights on ``criteria`` from the participants' judgements (see the module)."""
    criteria = list(criteria)
    individuals = tuple(_individual(j, criteria) for j in judgements)
    usable = [i for i in individuals if i.usable]
    excluded = tuple(i.participant for i in individuals if not i.usable)
    group_ahp = None
    if not usable:
        weights, method = pd.Series(dtype=float), "aip"
    elif all(i.kind == "pairwise" for i in usable):
        by_name = {j.participant: j for j in judgements}
        matrices = [by_name[i.participant].matrix.loc[criteria, criteria] for i in usable]  # type: ignore[union-attr]
        group_ahp = ahp(geometric_mean_matrix(matrices))
        weights, method = group_ahp.weights.reindex(criteria), "aij"
    else:
        weights, method = normalised_geometric_mean(pd.DataFrame([i.weights for i in usable])), "aip"
    rows = pd.DataFrame([i.weights for i in usable]) if usable else pd.DataFrame(columns=criteria, dtype=float)
    spread = pd.DataFrame({"low": rows.min(), "high": rows.max()}).reindex(criteria)
    spread["range"] = spread["high"] - spread["low"]
    return WorkshopResult(weights, method, individuals, excluded, group_ahp, spread)


def participant_samples(result: WorkshopResult, n_samples: int, *, rng: np.random.Generator | int) -> np.ndarray:
    """Weight samples for SMAA (:func:`strategy.analysis.sensitivity.smaa`, ``weights=``) drawn from
    the participants' views instead of the whole simplex: each sample is a random mixture of the
    usable participants' normalised weights, the mixing shares uniform on the simplex
    (Dirichlet(1, ..., 1)). Every sample lies in the convex hull of the participants' weights, so
    the acceptability indices answer "which markets stay on top over the range of views in the
    room". Rows sum to 1, columns are the workshop's criteria; seeded and reproducible."""
    views = np.array([i.weights.to_numpy(dtype=float) for i in result.individuals if i.usable])
    if views.size == 0:
        raise ValueError("no usable participant weights to sample from")
    generator = np.random.default_rng(rng)
    mix = generator.dirichlet(np.ones(len(views)), size=int(n_samples))
    samples = mix @ views
    return samples / samples.sum(axis=1, keepdims=True)
