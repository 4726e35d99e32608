"""Controls, charts and tables of the Sensitivity page (SMAA, tornado, stability, plan robustness).

Not a page. The numbers come from :mod:`strategy.analysis.sensitivity` and
:mod:`strategy.analysis.robustness`; these functions only label and draw them. Blue and orange
are Okabe-Ito (distinguishable for colour-blind readers), the heatmap is Cividis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.analysis.robustness import PlanRobustness
from strategy.analysis.sampling import SAMPLING_MODES, SamplingMode
from strategy.analysis.sensitivity import SMAAResult, one_at_a_time
from strategy.i18n import Lang
from ui.common import escape_markdown
from ui.labels import label
from ui.texts import t
from ui.views import FONT, ordinal

TOP_K = (1, 3, 5, 10)
SHOWN = ("focus", "top20")
MAX_RANKS = 20
TORNADO_TOP = 10
READING_TOP = 3
COLOUR = "#3b6ea5"
COLOUR_2 = "#e69f00"  # Okabe-Ito orange: distinguishable from the blue for colour-blind readers
_CONFIG = {"displaylogo": False}


@dataclass(frozen=True)
class Choices:
    """What the planner set in the page's controls: samples, seed, sampling mode and spread (percent),
    the k of top-k, the one-at-a-time change (percent) and which countries to show."""

    n_samples: int
    seed: int
    mode: SamplingMode
    spread: int
    k: int
    change: int
    shown: str


def kept(widget: Callable[..., Any], key: str, default: object, text: str, help_text: str, *args: Any, **kwargs: Any):
    """``widget`` (e.g. ``st.slider``) labelled ``text`` with help ``help_text``, whose value stays in
    the session under ``key`` and starts at ``default``."""
    st.session_state.setdefault(key, default)
    return widget(text, *args, key=key, help=help_text, persist_state="session", **kwargs)


def _radio(key: str, default: str, options: Sequence[str], text_key: str, help_key: str, language: Lang, **kwargs: Any):
    """A kept radio whose options are labelled by the texts ``<text_key>.<option>``."""
    labels = {o: t(f"{text_key}.{o}", language) for o in options}
    text, help_text = t(text_key, language), t(help_key, language)
    return kept(st.radio, key, default, text, help_text, options, format_func=labels.get, **kwargs)


def controls(n_alternatives: int, language: Lang) -> Choices:
    """The three columns of controls (kept in the session, each with its help text)."""

    def tr(key: str) -> str:
        return t(key, language)

    first, second, third = st.columns(3)
    with first:
        n_text, n_help = tr("ui.sens.n"), tr("ui.sens.n_help")
        n_samples = kept(st.number_input, "sens_n", 10_000, n_text, n_help, 1_000, 100_000, step=1_000)
        seed = kept(st.number_input, "sens_seed", 0, tr("ui.sens.seed"), tr("ui.sens.seed_help"), 0, 2**31 - 1, step=1)
    with second:
        mode = _radio("sens_mode", "simplex", SAMPLING_MODES, "ui.sens.mode", "ui.sens.mode_help", language)
        spread_text, spread_help = tr("ui.sens.spread"), tr("ui.sens.spread_help")
        spread = kept(
            st.slider, "sens_spread", 50, spread_text, spread_help, 10, 100, step=5, disabled=mode != "ranges"
        )
    with third:
        ks = [x for x in TOP_K if x <= n_alternatives] or [1]
        k = kept(st.selectbox, "sens_k", 5, tr("ui.sens.k"), tr("ui.sens.k_help"), ks)
        change = kept(st.slider, "sens_change", 20, tr("ui.sens.change"), tr("ui.sens.change_help"), 5, 50, step=5)
        shown = _radio("sens_show", "focus", SHOWN, "ui.sens.show", "ui.sens.show_help", language, horizontal=True)
    return Choices(int(n_samples), int(seed), str(mode), int(spread), int(k), int(change), str(shown))  # type: ignore[arg-type]


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _layout(figure: go.Figure, height: int, xaxis: dict, *, right: int = 10, **extra: object) -> None:
    """The page's bar-chart frame: white, the app's font, countries or pillars listed top down."""
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": right, "t": 10, "b": 10},
        plot_bgcolor="white",
        font=FONT,
        xaxis=xaxis,
        yaxis={"autorange": "reversed", "automargin": True},
        **extra,
    )


def reading(
    names: Mapping[str, str],
    current_rank: pd.Series,
    order: Sequence[str],
    focus: Sequence[str],
    top_k: pd.Series,
    k: int,
    language: Lang,
) -> None:
    """The plain-language reading: the chance of staying in the top k for the leaders and the focus markets."""

    def line(iso3: str) -> str:
        return escape_markdown(
            t(
                "ui.sens.reading_line",
                language,
                country=names.get(iso3, iso3),
                rank=ordinal(int(current_rank[iso3]), language),
                k=k,
                p=percent(float(top_k[iso3])),
            )
        )

    st.subheader(t("ui.sens.reading_title", language))
    top_title = escape_markdown(t("ui.sens.reading_top", language))
    lines = [f"**{top_title}**", "", *(f"- {line(i)}" for i in order[:READING_TOP])]
    if focus:
        focus_title = escape_markdown(t("ui.sens.reading_focus", language))
        lines += ["", f"**{focus_title}**", "", *(f"- {line(i)}" for i in focus)]
    st.markdown("\n".join(lines))


def acceptability(result: SMAAResult, shown: Sequence[str], y: Sequence[str], language: Lang) -> None:
    """Heatmap of the rank acceptabilities (share of samples giving each rank) of the ``shown`` countries."""
    st.subheader(t("ui.sens.heatmap_title", language))
    n_ranks = min(MAX_RANKS, len(result.acceptability))
    z = result.acceptability.loc[list(shown), list(range(1, n_ranks + 1))].to_numpy(float)
    share_label, rank_label = t("ui.sens.share", language), t("ui.sens.rank", language)
    heatmap = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(r) for r in range(1, n_ranks + 1)],
            y=list(y),
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
        font=FONT,
        xaxis={"side": "top", "title": {"text": rank_label}, "showgrid": False, "type": "category"},
        yaxis={"autorange": "reversed", "showgrid": False, "automargin": True},
    )
    st.plotly_chart(heatmap, width="stretch", config=_CONFIG, key="sens_heatmap")
    st.caption(t("ui.sens.heatmap_caption", language))


def top_k_bars(top_k: pd.Series, shown: Sequence[str], y: Sequence[str], k: int, language: Lang) -> None:
    """Bars of the probability of each ``shown`` country being in the top ``k``."""
    st.subheader(t("ui.sens.topk_title", language, k=k))
    bars = go.Figure(
        go.Bar(
            x=top_k.reindex(list(shown)).to_numpy(float),
            y=list(y),
            orientation="h",
            marker_color=COLOUR,
            text=[percent(float(top_k[i])) for i in shown],
            textposition="outside",
            hovertemplate="%{y}: %{x:.1%}<extra></extra>",
        )
    )
    grid = {"range": [0, 1.1], "tickformat": ".0%", "showgrid": True, "gridcolor": "#eee"}
    _layout(bars, 120 + 24 * len(y), grid, right=30)
    st.plotly_chart(bars, width="stretch", config=_CONFIG, key="sens_topk")


def tornado(
    values: pd.DataFrame,
    weights: Mapping[str, float],
    change: int,
    names: Mapping[str, str],
    pillar_names: Mapping[str, str],
    language: Lang,
) -> None:
    """Tornado of one-at-a-time moves: how many of the top countries change rank when each pillar
    weight moves by ``change`` percent down (orange) or up (blue)."""
    st.subheader(t("ui.sens.tornado_title", language, change=change))
    moves = one_at_a_time(values, weights, change / 100, TORNADO_TOP)
    spread_of = moves.groupby("criterion")["changed"].sum().sort_values(ascending=False)
    figure = go.Figure()
    for direction, colour, sign in (("-", COLOUR_2, -1), ("+", COLOUR, 1)):
        part = moves[moves["direction"] == direction].set_index("criterion").reindex(spread_of.index)
        hover = [
            t(
                "ui.sens.tornado_hover",
                language,
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
            name=t("ui.sens.tornado_minus" if direction == "-" else "ui.sens.tornado_plus", language),
            marker_color=colour,
            customdata=hover,
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        )
    axis = {"title": {"text": t("ui.sens.tornado_axis", language, n=min(TORNADO_TOP, len(values)))}, "zeroline": True}
    legend = {"orientation": "h", "y": -0.25}
    _layout(figure, 140 + 34 * len(spread_of), axis, barmode="relative", legend=legend)
    st.plotly_chart(figure, width="stretch", config=_CONFIG, key="sens_tornado")
    st.caption(t("ui.sens.tornado_caption", language))


def stability(table: pd.DataFrame, pillar_names: Mapping[str, str], k: int, language: Lang) -> None:
    """The exact stability intervals of every pillar weight (top 1 and top k) with the current weight."""
    st.subheader(t("ui.sens.stability_title", language))
    labels = [pillar_names[c] for c in table.index]
    intervals = go.Figure()
    for prefix, colour, text in (
        ("top1", COLOUR, t("ui.sens.stability_top1", language)),
        ("topk", COLOUR_2, t("ui.sens.stability_topk", language, k=k)),
    ):
        low, high = table[f"{prefix}_low"], table[f"{prefix}_high"]
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
        x=table["weight"].to_numpy(float),
        y=labels,
        mode="markers",
        marker={"symbol": "diamond", "size": 11, "color": "black"},
        name=t("ui.sens.stability_current", language),
        hovertemplate="%{y}: %{x:.3f}<extra></extra>",
    )
    axis = {"range": [0, 1], "title": {"text": t("ui.sens.weight_axis", language)}, "gridcolor": "#eee"}
    _layout(intervals, 160 + 44 * len(labels), axis, barmode="group", legend={"orientation": "h", "y": -0.2})
    st.plotly_chart(intervals, width="stretch", config=_CONFIG, key="sens_stability")
    st.caption(t("ui.sens.stability_caption", language, k=k))


def robustness(
    robust: PlanRobustness, names: Mapping[str, str], field_label: Mapping[str, str], language: Lang
) -> None:
    """The plan robustness result: warnings when it is partial, the reading, timings and the entry table."""

    def tr(key: str, **values: object) -> str:
        return t(key, language, **values)

    if not robust.base.has_solution:
        st.warning(tr("ui.rb.no_base"))
        return
    if robust.stopped_early:
        st.warning(tr("ui.rb.stopped", tried=robust.tried, requested=robust.requested, seconds=f"{robust.seconds:.0f}"))
    if robust.solved == 0:
        st.warning(tr("ui.rb.none_solved"))
        return
    if robust.table.empty:
        st.info(tr("ui.rb.empty", n=robust.solved))
        return
    top = robust.table.iloc[0]
    st.markdown(
        tr(
            "ui.rb.reading",
            n=robust.solved,
            seconds=f"{robust.seconds:.0f}",
            country=escape_markdown(str(names.get(top["iso3"], top["iso3"]))),
            field=escape_markdown(str(field_label.get(top["field_id"], top["field_id"]))),
            share=percent(float(top["frequency"])),
            core=len(robust.core()),
            base=len(robust.base.selection),
            changing=len(robust.changing()),
            same=percent(robust.same_as_base / robust.solved),
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


def pillar_labels(columns: Sequence[str], language: Lang) -> dict[str, str]:
    """Each pillar's name in ``language``."""
    return {c: label("pillar", c, language) for c in columns}
