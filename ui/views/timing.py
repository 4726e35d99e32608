"""Rivals' timing on the Competitors page and the Country profile: timelines, first movers, momentum,
window flags and the momentum rules.

Not a page. Builders label and format the results of :mod:`strategy.scoring.timing`; they compute
nothing themselves. The figure and the tables of one country depend on the data only, so they are
cached per data version, country and language.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from strategy.scoring import timing as tm
from ui.labels import country_list, field_names, rival_label
from ui.texts import t
from ui.views.charts import FONT, OKABE_ITO, frozen
from ui.views.rivals import evidence_text
from ui.views.tables import Table

#: The panels of the timeline figure, top to bottom, and how each draws its series.
PANELS: tuple[str, ...] = ("submarine_cable_supplier", "china_ict_finance", "dtt_standard", "dac_aid")


def actor_colours(ds: Dataset) -> dict[str, str]:
    """One Okabe-Ito colour per actor (Japan first in rivals.csv: blue), the same on every chart."""
    return {str(a): OKABE_ITO[i % len(OKABE_ITO)] for i, a in enumerate(ds.rivals.index)}


def state_label(state: object, language: Lang) -> str:
    """A momentum state in words (増加 rising, 横ばい steady, 減少 fading, 判定不能 thin)."""
    return t(f"ui.tm.state.{state}", language) if state in tm.STATES else ""


def ratio_text(ratio: float, language: Lang) -> str:
    """The recent / earlier ratio: ×1.8, 'new' for a first appearance, blank when unknown."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return ""
    if math.isinf(ratio):
        return t("ui.tm.ratio_new", language)
    return f"×{ratio:.2f}"


@st.cache_resource(show_spinner=False, max_entries=32)
def timeline_figure(_ds: Dataset, version: str, iso3: str, language: Lang) -> go.Figure | None:
    """One panel per evidence the country has: cables in service by supplier's actor (cumulative),
    Chinese ICT finance projects per commitment year, the year a TV standard was adopted, donor
    groups' yearly aid share. None when the timeline has nothing for the country."""
    rows = tm.country_timeline(_ds, iso3)
    panels = [p for p in PANELS if (rows["evidence"] == p).any()]
    if not panels:
        return None
    figure = make_subplots(
        rows=len(panels),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.09 if len(panels) > 1 else 0.0,
        subplot_titles=[t(f"ui.tm.panel.{p}", language) for p in panels],
    )
    colours = actor_colours(_ds)
    shown: set[str] = set()
    line = _ds.rival_timeline
    for n, panel in enumerate(panels, start=1):
        part = rows[rows["evidence"] == panel]
        snapshot = int(line.loc[line["evidence"] == panel, "year"].max())  # the data's latest year
        for actor in [a for a in _ds.rivals.index if a in set(part["rival_id"])]:
            series = part[part["rival_id"] == actor].groupby("year", sort=True)["value"].sum()
            name = rival_label(_ds, actor, language)
            common = dict(name=name, legendgroup=actor, showlegend=actor not in shown, marker_color=colours[actor])
            shown.add(actor)
            if panel == "submarine_cable_supplier":
                # the step goes on to the snapshot year: a cable stays in service
                series = series.reindex(sorted({*series.index, snapshot}), fill_value=0.0)
                trace = go.Scatter(x=series.index, y=series.cumsum(), mode="lines+markers", line_shape="hv", **common)
            elif panel == "china_ict_finance":
                trace = go.Bar(x=series.index, y=series.to_numpy(), **common)
            elif panel == "dtt_standard":
                trace = go.Scatter(
                    x=series.index,
                    y=[name] * len(series),
                    mode="markers",
                    marker_size=14,
                    marker_symbol="star",
                    **common,
                )
            else:
                trace = go.Scatter(x=series.index, y=series.to_numpy() * 100, mode="lines", **common)
            figure.add_trace(trace, row=n, col=1)
        counts = panel in ("submarine_cable_supplier", "china_ict_finance")
        figure.update_yaxes(
            title_text=t(f"ui.tm.axis.{panel}", language),
            row=n,
            col=1,
            rangemode="tozero" if panel != "dtt_standard" else None,
            tickformat="d" if counts else None,
            dtick=1 if counts and part.groupby(["rival_id"])["value"].sum().max() <= 8 else None,
        )
    figure.update_layout(
        height=110 + 190 * len(panels),
        margin={"l": 60, "r": 10, "t": 40, "b": 10},
        font=FONT,
        plot_bgcolor="white",
        barmode="group",
        legend={"orientation": "h", "y": -0.08},
    )
    figure.update_xaxes(showgrid=True, gridcolor="#eeeeee", dtick=2)
    figure.update_yaxes(automargin=True, showgrid=True, gridcolor="#eeeeee")
    return frozen(figure)


@st.cache_resource(show_spinner=False, max_entries=32)
def first_mover_table(_ds: Dataset, version: str, iso3: str, language: Lang) -> Table:
    """Per evidence and actor in one country: the fields it is presence in, the first measured
    year (with 'or earlier' where the data start then), whether the actor was first there, and its
    momentum (state, recent against earlier window, as of which year)."""
    first = tm.first_movers(_ds)
    first = first[first["iso3"] == iso3]
    moving = tm.momentum(_ds)
    moving = moving[moving["iso3"] == iso3].set_index(["evidence", "rival_id"])
    fields = field_names(_ds, language)
    c = {
        k: t(f"ui.tm.col.{k}", language)
        for k in ("evidence", "rival", "fields", "first", "leader", "state", "change", "recent")
    }
    records = []
    order = {e: i for i, e in enumerate(PANELS)}
    actors = {a: i for i, a in enumerate(_ds.rivals.index)}
    groups = first.groupby(["evidence", "rival_id"], sort=False)
    for (evidence, actor), group in sorted(groups, key=lambda g: (order.get(g[0][0], 9), actors.get(g[0][1], 99))):
        row = group.iloc[0]
        year = int(row["first_year"])
        first_text = t("ui.tm.or_earlier", language, year=year) if bool(row["censored"]) else str(year)
        names = [str(fields.get(f, f)) for f in group["field_id"]]
        m = moving.loc[(evidence, actor)] if (evidence, actor) in moving.index else None
        records.append(
            {
                c["evidence"]: evidence_text(evidence, language),
                c["rival"]: rival_label(_ds, actor, language),
                c["fields"]: t("fmt.list_sep", language).join(names),
                c["first"]: first_text,
                c["leader"]: "✓" if bool(group["first_in_field"].any()) else "",
                c["state"]: state_label(m["state"], language) if m is not None else "",
                c["change"]: ratio_text(float(m["ratio"]), language) if m is not None else "",
                c["recent"]: t("ui.tm.windows", language, n=int(m["window"]), year=int(m["as_of"]))
                if m is not None
                else "",
            }
        )
    frame = pd.DataFrame(
        records, columns=[c[k] for k in ("evidence", "rival", "fields", "first", "leader", "state", "change", "recent")]
    )
    columns = {
        c["fields"]: st.column_config.TextColumn(c["fields"], width="medium"),
        c["first"]: st.column_config.TextColumn(c["first"], help=t("ui.tm.col.first_help", language)),
        c["leader"]: st.column_config.TextColumn(c["leader"], help=t("ui.tm.col.leader_help", language)),
        c["state"]: st.column_config.TextColumn(c["state"], help=t("ui.tm.col.state_help", language)),
        c["change"]: st.column_config.TextColumn(c["change"], help=t("ui.tm.col.change_help", language)),
    }
    return Table(frame, columns, pin=2)


def window_table(ds: Dataset, flags: pd.DataFrame, countries: list[str], language: Lang) -> Table:
    """The window flags of the shown countries: a field Japan ranks high, a rival rising fast."""
    shown = flags[flags["iso3"].isin(countries)]
    fields = field_names(ds, language)
    c = {
        k: t(f"ui.tm.wcol.{k}", language)
        for k in ("country", "field", "rank", "potential", "rival", "evidence", "change", "as_of")
    }
    frame = pd.DataFrame(
        {
            c["country"]: country_list(ds, shown["iso3"], language),
            c["field"]: [str(fields.get(f, f)) for f in shown["field_id"]],
            c["rank"]: shown["country_rank"].astype(int).to_numpy(),
            c["potential"]: shown["opportunity"].to_numpy(dtype=float),
            c["rival"]: [rival_label(ds, r, language) for r in shown["rival_id"]],
            c["evidence"]: [evidence_text(e, language) for e in shown["evidence"]],
            c["change"]: [ratio_text(float(r), language) for r in shown["ratio"]],
            c["as_of"]: shown["as_of"].astype(int).astype(str).to_numpy(),
        }
    )
    columns = {
        c["rank"]: st.column_config.NumberColumn(c["rank"], help=t("ui.tm.wcol.rank_help", language)),
        c["potential"]: st.column_config.NumberColumn(c["potential"], format="%.3f"),
        c["change"]: st.column_config.TextColumn(c["change"], help=t("ui.tm.col.change_help", language)),
    }
    return Table(frame, columns, pin=2)


@st.cache_resource(show_spinner=False, max_entries=8)
def rules_table(_ds: Dataset, version: str, language: Lang) -> Table:
    """The momentum rules (a judgement) with their rationale in the language and reference."""
    rules = _ds.momentum_rules
    c = {
        k: t(f"ui.tm.rcol.{k}", language)
        for k in ("evidence", "window", "rising", "fading", "fast", "min", "rationale", "reference")
    }
    rationale = rules["rationale_ja" if language == "ja" else "rationale"].astype(str)
    frame = pd.DataFrame(
        {
            c["evidence"]: [evidence_text(e, language) for e in rules.index],
            c["window"]: rules["window_years"].astype(int).to_numpy(),
            c["rising"]: rules["rising_ratio"].to_numpy(dtype=float),
            c["fading"]: rules["fading_ratio"].to_numpy(dtype=float),
            c["fast"]: rules["fast_ratio"].to_numpy(dtype=float),
            c["min"]: rules["min_level"].to_numpy(dtype=float),
            c["rationale"]: rationale.to_numpy(),
            c["reference"]: rules["reference"].astype(str).to_numpy(),
        }
    )
    columns = {
        c["rationale"]: st.column_config.TextColumn(c["rationale"], width="large"),
        c["reference"]: st.column_config.TextColumn(c["reference"], width="medium"),
    }
    return Table(frame, columns, pin=1)


def timing_panel(ds: Dataset, iso3: str, language: Lang, key: str, flags: pd.DataFrame | None = None) -> None:
    """One country's rivals' timeline and its first-mover and momentum table, with their notes;
    with ``flags`` (:func:`strategy.scoring.timing.window_flags`) also the country's window flags."""
    figure = timeline_figure(ds, ds.version, iso3, language)
    if figure is None:
        st.info(t("ui.tm.no_timeline", language))
        return
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key=f"{key}_chart")
    st.caption(t("ui.tm.chart_caption", language))
    first_mover_table(ds, ds.version, iso3, language).show(rows=12, key=f"{key}_table")
    st.caption(t("ui.tm.table_caption", language))
    if flags is None:
        return
    st.markdown(f"**{t('ui.tm.window_title', language)}**")
    windows = window_table(ds, flags, [iso3], language)
    if len(windows.frame):
        windows.show(rows=6, key=f"{key}_windows")
    else:
        st.caption(t("ui.tm.no_window_here", language))
    st.caption(t("ui.tm.window_caption", language, n=tm.TOP_FIELDS))
