"""The current scenario in one screen: top markets, top fields, main rivals, the plan's headline.

Pure pandas on the scoring's outputs, so the Overview page, the exports and tests read the same
numbers. Nothing here re-scores: it only ranks and counts what :mod:`strategy.scoring` and
:mod:`strategy.optimize` produced.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from strategy.optimize import Constraints, Plan
from strategy.scoring import MarketScores


@dataclass(frozen=True)
class Headline:
    """What the Overview shows.

    ``markets``: the best ``n`` markets by the mean opportunity of their best ``depth`` fields
    (iso3 index; rank, score = that mean, best_field), so the markets named first are where the
    opportunities are, not merely the largest or richest economies (the Markets page ranks market
    attractiveness alone). ``fields``: fields ranked by
    the mean opportunity of their best ``depth`` markets (field_id index; value, best_iso3,
    pairs_in_top = how many of the top ``top_pairs`` pairs are in that field). ``pairs``: the
    best ``top_pairs`` (country, field) pairs with their main rival. ``rivals``: rivals by how
    many of those top pairs they are the main rival in (rival_id index; pairs, mean_threat,
    measured_share = share of those pairs where the rival's presence is measured, not assumed).
    ``open_pairs``: how many of the top pairs have no rival present at all.
    """

    markets: pd.DataFrame
    fields: pd.DataFrame
    pairs: pd.DataFrame
    rivals: pd.DataFrame
    open_pairs: int


def headline(
    market: MarketScores, opportunity: pd.DataFrame, n: int = 5, depth: int = 5, top_pairs: int = 20
) -> Headline:
    """Rank markets, fields and rivals for the Overview.

    A field's value is the mean opportunity over its ``depth`` best markets rather than over all
    markets: a field matters if it is strong somewhere, not on average everywhere; a market's value
    likewise is the mean over its ``depth`` best fields.
    """
    if n < 1 or depth < 1 or top_pairs < 1:
        raise ValueError("n, depth and top_pairs must be at least 1")
    table = opportunity.assign(iso3=opportunity["iso3"].astype(str), field_id=opportunity["field_id"].astype(str))
    # the table comes best first: a country's first rows are its best fields
    best_first = table.sort_values("opportunity", ascending=False, kind="stable")
    top_fields = best_first[best_first.groupby("iso3", sort=False).cumcount().to_numpy() < depth]
    markets = top_fields.groupby("iso3", sort=False).agg(
        score=("opportunity", "mean"), best_field=("field_id", "first")
    )
    markets = markets.sort_values("score", ascending=False, kind="stable").head(n)
    markets.insert(0, "rank", range(1, len(markets) + 1))

    ordered = table.sort_values(["field_id", "opportunity"], ascending=[True, False], kind="stable")
    best = ordered.groupby("field_id", sort=False).head(depth)
    fields = best.groupby("field_id").agg(value=("opportunity", "mean"))
    fields["best_iso3"] = ordered.groupby("field_id", sort=False).head(1).set_index("field_id")["iso3"]

    pairs = table.sort_values("opportunity", ascending=False, kind="stable").head(top_pairs)
    fields["pairs_in_top"] = pairs["field_id"].value_counts().reindex(fields.index).fillna(0).astype(int)
    fields = fields.sort_values(["value", "pairs_in_top"], ascending=False, kind="stable")

    rival = pairs["main_rival"].astype("string").str.strip()
    with_rival = pairs[rival.notna() & (rival != "")]  # blank: no rival present in that pair
    rivals = with_rival.groupby("main_rival").agg(
        pairs=("opportunity", "size"),
        mean_threat=("main_threat", "mean"),
        measured_share=("main_measured", lambda s: float(pd.Series(s, dtype=bool).mean())),
    )
    rivals.index.name = "rival_id"
    rivals = rivals.sort_values(["pairs", "mean_threat"], ascending=False, kind="stable")
    columns = ["iso3", "field_id", "opportunity", "main_rival", "main_threat", "main_measured"]
    return Headline(markets, fields, pairs[columns].reset_index(drop=True), rivals, len(pairs) - len(with_rival))


@dataclass(frozen=True)
class PlanHeadline:
    """A solved plan in four numbers: value, budget used of the budget, entries, countries."""

    status: str
    value: float
    budget_used: float
    budget: float
    staff_used: float
    staff: float | None
    entries: int
    countries: int


def plan_headline(plan: Plan, constraints: Constraints) -> PlanHeadline:
    """The plan's headline numbers (value is the objective, every term included)."""
    selection = plan.selection
    return PlanHeadline(
        status=plan.status,
        value=float(plan.objective),
        budget_used=float(plan.budget_used),
        budget=float(constraints.budget),
        staff_used=float(plan.staff_used),
        staff=None if constraints.staff is None else float(constraints.staff),
        entries=len(selection),
        countries=int(selection["iso3"].nunique()) if len(selection) else 0,
    )
