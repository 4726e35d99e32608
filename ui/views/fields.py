"""Tables and figures of the Fields page: the fit heatmap, a field's drivers and best markets.

Not a page. Builders label and format results of :mod:`strategy.scoring`; they compute no scores.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.i18n import Lang, age_text, format_value
from strategy.scoring import OpportunityWeights
from ui.labels import country_list as _names
from ui.labels import field_names, indicator_names, is_blank, label, rival_label, unit_label
from ui.texts import t
from ui.views.charts import FONT, OKABE_ITO, _heatmap_layout
from ui.views.factors import factor_columns, factor_config
from ui.views.gates import cell_notes
from ui.views.tables import Table, _short, _unique, _year_text

#: The colour of a cell closed by a field gate: visibly not a low fit, and not missing either.
GATED_GREY = "#d9d9d9"


#: What the field heatmap can colour.
HEATMAP_MEASURES = ("potential", "fit")


def fit_heatmap(
    ds: Dataset,
    fit: object,
    countries: list[str],
    language: Lang,
    opportunity: pd.DataFrame | None = None,
) -> go.Figure:
    """Fields (rows, by phase) × countries, value in each cell (viridis over the values shown): the
    field fit, or with ``opportunity`` the export potential of each ranked pair (which spreads
    far more: no need, no potential). A pair closed by a field gate is a grey cell marked ×, hover
    'closed: <gate>'; a pair without need data stays blank, hover 'no need data'."""
    fields = ds.fields.sort_values("phase", kind="stable")
    if opportunity is None:
        frame = fit.fit.reindex(index=countries)  # type: ignore[attr-defined]
        label_fit = t("ui.fd.fit", language)
    else:
        frame = (
            opportunity.pivot_table(index="iso3", columns="field_id", values="opportunity", observed=False)
            .rename(index=str, columns=str)
            .reindex(index=countries, columns=fields.index)
        )
        label_fit = t("ui.fd.measure.potential", language)
    z = frame[fields.index].T.to_numpy(dtype=float)
    names = field_names(ds, language)
    y = [t("ui.fd.phase_field", language, phase=int(fields.at[f, "phase"]), name=names[f]) for f in fields.index]
    x = _unique(_names(ds, countries, language), list(countries))
    show_text = z.size <= 600
    kind, note = cell_notes(ds, fit, list(countries), list(fields.index), language)  # type: ignore[arg-type]
    hover = np.where(np.isfinite(z), np.char.mod(f"{label_fit}: %.2f", np.nan_to_num(z)), note.to_numpy(dtype=str))
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            colorscale="Viridis",
            zmin=float(np.nanmin(z)) if np.isfinite(z).any() else 0.0,
            zmax=float(np.nanmax(z)) if np.isfinite(z).any() else 1.0,
            text=np.where(np.isfinite(z), np.char.mod("%.2f", np.nan_to_num(z)), ""),
            texttemplate="%{text}" if show_text else None,
            textfont={"size": 11},
            xgap=1,
            ygap=1,
            customdata=hover,
            hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>",
            colorbar={"title": {"text": label_fit, "side": "right"}, "thickness": 12},
        )
    )
    closed = kind.to_numpy() == "closed"
    if closed.any():
        figure.add_heatmap(
            z=np.where(closed, 1.0, np.nan),
            x=x,
            y=y,
            colorscale=[[0.0, GATED_GREY], [1.0, GATED_GREY]],
            showscale=False,
            text=np.where(closed, "×", ""),
            texttemplate="%{text}" if show_text else None,
            textfont={"size": 11, "color": "#555555"},
            xgap=1,
            ygap=1,
            hoverongaps=False,
            customdata=hover,
            hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>",
        )
    return _heatmap_layout(figure, len(y), len(x), label_fit)


def field_drivers_table(ds: Dataset, field_id: str, language: Lang) -> Table:
    drivers = ds.field_drivers[ds.field_drivers["field_id"] == field_id]
    names = indicator_names(ds.catalog, language)
    c = {k: t(f"ui.col.{k}", language) for k in ("role", "indicator", "direction", "weight", "rationale", "unit")}
    frame = pd.DataFrame(
        {
            c["role"]: [label("role", r, language) for r in drivers["role"]],
            c["indicator"]: [str(names.get(i, i)) for i in drivers["indicator"]],
            c["direction"]: [
                t("ui.fd.more_need" if d >= 0 else "ui.fd.less_need", language) for d in drivers["direction"]
            ],
            c["weight"]: drivers["weight"].to_numpy(),
            c["rationale"]: drivers["rationale"].to_numpy(),
            c["unit"]: [
                unit_label(ds.catalog.at[i, "unit"], language) if i in ds.catalog.index else ""
                for i in drivers["indicator"]
            ],
        }
    )
    columns = {
        c["role"]: st.column_config.TextColumn(c["role"], width="small"),
        c["indicator"]: st.column_config.TextColumn(c["indicator"], width="medium"),
        c["rationale"]: st.column_config.TextColumn(c["rationale"], width="large"),
        c["weight"]: st.column_config.NumberColumn(c["weight"], format="%.1f", width="small"),
    }
    return Table(frame.reset_index(drop=True), columns)


def best_markets(
    ds: Dataset, table: pd.DataFrame, field_id: str, language: Lang, weights: OpportunityWeights, n: int = 10
) -> Table:
    """Top markets for one field by opportunity, with the parts it is made of: demand, supply and
    access under the export potential, market, fit and position under the earlier models."""
    rows = table[table["field_id"] == field_id].head(n)
    potential = weights.rule == "potential"
    parts = ("need", "readiness", "position") if potential else ("market", "fit", "need", "readiness", "position")
    c = {k: t(f"ui.fd.col.{k}", language) for k in ("rank", "opportunity", *parts, "main_rival", "white_space")}
    country = t("ui.col.country", language)
    columns_: dict[str, object] = {
        c["rank"]: np.arange(1, len(rows) + 1),
        country: _names(ds, list(rows["iso3"].astype(str)), language),
        c["opportunity"]: rows["opportunity"].to_numpy(),
        **factor_columns(rows, language, weights),
        **{c[k]: rows[k].to_numpy() for k in parts},
        c["main_rival"]: [
            rival_label(ds, r, language) + ("" if m or is_blank(r) else " *")
            for r, m in zip(rows["main_rival"], rows["main_measured"], strict=True)
        ],
        c["white_space"]: rows["white_space"].astype(bool).to_numpy(),
    }
    frame = pd.DataFrame(columns_)
    columns: dict[str, object] = {
        **factor_config(language),
        c["rank"]: st.column_config.NumberColumn(c["rank"], format="%d", width=50),
        c["opportunity"]: st.column_config.ProgressColumn(
            c["opportunity"], min_value=0.0, max_value=1.0, format="%.3f", help=t("ui.fd.opportunity_help", language)
        ),
        c["white_space"]: st.column_config.CheckboxColumn(c["white_space"], help=t("ui.cp.white_space_help", language)),
        c["main_rival"]: st.column_config.TextColumn(c["main_rival"], help=t("ui.cp.assumed_help", language)),
    }
    for k in parts:
        columns[c[k]] = st.column_config.NumberColumn(c[k], format="%.2f", help=t(f"ui.fd.{k}_help", language))
    return Table(frame, columns)


def fit_drivers(
    ds: Dataset, drivers: pd.DataFrame, language: Lang, reference_year: int | None = None
) -> tuple[go.Figure, Table]:
    """One (field, country) fit: each driver's value, year (with its age at ``reference_year``, if
    given), share and contribution, as a table and a chart."""
    names = indicator_names(ds.catalog, language)
    c = {
        k: t(f"ui.fd.col.{k}", language)
        for k in ("role", "value", "year", "age", "unit", "value01", "share", "contribution", "status")
    }
    indicator = t("ui.col.indicator", language)
    units = [ds.catalog.at[i, "unit"] if i in ds.catalog.index else "" for i in drivers["indicator"]]
    frame = pd.DataFrame(
        {
            c["role"]: [label("role", r, language) for r in drivers["role"]],
            indicator: [str(names.get(i, i)) for i in drivers["indicator"]],
            c["value"]: [format_value(v, u, language) for v, u in zip(drivers["raw"], units, strict=True)],
            c["year"]: [_year_text(y) for y in drivers["year"]],
            c["age"]: [age_text(y, reference_year, language) if reference_year else "" for y in drivers["year"]],
            c["value01"]: drivers["value"].to_numpy(dtype=float),
            c["share"]: drivers["share"].to_numpy(dtype=float) * 100,
            c["contribution"]: drivers["contribution"].to_numpy(dtype=float),
            c["status"]: [
                t("ui.mk.status.missing", language)
                if pd.isna(r)
                else (t("ui.mk.status.imputed", language) if imp else "")
                for r, imp in zip(drivers["raw"], drivers["imputed"], strict=True)
            ],
            c["unit"]: [unit_label(u, language) for u in units],
        }
    )
    columns = {
        c["role"]: st.column_config.TextColumn(c["role"], width="small"),
        indicator: st.column_config.TextColumn(indicator, width="medium"),
        c["value"]: st.column_config.TextColumn(c["value"], width="small"),
        c["year"]: st.column_config.TextColumn(c["year"], width=48),
        c["age"]: st.column_config.TextColumn(c["age"], width=60, help=t("ui.mk.col.age_help", language)),
        c["value01"]: st.column_config.NumberColumn(
            c["value01"], format="%.2f", help=t("ui.fd.value01_help", language)
        ),
        c["share"]: st.column_config.NumberColumn(c["share"], format="%.0f%%", help=t("ui.fd.share_help", language)),
        c["contribution"]: st.column_config.NumberColumn(c["contribution"], format="%.3f"),
    }
    figure = go.Figure()
    for role, colour in (("need", OKABE_ITO[1]), ("readiness", OKABE_ITO[0])):
        part = frame[(frame[c["role"]] == label("role", role, language)) & (frame[c["share"]] > 0)]
        if part.empty:
            continue
        figure.add_bar(
            x=part[c["contribution"]],
            y=[_short(s, 44) for s in part[indicator]],
            orientation="h",
            name=t(
                "ui.fd.role_total",
                language,
                role=label("role", role, language),
                total=f"{part[c['contribution']].sum():.2f}",
            ),
            marker_color=colour,
            hovertext=[
                f"<b>{r[indicator]}</b><br>{c['value']}: {r[c['value']]} {r[c['unit']]}<br>{c['year']}: {r[c['year']] or '-'}"
                f"<br>{c['share']}: {r[c['share']]:.0f}%"
                for _, r in part.iterrows()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    figure.update_layout(
        height=110 + 24 * max(int((frame[c["share"]] > 0).sum()), 1),
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        font=FONT,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        xaxis={"title": {"text": c["contribution"]}, "gridcolor": "#e5e5e5"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure, Table(frame, columns)
