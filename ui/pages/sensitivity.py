"""Sensitivity (感度分析): how much the market ranking depends on the pillar weights.

SMAA rank acceptability and top-k probabilities, a tornado of one-at-a-time weight moves and exact
stability intervals, all from :mod:`strategy.analysis.sensitivity` on the market pillar scores with the
current pillar weights, drawn by :mod:`ui.views.sensitivity`. Weight samples come from
:func:`strategy.analysis.sampling.sample_weights`, as in the ``sensitivity`` command. The SMAA run is
cached on the data version, the scoring settings, the weights, the number of samples, the seed and
the sampling mode.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from strategy.analysis.robustness import plan_robustness
from strategy.analysis.sampling import SamplingMode, sample_weights
from strategy.analysis.sensitivity import SMAAResult, ranks_of, smaa, stability_table, weighted_scores
from strategy.optimize import Constraints, SolverSettings, prerequisites_of
from strategy.team.roles import Action
from ui import auth, views
from ui import settings as sc
from ui.common import tr
from ui.page import open_page
from ui.session import Key
from ui.texts import t
from ui.views import robustness_run as run_view
from ui.views import sensitivity as draw

RB_SOLVE_LIMIT = 10.0  # seconds per re-solve at most, so that one slow solve cannot use up the time budget


def _values(market: object) -> pd.DataFrame:
    """Pillar scores (countries × pillars with a positive weight); rows with no score left out."""
    pillars = market.pillars  # type: ignore[attr-defined]
    return pillars.dropna(how="all")


def _samples(mode: SamplingMode, n: int, base: np.ndarray, seed: int, spread: int) -> np.ndarray:
    """The weight samples of the chosen mode (``spread`` in percent, used by the ranges mode only)."""
    return sample_weights(mode, n, rng=seed, base_weights=base, spread=spread / 100 if mode == "ranges" else None)


@st.cache_resource(show_spinner=False, max_entries=16)
def _smaa(
    _values: pd.DataFrame, key: tuple, base: tuple, n: int, seed: int, mode: SamplingMode, spread: int
) -> SMAAResult | ValueError:
    """SMAA with weights drawn per ``mode`` around the pillar weights ``base``. ``key`` (data
    version, universe, settings, indicator weights, the pillars) names what the values come from,
    for the cache: the pillar scores do not depend on the pillar weights."""
    weights = dict(base)
    try:
        sampled = _samples(mode, n, np.array([weights.get(c, 0.0) for c in _values.columns], float), seed, spread)
    except ValueError as exc:
        return exc
    return smaa(_values, n_samples=n, seed=seed, weights=sampled)


@st.cache_resource(show_spinner=False, max_entries=16)
def _stability(_values: pd.DataFrame, key: tuple, k: int) -> pd.DataFrame:
    """Stability intervals of the pillar weights (``key``: what the values come from, and the
    pillar weights the intervals are around)."""
    return stability_table(_values, dict(key[-1]), k)


ds, language, state, universe = open_page("ui.page.sensitivity", "ui.sens.intro")
market = sc.market(ds, state)

values = _values(market)
weights = tuple((c, w) for c, w in state.pillar_weights if c in values.columns)
weight_map = dict(weights)
if len(values) < 2 or len(values.columns) < 1 or sum(weight_map.values()) <= 0:
    st.warning(tr("ui.sc.empty_universe"))
    st.stop()

choice = draw.controls(len(values), language)
mode, seed, spread, k = choice.mode, choice.seed, choice.spread, choice.k
key = (ds.version, state.universe, state.settings, state.indicator_weights, weights)
values_key = (*key[:-1], tuple(values.columns))
# uniform draws on the simplex ignore the current weights: moving a pillar slider re-uses them
base = tuple((c, 1.0) for c in values.columns) if mode == "simplex" else weights
result = _smaa(values, values_key, base, choice.n_samples, seed, mode, spread if mode == "ranges" else 0)
if isinstance(result, ValueError):
    st.warning(tr("ui.sens.ranges_error"))
    st.stop()

if market.method != "weighted_sum":
    st.info(tr("ui.sens.method_note", method=t(f"label.method.{market.method}", language)))
st.caption(
    tr(
        "ui.sens.samples_caption",
        n=f"{result.n_samples:,}",
        seed=seed,
        mode=t(f"ui.sens.mode.{mode}", language),
        countries=len(values),
        pillars=len(values.columns),
    )
)

# the current order under the weighted sum of the pillar scores (what the analysis perturbs)
current = np.array([weight_map[c] for c in values.columns], float)
current_rank = pd.Series(
    ranks_of(weighted_scores(values.to_numpy(float), (current / current.sum())[None]))[0] + 1, index=values.index
)
order = list(current_rank.sort_values(kind="stable").index)
focus = [i for i in order if i in set(ds.focus)]
shown = focus if choice.shown == "focus" and focus else order[: draw.MAX_RANKS]
names = views.country_names(ds, language)
top_k = result.top_k[k] if k in result.top_k.columns else result.acceptability.iloc[:, :k].sum(axis=1)
y = [f"{names.get(i, i)} ({int(current_rank[i])})" for i in shown]
pillar_names = draw.pillar_labels(values.columns, language)

draw.reading(names, current_rank, order, focus, top_k, k, language)
draw.acceptability(result, shown, y, language)
draw.top_k_bars(top_k, shown, y, k, language)
draw.tornado(values, weight_map, choice.change, names, pillar_names, language)
draw.stability(_stability(values, key, k), pillar_names, k, language)

# --- plan robustness ------------------------------------------------------------------------------

st.header(tr("ui.rb.title"))
st.write(tr("ui.rb.intro"))
solved = st.session_state.get(Key.PLAN_RESULT)
if solved is not None and solved["signature"] == sc.opportunity_key(ds, state):
    constraints, solver, cost_scale = solved["constraints"], solved["settings"], solved.get("cost_scale") or {}
    prerequisites = solved.get("prerequisites") or prerequisites_of(ds.fields)
    st.caption(tr("ui.rb.uses_plan", budget=f"{constraints.budget:g}", periods=constraints.periods))
else:
    constraints, solver = Constraints(), SolverSettings(time_limit=RB_SOLVE_LIMIT)
    cost_scale = st.session_state.get("plan_cost_scale") or {}
    prerequisites = prerequisites_of(ds.fields)
    st.caption(tr("ui.rb.uses_default", budget=f"{constraints.budget:g}", periods=constraints.periods))
rb1, rb2 = st.columns(2)
rb_n = draw.kept(rb1.number_input, "rb_n", 200, tr("ui.rb.n"), tr("ui.rb.n_help"), 1, 2_000, step=50)
# 200 re-solves took 65-105 s on the shared 2-core benchmark machine (docs/benchmarks.md, issue 15)
rb_budget = draw.kept(rb2.number_input, "rb_budget", 120, tr("ui.rb.budget"), tr("ui.rb.budget_help"), 1, 900, step=10)
pillar_columns = list(market.pillars.columns)
base_weights = np.array([weight_map.get(c, 0.0) for c in pillar_columns], float)
rb_key = (
    sc.opportunity_key(ds, state),
    tuple(base_weights),
    mode,
    seed,
    spread,
    int(rb_n),
    constraints,
    solver,
    tuple(sorted(cost_scale.items())),
)
fallback = run_view.where_controls(language)
run_view.collect()  # a run that ended since the last look
busy = run_view.running()
# robustness runs are sweeps: for planners (team mode; laptop mode: everyone)
may_run = auth.can(Action.SWEEP)
if (
    st.button(tr("ui.rb.run"), key="rb_run", type="primary", help=tr("ui.rb.run_help"), disabled=busy or not may_run)
    and not busy
    and may_run
):
    try:
        samples = _samples(mode, int(rb_n), base_weights, seed, spread)
    except ValueError:
        st.warning(tr("ui.sens.ranges_error"))
        st.stop()
    steps = (market, sc.fit(ds, state), sc.threat(ds, state), state.opportunity, ds.fields, ds.countries)

    def work(progress, cancel):  # in the background thread: no Streamlit call in here
        return plan_robustness(
            *steps,
            constraints,
            base_weights,
            samples,
            settings=solver,
            prerequisites=prerequisites,
            cost_scale=cost_scale,
            time_budget=float(rb_budget),
            solve_limit=RB_SOLVE_LIMIT,
            progress=progress,
            cancel=cancel,
            fallback_local=fallback,
        )

    run_view.start(rb_key, int(rb_n), language, work)
    st.rerun()  # draw the page again with the run going on (its button disabled, the progress panel)
run_view.panel(language)
if error := st.session_state.get(Key.ROBUSTNESS_ERROR):
    st.error(error)

kept = st.session_state.get(Key.ROBUSTNESS_RESULT)
if kept is None:
    if not run_view.running():
        st.info(tr("ui.rb.press"))
    st.stop()
kept_key, robust = kept
if kept_key != rb_key:
    st.info(tr("ui.rb.stale"))
run_view.outcome_notes(robust, language)
draw.robustness(robust, names, views.field_names(ds, language), language)
