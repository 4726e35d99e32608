"""Field fit: which field, for which country (need, readiness, Japan's strength)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.scoring.criteria import Criteria, unit_criteria
from strategy.scoring.gates import GateCheck, check_gates

#: Parts other than need are raised to this floor before a product, so the universe's worst value
#: of a min-max criterion (exactly 0) does not zero every pair of that country; need has no floor:
#: no need, no opportunity.
PRODUCT_FLOOR = 0.05


@dataclass(frozen=True)
class FitWeights:
    """How need, readiness and Japan's strength combine into a field's fit for a country.

    ``rule`` 'geometric' (default): the weighted geometric mean need^a × readiness^b × strength^c
    (exponents = weights / their sum; readiness and strength floored at :data:`PRODUCT_FLOOR`),
    so a field with no need has no fit. 'sum': the weighted mean of the earlier model, where
    readiness and strength make up for a missing need.
    """

    need: float = 0.45
    readiness: float = 0.25
    strength: float = 0.30
    rule: Literal["geometric", "sum"] = "geometric"


#: (drivers table, fields table, role, indicators) -> matrices. A weight change re-runs the fit
#: but not these: they depend only on the judgement tables, which a planner's edit replaces (a new
#: frame, so a new key). The frames are held in the value, so their ids cannot be reused.
_DRIVER_CACHE: dict[tuple, tuple] = {}


def _driver_matrices(dataset: Dataset, role: str, indicators: pd.Index) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Fields × indicators weight matrices for positive and negative drivers of one role."""
    key = (id(dataset.field_drivers), id(dataset.fields), role, tuple(indicators))
    hit = _DRIVER_CACHE.get(key)
    if hit is not None and hit[0] is dataset.field_drivers and hit[1] is dataset.fields:
        return hit[2]
    result = _build_driver_matrices(dataset, role, indicators)
    if len(_DRIVER_CACHE) > 32:
        _DRIVER_CACHE.clear()
    _DRIVER_CACHE[key] = (dataset.field_drivers, dataset.fields, result)
    return result


def _build_driver_matrices(
    dataset: Dataset, role: str, indicators: pd.Index
) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    drivers = dataset.field_drivers[dataset.field_drivers["role"] == role]
    fields = dataset.fields.index
    pos = np.zeros((len(fields), len(indicators)))
    neg = np.zeros_like(pos)
    f_idx = fields.get_indexer(drivers["field_id"])
    i_idx = indicators.get_indexer(drivers["indicator"])
    ok = (f_idx >= 0) & (i_idx >= 0)
    target_pos = drivers["direction"].to_numpy() > 0
    np.add.at(pos, (f_idx[ok & target_pos], i_idx[ok & target_pos]), drivers["weight"].to_numpy()[ok & target_pos])
    np.add.at(neg, (f_idx[ok & ~target_pos], i_idx[ok & ~target_pos]), drivers["weight"].to_numpy()[ok & ~target_pos])
    return fields, pos, neg


def _driver_score(unit: np.ndarray, pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """Countries × fields weighted mean of drivers over the available ones (NaN when none)."""
    have = ~np.isnan(unit)
    filled = np.nan_to_num(unit)
    numerator = filled @ pos.T + ((1.0 - filled) * have) @ neg.T
    denominator = have.astype(float) @ (pos + neg).T
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


@dataclass(frozen=True)
class FieldFit:
    """Fit of every field for every country: need, readiness (own and prerequisites), strength."""

    need: pd.DataFrame
    readiness: pd.DataFrame
    strength: pd.Series
    fit: pd.DataFrame
    weights: FitWeights
    gates: GateCheck = field(repr=False, default=None)  # type: ignore[assignment]

    def long(self) -> pd.DataFrame:
        """One row per (iso3, field_id) with need, readiness, strength and fit."""
        parts = {"need": self.need, "readiness": self.readiness, "fit": self.fit}
        out = pd.concat({k: v.stack(future_stack=True) for k, v in parts.items()}, axis=1)
        out.index.names = ["iso3", "field_id"]
        out = out.reset_index()
        out["strength"] = out["field_id"].map(self.strength)
        return out


def field_fit(
    dataset: Dataset,
    criteria: Criteria,
    weights: FitWeights = FitWeights(),
    japan_strength: pd.Series | None = None,
) -> FieldFit:
    """Fit per (country, field) from the field's need drivers, readiness prerequisites and strength.

    Readiness of a phase 2 or 3 field averages its own readiness drivers with the readiness of the
    phase 1 fields it needs (``prerequisite_fields``). ``japan_strength`` overrides the judgement
    table (the planner's edits). A pair closed by a field gate (:mod:`strategy.scoring.gates`) has
    no fit (NaN) whatever its need; ``FieldFit.gates`` says which gate closed it.
    """
    unit = unit_criteria(criteria)
    indicators = unit.columns
    x = unit.to_numpy()
    fields, need_pos, need_neg = _driver_matrices(dataset, "need", indicators)
    _, ready_pos, ready_neg = _driver_matrices(dataset, "readiness", indicators)
    need = _driver_score(x, need_pos, need_neg)
    own_ready = _driver_score(x, ready_pos, ready_neg)

    prereq = np.zeros((len(fields), len(fields)))
    for i, text in enumerate(dataset.fields["prerequisite_fields"]):
        for ref in filter(None, (s.strip() for s in text.split(";"))):
            prereq[i, fields.get_loc(ref)] = 1.0
    n_prereq = prereq.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        prereq_ready = np.nan_to_num(own_ready) @ prereq.T / np.where(n_prereq > 0, n_prereq, 1.0)
    # a phase 2/3 field: half its own readiness, half the readiness of the phase 1 fields it needs
    has_prereq = n_prereq > 0
    readiness = np.where(
        has_prereq & ~np.isnan(own_ready),
        0.5 * own_ready + 0.5 * prereq_ready,
        np.where(has_prereq, prereq_ready, own_ready),
    )

    strength = dataset.fields["japan_strength"] if japan_strength is None else japan_strength.reindex(fields)
    s = np.broadcast_to(strength.to_numpy(dtype=float), need.shape)
    fit = combine_fit(need, readiness, s, weights)
    gates = criteria.gates if criteria.gates is not None else check_gates(dataset, unit.index, criteria.reference_year)
    fit = np.where(gates.open.to_numpy(), fit, np.nan)
    frame = lambda a: pd.DataFrame(a, index=unit.index, columns=fields)  # noqa: E731
    return FieldFit(
        need=frame(need), readiness=frame(readiness), strength=strength, fit=frame(fit), weights=weights, gates=gates
    )


def weighted_geometric(parts: list[np.ndarray], weights: list[np.ndarray | float]) -> np.ndarray:
    """Weighted geometric mean over the parts that are not NaN (weights renormalised over them);
    NaN where no part with a positive weight has a value. Parts are used as given (floor them first).

    >>> import numpy as np
    >>> weighted_geometric([np.array([0.25, np.nan]), np.array([1.0, 0.5])], [1.0, 1.0]).tolist()
    [0.5, 0.5]
    """
    stack = np.stack(parts)
    w = np.stack([np.broadcast_to(np.asarray(x, dtype=float), stack.shape[1:]) for x in weights])
    have = ~np.isnan(stack) & (w > 0)
    total = np.where(have, w, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        logs = np.where(have, w * np.log(np.maximum(np.nan_to_num(stack, nan=1.0), 1e-300)), 0.0).sum(axis=0)
        return np.where(total > 0, np.exp(logs / np.where(total > 0, total, 1.0)), np.nan)


def combine_fit(need: np.ndarray, readiness: np.ndarray, strength: np.ndarray, weights: FitWeights) -> np.ndarray:
    """Fit from need, readiness and strength (same shapes) by ``weights.rule``; NaN where need is NaN.

    A missing readiness drops out and the other weights are renormalised.

    >>> import numpy as np
    >>> need, ready, strength = np.array([0.0, 0.5]), np.array([0.8, 0.8]), np.array([0.8, 0.8])
    >>> # 0.5 ** 0.45 * 0.8 ** 0.55 = 0.647
    >>> combine_fit(need, ready, strength, FitWeights()).round(3).tolist()
    [0.0, 0.647]
    >>> combine_fit(need, ready, strength, FitWeights(rule="sum")).round(3).tolist()
    [0.44, 0.665]
    """
    w = [weights.need, weights.readiness, weights.strength]
    if weights.rule == "sum":
        parts = np.stack([need, readiness, strength])
        have = ~np.isnan(parts)
        shares = np.stack([np.where(h, x, 0.0) for h, x in zip(have, w, strict=True)])
        with np.errstate(invalid="ignore", divide="ignore"):
            fit = np.nansum(parts * shares, axis=0) / shares.sum(axis=0)
    else:
        floor = lambda x: np.where(np.isnan(x), np.nan, np.maximum(x, PRODUCT_FLOOR))  # noqa: E731
        fit = np.where(need <= 0, 0.0, weighted_geometric([need, floor(readiness), floor(strength)], w))
    return np.where(np.isnan(need), np.nan, fit)  # no need data: no fit (not readiness and strength alone)


def fit_decomposition(dataset: Dataset, criteria: Criteria, field_id: str, iso3: str) -> pd.DataFrame:
    """The drivers behind one (field, country) fit: raw value, year, oriented [0,1] value, weight."""
    unit = unit_criteria(criteria)
    drivers = dataset.field_drivers[dataset.field_drivers["field_id"] == field_id].copy()
    drivers["raw"] = [criteria.raw.at[iso3, i] for i in drivers["indicator"]]
    drivers["year"] = [criteria.year.at[iso3, i] for i in drivers["indicator"]]
    drivers["imputed"] = [bool(criteria.imputed.at[iso3, i]) for i in drivers["indicator"]]
    value = np.array([unit.at[iso3, i] for i in drivers["indicator"]], dtype=float)
    drivers["value"] = np.where(drivers["direction"].to_numpy() > 0, value, 1.0 - value)
    drivers["share"] = drivers["weight"] * ~np.isnan(value)
    drivers["share"] = drivers["share"] / drivers.groupby("role")["share"].transform("sum")
    drivers["contribution"] = drivers["share"] * np.nan_to_num(drivers["value"])
    return drivers.reset_index(drop=True)
