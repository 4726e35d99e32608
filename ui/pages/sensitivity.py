"""Sensitivity (感度分析): how much the market ranking depends on the pillar weights.

SMAA rank acceptability and top-k probabilities, a tornado of one-at-a-time weight moves and exact
stability intervals, all from :mod:`strategy.analysis.sensitivity` on the market pillar scores with the
current pillar weights. The SMAA run is cached on the data version, the scoring settings, the
weights, the number of samples, the seed and the sampling mode.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pulp
import streamlit as st

from strategy.analysis.robustness import plan_robustness
from strategy.analysis.sensitivity import (
    SMAAResult,
    one_at_a_time,
    ranks_of,
    sample_ordered,
    sample_ranges,
    sample_simplex,
    smaa,
    stability_table,
    weighted_scores,
)
from strategy.optimize import Constraints, SolverSettings, prerequisites_of
from strategy.scoring import Settings, Universe
from ui import settings as sc
from ui import views
from ui.common import current_dataset, escape_markdown, label, lang, tr
from ui.texts import t

MODES = ("simplex", "ranges", "ordered")
PLAN_RESULT_KEY = "plan_result"  # the Plan page's last solve
ROBUSTNESS_KEY = "rb_result"
RB_SOLVE_LIMIT = 10.0  # seconds per re-solve at most, so that one slow solve cannot use up the time budget
TOP_K = (1, 3, 5, 10)
SHOWN = ("focus", "top20")
MAX_RANKS = 20
TORNADO_TOP = 10
READING_TOP = 3
COLOUR = "#3b6ea5"
COLOUR_2 = "#e69f00"  # Okabe-Ito orange: distinguishable from the blue for colour-blind readers


def _values(market: object) -> pd.DataFrame:
    """Pillar scores (countries × pillars with a positive weight); rows with no score left out."""
    pillars = market.pillars  # type: ignore[attr-defined]
    return pillars.dropna(how="all")


@st.cache_resource(show_spinner=False, max_entries=16)
def _smaa(
    _values: pd.DataFrame,
    version: str,
    universe: Universe,
    settings: Settings,
    indicators: tuple,
    weights: tuple,
    n: int,
    seed: int,
    mode: str,
    spread: float,
) -> SMAAResult | ValueError:
    """SMAA with weights drawn per ``mode`` (the values are keyed by everything they come from)."""
    current = np.array([dict(weights).get(c, 0.0) for c in _values.columns], float)
    try:
        sampled = None if mode == "simplex" else sample_weights(current, n, seed, mode, spread)
    except ValueError as exc:
        return exc
    return smaa(_values, n_samples=n, seed=seed, weights=sampled)


def sample_weights(current: np.ndarray, n: int, seed: int, mode: str, spread: float) -> np.ndarray:
    """``n`` pillar-weight vectors drawn per ``mode`` around the planner's ``current`` weights."""
    current = current / current.sum()
    rng = np.random.default_rng(seed)
    if mode == "ranges":
        low = np.clip(current * (1 - spread), 0.0, 1.0)
        high = np.clip(current * (1 + spread), 0.0, 1.0)
        return sample_ranges(n, low, high, rng)
    if mode == "ordered":
        sampled = sample_ordered(n, list(np.argsort(-current, kind="stable")), rng)
        # equal weights keep no order between them: shuffling each tied group per sample gives
        # the uniform distribution on the union of their orders (each has the same volume)
        for level in np.unique(current):
            tied = np.flatnonzero(np.isclose(current, level))
            if len(tied) > 1:
                sampled[:, tied] = rng.permuted(sampled[:, tied], axis=1)
        return sampled
    return sample_simplex(n, len(current), rng)


@st.cache_resource(show_spinner=False, max_entries=16)
def _stability(
    _values: pd.DataFrame,
    version: str,
    universe: Universe,
    settings: Settings,
    indicators: tuple,
    weights: tuple,
    k: int,
) -> pd.DataFrame:
    return stability_table(_values, dict(weights), k)


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


ds = current_dataset()
language = lang()
state = sc.controls(ds)

st.title(tr("ui.page.sensitivity"))
st.write(tr("ui.sens.intro"))
universe = sc.require_countries(ds, state)
market = sc.market(ds, state)
sc.header(ds, state, len(universe))

values = _values(market)
weights = tuple((c, w) for c, w in state.pillar_weights if c in values.columns)
weight_map = dict(weights)
if len(values) < 2 or len(values.columns) < 1 or sum(weight_map.values()) <= 0:
    st.warning(tr("ui.sc.empty_universe"))
    st.stop()

# --- controls -------------------------------------------------------------------------------

first, second, third = st.columns(3)
with first:
    st.session_state.setdefault("sens_n", 10_000)
    n_samples = st.number_input(
        tr("ui.sens.n"), 1_000, 100_000, step=1_000, key="sens_n", help=tr("ui.sens.n_help"), persist_state="session"
    )
    st.session_state.setdefault("sens_seed", 0)
    seed = st.number_input(
        tr("ui.sens.seed"), 0, 2**31 - 1, step=1, key="sens_seed", help=tr("ui.sens.seed_help"), persist_state="session"
    )
with second:
    st.session_state.setdefault("sens_mode", "simplex")
    mode = st.radio(
        tr("ui.sens.mode"),
        MODES,
        format_func=lambda m: t(f"ui.sens.mode.{m}", language),
        key="sens_mode",
        help=tr("ui.sens.mode_help"),
        persist_state="session",
    )
    st.session_state.setdefault("sens_spread", 50)
    spread = st.slider(
        tr("ui.sens.spread"),
        10,
        100,
        step=5,
        key="sens_spread",
        help=tr("ui.sens.spread_help"),
        disabled=mode != "ranges",
        persist_state="session",
    )
with third:
    st.session_state.setdefault("sens_k", 5)
    k = st.selectbox(
        tr("ui.sens.k"),
        [x for x in TOP_K if x <= len(values)] or [1],
        key="sens_k",
        help=tr("ui.sens.k_help"),
        persist_state="session",
    )
    st.session_state.setdefault("sens_change", 20)
    change = st.slider(
        tr("ui.sens.change"), 5, 50, step=5, key="sens_change", help=tr("ui.sens.change_help"), persist_state="session"
    )
    st.session_state.setdefault("sens_show", "focus")
    shown_mode = st.radio(
        tr("ui.sens.show"),
        SHOWN,
        format_func=lambda s: t(f"ui.sens.show.{s}", language),
        key="sens_show",
        help=tr("ui.sens.show_help"),
        horizontal=True,
        persist_state="session",
    )

n_samples, seed, k = int(n_samples), int(seed), int(k)
key = (ds.version, state.universe, state.settings, state.indicator_weights, weights)
result = _smaa(values, *key, n_samples, seed, str(mode), spread / 100 if mode == "ranges" else 0.0)
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
shown = focus if shown_mode == "focus" and focus else order[:MAX_RANKS]
names = views.country_names(ds, language)
top_k = result.top_k[k] if k in result.top_k.columns else result.acceptability.iloc[:, :k].sum(axis=1)

# --- plain-language reading -----------------------------------------------------------------


def reading(iso3: str) -> str:
    return escape_markdown(
        tr(
            "ui.sens.reading_line",
            country=names.get(iso3, iso3),
            rank=views.ordinal(int(current_rank[iso3]), language),
            k=k,
            p=_percent(float(top_k[iso3])),
        )
    )


st.subheader(tr("ui.sens.reading_title"))
lines = [f"**{escape_markdown(tr('ui.sens.reading_top'))}**", "", *(f"- {reading(i)}" for i in order[:READING_TOP])]
if focus:
    lines += ["", f"**{escape_markdown(tr('ui.sens.reading_focus'))}**", "", *(f"- {reading(i)}" for i in focus)]
st.markdown("\n".join(lines))

# --- rank acceptability heatmap -------------------------------------------------------------

st.subheader(tr("ui.sens.heatmap_title"))
n_ranks = min(MAX_RANKS, len(values))
z = result.acceptability.loc[shown, list(range(1, n_ranks + 1))].to_numpy(float)
y = [f"{names.get(i, i)} ({int(current_rank[i])})" for i in shown]
x = [str(r) for r in range(1, n_ranks + 1)]
share_label, rank_label = tr("ui.sens.share"), tr("ui.sens.rank")
heatmap = go.Figure(
    go.Heatmap(
        z=z,
        x=x,
        y=y,
        colorscale="Cividis",  # colour-blind safe
        zmin=0.0,
        zmax=1.0,
        text=np.char.mod("%.0f", z * 100),
        texttemplate="%{text}",
        textfont={"size": 10},
        xgap=1,
        ygap=1,
        hovertemplate=f"%{{y}}<br>{rank_label} %{{x}}<br>{share_label}: %{{z:.1%}}<extra></extra>",
        colorbar={"title": {"text": share_label, "side": "right"}, "thickness": 12, "tickformat": ".0%"},
    )
)
heatmap.update_layout(
    height=160 + 26 * len(y),
    margin={"l": 10, "r": 10, "t": 40, "b": 10},
    plot_bgcolor="white",
    font=views.FONT,
    xaxis={"side": "top", "title": {"text": rank_label}, "showgrid": False, "type": "category"},
    yaxis={"autorange": "reversed", "showgrid": False, "automargin": True},
)
st.plotly_chart(heatmap, width="stretch", config={"displaylogo": False}, key="sens_heatmap")
st.caption(tr("ui.sens.heatmap_caption"))

# --- top-k probability bars -----------------------------------------------------------------

st.subheader(tr("ui.sens.topk_title", k=k))
bars = go.Figure(
    go.Bar(
        x=top_k.reindex(shown).to_numpy(float),
        y=y,
        orientation="h",
        marker_color=COLOUR,
        text=[_percent(float(top_k[i])) for i in shown],
        textposition="outside",
        hovertemplate="%{y}: %{x:.1%}<extra></extra>",
    )
)
bars.update_layout(
    height=120 + 24 * len(y),
    margin={"l": 10, "r": 30, "t": 10, "b": 10},
    plot_bgcolor="white",
    font=views.FONT,
    xaxis={"range": [0, 1.1], "tickformat": ".0%", "showgrid": True, "gridcolor": "#eee"},
    yaxis={"autorange": "reversed", "automargin": True},
)
st.plotly_chart(bars, width="stretch", config={"displaylogo": False}, key="sens_topk")

# --- tornado --------------------------------------------------------------------------------

st.subheader(tr("ui.sens.tornado_title", change=change))
tornado = one_at_a_time(values, weight_map, change / 100, TORNADO_TOP)
pillar_names = {c: label("pillar", c, language) for c in values.columns}
spread_of = tornado.groupby("criterion")["changed"].sum().sort_values(ascending=False)
figure = go.Figure()
for direction, colour, sign in (("-", COLOUR_2, -1), ("+", COLOUR, 1)):
    part = tornado[tornado["direction"] == direction].set_index("criterion").reindex(spread_of.index)
    hover = [
        tr(
            "ui.sens.tornado_hover",
            weight=f"{row.weight:.3f}",
            shift=int(row.max_shift),
            first=names.get(row.first, row.first),
        )
        for row in part.itertuples()
    ]
    figure.add_bar(
        x=sign * part["changed"].to_numpy(float),
        y=[pillar_names[c] for c in part.index],
        orientation="h",
        name=tr("ui.sens.tornado_minus" if direction == "-" else "ui.sens.tornado_plus"),
        marker_color=colour,
        customdata=hover,
        hovertemplate="%{y}<br>%{customdata}<extra></extra>",
    )
figure.update_layout(
    barmode="relative",
    height=140 + 34 * len(spread_of),
    margin={"l": 10, "r": 10, "t": 10, "b": 10},
    plot_bgcolor="white",
    font=views.FONT,
    xaxis={"title": {"text": tr("ui.sens.tornado_axis", n=min(TORNADO_TOP, len(values)))}, "zeroline": True},
    yaxis={"autorange": "reversed", "automargin": True},
    legend={"orientation": "h", "y": -0.25},
)
st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="sens_tornado")
st.caption(tr("ui.sens.tornado_caption"))

# --- stability intervals --------------------------------------------------------------------

st.subheader(tr("ui.sens.stability_title"))
stability = _stability(values, *key, k)
labels = [pillar_names[c] for c in stability.index]
intervals = go.Figure()
for prefix, colour, text in (
    ("top1", COLOUR, tr("ui.sens.stability_top1")),
    ("topk", COLOUR_2, tr("ui.sens.stability_topk", k=k)),
):
    low, high = stability[f"{prefix}_low"], stability[f"{prefix}_high"]
    intervals.add_bar(
        x=(high - low).to_numpy(float),
        base=low.to_numpy(float),
        y=labels,
        orientation="h",
        name=text,
        marker_color=colour,
        opacity=0.75,
        customdata=np.column_stack([low, high]),
        hovertemplate=f"%{{y}}<br>{text}: %{{customdata[0]:.3f}}–%{{customdata[1]:.3f}}<extra></extra>",
    )
intervals.add_scatter(
    x=stability["weight"].to_numpy(float),
    y=labels,
    mode="markers",
    marker={"symbol": "diamond", "size": 11, "color": "black"},
    name=tr("ui.sens.stability_current"),
    hovertemplate="%{y}: %{x:.3f}<extra></extra>",
)
intervals.update_layout(
    barmode="group",
    height=160 + 44 * len(labels),
    margin={"l": 10, "r": 10, "t": 10, "b": 10},
    plot_bgcolor="white",
    font=views.FONT,
    xaxis={"range": [0, 1], "title": {"text": tr("ui.sens.weight_axis")}, "gridcolor": "#eee"},
    yaxis={"autorange": "reversed", "automargin": True},
    legend={"orientation": "h", "y": -0.2},
)
st.plotly_chart(intervals, width="stretch", config={"displaylogo": False}, key="sens_stability")
st.caption(tr("ui.sens.stability_caption", k=k))

# --- plan robustness ------------------------------------------------------------------------------

st.header(tr("ui.rb.title"))
st.write(tr("ui.rb.intro"))
solved = st.session_state.get(PLAN_RESULT_KEY)
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
st.session_state.setdefault("rb_n", 200)
rb_n = rb1.number_input(tr("ui.rb.n"), 1, 2_000, step=50, key="rb_n", help=tr("ui.rb.n_help"), persist_state="session")
st.session_state.setdefault("rb_budget", 120)  # 200 re-solves take about 85-105 s (docs/benchmarks.md)
rb_budget = rb2.number_input(
    tr("ui.rb.budget"), 1, 900, step=10, key="rb_budget", help=tr("ui.rb.budget_help"), persist_state="session"
)
pillar_columns = list(market.pillars.columns)
base_weights = np.array([weight_map.get(c, 0.0) for c in pillar_columns], float)
rb_key = (
    sc.opportunity_key(ds, state),
    tuple(base_weights),
    str(mode),
    seed,
    spread,
    int(rb_n),
    constraints,
    solver,
    tuple(sorted(cost_scale.items())),
)
if st.button(tr("ui.rb.run"), key="rb_run", type="primary", help=tr("ui.rb.run_help")):
    try:
        samples = sample_weights(base_weights, int(rb_n), seed, str(mode), spread / 100)
    except ValueError:
        st.warning(tr("ui.sens.ranges_error"))
        st.stop()
    bar = st.progress(0.0, text=tr("ui.rb.progress", done=0, total=int(rb_n)))
    try:
        outcome = plan_robustness(
            market,
            sc.fit(ds, state),
            sc.threat(ds, state),
            state.opportunity,
            ds.fields,
            ds.countries,
            constraints,
            base_weights,
            samples,
            settings=solver,
            prerequisites=prerequisites,
            cost_scale=cost_scale,
            time_budget=float(rb_budget),
            solve_limit=RB_SOLVE_LIMIT,
            progress=lambda done, total: bar.progress(done / total, text=tr("ui.rb.progress", done=done, total=total)),
        )
    except (ValueError, RuntimeError, OSError, pulp.PulpSolverError) as exc:
        bar.empty()
        st.error(tr("ui.rb.failed", detail=escape_markdown(str(exc))))
        st.stop()
    bar.empty()
    st.session_state[ROBUSTNESS_KEY] = (rb_key, outcome)

kept = st.session_state.get(ROBUSTNESS_KEY)
if kept is None:
    st.info(tr("ui.rb.press"))
    st.stop()
kept_key, robust = kept
if kept_key != rb_key:
    st.info(tr("ui.rb.stale"))
if not robust.base.has_solution:
    st.warning(tr("ui.rb.no_base"))
    st.stop()
if robust.stopped_early:
    st.warning(tr("ui.rb.stopped", tried=robust.tried, requested=robust.requested, seconds=f"{robust.seconds:.0f}"))
if robust.solved == 0:
    st.warning(tr("ui.rb.none_solved"))
    st.stop()
if robust.table.empty:
    st.info(tr("ui.rb.empty", n=robust.solved))
    st.stop()
field_label = views.field_names(ds, language)
core, changing = robust.core(), robust.changing()
top = robust.table.iloc[0]
st.markdown(
    tr(
        "ui.rb.reading",
        n=robust.solved,
        seconds=f"{robust.seconds:.0f}",
        country=escape_markdown(str(names.get(top["iso3"], top["iso3"]))),
        field=escape_markdown(str(field_label.get(top["field_id"], top["field_id"]))),
        share=_percent(float(top["frequency"])),
        core=len(core),
        base=len(robust.base.selection),
        changing=len(changing),
        same=_percent(robust.same_as_base / robust.solved),
    )
)
if robust.not_optimal or robust.failed:
    st.caption(tr("ui.rb.quality", not_optimal=robust.not_optimal, failed=robust.failed))
st.caption(
    tr(
        "ui.rb.timing",
        limit=f"{robust.solve_limit:g}",
        mean=f"{robust.runs['seconds'].mean():.2f}",
        median=f"{robust.runs['seconds'].median():.2f}",
    )
)
frame = pd.DataFrame(
    {
        "country": robust.table["iso3"].map(lambda i: str(names.get(i, i))),
        "field": robust.table["field_id"].map(lambda f: str(field_label.get(f, f))),
        "frequency": robust.table["frequency"].to_numpy(float),
        "in_base": robust.table["in_base"].to_numpy(bool),
        "mean_period": robust.table["mean_period"].to_numpy(float),
    }
)
st.dataframe(
    frame,
    column_config={
        "country": st.column_config.TextColumn(tr("ui.pl.col.country")),
        "field": st.column_config.TextColumn(tr("ui.rb.col.field")),
        "frequency": st.column_config.ProgressColumn(
            tr("ui.rb.col.frequency"),
            min_value=0.0,
            max_value=1.0,
            format="percent",
            help=tr("ui.rb.col.frequency_help"),
        ),
        "in_base": st.column_config.CheckboxColumn(tr("ui.rb.col.in_base"), help=tr("ui.rb.col.in_base_help")),
        "mean_period": st.column_config.NumberColumn(tr("ui.rb.col.mean_period"), format="%.1f"),
    },
    hide_index=True,
    width="stretch",
    height=min(35 * (len(frame) + 1) + 3, 420),
    key="rb_table",
)
st.caption(tr("ui.rb.caption"))
