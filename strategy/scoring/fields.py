"""Field fit: which field, for which country (need, readiness, Japan's strength)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.scoring.criteria import Criteria, unit_criteria


@dataclass(frozen=True)
class FitWeights:
    """How need, readiness and Japan's strength combine into a field's fit for a country."""

    need: float = 0.45
    readiness: float = 0.25
    strength: float = 0.30


def _driver_matrices(dataset: Dataset, role: str, indicators: pd.Index) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Fields × indicators weight matrices for positive and negative drivers of one role."""
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

    def long(self) -> pd.DataFrame:
        """One row per (iso3, field_id) with need, readiness, strength and fit."""
        parts = {"need": self.need, "readiness": self.readiness, "fit": self.fit}
        out = pd.concat({k: v.stack(future_stack=True) for k, v in parts.items()}, axis=1)
        out.index.names = ["iso3", "field_id"]
        out = out.reset_index()
        out["strength"] = out["field_id"].map(self.strength)
        return out


#: Fields that sell one broadcasting standard. Where a country has adopted another standard
#: (a cited row of ``dtt_standards``) there is no need for ours: need 0. Where nothing is recorded
#: the need is unknown (NaN: the pair leaves the ranking like any pair without need data), since
#: the indicators alone would rank a country that switched to another standard long ago as a market.
STANDARD_FIELDS: dict[str, tuple[str, ...]] = {"digital_tv": ("ISDB-T", "ISDB-Tb")}
#: Recorded standards that leave the market open (no final choice yet).
OPEN_STANDARDS: tuple[str, ...] = ("mixed/undecided",)


def standard_status(dataset: Dataset, countries: pd.Index, field_id: str) -> pd.Series:
    """Per country, for a field of :data:`STANDARD_FIELDS`: 'ours' (adopted the field's standard),
    'other' (adopted another one), 'open' (undecided or mixed) or 'unknown' (nothing recorded)."""
    ours = STANDARD_FIELDS[field_id]
    adopted = dataset.dtt_standards.drop_duplicates("iso3").set_index("iso3")["standard"].reindex(countries)
    status = np.select(
        [adopted.isin(ours), adopted.isin(OPEN_STANDARDS), adopted.notna()], ["ours", "open", "other"], "unknown"
    )
    return pd.Series(status, index=countries, name="standard_status")


def field_fit(
    dataset: Dataset,
    criteria: Criteria,
    weights: FitWeights = FitWeights(),
    japan_strength: pd.Series | None = None,
) -> FieldFit:
    """Fit per (country, field) from the field's need drivers, readiness prerequisites and strength.

    Readiness of a phase 2 or 3 field averages its own readiness drivers with the readiness of the
    phase 1 fields it needs (``prerequisite_fields``). ``japan_strength`` overrides the judgement
    table (the planner's edits). The need of a field that sells a standard follows the recorded
    adoption (:data:`STANDARD_FIELDS`).
    """
    unit = unit_criteria(criteria)
    indicators = unit.columns
    x = unit.to_numpy()
    fields, need_pos, need_neg = _driver_matrices(dataset, "need", indicators)
    _, ready_pos, ready_neg = _driver_matrices(dataset, "readiness", indicators)
    need = _driver_score(x, need_pos, need_neg)
    for field_id in set(STANDARD_FIELDS) & set(fields):
        status = standard_status(dataset, unit.index, field_id).to_numpy()
        j = fields.get_loc(field_id)
        need[:, j] = np.where(status == "other", 0.0, np.where(status == "unknown", np.nan, need[:, j]))
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
    parts = np.stack([need, readiness, s])
    w = np.array([weights.need, weights.readiness, weights.strength])[:, None, None]
    have = ~np.isnan(parts)
    with np.errstate(invalid="ignore", divide="ignore"):
        fit = np.nansum(parts * w, axis=0) / (have * w).sum(axis=0)
    fit = np.where(np.isnan(need), np.nan, fit)  # no need data: no fit (not readiness and strength alone)
    frame = lambda a: pd.DataFrame(a, index=unit.index, columns=fields)  # noqa: E731
    return FieldFit(need=frame(need), readiness=frame(readiness), strength=strength, fit=frame(fit), weights=weights)


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
