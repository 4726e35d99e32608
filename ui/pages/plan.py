"""Plan (計画): the best portfolio of (country, field) entries under budget, staff and the planner's rules.

Values come from the shared scoring state (the opportunity table); cost and staff per field come from
the judgement table. Solving runs only when the planner presses the button; the result stays in the
session. Infeasible settings are explained in plain words (which constraint groups clash).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy import optimize as opt
from ui import settings as sc
from ui import views
from ui.common import bullets, current_dataset, escape_markdown, label, lang, tr
from ui.scenario_state import COST_SCALE_KEY, asean_members, constraints_from_values, plan_default
from ui.texts import TEXT, t

RESULT_KEY = "plan_result"
COST_SCALE_RANGE = (0.1, 10.0)
PHASE_COLOURS = {1: views.OKABE_ITO[0], 2: views.OKABE_ITO[1], 3: views.OKABE_ITO[2]}
FRONTIER_POINTS = 9

ds = current_dataset()
language = lang()
state = sc.controls(ds)

st.title(tr("ui.page.plan"))
st.write(tr("ui.pl.intro"))
universe = sc.require_countries(ds, state)
sc.header(ds, state, len(universe))
st.caption(tr("ui.pl.judgement_note"))

opp = sc.opportunities(ds, state)
names = views.country_names(ds, language)
field_label = views.field_names(ds, language)
countries = sorted(opp["iso3"].astype(str).unique(), key=lambda i: str(names.get(i, i)))
fields = list(ds.fields.index)
asean = asean_members(ds)


def scoring_signature() -> tuple:
    """The opportunity table's cache key, to notice a plan solved on other scoring settings."""
    return sc.opportunity_key(ds, state)


def country_name(iso3: str) -> str:
    return str(names.get(iso3, iso3))


def field_name(field_id: str) -> str:
    return str(field_label.get(field_id, field_id))


def number(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


def group_label(group: str) -> str:
    """A constraint group of the model in plain words."""
    kind, _, what = group.partition(": ")
    if kind == "group min":
        return tr("ui.pl.group.group_min", group=what)
    if kind == "group max":
        return tr("ui.pl.group.group_max", group=what)
    if kind == "field max":
        return tr("ui.pl.group.field_max", field=field_name(what))
    if kind == "must country":
        return tr("ui.pl.group.must_country", country=country_name(what))
    if kind == "must field":
        return tr("ui.pl.group.must_field", field=field_name(what))
    if kind == "must pair":
        iso3, _, field_id = what.partition("/")
        return tr("ui.pl.group.must_pair", country=country_name(iso3), field=field_name(field_id))
    key = f"ui.pl.group.{group.replace(' ', '_')}"
    return tr(key) if key in TEXT else group


# --- controls -----------------------------------------------------------------------------------

with st.form("plan_form"):
    st.subheader(tr("ui.pl.controls_title"))
    c1, c2, c3, c4 = st.columns(4)
    budget = c1.number_input(
        tr("ui.pl.budget"),
        min_value=0.0,
        max_value=1000.0,
        value=plan_default("budget"),
        step=1.0,
        key="plan_budget",
        help=tr("ui.pl.budget_help"),
    )
    period_budget = c2.number_input(
        tr("ui.pl.period_budget"),
        min_value=0.0,
        max_value=1000.0,
        value=plan_default("period_budget"),
        step=1.0,
        key="plan_period_budget",
        help=tr("ui.pl.period_budget_help"),
        placeholder=tr("ui.pl.no_limit"),
    )
    staff = c3.number_input(
        tr("ui.pl.staff"),
        min_value=0.0,
        max_value=1000.0,
        value=plan_default("staff"),
        step=1.0,
        key="plan_staff",
        help=tr("ui.pl.staff_help"),
    )
    periods = c4.slider(
        tr("ui.pl.periods"), 1, 5, value=plan_default("periods"), key="plan_periods", help=tr("ui.pl.periods_help")
    )
    c1, c2, c3, c4 = st.columns(4)
    max_countries = c1.number_input(
        tr("ui.pl.max_countries"),
        min_value=1,
        max_value=250,
        value=plan_default("max_countries"),
        step=1,
        key="plan_max_countries",
        help=tr("ui.pl.max_countries_help"),
        placeholder=tr("ui.pl.no_limit"),
    )
    min_asean = c2.number_input(
        tr("ui.pl.min_asean"),
        min_value=0,
        max_value=len(asean),
        value=plan_default("min_asean"),
        step=1,
        key="plan_min_asean",
        help=tr("ui.pl.min_asean_help"),
    )
    rival_gap = c3.number_input(
        tr("ui.pl.rival_gap"),
        min_value=0.0,
        max_value=2.0,
        value=plan_default("rival_gap"),
        step=0.1,
        key="plan_rival_gap",
        help=tr("ui.pl.rival_gap_help"),
        placeholder=tr("ui.pl.no_limit"),
    )
    phase_order = c4.toggle(
        tr("ui.pl.phase_order"),
        value=plan_default("phase_order"),
        key="plan_phase_order",
        help=tr("ui.pl.phase_order_help"),
    )
    c1, c2 = st.columns(2)
    must_countries = c1.multiselect(
        tr("ui.pl.must_countries"),
        countries,
        format_func=country_name,
        default=plan_default("must_countries"),
        key="plan_must_countries",
        placeholder=tr("ui.pl.choose"),
        help=tr("ui.pl.must_countries_help"),
    )
    exclude_countries = c2.multiselect(
        tr("ui.pl.exclude_countries"),
        countries,
        format_func=country_name,
        default=plan_default("exclude_countries"),
        key="plan_exclude_countries",
        placeholder=tr("ui.pl.choose"),
        help=tr("ui.pl.exclude_countries_help"),
    )
    must_fields = c1.multiselect(
        tr("ui.pl.must_fields"),
        fields,
        format_func=field_name,
        default=plan_default("must_fields"),
        key="plan_must_fields",
        placeholder=tr("ui.pl.choose"),
        help=tr("ui.pl.must_fields_help"),
    )
    exclude_fields = c2.multiselect(
        tr("ui.pl.exclude_fields"),
        fields,
        format_func=field_name,
        default=plan_default("exclude_fields"),
        key="plan_exclude_fields",
        placeholder=tr("ui.pl.choose"),
        help=tr("ui.pl.exclude_fields_help"),
    )
    with st.expander(tr("ui.pl.cost_scale_title")):
        st.caption(tr("ui.pl.cost_scale_caption"))
        saved_scale = st.session_state.get(COST_SCALE_KEY, {})
        scale_frame = pd.DataFrame(
            {
                "iso3": countries,
                "country": [country_name(i) for i in countries],
                "multiplier": [float(saved_scale.get(i, 1.0)) for i in countries],
            }
        )
        edited_scale = st.data_editor(
            scale_frame,
            column_config={
                "iso3": None,
                "country": st.column_config.TextColumn(tr("ui.pl.col.country"), disabled=True),
                "multiplier": st.column_config.NumberColumn(
                    tr("ui.pl.cost_scale_col"),
                    min_value=COST_SCALE_RANGE[0],
                    max_value=COST_SCALE_RANGE[1],
                    step=0.05,
                    format="%.2f",
                    required=True,
                    help=tr("ui.pl.cost_scale_help"),
                ),
            },
            hide_index=True,
            num_rows="fixed",
            width="stretch",
            height=min(35 * (len(scale_frame) + 1) + 3, 300),
            key="plan_cost_editor",
        )
    c1, c2, c3, c4, c5 = st.columns(5)
    open_cost = c1.number_input(
        tr("ui.pl.open_cost"),
        min_value=0.0,
        max_value=100.0,
        value=plan_default("open_cost"),
        step=0.5,
        key="plan_open_cost",
        help=tr("ui.pl.open_cost_help"),
    )
    package_bonus = c2.number_input(
        tr("ui.pl.package_bonus"),
        min_value=0.0,
        max_value=1.0,
        value=plan_default("package_bonus"),
        step=0.01,
        key="plan_package_bonus",
        help=tr("ui.pl.package_bonus_help"),
    )
    solver = c3.radio(
        tr("ui.pl.solver"),
        opt.SOLVERS,
        format_func=lambda s: t(f"ui.pl.solver.{s}", language),
        index=opt.SOLVERS.index(plan_default("solver")),
        key="plan_solver",
        help=tr("ui.pl.solver_help"),
        horizontal=True,
    )
    time_limit = c4.number_input(
        tr("ui.pl.time_limit"),
        min_value=1.0,
        max_value=300.0,
        value=plan_default("time_limit"),
        step=1.0,
        key="plan_time_limit",
        help=tr("ui.pl.time_limit_help"),
    )
    gap_percent = c5.number_input(
        tr("ui.pl.gap"),
        min_value=0.0,
        max_value=10.0,
        value=plan_default("gap"),
        step=0.01,
        format="%.2f",
        key="plan_gap",
        help=tr("ui.pl.gap_help"),
    )
    submitted = st.form_submit_button(tr("ui.pl.solve"), type="primary", key="plan_solve")

if submitted:
    try:
        cost_scale = opt.cost_scale_from_table(edited_scale, COST_SCALE_RANGE)
    except ValueError:
        st.error(tr("ui.pl.cost_scale_bad", low=COST_SCALE_RANGE[0], high=COST_SCALE_RANGE[1]))
        st.stop()
    st.session_state[COST_SCALE_KEY] = cost_scale
    constraints, settings = constraints_from_values(
        {
            "budget": budget,
            "period_budget": period_budget,
            "staff": staff,
            "periods": periods,
            "max_countries": max_countries,
            "min_asean": min_asean,
            "rival_gap": rival_gap,
            "phase_order": phase_order,
            "must_countries": must_countries,
            "exclude_countries": exclude_countries,
            "must_fields": must_fields,
            "exclude_fields": exclude_fields,
            "open_cost": open_cost,
            "package_bonus": package_bonus,
            "solver": solver,
            "time_limit": time_limit,
            "gap": gap_percent,
        },
        asean,
    )
    entries = opt.entries_from_scores(opp, ds.fields, ds.countries, cost_scale=cost_scale)
    prerequisites = opt.prerequisites_of(ds.fields)
    with st.spinner(tr("ui.pl.solving")):
        plan = opt.solve(entries, constraints, settings, prerequisites)
        baseline = opt.greedy(entries, constraints, prerequisites)
        clash = None
        if not plan.has_solution:
            clash = opt.explain_infeasible(entries, constraints, prerequisites, replace(settings, solver="highs"))
    st.session_state[RESULT_KEY] = {
        "signature": scoring_signature(),
        "entries": entries,
        "cost_scale": cost_scale,
        "prerequisites": prerequisites,
        "constraints": constraints,
        "settings": settings,
        "plan": plan,
        "greedy": baseline,
        "clash": clash,
        "marginal": None,
        "frontier": None,
    }

result = st.session_state.get(RESULT_KEY)
if result is None:
    st.info(tr("ui.pl.press_solve"))
    st.stop()

plan: opt.Plan = result["plan"]
constraints: opt.Constraints = result["constraints"]
settings: opt.SolverSettings = result["settings"]
if result["signature"] != scoring_signature():
    st.info(tr("ui.pl.stale"))
if result.get("cost_scale"):
    changed = ", ".join(f"{country_name(i)} ×{v:.2f}" for i, v in sorted(result["cost_scale"].items()))
    st.caption(tr("ui.pl.cost_scale_used", countries=changed))

# --- status -------------------------------------------------------------------------------------

st.subheader(tr("ui.pl.result_title"))
if plan.status == "optimal":
    st.success(tr("ui.pl.status.optimal", seconds=f"{plan.solve_seconds:.1f}"))
elif plan.status == "feasible":
    gap = "?" if plan.gap is None else f"{plan.gap * 100:.2f}"
    st.warning(tr("ui.pl.status.feasible", gap=gap))
else:
    clash = result["clash"] or {}
    if clash:
        items = []
        for group, amount in clash.items():
            if math.isinf(amount):
                items.append(tr("ui.pl.clash_item_inf", group=group_label(group)))
            else:
                items.append(tr("ui.pl.clash_item", group=group_label(group), amount=number(amount)))
        st.warning(bullets(tr("ui.pl.status.infeasible"), items))
        st.caption(tr("ui.pl.clash_hint"))
    elif plan.status == "infeasible":
        st.warning(tr("ui.pl.status.infeasible_unknown"))
    else:
        st.warning(tr("ui.pl.status.no_solution"))
    st.stop()

# --- totals and portfolio -----------------------------------------------------------------------

selection = plan.selection
m1, m2, m3, m4 = st.columns(4)
m1.metric(tr("ui.pl.total_value"), number(plan.objective, 3), help=tr("ui.pl.total_value_help"))
m2.metric(
    tr("ui.pl.budget_used"),
    f"{number(plan.budget_used, 1)} / {number(constraints.budget, 1)}",
    help=tr("ui.pl.budget_used_help"),
)
staff_limit = "—" if constraints.staff is None else number(constraints.staff, 1)
m3.metric(tr("ui.pl.staff_used"), f"{number(plan.staff_used, 1)} / {staff_limit}", help=tr("ui.pl.staff_used_help"))
m4.metric(tr("ui.pl.n_entries"), f"{len(selection)} / {len(plan.countries)}")

frame = pd.DataFrame(
    {
        "country": [country_name(i) for i in selection["iso3"]],
        "field": [field_name(f) for f in selection["field_id"]],
        "phase": selection["phase"].astype(int).to_numpy(),
        "period": selection["period"].astype(int).to_numpy(),
        "value": selection["value"].astype(float).to_numpy(),
        "cost": selection["cost"].astype(float).to_numpy(),
        "staff": selection["staff"].astype(float).to_numpy(),
    }
)
st.dataframe(
    frame,
    column_config={
        "country": st.column_config.TextColumn(tr("ui.pl.col.country")),
        "field": st.column_config.TextColumn(tr("ui.pl.col.field"), width="large"),
        "phase": st.column_config.NumberColumn(tr("ui.pl.col.phase"), format="%d"),
        "period": st.column_config.NumberColumn(tr("ui.pl.col.period"), format="%d"),
        "value": st.column_config.NumberColumn(tr("ui.pl.col.value"), format="%.3f", help=tr("ui.pl.col.value_help")),
        "cost": st.column_config.NumberColumn(tr("ui.pl.col.cost"), format="%.2f", help=tr("ui.pl.col.cost_help")),
        "staff": st.column_config.NumberColumn(tr("ui.pl.col.staff"), format="%.1f", help=tr("ui.pl.col.staff_help")),
    },
    hide_index=True,
    width="stretch",
    height=35 * (min(len(frame), 20) + 1) + 3,
    key="plan_table",
)
if constraints.periods > 1 and not opt.per_period_budget_can_bind(constraints):
    if constraints.period_budget is None:
        st.caption(tr("ui.pl.one_period_note"))
    else:
        st.caption(
            tr("ui.pl.idle_period_note", period=f"{constraints.period_budget:g}", total=f"{constraints.budget:g}")
        )

# --- Sankey: budget -> region -> country -> field -----------------------------------------------


def sankey() -> go.Figure:
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
        r = node("region", region, label("region", region, language) or region)
        c = node("country", row.iso3, country_name(row.iso3))
        f = node("field", row.field_id, field_name(row.field_id))
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


def roadmap() -> go.Figure:
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
                    f"{country_name(i)}: {field_name(f)}" for i, f in zip(rows["iso3"], rows["field_id"], strict=True)
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


if len(selection):
    left, right = st.columns(2)
    with left:
        st.markdown(f"#### {tr('ui.pl.sankey_title')}")
        st.plotly_chart(sankey(), width="stretch", config={"displaylogo": False}, key="plan_sankey")
    with right:
        st.markdown(f"#### {tr('ui.pl.roadmap_title')}")
        st.plotly_chart(roadmap(), width="stretch", config={"displaylogo": False}, key="plan_roadmap")

# --- binding constraints, greedy ------------------------------------------------------------------

st.markdown(f"#### {tr('ui.pl.binding_title')}")
if plan.binding:
    st.markdown(bullets(tr("ui.pl.binding_intro"), [group_label(g) for g in plan.binding]))
else:
    st.caption(tr("ui.pl.binding_none"))

st.markdown(f"#### {tr('ui.pl.greedy_title')}")
baseline: opt.Plan = result["greedy"]
if baseline.status == "no solution":
    st.caption(tr("ui.pl.greedy_none"))
else:
    better = plan.objective - baseline.objective
    share = better / baseline.objective * 100 if baseline.objective > 0 else 0.0
    g1, g2 = st.columns(2)
    g1.metric(tr("ui.pl.greedy_value"), number(baseline.objective, 3), delta=None)
    g2.metric(
        tr("ui.pl.greedy_entries"), tr("ui.pl.n_entries_value", n=len(baseline.selection), k=len(baseline.countries))
    )
    st.caption(tr("ui.pl.greedy_caption", diff=number(better, 3), share=f"{share:.1f}"))

# --- marginal values, frontier ------------------------------------------------------------------

st.markdown(f"#### {tr('ui.pl.marginal_title')}")
st.caption(tr("ui.pl.marginal_intro"))
if st.button(tr("ui.pl.marginal_button"), key="plan_marginal", help=tr("ui.pl.marginal_help")):
    with st.spinner(tr("ui.pl.solving")):
        result["marginal"] = opt.marginal_values(
            result["entries"], constraints, plan, settings, result["prerequisites"]
        )
if result["marginal"] is not None:
    marginal = result["marginal"]
    items = [tr("ui.pl.marginal_budget", v=number(marginal["budget"], 3))]
    if "staff" in marginal:
        items.append(tr("ui.pl.marginal_staff", v=number(marginal["staff"], 3)))
    st.markdown("  \n".join(escape_markdown(i) for i in items))

st.markdown(f"#### {tr('ui.pl.frontier_title')}")
st.caption(tr("ui.pl.frontier_intro", n=FRONTIER_POINTS))
if st.button(tr("ui.pl.frontier_button"), key="plan_frontier", help=tr("ui.pl.frontier_help")):
    top = max(constraints.budget * 2, 2.0)
    budgets = [float(b) for b in np.linspace(top / FRONTIER_POINTS, top, FRONTIER_POINTS).round(2)]
    bar = st.progress(0.0, text=tr("ui.pl.frontier_progress", i=0, n=len(budgets)))
    points = []
    for i, b in enumerate(budgets, start=1):
        (_, point), *_ = opt.frontier(result["entries"], constraints, [b], settings, result["prerequisites"])
        points.append((b, point))
        bar.progress(i / len(budgets), text=tr("ui.pl.frontier_progress", i=i, n=len(budgets)))
    bar.empty()
    result["frontier"] = points
if result["frontier"] is not None:
    points = result["frontier"]
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
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="plan_frontier_chart")
    table = pd.DataFrame(
        {
            "budget": [b for b, _ in points],
            "status": [t(f"ui.pl.short_status.{p.status.replace(' ', '_')}", language) for _, p in points],
            "value": [p.objective if p.has_solution else None for _, p in points],
            "entries": [len(p.selection) for _, p in points],
            "countries": [tr("fmt.list_sep").join(country_name(i) for i in p.countries["iso3"]) for _, p in points],
        }
    )
    st.dataframe(
        table,
        column_config={
            "budget": st.column_config.NumberColumn(tr("ui.pl.budget"), format="%.2f"),
            "status": st.column_config.TextColumn(tr("ui.pl.col.status")),
            "value": st.column_config.NumberColumn(tr("ui.pl.total_value"), format="%.3f"),
            "entries": st.column_config.NumberColumn(tr("ui.pl.col.entries"), format="%d"),
            "countries": st.column_config.TextColumn(tr("ui.pl.col.countries"), width="large"),
        },
        hide_index=True,
        width="stretch",
        key="plan_frontier_table",
    )
