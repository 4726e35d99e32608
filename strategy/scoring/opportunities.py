"""Opportunity per (country, field): market, field fit and competitive position combined."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from strategy.scoring.fields import FieldFit
from strategy.scoring.market import MarketScores
from strategy.scoring.rivals import RivalThreat


@dataclass(frozen=True)
class OpportunityWeights:
    """How market, field fit and competitive position combine; ``rule`` is 'sum' or 'product'."""

    market: float = 0.35
    fit: float = 0.45
    position: float = 0.20
    rule: Literal["sum", "product"] = "sum"


def opportunity(
    market: MarketScores,
    fit: FieldFit,
    threat: RivalThreat,
    weights: OpportunityWeights = OpportunityWeights(),
) -> pd.DataFrame:
    """Opportunity per (country, field), one row each, best first.

    The market score is rescaled to [0, 1] across the scored universe (min-max) before combining,
    so methods with different ranges combine the same way. Competitive position is
    ``0.5 + 0.5 × margin`` (margin = Japan's position minus the main rival's threat, in [-1, 1]).
    Countries excluded from the market score (low coverage) and pairs without need data are not in
    the table.
    """
    w = np.array([weights.market, weights.fit, weights.position], dtype=float)
    if (w < 0).any() or w.sum() <= 0:
        raise ValueError("opportunity weights must be non-negative and not all zero")
    w = w / w.sum()
    countries = market.score.index
    fields = fit.fit.columns
    m = market.score.to_numpy()
    span = m.max() - m.min()
    market_unit = (m - m.min()) / span if span > 0 else np.ones_like(m)
    rows = fit.fit.index.get_indexer(countries)
    wide = threat.wide.reindex(countries)
    margin = wide["margin"].to_numpy(dtype=float)
    position = np.clip(0.5 + 0.5 * margin, 0.0, 1.0)
    fit_values = fit.fit.to_numpy()[rows]
    parts = np.stack([np.broadcast_to(market_unit[:, None], fit_values.shape), fit_values, position])
    if weights.rule == "product":
        value = np.exp(np.tensordot(w, np.log(np.maximum(parts, 1e-3)), axes=1))
    else:
        value = np.tensordot(w, parts, axes=1)
    n_c, n_f = fit_values.shape
    table = pd.DataFrame(
        {
            "iso3": pd.Categorical.from_codes(np.repeat(np.arange(n_c), n_f), categories=countries),
            "field_id": pd.Categorical.from_codes(np.tile(np.arange(n_f), n_c), categories=fields),
            "opportunity": value.ravel(),
            "market": np.repeat(market_unit, n_f),
            "fit": fit_values.ravel(),
            "need": fit.need.to_numpy()[rows].ravel(),
            "readiness": fit.readiness.to_numpy()[rows].ravel(),
            "strength": np.tile(fit.strength.reindex(fields).to_numpy(dtype=float), n_c),
            "position": position.ravel(),
            "margin": margin.ravel(),
            "main_rival": wide["main_rival"].to_numpy().ravel(),
            "main_threat": wide["main_threat"].to_numpy(dtype=float).ravel(),
            "main_measured": wide["main_measured"].to_numpy().ravel(),
            "japan_position": wide["japan_position"].to_numpy(dtype=float).ravel(),
            "japan_measured": wide["japan_measured"].to_numpy().ravel(),
            "white_space": wide["white_space"].to_numpy().ravel(),
        }
    )
    # pairs without a fit (no need data for the field) are left out of the ranking; FieldFit.need
    # shows them as missing
    table = table[table["opportunity"].notna()]
    # stable sort: ties keep the country-then-field order the table was built in
    order = np.argsort(-table["opportunity"].to_numpy(), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    table.insert(0, "rank", table["opportunity"].rank(ascending=False, method="min").astype(int))
    return table
