"""The likely financing route of each (country, field) and the plan's candidate entries with it.

The route comes from the editable rule table ``financing_rules.csv`` (first matching rule wins,
file order) applied to measured facts: the World Bank income group and lending category (CLASS
FY2025), the LDC flag and the latest ``japan_aid_share`` (:mod:`strategy.data.plan_tables`). The
entries the optimiser reads carry that route (for funding pools) and the ICT packages of
``ict_packages.csv``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from strategy.data.dataset import Dataset
from strategy.data.plan_tables import ROUTES, country_facts, financing_routes
from strategy.i18n import DEFAULT_LANG, TEXT, Lang, t
from strategy.optimize.model import Entries, entries_from_scores
from strategy.optimize.packages import packages_from_table

__all__ = ["ROUTES", "entry_routes", "plan_entries", "route_label"]


def route_label(route: str, lang: Lang = DEFAULT_LANG) -> str:
    """A route id in words (``label.route.*``); an empty route (no rule matched) as a dash."""
    key = f"label.route.{route}"
    return t(key, lang) if key in TEXT else (route or "—")


def entry_routes(dataset: Dataset) -> pd.DataFrame:
    """Every (country, field) of the data with its route and the rule that gave it (columns iso3,
    field_id, route, rule_id); computed once per dataset."""

    def compute() -> pd.DataFrame:
        facts = country_facts(dataset.countries, dataset.indicators)
        aid = dataset.aid_financed_fields["aid_financed"].astype(int)
        return financing_routes(facts, dataset.fields, aid, dataset.financing_rules)

    return dataset.derived("financing.entry_routes", compute)


def plan_entries(
    opportunity: pd.DataFrame,
    dataset: Dataset,
    cost_scale: Mapping[str, float] | None = None,
    value_column: str = "opportunity",
) -> Entries:
    """:func:`~strategy.optimize.entries_from_scores` with each entry's financing route (column
    ``route``, and ``rule_id``) and the dataset's ICT packages, for the Plan page, the CLI and the
    exports. The route and packages change nothing unless a pool is set or packages are on."""
    entries = entries_from_scores(opportunity, dataset.fields, dataset.countries, cost_scale, value_column)
    routes = entry_routes(dataset).set_index(["iso3", "field_id"])
    key = pd.MultiIndex.from_frame(entries.table[["iso3", "field_id"]])
    table = entries.table.assign(
        route=routes["route"].reindex(key).fillna("").to_numpy(),
        rule_id=routes["rule_id"].reindex(key).fillna("").to_numpy(),
    )
    return Entries(table, packages_from_table(dataset.ict_packages))
