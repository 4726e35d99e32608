"""Figures and tables of the ASEAN + India comparison and the Country profile pages.

Not a page. Builders label and format what :mod:`strategy.analysis.profile` returns; they compute no
scores. Colours are Okabe-Ito (colour-blind safe): countries a planner highlights get a colour,
the rest stay light grey for context, so a chart of a dozen countries stays readable. Money and
head counts are scaled the way each language counts them (億ドル / 万人, US$ bn / million).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from strategy.analysis import profile
from strategy.analysis.profile import HISTORY_START
from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from strategy.scoring import MarketScores, RivalThreat, rival_threat
from ui.labels import country_name as _name
from ui.labels import field_names, indicator_names, label, rival_label, unit_label
from ui.texts import t
from ui.views.common import (
    AHEAD,
    BEHIND,
    FONT,
    MISSING_GREY,
    OKABE_ITO,
    PILLAR_COLOURS,
    Table,
    evidence_heatmap,
    format_value,
    threat_heatmap,
)

#: Line colours for highlighted countries (Okabe-Ito without yellow, too pale for a line on white).
LINE_COLOURS = tuple(c for c in OKABE_ITO if c != "#F0E442")
MAX_HIGHLIGHT = len(LINE_COLOURS)
CONTEXT_GREY = "#b8b8b8"
MEDIAN_GREY = "#555555"
#: Indicators drawn on a log axis in the small multiples (sizes that span orders of magnitude).
LOG_TRANSFORMS = ("log", "log1p")
HISTORY_FROM = HISTORY_START
HISTORY_END = 2025


@st.cache_resource(show_spinner=False, max_entries=16)
def threat_for(_ds: Dataset, version: str, countries: tuple[str, ...], presence: float, white: float) -> RivalThreat:
    """Rival threat for exactly the compared countries, with the sidebar's presence settings (the
    threat of a country does not depend on the others, so a country outside the universe gets the
    same numbers it would have inside it)."""
    return rival_threat(_ds, pd.Index(list(countries)), presence, white)


@st.cache_resource(show_spinner=False, max_entries=16)
def compared_rivals(
    _ds: Dataset, version: str, countries: tuple[str, ...], presence: float, white: float, language: Lang
) -> tuple[go.Figure, Table]:
    """The comparison page's rival heatmap and main-rival table: they depend on the compared
    countries and the presence settings, not on the weights, so a weight change reuses them (about
    80 ms). Callers must not modify them."""
    threat = threat_for(_ds, version, countries, presence, white)
    fields = list(_ds.fields.sort_values("phase", kind="stable").index)
    figure = threat_heatmap(_ds, threat, list(countries), language)
    return figure, rival_matrix_table(_ds, profile.main_rivals(threat, countries, fields), countries, language)


@st.cache_resource(show_spinner=False, max_entries=16)
def ties_for(_ds: Dataset, version: str, countries: tuple[str, ...], reference_year: int | None) -> pd.DataFrame:
    """Ties with Japan of the compared countries (no weight changes them; callers must not modify it)."""
    return profile.japan_ties(_ds, list(countries), reference_year)


def _year(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))  # type: ignore[call-overload]


def log_ticks(low: float, high: float) -> list[float]:
    """Readable ticks for a log axis from ``low`` to ``high`` (> 0): 1-2-5 steps, or powers of ten
    when that would give too many."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    ticks: list[float] = []
    for steps in ((1, 2, 5), (1, 3), (1,)):
        ticks = [m * 10.0**k for k in range(first, last + 1) for m in steps if low <= m * 10.0**k <= high]
        if len(ticks) <= 7:
            break
    if len(ticks) < 2:
        ticks = [
            m * 10.0**k for k in range(first, last + 1) for m in (1, 1.5, 2, 3, 5, 7) if low <= m * 10.0**k <= high
        ]
    return ticks


def tick_text(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


def colour_map(highlight: Sequence[str]) -> dict[str, str]:
    """A fixed colour per highlighted country, in the order chosen."""
    return {iso3: LINE_COLOURS[i % len(LINE_COLOURS)] for i, iso3 in enumerate(highlight)}


# --- scales ---------------------------------------------------------------------------------------


def axis_scale(unit: object, values: pd.Series, language: Lang) -> tuple[float, str]:
    """Divisor and axis unit for a series: money and people in the language's usual units."""
    finite = values.dropna().abs()
    top = float(finite.max()) if len(finite) else 0.0
    if unit == "US$":
        if language == "ja":
            steps = ((1e11, 1e8, "ui.fc.axis.oku_usd"), (1e6, 1e4, "ui.fc.axis.man_usd"))
        else:
            steps = ((1e11, 1e9, "ui.fc.axis.bn_usd"), (1e8, 1e6, "ui.fc.axis.m_usd"))
        for limit, divisor, key in steps:
            if top >= limit:
                return divisor, t(key, language)
        return 1.0, t("ui.fc.axis.usd", language)
    if unit == "people" and top >= 1e7:
        return (
            (1e4, t("ui.fc.axis.man_people", language))
            if language == "ja"
            else (1e6, t("ui.fc.axis.m_people", language))
        )
    return 1.0, unit_label(unit, language)


# --- comparison: pillars -----------------------------------------------------------------------------


def radar(
    ds: Dataset, values: pd.DataFrame, highlight: Sequence[str], language: Lang, rescaled: bool = False
) -> go.Figure:
    """Pillar radar: highlighted countries in colour, the others in grey; a missing pillar is a gap."""
    pillars = list(values.columns)
    theta = [label("pillar", p, language) for p in pillars]
    colours = colour_map(highlight)
    figure = go.Figure()
    order = [i for i in values.index if i not in colours] + [i for i in highlight if i in values.index]
    score = t("ui.fc.radar_value" if not rescaled else "ui.fc.radar_value_rescaled", language)
    for iso3 in order:
        row = values.loc[iso3].astype(float)
        if row.isna().all():
            continue
        r = [None if math.isnan(v) else float(v) for v in row]
        colour = colours.get(iso3)
        figure.add_scatterpolar(
            r=[*r, r[0]],
            theta=[*theta, theta[0]],
            name=_name(ds, iso3, language),
            mode="lines+markers",
            line={"color": colour or CONTEXT_GREY, "width": 2.6 if colour else 1.0},
            marker={"size": 6 if colour else 3},
            opacity=1.0 if colour else 0.7,
            connectgaps=False,
            showlegend=True,
            legendrank=1 if colour else 1000,
            hovertemplate=f"<b>%{{fullData.name}}</b><br>%{{theta}}<br>{score}: %{{r:.2f}}<extra></extra>",
        )
    between = 90 - 180 / max(len(pillars), 1)  # the radial labels sit between two spokes
    figure.update_layout(
        height=520,
        font=FONT,
        margin={"l": 60, "r": 60, "t": 30, "b": 30},
        polar={
            "radialaxis": {
                "range": [0, 1],
                "tickvals": [0.25, 0.5, 0.75, 1.0],
                "angle": between,
                "tickangle": between,
                "tickfont": {"size": 10, "color": "#666666"},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        legend={"title": {"text": t("ui.fc.legend_title", language)}, "itemclick": "toggle"},
    )
    return figure


def pillar_table(ds: Dataset, market: MarketScores, values: pd.DataFrame, language: Lang) -> Table:
    """Compared countries: rank, market score, coverage and pillar scores; why a country has none."""
    countries = list(values.index)
    c = {k: t(f"ui.mk.col.{k}", language) for k in ("rank", "score", "coverage")}
    country, note = t("ui.col.country", language), t("ui.fc.col.note", language)
    scored = market.score.reindex(countries)
    notes = []
    for iso3 in countries:
        if iso3 in market.score.index:
            notes.append("")
        elif iso3 in market.excluded.index:
            pct = f"{float(market.excluded.at[iso3, 'coverage']) * 100:.0f}"
            notes.append(t("ui.fc.reason.excluded", language, pct=pct))
        else:
            notes.append(t("ui.fc.reason.outside", language))
    frame = pd.DataFrame(
        {
            c["rank"]: market.rank.reindex(countries).astype("Int64").to_numpy(),
            country: [_name(ds, i, language) for i in countries],
            "ISO3": countries,
            c["score"]: scored.to_numpy(dtype=float),
            c["coverage"]: market.coverage.reindex(countries).to_numpy(dtype=float) * 100,
        }
    )
    columns: dict[str, object] = {
        c["rank"]: st.column_config.NumberColumn(c["rank"], format="%d", width=56, help=t("ui.mk.rank_help", language)),
        country: st.column_config.TextColumn(country, width=140),
        "ISO3": st.column_config.TextColumn("ISO3", width=52),
        c["score"]: st.column_config.NumberColumn(c["score"], format="%.3f", help=t("ui.mk.score_help", language)),
        c["coverage"]: st.column_config.NumberColumn(
            c["coverage"], format="%.0f%%", help=t("ui.mk.coverage_help", language)
        ),
    }
    for pillar in values.columns:
        name = label("pillar", pillar, language)
        frame[name] = values[pillar].to_numpy(dtype=float)
        columns[name] = st.column_config.NumberColumn(
            name, format="%.2f", help=t("ui.mk.pillar_help", language, pillar=name)
        )
    frame[note] = notes
    columns[note] = st.column_config.TextColumn(note, width="medium")
    frame = frame.sort_values(c["rank"], na_position="last", kind="stable").reset_index(drop=True)
    return Table(frame, columns)


# --- history ------------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=4)
def key_indicators(_ds: Dataset, version: str) -> tuple[str, ...]:
    """:func:`strategy.analysis.profile.key_indicators` once per data version (it reads every indicator row,
    about 20 ms, and the comparison and profile pages want it on every rerun)."""
    return tuple(profile.key_indicators(_ds))


@st.cache_resource(show_spinner=False, max_entries=64)
def country_data(
    _ds: Dataset, version: str, iso3: str, reference_year: int | None, max_age: int
) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """What the profile shows about one country that no weight changes: its ties with Japan, its
    group memberships and its latest indicator values (about 80 ms together, so kept per country
    and data settings; callers must not modify the frames)."""
    ties = profile.japan_ties(_ds, [iso3], reference_year).loc[iso3]
    groups = profile.memberships(_ds, [iso3]).loc[iso3]
    return ties, groups, profile.latest_indicators(_ds, iso3, reference_year, max_age)


@st.cache_resource(show_spinner=False, max_entries=32)
def history_figure(
    _ds: Dataset,
    version: str,
    countries: tuple[str, ...],
    indicators: tuple[str, ...],
    highlight: tuple[str, ...],
    median_of: tuple[str, ...],
    language: Lang,
    median_label: str,
) -> go.Figure:
    """:func:`history_grid` for these countries, with the median of ``median_of`` (the focus
    markets), cached: the histories do not depend on the weights, so a weight change does not
    rebuild about a hundred traces."""
    history = profile.indicator_history(_ds, list(countries), list(indicators))
    reference = profile.indicator_history(_ds, list(median_of), list(indicators))
    median = profile.history_median(reference, list(median_of), min_n=math.ceil(len(median_of) / 2))
    return history_grid(
        _ds, history, indicators, countries, highlight, language, median=median, median_label=median_label
    )


def history_grid(
    ds: Dataset,
    history: pd.DataFrame,
    indicators: Sequence[str],
    countries: Sequence[str],
    highlight: Sequence[str],
    language: Lang,
    median: pd.DataFrame | None = None,
    median_label: str = "",
    columns: int = 3,
) -> go.Figure:
    """Small multiples: one panel per indicator (title with unit), one line per country (highlighted
    in colour, others grey), an optional median line; sizes on a log axis."""
    catalog = ds.catalog
    titles_names = indicator_names(catalog, language)
    rows = max(1, math.ceil(len(indicators) / columns))
    scales, logs = {}, {}
    titles = []
    for indicator in indicators:
        values = history.loc[history["indicator"] == indicator, "value"]
        divisor, unit_text = axis_scale(catalog.at[indicator, "unit"], values, language)
        scales[indicator] = divisor
        log = str(catalog.at[indicator, "transform"]) in LOG_TRANSFORMS and len(values) > 0 and bool((values > 0).all())
        logs[indicator] = log
        suffix = t("ui.fc.log_axis", language) if log else ""
        titles.append(f"<b>{_short(str(titles_names.get(indicator, indicator)), 42)}</b><br>({unit_text}{suffix})")
    figure = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=titles,
        vertical_spacing=min(0.16, 0.5 / rows),
        horizontal_spacing=0.07,
    )
    colours = colour_map(highlight)
    order = [i for i in countries if i not in colours] + [i for i in highlight if i in set(countries)]
    year = t("ui.col.year", language)
    in_legend: set[str] = set()
    for k, indicator in enumerate(indicators):
        row, col = k // columns + 1, k % columns + 1
        unit = catalog.at[indicator, "unit"]
        part = history[history["indicator"] == indicator]
        if median is not None and len(median):
            m = median[median["indicator"] == indicator]
            if len(m):
                figure.add_scatter(
                    x=m["year"],
                    y=m["value"] / scales[indicator],
                    mode="lines",
                    name=median_label,
                    legendgroup="__median__",
                    showlegend=k == 0,
                    line={"color": MEDIAN_GREY, "width": 2, "dash": "dash"},
                    customdata=[format_value(v, unit, language) for v in m["value"]],
                    hovertemplate=f"{median_label}<br>{year}: %{{x}}<br>%{{customdata}}<extra></extra>",
                    row=row,
                    col=col,
                )
        for iso3 in order:
            series = part[part["iso3"] == iso3]
            if series.empty:
                continue
            colour = colours.get(iso3)
            name = _name(ds, iso3, language)
            figure.add_scatter(
                x=series["year"],
                y=series["value"] / scales[indicator],
                mode="lines+markers" if len(series) < 4 else "lines",
                name=name,
                legendgroup=iso3,
                showlegend=iso3 not in in_legend,
                line={"color": colour or CONTEXT_GREY, "width": 2.4 if colour else 1.0},
                marker={"size": 5},
                opacity=1.0 if colour else 0.8,
                customdata=[format_value(v, unit, language) for v in series["value"]],
                hovertemplate=f"<b>{name}</b><br>{year}: %{{x}}<br>%{{customdata}}<extra></extra>",
                row=row,
                col=col,
            )
            in_legend.add(iso3)
        if logs[indicator]:
            scaled = part["value"] / scales[indicator]
            if median is not None and len(median):
                scaled = pd.concat([scaled, median.loc[median["indicator"] == indicator, "value"] / scales[indicator]])
            ticks = log_ticks(float(scaled.min()), float(scaled.max()))
            figure.update_yaxes(type="log", tickvals=ticks, ticktext=[tick_text(v) for v in ticks], row=row, col=col)
    last = int(history["year"].max()) if len(history) else HISTORY_END
    figure.update_xaxes(range=[HISTORY_FROM - 0.5, last + 0.5], gridcolor="#eeeeee", tickformat="d")
    figure.update_yaxes(gridcolor="#eeeeee", zerolinecolor="#999999")
    figure.update_annotations(font={"size": 12})
    figure.update_layout(
        height=80 + 270 * rows,
        font=FONT,
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "x": 0, "y": 1.0 + 40 / (80 + 270 * rows), "yanchor": "bottom"},
        hovermode="closest",
    )
    return figure


def history_notes(ds: Dataset, history: pd.DataFrame, indicators: Sequence[str], language: Lang) -> list[str]:
    """One line per indicator: its unit, the years shown, the source and the licence."""
    names_ = indicator_names(ds.catalog, language)
    out = []
    for indicator in indicators:
        rows = history[history["indicator"] == indicator]
        unit = unit_label(ds.catalog.at[indicator, "unit"], language)
        if rows.empty:
            out.append(t("ui.fc.history_none", language, name=names_.get(indicator, indicator), unit=unit))
            continue
        source_ids = sorted(set(rows["source_id"]))
        sources = t("fmt.list_sep", language).join(_source_text(ds, s) for s in source_ids)
        out.append(
            t(
                "ui.fc.history_note",
                language,
                name=names_.get(indicator, indicator),
                unit=unit,
                start=int(rows["year"].min()),
                end=int(rows["year"].max()),
                sources=sources,
            )
        )
    return out


def _source_text(ds: Dataset, source_id: str) -> str:
    if source_id not in ds.sources.index:
        return source_id
    row = ds.sources.loc[source_id]
    return f"{row['publisher']}: {row['title']} ({row['licence']})"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --- groups and ties -----------------------------------------------------------------------------------


def membership_table(ds: Dataset, groups: pd.DataFrame, language: Lang) -> Table:
    """Income group, region and one tick column per group that at least one compared country is in."""
    country = t("ui.col.country", language)
    income, region = t("ui.col.income_group", language), t("ui.fc.col.subregion", language)
    frame = pd.DataFrame(
        {
            country: [_name(ds, i, language) for i in groups.index],
            "ISO3": list(groups.index),
            income: [label("income", g, language) or t("fmt.na", language) for g in groups["income_group"]],
            region: [label("fc.subregion", s, language) or t("fmt.na", language) for s in groups["un_subregion"]],
        }
    )
    columns: dict[str, object] = {
        country: st.column_config.TextColumn(country, width=140),
        income: st.column_config.TextColumn(income, help=t("ui.col.income_group_help", language)),
        region: st.column_config.TextColumn(region, help=t("ui.fc.col.subregion_help", language)),
    }
    bool_columns = [g for g in groups.columns if groups[g].dtype == bool]
    for group in bool_columns:
        if not groups[group].any():
            continue
        name = group.upper()  # short header (ASEAN, LDC); the full name is in the help
        frame[name] = groups[group].to_numpy()
        columns[name] = st.column_config.CheckboxColumn(
            name, help=t("ui.fc.col.member_help", language, group=label("member", group, language)), width=64
        )
    return Table(frame, columns)


def memoranda_text(dates: Sequence[str], language: Lang) -> str:
    return t("fmt.list_sep", language).join(dates) if len(dates) else t("ui.fc.none_recorded", language)


def ties_table(ds: Dataset, ties: pd.DataFrame, max_age: int, language: Lang) -> Table:
    """Japan's net aid (latest, with its year; flagged when older than the staleness window),
    ministerial ICT memoranda and the digital TV standard with its cited page."""
    c = {
        k: t(f"ui.fc.col.{k}", language)
        for k in ("aid", "aid_year", "memoranda", "dtt", "dtt_year", "isdbt", "dtt_source")
    }
    country = t("ui.col.country", language)
    aid, aid_year = [], []
    for value, year, age in zip(ties["aid_usd"], ties["aid_year"], ties["aid_age"], strict=True):
        if pd.isna(value):
            aid.append(t("ui.fc.aid_none", language))
            aid_year.append("")
            continue
        aid.append(format_value(value, "US$", language))
        old = not pd.isna(age) and int(age) > max_age
        aid_year.append(t("ui.fc.old_year", language, year=int(year)) if old else str(int(year)))
    frame = pd.DataFrame(
        {
            country: [_name(ds, i, language) for i in ties.index],
            "ISO3": list(ties.index),
            c["aid"]: aid,
            c["aid_year"]: aid_year,
            c["memoranda"]: [memoranda_text(d, language) for d in ties["memoranda"]],
            c["dtt"]: [s or t("ui.fc.dtt_unknown", language) for s in ties["dtt_standard"]],
            c["dtt_year"]: [_year(y) for y in ties["dtt_year"]],
            c["isdbt"]: ties["isdbt"].astype(bool).to_numpy(),
            c["dtt_source"]: [s if s.startswith(("http://", "https://")) else None for s in ties["dtt_source"]],
        }
    )
    columns = {
        country: st.column_config.TextColumn(country, width=140),
        c["aid"]: st.column_config.TextColumn(c["aid"], help=t("ui.fc.col.aid_help", language)),
        c["aid_year"]: st.column_config.TextColumn(
            c["aid_year"], help=t("ui.fc.col.aid_year_help", language, age=max_age)
        ),
        c["memoranda"]: st.column_config.TextColumn(c["memoranda"], help=t("ui.fc.col.memoranda_help", language)),
        c["dtt"]: st.column_config.TextColumn(c["dtt"], help=t("ui.col.dtt_help", language)),
        c["dtt_year"]: st.column_config.TextColumn(c["dtt_year"], help=t("ui.fc.col.dtt_year_help", language)),
        c["isdbt"]: st.column_config.CheckboxColumn(c["isdbt"], help=t("ui.fc.col.isdbt_help", language)),
        c["dtt_source"]: st.column_config.LinkColumn(c["dtt_source"], help=t("ui.fc.col.dtt_source_help", language)),
    }
    return Table(frame, columns)


# --- fields and rivals -----------------------------------------------------------------------------


def rival_matrix_table(ds: Dataset, rivals: pd.DataFrame, countries: Sequence[str], language: Lang) -> Table:
    """Countries × fields: the main rival's short name and its threat; * = presence assumed."""
    fields = list(ds.fields.sort_values("phase", kind="stable").index)
    fnames = field_names(ds, language)
    country = t("ui.col.country", language)
    frame = pd.DataFrame({country: [_name(ds, i, language) for i in countries], "ISO3": list(countries)})
    lookup = rivals.set_index(["iso3", "field_id"])
    for field_id in fields:
        cells = []
        for iso3 in countries:
            if (iso3, field_id) not in lookup.index:
                cells.append(t("fmt.na", language))
                continue
            row = lookup.loc[(iso3, field_id)]
            if pd.isna(row["main_threat"]):
                cells.append(t("fmt.na", language))
            elif not isinstance(row["main_rival"], str) or not row["main_rival"].strip():
                cells.append(t("ui.cp.nobody", language))
            else:
                star = "" if bool(row["main_measured"]) else "*"
                cells.append(f"{rival_label(ds, row['main_rival'], language)}{star} {float(row['main_threat']):.2f}")
        frame[fnames[field_id]] = cells
    columns = {country: st.column_config.TextColumn(country, width=130, pinned=True)}
    for field_id in fields:
        name = fnames[field_id]
        columns[name] = st.column_config.TextColumn(
            name, help=t("ui.fd.phase_field", language, phase=int(ds.fields.at[field_id, "phase"]), name=name)
        )
    return Table(frame, columns)


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
    """Rivals × fields in one country: threat (cividis); cells resting on assumed presence are faded."""
    fields = list(ds.fields.sort_values("phase", kind="stable").index)
    rivals = list(dict.fromkeys(detail["rival_id"].astype(str)))
    z = detail.pivot(index="rival_id", columns="field_id", values="threat").reindex(index=rivals, columns=fields)
    measured = (
        detail.pivot(index="rival_id", columns="field_id", values="measured")
        .reindex(index=rivals, columns=fields)
        .fillna(False)
        .to_numpy(dtype=bool)
    )
    fnames = field_names(ds, language)
    x = [_short(str(fnames.get(f, f)), 26) for f in fields]
    y = [rival_label(ds, r, language) for r in rivals]
    values = z.to_numpy(dtype=float)
    threat = t("ui.cp.threat", language)
    figure = evidence_heatmap(
        values,
        measured,
        x,
        y,
        np.char.mod("%.2f", np.nan_to_num(values)),
        lambda basis: f"%{{y}} · %{{x}}<br>{threat}: %{{z:.2f}} ({basis})<extra></extra>",
        language,
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


def country_fields_table(ds: Dataset, frame: pd.DataFrame, language: Lang) -> Table:
    """Every field in one country, best opportunity first: fit and its parts, the main rival."""
    fnames = field_names(ds, language)
    rows = frame.sort_values("opportunity", ascending=False, na_position="last", kind="stable")
    c = {
        k: t(f"ui.cp.pf.col.{k}", language)
        for k in ("phase", "field", "opportunity", "pair_rank", "fit", "need", "readiness", "strength")
    }
    c |= {k: t(f"ui.cp.col.{k}", language) for k in ("main_rival", "threat", "japan", "margin", "white_space")}
    rivals = []
    for r, m in zip(rows["main_rival"], rows["main_measured"], strict=True):
        if not isinstance(r, str) or not r.strip():
            rivals.append(t("ui.cp.nobody", language))
        else:
            rivals.append(rival_label(ds, r, language) + ("" if bool(m) else "*"))
    out = pd.DataFrame(
        {
            c["phase"]: rows["phase"].to_numpy(),
            c["field"]: [fnames.get(f, f) for f in rows.index],
            c["opportunity"]: rows["opportunity"].to_numpy(dtype=float),
            c["pair_rank"]: rows["pair_rank"].to_numpy(),
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


def indicator_table(ds: Dataset, latest: pd.DataFrame, used: set[str], max_age: int, language: Lang) -> Table:
    """Every catalogue indicator of one country: value (formatted), unit, year, status, source, licence."""
    names_ = indicator_names(ds.catalog, language)
    c = {k: t(f"ui.cp.pf.col.{k}", language) for k in ("pillar", "indicator", "value", "unit", "year", "status")}
    c |= {k: t(f"ui.cp.pf.col.{k}", language) for k in ("source", "licence", "used")}
    status = {
        "current": "",
        "old": t("ui.cp.pf.status.old", language, age=max_age),
        "missing": t("ui.cp.pf.status.missing", language),
    }
    out = pd.DataFrame(
        {
            c["pillar"]: [label("pillar", p, language) for p in latest["pillar"]],
            c["indicator"]: [str(names_.get(i, i)) for i in latest.index],
            c["value"]: [
                format_value(v, u, language) if s != "missing" else t("fmt.na", language)
                for v, u, s in zip(latest["value"], latest["unit"], latest["status"], strict=True)
            ],
            c["unit"]: [unit_label(u, language) for u in latest["unit"]],
            c["year"]: [_year(y) for y in latest["year"]],
            c["status"]: [status[s] for s in latest["status"]],
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
        c["year"]: st.column_config.TextColumn(c["year"], width=52, help=t("ui.cp.pf.col.year_help", language)),
        c["status"]: st.column_config.TextColumn(
            c["status"], help=t("ui.cp.pf.col.status_help", language, age=max_age), width=110
        ),
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
