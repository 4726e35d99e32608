"""Figures and tables of the Country profile page: pillars against peers, fields, rivals, indicators, the brief.

Not a page. Builders label and format what :mod:`strategy.analysis.profile` returns; they compute no
scores.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.analysis import profile
from strategy.data.dataset import Dataset
from strategy.i18n import Lang, format_value, window_years, year_age_text
from strategy.scoring import OpportunityWeights
from ui.labels import field_names, indicator_names, label, rival_label, unit_label
from ui.texts import t
from ui.views.charts import AHEAD, BEHIND, FONT, MISSING_GREY, OKABE_ITO, PILLAR_COLOURS
from ui.views.country import _short
from ui.views.factors import factor_columns, factor_config
from ui.views.rivals import BASIS_MARK, basis_of, evidence_heatmap, evidence_text
from ui.views.tables import Table


@st.cache_resource(show_spinner=False, max_entries=64)
def country_data(
    _ds: Dataset, version: str, iso3: str, reference_year: int | None, max_age: int | None
) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """What the profile shows about one country that no weight changes: its ties with Japan, its
    group memberships and its latest indicator values (about 80 ms together, so kept per country
    and data settings; callers must not modify the frames)."""
    ties = profile.japan_ties(_ds, [iso3], reference_year).loc[iso3]
    groups = profile.memberships(_ds, [iso3]).loc[iso3]
    return ties, groups, profile.latest_indicators(_ds, iso3, reference_year, max_age)


# --- profile --------------------------------------------------------------------------------------------


def pillar_bars(ds: Dataset, values: pd.Series, peers: pd.Series | None, language: Lang, peer_label: str) -> go.Figure:
    """One country's pillar scores (bars in pillar colours, the value at the right edge) with an
    optional peer median as a black diamond."""
    pillars = list(values.index)
    labels = [label("pillar", p, language) for p in pillars]
    score = t("ui.fc.radar_value", language)
    v = values.astype(float).to_numpy()
    figure = go.Figure(
        go.Bar(
            x=np.nan_to_num(v),
            y=labels,
            orientation="h",
            marker_color=[
                PILLAR_COLOURS.get(p, OKABE_ITO[0]) if np.isfinite(x) else MISSING_GREY
                for p, x in zip(pillars, v, strict=True)
            ],
            name=score,
            hovertemplate=f"%{{y}}<br>{score}: %{{x:.2f}}<extra></extra>",
        )
    )
    figure.add_scatter(  # the values in a column of their own, so no marker hides them
        x=[1.1] * len(pillars),
        y=labels,
        mode="text",
        text=[f"{x:.2f}" if np.isfinite(x) else t("fmt.na", language) for x in v],
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
    )
    if peers is not None:
        figure.add_scatter(
            x=peers.reindex(pillars).astype(float).to_numpy(),
            y=labels,
            mode="markers",
            marker={
                "symbol": "diamond-tall",
                "size": 16,
                "color": "#000000",
                "line": {"width": 1.5, "color": "#ffffff"},
            },
            name=peer_label,
            hovertemplate=f"%{{y}}<br>{peer_label}: %{{x:.2f}}<extra></extra>",
        )
    figure.update_layout(
        height=90 + 34 * len(pillars),
        margin={"l": 10, "r": 10, "t": 10, "b": 30},
        plot_bgcolor="white",
        font=FONT,
        xaxis={
            "range": [0, 1.22],
            "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0],
            "gridcolor": "#e5e5e5",
            "title": {"text": score},
        },
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "x": 0, "y": -0.25},
        showlegend=peers is not None,
    )
    return figure


def position_chart(ds: Dataset, best: pd.DataFrame, language: Lang) -> go.Figure:
    """Japan's position against the main rival's threat in the best fields (as in the brief)."""
    fnames = field_names(ds, language)
    y = [_short(str(fnames.get(f, f)), 34) for f in best["field_id"].astype(str)]
    rivals = [rival_label(ds, r, language) or t("ui.cp.nobody", language) for r in best["main_rival"]]
    rival_text = [r + ("" if bool(m) else "*") for r, m in zip(rivals, best["main_measured"], strict=True)]
    japan_name, rival_name = t("ex.brief.legend.japan", language), t("ex.brief.legend.rival", language)
    figure = go.Figure()
    figure.add_bar(
        x=best["japan_position"].astype(float),
        y=y,
        orientation="h",
        name=japan_name,
        marker_color=AHEAD,
        text=[f"{v:.2f}" for v in best["japan_position"].astype(float)],
        textposition="outside",
        cliponaxis=False,
        hovertemplate=f"%{{y}}<br>{japan_name}: %{{x:.2f}}<extra></extra>",
    )
    figure.add_bar(
        x=best["main_threat"].astype(float),
        y=y,
        orientation="h",
        name=rival_name,
        marker_color=BEHIND,
        marker_pattern_shape="/",
        text=[f"{v:.2f} {r}" for v, r in zip(best["main_threat"].astype(float), rival_text, strict=True)],
        textposition="outside",
        cliponaxis=False,
        hovertemplate=f"%{{y}}<br>{rival_name}: %{{x:.2f}}<extra></extra>",
    )
    figure.update_layout(
        barmode="group",
        height=110 + 52 * max(len(best), 1),
        margin={"l": 10, "r": 80, "t": 10, "b": 30},
        plot_bgcolor="white",
        font=FONT,
        xaxis={"range": [0, 1.15], "gridcolor": "#e5e5e5"},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return figure


def rival_heatmap(ds: Dataset, detail: pd.DataFrame, language: Lang) -> go.Figure:
    """Rivals × fields in one country: threat (cividis); cells resting on assumed presence are
    faded; the hover says the basis of the presence and, when measured, the evidence, source and year."""
    fields = list(ds.fields.sort_values("phase", kind="stable").index)
    rivals = list(dict.fromkeys(detail["rival_id"].astype(str)))

    def wide(column: str) -> pd.DataFrame:
        return detail.pivot(index="rival_id", columns="field_id", values=column).reindex(index=rivals, columns=fields)

    z = wide("threat")
    basis = wide("basis").fillna("assumed").to_numpy(dtype=object)
    notes = np.vectorize(lambda e, s, y: _evidence_note(e, s, y, language), otypes=[object])(
        wide("evidence").fillna("").to_numpy(dtype=object),
        wide("source_id").fillna("").to_numpy(dtype=object),
        wide("year").to_numpy(dtype=float),
    )
    fnames = field_names(ds, language)
    x = [_short(str(fnames.get(f, f)), 26) for f in fields]
    y = [rival_label(ds, r, language) for r in rivals]
    values = z.to_numpy(dtype=float)
    threat = t("ui.cp.threat", language)
    figure = evidence_heatmap(
        values,
        basis,
        x,
        y,
        np.char.mod("%.2f", np.nan_to_num(values)).astype(object),
        lambda b: f"%{{y}} · %{{x}}<br>{threat}: %{{z:.2f}} ({b})%{{customdata[1]}}<extra></extra>",
        language,
        details=notes,
    )
    figure.update_layout(
        height=140 + 34 * len(rivals),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white",
        font=FONT,
        xaxis={"side": "top", "tickangle": -40, "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False, "automargin": True},
    )
    return figure


def _evidence_note(evidence: str, source: str, year: float, language: Lang) -> str:
    """The hover line of a measured presence: '<br>evidence: cable suppliers · telegeography · 2022'."""
    if not evidence or evidence == "home_market":
        return ""
    parts = [evidence_text(evidence, language), source, "" if np.isnan(year) else str(int(year))]
    return "<br>" + " · ".join(p for p in parts if p)


def country_fields_table(
    ds: Dataset, frame: pd.DataFrame, language: Lang, weights: OpportunityWeights | None = None
) -> Table:
    """Every field in one country, best opportunity first: the export potential's factors (under
    that model), fit and its parts, the main rival (* assumed, ⌂ its home market)."""
    fnames = field_names(ds, language)
    rows = frame.sort_values("opportunity", ascending=False, na_position="last", kind="stable")
    c = {
        k: t(f"ui.cp.pf.col.{k}", language)
        for k in ("phase", "field", "opportunity", "pair_rank", "fit", "need", "readiness", "strength")
    }
    c |= {k: t(f"ui.cp.col.{k}", language) for k in ("main_rival", "threat", "japan", "margin", "white_space")}
    rivals = []
    bases = rows["main_basis"] if "main_basis" in rows else rows["main_measured"].map(basis_of)
    for r, b in zip(rows["main_rival"], bases, strict=True):
        if not isinstance(r, str) or not r.strip():
            rivals.append(t("ui.cp.nobody", language))
        else:
            rivals.append(rival_label(ds, r, language) + BASIS_MARK.get(str(b), "*"))
    out = pd.DataFrame(
        {
            c["phase"]: rows["phase"].to_numpy(),
            c["field"]: [fnames.get(f, f) for f in rows.index],
            c["opportunity"]: rows["opportunity"].to_numpy(dtype=float),
            c["pair_rank"]: rows["pair_rank"].to_numpy(),
            **factor_columns(rows, language, weights or OpportunityWeights()),
            c["fit"]: rows["fit"].to_numpy(dtype=float),
            c["need"]: rows["need"].to_numpy(dtype=float),
            c["readiness"]: rows["readiness"].to_numpy(dtype=float),
            c["strength"]: rows["strength"].to_numpy(dtype=float),
            c["main_rival"]: rivals,
            c["threat"]: rows["main_threat"].to_numpy(dtype=float),
            c["japan"]: rows["japan_position"].to_numpy(dtype=float),
            c["margin"]: rows["margin"].to_numpy(dtype=float),
            c["white_space"]: rows["white_space"].fillna(False).astype(bool).to_numpy(),
        }
    )
    two = {k: st.column_config.NumberColumn(c[k], format="%.2f") for k in ("opportunity", "fit", "readiness")}
    columns: dict[str, object] = {
        **two,
        **factor_config(language),
        c["phase"]: st.column_config.NumberColumn(c["phase"], format="%d", width=50),
        c["field"]: st.column_config.TextColumn(c["field"], width="medium"),
        c["pair_rank"]: st.column_config.NumberColumn(
            c["pair_rank"], format="%d", help=t("ui.cp.pf.col.pair_rank_help", language)
        ),
        c["need"]: st.column_config.NumberColumn(c["need"], format="%.2f", help=t("ui.cp.pf.col.need_help", language)),
        c["strength"]: st.column_config.NumberColumn(
            c["strength"], format="%.2f", help=t("ui.cp.strength_help", language)
        ),
        c["main_rival"]: st.column_config.TextColumn(c["main_rival"], help=t("ui.cp.assumed_help", language)),
        c["threat"]: st.column_config.NumberColumn(c["threat"], format="%.2f", help=t("ui.cp.threat_help", language)),
        c["japan"]: st.column_config.NumberColumn(c["japan"], format="%.2f", help=t("ui.cp.japan_help", language)),
        c["margin"]: st.column_config.NumberColumn(c["margin"], format="%+.2f", help=t("ui.cp.margin_help", language)),
        c["white_space"]: st.column_config.CheckboxColumn(c["white_space"], help=t("ui.cp.white_space_help", language)),
    }
    return Table(out, columns, pin=2)


def indicator_table(ds: Dataset, latest: pd.DataFrame, used: set[str], reference_year: int, language: Lang) -> Table:
    """Every catalogue indicator of one country: value (formatted), unit, year with its age,
    freshness window, status, source, licence (``latest`` as :func:`profile.latest_indicators`)."""
    names_ = indicator_names(ds.catalog, language)
    c = {k: t(f"ui.cp.pf.col.{k}", language) for k in ("pillar", "indicator", "value", "unit", "year", "status")}
    c |= {k: t(f"ui.cp.pf.col.{k}", language) for k in ("source", "licence", "used", "window")}

    def status(kind: str, window: float) -> str:
        if kind == "old":
            return t("ui.cp.pf.status.old", language, age=int(window))
        return t("ui.cp.pf.status.missing", language) if kind == "missing" else ""

    out = pd.DataFrame(
        {
            c["pillar"]: [label("pillar", p, language) for p in latest["pillar"]],
            c["indicator"]: [str(names_.get(i, i)) for i in latest.index],
            c["value"]: [
                format_value(v, u, language) if s != "missing" else t("fmt.na", language)
                for v, u, s in zip(latest["value"], latest["unit"], latest["status"], strict=True)
            ],
            c["unit"]: [unit_label(u, language) for u in latest["unit"]],
            c["year"]: [year_age_text(y, reference_year, language) for y in latest["year"]],
            c["window"]: [window_years(w, language) for w in latest["window"]],
            c["status"]: [status(s, w) for s, w in zip(latest["status"], latest["window"], strict=True)],
            c["used"]: [i in used for i in latest.index],
            c["source"]: [
                f"{p}: {ti}" if p else s
                for p, ti, s in zip(latest["publisher"], latest["title"], latest["source_id"], strict=True)
            ],
            c["licence"]: latest["licence"].to_numpy(),
        }
    )
    columns = {
        c["pillar"]: st.column_config.TextColumn(c["pillar"], width=120),
        c["indicator"]: st.column_config.TextColumn(c["indicator"], width="medium"),
        c["unit"]: st.column_config.TextColumn(c["unit"], width=90),
        c["value"]: st.column_config.TextColumn(c["value"], help=t("ui.cp.pf.col.value_help", language), width=110),
        c["year"]: st.column_config.TextColumn(c["year"], width=100, help=t("ui.cp.pf.col.year_help", language)),
        c["window"]: st.column_config.TextColumn(c["window"], width=70, help=t("ui.cp.pf.col.window_help", language)),
        c["status"]: st.column_config.TextColumn(c["status"], help=t("ui.cp.pf.col.status_help", language), width=110),
        c["used"]: st.column_config.CheckboxColumn(c["used"], help=t("ui.cp.pf.col.used_help", language), width=60),
        c["source"]: st.column_config.TextColumn(c["source"], width="medium"),
        c["licence"]: st.column_config.TextColumn(c["licence"], width="medium"),
    }
    return Table(out, columns, pin=2)


def brief_table(
    frame: pd.DataFrame, formats: dict[str, str] | None = None, helps: dict[str, str] | None = None
) -> Table:
    """A table of the country brief as it is (headers already in the language), numbers formatted,
    with help texts on the columns that need one (judgements)."""
    formats, helps = formats or {}, helps or {}
    columns: dict[str, object] = {}
    for column in frame.columns:
        if column in formats or pd.api.types.is_float_dtype(frame[column]):
            columns[column] = st.column_config.NumberColumn(
                column, format=formats.get(column, "%.3f"), help=helps.get(column)
            )
        elif column in helps:
            columns[column] = st.column_config.TextColumn(column, help=helps[column])
    return Table(frame.reset_index(drop=True), columns)
