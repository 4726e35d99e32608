"""Compare scenarios side by side: market ranks, weights and plans.

Pure pandas on what :func:`strategy.scenario.evaluate` and :func:`strategy.optimize.solve`
produce; the Scenarios page draws the slope chart and the tables from these frames.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from strategy.optimize import Plan
from strategy.scenario import Scenario
from strategy.scoring import MarketScores


def rank_table(markets: Mapping[str, MarketScores], top_n: int = 10) -> pd.DataFrame:
    """Market ranks per scenario (columns in the given order) for every country in the top
    ``top_n`` of at least one scenario; a country a scenario does not score has no rank there.
    Rows are ordered by the first scenario's rank."""
    if not markets:
        raise ValueError("no scenario to compare")
    if top_n < 1:
        raise ValueError("top_n must be at least 1")
    ranks = pd.concat({name: m.rank for name, m in markets.items()}, axis=1)
    shown = (ranks <= top_n).any(axis=1)
    first = ranks.columns[0]
    return ranks[shown].sort_values([first, *ranks.columns[1:]], na_position="last")


def rank_shifts(ranks: pd.DataFrame) -> pd.DataFrame:
    """How many places each country moved from the first scenario (positive: it went up)."""
    first = ranks.columns[0]
    return ranks.rsub(ranks[first], axis=0)


def weight_table(scenarios: Mapping[str, Scenario], pillars: list[str]) -> pd.DataFrame:
    """Pillar weights as shares of each scenario's total (pillars × scenarios), so scenarios with
    weights on different scales compare; plus, for two or more scenarios, the largest difference."""
    table = pd.DataFrame(
        {name: [float(s.market_weights.pillars.get(p, 0.0)) for p in pillars] for name, s in scenarios.items()},
        index=pillars,
    )
    totals = table.sum(axis=0).where(lambda x: x > 0, 1.0)
    table = table / totals
    if table.shape[1] > 1:
        table["spread"] = table.max(axis=1) - table.min(axis=1)
    return table


def plan_table(plans: Mapping[str, Plan]) -> pd.DataFrame:
    """(country, field) entries chosen by at least one plan, with a yes/no column per plan and
    ``in_all`` (chosen by every plan); entries some plans leave out come first."""
    chosen = {
        name: set(zip(p.selection["iso3"].astype(str), p.selection["field_id"].astype(str), strict=True))
        for name, p in plans.items()
        if p.has_solution
    }
    keys = sorted(set().union(*chosen.values())) if chosen else []
    table = pd.DataFrame(
        {name: [k in picked for k in keys] for name, picked in chosen.items()},
        index=pd.MultiIndex.from_tuples(keys, names=["iso3", "field_id"]) if keys else None,
    )
    table["in_all"] = table.all(axis=1) if len(table.columns) else []
    return table.sort_values("in_all", kind="stable")
