"""ICT packages and financing routes on the Plan and Country pages: the inputs (packages on/off,
funding pools), the packages a plan gives and why, and the likely route of each field in a country."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.data.plan_tables import ROUTES
from strategy.i18n import Lang
from strategy.optimize import Plan
from strategy.scoring.financing import entry_routes, route_label
from ui.common import tr
from ui.scenario_state import plan_default
from ui.views.plan import Names, _common, optional_number


def package_names(ds: Dataset, language: Lang) -> dict[str, str]:
    """Package id -> its name in ``language``."""
    column = "name_ja" if language == "ja" else "name_en"
    return {str(k): str(v) for k, v in ds.ict_packages[column].items()}


def package_and_pool_inputs() -> dict[str, Any]:
    """The toggle for whole packages and one optional budget per financing route (empty: no pool)."""
    values: dict[str, Any] = {"use_packages": st.toggle(value=plan_default("use_packages"), **_common("use_packages"))}
    st.caption(tr("ui.pl.pk.pools_caption"))
    columns = st.columns(len(ROUTES))
    for column, route in zip(columns, ROUTES, strict=True):
        values[f"pool_{route}"] = optional_number(column, f"pool_{route}", 0.0, 1000.0, 1.0)
    return values


def packages_table(plan: Plan, ds: Dataset, names: Names) -> None:
    """The packages the plan gives each country: members, synergy, what it adds and saves, and why."""
    if not len(plan.packages):
        if "package" in plan.selection.columns:
            st.caption(tr("ui.pl.pk.none"))
        return
    st.markdown(f"#### {tr('ui.pl.pk.table_title')}")
    st.caption(tr("ui.pl.pk.table_intro"))
    pk = plan.packages
    titles = package_names(ds, names.language)
    why = ds.ict_packages["rationale_ja" if names.language == "ja" else "rationale"]
    frame = pd.DataFrame(
        {
            "country": [names.country(k) for k in pk["iso3"]],
            "package": [titles.get(p, p) for p in pk["package_id"]],
            "members": ["、".join(names.field(f) for f in m.split(";")) for m in pk["members"]],
            "value_bonus": pk["value_bonus"].astype(float).to_numpy() * 100,
            "cost_saving": pk["cost_saving"].astype(float).to_numpy() * 100,
            "bonus": pk["bonus"].astype(float).to_numpy(),
            "saving": pk["saving"].astype(float).to_numpy(),
            "why": [str(why.get(p, "")) for p in pk["package_id"]],
        }
    )
    column = st.column_config
    st.dataframe(
        frame,
        column_config={
            "country": column.TextColumn(tr("ui.pl.pk.col.country")),
            "package": column.TextColumn(tr("ui.pl.pk.col.package")),
            "members": column.TextColumn(tr("ui.pl.pk.col.members"), width="medium"),
            "value_bonus": column.NumberColumn(tr("ui.pl.pk.col.value_bonus"), format="%.0f%%"),
            "cost_saving": column.NumberColumn(tr("ui.pl.pk.col.cost_saving"), format="%.0f%%"),
            "bonus": column.NumberColumn(tr("ui.pl.pk.col.bonus"), format="%.3f"),
            "saving": column.NumberColumn(tr("ui.pl.pk.col.saving"), format="%.2f"),
            "why": column.TextColumn(tr("ui.pl.pk.col.why"), width="large"),
        },
        hide_index=True,
        width="stretch",
        key="plan_packages_table",
    )


def route_table(ds: Dataset, iso3: str, names: Names) -> None:
    """The likely financing route of each field in one country, with the rule that gave it and why."""
    routes = entry_routes(ds)
    rows = routes[routes["iso3"] == iso3]
    rules = ds.financing_rules.set_index("rule_id")
    why = rules["rationale_ja" if names.language == "ja" else "rationale"]
    st.markdown(f"#### {tr('ui.cp.route.title')}")
    st.caption(tr("ui.cp.route.intro"))
    frame = pd.DataFrame(
        {
            "field": [names.field(f) for f in rows["field_id"]],
            "route": [route_label(r, names.language) for r in rows["route"]],
            "rule": rows["rule_id"].to_numpy(),
            "why": [str(why.get(r, "")) for r in rows["rule_id"]],
        }
    )
    column = st.column_config
    st.dataframe(
        frame,
        column_config={
            "field": column.TextColumn(tr("ui.cp.route.col.field")),
            "route": column.TextColumn(tr("ui.cp.route.col.route")),
            "rule": column.TextColumn(tr("ui.cp.route.col.rule")),
            "why": column.TextColumn(tr("ui.cp.route.col.why"), width="large"),
        },
        hide_index=True,
        width="stretch",
        key="country_routes",
    )


def judgement_tables(ds: Dataset, names: Names) -> None:
    """The two judgement tables of packages and financing rules, as the planner edits them (labelled)."""
    column = st.column_config
    packages = ds.ict_packages
    ja = names.language == "ja"
    st.markdown(f"**{tr('ui.judgement.packages')}** — `ict_packages.csv`")
    frame = pd.DataFrame(
        {
            "package": packages["name_ja" if ja else "name_en"].to_numpy(),
            "members": ["、".join(names.field(f) for f in m) for m in packages["members"]],
            "value_bonus": packages["value_bonus"].to_numpy(dtype=float) * 100,
            "cost_saving": packages["cost_saving"].to_numpy(dtype=float) * 100,
            "why": packages["rationale_ja" if ja else "rationale"].to_numpy(),
            "reference": packages["reference"].to_numpy(),
        }
    )
    st.dataframe(
        frame,
        column_config={
            "package": column.TextColumn(tr("ui.pl.pk.col.package")),
            "members": column.TextColumn(tr("ui.pl.pk.col.members")),
            "value_bonus": column.NumberColumn(tr("ui.pl.pk.col.value_bonus"), format="%.0f%%"),
            "cost_saving": column.NumberColumn(tr("ui.pl.pk.col.cost_saving"), format="%.0f%%"),
            "why": column.TextColumn(tr("ui.pl.pk.col.why"), width="large"),
            "reference": column.TextColumn(tr("ui.judgement.col.reference")),
        },
        hide_index=True,
        width="stretch",
    )
    rules = ds.financing_rules
    st.markdown(f"**{tr('ui.judgement.financing_rules')}** — `financing_rules.csv`")

    def listed(values: tuple[str, ...]) -> str:
        return "、".join(values) if values else "—"

    def flag(value: object) -> str:
        return "—" if pd.isna(value) else str(int(value))

    frame = pd.DataFrame(
        {
            "rule": rules["rule_id"].to_numpy(),
            "income": [listed(v) for v in rules["income_groups"]],
            "lending": [listed(v) for v in rules["lending_categories"]],
            "ldc": [flag(v) for v in rules["is_ldc"]],
            "aid_financed": [flag(v) for v in rules["aid_financed"]],
            "fields": [listed(tuple(names.field(f) for f in v)) for v in rules["fields"]],
            "aid_share": rules["min_japan_aid_share"].to_numpy(dtype=float),
            "route": [route_label(r, names.language) for r in rules["route"]],
            "why": rules["rationale_ja" if ja else "rationale"].to_numpy(),
            "reference": rules["reference"].to_numpy(),
        }
    )
    st.dataframe(
        frame,
        column_config={
            "rule": column.TextColumn(tr("ui.cp.route.col.rule")),
            "income": column.TextColumn(tr("ui.judgement.col.income")),
            "lending": column.TextColumn(tr("ui.judgement.col.lending")),
            "ldc": column.TextColumn(tr("ui.judgement.col.ldc")),
            "aid_financed": column.TextColumn(tr("ui.judgement.col.aid_financed")),
            "fields": column.TextColumn(tr("ui.judgement.col.fields")),
            "aid_share": column.NumberColumn(tr("ui.judgement.col.aid_share"), format="%.0f"),
            "route": column.TextColumn(tr("ui.cp.route.col.route")),
            "why": column.TextColumn(tr("ui.cp.route.col.why"), width="large"),
            "reference": column.TextColumn(tr("ui.judgement.col.reference")),
        },
        hide_index=True,
        width="stretch",
    )
    st.caption(tr("ui.judgement.rules_note"))
