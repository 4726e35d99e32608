"""Scenario comparison: ranks, shifts, weights and plans, on hand-made and real cases."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from strategy.analysis.compare import plan_table, rank_shifts, rank_table, weight_table
from strategy.data.dataset import Dataset
from strategy.optimize import Plan
from strategy.scenario import Scenario, evaluate
from strategy.scoring import MarketWeights, Universe


class _Market:
    def __init__(self, ranks: dict[str, int]):
        self.rank = pd.Series(ranks, dtype=float)


def _plan(pairs: list[tuple[str, str]], status: str = "optimal") -> Plan:
    selection = pd.DataFrame(pairs, columns=["iso3", "field_id"])
    return Plan(status, 0.0, 0.0, selection, pd.DataFrame(), (), {}, 0.0, 0.0, 0.0, 0.0, "highs", 0, 0)


def test_hand_made_three_countries() -> None:
    a = _Market({"VNM": 1, "THA": 2, "IDN": 3})
    b = _Market({"VNM": 3, "THA": 1, "IDN": 2})
    ranks = rank_table({"A": a, "B": b}, top_n=2)
    assert list(ranks.index) == ["VNM", "THA", "IDN"]  # IDN is in B's top 2
    shifts = rank_shifts(ranks)
    assert shifts["A"].eq(0).all()
    assert shifts["B"].to_dict() == {"VNM": -2, "THA": 1, "IDN": 1}
    # swapping the scenarios negates the shifts
    back = rank_shifts(rank_table({"B": b, "A": a}, top_n=2))
    assert back["A"].to_dict() == {k: -v for k, v in shifts["B"].to_dict().items()}


def test_identical_real_scenarios_do_not_move(dataset: Dataset) -> None:
    scenario = replace(Scenario.default(dataset), universe=Universe(focus_only=True))
    market = evaluate(dataset, scenario).market
    ranks = rank_table({"x": market, "y": market}, top_n=5)
    assert len(ranks) == 5 and rank_shifts(ranks).eq(0).all().all()


def test_weights_are_shares_and_differences_are_balanced(dataset: Dataset) -> None:
    pillars = ["size", "growth", "income"]
    a = Scenario(market_weights=MarketWeights(pillars={"size": 2.0, "growth": 2.0, "income": 0.0}))
    b = Scenario(market_weights=MarketWeights(pillars={"size": 1.0, "growth": 1.0, "income": 2.0}))
    table = weight_table({"a": a, "b": b}, pillars)
    assert table["a"].sum() == pytest.approx(1.0) and table["b"].sum() == pytest.approx(1.0)
    assert (table["b"] - table["a"]).sum() == pytest.approx(0.0)
    assert table.loc["income", "spread"] == pytest.approx(0.5)
    same = weight_table({"a": a, "a2": a}, pillars)
    assert same["spread"].eq(0).all()


def test_plan_table_lists_what_differs_first() -> None:
    one = _plan([("VNM", "digital_tv"), ("PHL", "disaster_ict")])
    two = _plan([("VNM", "digital_tv"), ("IND", "fintech_payments")])
    table = plan_table({"one": one, "two": two})
    assert len(table) == 3
    assert table.loc[("VNM", "digital_tv"), "in_all"]
    assert not table["in_all"].iloc[0]  # differences first
    assert plan_table({"one": one, "again": one})["in_all"].all()
    empty = _plan([], status="infeasible")
    assert list(plan_table({"none": empty}).columns) == ["in_all"]
