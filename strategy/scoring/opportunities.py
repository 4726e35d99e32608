"""Opportunity per (country, field): export potential = demand × supply × access.

The default rule, ``potential``, follows the structure of ITC's Export Potential Indicator
(Decreux & Spies 2016, "Export Potential Assessments: a methodology to identify export
opportunities for developing countries", ITC): potential = supply × demand × ease of trade, each a
factor in [0, 1], multiplied so that no factor can make up for another that is absent. Here, for
Japan selling field f to country c:

- demand  D = need^a · capacity^(1-a): the country's need for the field, scaled by its ability to
  pay and market size (the market pillars size, growth, income and digital);
- supply  S = strength^b · readiness^(1-b): Japan's strength in the field and the country's
  readiness to use it;
- access  A = position^d · environment^(1-d): Japan's competitive position against the main rival
  (0.5 + 0.5 × margin) and the business environment, stability and ties with Japan (the pillars
  business, stability and ties).

Inside a factor the parts combine by a weighted geometric mean, the exponents being the planner's
weights (a = need / (need + market), b = strength / (strength + readiness), d = position /
(position + environment)); pillars inside capacity and environment are weighted by the planner's
pillar weights. Every part except need is raised to :data:`~strategy.scoring.fields.PRODUCT_FLOOR`
first (the worst min-max value is 0 by construction, not an absence); need is not: **no need, no
opportunity**. Pairs closed by a field gate and pairs without need data are left out.

The earlier rules stay selectable: ``sum`` (weighted mean of market, fit and position) and
``product`` (their weighted geometric mean).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from strategy.scoring.fields import PRODUCT_FLOOR, FieldFit, weighted_geometric
from strategy.scoring.market import MarketScores
from strategy.scoring.rivals import RivalThreat

Rule = Literal["potential", "sum", "product"]
RULES: tuple[Rule, ...] = ("potential", "sum", "product")
#: Market pillars that measure the ability to pay and the size of the market (demand).
CAPACITY_PILLARS: tuple[str, ...] = ("size", "growth", "income", "digital")
#: The measured size of the demand in money, shown beside the unitless score as ITC shows potential
#: exports in US$: the country's ICT goods imports (current US$), when the indicator is loaded.
MONEY_INDICATOR = "ict_goods_imports_usd"
#: Market pillars that measure how easy the market is to enter (access).
ENVIRONMENT_PILLARS: tuple[str, ...] = ("business", "stability", "ties")


@dataclass(frozen=True)
class OpportunityWeights:
    """How the parts combine. ``rule`` 'potential' (default) uses ``market`` (capacity against the
    fit weights' need), ``position`` and ``environment``; 'sum' and 'product' use ``market``,
    ``fit`` and ``position``."""

    market: float = 0.35
    fit: float = 0.45
    position: float = 0.20
    rule: Rule = "potential"
    environment: float = 0.20

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown opportunity rule {self.rule!r}")


def _pillar_group(market: MarketScores, pillars: tuple[str, ...]) -> np.ndarray:
    """Weighted geometric mean of the market's pillar scores in ``pillars`` (floored), per country
    of ``market.score``.

    Weights are the planner's pillar weights as the market score used them; a pillar a country has
    no data for drops out (ties with Japan for a country that receives no aid: not applicable).
    """
    columns = market.pillars.columns
    take = [columns.get_loc(p) for p in pillars if p in columns]
    if not take:
        return np.full(len(market.score), np.nan)
    scores = market.pillars.to_numpy(dtype=float)[:, take]
    weights = np.nan_to_num(market.pillar_weights.to_numpy(dtype=float)[:, take])
    floored = np.where(np.isnan(scores), np.nan, np.maximum(scores, PRODUCT_FLOOR))
    return weighted_geometric(list(floored.T), list(weights.T))


def export_potential(
    need: np.ndarray,
    capacity: np.ndarray,
    strength: np.ndarray,
    readiness: np.ndarray,
    position: np.ndarray,
    environment: np.ndarray,
    fit_weights: tuple[float, float, float],
    weights: OpportunityWeights,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(demand, supply, access) for arrays of one shape; potential is their product.

    ``fit_weights`` is (need, readiness, strength). A NaN part drops out of its factor; a NaN need
    gives a NaN demand.

    >>> import numpy as np
    >>> one = np.array([0.0, 0.5])
    >>> d, s, a = export_potential(one, one * 0 + 0.5, one * 0 + 0.8, one * 0 + 0.5, one * 0 + 0.5,
    ...                            one * 0 + 0.5, (0.45, 0.25, 0.30), OpportunityWeights())
    >>> (d * s * a).round(4).tolist()  # no need, no opportunity; else 0.5 * (0.8^.545 * 0.5^.455) * 0.5
    [0.0, 0.1615]
    """
    w_need, w_ready, w_strength = (float(x) for x in fit_weights)
    floor = lambda x: np.where(np.isnan(x), np.nan, np.maximum(x, PRODUCT_FLOOR))  # noqa: E731
    demand = weighted_geometric([need, floor(capacity)], [w_need, weights.market])
    demand = np.where(np.isnan(need), np.nan, np.where(need <= 0, 0.0, demand))
    supply = weighted_geometric([floor(strength), floor(readiness)], [w_strength, w_ready])
    access = weighted_geometric([floor(position), floor(environment)], [weights.position, weights.environment])
    fill = lambda x: np.where(np.isnan(x), 1.0, x)  # noqa: E731 - a factor with no data at all is neutral
    return demand, fill(supply), fill(access)


def opportunity(
    market: MarketScores,
    fit: FieldFit,
    threat: RivalThreat,
    weights: OpportunityWeights = OpportunityWeights(),
) -> pd.DataFrame:
    """Opportunity per (country, field), one row each, best first.

    Columns: rank, iso3, field_id, opportunity, the factors (demand, supply, access, capacity,
    environment) and their parts (market, fit, need, readiness, strength, position, margin), the
    main rival and its threat, Japan's position and whether each presence is measured. ``market``
    is the market score rescaled to [0, 1] across the scored universe (min-max), the part the
    'sum' and 'product' rules use. Competitive position is ``0.5 + 0.5 × margin`` (margin =
    Japan's position minus the main rival's threat, in [-1, 1]). ``demand_usd`` (with
    ``demand_usd_year``) is the country's ICT goods imports in US$ where the data have them: money
    beside the unitless score, not a part of it. Countries excluded from the market
    score (low coverage), pairs without need data and pairs closed by a field gate are not in the
    table (see :attr:`FieldFit.gates`).
    """
    w = np.array([weights.market, weights.fit, weights.position, weights.environment], dtype=float)
    if (w < 0).any() or w[:3].sum() <= 0:
        raise ValueError("opportunity weights must be non-negative and not all zero")
    countries = market.score.index
    fields = fit.fit.columns
    m = market.score.to_numpy()
    span = m.max() - m.min()
    market_unit = (m - m.min()) / span if span > 0 else np.ones_like(m)
    rows = fit.fit.index.get_indexer(countries)
    at = threat.wide.index.get_indexer(countries)
    if (at < 0).any():
        raise ValueError("the rival threat does not cover every scored country")
    margin = threat.array("margin", at).astype(float)
    position = np.clip(0.5 + 0.5 * margin, 0.0, 1.0)
    fit_values = fit.fit.to_numpy()[rows]
    need = fit.need.to_numpy()[rows]
    readiness = fit.readiness.to_numpy()[rows]
    strength = np.broadcast_to(fit.strength.reindex(fields).to_numpy(dtype=float), fit_values.shape)
    shape = fit_values.shape
    capacity = np.broadcast_to(_pillar_group(market, CAPACITY_PILLARS)[:, None], shape)
    environment = np.broadcast_to(_pillar_group(market, ENVIRONMENT_PILLARS)[:, None], shape)
    fw = fit.weights
    demand, supply, access = export_potential(
        need, capacity, strength, readiness, position, environment, (fw.need, fw.readiness, fw.strength), weights
    )
    if weights.rule == "potential":
        value = demand * supply * access
    else:
        parts = np.stack([np.broadcast_to(market_unit[:, None], shape), fit_values, position])
        w3 = w[:3] / w[:3].sum()
        if weights.rule == "product":
            value = np.exp(np.tensordot(w3, np.log(np.maximum(parts, 1e-3)), axes=1))
        else:
            value = np.tensordot(w3, parts, axes=1)
    # a gated pair has no fit (NaN) and stays out under every rule
    value = np.where(np.isnan(fit_values), np.nan, value)
    n_c, n_f = shape
    table = pd.DataFrame(
        {
            "iso3": pd.Categorical.from_codes(np.repeat(np.arange(n_c), n_f), categories=countries),
            "field_id": pd.Categorical.from_codes(np.tile(np.arange(n_f), n_c), categories=fields),
            "opportunity": value.ravel(),
            "demand": demand.ravel(),
            "supply": supply.ravel(),
            "access": access.ravel(),
            "capacity": capacity.ravel(),
            "environment": environment.ravel(),
            "market": np.repeat(market_unit, n_f),
            "fit": fit_values.ravel(),
            "need": need.ravel(),
            "readiness": readiness.ravel(),
            "strength": strength.ravel(),
            "position": position.ravel(),
            "margin": margin.ravel(),
            "main_rival": threat.array("main_rival", at).ravel(),
            "main_threat": threat.array("main_threat", at).astype(float).ravel(),
            "main_measured": threat.array("main_measured", at).ravel(),
            "main_basis": threat.array("main_basis", at).ravel(),
            "japan_position": threat.array("japan_position", at).astype(float).ravel(),
            "japan_measured": threat.array("japan_measured", at).ravel(),
            "white_space": threat.array("white_space", at).ravel(),
        }
    )
    raw = market.criteria.raw
    if MONEY_INDICATOR in raw.columns:
        table["demand_usd"] = np.repeat(raw[MONEY_INDICATOR].reindex(countries).to_numpy(dtype=float), n_f)
        table["demand_usd_year"] = np.repeat(
            market.criteria.year[MONEY_INDICATOR].reindex(countries).to_numpy(dtype=float), n_f
        )
    table = table[table["opportunity"].notna()]
    # stable sort: ties keep the country-then-field order the table was built in
    order = np.argsort(-table["opportunity"].to_numpy(), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    table.insert(0, "rank", table["opportunity"].rank(ascending=False, method="min").astype(int))
    return table
