"""The Overview's headline: ranks and counts checked against a plain loop over the same tables."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from strategy.analysis.overview import headline, plan_headline
from strategy.data.dataset import Dataset
from strategy.optimize import Constraints, entries_from_scores, prerequisites_of, solve
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe


@pytest.fixture(scope="module")
def evaluation(dataset: Dataset):
    return evaluate(dataset, replace(Scenario.default(dataset), universe=Universe(focus_only=True)))


def test_markets_are_the_best_by_their_best_fields(evaluation) -> None:
    opp = evaluation.opportunity
    top = headline(evaluation.market, opp, n=4, depth=3)
    value = {
        iso3: sum(sorted(opp.loc[opp["iso3"].astype(str) == iso3, "opportunity"], reverse=True)[:3]) / 3
        for iso3 in opp["iso3"].astype(str).unique()
    }
    expected = sorted(value, key=lambda k: -value[k])[:4]
    assert list(top.markets.index) == expected
    assert top.markets["score"].tolist() == pytest.approx([value[k] for k in expected])
    assert top.markets["rank"].tolist() == [1, 2, 3, 4]
    best = opp.sort_values("opportunity", ascending=False).drop_duplicates("iso3").set_index("iso3")["field_id"]
    assert all(top.markets.at[k, "best_field"] == str(best[k]) for k in expected)


def test_field_value_is_the_mean_of_its_best_markets(evaluation) -> None:
    opp = evaluation.opportunity
    top = headline(evaluation.market, opp, depth=3, top_pairs=10)
    for field_id, row in top.fields.iterrows():
        values = sorted(opp.loc[opp["field_id"].astype(str) == field_id, "opportunity"], reverse=True)
        assert row["value"] == pytest.approx(sum(values[:3]) / len(values[:3]))
        best = opp[opp["field_id"].astype(str) == field_id].sort_values("opportunity", ascending=False).iloc[0]
        assert row["best_iso3"] == str(best["iso3"])
    assert top.fields["value"].is_monotonic_decreasing
    assert top.fields["pairs_in_top"].sum() == 10


def test_rivals_count_the_top_pairs_they_lead(evaluation) -> None:
    opp = evaluation.opportunity
    top = headline(evaluation.market, opp, top_pairs=15)
    pairs = opp.sort_values("opportunity", ascending=False, kind="stable").head(15)
    counts = pairs["main_rival"].dropna().value_counts()
    blank = int(counts.pop("")) if "" in counts else 0
    assert top.rivals["pairs"].to_dict() == counts.to_dict()
    assert top.open_pairs == blank + pairs["main_rival"].isna().sum()
    assert all(str(r).strip() for r in top.rivals.index)
    assert top.rivals["measured_share"].between(0, 1).all()
    assert len(top.pairs) == 15


def test_bad_sizes_are_refused(evaluation) -> None:
    with pytest.raises(ValueError):
        headline(evaluation.market, evaluation.opportunity, n=0)


def test_plan_headline_reads_the_plan(dataset: Dataset, evaluation) -> None:
    entries = entries_from_scores(evaluation.opportunity, dataset.fields, dataset.countries)
    constraints = Constraints(budget=12.0, staff=10.0, periods=1)
    plan = solve(entries, constraints, prerequisites=prerequisites_of(dataset.fields))
    head = plan_headline(plan, constraints)
    assert head.status == "optimal"
    assert head.budget_used == pytest.approx(plan.budget_used)
    assert head.value == pytest.approx(plan.objective)
    assert head.budget_used <= 12.0 + 1e-9 and head.budget == 12.0
    assert head.entries == len(plan.selection) > 0
    assert head.countries == plan.selection["iso3"].nunique()
    assert isinstance(plan.selection, pd.DataFrame)
