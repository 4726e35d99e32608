"""Plan (計画): the best portfolio of (country, field) entries under budget, staff and the planner's rules.

Values come from the shared scoring state (the opportunity table); cost and staff per field come from
the judgement table. Solving runs only when the planner presses the button; the result stays in the
session. Infeasible settings are explained in plain words (which constraint groups clash). The
drawing is in :mod:`ui.views.plan`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import streamlit as st

from strategy import optimize as opt
from strategy.optimize.packages import pool_problems as pool_check
from strategy.scoring import timing
from strategy.scoring.financing import plan_entries
from strategy.team.roles import Action
from ui import auth, views
from ui import settings as sc
from ui.common import tr
from ui.labels import rival_names
from ui.page import open_page
from ui.scenario_state import asean_members, constraints_from_values, plan_default, scenario_from_session
from ui.session import Key
from ui.texts import t
from ui.views import packages as pkv
from ui.views import plan as pv
from ui.views import sweep as sweep_view
from ui.views.gates import why_not_ranked

COST_SCALE_RANGE = (0.1, 10.0)
FRONTIER_POINTS = 9

ds, language, state, universe = open_page("ui.page.plan", "ui.pl.intro")
st.caption(tr("ui.pl.judgement_note"))

opp = sc.opportunities(ds, state)
names = pv.Names(language, dict(views.country_names(ds, language)), dict(views.field_names(ds, language)))
countries = sorted(opp["iso3"].astype(str).unique(), key=names.country)
fields = list(ds.fields.index)
asean = asean_members(ds)


def scoring_signature() -> tuple:
    """The opportunity table's cache key, to notice a plan solved on other scoring settings."""
    return sc.opportunity_key(ds, state)


# --- controls -----------------------------------------------------------------------------------

with st.form("plan_form"):
    st.subheader(tr("ui.pl.controls_title"))
    values: dict[str, Any] = {}
    c1, c2, c3, c4 = st.columns(4)
    values["budget"] = pv.number_input(c1, "budget", 0.0, 1000.0, 1.0)
    values["period_budget"] = pv.optional_number(c2, "period_budget", 0.0, 1000.0, 1.0)
    values["staff"] = pv.number_input(c3, "staff", 0.0, 1000.0, 1.0)
    values["periods"] = c4.slider(
        tr("ui.pl.periods"), 1, 5, value=plan_default("periods"), key="plan_periods", help=tr("ui.pl.periods_help")
    )
    c1, c2, c3, c4 = st.columns(4)
    values["max_countries"] = pv.optional_number(c1, "max_countries", 1, 250, 1)
    values["min_asean"] = pv.number_input(c2, "min_asean", 0, len(asean), 1)
    values["rival_gap"] = pv.optional_number(c3, "rival_gap", 0.0, 2.0, 0.1)
    values["phase_order"] = c4.toggle(
        tr("ui.pl.phase_order"),
        value=plan_default("phase_order"),
        key="plan_phase_order",
        help=tr("ui.pl.phase_order_help"),
    )
    c1, c2 = st.columns(2)
    values["must_countries"] = pv.choose_many(c1, "must_countries", countries, names.country)
    values["exclude_countries"] = pv.choose_many(c2, "exclude_countries", countries, names.country)
    values["must_fields"] = pv.choose_many(c1, "must_fields", fields, names.field)
    values["exclude_fields"] = pv.choose_many(c2, "exclude_fields", fields, names.field)
    with st.expander(tr("ui.pl.cost_scale_title")):
        saved_scale = st.session_state.get(Key.PLAN_COST_SCALE, {})
        edited_scale = pv.cost_scale_editor(countries, names, saved_scale, COST_SCALE_RANGE)
    with st.expander(tr("ui.pl.pk.title")):
        values.update(pkv.package_and_pool_inputs())
    c1, c2, c3, c4, c5 = st.columns(5)
    values["open_cost"] = pv.number_input(c1, "open_cost", 0.0, 100.0, 0.5)
    values["package_bonus"] = pv.number_input(c2, "package_bonus", 0.0, 1.0, 0.01)
    values["solver"] = c3.radio(
        tr("ui.pl.solver"),
        opt.SOLVERS,
        format_func=lambda s: t(f"ui.pl.solver.{s}", language),
        index=opt.SOLVERS.index(plan_default("solver")),
        key="plan_solver",
        help=tr("ui.pl.solver_help"),
        horizontal=True,
    )
    values["time_limit"] = pv.number_input(c4, "time_limit", 1.0, 300.0, 1.0)
    values["gap"] = pv.number_input(c5, "gap", 0.0, 10.0, 0.01, format="%.2f")
    # a viewer reads and exports; solving is for planners (team mode; laptop mode: everyone)
    may_plan = auth.can(Action.PLAN)
    submitted = st.form_submit_button(tr("ui.pl.solve"), type="primary", key="plan_solve", disabled=not may_plan)

if submitted and may_plan:
    try:
        cost_scale = opt.cost_scale_from_table(edited_scale, COST_SCALE_RANGE)
    except ValueError:
        st.error(tr("ui.pl.cost_scale_bad", low=COST_SCALE_RANGE[0], high=COST_SCALE_RANGE[1]))
        st.stop()
    st.session_state[Key.PLAN_COST_SCALE] = cost_scale
    constraints, settings = constraints_from_values(values, asean)
    pool_problems = pool_check(constraints.pool_budget, constraints.budget)
    if pool_problems:
        st.error("\n\n".join(t(key, language, **params) for _, key, params in pool_problems))
        st.stop()
    entries = plan_entries(opp, ds, cost_scale=cost_scale)
    prerequisites = opt.prerequisites_of(ds.fields)
    with st.spinner(tr("ui.pl.solving")):
        plan = opt.solve(entries, constraints, settings, prerequisites)
        baseline = opt.greedy(entries, constraints, prerequisites)
        clash = None
        if not plan.has_solution:
            clash = opt.explain_infeasible(entries, constraints, prerequisites, replace(settings, solver="highs"))
    st.session_state[Key.PLAN_RESULT] = {
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

why_not_ranked(ds, state, language, "plan_why")
current = scenario_from_session(ds, state, str(st.session_state.get(Key.SCENARIO_NAME) or tr("ui.scn.default_name")))
sweep_view.section(ds, current, language, names.countries, names.fields)
result = st.session_state.get(Key.PLAN_RESULT)
if result is None:
    st.info(tr("ui.pl.press_solve"))
    st.stop()

plan: opt.Plan = result["plan"]
constraints: opt.Constraints = result["constraints"]
settings: opt.SolverSettings = result["settings"]
if result["signature"] != scoring_signature():
    st.info(tr("ui.pl.stale"))
if result.get("cost_scale"):
    changed = ", ".join(f"{names.country(i)} ×{v:.2f}" for i, v in sorted(result["cost_scale"].items()))
    st.caption(tr("ui.pl.cost_scale_used", countries=changed))

# --- status -------------------------------------------------------------------------------------

st.subheader(tr("ui.pl.result_title"))
if plan.status == "optimal":
    st.success(tr("ui.pl.status.optimal", seconds=f"{plan.solve_seconds:.1f}"))
elif plan.status == "feasible":
    gap = "?" if plan.gap is None else f"{plan.gap * 100:.2f}"
    st.warning(tr("ui.pl.status.feasible", gap=gap))
else:
    if result["clash"]:
        pv.clash_message(result["clash"], names)
    elif plan.status == "infeasible":
        st.warning(tr("ui.pl.status.infeasible_unknown"))
    else:
        st.warning(tr("ui.pl.status.no_solution"))
    st.stop()

# --- totals, portfolio, charts, binding limits, greedy ----------------------------------------------

pv.totals(plan, constraints)
pv.portfolio_table(
    plan.selection,
    names,
    opp,
    state.opportunity,
    pkv.package_names(ds, language),
    rivals=timing.entry_rivals(ds, opp, plan.selection),
    rival_names=dict(rival_names(ds, language)),
)
pkv.packages_table(plan, ds, names)
if constraints.periods > 1 and not opt.per_period_budget_can_bind(constraints):
    if constraints.period_budget is None:
        st.caption(tr("ui.pl.one_period_note"))
    else:
        st.caption(
            tr("ui.pl.idle_period_note", period=f"{constraints.period_budget:g}", total=f"{constraints.budget:g}")
        )
if len(plan.selection):
    pv.charts(plan.selection, constraints, names)
pv.binding(plan, names)
pv.greedy_comparison(plan, result["greedy"])

# --- marginal values, frontier ------------------------------------------------------------------

st.markdown(f"#### {tr('ui.pl.marginal_title')}")
st.caption(tr("ui.pl.marginal_intro"))
if st.button(tr("ui.pl.marginal_button"), key="plan_marginal", help=tr("ui.pl.marginal_help"), disabled=not may_plan):
    with st.spinner(tr("ui.pl.solving")):
        result["marginal"] = opt.marginal_values(
            result["entries"], constraints, plan, settings, result["prerequisites"]
        )
if result["marginal"] is not None:
    pv.marginal(result["marginal"])

st.markdown(f"#### {tr('ui.pl.frontier_title')}")
st.caption(tr("ui.pl.frontier_intro", n=FRONTIER_POINTS))
if st.button(tr("ui.pl.frontier_button"), key="plan_frontier", help=tr("ui.pl.frontier_help"), disabled=not may_plan):
    top = max(constraints.budget * 2, 2.0)
    budgets = [float(b) for b in np.linspace(top / FRONTIER_POINTS, top, FRONTIER_POINTS).round(2)]
    bar = st.progress(0.0, text=tr("ui.pl.frontier_progress", i=0, n=len(budgets)))

    def advance(done: int, total: int) -> None:
        bar.progress(done / total, text=tr("ui.pl.frontier_progress", i=done, n=total))

    result["frontier"] = opt.frontier(
        result["entries"], constraints, budgets, settings, result["prerequisites"], progress=advance
    )
    bar.empty()
if result["frontier"] is not None:
    pv.frontier(result["frontier"], constraints, plan, names)
