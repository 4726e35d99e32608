"""The export potential's factors beside a score: demand, supply and access, and demand in money.

Not a page. Table builders of several pages (Fields, Country profile, Plan) add these columns to a
table of (country, field) pairs drawn from the opportunity table; nothing is scored here. Demand in
money (``demand_usd``: ICT goods imports, current US$, with its year ``demand_usd_year``) is shown
only when the opportunity table has it.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from strategy.i18n import Lang, format_value
from strategy.scoring import OpportunityWeights
from ui.texts import t

FACTORS = ("demand", "supply", "access")


def demand_usd_text(value: object, year: object, language: Lang) -> str:
    """ICT goods imports in the language's money units, with the year: 'US$ 1.23 bn (2020)'."""
    text = format_value(value, "US$", language)
    try:
        y = float(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return text
    return text if not math.isfinite(y) or text == t("fmt.na", language) else f"{text} ({int(y)})"


def factor_columns(rows: pd.DataFrame, language: Lang, weights: OpportunityWeights) -> dict[str, object]:
    """Labelled columns for ``rows`` of the opportunity table: demand, supply and access under the
    export potential (nothing under the earlier models, whose parts are market, fit and position),
    and demand in money when the table has it."""
    out: dict[str, object] = {}
    if weights.rule == "potential":
        for name in FACTORS:
            if name in rows:
                out[t(f"ui.fx.{name}", language)] = rows[name].to_numpy(dtype=float)
    if "demand_usd" in rows:
        years = rows["demand_usd_year"] if "demand_usd_year" in rows else [None] * len(rows)
        out[t("ui.fx.demand_usd", language)] = [
            demand_usd_text(v, y, language) for v, y in zip(rows["demand_usd"], years, strict=True)
        ]
    return out


def factor_config(language: Lang) -> dict[str, object]:
    """Column configurations (format and definition) of the columns :func:`factor_columns` makes."""
    config: dict[str, object] = {
        t(f"ui.fx.{name}", language): st.column_config.NumberColumn(
            t(f"ui.fx.{name}", language), format="%.2f", help=t(f"ui.fx.{name}_help", language)
        )
        for name in FACTORS
    }
    label = t("ui.fx.demand_usd", language)
    config[label] = st.column_config.TextColumn(label, help=t("ui.fx.demand_usd_help", language))
    return config


def opportunity_caption(weights: OpportunityWeights, language: Lang) -> str:
    """How the opportunity of the table is made, under the scenario's model."""
    if weights.rule == "potential":
        return t("ui.fx.caption.potential", language)
    return t(
        "ui.fx.caption.mean",
        language,
        market=f"{weights.market:.2f}",
        fit=f"{weights.fit:.2f}",
        position=f"{weights.position:.2f}",
        rule=t(f"ui.sc.model.{weights.rule}", language),
    )
