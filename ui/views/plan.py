"""Drawing helpers of the Plan page: its input widgets, the portfolio table, the Sankey of the budget,
the roadmap, the clash and binding lists, and the budget frontier.

Every helper takes what it shows (a plan, the constraints, display names) and draws or returns a
figure; none solves anything. ``Names`` carries the display names of countries and fields in the
page's language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.i18n import Lang
from strategy.optimize import ConstraintGroup, Constraints, Plan, group_text
from strategy.scoring import OpportunityWeights
from strategy.scoring.financing import route_label
from ui import views
from ui.common import bullets, escape_markdown, tr
from ui.labels import label
from ui.scenario_state import PLAN_INPUTS, plan_default
from ui.texts import t
from ui.views.factors import factor_columns, factor_config

PHASE_COLOURS = {1: views.OKABE_ITO[0], 2: views.OKABE_ITO[1], 3: views.OKABE_ITO[2]}
CHART_CONFIG = {"displaylogo": False}


@dataclass(frozen=True)
class Names:
    """Display names of countries and fields (ids without one are shown as they are)."""

    language: Lang
    countries: Mapping[str, str]
    fields: Mapping[str, str]

    def country(self, iso3: str) -> str:
        return str(self.countries.get(iso3, iso3))

    def field(self, field_id: str) -> str:
        return str(self.fields.get(field_id, field_id))

    def group(self, group: ConstraintGroup) -> str:
        """A constraint group of the model in plain words."""
        return group_text(group, self.language, self.countries, self.fields)


def number(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


# --- inputs ---------------------------------------------------------------------------------------


def _common(name: str) -> dict[str, Any]:
    """The arguments every Plan input shares: label, help and key from its name, first value from
    the last applied scenario (:func:`plan_default`)."""
    return {"label": tr(f"ui.pl.{name}"), "key": PLAN_INPUTS[name][0], "help": tr(f"ui.pl.{name}_help")}


def number_input(column: Any, name: str, low: float, high: float, step: float, **extra: Any) -> Any:
    """A Plan page number input; ``extra`` may add e.g. ``placeholder`` (a limit that may be empty)."""
    return column.number_input(
        min_value=low, max_value=high, value=plan_default(name), step=step, **_common(name), **extra
    )


def optional_number(column: Any, name: str, low: float, high: float, step: float) -> Any:
    """A number input that may be left empty, meaning 'no limit'."""
    return number_input(column, name, low, high, step, placeholder=tr("ui.pl.no_limit"))


def choose_many(column: Any, name: str, options: Sequence[str], format_func: Callable[[str], str]) -> list[str]:
    """A Plan page multiselect (countries or fields to include or leave out). A scenario may name a
    country outside the universe: it stays listed (the solver then says it cannot be planned)
    rather than being dropped without a word."""
    default = list(plan_default(name))
    return column.multiselect(
        options=[*options, *(d for d in default if d not in options)],
        format_func=format_func,
        default=default,
        placeholder=tr("ui.pl.choose"),
        **_common(name),
    )


def cost_scale_editor(
    countries: Sequence[str], names: Names, saved: Mapping[str, float], limits: tuple[float, float]
) -> pd.DataFrame:
    """The per-country cost multipliers as an editable table (columns iso3, country, multiplier)."""
    st.caption(tr("ui.pl.cost_scale_caption"))
    frame = pd.DataFrame(
        {
            "iso3": countries,
            "country": [names.country(i) for i in countries],
            "multiplier": [float(saved.get(i, 1.0)) for i in countries],
        }
    )
    return st.data_editor(
        frame,
        column_config={
            "iso3": None,
            "country": st.column_config.TextColumn(tr("ui.pl.col.country"), disabled=True),
            "multiplier": st.column_config.NumberColumn(
                tr("ui.pl.cost_scale_col"),
                min_value=limits[0],
                max_value=limits[1],
                step=0.05,
                format="%.2f",
                required=True,
                help=tr("ui.pl.cost_scale_help"),
            ),
        },
        hide_index=True,
        num_rows="fixed",
        width="stretch",
        height=min(35 * (len(frame) + 1) + 3, 300),
        key="plan_cost_editor",
    )


# --- status, totals and portfolio -----------------------------------------------------------------


def clash_message(clash: Mapping[ConstraintGroup, float], names: Names) -> None:
    """Why no plan exists: the clashing groups and how much each would have to give."""
    items = []
    for group, amount in clash.items():
        if math.isinf(amount):
            items.append(tr("ui.pl.clash_item_inf", group=names.group(group)))
        else:
            items.append(tr("ui.pl.clash_item", group=names.group(group), amount=number(amount)))
    st.warning(bullets(tr("ui.pl.status.infeasible"), items))
    st.caption(tr("ui.pl.clash_hint"))


def totals(plan: Plan, constraints: Constraints) -> None:
    """Value, budget and staff used, and the number of entries and countries."""
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(tr("ui.pl.total_value"), number(plan.objective, 3), help=tr("ui.pl.total_value_help"))
    m2.metric(
        tr("ui.pl.budget_used"),
        f"{number(plan.budget_used, 1)} / {number(constraints.budget, 1)}",
        help=tr("ui.pl.budget_used_help"),
    )
    staff_limit = "—" if constraints.staff is None else number(constraints.staff, 1)
    m3.metric(tr("ui.pl.staff_used"), f"{number(plan.staff_used, 1)} / {staff_limit}", help=tr("ui.pl.staff_used_help"))
    m4.metric(tr("ui.pl.n_entries"), f"{len(plan.selection)} / {len(plan.countries)}")


def portfolio_table(
    selection: pd.DataFrame,
    names: Names,
    opportunity: pd.DataFrame | None = None,
    weights: OpportunityWeights | None = None,
    package_names: Mapping[str, str] | None = None,
    rivals: pd.DataFrame | None = None,
    rival_names: Mapping[str, str] | None = None,
) -> None:
    """One row per chosen entry: country, field, phase, period, value (with the export potential's
    factors from ``opportunity`` under that model, and demand in money when it has it), cost, staff,
    the package it belongs to (packages on, named by ``package_names``), its financing route and
    the rival it meets (``rivals``: :func:`strategy.scoring.timing.entry_rivals`, in ``selection``
    order) with that rival's momentum and the act-soon flag."""
    frame = pd.DataFrame(
        {
            "country": [names.country(i) for i in selection["iso3"]],
            "field": [names.field(f) for f in selection["field_id"]],
            "phase": selection["phase"].astype(int).to_numpy(),
            "period": selection["period"].astype(int).to_numpy(),
            "value": selection["value"].astype(float).to_numpy(),
        }
    )
    if opportunity is not None and weights is not None:
        table = opportunity.assign(iso3=opportunity["iso3"].astype(str), field_id=opportunity["field_id"].astype(str))
        key = pd.MultiIndex.from_arrays([selection["iso3"].astype(str), selection["field_id"].astype(str)])
        rows = table.set_index(["iso3", "field_id"]).reindex(key)
        for name, values in factor_columns(rows, names.language, weights).items():
            frame[name] = values
    frame["cost"] = selection["cost"].astype(float).to_numpy()
    frame["staff"] = selection["staff"].astype(float).to_numpy()
    if "package" in selection.columns:
        frame["package"] = [(package_names or {}).get(p, p) for p in selection["package"]]
    if "route" in selection.columns:
        frame["route"] = [route_label(r, names.language) for r in selection["route"]]
    if rivals is not None:
        frame["rival"] = [
            rival_text(r, (rival_names or {}).get(r.main_rival, r.main_rival)) for r in rivals.itertuples()
        ]
        frame["act_soon"] = rivals["act_soon"].to_numpy(dtype=bool)
    column = st.column_config
    st.dataframe(
        frame,
        column_config={
            **factor_config(names.language),
            "country": column.TextColumn(tr("ui.pl.col.country")),
            "field": column.TextColumn(tr("ui.pl.col.field"), width="large"),
            "phase": column.NumberColumn(tr("ui.pl.col.phase"), format="%d"),
            "period": column.NumberColumn(tr("ui.pl.col.period"), format="%d"),
            "value": column.NumberColumn(tr("ui.pl.col.value"), format="%.3f", help=tr("ui.pl.col.value_help")),
            "cost": column.NumberColumn(tr("ui.pl.col.cost"), format="%.2f", help=tr("ui.pl.col.cost_help")),
            "staff": column.NumberColumn(tr("ui.pl.col.staff"), format="%.1f", help=tr("ui.pl.col.staff_help")),
            "package": column.TextColumn(tr("ui.pl.col.package"), help=tr("ui.pl.col.package_help")),
            "route": column.TextColumn(tr("ui.pl.col.route"), help=tr("ui.pl.col.route_help")),
            "rival": column.TextColumn(tr("ui.pl.col.rival"), help=tr("ui.pl.col.rival_help"), width="medium"),
            "act_soon": column.CheckboxColumn(tr("ui.pl.col.act_soon"), help=tr("ui.pl.col.act_soon_help")),
        },
        hide_index=True,
        width="stretch",
        height=35 * (min(len(frame), 20) + 1) + 3,
        key="plan_table",
    )


#: How a rival's presence is known, and its momentum, as the plan table says them.
_BASIS_TEXT = {"measured": "ui.pl.rival.measured", "home_market": "ui.pl.rival.home", "assumed": "ui.pl.rival.assumed"}
_MOMENTUM_TEXT = {"rising": "ui.pl.rival.rising", "steady": "ui.pl.rival.steady", "fading": "ui.pl.rival.fading"}


def rival_text(row: Any, name: str) -> str:
    """'China (measured), rising in 2022': the main rival ``name``, how its presence is known, and
    its momentum where the timeline measures one; 'none present' where no rival is."""
    if not row.main_rival:
        return tr("ui.pl.rival.none")
    text = tr(_BASIS_TEXT.get(row.main_basis, "ui.pl.rival.assumed"), rival=name)
    if row.momentum in _MOMENTUM_TEXT:
        text += tr(_MOMENTUM_TEXT[row.momentum], year=int(row.as_of))
    return text


# --- Sankey: budget -> region -> country -> field, and the roadmap ----------------------------------


def sankey(selection: pd.DataFrame, constraints: Constraints, names: Names) -> go.Figure:
    """Where the budget goes: budget -> region -> country -> field (and the opening cost)."""
    labels: list[str] = [tr("ui.pl.sankey.budget")]
    index: dict[tuple[str, str], int] = {}

    def node(kind: str, key: str, text: str) -> int:
        if (kind, key) not in index:
            index[kind, key] = len(labels)
            labels.append(text)
        return index[kind, key]

    flows: dict[tuple[int, int], float] = {}

    def flow(a: int, b: int, value: float) -> None:
        flows[a, b] = flows.get((a, b), 0.0) + value

    opened = set()
    for row in selection.itertuples():
        region = str(row.region) or "—"
        r = node("region", region, label("region", region, names.language) or region)
        c = node("country", row.iso3, names.country(row.iso3))
        f = node("field", row.field_id, names.field(row.field_id))
        cost = float(row.cost)
        extra = constraints.open_cost if row.iso3 not in opened else 0.0
        opened.add(row.iso3)
        flow(0, r, cost + extra)
        flow(r, c, cost + extra)
        flow(c, f, cost)
        if extra > 0:
            flow(c, node("open", "open", tr("ui.pl.sankey.opening")), extra)
    colours = [views.OKABE_ITO[0]] + [
        views.OKABE_ITO[{"region": 1, "country": 2, "field": 4, "open": 7}[kind]] for kind, _ in index
    ]
    keys = [k for k in flows if flows[k] > 0]
    figure = go.Figure(
        go.Sankey(
            node={"label": labels, "color": colours, "pad": 12, "thickness": 14},
            link={
                "source": [a for a, _ in keys],
                "target": [b for _, b in keys],
                "value": [flows[k] for k in keys],
                "color": "rgba(120,120,120,0.25)",
            },
            valueformat=".2f",
        )
    )
    figure.update_layout(
        height=max(380, 22 * len(labels)), margin={"l": 10, "r": 10, "t": 10, "b": 10}, font=views.FONT
    )
    return figure


def roadmap(selection: pd.DataFrame, constraints: Constraints, names: Names) -> go.Figure:
    """Cost per period, stacked by phase, each bar labelled with its country and field."""
    language = names.language
    figure = go.Figure()
    for phase in sorted(selection["phase"].astype(int).unique()):
        rows = selection[selection["phase"].astype(int) == phase]
        figure.add_trace(
            go.Bar(
                x=[t("ui.pl.period_label", language, n=int(p)) for p in rows["period"]],
                y=rows["cost"].astype(float),
                name=tr("ui.pl.phase_label", n=int(phase)),
                marker={
                    "color": PHASE_COLOURS.get(int(phase), views.OKABE_ITO[3]),
                    "line": {"color": "white", "width": 1},
                },
                text=[
                    f"{names.country(i)}: {names.field(f)}" for i, f in zip(rows["iso3"], rows["field_id"], strict=True)
                ],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate="%{text}<br>%{y:.2f}<extra></extra>",
            )
        )
    order = [t("ui.pl.period_label", language, n=p) for p in range(1, constraints.periods + 1)]
    figure.update_layout(
        barmode="stack",
        height=460,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font=views.FONT,
        xaxis={"categoryorder": "array", "categoryarray": order, "title": tr("ui.pl.col.period")},
        yaxis={"title": tr("ui.pl.col.cost")},
        legend={"orientation": "h", "y": 1.08},
    )
    return figure


def charts(selection: pd.DataFrame, constraints: Constraints, names: Names) -> None:
    """The Sankey and the roadmap side by side."""
    left, right = st.columns(2)
    with left:
        st.markdown(f"#### {tr('ui.pl.sankey_title')}")
        st.plotly_chart(sankey(selection, constraints, names), width="stretch", config=CHART_CONFIG, key="plan_sankey")
    with right:
        st.markdown(f"#### {tr('ui.pl.roadmap_title')}")
        st.plotly_chart(
            roadmap(selection, constraints, names), width="stretch", config=CHART_CONFIG, key="plan_roadmap"
        )


# --- binding limits, greedy, marginal values --------------------------------------------------------


def binding(plan: Plan, names: Names) -> None:
    """The planner's limits with no slack left."""
    st.markdown(f"#### {tr('ui.pl.binding_title')}")
    if plan.binding:
        st.markdown(bullets(tr("ui.pl.binding_intro"), [names.group(g) for g in plan.binding]))
    else:
        st.caption(tr("ui.pl.binding_none"))


def greedy_comparison(plan: Plan, baseline: Plan) -> None:
    """The optimum against the greedy yardstick."""
    st.markdown(f"#### {tr('ui.pl.greedy_title')}")
    if baseline.status == "no solution":
        st.caption(tr("ui.pl.greedy_none"))
        return
    better = plan.objective - baseline.objective
    share = better / baseline.objective * 100 if baseline.objective > 0 else 0.0
    g1, g2 = st.columns(2)
    g1.metric(tr("ui.pl.greedy_value"), number(baseline.objective, 3), delta=None)
    g2.metric(
        tr("ui.pl.greedy_entries"), tr("ui.pl.n_entries_value", n=len(baseline.selection), k=len(baseline.countries))
    )
    st.caption(tr("ui.pl.greedy_caption", diff=number(better, 3), share=f"{share:.1f}"))


def marginal(values: Mapping[str, float]) -> None:
    """The value of one more unit of budget (and of staff)."""
    items = [tr("ui.pl.marginal_budget", v=number(values["budget"], 3))]
    if "staff" in values:
        items.append(tr("ui.pl.marginal_staff", v=number(values["staff"], 3)))
    st.markdown("  \n".join(escape_markdown(i) for i in items))


# --- frontier -------------------------------------------------------------------------------------


def frontier_chart(points: Sequence[tuple[float, Plan]], constraints: Constraints, plan: Plan) -> go.Figure:
    """Total value against budget, with the current plan marked."""
    solved = [(b, p) for b, p in points if p.has_solution]
    figure = go.Figure(
        go.Scatter(
            x=[b for b, _ in solved],
            y=[p.objective for _, p in solved],
            mode="lines+markers",
            line={"color": views.OKABE_ITO[0]},
            name=tr("ui.pl.total_value"),
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[constraints.budget],
            y=[plan.objective],
            mode="markers",
            marker={"color": views.OKABE_ITO[5], "size": 12, "symbol": "diamond"},
            name=tr("ui.pl.frontier_current"),
        )
    )
    figure.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font=views.FONT,
        xaxis={"title": tr("ui.pl.budget")},
        yaxis={"title": tr("ui.pl.total_value")},
    )
    return figure


def frontier(points: Sequence[tuple[float, Plan]], constraints: Constraints, plan: Plan, names: Names) -> None:
    """The frontier chart and one row per budget: status, value, entries, countries."""
    chart = frontier_chart(points, constraints, plan)
    st.plotly_chart(chart, width="stretch", config=CHART_CONFIG, key="plan_frontier_chart")
    table = pd.DataFrame(
        {
            "budget": [b for b, _ in points],
            "status": [t(f"ui.pl.short_status.{p.status.replace(' ', '_')}", names.language) for _, p in points],
            "value": [p.objective if p.has_solution else None for _, p in points],
            "entries": [len(p.selection) for _, p in points],
            "countries": [tr("fmt.list_sep").join(names.country(i) for i in p.countries["iso3"]) for _, p in points],
        }
    )
    column = st.column_config
    st.dataframe(
        table,
        column_config={
            "budget": column.NumberColumn(tr("ui.pl.budget"), format="%.2f"),
            "status": column.TextColumn(tr("ui.pl.col.status")),
            "value": column.NumberColumn(tr("ui.pl.total_value"), format="%.3f"),
            "entries": column.NumberColumn(tr("ui.pl.col.entries"), format="%d"),
            "countries": column.TextColumn(tr("ui.pl.col.countries"), width="large"),
        },
        hide_index=True,
        width="stretch",
        key="plan_frontier_table",
    )
